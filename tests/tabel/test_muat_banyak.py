"""The multi-OPD loader of the tables reads exactly what the engine's own loader reads, per OPD, with a
fixed number of queries whatever the number of OPDs."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from capaian.engine import hitung_banyak_opd, hitung_dari_data, muat_data_banyak_opd, muat_data_opd
from inti.models import OPD, Pemda, RentangKategori, SkalaKategori

pytestmark = pytest.mark.django_db

DAFTAR = (
    "renstra",
    "tujuan",
    "sasaran",
    "program",
    "kegiatan",
    "sub_kegiatan",
    "pk",
    "baris_pk",
    "anggaran_pk",
    "indikator",
    "standar",
    "realisasi_lalu",
)
KAMUS_OBJEK = ("realisasi", "nilai_variabel", "tabel")
KAMUS_NILAI = ("target", "jumlah_tabel", "pagu", "realisasi_anggaran")


def _sama(banyak, satu):
    assert banyak.opd.pk == satu.opd.pk and banyak.tahun == satu.tahun
    assert banyak.rentang == satu.rentang
    for nama in DAFTAR:
        assert [x.pk for x in getattr(banyak, nama)] == [x.pk for x in getattr(satu, nama)], nama
    for nama in KAMUS_OBJEK:
        assert {k: v.pk for k, v in getattr(banyak, nama).items()} == {
            k: v.pk for k, v in getattr(satu, nama).items()
        }, nama
    for nama in KAMUS_NILAI:
        assert getattr(banyak, nama) == getattr(satu, nama), nama
    assert {k: [v.pk for v in vs] for k, vs in banyak.variabel.items()} == {
        k: [v.pk for v in vs] for k, vs in satu.variabel.items()
    }


def _angka(hasil):
    return (
        [
            (h.indikator.pk, h.target.nilai, h.realisasi.nilai, h.capaian.nilai, h.kategori, h.status)
            for h in hasil.indikator
        ],
        [
            (b.level, b.kode, b.pagu.nilai, b.realisasi.nilai, b.penyerapan.nilai)
            for b in hasil.baris_anggaran()
        ],
        [t.pesan for t in hasil.temuan],
    )


def test_each_opd_gets_what_the_engines_loader_reads(pemda_sintetis):
    sintetis = pemda_sintetis(2, kali=2)
    # The synthetic Pemda uses a scale of its own, the dataset the default one.
    skala = SkalaKategori.objects.create(nama="Skala uji dua rentang")
    RentangKategori.objects.create(skala=skala, urutan=1, nama="Baik", batas_bawah=Decimal(80))
    RentangKategori.objects.create(skala=skala, urutan=2, nama="Kurang", batas_atas=Decimal(80))
    Pemda.objects.filter(kode="pemda-sintetis").update(skala_kategori=skala)
    semua = OPD.objects.filter(kode__in=["disperindag", "diskopum", *(o.kode for o in sintetis)]).order_by(
        "nama"
    )
    banyak = muat_data_banyak_opd(semua, 2022)
    assert [d.opd.kode for d in banyak] == [o.kode for o in semua]
    for data in banyak:
        satu = muat_data_opd(data.opd, 2022)
        _sama(data, satu)
        assert _angka(hitung_dari_data(data)) == _angka(hitung_dari_data(satu))
    assert [r.nama for r in banyak[-1].rentang] == ["Baik", "Kurang"]


def test_the_figures_match_the_engine_for_the_dataset(opd_disperindag):
    from capaian.engine import hitung_opd_tahun

    (hasil,) = hitung_banyak_opd(OPD.objects.filter(kode="disperindag"), 2022)
    assert _angka(hasil) == _angka(hitung_opd_tahun(opd_disperindag, 2022))
    assert hasil.hasil_indikator(hasil.iku[0].hasil.indikator).capaian.teks == "94,00"


def test_two_or_fourteen_opds_take_the_same_25_queries(pemda_sintetis):
    with CaptureQueriesContext(connection) as dua:
        muat_data_banyak_opd(OPD.objects.filter(kode__in=["disperindag", "diskopum"]), 2022)
    pemda_sintetis(12)
    with CaptureQueriesContext(connection) as empat_belas:
        hasil = muat_data_banyak_opd(OPD.objects.all(), 2022)
    assert len(hasil) == 14
    assert len(dua.captured_queries) == len(empat_belas.captured_queries) == 25


def test_no_opd_no_query():
    with CaptureQueriesContext(connection) as konteks:
        assert muat_data_banyak_opd([], 2022) == []
    assert len(konteks.captured_queries) == 0
