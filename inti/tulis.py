"""What every write service of every app shares: validation, the period lock and the year's freeze, the
history row, and the error for a stale form.

A write service (`capaian.services.realisasi_simpan`, `anggaran.services.realisasi_anggaran_simpan`, ...)
checks access, validates with the helpers here (`ValidationError` in Indonesian, nothing written), then in
one transaction calls `pastikan_boleh_ubah` (which locks the period and year rows, so a lock or a
submission and a save are ordered), locks the stored row, compares it with what the user's form showed
(`KonflikSimpan` for a stale form) and writes with `simpan`/`hapus`, which record the acting user and a
reason (old → new) in the model's history.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation, localcontext

from django.core.exceptions import ValidationError
from django.db import connections, router
from django.utils import timezone

from inti.akses import peran_pengguna
from inti.models import PeriodeMonev, TahunOPD
from inti.periode import TAHUN_MAKS, TAHUN_MIN, Tribulan, format_waktu, tahun_sah
from inti.tampilan import nama_pengguna, tampil_nilai
from inti.versi import MODEL_PERAN, naikkan, opd_dari_banyak
from inti.versi import kunci as kunci_versi

# django-simple-history stores the change reason in a 100-character column. The history row itself
# holds every field and says what changed; the reason repeats old → new for a reader of the list.
PANJANG_ALASAN = 100


class KonflikSimpan(Exception):
    """Someone else saved this value after the user's form was loaded; nothing was written.

    `tersimpan` is the value now stored (None: deleted or never saved), `nilai_anda` the value the user
    tried to save; `oleh` and `pada` say who stored it and when (None when history does not tell).
    """

    def __init__(
        self,
        *,
        tersimpan,
        nilai_anda,
        oleh=None,
        pada: datetime | None = None,
        versi: int | None = None,
        objek=None,
        subjek: str = "Nilai ini",
    ):
        self.tersimpan = tersimpan
        self.nilai_anda = nilai_anda
        self.oleh = oleh
        self.pada = pada
        self.versi = versi
        self.objek = objek
        self.subjek = subjek
        super().__init__(self.pesan)

    @property
    def pesan(self) -> str:
        siapa = nama_pengguna(self.oleh, kosong="pengguna lain")
        kapan = f" pada {format_waktu(self.pada)}" if self.pada else ""
        if self.nilai_anda is None:
            punya_anda = "penghapusan oleh Anda tidak dilakukan"
        else:
            punya_anda = f"nilai Anda {tampil_nilai(self.nilai_anda)} tidak disimpan"
        return f"{self.subjek} sudah diubah oleh {siapa}{kapan} menjadi {tampil_nilai(self.tersimpan)}; {punya_anda}."


# --- validation ------------------------------------------------------------------------------------------


def validasi_desimal(
    nilai, *, max_digits: int, decimal_places: int, label: str = "Nilai", boleh_negatif: bool = True
) -> Decimal:
    """`nilai` as a Decimal that fits the column, or ValidationError in Indonesian.

    Floats are refused outright (TypeError): a value that went through float has already lost digits.
    Trailing zeros beyond the stored decimals are accepted (1,50000000000 fits 8 decimals).
    """
    if isinstance(nilai, bool) or not isinstance(nilai, Decimal | int):
        raise TypeError(f"{label} harus Decimal, bukan {type(nilai).__name__}")
    nilai = Decimal(nilai)
    if not nilai.is_finite():
        raise ValidationError(f"{label} harus berupa angka (bukan NaN atau tak hingga).", code="bukan_angka")
    bulat = max_digits - decimal_places
    terlalu_panjang = ValidationError(
        f"{label} terlalu besar: paling banyak {bulat} angka sebelum koma.", code="terlalu_besar"
    )
    with localcontext(prec=max_digits + 2):
        try:
            dibulatkan = nilai.quantize(Decimal(1).scaleb(-decimal_places))
        except InvalidOperation:
            raise terlalu_panjang from None
    if dibulatkan != nilai:
        raise ValidationError(
            f"{label} paling banyak {decimal_places} angka di belakang koma.", code="terlalu_banyak_desimal"
        )
    if abs(dibulatkan) >= Decimal(10) ** bulat:
        raise terlalu_panjang
    if not boleh_negatif and dibulatkan < 0:
        raise ValidationError(f"{label} tidak boleh negatif.", code="negatif")
    return dibulatkan


def validasi_periode(tahun: int, tribulan: int | None = None) -> None:
    if not tahun_sah(tahun):
        raise ValidationError(f"Tahun harus antara {TAHUN_MIN} dan {TAHUN_MAKS}.", code="tahun")
    if tribulan is not None and tribulan not in Tribulan.values:
        raise ValidationError("Tribulan harus 1 sampai 4.", code="tribulan")


def rapikan(teks: str) -> str:
    """Browsers post line breaks as CRLF; text is compared and stored in one form only."""
    if not isinstance(teks, str):
        raise TypeError("teks harus str")
    return teks.replace("\r\n", "\n").replace("\r", "\n").strip()


def validasi_teks(teks: str, *, label: str, max_length: int | None = None, wajib: bool = False) -> str:
    teks = rapikan(teks)
    if wajib and not teks:
        raise ValidationError(f"{label} wajib diisi.", code="wajib")
    if max_length is not None and len(teks) > max_length:
        raise ValidationError(f"{label} paling panjang {max_length} karakter.", code="terlalu_panjang")
    return teks


# --- the lock and the freeze --------------------------------------------------------------------------


def tahun_dibekukan(opd_id: int, tahun: int) -> bool:
    """Whether the OPD-year is frozen (its LKjIP is submitted). One query, no lock: for pages."""
    return TahunOPD.objects.filter(opd_id=opd_id, tahun=tahun, beku=True).exists()


def kunci_tahun(opd_id: int, tahun: int) -> TahunOPD:
    """The OPD-year's row, created when missing and locked until the transaction ends.

    Every write of the year's data and every change of its freeze goes through this row, so a submission
    and a save are ordered by the database: a save never lands after a submission that it did not see.
    """
    # The OPD's data-version row first: every write of the OPD's data takes that row (inti.versi) and may
    # take a year's row after it (a service writing several years); taking it here too keeps one order,
    # version then year, in every transaction, so two writes of one OPD never deadlock. Locked only: the
    # token changes when something is written.
    kunci_versi(opd_id)
    tahun_opd, _ = TahunOPD.objects.select_for_update().get_or_create(opd_id=opd_id, tahun=tahun)
    return tahun_opd


def pastikan_boleh_ubah(user, *, opd_id: int, pemda_id: int, tahun: int, tribulan: int | None = None) -> None:
    """Refuse a write to a frozen year or a locked Tribulan, unless the user is admin of the Pemda.

    Call it inside the write's transaction: it locks the year's and the period's rows, so a submission or
    a lock and this write happen one after the other. The report is built from this data: once it is
    submitted, the operator may no longer change what the auditor reviews and the head signs; returning
    the report to draft unfreezes the year. `tribulan=None` for yearly data (the analysis), which only the
    freeze applies to.
    """
    admin = peran_pengguna(user).admin_pemda(pemda_id)
    if kunci_tahun(opd_id, tahun).beku and not admin:
        raise ValidationError(
            f"LKjIP tahun {tahun} sudah diajukan; data tahun itu dibekukan sampai laporan dikembalikan ke draf.",
            code="laporan_dibekukan",
        )
    if tribulan is None:
        return
    periode = (
        PeriodeMonev.objects.select_for_update()
        .filter(pemda_id=pemda_id, tahun=tahun, tribulan=tribulan)
        .first()
    )
    if periode and periode.terkunci and not admin:
        raise ValidationError(
            f"Periode {Tribulan(tribulan).label} {tahun} sudah dikunci; hanya admin yang dapat mengubah data.",
            code="periode_terkunci",
        )


# --- writing with history ------------------------------------------------------------------------------


def simpan(obj, user, alasan: str, **kwargs) -> None:
    """Save `obj`, its history row naming `user` and the reason."""
    obj._history_user = user
    obj._change_reason = alasan[:PANJANG_ALASAN]
    obj.save(**kwargs)


def hapus(obj, user, alasan: str) -> None:
    """Delete `obj`; its history keeps every value it had, the user and the reason."""
    obj._history_user = user
    obj._change_reason = alasan[:PANJANG_ALASAN]
    obj.delete()


def terakhir_diubah(history_qs):
    """(user, time) of the latest history row, or (None, None)."""
    catatan = history_qs.select_related("history_user").order_by("-history_date", "-history_id").first()
    if catatan is None:
        return None, None
    return catatan.history_user, catatan.history_date


def tulis_banyak(model, user, *, buat=(), ubah=(), hapus=(), medan_ubah: tuple[str, ...] = ()) -> None:
    """Write many rows of one model in a handful of queries, each with its own history row.

    For uploads: the caller has already locked the rows (select_for_update), checked each value the way
    the single-value service does, and set each object's reason as `obj._change_reason`. Creates, updates
    (`medan_ubah`: the fields that changed) and deletes, then one history row per object naming `user`,
    the reason and the object's values, as `simpan`/`hapus` would have written.
    """
    waktu = timezone.now()
    if buat:
        model.objects.bulk_create(buat, batch_size=500)
        _sisipkan_riwayat(model, buat, "+", user, waktu)
    if ubah:
        _perbarui_banyak(model, ubah, medan_ubah)
        _sisipkan_riwayat(model, ubah, "~", user, waktu)
    # Neither bulk_create nor the UPDATE sends a signal: the data version changes here (deletes send theirs).
    opd_ids, semua = opd_dari_banyak(model, [*buat, *ubah])
    naikkan(opd_ids, semua=semua, peran=model in MODEL_PERAN)
    for obj in hapus:
        # Deletions are rare in an upload; the history's own delete signal writes their row.
        obj._history_user = user
        obj.delete()


def _perbarui_banyak(model, objek, medan_ubah: tuple[str, ...]) -> None:
    """One parametrised UPDATE per row, sent as a single executemany: Django's bulk_update builds a CASE
    expression over every row, which costs seconds of Python for a few thousand rows."""
    koneksi = connections[router.db_for_write(model)]
    qn = koneksi.ops.quote_name
    medan = [model._meta.get_field(nama) for nama in medan_ubah]
    # Names come from the model's own metadata, quoted; every value is a parameter.
    kolom = ", ".join(f"{qn(f.column)} = %s" for f in medan)
    sql = f"UPDATE {qn(model._meta.db_table)} SET {kolom} WHERE {qn(model._meta.pk.column)} = %s"  # noqa: S608
    baris = [[f.get_db_prep_save(getattr(o, f.attname), koneksi) for f in medan] + [o.pk] for o in objek]
    with koneksi.cursor() as kursor:
        kursor.executemany(sql, baris)


def _sisipkan_riwayat(model, objek, jenis: str, user, waktu) -> None:
    """One history row per object, the columns `simpan` would fill, sent as multi-row INSERTs.

    Building a historical instance per row and passing them through bulk_create's SQL compiler took half
    the Python time of an upload's write; here each column's value is prepared for the database directly
    (once, for the columns every row shares: date, user, type).
    """
    Riwayat = model.history.model
    koneksi = connections[router.db_for_write(Riwayat)]
    qn = koneksi.ops.quote_name
    medan = [f for f in Riwayat._meta.concrete_fields if f is not Riwayat._meta.auto_field]  # not history_id
    dilacak = {f.attname for f in Riwayat.tracked_fields}
    sama = {"history_date": waktu, "history_type": jenis, "history_user_id": getattr(user, "pk", None)}
    # Per column: (field, attribute) read from each object; (field, None) the object's reason; (None, value)
    # prepared once, the same in every row.
    kolom = [
        (f, f.attname) if f.attname in dilacak
        else (f, None) if f.attname == "history_change_reason"
        else (None, f.get_db_prep_save(sama[f.attname] if f.attname in sama else f.get_default(), koneksi))
        for f in medan
    ]  # fmt: skip

    def nilai(o) -> list:
        alasan = (getattr(o, "_change_reason", "") or "")[:PANJANG_ALASAN]
        baris = []
        for f, isi in kolom:
            if f is None:
                baris.append(isi)
            else:
                baris.append(f.get_db_prep_save(alasan if isi is None else getattr(o, isi), koneksi))
        return baris

    objek = list(objek)
    per_kirim = max(1, min(500, koneksi.ops.bulk_batch_size(medan, objek)))
    # Names come from the model's own metadata, quoted; every value is a parameter.
    awal = f"INSERT INTO {qn(Riwayat._meta.db_table)} ({', '.join(qn(f.column) for f in medan)}) VALUES "  # noqa: S608
    satu = "(" + ", ".join(["%s"] * len(medan)) + ")"
    with koneksi.cursor() as kursor:
        for i in range(0, len(objek), per_kirim):
            bagian = objek[i : i + per_kirim]
            kursor.execute(awal + ", ".join([satu] * len(bagian)), [v for o in bagian for v in nilai(o)])
