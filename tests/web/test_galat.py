"""Error pages in Indonesian, in the site's layout, with a way back (issue 13); the favicon; the OPD page's
link to its capaian table."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _teks(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_an_unknown_page_is_a_404_in_indonesian_inside_the_layout(client_for, dunia):
    response = client_for(dunia.operator).get("/tidak-ada-halaman-ini/")

    assert response.status_code == 404
    html = _teks(response)
    assert "<h1 class=\"h3\">Halaman tidak ditemukan</h1>" in html
    assert 'aria-label="Navigasi utama"' in html and 'href="/">Ke beranda</a>' in html
    # Django's own words (the resolver's details, "Page not found") are not shown.
    assert "Page not found" not in html and "URLconf" not in html and "tidak-ada-halaman-ini" not in html


def test_the_sites_own_reason_is_shown_and_djangos_english_one_is_not(client_for, dunia):
    klien = client_for(dunia.operator)

    sendiri = _teks(klien.get("/opd/tidak-ada/"))  # inti.akses.get_opd_or_404: "OPD tidak ditemukan."
    assert 'id="alasan-galat">OPD tidak ditemukan.</div>' in sendiri

    django = klien.get(f"/opd/{dunia.opd_a.kode}/indikator/999999/?tahun=2022")  # get_object_or_404
    assert django.status_code == 404
    assert "matches the given query" not in _teks(django) and 'id="alasan-galat"' not in _teks(django)


def test_a_refused_write_is_a_403_in_indonesian_with_its_reason(client_for, dunia):
    # The auditor reads Disperindag but may not write its monev.
    response = client_for(dunia.auditor).get(f"/opd/{dunia.opd_a.kode}/excel/2022/tw4/unggah/")

    assert response.status_code == 403
    html = _teks(response)
    assert "<h1 class=\"h3\">Akses ditolak</h1>" in html and "Forbidden" not in html
    assert 'id="alasan-galat">Anda hanya dapat membaca data OPD ini.</div>' in html


def test_a_form_without_its_csrf_token_gets_an_indonesian_explanation(dunia):
    klien = Client(enforce_csrf_checks=True)
    klien.force_login(dunia.operator)

    response = klien.post("/keluar/")

    assert response.status_code == 403
    html = _teks(response)
    assert "Akses ditolak" in html and "Formulir ini sudah kedaluwarsa" in html
    assert "CSRF verification failed" not in html


def test_a_server_error_is_a_standalone_indonesian_page(dunia, settings):
    settings.ROOT_URLCONF = "tests.web.urls_galat"
    klien = Client(raise_request_exception=False)
    klien.force_login(dunia.operator)

    response = klien.get("/uji-galat-500/")

    assert response.status_code == 500
    html = _teks(response)
    assert "Terjadi kesalahan di server" in html and 'href="/">Ke beranda</a>' in html
    assert "kegagalan uji" not in html and "Traceback" not in html and "Server Error" not in html


def test_favicon_ico_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301 and response["Location"].endswith("img/favicon.svg")
    assert client.get(response["Location"]).status_code == 200 or response["Location"].startswith("/static/")


def test_the_opd_pages_link_to_its_capaian_table_shows_its_rows_without_a_filter_error(client_for, dunia):
    klien = client_for(dunia.operator)
    html = klien.get(f"/opd/{dunia.opd_a.kode}/").content.decode()
    tautan = re.search(r'href="(/capaian/indikator/\?[^"]+)">Tabel capaian dan ekspor xlsx', html).group(1)

    tabel = klien.get(tautan.replace("&amp;", "&"))

    assert f"opd={dunia.opd_a.kode}" in tautan
    teks = _teks(tabel)
    assert "is-invalid" not in teks and "invalid-feedback" not in teks
    assert "S1.2-2" in teks  # a Disperindag indicator's row
