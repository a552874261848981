"""The one dataset writer: every row checked with the models' own rules, then everything written in one
transaction, each row with a history row naming the acting user and the reason; or nothing at all.

Finding stored rows. A row is looked up by the model's own unique key: the first unique field or
`UniqueConstraint` of the model that applies to it (its condition holds, its fields are set), one query
per model and key. A row under a parent that is itself new cannot be stored yet, and is not looked up.
A stored row is kept, overwritten or compared, as the row's `bila_ada` says; any other row is created.

Checks, before anything is written, of every row to create or change:
- `clean_fields()`: lengths, choices, validators, decimal digits. Relations are left out: the readers
  resolve references themselves, and a reference to nothing is theirs to report.
- every `CheckConstraint` of the model, evaluated on the unsaved objects (`_uji` reads the condition
  as SQL would, NULL included), and every unique key among the dataset's own rows, each with the
  constraint's own `violation_error_message`; unique keys against stored rows through Django's own
  `validate_unique` / `UniqueConstraint.validate`. As in `full_clean`, a constraint over a field
  already refused is not checked again.
The models' `clean()` methods compare related rows by their ids (the same OPD, the PK revision chain,
the variables of a formula), which new rows only have once inserted. They run on every new and changed
row inside the same transaction, right after the inserts; any problem rolls everything back. The
database enforces the constraints a third time; if it still refuses a row, nothing is written either.

Writes: new rows with `bulk_create_with_history`, model by model in the order of their relations (rows
that refer to a row of their own model, a PK Perubahan and the PK it replaces, in waves); changed rows
with `save()`. Both record the acting user and the reason.
"""

from __future__ import annotations

import getpass
import operator
from collections import Counter, defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from graphlib import TopologicalSorter
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.db.models.constants import LOOKUP_SEP
from simple_history.utils import bulk_create_with_history

from inti.tampilan import tampil_nilai
from inti.tulis import PANJANG_ALASAN
from inti.versi import MODEL_PERAN, naikkan, opd_dari_banyak
from lkjip.dataset.baris import BagianOPD, Baris, BilaAda, Dataset, DatasetTidakSah, Masalah


@dataclass
class HasilTulis:
    objek: dict[Baris, models.Model]  # every row's object: created, found, or changed
    dibuat: list[Baris]
    diubah: list[Baris]
    opd_dilewati: list[BagianOPD]  # stored OPDs left as they are (`BagianOPD.lewati_bila_ada`)

    def jumlah_dibuat(self) -> Counter[type[models.Model]]:
        return Counter(b.model for b in self.dibuat)


_AWALAN_ALASAN: ContextVar[str] = ContextVar("awalan_alasan", default="")


@contextmanager
def alasan_perintah(awalan: str):
    """Every `tulis_dataset` inside starts its history reason with `awalan` (who ran a command, and why)."""
    token = _AWALAN_ALASAN.set(awalan)
    try:
        yield
    finally:
        _AWALAN_ALASAN.reset(token)


def awalan_perintah(perintah: str, user, alasan: str) -> str:
    """The reason a command records in history: its `alasan`, with who ran it when no app user did.

    An app user is the history row's user already; without one the OS user goes in front of the reason:
    "[muat_dataset, pengguna OS deploy] Pemulihan data demo".
    """
    alasan = alasan.strip()
    if user is not None:
        return alasan
    return f"[{perintah}, pengguna OS {getpass.getuser()}] {alasan}".strip()


def tulis_dataset(data: Dataset, *, user=None, alasan: str) -> HasilTulis:
    """Check every row, then write them all in one transaction (DatasetTidakSah: nothing written).

    Inside `alasan_perintah` the history reason starts with the command's own. A stored OPD whose year
    is frozen or approved is never overwritten (`alasan_tahun_terkunci`).
    """
    awalan = _AWALAN_ALASAN.get()
    if awalan:
        alasan = f"{awalan}{' ' if awalan.endswith(']') else ' — '}{alasan}"
    penulis = _Penulis(data)
    try:
        with transaction.atomic():
            penulis.rencanakan()
            penulis.periksa_tahun_terkunci()
            if penulis.masalah:
                raise DatasetTidakSah(penulis.masalah)
            penulis.tulis(user=user, alasan=alasan[:PANJANG_ALASAN])
            if penulis.masalah:
                raise DatasetTidakSah(penulis.masalah)  # raised inside the block: everything is rolled back
    except IntegrityError as exc:
        raise DatasetTidakSah([Masalah("", _pesan_basis_data(exc, penulis.urutan))]) from None
    return penulis.hasil()


