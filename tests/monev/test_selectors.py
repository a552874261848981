"""The selectors of the monev screens and the OPD page: what each returns for the 2022 dataset (seed:
LKjIP Disperindag Kota Pasuruan 2022), with the figures the pages show."""

import datetime
from types import SimpleNamespace

import pytest

from anggaran.models import SubKegiatan
from capaian.models import TabelPendukung
from capaian.selectors import monev as baca
from inti.akses import peran_pengguna
from inti.models import PeriodeMonev
from lkjip.selectors import beranda_list, ringkasan_opd
from tests.monev.conftest import PRODUKSI_UNGGULAN, RETRIBUSI_PASAR, D

pytestmark = pytest.mark.django_db


@pytest.fixture
def layar(opd_disperindag, operator_user):
    def buat(tribulan: int = 4, user=operator_user) -> baca.Layar:
        return baca.layar_get(opd=opd_disperindag, tahun=2022, tribulan=tribulan, akses=peran_pengguna(user))

    return buat


def test_the_frame_says_what_the_user_may_do(layar, auditor_user, kunci_periode):
    operator = layar()
    assert (operator.boleh_tulis, operator.boleh_ubah, operator.boleh_reviu) == (True, True, False)
    assert operator.periode.batas_waktu == datetime.date(2023, 1, 15)
    assert (layar(user=auditor_user).boleh_tulis, layar(user=auditor_user).boleh_reviu) == (False, True)
    kunci_periode(4)
    terkunci = layar()
    assert (terkunci.terkunci, terkunci.dikunci, terkunci.boleh_ubah) == (True, True, False)
    assert terkunci.pesan_terkunci.startswith("Periode Tribulan IV 2022 sudah dikunci")


def test_a_period_out_of_range_is_not_found(opd_disperindag, operator_user):
    from django.http import Http404

    with pytest.raises(Http404):
        baca.layar_get(opd=opd_disperindag, tahun=2022, tribulan=5, akses=peran_pengguna(operator_user))


def test_realisasi_rows_come_grouped_with_the_engines_figures(layar):
    isi = baca.realisasi_list(layar=layar())
    assert [(g.nama, len(g.baris)) for g in isi.grup] == [
        ("iku", 2),
        ("renstra", 4),
        ("program", 8),
        ("kegiatan", 16),
        ("sub_kegiatan", 21),
    ]
    baris = {b.indikator.kode: b for g in isi.grup for b in g.baris}
    # Seed Tabel 3.2: production growth 0,094 of a target of 0,1 → 94,00%; retribusi 93,7 → 93,70%.
    produksi, retribusi = baris[PRODUKSI_UNGGULAN], baris[RETRIBUSI_PASAR]
    assert (produksi.hasil.realisasi.teks, produksi.hasil.capaian.persen) == ("0,094", "94,00%")
    assert (retribusi.tersimpan.nilai, retribusi.hasil.capaian.persen) == (D("93.7"), "93,70%")
    assert (retribusi.jumlah_bukti, retribusi.jumlah_catatan) == (0, 0)


def test_kertas_kerja_carries_the_tables_column_sums_and_what_they_feed(layar, opd_disperindag):
    isi = baca.kertas_kerja_get(layar=layar())
    tabel = TabelPendukung.objects.get(opd=opd_disperindag, tahun=2022, kode="nilai-produksi-sektor-unggulan")
    [kartu] = [t for t in isi.tabel if t.tabel.pk == tabel.pk]
    # Seed Tabel 3.7: production value 3.835.029 in 2022 and 3.831.430 in 2021.
    assert {kolom: jumlah.teks for kolom, jumlah in kartu.jumlah} == {
        "2021": "3.831.430",
        "2022": "3.835.029",
    }
    assert {(kode, kolom) for kode, _, kolom in kartu.dipakai} == {
        (PRODUKSI_UNGGULAN, "2021"),
        (PRODUKSI_UNGGULAN, "2022"),
    }
    [retribusi] = [k for k in isi.kartu if k.hasil.kode == RETRIBUSI_PASAR]
    assert {m.masukan.nama: m.tersimpan for m in retribusi.input} == {
        "realisasi_pad": 1485016014,
        "target_pad": 1584834492,
    }
    assert retribusi.tw.rumus.teks == "93,7"


def test_budget_rows_say_which_line_takes_a_realisasi(layar, opd_disperindag):
    isi = baca.anggaran_list(layar=layar())
    sub = SubKegiatan.objects.get(kegiatan__program__opd=opd_disperindag, kode="3.31.02.2.01.0001")
    [baris] = [b for b in isi.baris if b.kunci == f"sub_kegiatan-{sub.pk}"]
    # Seed Tabel 3.14: pagu 26.712.300, realisasi 3.635.000, 13,61%.
    assert (baris.hasil.pagu.teks, baris.tersimpan.nilai, baris.hasil.penyerapan.teks) == (
        "26.712.300",
        3635000,
        "13,61",
    )
    assert baris.bisa_diisi
    assert not any(b.bisa_diisi for b in isi.baris if b.hasil.level == "kegiatan")
    assert isi.dokumen_anggaran == "dpa_perubahan"
    # Every line has its realisasi: the Penunjang's is derived from the seed's 74,65% (seed problem 6).
    assert isi.jumlah.realisasi.lengkap and isi.jumlah.penyerapan.teks == "74,65"


