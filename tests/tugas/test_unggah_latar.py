"""A monev upload above `UNGGAH_LATAR_BYTE` is checked and saved by a task: the values are written as the
page writes them, and the job's page shows what the upload page shows."""

import re
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage

from capaian.engine import hitung_opd_tahun
from capaian.models import RealisasiIndikator
from inti.models import Pekerjaan
from tests.excel.conftest import K_REALISASI, baris, buka, sel, simpan, unggah_berkas, url_template
from tests.tugas.bantu_tugas import halaman_pekerjaan, pekerjaan_dari

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(client_for, dunia):
    client = client_for(dunia.operator)
    return client, buka(client.get(url_template()).content)


def _hasil_unggah(html: str) -> str:
    """The result part of a page: from the first alert of the upload's result to the upload form."""
    awal = html.index('id="hasil-unggah"')
    awal = html.rindex("<div", 0, awal)
    akhir = html.find('<div class="card">', awal)
    return re.sub(r"\s+", " ", html[awal : akhir if akhir > 0 else html.index('<p><a href="/opd/')])


def test_a_big_upload_is_saved_by_a_task_and_its_page_shows_the_new_capaian(template, dunia, settings):
    client, wb = template
    ws = wb["Indikator"]
    sel(ws, baris(ws, {"Kode": "S1.2-2"}), K_REALISASI).value = 82.5
    data = simpan(wb)
    settings.UNGGAH_LATAR_BYTE = len(data) - 1

    response = unggah_berkas(client, data)

    job = pekerjaan_dari(response)
    html = halaman_pekerjaan(client, response)
    assert "Berkas diperiksa dan disimpan: 1 nilai diubah." in html
    assert "<strong>Tersimpan.</strong> 1 nilai diubah." in html
    assert "Capaian terhitung setelah unggahan (s.d. Tribulan IV)" in html
    assert "103,13%" in html and "Sangat Tinggi" in html
    ikm = next(h for h in hitung_opd_tahun(dunia.opd_a, 2022).indikator if h.kode == "S1.2-2")
    assert (ikm.realisasi.tampil, ikm.capaian.tampil) == (Decimal("82.50"), Decimal("103.13"))
    realisasi = RealisasiIndikator.objects.get(indikator=ikm.indikator, tahun=2022, tribulan=4)
    assert realisasi.history.first().history_user == dunia.operator
    # The uploaded file was kept only until the job ended.
    job.refresh_from_db()
    assert not job.masukan and default_storage.listdir(f"pekerjaan/{job.pk}") == ([], [])


def test_a_refused_upload_shows_the_same_problems_as_the_page(template, settings):
    client, wb = template
    ws = wb["Indikator"]
    sel(ws, baris(ws, {"Kode": "3.30.03-1"}), K_REALISASI).value = "sembilan puluh"
    sel(ws, baris(ws, {"Kode": "S1.2-2"}), K_REALISASI).value = "delapan"
    data = simpan(wb)

    settings.UNGGAH_LATAR_BYTE = len(data)  # not above it: checked in the request
    langsung = unggah_berkas(client, data)
    assert langsung.status_code == 200 and len(langsung.context["hasil"].masalah) == 2

    settings.UNGGAH_LATAR_BYTE = len(data) - 1
    lewat_tugas = halaman_pekerjaan(client, unggah_berkas(client, data))
    assert "Berkas diperiksa: tidak disimpan." in lewat_tugas
    assert _hasil_unggah(lewat_tugas) == _hasil_unggah(langsung.content.decode())
    assert "Ditemukan 2 masalah" in lewat_tugas and "Bukan angka: “sembilan puluh”" in lewat_tugas


def test_uploading_the_same_file_again_joins_the_job_and_another_file_does_not(
    template, settings, antrean_tertahan
):
    client, wb = template
    data = simpan(wb)
    settings.UNGGAH_LATAR_BYTE = 0
    pertama = pekerjaan_dari(unggah_berkas(client, data))
    assert pekerjaan_dari(unggah_berkas(client, data)).pk == pertama.pk
    sel(wb["Indikator"], baris(wb["Indikator"], {"Kode": "S1.2-2"}), K_REALISASI).value = 70
    assert pekerjaan_dari(unggah_berkas(client, simpan(wb))).pk != pertama.pk
    assert Pekerjaan.objects.count() == 2 and len(antrean_tertahan.results) == 2
    # Queued: the page says so, and the file waits under MEDIA_ROOT.
    assert default_storage.exists(Pekerjaan.objects.get(pk=pertama.pk).masukan.name)


def test_a_big_upload_with_a_suspicious_value_waits_for_tetap_simpan_on_the_job_page(template, dunia, settings):
    client, wb = template
    ws = wb["Indikator"]
    sel(ws, baris(ws, {"Kode": "S1.2-2"}), K_REALISASI).value = 825  # target 80
    data = simpan(wb)
    settings.UNGGAH_LATAR_BYTE = len(data) - 1

    html = halaman_pekerjaan(client, unggah_berkas(client, data))

    assert "Berkas diperiksa: 1 nilai perlu dikonfirmasi; belum disimpan." in html
    assert "Realisasi 825,00 lebih dari sepuluh kali target tahun 2022 (80)." in html
    assert not RealisasiIndikator.objects.filter(indikator__kode="S1.2-2", tahun=2022, tribulan=4, nilai=825).exists()
    # The job page's "Tetap simpan" form posts the kept file's digest, with its CSRF token, to the upload page.
    form = re.search(r'<form method="post" action="([^"]+)"[^>]*id="form-konfirmasi">(.*?)</form>', html, re.S)
    assert form and form.group(1) == "/opd/disperindag/excel/2022/tw4/unggah/"
    assert 'name="csrfmiddlewaretoken"' in form.group(2)
    sidik = re.search(r'name="tertunda" value="([0-9a-f]{64})"', form.group(2)).group(1)

    html = halaman_pekerjaan(client, client.post(form.group(1), {"tertunda": sidik, "konfirmasi": "1"}))

    assert "Berkas diperiksa dan disimpan: 1 nilai diubah." in html
    assert RealisasiIndikator.objects.get(indikator__kode="S1.2-2", indikator__opd=dunia.opd_a, tahun=2022, tribulan=4).nilai == 825
    assert default_storage.listdir(f"unggah_tertunda/{dunia.opd_a.pk}") == ([], [])
