"""A non-finite number in the monev upload is refused at its cell; nothing is saved (issue 11)."""

import pytest

from capaian.models import RealisasiIndikator
from tests.excel.conftest import K_REALISASI, baris, sel, simpan, unggah_berkas, url_unggah
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


def _realisasi_ikm():
    """S1.2-2's realisasi of TW IV 2022 (None while there is none)."""
    return RealisasiIndikator.objects.filter(
        indikator__kode="S1.2-2", indikator__opd__kode="disperindag", tahun=2022, tribulan=4
    ).values_list("nilai", flat=True).first()


def test_a_realisasi_far_from_its_target_stops_the_upload_until_the_user_confirms_it(template_operator):
    client, wb = template_operator
    ws = wb["Indikator"]
    nomor = baris(ws, {"Kode": "S1.2-2"})  # IKM Layanan Pasar, target 80
    sel(ws, nomor, K_REALISASI).value = 825  # a slipped decimal point: 82,5 meant
    sel(ws, baris(ws, {"Kode": "3.30.03-1"}), K_REALISASI).value = 90  # a plausible value beside it
    semula = _realisasi_ikm()
    riwayat = RealisasiIndikator.history.count()

    pertama = unggah_berkas(client, simpan(wb))

    hasil = pertama.context["hasil"]
    assert not hasil.tersimpan and hasil.perlu_konfirmasi and not hasil.masalah
    assert [(m.lembar, m.baris, m.kolom, m.pesan) for m in hasil.peringatan] == [
        (
            "Indikator",
            nomor,
            "G (Realisasi TW IV)",
            "Realisasi 825,00 lebih dari sepuluh kali target tahun 2022 (80).",
        )
    ]
    # Nothing of the file is saved yet, not even the plausible value.
    assert _realisasi_ikm() == semula and RealisasiIndikator.history.count() == riwayat
    html = pertama.content.decode()
    assert "<strong>Belum disimpan.</strong>" in html and "Tetap simpan" in html
    assert "Realisasi 825,00 lebih dari sepuluh kali target tahun 2022 (80)." in html

    # "Tetap simpan" sends the kept workbook's digest, not the file again.
    kedua = client.post(pertama.request["PATH_INFO"], {"tertunda": hasil.tertunda, "konfirmasi": "1"})

    hasil = kedua.context["hasil"]
    assert hasil.tersimpan and len(hasil.perubahan) == 2
    assert _realisasi_ikm() == 825
    assert [m.pesan for m in hasil.peringatan] == ["Realisasi 825,00 lebih dari sepuluh kali target tahun 2022 (80)."]
    assert "Realisasi tidak wajar yang disimpan atas konfirmasi Anda" in kedua.content.decode()
    # The kept file is gone once saved: confirming again saves nothing twice.
    sidik = pertama.context["hasil"].tertunda
    ketiga = client.post(pertama.request["PATH_INFO"], {"tertunda": sidik, "konfirmasi": "1"})
    assert "tidak ditemukan lagi" in ketiga.context["hasil"].masalah[0].pesan


def test_a_confirmation_cannot_reach_another_opds_file_or_a_forged_digest(template_operator, client_for, dunia):
    client, wb = template_operator
    ws = wb["Indikator"]
    sel(ws, baris(ws, {"Kode": "S1.2-2"}), K_REALISASI).value = 825
    sidik = unggah_berkas(client, simpan(wb)).context["hasil"].tertunda
    assert len(sidik) == 64
    semula = _realisasi_ikm()

    for palsu in ("../../../etc/passwd", "0" * 64, sidik.upper()):
        hasil = client.post(url_unggah(), {"tertunda": palsu, "konfirmasi": "1"}).context["hasil"]
        assert not hasil.tersimpan and "tidak ditemukan lagi" in hasil.masalah[0].pesan
    # The operator of another OPD, posting the digest to their own OPD's page, finds nothing there; and
    # cannot post to this OPD's page at all.
    lain = client_for(dunia.operator2)
    hasil = lain.post(url_unggah(kode=dunia.opd_b.kode), {"tertunda": sidik, "konfirmasi": "1"}).context["hasil"]
    assert "tidak ditemukan lagi" in hasil.masalah[0].pesan
    assert lain.post(url_unggah(), {"tertunda": sidik, "konfirmasi": "1"}).status_code in (403, 404)
    assert _realisasi_ikm() == semula
