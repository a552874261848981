"""The engine reads an OPD-year with a fixed number of queries: the same for the dataset, for a synthetic
OPD of the same shape and for one with 20 times as many indicators and budget lines: the OPD's data
version (1) and its rows (25). Asked again with unchanged data it answers from the cache with the version
alone. Reading the result afterwards (parents of indicators, findings, every table) runs no query at all."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anggaran.models import RencanaPenyerapan, SubKegiatan
from bench.sintetis import buat_opd_sintetis
from capaian.engine import CACHE, hitung_opd_tahun
from inti.models import OPD
from inti.periode import TRIBULAN
from lkjip.laporan.teks import keluaran_json
from perjanjian.models import BarisPK, RencanaAksi
from renstra.models import FIELD_DEFINISI, DefinisiIndikatorTahun, Indikator

JUMLAH_QUERY = 26  # the data version, then the rows
JUMLAH_QUERY_CACHE = 1  # the data version

pytestmark = pytest.mark.django_db


def _hitung(opd):
    CACHE.kosongkan()
    with CaptureQueriesContext(connection) as konteks:
        hasil = hitung_opd_tahun(opd, 2022)
    return hasil, len(konteks.captured_queries)


def test_the_dataset_takes_a_fixed_number_of_queries(django_assert_num_queries):
    opd = OPD.objects.get(kode="disperindag")
    with django_assert_num_queries(JUMLAH_QUERY):
        pertama = hitung_opd_tahun(opd, 2022)
    with django_assert_num_queries(JUMLAH_QUERY_CACHE):
        assert hitung_opd_tahun(opd, 2022) is pertama


def _rencana_dan_definisi(opd) -> None:
    """Rencana Aksi on every PK row, a spending plan on every sub kegiatan, every definition frozen."""
    RencanaAksi.objects.bulk_create(
        RencanaAksi(baris_pk=b, tribulan=t, target=b.target)
        for b in BarisPK.objects.filter(pk_dokumen__opd=opd)
        for t in TRIBULAN
    )
    RencanaPenyerapan.objects.bulk_create(
        RencanaPenyerapan(sub_kegiatan=s, tribulan=t, nilai=Decimal(1000) * t)
        for s in SubKegiatan.objects.filter(kegiatan__program__opd=opd)
        for t in TRIBULAN
    )
    DefinisiIndikatorTahun.objects.bulk_create(
        DefinisiIndikatorTahun(
            indikator=i,
            tahun=2022,
            variabel=[{"nama": v.nama, "label": v.label, "satuan": v.satuan} for v in i.variabel_set.all()],
            **{f: getattr(i, f) for f in FIELD_DEFINISI},
        )
        for i in Indikator.objects.filter(opd=opd).prefetch_related("variabel_set")
    )


def test_twenty_times_the_indicators_and_budget_lines_take_the_same_queries():
    kecil, n_kecil = _hitung(buat_opd_sintetis("sintetis-1", kali=1))
    opd_besar = buat_opd_sintetis("sintetis-20", kali=20)
    _rencana_dan_definisi(opd_besar)
    besar, n_besar = _hitung(opd_besar)
    assert all(h.ada_rencana_aksi for h in besar.indikator if h.iku)
    assert all(b.rencana.ada for b in besar.baris_anggaran())
    assert all(h.definisi_beku is not None for h in besar.indikator)
    _, n_dataset = _hitung(OPD.objects.get(kode="disperindag"))
    assert len(besar.indikator) >= 20 * 40 and len(besar.baris_anggaran()) >= 20 * 40
    assert len(besar.indikator) > 19 * len(kecil.indikator)
    assert len(besar.baris_anggaran()) > 19 * len(kecil.baris_anggaran())
    assert n_kecil == n_besar == n_dataset == JUMLAH_QUERY


def test_reading_the_result_runs_no_query(django_assert_num_queries):
    hasil = hitung_opd_tahun(OPD.objects.get(kode="disperindag"), 2022)
    with django_assert_num_queries(0):
        assert all(h.indikator.induk is not None for h in hasil.indikator)
        assert {i.tabel.kode for h in hasil.indikator for i in h.input if i.tabel} == {
            "nilai-produksi-sektor-unggulan",
            "nilai-omset-produk-unggulan",
        }
        assert all(b.objek.nama for b in hasil.baris_anggaran("dpa"))
        assert {p.objek.sasaran.kode for s in hasil.sasaran for p in s.program} == {"2.1", "2.2"}
        assert len(hasil.temuan) == 16
        assert keluaran_json(hasil)["indikator"]


def test_the_synthetic_opd_is_computed_like_the_dataset():
    hasil, _ = _hitung(buat_opd_sintetis("sintetis-bentuk", kali=2))
    assert hasil.pk_terakhir.revisi == 1
    assert len(hasil.iku) == 4
    assert {h.sumber_realisasi for h in hasil.indikator} == {"rumus", "diketik"}
    assert all(h.capaian.ada for h in hasil.indikator)
    assert hasil.anggaran.pagu.lengkap and hasil.anggaran.realisasi.lengkap
    assert len(hasil.standar) == 4 and len(hasil.kemajuan) == 5