def _tahun_baris(obj: models.Model, kedalaman: int = 4) -> int | None:
    """The year a row belongs to: its `tahun` field, else that of the row it hangs from (depth-first)."""
    try:
        medan = type(obj)._meta.get_field("tahun")
    except FieldDoesNotExist:
        medan = None
    if medan is not None and medan.concrete:
        tahun = getattr(obj, "tahun", None)
        return tahun if isinstance(tahun, int) else None
    if kedalaman == 0:
        return None
    for f in type(obj)._meta.concrete_fields:
        if f.is_relation and f.many_to_one and getattr(obj, f.attname, None) is not None:
            tahun = _tahun_baris(getattr(obj, f.name), kedalaman - 1)
            if tahun is not None:
                return tahun
    return None


def alasan_tahun_terkunci(pasangan) -> dict[tuple[int, int], str]:
    """{(opd id, year): why it may not be written by a command} for the pairs frozen or approved.

    A year is closed to the dataset commands when it is frozen (`inti.TahunOPD.beku`: its LKjIP is
    submitted), its PK is approved, or its LKjIP is approved; the web pages change such a year only
    through their own flows (a PK Perubahan, a report sent back to draft), never by a bulk rewrite.
    """
    from inti.models import TahunOPD
    from lkjip.laporan.models import Laporan
    from perjanjian.models import PerjanjianKinerja

    pasangan = set(pasangan)
    if not pasangan:
        return {}
    opd_ids = {o for o, _ in pasangan}
    tahun = {t for _, t in pasangan}
    hasil: dict[tuple[int, int], str] = {}
    saring = {"opd_id__in": opd_ids, "tahun__in": tahun}
    for kunci in Laporan.objects.filter(status=Laporan.Status.DISETUJUI, **saring).values_list("opd_id", "tahun"):
        hasil.setdefault(kunci, f"LKjIP tahun {kunci[1]} sudah disetujui")
    for kunci in TahunOPD.objects.filter(beku=True, **saring).values_list("opd_id", "tahun"):
        hasil.setdefault(kunci, f"data tahun {kunci[1]} dibekukan (LKjIP sudah diajukan)")
    pk = PerjanjianKinerja.objects.filter(status=PerjanjianKinerja.Status.DISETUJUI, **saring)
    for kunci in pk.values_list("opd_id", "tahun"):
        hasil.setdefault(kunci, f"Perjanjian Kinerja tahun {kunci[1]} sudah disetujui")
    return {
        k: f"Tahun ini tidak dapat ditulis ulang oleh perintah: {v}. Ubah lewat aplikasi (PK Perubahan, "
        "atau kembalikan laporan ke draf) bila memang perlu."
        for k, v in hasil.items()
        if k in pasangan
    }


# --------------------------------------------------------------------------------------------------
# What the models say about themselves
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # compared by identity: one instance per key, cached per model
class _Unik:
    """A unique key of a model: a unique field, a `unique_together`, or a `UniqueConstraint`."""

    medan: tuple[str, ...]
    syarat: Q | None = None
    batasan: models.UniqueConstraint | None = None

    def pesan(self, obj: models.Model) -> str:
        if self.batasan is not None:
            return self.batasan.get_violation_error_message()
        return " ".join(obj.unique_error_message(type(obj), self.medan).messages)


@cache
def _kunci_unik(model: type[models.Model]) -> tuple[_Unik, ...]:
    meta = model._meta
    return (
        *(_Unik((f.name,)) for f in meta.local_concrete_fields if f.unique and not f.primary_key),
        *(_Unik(tuple(k)) for k in meta.unique_together),
        *(
            _Unik(tuple(c.fields), c.condition, c)
            for c in meta.constraints
            if isinstance(c, models.UniqueConstraint) and c.fields
        ),
    )


@cache
def _batasan_cek(model: type[models.Model]) -> tuple[models.CheckConstraint, ...]:
    return tuple(c for c in model._meta.constraints if isinstance(c, models.CheckConstraint))


