"""The data version: which computed figures are still valid.

Every row of an OPD's data (its plans, budget, PK, monev values, report) belongs to exactly one OPD. When
such a row is written, the OPD's token in `inti.VersiData` changes in the same transaction; when a row that
concerns the whole installation is written (a Pemda, a category scale, a user's name), the token `*` does.
A figure computed after reading the pair `token_opd` names is valid exactly as long as the pair is
unchanged: `capaian.engine` caches its results and `lkjip.laporan` its renders under it.

How the tokens change:

- a save or delete of any model of the data apps, through the ORM or the admin: the `post_save`,
  `post_delete` and `m2m_changed` receivers below find the row's OPD by following its foreign keys
  (`jalur_opd`, computed once per model) and change its token;
- writes the ORM sends no signal for (`bulk_create`, `QuerySet.update`, `inti.tulis.tulis_banyak`, the
  dataset loader): the writer calls `naikkan(opd_ids)` itself. `tests/test_versi.py` runs every kind of
  write and asserts that the pages show the new figure.

Tokens are random, not counters: a write that is rolled back never makes an old token stand for new data.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from inti.models import OPD, AksesPemda, Keanggotaan, Pemda, VersiData

# The apps whose rows are an OPD's data or the installation's.
APP_DATA = ("inti", "renstra", "anggaran", "perjanjian", "capaian", "laporan")
# Models that change no figure and no document: the token itself, the background jobs' bookkeeping and
# django-simple-history's rows.
_BUKAN_DATA = {"inti.VersiData", "inti.Pekerjaan"}
# User fields a save may touch without changing any document (the login stamp, a new password, the
# account switched on or off).
_MEDAN_PENGGUNA_ABAIKAN = {"last_login", "password", "is_active"}

GLOBAL = VersiData.GLOBAL
PERAN = VersiData.PERAN
# The models whose rows decide who reads which OPD and what the navbar lists.
MODEL_PERAN = (Keanggotaan, AksesPemda, OPD, Pemda)

# Counts this process's writes of roles (`MODEL_PERAN`). A user read with the roles token also keeps this
# count (`inti.auth`); when a write happened since, the token it holds may be older than what this
# connection now sees (or will see after a rollback), and nothing is cached under it.
_generasi_peran = 0


def generasi_peran() -> int:
    return _generasi_peran


def kunci_opd(opd_id: int) -> str:
    return f"opd:{opd_id}"


def _token_baru() -> str:
    return secrets.token_hex(8)


def naikkan(opd_ids: Iterable[int] = (), *, semua: bool = False, peran: bool = False) -> None:
    """A new token for each OPD (for the installation when `semua`, for the roles when `peran`), in the
    caller's transaction.

    One query: an insert that updates the rows that exist. Call it inside the transaction of the write.
    """
    kunci = sorted(
        {kunci_opd(pk) for pk in opd_ids if pk is not None}
        | ({GLOBAL} if semua else set())
        | ({PERAN} if peran else set())
    )
    if not kunci:
        return
    if peran:
        global _generasi_peran
        _generasi_peran += 1
    token = _token_baru()
    VersiData.objects.bulk_create(
        [VersiData(kunci=k, token=token) for k in kunci],
        update_conflicts=True,
        unique_fields=["kunci"],
        update_fields=["token", "diubah"],
    )


def kunci(opd_id: int) -> None:
    """Lock the OPD's version row until the transaction ends, without changing its token.

    Every write of the OPD's data takes this row (through `naikkan`); a transaction that will also take
    other rows of the OPD (a year's, see `inti.tulis.kunci_tahun`) takes this one first, so all of them
    lock in one order and never deadlock.
    """
    if not VersiData.objects.select_for_update().filter(kunci=kunci_opd(opd_id)).exists():
        naikkan([opd_id])


def token_banyak(opd_ids: Iterable[int]) -> dict[int, str | None]:
    """`{opd_id: token}` for the OPDs, one query; the token covers the OPD and the installation.

    None for an OPD without a token (never written through this module): it must not be cached.
    """
    ids = list(dict.fromkeys(opd_ids))
    baris = dict(
        VersiData.objects.filter(kunci__in=[GLOBAL, *(kunci_opd(pk) for pk in ids)]).values_list(
            "kunci", "token"
        )
    )
    umum = baris.get(GLOBAL)
    return {pk: (f"{umum}.{baris[kunci_opd(pk)]}" if umum and kunci_opd(pk) in baris else None) for pk in ids}


def token_opd(opd_id: int) -> str | None:
    return token_banyak([opd_id])[opd_id]


# --------------------------------------------------------------------------------------------
# From a row to its OPD
# --------------------------------------------------------------------------------------------


def _model_data(model) -> bool:
    meta = model._meta
    return (
        meta.app_label in APP_DATA
        and not meta.abstract
        and not meta.proxy
        and meta.label not in _BUKAN_DATA
        and not meta.object_name.startswith("Historical")
    )


@cache
def jalur_opd(model) -> tuple[tuple[str, ...], ...] | None:
    """The foreign-key paths from `model` to its OPD, shortest first; () for installation-wide rows.

    A path is a tuple of field names ending with the field that holds the OPD's id (`("indikator",
    "opd")`). Several paths when a row may hang on one of several parents (a budget line on a programme,
    a kegiatan or a sub kegiatan). None: not a data model (no token to change).
    """
    if model is OPD:
        return (("pk",),)
    if not _model_data(model):
        return None
    jalur: list[tuple[str, ...]] = []
    # Breadth first over the foreign keys; a model appears once per path (a Renstra's revisi_dari, a
    # PK's menggantikan point back to their own kind).
    antrian: list[tuple[tuple[type, ...], tuple[str, ...]]] = [((model,), ())]
    while antrian:
        dilalui, awalan = antrian.pop(0)
        for f in dilalui[-1]._meta.concrete_fields:
            if not f.is_relation or f.related_model is None:
                continue
            if f.related_model is OPD:
                jalur.append((*awalan, f.name))
            elif _model_data(f.related_model) and f.related_model not in dilalui and len(awalan) < 6:
                antrian.append(((*dilalui, f.related_model), (*awalan, f.name)))
    jalur.sort(key=len)
    return tuple(jalur)


def opd_dari(obj) -> tuple[set[int], bool]:
    """The OPDs a row belongs to and whether it concerns the installation (no OPD reachable)."""
    model = type(obj)
    jalur = jalur_opd(model)
    if jalur is None:
        return set(), False
    if not jalur:
        return set(), True
    for langkah in jalur:
        if langkah == ("pk",):
            return {obj.pk}, False
        nilai = obj
        for i, nama in enumerate(langkah):
            if i == len(langkah) - 1:
                nilai = getattr(nilai, f"{nama}_id", None)
                break
            field = nilai._meta.get_field(nama)
            if getattr(nilai, field.attname) is None:
                nilai = None
                break
            try:
                nilai = getattr(nilai, nama)
            except field.related_model.DoesNotExist:
                nilai = None
                break
        if nilai is not None:
            return {nilai}, False
    # A row hanging on nothing we can follow: invalidate everything rather than serve a stale figure.
    return set(), True


def opd_dari_banyak(model, objek: Iterable) -> tuple[set[int], bool]:
    """`opd_dari` for many rows of one model: the first hop read from the rows, the rest in one query."""
    objek = list(objek)
    jalur = jalur_opd(model)
    if jalur is None or not objek:
        return set(), False
    if not jalur:
        return set(), True
    if jalur == (("pk",),):
        return {o.pk for o in objek}, False
    hasil: set[int] = set()
    sisa = objek
    for langkah in jalur:
        if not sisa:
            break
        field = model._meta.get_field(langkah[0])
        punya = [o for o in sisa if getattr(o, field.attname) is not None]
        sisa = [o for o in sisa if getattr(o, field.attname) is None]
        if not punya:
            continue
        if len(langkah) == 1:
            hasil |= {getattr(o, field.attname) for o in punya}
        else:
            induk = {getattr(o, field.attname) for o in punya}
            hasil |= set(
                field.related_model._default_manager.filter(pk__in=induk)
                .values_list("__".join(langkah[1:]), flat=True)
                .distinct()
            )
    hasil.discard(None)
    return hasil, bool(sisa)


# --------------------------------------------------------------------------------------------
# The receivers
# --------------------------------------------------------------------------------------------


def _setelah_tulis(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    opd_ids, semua = opd_dari(instance)
    if opd_ids or semua:
        naikkan(opd_ids, semua=semua, peran=sender in MODEL_PERAN)


def _setelah_tulis_peran(sender, instance, **kwargs) -> None:
    # Fixtures too (raw): a loaded role must never meet a user's scopes kept from before it.
    if kwargs.get("raw"):
        naikkan(peran=True)


def _setelah_tulis_user(sender, instance, update_fields=None, **kwargs) -> None:
    # A user's name is printed in documents (signatures, history); their login stamp is not.
    if kwargs.get("raw") or (update_fields and set(update_fields) <= _MEDAN_PENGGUNA_ABAIKAN):
        return
    naikkan(semua=True)


def _m2m(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_"):
        _setelah_tulis(type(instance), instance)


def sambungkan() -> None:
    """Connect the receivers to every data model (called once by `inti.apps`)."""
    for model in apps.get_models():
        if model is OPD or jalur_opd(model) is not None:
            uid = f"inti.versi:{model._meta.label}"
            post_save.connect(_setelah_tulis, sender=model, dispatch_uid=uid + ":save", weak=False)
            post_delete.connect(_setelah_tulis, sender=model, dispatch_uid=uid + ":delete", weak=False)
            for f in model._meta.many_to_many:
                m2m_changed.connect(
                    _m2m, sender=f.remote_field.through, dispatch_uid=uid + f":m2m:{f.name}", weak=False
                )
    for model in MODEL_PERAN:
        uid = f"inti.versi:peran:{model._meta.label}"
        post_save.connect(_setelah_tulis_peran, sender=model, dispatch_uid=uid, weak=False)
    post_save.connect(
        _setelah_tulis_user, sender=get_user_model(), dispatch_uid="inti.versi:user", weak=False
    )


__all__ = [
    "GLOBAL",
    "MODEL_PERAN",
    "PERAN",
    "generasi_peran",
    "jalur_opd",
    "naikkan",
    "opd_dari",
    "opd_dari_banyak",
    "sambungkan",
    "token_banyak",
    "token_opd",
]