def test_analysis_cards_hold_the_stored_texts(layar):
    isi = baca.analisis_list(layar=layar())
    iku = {k.indikator.kode: k for k in isi.grup[0].baris}
    assert set(iku) == {"S2.1-1", "S2.2-1"}
    assert iku["S2.1-1"].teks is not None and iku["S2.1-1"].teks.faktor_keberhasilan


def test_the_history_of_a_value_starts_with_the_dataset_load(layar, indikator):
    isi = baca.riwayat_get(layar=layar(), jenis="realisasi", pk=indikator(RETRIBUSI_PASAR).pk)
    assert isi.subjek == f"Realisasi {RETRIBUSI_PASAR} Tribulan IV 2022"
    [dimuat] = isi.baris
    assert (dimuat.lama, dimuat.baru, dimuat.jenis) == ("kosong", "93,7", "dibuat")


def test_the_indicator_page_has_its_four_tribulan(layar, indikator):
    isi = baca.indikator_halaman_get(layar=layar(), indikator=indikator(RETRIBUSI_PASAR))
    assert [r.tribulan for r in isi.realisasi_tw] == [1, 2, 3, 4]
    assert [r.nilai.teks for r in isi.realisasi_tw] == ["–", "–", "–", "93,7"]
    assert (isi.bukti, isi.catatan) == ([], [])


def _periode(tahun, tribulan, batas, terkunci=False):
    return PeriodeMonev(tahun=tahun, tribulan=tribulan, batas_waktu=batas, terkunci=terkunci)


def test_the_current_period_is_the_open_one_with_the_nearest_deadline(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: datetime.date(2022, 8, 1))
    periode = [
        _periode(2022, 2, datetime.date(2022, 7, 15)),
        _periode(2022, 3, datetime.date(2022, 10, 15)),
        _periode(2022, 4, datetime.date(2023, 1, 15)),
    ]
    pilihan = baca.pilih_periode(tahun=None, tribulan=None, periode_pemda=periode, tahun_data={2021})
    assert (pilihan.tahun, pilihan.tribulan, pilihan.sisa_hari, pilihan.lewat) == (2022, 3, 75, False)
    assert pilihan.tahun_list == [2022, 2021]
    # Asked for, and out of range: ignored.
    lewat = baca.pilih_periode(tahun=2022, tribulan=2, periode_pemda=periode, tahun_data=set())
    assert (lewat.tribulan, lewat.lewat, lewat.nama_tribulan) == (2, True, "Tribulan II")
    asal = baca.pilih_periode(tahun=1800, tribulan=9, periode_pemda=periode, tahun_data=set())
    assert (asal.tahun, asal.tribulan) == (2022, 3)


def test_the_opd_summary_counts_what_is_filled(opd_disperindag, operator_user):
    akses = peran_pengguna(operator_user)
    ringkasan = ringkasan_opd(opd=opd_disperindag)
    tahun_2022 = next(a for a in ringkasan.anggaran_per_tahun if a.tahun == 2022)
    assert tahun_2022.program == 8  # the eight programs of the PK 2022 (seed, Bab II)
    pilihan = baca.periode_pilih(
        opd=opd_disperindag, tahun=2022, tribulan=4, tahun_data=ringkasan.tahun_anggaran
    )
    monev = baca.ringkasan_monev_get(opd=opd_disperindag, pilihan=pilihan, akses=akses)
    kelengkapan = {k.judul: (len(k.terisi), k.jumlah) for k in monev.kelengkapan}
    assert kelengkapan["Realisasi anggaran (per sub kegiatan)"] == (19, 19)
    assert kelengkapan["Analisis IKU"] == (2, 2)
    assert len(monev.temuan) == 16
    assert monev.layar.boleh_ubah and [nama for nama, _, _ in monev.layar.menu()] == [
        "realisasi",
        "kertas_kerja",
        "anggaran",
        "analisis",
    ]


def test_the_home_page_lists_the_opds_with_the_users_role(operator_user):
    assert [(b.opd.kode, b.label_peran, b.boleh_tulis) for b in beranda_list(user=operator_user)] == [
        ("disperindag", "Operator", True)
    ]


def test_the_upload_shows_the_indicators_whose_inputs_changed(opd_disperindag, indikator):
    retribusi = indikator(RETRIBUSI_PASAR)
    tabel = TabelPendukung.objects.get(opd=opd_disperindag, tahun=2022, kode="nilai-produksi-sektor-unggulan")
    perubahan = [
        SimpleNamespace(jenis="realisasi", objek=retribusi),
        SimpleNamespace(jenis="tabel", objek=SimpleNamespace(pk=0, tabel_id=tabel.pk)),
    ]
    hasil = baca.capaian_setelah_unggah(opd=opd_disperindag, tahun=2022, tribulan=4, perubahan=perubahan)
    assert {h.kode: h.capaian.persen for h in hasil} == {
        RETRIBUSI_PASAR: "93,70%",
        PRODUKSI_UNGGULAN: "94,00%",
    }
