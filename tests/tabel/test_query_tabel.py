"""Every table page runs a fixed number of queries: the dataset's 2 OPDs and the dataset plus small OPDs of
another Pemda give the same count, for the pages, their exports and every filter.

The added OPDs are as small as can still show a leak (bench/sintetis.py, `buat_opd_kecil`): each holds one
row of every kind the pages read, so a query run per OPD, per Pemda or per row adds at least one query
per added OPD. More or bigger OPDs would show the same difference, only slower.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.sintetis import KODE_PEMDA, buat_opd_kecil
from capaian.engine import CACHE, hitung_banyak_opd

pytestmark = pytest.mark.django_db

# Three, not two: the Pemda overview then compares 2 OPDs (Kota Pasuruan) with 3 (the synthetic Pemda).
OPD_TAMBAHAN = 3

HALAMAN = [
    ("/capaian/indikator/", {"tahun": 2022}),
    ("/capaian/indikator/", {"tahun": 2022, "sort": "-capaian", "page": 2, "kategori": "Sangat Tinggi"}),
    ("/capaian/indikator/xlsx/", {"tahun": 2022, "sort": "-capaian"}),
    ("/capaian/anggaran/", {"tahun": 2022, "level": "sub_kegiatan", "sort": "penyerapan"}),
    ("/capaian/anggaran/xlsx/", {"tahun": 2022}),
]
RINGKASAN = ["/capaian/pemda/", "/capaian/pemda/xlsx/"]


def _hitung(klien, url, data) -> int:
    CACHE.kosongkan()  # every page computed afresh: the same queries whatever the number of OPDs
    with CaptureQueriesContext(connection) as konteks:
        response = klien.get(url, data)
    # An export across OPDs redirects to its job, which the tests' queue has run within the request.
    selesai = response.status_code == 302 and response["Location"].startswith("/pekerjaan/")
    assert response.status_code == 200 or (url.endswith("xlsx/") and selesai), (url, response.status_code)
    return len(konteks.captured_queries)


def test_the_small_opds_reach_every_part_of_the_engine():
    """What makes them enough: without one of these kinds of rows a per-row query could hide."""
    (hasil,) = hitung_banyak_opd(buat_opd_kecil(1), 2022)
    assert {h.level for h in hasil.indikator} == {"tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"}
    assert all(h.capaian.ada for h in hasil.indikator)
    assert {h.sumber_realisasi for h in hasil.indikator} >= {"rumus"}
    [iku] = hasil.iku
    assert [i.tabel is not None for i in iku.hasil.input] == [True, True]
    # Each level has a line that carries its own pagu and realisasi (not only sums of its children).
    assert {b.level for b in hasil.baris_anggaran() if b.pagu_sendiri is not None} == {
        "program",
        "kegiatan",
        "sub_kegiatan",
    }
    assert all(b.realisasi.ada for b in hasil.baris_anggaran())
    assert hasil.pk_awal is not hasil.pk_akhir and hasil.baris_pk(hasil.pk_akhir) and hasil.anggaran_pk()
    assert hasil.standar and hasil.tahun_lalu and hasil.kemajuan


def test_every_table_page_runs_the_same_queries_whatever_the_number_and_size_of_opds(client_for, dunia):
    klien = client_for(dunia.admin)
    dataset = {(url, str(data)): _hitung(klien, url, data) for url, data in HALAMAN}
    ringkasan = {url: _hitung(klien, url, {"tahun": 2022, "pemda": dunia.pemda.kode}) for url in RINGKASAN}
    buat_opd_kecil(OPD_TAMBAHAN)
    for url, data in HALAMAN:
        assert _hitung(klien, url, data) == dataset[(url, str(data))], url
    for url in RINGKASAN:
        assert _hitung(klien, url, {"tahun": 2022, "pemda": KODE_PEMDA, "sort": "-capaian_iku"}) == ringkasan[url], url


def test_an_operator_page_runs_the_same_queries_as_the_admins(client_for, dunia):
    buat_opd_kecil(OPD_TAMBAHAN)
    assert _hitung(client_for(dunia.operator2), "/capaian/indikator/", {"tahun": 2022}) == _hitung(
        client_for(dunia.admin), "/capaian/indikator/", {"tahun": 2022}
    )
