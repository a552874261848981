"""The OPD page is the operator's home: what is filled and missing for the chosen year and Tribulan, the
deadline and lock, the engine's findings, and the way to each entry screen."""

import pytest

from tests.monev.conftest import HTMX, REHABILITASI_PASAR, url_monev
from tests.monev.html import elemen, sel, teks

pytestmark = pytest.mark.django_db


def _kelengkapan(respons) -> dict[str, tuple[int, int]]:
    return {k.judul: (len(k.terisi), k.jumlah) for k in respons.context["monev"].kelengkapan}


def test_the_operator_sees_what_is_filled_and_missing_for_tribulan_iv(masuk, operator_user):
    respons = masuk(operator_user).get("/opd/disperindag/")
    assert (respons.context["pilihan"].tahun, respons.context["pilihan"].tribulan) == (2022, 4)
    # Seed 2022 at Tribulan IV: every IKU, program and kegiatan has a realisasi; no sub kegiatan has;
    # one formula input is missing (the trained IKM of 3.31.02.2.01, seed problem 8); the Penunjang
    # program has its realisasi derived from the seed's 74,65% (seed problem 6); both IKU have their analysis.
    assert _kelengkapan(respons) == {
        "Realisasi: Indikator Kinerja Utama (IKU)": (2, 2),
        "Realisasi: Indikator tujuan dan sasaran lainnya": (1, 4),
        "Realisasi: Indikator program": (8, 8),
        "Realisasi: Indikator kegiatan": (16, 16),
        "Realisasi: Indikator sub kegiatan": (0, 21),
        "Input Kertas Kerja (variabel rumus)": (49, 50),
        "Realisasi anggaran (per sub kegiatan)": (19, 19),
        "Analisis IKU": (2, 2),
    }
    html = respons.content.decode()
    kelengkapan = teks(elemen(html, "div", "kelengkapan"))
    assert "Jumlah IKM yang Dilatih (ikm_dilatih)" in kelengkapan
    assert "3.30.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA" not in kelengkapan
    periode = teks(elemen(html, "div", "kartu-periode"))
    assert "15 Januari 2023" in periode and "Terbuka" in periode
    # The engine's 16 findings on the 2022 data, with the seed's PK/DPA budget disagreement among them.
    assert sel(elemen(html, "div", "temuan"), "badge") == "16"
    assert "Perjanjian Kinerja murni 2022 Rp 9.016.697.517, sedangkan pagu DPA murni Rp 8.964.583.767" in teks(html)


def test_entering_a_value_moves_it_from_missing_to_filled(masuk, operator_user, indikator):
    client = masuk(operator_user)
    client.post(url_monev("realisasi", indikator(REHABILITASI_PASAR).pk), {"nilai": "2", "versi": ""}, **HTMX)
    respons = client.get("/opd/disperindag/?tahun=2022&tribulan=4")
    assert _kelengkapan(respons)["Realisasi: Indikator sub kegiatan"] == (1, 21)
    assert "Jumlah rehabilitasi sedang/berat" not in teks(
        elemen(respons.content.decode(), "div", "kelengkapan")
    )


def test_the_tribulan_selector_changes_the_period(masuk, operator_user):
    respons = masuk(operator_user).get("/opd/disperindag/?tahun=2022&tribulan=2")
    assert respons.context["pilihan"].tribulan == 2
    assert respons.context["monev"].hasil.tribulan == 2
    # Only Tribulan IV data is in the dataset: at Tribulan II nothing is filled yet.
    assert _kelengkapan(respons)["Realisasi: Indikator program"] == (0, 8)
    html = respons.content.decode()
    assert "15 Juli 2022" in teks(elemen(html, "div", "kartu-periode"))
    assert 'href="/opd/disperindag/monev/2022/tw2/realisasi/"' in html


@pytest.mark.parametrize("query", ["?tahun=abc&tribulan=9", "?tahun=1800", "?tribulan="])
def test_unreadable_selectors_fall_back_to_the_current_period(masuk, operator_user, query):
    respons = masuk(operator_user).get("/opd/disperindag/" + query)
    assert respons.status_code == 200
    assert (respons.context["pilihan"].tahun, respons.context["pilihan"].tribulan) == (2022, 4)


def test_a_locked_period_shows_as_locked_and_the_links_become_read_only(masuk, operator_user, kunci_periode):
    kunci_periode(4)
    html = masuk(operator_user).get("/opd/disperindag/").content.decode()
    assert "Terkunci" in teks(elemen(html, "div", "kartu-periode"))
    menu = teks(elemen(html, "div", "menu-monev"))
    assert menu.startswith("Lihat realisasi indikator") and "Isi " not in menu


@pytest.mark.parametrize(
    ("persona", "awalan"),
    [
        ("operator_user", "Isi"),
        ("admin_user_demo", "Isi"),
        ("kepala_user", "Lihat"),
        ("auditor_user", "Lihat"),
    ],
)
def test_write_links_only_for_writers(request, masuk, persona, awalan):
    html = masuk(request.getfixturevalue(persona)).get("/opd/disperindag/").content.decode()
    tautan = teks(elemen(html, "div", "menu-monev"))
    assert tautan.split()[0] == awalan
    assert "Isi realisasi indikator" in tautan if awalan == "Isi" else "Lihat realisasi indikator" in tautan


def test_another_opds_page_is_not_found(masuk, operator2_user):
    respons = masuk(operator2_user).get("/opd/disperindag/?tahun=2022&tribulan=4")
    assert respons.status_code == 404
    assert b"Perindustrian" not in respons.content
