"""Building the report reads a fixed number of queries, whatever the size of the OPD, then renders without
any: the same count for the dataset and for a synthetic OPD five times its size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.sintetis import buat_opd_sintetis
from capaian.engine import CACHE
from inti.models import OPD
from lkjip.laporan.dokumen import JUMLAH_QUERY, bangun_dokumen, kumpulkan_data
from lkjip.laporan.ekspor import LaporanXlsx
from lkjip.laporan.pdf import html_laporan

pytestmark = pytest.mark.django_db


def _bangun(opd):
    CACHE.kosongkan()  # read afresh: the same queries whatever the size of the OPD
    with CaptureQueriesContext(connection) as baca:
        data = kumpulkan_data(opd, 2022)
    with CaptureQueriesContext(connection) as susun:
        dok = bangun_dokumen(data)
        html = html_laporan(dok)
        LaporanXlsx(dok).isi()
    return dok, html, len(baca.captured_queries), len(susun.captured_queries)


def test_the_dataset_report_takes_a_fixed_number_of_queries_and_renders_without_any(operator_user):
    from lkjip.laporan import services

    opd = OPD.objects.get(kode="disperindag")
    services.narasi_simpan(user=operator_user, opd=opd, tahun=2022, bagian="kata_pengantar", teks="Pengantar.")
    dok, html, baca, susun = _bangun(opd)
    assert (baca, susun) == (JUMLAH_QUERY, 0)
    assert "Pengantar." in html and len(dok.daftar_tabel) == 21


def test_five_times_the_size_takes_the_same_queries():
    kecil = buat_opd_sintetis("lap-sintetis-1", kali=1)
    besar = buat_opd_sintetis("lap-sintetis-5", kali=5)
    dok_kecil, _, baca_kecil, susun_kecil = _bangun(kecil)
    dok_besar, html_besar, baca_besar, susun_besar = _bangun(besar)
    assert baca_kecil == baca_besar == JUMLAH_QUERY
    assert susun_kecil == susun_besar == 0
    assert len(dok_besar.hasil.indikator) > 4 * len(dok_kecil.hasil.indikator)
    assert len(dok_besar.tabel["anggaran"].baris) > 4 * len(dok_kecil.tabel["anggaran"].baris)
    # Every sasaran of the synthetic OPD gets its own numbered tables.
    assert len(dok_besar.sasaran) == 10 and "Pengukuran Kinerja Sasaran Kesepuluh" in html_besar
