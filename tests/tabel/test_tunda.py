"""The tables compute what their page shows: the values of the OPDs on the page, not of every OPD.

A Pemda of four synthetic OPDs (47 indicators each) fills eight pages of the indicator table. Page 1 reads the
indicator values of the OPDs it shows, in one batch, and never the budget; page 2 those of the next OPD; a
sort on capaian needs every figure and reads every OPD's values at once. The budget table never reads an
indicator value. The figures are the engine's either way (the other table tests compare them).
"""

import re

import pytest

from bench.sintetis import buat_opd_sintetis
from capaian import engine

pytestmark = pytest.mark.django_db


@pytest.fixture
def dibaca(monkeypatch):
    """The OPD codes of each value read, per group: [(group, {codes})] in order."""
    catatan = []

    def catat(grup, asli):
        def bungkus(daftar, tahun):
            catatan.append((grup, {d.opd.kode for d in daftar}))
            return asli(daftar, tahun)

        return bungkus

    monkeypatch.setattr(engine, "_muat_nilai_indikator", catat("indikator", engine._muat_nilai_indikator))
    monkeypatch.setattr(engine, "_muat_nilai_anggaran", catat("anggaran", engine._muat_nilai_anggaran))
    return catatan


@pytest.fixture
def empat_opd(dunia):
    opd = [buat_opd_sintetis(f"tunda-{i}", kali=1) for i in range(4)]
    dunia.opd_c  # noqa: B018 - the other Pemda's empty OPD exists before the pages are read
    return opd


def _kode_di_halaman(html: str, semua: list) -> set[str]:
    return {o.kode for o in semua if re.search(rf"/opd/{o.kode}/indikator/\d+/", html)}


def test_a_page_reads_the_values_of_its_own_opds_only(client_for, dunia, empat_opd, dibaca):
    klien = client_for(dunia.admin_lain)
    html = klien.get("/capaian/indikator/", {"tahun": 2022}).content.decode()
    di_halaman = _kode_di_halaman(html, empat_opd)
    assert di_halaman == {"tunda-0"}  # 188 rows, 25 a page: page 1 shows the first OPD's
    assert dibaca == [("indikator", di_halaman)]
    assert "Menampilkan 1–25 dari 188 indikator" in html

    dibaca.clear()
    html = klien.get("/capaian/indikator/", {"tahun": 2022, "page": 2}).content.decode()
    kedua = _kode_di_halaman(html, empat_opd)
    assert kedua == {"tunda-0", "tunda-1"}  # rows 26–50
    # The OPDs read for page 1 stay read (the cache keeps them); page 2 reads only those not read yet.
    assert dibaca == [("indikator", kedua - di_halaman)]


def test_a_sort_on_capaian_reads_every_opd_once(client_for, dunia, empat_opd, dibaca):
    klien = client_for(dunia.admin_lain)
    html = klien.get("/capaian/indikator/", {"tahun": 2022, "sort": "-capaian"}).content.decode()
    assert dibaca == [("indikator", {o.kode for o in empat_opd} | {dunia.opd_c.kode})]
    assert "Menampilkan 1–25 dari 188 indikator" in html


def test_the_budget_table_reads_no_indicator_value(client_for, dunia, empat_opd, dibaca):
    html = client_for(dunia.admin_lain).get("/capaian/anggaran/", {"tahun": 2022}).content.decode()
    assert [g for g, _ in dibaca] == ["anggaran"]
    assert "Menampilkan 1–" in html
