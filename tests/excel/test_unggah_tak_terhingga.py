"""A non-finite number in the monev upload is refused at its cell; nothing is saved (issue 11)."""

import pytest

from capaian.models import RealisasiIndikator
from tests.excel.conftest import K_REALISASI, baris, sel, simpan, unggah_berkas
from tests.excel.tak_terhingga import PENANDA, ganti_penanda


@pytest.mark.parametrize(
    "mentah, pesan",
    [
        (b"1E999", "Bukan angka terhingga (sel berisi tak hingga); isi dengan angka"),
        (b"NaN", "Bukan angka: “NaN”."),
    ],
)
def test_a_non_finite_realisasi_is_refused_with_its_cell(template_operator, mentah, pesan):
    client, wb = template_operator
    ws = wb["Indikator"]
    nomor = baris(ws, {"Kode": "S1.2-2"})
    sel(ws, nomor, K_REALISASI).value = PENANDA
    sebelum = RealisasiIndikator.objects.count()

    hasil = unggah_berkas(client, ganti_penanda(simpan(wb), mentah)).context["hasil"]

    assert not hasil.tersimpan
    assert [(m.lembar, m.baris, m.kolom) for m in hasil.masalah] == [
        ("Indikator", nomor, "G (Realisasi TW IV)")
    ]
    assert hasil.masalah[0].pesan.startswith(pesan)
    assert RealisasiIndikator.objects.count() == sebelum


def test_a_negative_realisasi_of_a_count_is_refused_with_its_cell(template_operator):
    from renstra.models import Indikator

    client, wb = template_operator
    Indikator.objects.filter(kode="S1.2-2", opd__kode="disperindag").update(
        jenis_nilai=Indikator.JenisNilai.TIDAK_NEGATIF
    )
    ws = wb["Indikator"]
    nomor = baris(ws, {"Kode": "S1.2-2"})
    sel(ws, nomor, K_REALISASI).value = -5
    sebelum = RealisasiIndikator.objects.count()

    hasil = unggah_berkas(client, simpan(wb)).context["hasil"]

    assert not hasil.tersimpan
    assert [(m.lembar, m.baris, m.kolom) for m in hasil.masalah] == [
        ("Indikator", nomor, "G (Realisasi TW IV)")
    ]
    assert "Realisasi tidak boleh negatif untuk indikator jumlah/uang S1.2-2" in hasil.masalah[0].pesan
    assert RealisasiIndikator.objects.count() == sebelum


def test_a_realisasi_far_from_its_target_is_saved_and_listed_as_a_warning_at_its_cell(template_operator):
    client, wb = template_operator
    ws = wb["Indikator"]
    nomor = baris(ws, {"Kode": "S1.2-2"})  # IKM Layanan Pasar, target 80
    sel(ws, nomor, K_REALISASI).value = 825  # a slipped decimal point: 82,5 meant

    hasil = unggah_berkas(client, simpan(wb)).context["hasil"]

    # The upload has no confirm step: the value is saved, and the warning is listed for the user to check.
    assert hasil.tersimpan
    assert [(m.lembar, m.baris, m.kolom, m.pesan) for m in hasil.peringatan] == [
        (
            "Indikator",
            nomor,
            "G (Realisasi TW IV)",
            "Realisasi 825 lebih dari sepuluh kali target tahun 2022 (80).",
        )
    ]
    assert (
        RealisasiIndikator.objects.get(
            indikator__kode="S1.2-2", indikator__opd__kode="disperindag", tahun=2022, tribulan=4
        ).nilai
        == 825
    )
