"""Writes of the monev screens that `capaian.services` does not cover: rows of supporting tables and
review notes. Same pattern as there: access first (another OPD: Http404, read-only role:
PermissionDenied), then validation (ValidationError in Indonesian, nothing written), the period lock,
one transaction with the stored row locked before it is compared with what the user's form showed
(`KonflikSimpan` for a stale form), and the acting user and an old → new reason in the history.

A supporting table belongs to a year, not to a Tribulan; its column sums feed formula inputs of one or
more Tribulan. A change is therefore refused while the period of the screen OR of any Tribulan whose
inputs are summed from the table is locked, so that a locked Tribulan's figures cannot move through
the back door of an open one.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import Http404

from capaian.models import BarisTabelPendukung, CatatanReviu, NilaiVariabel, TabelPendukung
from capaian.services import (
    KonflikSimpan,
    _hapus,
    _pastikan_periode_terbuka,
    _simpan,
    _tampil,
    _terakhir_diubah,
    _validasi_periode,
    _validasi_teks,
    validasi_desimal,
)
from lkjip.akses import pastikan_akses_opd, peran_pengguna
from lkjip.models import OPD
from lkjip.periode import NILAI_DIGITS
from renstra.models import Indikator

PANJANG_CATATAN_MAKS = 5000


# --- supporting tables (Tabel 3.7, 3.10) ------------------------------------------------------------


def _pastikan_tabel_terbuka(user, tabel: TabelPendukung, tribulan: int) -> None:
    """Inside the transaction: every period the table feeds, and the screen's own, must be open."""
    periode = {(tabel.tahun, tribulan)}
    periode |= set(NilaiVariabel.objects.filter(tabel=tabel).values_list("tahun", "tribulan"))
    # A fixed order, so that two saves lock the period rows in the same order.
    for tahun, tw in sorted(periode):
        _pastikan_periode_terbuka(
            user, opd_id=tabel.opd_id, pemda_id=tabel.opd.pemda_id, tahun=tahun, tribulan=tw
        )


def _label_baris(baris: BarisTabelPendukung) -> str:
    return f"{baris.label} [{baris.kolom}]"


def baris_tabel_simpan(
    *, user, baris: BarisTabelPendukung, nilai: Decimal, semula: Decimal | None, tribulan: int
) -> BarisTabelPendukung:
    """Change the value of one row of a supporting table.

    `semula` is the value the user's form showed. `tribulan` is the Tribulan of the screen the change
    comes from (its lock applies, with those of the Tribulan the table feeds). Returns the stored row.
    Raises Http404, PermissionDenied, ValidationError, KonflikSimpan.
    """
    tabel = baris.tabel
    pastikan_akses_opd(user, tabel.opd_id, tulis=True)
    _validasi_periode(tabel.tahun, tribulan)
    if nilai is None:
        raise ValidationError("Nilai wajib diisi; untuk menghapus baris gunakan tombol Hapus.", code="wajib")
    nilai = validasi_desimal(nilai, label="Nilai", **NILAI_DIGITS)

    with transaction.atomic():
        _pastikan_tabel_terbuka(user, tabel, tribulan)
        lama = BarisTabelPendukung.objects.select_for_update().filter(pk=baris.pk).first()
        if lama is None:
            oleh, pada = _terakhir_diubah(BarisTabelPendukung.history.filter(id=baris.pk))
            raise KonflikSimpan(
                tersimpan=None, nilai_anda=nilai, oleh=oleh, pada=pada, subjek=f"Baris {_label_baris(baris)}"
            )
        if nilai == lama.nilai:
            return lama
        if lama.nilai != semula:
            oleh, pada = _terakhir_diubah(lama.history.all())
            raise KonflikSimpan(
                tersimpan=lama.nilai,
                nilai_anda=nilai,
                oleh=oleh,
                pada=pada,
                objek=lama,
                subjek=f"Baris {_label_baris(lama)}",
            )
        tersimpan = lama.nilai
        lama.nilai = nilai
        _simpan(lama, user, f"{_label_baris(lama)}: {_tampil(tersimpan)} → {_tampil(nilai)}")
        return lama


