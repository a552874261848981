"""A frozen year (its LKjIP submitted) is visible wherever its data is shown or entered (issue 13): the
OPD page's status, a banner with the reason and who can reopen, disabled fields, no "Simpan"."""

import re

import pytest

from capaian.models import RealisasiIndikator
from tests.anggaran.bantu_dpa import bekukan
from tests.monev.conftest import HTMX, REHABILITASI_PASAR, url_monev

pytestmark = pytest.mark.django_db


def _teks(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_opd_page_says_the_year_is_frozen_and_offers_to_view_not_to_fill(client_for, dunia):
    klien = client_for(dunia.operator)
    sebelum = _teks(klien.get(f"/opd/{dunia.opd_a.kode}/?tahun=2022&tribulan=4"))
    assert "Terbuka" in sebelum and "Isi realisasi indikator" in sebelum

    bekukan(dunia.opd_a, 2022)
    sesudah = _teks(klien.get(f"/opd/{dunia.opd_a.kode}/?tahun=2022&tribulan=4"))

    assert '<span class="badge text-bg-info">Dibekukan</span>' in sesudah
    assert "LKjIP 2022 sudah diajukan; dibuka lagi bila auditor atau admin mengembalikannya ke draf." in sesudah
    assert "Isi realisasi indikator" not in sesudah and "Lihat realisasi indikator" in sesudah


def test_the_entry_screen_shows_the_banner_disables_the_fields_and_refuses_a_save(client_for, dunia, indikator):
    bekukan(dunia.opd_a, 2022)
    klien = client_for(dunia.operator)

    html = _teks(klien.get(url_monev("realisasi")))

    banner = re.search(r'<div class="alert alert-info py-2" id="tahun-dibekukan" role="status">(.*?)</div>', html)
    assert banner and "Data tahun 2022 dibekukan" in banner.group(1)
    assert "Auditor atau admin Pemda dapat mengembalikan laporan ke draf" in banner.group(1)
    assert html.count("<fieldset") > 0 and html.count("<fieldset") == html.count("disabled>")
    assert 'class="btn btn-primary">Simpan</button>' not in html

    rehabilitasi = indikator(REHABILITASI_PASAR)
    response = klien.post(url_monev("realisasi", rehabilitasi.pk), {"nilai": "2", "versi": ""}, **HTMX)
    assert response.status_code == 403
    assert "LKjIP tahun 2022 sudah diajukan" in _teks(response)
    assert not RealisasiIndikator.objects.filter(indikator=rehabilitasi, tahun=2022, tribulan=4).exists()


def test_the_pemda_admin_sees_the_freeze_and_may_still_correct(client_for, dunia):
    bekukan(dunia.opd_a, 2022)

    html = _teks(client_for(dunia.admin).get(url_monev("realisasi")))

    assert 'id="tahun-dibekukan"' in html and "Anda admin Pemda: perubahan tetap dapat disimpan" in html
    assert " disabled>" not in html and 'class="btn btn-primary">Simpan</button>' in html


def test_the_evidence_list_names_the_file_kind_in_words(client_for, dunia, indikator, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    klien = client_for(dunia.operator)
    rehabilitasi = indikator(REHABILITASI_PASAR)
    klien.post(
        url_monev("indikator", rehabilitasi.pk, "bukti"),
        {"berkas": SimpleUploadedFile("laporan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")},
    )
    html = _teks(klien.get(url_monev("indikator", rehabilitasi.pk)))

    assert "laporan.pdf" in html
    assert '<span class="badge text-bg-light border">PDF</span>' in html and ">application/pdf<" not in html
