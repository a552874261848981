"""Who may read and write which OPD: the one place that turns roles into scopes.

Roles (see `inti.models`):

- operator (Keanggotaan): reads and writes their OPD;
- kepala (Keanggotaan): reads their OPD and approves;
- auditor (Keanggotaan): reads the OPD; auditor (AksesPemda): reads every OPD of the Pemda;
  auditors write only review notes;
- admin (AksesPemda): reads and writes every OPD of the Pemda; a superuser is admin everywhere.

Another OPD's object answers 404 (its existence is not revealed); a read-only user's write answers 403.
The scopes are computed once per user object (two small queries) and cached on it, which in a request
means once per request. A user read by the login backend (`inti.auth`) carries the roles token, and then
the scopes are also kept in the process under it (`per_peran`): a later request of the same user, with no
role, OPD or Pemda written since, computes nothing. Call `lupakan_akses(user)` after changing a user's
roles in the same process.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Model, Q, QuerySet, Value
from django.http import Http404

from inti import versi
from inti.auth import ATTR_TOKEN_PERAN
from inti.cache import CacheHasil
from inti.models import OPD, AksesPemda, Keanggotaan

_CACHE_ATTR = "_akses_cache"
# What is kept per user under the roles token: their scopes, the navbar's OPDs. Two entries per user.
_PER_PERAN = CacheHasil(ukuran=2000)

ADMIN = "admin"
OPERATOR = Keanggotaan.Peran.OPERATOR.value
KEPALA = Keanggotaan.Peran.KEPALA.value
AUDITOR = Keanggotaan.Peran.AUDITOR.value

LABEL_PERAN = {ADMIN: "Admin", OPERATOR: "Operator", KEPALA: "Kepala OPD", AUDITOR: "Auditor"}
# Display order; also the precedence when a user holds more than one role for the same OPD.
URUTAN_PERAN = (ADMIN, OPERATOR, KEPALA, AUDITOR)


@dataclass(frozen=True)
class Akses:
    """A user's roles and the OPDs they reach. Sets hold primary keys."""

    user_id: int | None
    superuser: bool = False
    admin_pemda_ids: frozenset[int] = frozenset()
    auditor_pemda_ids: frozenset[int] = frozenset()
    operator_opd_ids: frozenset[int] = frozenset()
    kepala_opd_ids: frozenset[int] = frozenset()
    auditor_opd_ids: frozenset[int] = frozenset()
    # Resolved from the roles above, including the OPDs a Pemda-wide role reaches.
    opd_baca_ids: frozenset[int] = frozenset()
    opd_tulis_ids: frozenset[int] = frozenset()
    opd_pemda: dict[int, int] = field(default_factory=dict)  # OPD id -> Pemda id, for every readable OPD

    @property
    def is_admin(self) -> bool:
        """Admin of at least one Pemda (or superuser)."""
        return self.superuser or bool(self.admin_pemda_ids)

    @property
    def pemda_ids(self) -> frozenset[int]:
        return frozenset(self.opd_pemda.values()) | self.admin_pemda_ids | self.auditor_pemda_ids

    def admin_pemda(self, pemda_id: int) -> bool:
        return self.superuser or pemda_id in self.admin_pemda_ids

    def boleh_baca(self, opd_id: int) -> bool:
        return opd_id in self.opd_baca_ids

    def boleh_tulis(self, opd_id: int) -> bool:
        return opd_id in self.opd_tulis_ids

    def boleh_setujui(self, opd_id: int) -> bool:
        """Approve or sign for the OPD: its kepala, or an admin."""
        return opd_id in self.kepala_opd_ids or self._admin_opd(opd_id)

    def boleh_reviu(self, opd_id: int) -> bool:
        """Write review notes on the OPD: an auditor who reads it, or an admin."""
        pemda_id = self.opd_pemda.get(opd_id)
        return (
            opd_id in self.auditor_opd_ids
            or (pemda_id is not None and pemda_id in self.auditor_pemda_ids)
            or self._admin_opd(opd_id)
        )

    def peran_di_opd(self, opd_id: int) -> str | None:
        """The user's strongest role in the OPD: admin, operator, kepala, auditor, or None."""
        if self._admin_opd(opd_id):
            return ADMIN
        if opd_id in self.operator_opd_ids:
            return OPERATOR
        if opd_id in self.kepala_opd_ids:
            return KEPALA
        if opd_id in self.auditor_opd_ids or self.opd_pemda.get(opd_id) in self.auditor_pemda_ids:
            return AUDITOR
        return None

    @property
    def peran(self) -> list[str]:
        """Every kind of role the user holds anywhere, in display order."""
        ada = {
            ADMIN: self.is_admin,
            OPERATOR: bool(self.operator_opd_ids),
            KEPALA: bool(self.kepala_opd_ids),
            AUDITOR: bool(self.auditor_opd_ids or self.auditor_pemda_ids),
        }
        return [p for p in URUTAN_PERAN if ada[p]]

    @property
    def label_peran(self) -> list[str]:
        return [LABEL_PERAN[p] for p in self.peran]

    def _admin_opd(self, opd_id: int) -> bool:
        pemda_id = self.opd_pemda.get(opd_id)
        return pemda_id is not None and self.admin_pemda(pemda_id)