def baris_tabel_tambah(
    *, user, tabel: TabelPendukung, label: str, kolom: str, nilai: Decimal, tribulan: int
) -> BarisTabelPendukung:
    """Add a row (label, column, value) to a supporting table, after its last row.

    A label that already has a value in that column is refused (ValidationError): change that row
    instead. Raises Http404, PermissionDenied, ValidationError.
    """
    pastikan_akses_opd(user, tabel.opd_id, tulis=True)
    _validasi_periode(tabel.tahun, tribulan)
    label = _validasi_teks(label, label="Uraian", max_length=300)
    kolom = _validasi_teks(kolom, label="Kolom", max_length=40)
    if not label:
        raise ValidationError("Uraian wajib diisi.", code="wajib")
    if not kolom:
        raise ValidationError("Kolom wajib diisi (mis. tahun 2022).", code="wajib")
    if nilai is None:
        raise ValidationError("Nilai wajib diisi.", code="wajib")
    nilai = validasi_desimal(nilai, label="Nilai", **NILAI_DIGITS)
    ganda = ValidationError(
        f"Baris “{label}” kolom {kolom} sudah ada di tabel ini; ubah nilainya di baris tersebut.",
        code="ganda",
    )

    try:
        with transaction.atomic():
            _pastikan_tabel_terbuka(user, tabel, tribulan)
            # Locks the table row: two additions to one table get their places one after the other.
            TabelPendukung.objects.select_for_update().filter(pk=tabel.pk).first()
            if BarisTabelPendukung.objects.filter(tabel=tabel, label=label, kolom=kolom).exists():
                raise ganda
            # A label already in the table keeps its place; a new one goes after the last row.
            urutan = (
                BarisTabelPendukung.objects.filter(tabel=tabel, label=label)
                .values_list("urutan", flat=True)
                .first()
            )
            if urutan is None:
                terakhir = BarisTabelPendukung.objects.filter(tabel=tabel).aggregate(m=Max("urutan"))["m"]
                urutan = 0 if terakhir is None else terakhir + 1
            baru = BarisTabelPendukung(tabel=tabel, urutan=urutan, label=label, kolom=kolom, nilai=nilai)
            _simpan(baru, user, f"Baris ditambah: {label} [{kolom}] = {_tampil(nilai)}")
            return baru
    except IntegrityError:
        raise ganda from None


def baris_tabel_hapus(*, user, baris: BarisTabelPendukung, semula: Decimal | None, tribulan: int) -> None:
    """Remove a row of a supporting table; its history keeps every value it had.

    `semula` is the value the user's page showed: a row changed by someone else since is not removed
    (KonflikSimpan). Removing a row that is already gone is not an error.
    """
    tabel = baris.tabel
    pastikan_akses_opd(user, tabel.opd_id, tulis=True)
    _validasi_periode(tabel.tahun, tribulan)
    with transaction.atomic():
        _pastikan_tabel_terbuka(user, tabel, tribulan)
        lama = BarisTabelPendukung.objects.select_for_update().filter(pk=baris.pk).first()
        if lama is None:
            return
        if lama.nilai != semula:
            oleh, pada = _terakhir_diubah(lama.history.all())
            raise KonflikSimpan(
                tersimpan=lama.nilai,
                nilai_anda=None,
                oleh=oleh,
                pada=pada,
                objek=lama,
                subjek=f"Baris {_label_baris(lama)}",
            )
        _hapus(lama, user, f"Baris dihapus: {_label_baris(lama)} = {_tampil(lama.nilai)}")


# --- review notes -----------------------------------------------------------------------------------------


def catatan_reviu_tambah(
    *,
    user,
    opd: OPD,
    tahun: int,
    teks: str,
    indikator: Indikator | None = None,
    tribulan: int | None = None,
) -> CatatanReviu:
    """Add an auditor's review note on an OPD-year, optionally on one indicator and Tribulan.

    Auditors who read the OPD and admins may write notes; operators and kepala read them
    (PermissionDenied). Raises Http404 when the OPD is not readable or the indicator is another OPD's.
    """
    pastikan_akses_opd(user, opd.pk)
    if not peran_pengguna(user).boleh_reviu(opd.pk):
        raise PermissionDenied("Hanya auditor atau admin yang dapat menulis catatan reviu.")
    _validasi_periode(tahun, tribulan)
    if indikator is not None and indikator.opd_id != opd.pk:
        raise Http404("Indikator tidak ditemukan.")
    teks = _validasi_teks(teks, label="Catatan", max_length=PANJANG_CATATAN_MAKS)
    if not teks:
        raise ValidationError("Tulis isi catatan reviu.", code="wajib")
    with transaction.atomic():
        catatan = CatatanReviu(
            opd=opd, tahun=tahun, indikator=indikator, tribulan=tribulan, teks=teks, penulis=user
        )
        tentang = f" {indikator.kode}" if indikator is not None else ""
        _simpan(catatan, user, f"Catatan reviu {tahun}{tentang} ditulis")
        return catatan