@cache
def _relasi(model: type[models.Model]) -> tuple[models.Field, ...]:
    return tuple(f for f in model._meta.concrete_fields if f.is_relation)


def _urutan_model(daftar: list[type[models.Model]]) -> list[type[models.Model]]:
    """The models, each after those it refers to (a reference to its own model aside)."""
    graf: TopologicalSorter = TopologicalSorter()
    for model in daftar:
        graf.add(
            model,
            *(
                f.related_model
                for f in _relasi(model)
                if f.related_model in daftar and f.related_model is not model
            ),
        )
    return list(graf.static_order())


# --- a constraint's condition, read on an unsaved object ------------------------------------------


class _TakTerbaca(Exception):
    """A condition `_uji` does not read (a join, a function): Django's own check decides instead."""


_BANDING = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


def _nilai_medan(obj: models.Model, nama: str) -> Any:
    """A field's value; for a relation the related object (new ones have no id yet), else its id."""
    try:
        medan = obj._meta.get_field(nama)
    except FieldDoesNotExist:
        raise _TakTerbaca from None
    if medan.is_relation:
        terkait = medan.get_cached_value(obj, None)
        return terkait if terkait is not None else getattr(obj, medan.attname)
    return getattr(obj, medan.attname)


def _uji(syarat: Q, obj: models.Model) -> bool | None:
    """The condition on the object, in SQL's three values: None when a NULL leaves it unknown.

    A CHECK passes unless the condition is False; a conditional unique key holds only where it is True.
    """
    hasil = [_uji(anak, obj) if isinstance(anak, Q) else _uji_lookup(obj, *anak) for anak in syarat.children]
    if syarat.connector == Q.AND:
        nilai = False if False in hasil else None if None in hasil else True
    elif syarat.connector == Q.OR:
        nilai = True if True in hasil else None if None in hasil else False
    else:
        raise _TakTerbaca
    return nilai if nilai is None or not syarat.negated else not nilai


def _uji_lookup(obj: models.Model, lookup: str, harapan: Any) -> bool | None:
    nama, _, jenis = lookup.partition(LOOKUP_SEP)
    jenis = jenis or "exact"
    nilai = _nilai_medan(obj, nama)
    if jenis == "isnull":
        return (nilai is None) == bool(harapan)
    if isinstance(harapan, F):
        harapan = _nilai_medan(obj, harapan.name)
    elif hasattr(harapan, "resolve_expression") or isinstance(nilai, models.Model):
        raise _TakTerbaca
    elif jenis == "exact" and harapan is None:
        return nilai is None
    if nilai is None or harapan is None:
        return None
    if jenis == "in":
        return nilai in harapan
    if jenis not in _BANDING:
        raise _TakTerbaca
    return _BANDING[jenis](nilai, harapan)


def _medan_dirujuk(syarat: Q) -> set[str]:
    hasil: set[str] = set()
    for anak in syarat.children:
        if isinstance(anak, Q):
            hasil |= _medan_dirujuk(anak)
            continue
        lookup, harapan = anak
        hasil.add(lookup.split(LOOKUP_SEP)[0])
        if isinstance(harapan, F):
            hasil.add(harapan.name.split(LOOKUP_SEP)[0])
    return hasil


# --- keys -----------------------------------------------------------------------------------------


class _Baru:
    """A key value that refers to a row not written yet: no stored row can share the key."""


_BARU = _Baru()


def _nilai_tersimpan(obj: models.Model, medan: models.Field) -> Any:
    """A key field's value as stored: the related row's id for a relation (`_BARU` when it has none yet)."""
    if medan.is_relation:
        terkait = medan.get_cached_value(obj, None)
        if terkait is not None:
            return _BARU if terkait.pk is None else terkait.pk
    return getattr(obj, medan.attname)


def _identitas(obj: models.Model, medan: models.Field) -> Any:
    """A key field's value among the dataset's own rows: a new related row counts by itself."""
    if medan.is_relation:
        terkait = medan.get_cached_value(obj, None)
        if terkait is not None and terkait.pk is None:
            return ("baru", id(terkait))
    nilai = _nilai_tersimpan(obj, medan)
    return None if nilai is None else nilai


def _berlaku(unik: _Unik, obj: models.Model) -> bool:
    if unik.syarat is None:
        return True
    try:
        return _uji(unik.syarat, obj) is True
    except _TakTerbaca:
        return False