def _hitung_akses(user) -> Akses:
    if user is None or not user.is_authenticated or not user.is_active:
        return Akses(user_id=None)
    peran_opd: dict[str, set[int]] = {OPERATOR: set(), KEPALA: set(), AUDITOR: set()}
    admin_pemda: set[int] = set()
    auditor_pemda: set[int] = set()
    # The OPD roles and the Pemda-wide ones in one query: every page asks.
    jenis = models.CharField()
    per_opd = Keanggotaan.objects.filter(user=user).order_by()
    per_pemda = AksesPemda.objects.filter(user=user).order_by()
    for lingkup, pk, peran in per_opd.values_list(Value("opd", output_field=jenis), "opd_id", "peran").union(
        per_pemda.values_list(Value("pemda", output_field=jenis), "pemda_id", "peran"), all=True
    ):
        if lingkup == "opd":
            peran_opd[peran].add(pk)
        else:
            (admin_pemda if peran == AksesPemda.Peran.ADMIN else auditor_pemda).add(pk)

    opd_qs = OPD.objects.order_by()
    if not user.is_superuser:
        opd_qs = opd_qs.filter(
            Q(pk__in=peran_opd[OPERATOR] | peran_opd[KEPALA] | peran_opd[AUDITOR])
            | Q(pemda_id__in=admin_pemda | auditor_pemda)
        )
    opd_pemda = dict(opd_qs.values_list("pk", "pemda_id"))
    tulis = {
        opd_id
        for opd_id, pemda_id in opd_pemda.items()
        if user.is_superuser or pemda_id in admin_pemda or opd_id in peran_opd[OPERATOR]
    }
    return Akses(
        user_id=user.pk,
        superuser=user.is_superuser,
        admin_pemda_ids=frozenset(admin_pemda),
        auditor_pemda_ids=frozenset(auditor_pemda),
        operator_opd_ids=frozenset(peran_opd[OPERATOR]),
        kepala_opd_ids=frozenset(peran_opd[KEPALA]),
        auditor_opd_ids=frozenset(peran_opd[AUDITOR]),
        opd_baca_ids=frozenset(opd_pemda),
        opd_tulis_ids=frozenset(tulis),
        opd_pemda=opd_pemda,
    )


def per_peran(user, nama: str, hitung):
    """`hitung()`, kept in this process per user under the roles token (`inti.versi.PERAN`).

    For what depends only on the user's account and roles and on the OPDs and Pemdas (their scopes, the
    navbar's list). Computed afresh when the user was not read with the token (not by `inti.auth`), when
    the installation has no token yet, or when this process wrote a role since the token was read.
    """
    token, generasi = getattr(user, ATTR_TOKEN_PERAN, None) or (None, None)
    if token is None or generasi != versi.generasi_peran():
        return hitung()
    return _PER_PERAN.ambil_atau_buat((nama, user.pk, user.is_superuser, user.is_active, token), hitung)


def peran_pengguna(user) -> Akses:
    """The user's `Akses`, computed on first use and cached on the user object (and in the process,
    `per_peran`)."""
    if user is None or not user.is_authenticated:
        return Akses(user_id=None)
    akses = getattr(user, _CACHE_ATTR, None)
    if akses is None or akses.user_id != user.pk:
        akses = per_peran(user, "akses", lambda: _hitung_akses(user))
        setattr(user, _CACHE_ATTR, akses)
    return akses


def lupakan_akses(user) -> None:
    """Drop the cached `Akses` (after a role change within the same request or test)."""
    if user is not None:
        for attr in (_CACHE_ATTR, ATTR_TOKEN_PERAN):
            if hasattr(user, attr):
                delattr(user, attr)


def opd_terbaca(user) -> QuerySet[OPD]:
    return OPD.objects.filter(pk__in=peran_pengguna(user).opd_baca_ids).select_related("pemda")


def opd_tertulis(user) -> QuerySet[OPD]:
    return OPD.objects.filter(pk__in=peran_pengguna(user).opd_tulis_ids).select_related("pemda")


def boleh_baca_opd(user, opd: OPD | int) -> bool:
    return peran_pengguna(user).boleh_baca(_pk(opd))


def boleh_tulis_opd(user, opd: OPD | int) -> bool:
    return peran_pengguna(user).boleh_tulis(_pk(opd))


def pastikan_akses_opd(user, opd: OPD | int, *, tulis: bool = False) -> None:
    """Raise Http404 if the user may not read the OPD, PermissionDenied if `tulis` and they may not write."""
    akses = peran_pengguna(user)
    opd_id = _pk(opd)
    if not akses.boleh_baca(opd_id):
        raise Http404("Data tidak ditemukan.")
    if tulis and not akses.boleh_tulis(opd_id):
        raise PermissionDenied("Anda hanya dapat membaca data OPD ini.")


def filter_opd(qs: QuerySet, user, path: str = "opd", *, tulis: bool = False) -> QuerySet:
    """Narrow any queryset to the OPDs the user reads (or writes); `path` leads from the model to its OPD.

    Example: `filter_opd(RealisasiIndikator.objects.all(), user, "indikator__opd")`.
    """
    akses = peran_pengguna(user)
    ids = akses.opd_tulis_ids if tulis else akses.opd_baca_ids
    return qs.filter(**{f"{path}__in": ids})


def get_opd_or_404(user, kode: str, *, tulis: bool = False) -> OPD:
    """The OPD with this code, if the user may read it (404 otherwise; 403 if `tulis` and read-only)."""
    opd = OPD.objects.select_related("pemda").filter(kode=kode).first()
    if opd is None:
        raise Http404("OPD tidak ditemukan.")
    pastikan_akses_opd(user, opd, tulis=tulis)
    return opd


def _pk(obj: Model | int) -> int:
    return obj if isinstance(obj, int) else obj.pk
