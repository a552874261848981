"""Non-finite numbers in a workbook are errors naming their cell, never skipped (issue 11, finding 8)."""

import pytest

from anggaran.dpa_excel import baca_rupiah, unggah_dpa
from anggaran.models import Program
from capaian.excel import sel
from tests.anggaran.bantu_dpa import buku_kerja
from tests.excel.tak_terhingga import PENANDA, ganti_penanda


@pytest.mark.parametrize(
    "mentah, pesan",
    [
        (b"1E999", "bukan angka terhingga (sel berisi tak hingga); isi dengan angka"),
        (b"-1e400", "bukan angka terhingga (sel berisi tak hingga); isi dengan angka"),
        (b"NaN", "bukan angka: “NaN”."),
        (b"inf", "bukan angka: “inf”."),
    ],
)
def test_a_sheet_reader_hands_a_non_finite_cell_on_and_the_number_reader_refuses_it(mentah, pesan):
    data = ganti_penanda(buku_kerja([("3.30.01", "Program", PENANDA)], ("Kode", "Uraian", "Nilai")), mentah)
    wb = sel.buka_buku_kerja(data)
    isi = sel.baca_lembar(wb.worksheets[0])
    [baris] = isi.baris
    assert (baris.nomor, isi.nama_kolom("Nilai")) == (2, "C (Nilai)")
    with pytest.raises(sel.AngkaTidakSah) as info:
        sel.baca_angka(baris["Nilai"], max_digits=20, decimal_places=4)
    assert info.value.pesan.startswith(pesan)
    wb.close()


def test_baca_rupiah_names_nan_and_infinity():
    with pytest.raises(ValueError, match=r"^Pagu bukan angka terhingga \(sel berisi NaN\)\.$"):
        baca_rupiah(float("nan"), label="Pagu")
    with pytest.raises(ValueError, match=r"^Pagu bukan angka terhingga \(sel berisi tak hingga\)\.$"):
        baca_rupiah(float("-inf"), label="Pagu")


@pytest.mark.django_db
def test_an_infinite_pagu_in_the_dpa_upload_is_refused_with_its_cell_and_nothing_is_saved(dunia):
    data = ganti_penanda(
        buku_kerja(
            [("3.30.01", "PROGRAM PENUNJANG", PENANDA, None)], ("Kode", "Uraian", "Pagu", "Pagu Perubahan")
        ),
        b"1E999",
    )
    hasil = unggah_dpa(data, user=dunia.operator, opd=dunia.opd_a, tahun=2023)
    assert not hasil.tersimpan
    assert [(m.baris, m.kolom, m.pesan) for m in hasil.masalah] == [
        (2, "C (Pagu)", "3.30.01: Pagu DPA bukan angka terhingga (sel berisi tak hingga).")
    ]
    assert not Program.objects.filter(opd=dunia.opd_a, tahun=2023).exists()