def _kunci(model: type[models.Model], obj: models.Model) -> tuple[_Unik, tuple] | None:
    """The first unique key that applies to the object and has every field set."""
    for unik in _kunci_unik(model):
        if not _berlaku(unik, obj):
            continue
        nilai = tuple(_nilai_tersimpan(obj, model._meta.get_field(m)) for m in unik.medan)
        if all(v is not None for v in nilai):
            return unik, nilai
    return None


# --------------------------------------------------------------------------------------------------
# The writer
# --------------------------------------------------------------------------------------------------


class _Penulis:
    def __init__(self, data: Dataset):
        self.data = data
        self.masalah: list[Masalah] = list(data.masalah)
        self.bagian: dict[Baris, BagianOPD] = {b: bagian for bagian in data.opd for b in bagian.baris}
        self.per_model: dict[type[models.Model], list[Baris]] = defaultdict(list)
        for b in (
            *data.umum,
            *(bg.opd for bg in data.opd),
            *(b for bg in data.opd for b in bg.baris),
            *data.pengguna,
        ):
            self.per_model[b.model].append(b)
        self.urutan = _urutan_model(list(self.per_model))
        self.objek: dict[Baris, models.Model] = {}
        self.dibuat: list[Baris] = []
        self.diubah: dict[Baris, list[str]] = {}
        self.dilewati: list[BagianOPD] = []
        self.dicari: dict[Baris, _Unik] = {}  # the key a new row was looked up by: known not to be stored

    def galat(self, baris: Baris, medan: str | None, pesan: str) -> None:
        self.masalah.append(Masalah(baris.letak.untuk(medan), pesan))

    def hasil(self) -> HasilTulis:
        return HasilTulis(
            objek=self.objek, dibuat=self.dibuat, diubah=list(self.diubah), opd_dilewati=self.dilewati
        )

    # --- before writing ---

    def periksa_tahun_terkunci(self) -> None:
        """A stored row to overwrite in a year of its OPD that is frozen or approved is a problem.

        A row's year is its own `tahun`, or that of the nearest row it hangs from (a budget amount, of its
        program): `_tahun_baris`. Rows of no year (the Renstra's own) are not concerned. New rows are not
        checked here: the readers add a year only to an OPD that holds no data of it.
        """
        akan_ditulis = set(self.diubah)
        per_tahun: dict[tuple[int, int], Baris] = {}
        for bagian in self.data.opd:
            opd = self.objek.get(bagian.opd)
            if opd is None or opd.pk is None or bagian in self.dilewati:
                continue
            for b in bagian.baris:
                if b in akan_ditulis:
                    tahun = _tahun_baris(self.objek[b])
                    if tahun is not None:
                        per_tahun.setdefault((opd.pk, tahun), bagian.opd)
        for kunci, pesan in sorted(alasan_tahun_terkunci(per_tahun).items()):
            baris = per_tahun[kunci]
            self.galat(baris, None, f"OPD {self.objek[baris].kode}: {pesan}")

    def rencanakan(self) -> None:
        for model in self.urutan:
            daftar = [b for b in self.per_model[model] if self.bagian.get(b) not in self.dilewati]
            for gelombang in _gelombang(daftar):
                self._siapkan(model, gelombang)
            for bagian in self.data.opd:
                if bagian.lewati_bila_ada and bagian.opd in daftar and bagian.opd not in self.dibuat:
                    self.dilewati.append(bagian)
        self._periksa()

    def _isi(self, nilai: dict[str, Any]) -> dict[str, Any]:
        return {k: self.objek[v] if isinstance(v, Baris) else v for k, v in nilai.items()}

    def _siapkan(self, model: type[models.Model], daftar: list[Baris]) -> None:
        kandidat = {b: model(**self._isi(b.nilai)) for b in daftar}
        tersimpan = self._cari_tersimpan(model, kandidat)
        for b, obj in kandidat.items():
            lama = tersimpan.get(b)
            if lama is None:
                for nama, nilai in b.awal.items():
                    setattr(obj, nama, nilai() if callable(nilai) else nilai)
                self.objek[b] = obj
                self.dibuat.append(b)
            else:
                self.objek[b] = lama
                self._bandingkan(b, obj, lama)

    def _cari_tersimpan(
        self, model: type[models.Model], kandidat: dict[Baris, models.Model]
    ) -> dict[Baris, models.Model]:
        """Stored rows, by the key each candidate has: one query per model and key."""
        per_kunci: dict[_Unik, dict[tuple, Baris]] = defaultdict(dict)
        for b, obj in kandidat.items():
            kunci = _kunci(model, obj)
            if kunci is None:
                continue
            unik, nilai = kunci
            self.dicari[b] = unik
            if not any(v is _BARU for v in nilai):
                per_kunci[unik][nilai] = b
        hasil = {}
        for unik, baris_per_kunci in per_kunci.items():
            medan = [model._meta.get_field(m) for m in unik.medan]
            qs = model._default_manager.filter(unik.syarat or Q())
            for i, f in enumerate(medan):
                qs = qs.filter(**{f"{f.attname}__in": {k[i] for k in baris_per_kunci}})
            for lama in qs:
                b = baris_per_kunci.get(tuple(getattr(lama, f.attname) for f in medan))
                if b is not None:
                    hasil[b] = lama
                    del self.dicari[b]
        return hasil

    def _bandingkan(self, b: Baris, baru: models.Model, lama: models.Model) -> None:
        if b.bila_ada is BilaAda.BIARKAN:
            return
        beda = []
        for nama in b.nilai:
            medan = b.model._meta.get_field(nama)
            if medan.is_relation:
                sama = _nilai_tersimpan(lama, medan) == _nilai_tersimpan(baru, medan)
            else:
                sama = getattr(lama, medan.attname) == getattr(baru, medan.attname)
            if not sama:
                beda.append(medan)
        if not beda:
            return
        if b.bila_ada is BilaAda.TIMPA:
            for medan in beda:
                nilai = (
                    medan.get_cached_value(baru, None) if medan.is_relation else getattr(baru, medan.attname)
                )
                setattr(lama, medan.name, nilai)
            self.diubah[b] = [medan.name for medan in beda]
            return
        for medan in beda:
            self.galat(
                b,
                medan.name,
                f"{str(medan.verbose_name).capitalize()} tersimpan “{_tampil(lama, medan)}”, di sini "
                f"“{_tampil(baru, medan)}”; data yang tersimpan tidak ditimpa.",
            )

    def _periksa(self) -> None:
        """The models' field rules and constraints on every row to create or change (see the docstring)."""
        dilihat: dict[tuple[type, _Unik], dict[tuple, Baris]] = defaultdict(dict)
        for b in [*self.dibuat, *self.diubah]:
            model, obj = b.model, self.objek[b]
            gagal = set(b.ditolak)
            for medan in _relasi(model):
                if medan.name not in gagal and not medan.null and _nilai_medan(obj, medan.name) is None:
                    gagal.add(medan.name)
                    self.galat(b, medan.name, str(medan.error_messages["null"]))
            try:
                obj.clean_fields(exclude={f.name for f in _relasi(model)} | gagal)
            except ValidationError as exc:
                for nama, daftar in exc.error_dict.items():
                    gagal.add(nama)
                    for galat in daftar:
                        self.galat(b, nama, _pesan_medan(model, nama, galat))
            for batasan in _batasan_cek(model):
                dirujuk = _medan_dirujuk(batasan.condition)
                if dirujuk & gagal:
                    continue
                if not _lolos(batasan, model, obj, gagal):
                    self.galat(
                        b,
                        next(iter(dirujuk)) if len(dirujuk) == 1 else None,
                        batasan.get_violation_error_message(),
                    )
            for unik in _kunci_unik(model):
                if set(unik.medan) & gagal or not _berlaku(unik, obj):
                    continue
                kunci = tuple(_identitas(obj, model._meta.get_field(m)) for m in unik.medan)
                if None in kunci:
                    continue
                lain = dilihat[(model, unik)].get(kunci)
                if lain is not None:
                    tempat = lain.letak.untuk() or "baris lain"
                    self.galat(b, unik.medan[-1], f"{unik.pesan(obj)} Sama dengan {tempat}.")
                    continue
                dilihat[(model, unik)][kunci] = b
                if self.dicari.get(b) is not unik:
                    self._periksa_tersimpan(b, model, obj, unik, gagal)

    def _periksa_tersimpan(self, b: Baris, model, obj, unik: _Unik, gagal: set[str]) -> None:
        """The key against stored rows, by Django's own check (a key with a new parent is skipped there)."""
        try:
            if unik.batasan is not None:
                unik.batasan.validate(model, obj, exclude=gagal)
            else:
                obj.validate_unique(exclude=[f.name for f in model._meta.fields if f.name not in unik.medan])
        except ValidationError as exc:
            self.galat(b, unik.medan[-1], " ".join(exc.messages))

    # --- writing, inside the caller's transaction ---

    def tulis(self, *, user, alasan: str) -> None:
        dibuat = set(self.dibuat)
        for model in self.urutan:
            baris = [b for b in self.per_model[model] if b in dibuat]
            for gelombang in _gelombang(baris):
                bulk_create_with_history(
                    [self.objek[b] for b in gelombang], model, default_user=user, default_change_reason=alasan
                )
            for b in self.per_model[model]:
                if b in self.diubah:
                    obj = self.objek[b]
                    obj._history_user = user
                    obj._change_reason = alasan
                    obj.save(update_fields=self.diubah[b])
        self._periksa_clean()
        # bulk_create sends no signal: the OPDs whose rows were created get their new data version here.
        opd_ids: set[int] = set()
        semua = peran = False
        for model in self.urutan:
            baris = [self.objek[b] for b in self.per_model[model] if b in dibuat]
            ids, umum = opd_dari_banyak(model, baris)
            opd_ids |= ids
            semua = semua or umum
            peran = peran or bool(baris and model in MODEL_PERAN)
        naikkan(opd_ids, semua=semua, peran=peran)

    def _periksa_clean(self) -> None:
        """The models' own `clean()`, now that every new row has its id (see the module docstring)."""
        for b in [*self.dibuat, *self.diubah]:
            obj = self.objek[b]
            if type(obj).clean is models.Model.clean:
                continue
            try:
                obj.clean()
            except ValidationError as exc:
                if not hasattr(exc, "error_dict"):
                    self.galat(b, None, " ".join(exc.messages))
                    continue
                for nama, daftar in exc.error_dict.items():
                    for galat in daftar:
                        self.galat(b, None if nama == NON_FIELD_ERRORS else nama, " ".join(galat.messages))


