"""Reads of the Pemda admin's pages (accounts, roles, OPDs): what each page shows, access checked, in a
fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from inti.akses import peran_pengguna
from inti.models import OPD, AksesPemda, Keanggotaan, Pemda
from inti.riwayat import BarisRiwayat, riwayat
from inti.selectors import pemda_pilihan

User = get_user_model()
RIWAYAT_MAKS = 50


def pemda_dikelola(admin) -> QuerySet[Pemda]:
    """The Pemdas whose people and OPDs this user administers."""
    akses = peran_pengguna(admin)
    if akses.superuser:
        return Pemda.objects.all()
    return Pemda.objects.filter(pk__in=akses.admin_pemda_ids)


PESAN_403 = "Halaman ini hanya untuk admin Pemda."


def pemda_aktif(admin, kode: str | None) -> Pemda:
    """The Pemda the admin works on: the one with this code, else their own (the one they are admin of
    rather than one a superuser merely reaches; `inti.selectors.pemda_pilihan`). 403 if none."""
    if kode:
        pemda = pemda_dikelola(admin).filter(kode=kode).first()
    else:
        pemda = next(iter(pemda_pilihan(admin, hanya_admin=True)), None)
    if pemda is None:
        raise PermissionDenied(PESAN_403)
    return pemda


def opd_dikelola_get_or_404(admin, kode: str) -> OPD:
    """An OPD of a Pemda the user administers, with its Pemda: 403 for anyone who administers none, 404 for
    an unknown OPD or one of another Pemda (nothing is said of it)."""
    akses = peran_pengguna(admin)
    if not akses.is_admin:
        raise PermissionDenied(PESAN_403)
    opd = OPD.objects.select_related("pemda").filter(kode=kode).first()
    if opd is None or not akses.admin_pemda(opd.pemda_id):
        raise Http404("OPD tidak ditemukan.")
    return opd


def pengguna_pemda(pemda: Pemda) -> QuerySet:
    """Accounts that belong to the Pemda: a role in it or in one of its OPDs, or no role at all yet."""
    return (
        User.objects.filter(
            Q(keanggotaan__opd__pemda=pemda)
            | Q(akses_pemda__pemda=pemda)
            | Q(keanggotaan__isnull=True, akses_pemda__isnull=True, is_superuser=False)
        )
        .distinct()
        .order_by("username")
    )


@dataclass(frozen=True)
class DaftarPengguna:
    pemda: Pemda
    pemda_list: list[Pemda]
    pengguna: list  # users, each with its roles in this Pemda prefetched
    q: str


def daftar_pengguna(admin, *, pemda: Pemda, q: str = "") -> DaftarPengguna:
    qs = pengguna_pemda(pemda).prefetch_related(
        Prefetch("keanggotaan", queryset=Keanggotaan.objects.select_related("opd").filter(opd__pemda=pemda)),
        Prefetch("akses_pemda", queryset=AksesPemda.objects.filter(pemda=pemda)),
    )
    q = q.strip()
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q))
    return DaftarPengguna(pemda, pemda_pilihan(admin, hanya_admin=True), list(qs), q)


def pengguna_get_or_404(pemda: Pemda, pk: int):
    user = pengguna_pemda(pemda).filter(pk=pk).first()
    if user is None:
        raise Http404("Pengguna tidak ditemukan.")
    return user


@dataclass(frozen=True)
class RincianPengguna:
    pengguna: object
    peran_opd: list[Keanggotaan]
    peran_pemda: AksesPemda | None
    riwayat: list[BarisRiwayat]
    terkunci: bool = False  # signing in is locked after too many wrong passwords (from some address)


def pengguna_terkunci(user) -> bool:
    """Whether some address is locked out of this account (django-axes' count reached the limit)."""
    from axes.models import AccessAttempt
    from django.conf import settings

    return AccessAttempt.objects.filter(
        username=user.username, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    ).exists()


def _riwayat_buka_kunci(user) -> list[BarisRiwayat]:
    from inti.services import ALASAN_BUKA_KUNCI
    from inti.tampilan import nama_pengguna

    return [
        BarisRiwayat(r.history_date, nama_pengguna(r.history_user), "", "Kunci masuk", "terkunci", "dibuka", "diubah", ALASAN_BUKA_KUNCI)
        for r in User.history.filter(id=user.pk, history_change_reason=ALASAN_BUKA_KUNCI).select_related("history_user")
    ]


def rincian_pengguna(pemda: Pemda, user) -> RincianPengguna:
    """A user's roles in the Pemda and the history of their roles and account status, newest first."""
    baris = [
        *riwayat(
            Keanggotaan.history.filter(user_id=user.pk).select_related("opd"),
            {"peran": "Peran"},
            tampil=lambda r, _: f"Peran {r.get_peran_display()} di {r.opd}",
        ),
        *riwayat(
            AksesPemda.history.filter(user_id=user.pk).select_related("pemda"),
            {"peran": "Peran se-Pemda"},
            tampil=lambda r, _: f"{r.get_peran_display()} {r.pemda}",
        ),
        *riwayat(
            User.history.filter(id=user.pk),
            {"is_active": "Status akun"},
            tampil=lambda r, _: "Akun aktif" if r.is_active else "Akun nonaktif",
        ),
        *_riwayat_buka_kunci(user),
    ]
    baris.sort(key=lambda b: b.waktu, reverse=True)
    return RincianPengguna(
        pengguna=user,
        peran_opd=list(Keanggotaan.objects.filter(user=user, opd__pemda=pemda).select_related("opd")),
        peran_pemda=AksesPemda.objects.filter(user=user, pemda=pemda).first(),
        riwayat=baris[:RIWAYAT_MAKS],
        terkunci=pengguna_terkunci(user),
    )


def daftar_opd(pemda: Pemda) -> list[OPD]:
    return list(OPD.objects.filter(pemda=pemda).order_by("nama"))


def opd_pemda_get_or_404(pemda: Pemda, kode: str | int, *, medan: str = "kode") -> OPD:
    opd = OPD.objects.filter(pemda=pemda, **{medan: kode}).first()
    if opd is None:
        raise Http404("OPD tidak ditemukan.")
    return opd