def _gelombang(daftar: list[Baris]) -> list[list[Baris]]:
    """The rows in waves: a row that refers to another row of the list comes in a later wave."""
    di_sini = set(daftar)
    kedalaman: dict[Baris, int] = {}

    def dalam(b: Baris, jejak: frozenset = frozenset()) -> int:
        if b not in kedalaman:
            if b in jejak:
                raise ValueError(f"{b.letak.untuk()}: rujukan melingkar")
            rujukan = [v for v in b.nilai.values() if isinstance(v, Baris) and v in di_sini]
            kedalaman[b] = 1 + max((dalam(r, jejak | {b}) for r in rujukan), default=-1)
        return kedalaman[b]

    hasil: dict[int, list[Baris]] = defaultdict(list)
    for b in daftar:
        hasil[dalam(b)].append(b)
    return [hasil[k] for k in sorted(hasil)]


def _lolos(batasan: models.CheckConstraint, model, obj, gagal: set[str]) -> bool:
    try:
        return _uji(batasan.condition, obj) is not False
    except _TakTerbaca:
        try:
            batasan.validate(model, obj, exclude=gagal)
        except ValidationError:
            return False
        return True


def _pesan_medan(model: type[models.Model], nama: str, galat: ValidationError) -> str:
    pesan = " ".join(galat.messages)
    if galat.code == "invalid_choice":
        pesan += " Pilihan: " + ", ".join(str(v) for v, _ in model._meta.get_field(nama).flatchoices) + "."
    return pesan


def _tampil(obj: models.Model, medan: models.Field) -> str:
    if medan.is_relation:
        terkait = getattr(obj, medan.name)
        return "kosong" if terkait is None else str(terkait)
    return tampil_nilai(getattr(obj, medan.attname))


def _pesan_basis_data(exc: IntegrityError, daftar_model: list[type[models.Model]]) -> str:
    teks = str(exc)
    for model in daftar_model:
        for batasan in model._meta.constraints:
            if batasan.name in teks:
                return f"Ditolak basis data, tidak ada yang disimpan: {batasan.get_violation_error_message()}"
    return f"Ditolak basis data, tidak ada yang disimpan: {teks}"
