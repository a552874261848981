"""The 2022 dataset: loading, idempotency, and every stored figure read back against the LKjIP."""

import getpass
import io
import json
from collections import Counter
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Sum

from anggaran.models import (
    Kegiatan,
    PaguAnggaran,
    Program,
    RealisasiAnggaran,
    RencanaPenyerapan,
    SubKegiatan,
    q_mata_anggaran,
)
from capaian.excel.dataset import isi_dataset
from capaian.models import (
    AnalisisIndikator,
    BarisTabelPendukung,
    NilaiVariabel,
    RealisasiIndikator,
    TabelPendukung,
)
from inti.models import OPD, AksesPemda, Keanggotaan, Pemda, PeriodeMonev, RentangKategori, SkalaKategori
from lkjip.dataset.baris import DatasetTidakSah
from lkjip.dataset.dari_excel import impor_dataset
from lkjip.dataset.dari_json import muat_dataset
from perjanjian.models import AnggaranPK, BarisPK, PerjanjianKinerja, RencanaAksi
from renstra.models import (
    Indikator,
    RealisasiTahunLalu,
    Renstra,
    Sasaran,
    StandarPembanding,
    TargetIndikator,
    Tujuan,
    VariabelFormula,
)

pytestmark = pytest.mark.django_db

OPD_KODE = "disperindag"


def _muat(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command("muat_dataset", *args, stdout=out, **kwargs)
    return out.getvalue()


def _jumlah_semua_model() -> dict[str, int]:
    # Every installed model, history tables included: a rerun that rewrote unchanged rows would show.
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def _indikator(kode: str, opd: str = OPD_KODE) -> Indikator:
    return Indikator.objects.get(opd__kode=opd, kode=kode)


def _nilai_variabel(kode_indikator: str, nama: str) -> NilaiVariabel:
    return NilaiVariabel.objects.get(
        variabel__indikator__opd__kode=OPD_KODE,
        variabel__indikator__kode=kode_indikator,
        variabel__nama=nama,
        tahun=2022,
        tribulan=4,
    )


def _target(kode: str, dokumen: str, tahun: int = 2022) -> Decimal:
    return TargetIndikator.objects.get(indikator=_indikator(kode), dokumen=dokumen, tahun=tahun).nilai


def _sub(nama: str) -> SubKegiatan:
    return SubKegiatan.objects.get(kegiatan__program__opd__kode=OPD_KODE, nama=nama)


def _program(kode: str) -> Program:
    return Program.objects.get(opd__kode=OPD_KODE, tahun=2022, kode=kode)


def _pk(revisi: int) -> PerjanjianKinerja:
    return PerjanjianKinerja.objects.get(opd__kode=OPD_KODE, tahun=2022, revisi=revisi)


# --- loading -------------------------------------------------------------------------------------


def test_session_load_on_empty_database_created_the_dataset():
    # The session fixture ran the command on a freshly migrated, empty test database.
    assert Pemda.objects.count() == 1
    assert sorted(OPD.objects.values_list("kode", flat=True)) == ["diskopum", "disperindag"]
    assert Program.objects.filter(opd__kode=OPD_KODE, tahun=2022).count() == 8
    assert Kegiatan.objects.filter(program__opd__kode=OPD_KODE).count() == 8 + 1 + 2 + 1 + 1 + 1 + 1 + 1
    assert SubKegiatan.objects.filter(kegiatan__program__opd__kode=OPD_KODE).count() == 18
    assert get_user_model().objects.count() == 5


def test_command_prints_the_demo_logins_with_the_configured_password(settings):
    settings.DEMO_PASSWORD = "sandi-lain-2022"
    keluaran = _muat()
    assert keluaran.splitlines() == [
        "Sudah ada, dibiarkan apa adanya (pakai --timpa untuk mengembalikan nilai dataset): disperindag, diskopum.",
        "Login demo (password: sandi-lain-2022):",
        "  admin      Admin Pemda (Bappeda), semua OPD",
        "  operator   Operator Disperindag",
        "  kepala     Kepala Disperindag",
        "  auditor    Auditor (Inspektorat), baca semua OPD",
        "  operator2  Operator Diskopum (OPD demo kedua)",
    ]


def test_default_demo_password_is_printed_and_works():
    keluaran = _muat()
    assert "password: sakip-demo-2022" in keluaran
    assert get_user_model().objects.get(username="operator").check_password("sakip-demo-2022")


def test_second_load_duplicates_nothing_and_writes_no_history():
    sebelum = _jumlah_semua_model()
    _muat()
    muat_dataset()
    assert _jumlah_semua_model() == sebelum


def test_option_tanpa_pengguna_leaves_users_alone():
    get_user_model().objects.filter(username="operator2").delete()
    keluaran = _muat("--tanpa-pengguna")
    assert "Login demo" not in keluaran
    assert not get_user_model().objects.filter(username="operator2").exists()


def test_rerun_keeps_a_password_the_user_changed():
    user = get_user_model().objects.get(username="kepala")
    user.set_password("sandi-pribadi-kepala")
    user.save()
    _muat()
    user.refresh_from_db()
    assert user.check_password("sandi-pribadi-kepala")


def test_rerun_keeps_values_edited_since_the_load():
    # `make run` reloads on every start: it must never undo what people entered in the demo.
    pagu = PaguAnggaran.objects.get(sub_kegiatan=_sub("Pameran Dagang Nasional"), dokumen="dpa_perubahan")
    pagu.nilai = Decimal("1")
    pagu.save()
    _muat()
    pagu.refresh_from_db()
    assert pagu.nilai == Decimal("1")


def _pk_draf() -> None:
    """`--timpa` refuses a year whose PK is approved (tests/keamanan/test_perintah_data.py): the seed's
    PKs of 2022 are, so the tests of what it restores open the year first."""
    PerjanjianKinerja.objects.filter(opd__kode=OPD_KODE, tahun=2022).update(status=PerjanjianKinerja.Status.DRAF)


def test_rerun_with_timpa_restores_seed_values_but_keeps_a_locked_period_locked():
    _pk_draf()
    pagu = PaguAnggaran.objects.get(sub_kegiatan=_sub("Pameran Dagang Nasional"), dokumen="dpa_perubahan")
    pagu.nilai = Decimal("1")
    pagu.save()
    PeriodeMonev.objects.filter(tahun=2022, tribulan=4).update(terkunci=True)
    keluaran = _muat("--timpa", "--alasan", "Kembalikan data demo")
    assert "dimuat: disperindag, diskopum." in keluaran
    pagu.refresh_from_db()
    assert pagu.nilai == Decimal("575075753")
    assert PeriodeMonev.objects.get(tahun=2022, tribulan=4).terkunci is True


def test_rerun_with_timpa_duplicates_nothing():
    sebelum = _jumlah_semua_model()
    muat_dataset(timpa=True)
    assert _jumlah_semua_model() == sebelum


def test_every_loaded_object_passes_model_validation():
    model_dataset = [
        Pemda, OPD, Keanggotaan, AksesPemda, SkalaKategori, RentangKategori, PeriodeMonev, Renstra, Tujuan,
        Sasaran, Indikator, TargetIndikator, RealisasiTahunLalu, StandarPembanding, Program, Kegiatan, SubKegiatan,
        PaguAnggaran, RealisasiAnggaran, PerjanjianKinerja, BarisPK, AnggaranPK, RealisasiIndikator,
        VariabelFormula, TabelPendukung, BarisTabelPendukung, NilaiVariabel, AnalisisIndikator,
    ]
    for model in model_dataset:
        objek = list(model.objects.all())
        assert objek, model
        for obj in objek:
            obj.full_clean()


# --- registry, scale, periods --------------------------------------------------------------------


def test_pemda_and_opd_registry_as_printed():
    pemda = Pemda.objects.get(kode="kota-pasuruan")
    assert (pemda.nama, pemda.jenis) == ("Pemerintah Kota Pasuruan", "kota")
    assert (pemda.kepala_daerah_nama, pemda.kepala_daerah_jabatan) == ("H. SAIFULLAH YUSUF", "Walikota Pasuruan")
    opd = OPD.objects.get(kode=OPD_KODE)
    assert opd.pemda == pemda
    assert opd.nama == "Dinas Perindustrian dan Perdagangan Kota Pasuruan"
    assert opd.singkatan == "Disperindag"
    assert (opd.alamat, opd.telepon) == ("Jl. Pahlawan No. 28A", "(0343) 424919")
    assert opd.kepala_nama == "Drs. YANUAR AFRIANSYAH, MM"
    assert opd.kepala_nip == "19651231 198602 1 041"
    assert opd.kepala_pangkat == "Pembina Utama Muda"
    assert opd.kepala_jabatan == "Kepala Dinas Perindustrian dan Perdagangan"
    assert (opd.atasan_nama, opd.atasan_jabatan) == ("H. SAIFULLAH YUSUF", "Walikota Pasuruan")


def test_default_category_scale_has_the_five_half_open_bands():
    skala = SkalaKategori.objects.get(bawaan=True)
    assert skala.nama == "Permendagri 86/2017"
    assert skala.sumber == "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017"
    rentang = [(r.urutan, r.nama, r.batas_bawah, r.batas_atas) for r in skala.rentang_set.order_by("urutan")]
    assert rentang == [
        (1, "Sangat Tinggi", Decimal("91"), None),
        (2, "Tinggi", Decimal("76"), Decimal("91")),
        (3, "Sedang", Decimal("66"), Decimal("76")),
        (4, "Rendah", Decimal("51"), Decimal("66")),
        (5, "Sangat Rendah", None, Decimal("51")),
    ]


def test_monev_periods_2022_are_open_with_deadlines():
    periode = PeriodeMonev.objects.filter(pemda__kode="kota-pasuruan", tahun=2022).order_by("tribulan")
    assert [(p.tribulan, p.batas_waktu.isoformat(), p.terkunci) for p in periode] == [
        (1, "2022-04-15", False),
        (2, "2022-07-15", False),
        (3, "2022-10-15", False),
        (4, "2023-01-15", False),
    ]


# --- Renstra (Tabel 2.1, 2.2, 2.3, 3.3, 3.5) -----------------------------------------------------


def test_renstra_2021_2026_tujuan_and_sasaran_with_years_in_force():
    renstra = Renstra.objects.get(opd__kode=OPD_KODE, tahun_awal=2021, tahun_akhir=2026, revisi_ke=0)
    assert renstra.nama == "Renstra Dinas Perindustrian dan Perdagangan"
    assert renstra.visi == '"Pasuruan Kota Madinah" Maju Ekonominya, Indah Kotanya, Harmonis Warganya'
    assert len(renstra.misi.splitlines()) == 4
    tujuan = {t.kode: t for t in renstra.tujuan_set.all()}
    assert tujuan["1"].nama == "Meningkatnya Kontribusi PDRB Sektor Perindustrian dan kategori Perdagangan"
    assert (tujuan["1"].tahun_mulai, tujuan["1"].tahun_selesai) == (2021, 2021)
    assert tujuan["2"].nama == "Meningkatnya Kontribusi PDRB Sektor Unggulan"
    assert (tujuan["2"].tahun_mulai, tujuan["2"].tahun_selesai) == (2022, 2026)
    sasaran = {s.kode: s for s in Sasaran.objects.filter(tujuan__renstra=renstra)}
    assert sasaran["1.1"].nama == "Meningkatnya Pertumbuhan Industri Kecil Menengah (IKM)"
    assert sasaran["1.2"].nama == "Meningkatnya Kinerja Sektor Perdagangan"
    assert sasaran["2.1"].nama == "Meningkatnya Produksi Sektor Unggulan"
    assert sasaran["2.2"].nama == "Meningkatnya Penjualan Produk Sektor Unggulan"
    assert not sasaran["1.2"].berlaku_pada(2022)
    assert sasaran["2.2"].berlaku_pada(2022)


def test_renstra_indicator_codes_levels_and_iku():
    kode = dict(
        Indikator.objects.filter(opd__kode=OPD_KODE, level__in=["tujuan", "sasaran"]).values_list("kode", "nama")
    )
    assert kode == {
        "T1-1": "Persentase Pertumbuhan PDRB Kategori Perindustrian",
        "T1-2": "Persentase Pertumbuhan PDRB Kategori Perdagangan",
        "T2-1": "Persentase Kontribusi PDRB Sektor Unggulan (Kategori Perindustrian dan Perdagangan)",
        "S1.1-1": "Persentase Pertumbuhan IKM",
        "S1.2-1": "Persentase Pertumbuhan Usaha Perdagangan",
        "S1.2-2": "IKM Layanan Pasar",
        "S2.1-1": "Persentase Peningkatan Produksi Sektor Unggulan",
        "S2.2-1": "Persentase Peningkatan Omset",
        "L1-1": "Persentase IKM yang terstandarisasi",
        "L1-2": "Nilai Volume Perdagangan",
        "L1-3": "IKM Layanan Pasar",
    }
    iku = set(Indikator.objects.filter(opd__kode=OPD_KODE, iku=True).values_list("kode", flat=True))
    assert iku == {"T2-1", "S2.1-1", "S2.2-1"}
    assert _indikator("S1.2-2").satuan == "Nilai"


def test_pdrb_contribution_renstra_targets_2022_to_2026():
    target = dict(
        TargetIndikator.objects.filter(indikator=_indikator("T2-1"), dokumen="renstra").values_list("tahun", "nilai")
    )
    assert target == {
        2022: Decimal("49.00"),
        2023: Decimal("49.05"),
        2024: Decimal("49.10"),
        2025: Decimal("49.15"),
        2026: Decimal("49.20"),
    }


@pytest.mark.parametrize(
    ("kode", "tahun", "nilai"),
    [
        ("T1-1", 2021, "0.264"),
        ("T1-2", 2021, "0.253"),
        ("S1.1-1", 2021, "0.5"),
        ("S1.2-1", 2021, "1"),
        ("S1.2-2", 2021, "79.9"),
        ("S2.1-1", 2022, "0.1"),
        ("S2.1-1", 2026, "0.1"),
        ("S2.2-1", 2022, "1"),
        ("S2.2-1", 2026, "1"),
    ],
)
def test_renstra_targets_of_tabel_2_1(kode, tahun, nilai):
    assert _target(kode, "renstra", tahun) == Decimal(nilai)


def test_renja_2022_targets_of_tabel_2_3():
    assert _target("T2-1", "renja") == Decimal("49.00")
    assert _target("S2.1-1", "renja") == Decimal("0.1")
    assert _target("S2.2-1", "renja") == Decimal("1")


def test_iku_metadata_of_tabel_2_2_and_lampiran():
    produksi = _indikator("S2.1-1")
    assert produksi.satuan == "%"
    assert produksi.definisi_operasional.startswith("Persentase dari selisih Nilai Produksi Sektor Unggulan Tahun (n)")
    assert produksi.sumber_data == "Bidang Perindustrian Dinas Perindustrian dan Perdagangan Kota Pasuruan"
    assert produksi.penanggung_jawab == "Dinas Perindustrian dan Perdagangan"
    assert produksi.rumus == "(produksi_n - produksi_n1) / produksi_n1 * 100"
    omset = _indikator("S2.2-1")
    assert omset.rumus == "(omset_n - omset_n1) / omset_n1 * 100"
    assert omset.sumber_data == "Bidang Perdagangan Dinas Perindustrian dan Perdagangan Kota Pasuruan"
    pdrb = _indikator("T2-1")
    assert pdrb.rumus == "kontribusi_industri + kontribusi_perdagangan"
    assert pdrb.sumber_data == "Badan Pusat Statistik Kota Pasuruan"
    assert _indikator("S1.1-1").sumber_data == "BPS"
    assert _indikator("S1.2-2").formula_uraian == "Nilai hasil survey IKM layanan pasar"


@pytest.mark.parametrize(
    ("kode", "tahun", "nilai"),
    [
        ("L1-1", 2019, Decimal("14.8")),
        ("L1-2", 2019, None),
        ("L1-3", 2019, Decimal("79.80")),
        ("S1.1-1", 2020, Decimal("16.47")),
        ("S1.1-1", 2021, Decimal("0.7")),
        ("S1.2-1", 2020, Decimal("25.79")),
        ("S1.2-1", 2021, Decimal("1")),
        ("S1.2-2", 2020, Decimal("80.20")),
        ("S1.2-2", 2021, Decimal("81.5")),
    ],
)
def test_earlier_years_realisasi_of_tabel_3_3(kode, tahun, nilai):
    baris = RealisasiTahunLalu.objects.get(indikator=_indikator(kode), tahun=tahun)
    assert baris.nilai == nilai
    assert baris.sumber == "LKjIP Dinas Perindustrian dan Perdagangan Kota Pasuruan Tahun 2019 – 2022"


def test_earlier_renstra_holds_the_2019_sasaran():
    lama = Renstra.objects.get(opd__kode=OPD_KODE, tahun_awal=2016, tahun_akhir=2021)
    tujuan = lama.tujuan_set.get()
    assert tujuan.nama == "Tujuan Renstra 2016-2021 (tidak dicantumkan dalam LKjIP 2022)"
    assert tujuan.keterangan
    assert sorted(tujuan.sasaran_set.values_list("nama", flat=True)) == [
        "Meningkatnya Pertumbuhan Ekonomi Sektor Perdagangan",
        "Meningkatnya Pertumbuhan Ekonomi Sektor Perindustrian",
    ]
    assert _indikator("L1-3").sasaran.tujuan.renstra == lama


def test_national_standard_of_tabel_3_5_compares_the_industry_input():
    standar = StandarPembanding.objects.get(indikator=_indikator("T2-1"))
    assert (standar.tahun, standar.tingkat) == (2022, "nasional")
    assert standar.uraian == "Kontribusi PDB Sektor Industri"
    assert standar.nilai == Decimal("17.95")
    assert standar.sumber == "Renstra Perubahan 2020-2024 Kementerian Perindustrian"
    assert standar.variabel.nama == "kontribusi_industri"
    assert _nilai_variabel("T2-1", "kontribusi_industri").nilai == Decimal("19.93")
    assert _nilai_variabel("T2-1", "kontribusi_perdagangan").nilai == Decimal("29.70")


# --- supporting tables and formula inputs (Tabel 3.7, 3.10, Kertas Kerja) ----------------------


def test_supporting_table_3_7_production_value():
    tabel = TabelPendukung.objects.get(opd__kode=OPD_KODE, tahun=2022, kode="nilai-produksi-sektor-unggulan")
    assert tabel.satuan == "Juta Rupiah"
    assert tabel.judul == "Total Nilai Produksi Sektor Unggulan Tahun 2021 dan 2022"
    ikahh = "Industri Kimia, Agro dan Hasil Hutan (IKAHH)"
    ilmea = "Industri Logam, Mesin, Elektronika dan Aneka (ILMEA)"
    assert tabel.baris_set.get(label=ikahh, kolom="2022").nilai == Decimal("2006550")
    assert tabel.baris_set.get(label=ikahh, kolom="2021").nilai == Decimal("2003004")
    assert tabel.baris_set.get(label=ilmea, kolom="2022").nilai == Decimal("1828479")
    assert tabel.baris_set.get(label=ilmea, kolom="2021").nilai == Decimal("1828426")
    assert tabel.baris_set.filter(kolom="2022").aggregate(s=Sum("nilai"))["s"] == Decimal("3835029")
    assert tabel.baris_set.filter(kolom="2021").aggregate(s=Sum("nilai"))["s"] == Decimal("3831430")


def test_supporting_table_3_10_turnover():
    tabel = TabelPendukung.objects.get(opd__kode=OPD_KODE, tahun=2022, kode="nilai-omset-produk-unggulan")
    assert tabel.satuan == "Rupiah"
    assert tabel.baris_set.get(label="Produk Olahan Kain", kolom="2021").nilai == Decimal("35550841260")
    assert tabel.baris_set.get(label="Produk Olahan Kayu", kolom="2022").nilai == Decimal("231120000000")
    assert tabel.baris_set.get(label="Produk Logam", kolom="2021").nilai == Decimal("11884800000")
    assert tabel.baris_set.filter(kolom="2022").aggregate(s=Sum("nilai"))["s"] == Decimal("280532126312")
    assert tabel.baris_set.filter(kolom="2021").aggregate(s=Sum("nilai"))["s"] == Decimal("269310841260")


@pytest.mark.parametrize(
    ("kode", "nama", "kode_tabel", "kolom"),
    [
        ("S2.1-1", "produksi_n", "nilai-produksi-sektor-unggulan", "2022"),
        ("S2.1-1", "produksi_n1", "nilai-produksi-sektor-unggulan", "2021"),
        ("S2.2-1", "omset_n", "nilai-omset-produk-unggulan", "2022"),
        ("S2.2-1", "omset_n1", "nilai-omset-produk-unggulan", "2021"),
    ],
)
def test_iku_inputs_are_sums_of_the_supporting_tables(kode, nama, kode_tabel, kolom):
    nilai = _nilai_variabel(kode, nama)
    assert nilai.nilai is None
    assert (nilai.tabel.kode, nilai.kolom) == (kode_tabel, kolom)


@pytest.mark.parametrize(
    ("kode", "nama", "nilai"),
    [
        ("3.30.02-1", "pedagang_memenuhi", "45"),
        ("3.30.02-1", "peserta_sosialisasi", "60"),
        ("3.30.02.2.06-1", "pedagang_memenuhi", "45"),
        ("3.30.03-1", "realisasi_pad", "1485016014"),
        ("3.30.03-1", "target_pad", "1584834492"),
        ("3.30.03.2.01-1", "pasar_direvitalisasi", "2"),
        ("3.30.03.2.01-1", "pasar_dikelola", "6"),
        ("3.30.03.2.02-1", "pkl_dibina", "120"),
        ("3.30.03.2.02-1", "jumlah_pkl", "1469"),
        ("3.30.04-1", "rata_rata_perubahan_harga", "8.26"),
        ("3.30.04.2.02-1", "harga_fluktuasi", "4.33"),
        ("3.30.04.2.02-1", "jenis_bahan_pokok", "68"),
        ("3.30.05-1", "ikm_ekspor_n", "22"),
        ("3.30.05-1", "ikm_ekspor_n1", "20"),
        ("3.30.05.2.01-1", "ikm_ekspor", "22"),
        ("3.30.05.2.01-1", "jumlah_ikm", "3416"),
        ("3.30.06-1", "uttp_ditera", "1695"),
        ("3.30.06-1", "potensi_uttp", "12870"),
        ("3.30.06.2.01-1", "uttp_ditera", "1695"),
        ("3.30.07-1", "ikm_meningkat", "71"),
        ("3.30.07-1", "ikm_dipromosikan", "124"),
        ("3.30.07.2.01-1", "ikm_dipromosikan", "124"),
        ("3.31.02-1", "ikm_n", "80"),
        ("3.31.02-1", "ikm_n1", "15"),
        ("3.31.02.2.01-1", "ikm_berkembang", "80"),
        ("3.30.01-1", "indikator_terpenuhi", "30"),
        ("3.30.01-1", "total_indikator", "33"),
        ("3.30.01.2.01-1", "dokumen_tepat_waktu", "10"),
        ("3.30.01.2.01-1", "jumlah_dokumen", "10"),
        ("3.30.01.2.02-1", "laporan_tepat_waktu", "4"),
        ("3.30.01.2.03-1", "jumlah_laporan", "4"),
        ("3.30.01.2.05-1", "peserta_hadir", "100"),
        ("3.30.01.2.06-1", "layanan_terpenuhi", "4"),
        ("3.30.01.2.07-1", "pengadaan_terpenuhi", "2"),
        ("3.30.01.2.08-1", "jasa_terpenuhi", "3"),
        ("3.30.01.2.09-1", "jumlah_pemeliharaan", "4"),
    ],
)
def test_kertas_kerja_inputs(kode, nama, nilai):
    isi = _nilai_variabel(kode, nama)
    assert isi.tabel is None
    assert isi.nilai == Decimal(nilai)


def test_trained_ikm_denominator_has_no_value_because_it_is_not_printed():
    variabel = VariabelFormula.objects.get(indikator=_indikator("3.31.02.2.01-1"), nama="ikm_dilatih")
    assert not variabel.nilai_set.exists()
    assert _indikator("3.31.02.2.01-1").rumus == "ikm_berkembang / ikm_dilatih * 100"


def test_every_formula_input_row_is_at_tribulan_iv_2022():
    nilai = NilaiVariabel.objects.filter(variabel__indikator__opd__kode=OPD_KODE)
    assert nilai.count() == 49
    assert set(nilai.values_list("tahun", "tribulan")) == {(2022, 4)}


# --- realisasi, decimals, polarity ---------------------------------------------------------------

REALISASI_DIKETIK = [
    ("S2.1-1", "0.094", 3),
    ("S2.2-1", "4.166", 3),
    ("T2-1", "49.63", 2),
    ("3.30.03-1", "93.7", 1),
    ("3.30.03.2.01-1", "33.33", 2),
    ("3.30.03.2.02-1", "8.1", 1),
    ("3.30.04-1", "8.26", 2),
    ("3.30.04.2.02-1", "6.37", 2),
    ("3.30.05-1", "10", 0),
    ("3.30.05.2.01-1", "0.6", 1),
    ("3.30.06-1", "13.17", 2),
    ("3.30.06.2.01-1", "1695", 0),
    ("3.30.07-1", "57.25", 2),
    ("3.30.07.2.01-1", "124", 0),
    ("3.31.02-1", "433.33", 2),
    ("3.31.02.2.01-1", "30.3", 1),
    ("3.30.02-1", "75", 0),
    ("3.30.02.2.06-1", "45", 0),
    ("3.30.01-1", "91", 0),
    ("3.30.01.2.01-1", "100", 0),
    ("3.30.01.2.02-1", "100", 0),
    ("3.30.01.2.03-1", "100", 0),
    ("3.30.01.2.05-1", "100", 0),
    ("3.30.01.2.06-1", "100", 0),
    ("3.30.01.2.07-1", "100", 0),
    ("3.30.01.2.08-1", "100", 0),
    ("3.30.01.2.09-1", "100", 0),
]


@pytest.mark.parametrize(("kode", "nilai", "desimal"), REALISASI_DIKETIK)
def test_typed_realisasi_at_tribulan_iv_with_the_printed_precision(kode, nilai, desimal):
    indikator = _indikator(kode)
    realisasi = RealisasiIndikator.objects.get(indikator=indikator)
    assert (realisasi.tahun, realisasi.tribulan) == (2022, 4)
    assert realisasi.nilai == Decimal(nilai)
    assert indikator.desimal == desimal


def test_only_the_printed_realisasi_exist():
    dengan_realisasi = set(
        RealisasiIndikator.objects.filter(indikator__opd__kode=OPD_KODE).values_list("indikator__kode", flat=True)
    )
    assert dengan_realisasi == {kode for kode, _, _ in REALISASI_DIKETIK}
    assert not RealisasiIndikator.objects.filter(indikator__level="sub_kegiatan", indikator__opd__kode=OPD_KODE)


def test_price_fluctuation_indicators_have_negative_polarity_and_the_others_positive():
    negatif = Indikator.objects.filter(opd__kode=OPD_KODE, polaritas="negatif")
    assert set(negatif.values_list("nama", flat=True)) == {
        "Rata-rata persentase fluktuasi harga bahan pangan pokok",
        "Persentase harga pangan yang mengalami fluktuasi harga lebih besar 10%",
    }
    assert set(negatif.values_list("aturan_negatif", flat=True)) == {"2t_minus_r"}


def test_aggregation_percentages_last_value_counts_cumulative():
    assert _indikator("S2.1-1").agregasi == "terakhir"
    assert _indikator("3.30.03-1").agregasi == "terakhir"
    assert _indikator("3.30.06.2.01-1").agregasi == "kumulatif"
    assert _indikator("3.31.02.2.01.0005-1").agregasi == "kumulatif"


def test_analysis_text_for_the_two_iku():
    for kode in ("S2.1-1", "S2.2-1"):
        analisis = AnalisisIndikator.objects.get(indikator=_indikator(kode), tahun=2022)
        assert analisis.faktor_keberhasilan and analisis.hambatan and analisis.tindak_lanjut


# --- budget (Tabel 2.4, 2.5, 2.7, 3.8, 3.11, 3.12, 3.14) -----------------------------------------


def test_programs_with_nomenclature_codes_names_and_sasaran():
    program = [
        (p.urutan, p.kode, p.nama, p.sasaran.kode if p.sasaran else None)
        for p in Program.objects.filter(opd__kode=OPD_KODE, tahun=2022).select_related("sasaran").order_by("urutan")
    ]
    assert program == [
        (1, "3.30.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", None),
        (2, "3.30.02", "PROGRAM PERIZINAN DAN PENDAFTARAN PERUSAHAAN", "2.2"),
        (3, "3.30.03", "PROGRAM PENINGKATAN SARANA DISTRIBUSI PERDAGANGAN", "2.2"),
        (4, "3.30.04", "PROGRAM STABILISASI HARGA BARANG KEBUTUHAN POKOK DAN BARANG PENTING", "2.2"),
        (5, "3.30.05", "PROGRAM PENGEMBANGAN EKSPOR", "2.2"),
        (6, "3.30.06", "PROGRAM STANDARDISASI DAN PERLINDUNGAN KONSUMEN", "2.2"),
        (7, "3.30.07", "PROGRAM PENGGUNAAN DAN PEMASARAN PRODUK DALAM NEGERI", "2.2"),
        (8, "3.31.02", "PROGRAM PERENCANAAN DAN PEMBANGUNAN INDUSTRI", "2.1"),
    ]
    assert _program("3.31.02").sasaran.tujuan.renstra.tahun_awal == 2021


def test_program_penunjang_has_the_eight_kegiatan_of_the_kertas_kerja_and_no_sub_kegiatan():
    kegiatan = list(_program("3.30.01").kegiatan_set.order_by("urutan").values_list("kode", "nama"))
    assert kegiatan == [
        ("3.30.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"),
        ("3.30.01.2.02", "Administrasi Keuangan Perangkat Daerah"),
        ("3.30.01.2.03", "Administrasi Barang Milik Daerah pada Perangkat Daerah"),
        ("3.30.01.2.05", "Administrasi Kepegawaian Perangkat Daerah"),
        ("3.30.01.2.06", "Administrasi Umum Perangkat Daerah"),
        ("3.30.01.2.07", "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah"),
        ("3.30.01.2.08", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah"),
        ("3.30.01.2.09", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah"),
    ]
    assert not SubKegiatan.objects.filter(kegiatan__program=_program("3.30.01")).exists()


TABEL_3_14 = [
    ("Pengawasan Distribusi, Pengemasan dan Pelabelan Bahan Berbahaya Terhadap Pengguna Akhir Bahan Berbahaya "
     "(PA-B2) maupun Produsen B2 (P-B2)", "28718900", "26327400"),
    ("Penyediaan Sarana Distribusi Perdagangan", "11049570500", "4126852910"),
    ("Fasilitasi Pengelolaan Sarana Distribusi Perdagangan", "1011788502", "891529633"),
    ("Pembinaan dan Pengendalian Pengelola Sarana Distribusi Perdagangan", "7884331400", "7024467400"),
    ("Pemberdayaan Pengelola Sarana Distribusi Perdagangan", "2963022980", "2901456900"),
    ("Pemantauan Harga dan Stok Barang Kebutuhan Pokok dan Barang Penting pada Pasar Rakyat yang Terintegrasi "
     "dalam Sistem Informasi Perdagangan", "100437000", "67005405"),
    ("Pelaksanaan Operasi Pasar Reguler dan Pasar Khusus yang Berdampak dalam 1 (satu) Kabupaten/Kota",
     "824520000", "701951200"),
    ("Pembinaan dan Pengembangan Usaha Produk Ekspor Unggulan Kabupaten/Kota", "322667000", "306139000"),
    ("Pameran Dagang Nasional", "575075753", "496750820"),
    ("Pelaksanaan Metrologi Legal, Berupa Tera, Tera Ulang", "147763997", "110374500"),
    ("Pengawasan/Penyuluhan Metrologi Legal", "16464500", "12297700"),
    ("Pelaksanaan Promosi Penggunaan Produk Dalam Negeri di Tingkat Kabupaten/Kota", "1355747545", "369305900"),
    ("Pemasaran dan Peningkatan Penggunaan Produk Dalam Negeri di Tingkat Kabupaten/Kota", "240701800", "227376750"),
    ("Penyusunan Rencana Pembangunan Industri Kabupaten/Kota", "26712300", "3635000"),
    ("Koordinasi, Sinkronisasi, dan Pelaksanaan Kebijakan Percepatan Pengembangan, Penyebaran dan Perwilayahan "
     "Industri", "232219274", "176941700"),
    ("Koordinasi, Sinkronisasi, dan pelaksanaan Pembangunan Sumber Daya Industri", "209624500", "199054500"),
    ("Koordinasi, Sinkronisasi, dan Pelaksanaan Pemberdayaan Industri dan Peran Serta Masyarakat",
     "15442908997", "12181771758"),
    ("Evaluasi terhadap Pelaksanaan Rencana Pembangunan Industri", "8758700", "8758700"),
]


@pytest.mark.parametrize(("nama", "pagu", "realisasi"), TABEL_3_14)
def test_sub_kegiatan_pagu_dpa_perubahan_and_realisasi_tw_iv_of_tabel_3_14(nama, pagu, realisasi):
    sub = _sub(nama)
    assert PaguAnggaran.objects.get(sub_kegiatan=sub, dokumen="dpa_perubahan").nilai == Decimal(pagu)
    assert RealisasiAnggaran.objects.get(sub_kegiatan=sub, tribulan=4).nilai == Decimal(realisasi)
    assert not PaguAnggaran.objects.filter(sub_kegiatan=sub, dokumen="dpa").exists()


def test_only_sub_kegiatan_and_penunjang_carry_pagu_dpa_perubahan():
    pagu = PaguAnggaran.objects.filter(dokumen="dpa_perubahan")
    assert not pagu.filter(kegiatan__isnull=False).exists()
    assert list(pagu.filter(program__isnull=False).values_list("program__kode", flat=True)) == ["3.30.01"]
    assert pagu.filter(sub_kegiatan__kegiatan__program__opd__kode=OPD_KODE).count() == len(TABEL_3_14)


@pytest.mark.parametrize(
    ("kode", "pagu", "realisasi"),
    [
        ("3.30.02", "28718900", "26327400"),
        ("3.30.03", "22908713382", "14944306843"),
        ("3.30.04", "924957000", "768956605"),
        ("3.30.05", "897742753", "802889820"),
        ("3.30.06", "164228497", "122672200"),
        ("3.30.07", "1596449345", "596682650"),
        ("3.31.02", "15920223771", "12570161658"),
    ],
)
def test_program_rows_of_tabel_3_14_add_up_from_sub_kegiatan(kode, pagu, realisasi):
    program = _program(kode)
    jumlah_pagu = PaguAnggaran.objects.filter(
        sub_kegiatan__kegiatan__program=program, dokumen="dpa_perubahan"
    ).aggregate(s=Sum("nilai"))["s"]
    jumlah_realisasi = RealisasiAnggaran.objects.filter(
        sub_kegiatan__kegiatan__program=program, tribulan=4
    ).aggregate(s=Sum("nilai"))["s"]
    assert (jumlah_pagu, jumlah_realisasi) == (Decimal(pagu), Decimal(realisasi))


def test_kegiatan_rows_of_tabel_3_14_add_up():
    kegiatan = Kegiatan.objects.get(program__opd__kode=OPD_KODE, kode="3.30.03.2.01")
    assert PaguAnggaran.objects.filter(sub_kegiatan__kegiatan=kegiatan).aggregate(s=Sum("nilai"))["s"] == Decimal(
        "12061359002"
    )
    assert RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan=kegiatan).aggregate(s=Sum("nilai"))[
        "s"
    ] == Decimal("5018382543")


def test_budget_per_sasaran_of_tabel_3_12():
    def jumlah(model, sasaran_kode, **filter_):
        return model.objects.filter(
            sub_kegiatan__kegiatan__program__opd__kode=OPD_KODE,
            sub_kegiatan__kegiatan__program__sasaran__kode=sasaran_kode,
            sub_kegiatan__kegiatan__program__sasaran__tujuan__kode="2",
            **filter_,
        ).aggregate(s=Sum("nilai"))["s"]

    assert jumlah(PaguAnggaran, "2.1", dokumen="dpa_perubahan") == Decimal("15920223771")
    assert jumlah(RealisasiAnggaran, "2.1", tribulan=4) == Decimal("12570161658")
    assert jumlah(PaguAnggaran, "2.2", dokumen="dpa_perubahan") == Decimal("26520809877")
    assert jumlah(RealisasiAnggaran, "2.2", tribulan=4) == Decimal("17261835518")


def test_program_penunjang_has_program_level_pagu_and_the_realisasi_derived_from_74_65_percent():
    penunjang = _program("3.30.01")
    assert PaguAnggaran.objects.get(program=penunjang, dokumen="dpa").nilai == Decimal("8964583767")
    assert PaguAnggaran.objects.get(program=penunjang, dokumen="dpa_perubahan").nilai == Decimal("9278235506")
    # DOMAIN item 6: the seed prints no realisasi for it, only the whole OPD's 74,65% (BAB IV); the figure
    # is derived from that, on the program's own line, and says so.
    realisasi = RealisasiAnggaran.objects.get(program=penunjang)
    assert (realisasi.tribulan, realisasi.nilai) == (4, Decimal("8776437247"))
    assert "Diturunkan dari penyerapan 74,65%" in realisasi.keterangan
    assert "LKjIP 2022 asli" in realisasi.keterangan
    assert not RealisasiAnggaran.objects.filter(kegiatan__program=penunjang).exists()


def test_realisasi_of_the_whole_opd_is_74_65_percent_of_the_dpa_perubahan():
    opd = OPD.objects.get(kode=OPD_KODE)
    realisasi = RealisasiAnggaran.objects.filter(q_mata_anggaran(opd.pk, 2022), tribulan=4).aggregate(s=Sum("nilai"))["s"]
    assert realisasi == Decimal("38608434423")
    assert round(realisasi / Decimal("51719269154") * 100, 2) == Decimal("74.65")


def test_dpa_perubahan_of_the_whole_opd_equals_the_pk_perubahan_total():
    total = PaguAnggaran.objects.filter(dokumen="dpa_perubahan").filter(
        sub_kegiatan__kegiatan__program__opd__kode=OPD_KODE
    ).aggregate(s=Sum("nilai"))["s"] + PaguAnggaran.objects.get(program=_program("3.30.01"), dokumen="dpa_perubahan").nilai
    assert total == Decimal("51719269154")


@pytest.mark.parametrize(
    ("kode", "nilai"),
    [
        ("3.30.01", "8964583767"),
        ("3.30.02", "65283900"),
        ("3.30.03", "17971726783"),
        ("3.30.04", "370978800"),
        ("3.30.05", "940762753"),
        ("3.30.06", "161018897"),
        ("3.30.07", "448477400"),
        ("3.31.02", "15753452971"),
    ],
)
def test_original_dpa_pagu_per_program(kode, nilai):
    assert PaguAnggaran.objects.get(program=_program(kode), dokumen="dpa").nilai == Decimal(nilai)


def test_original_dpa_total_is_the_sum_bab_ii_prints():
    total = PaguAnggaran.objects.filter(program__opd__kode=OPD_KODE, dokumen="dpa").aggregate(s=Sum("nilai"))["s"]
    assert total == Decimal("44676285271")


@pytest.mark.parametrize(
    ("kode", "dpa", "dpa_perubahan"),
    [
        ("3.30.05-1", "0.5", "5.0"),
        ("3.30.06-1", "7.7", "11.0"),
        ("3.30.02-1", "80", "80"),
        ("3.30.02.2.06-1", "75", "75"),
        ("3.30.03-1", "100", "100"),
        ("3.30.03.2.01-1", "33.33", "33.33"),
        ("3.30.03.2.02-1", "5.8", "5.8"),
        ("3.30.04-1", "10", "10"),
        ("3.30.04.2.02-1", "20", "20"),
        ("3.30.05.2.01-1", "0.4", "0.4"),
        ("3.30.06.2.01-1", "550", "550"),
        ("3.30.07-1", "30", "30"),
        ("3.30.07.2.01-1", "100", "100"),
        ("3.31.02-1", "5", "5"),
        ("3.31.02.2.01-1", "30", "30"),
        ("3.30.03.2.01.0001-1", "3", "3"),
        ("3.30.04.2.02.0003-1", "1865", "1865"),
        ("3.30.07.2.01.0006-2", "8", "8"),
        ("3.31.02.2.01.0005-1", "450", "450"),
        ("3.31.02.2.01.0006-1", "300", "300"),
    ],
)
def test_dpa_and_dpa_perubahan_targets_of_tabel_2_5_and_2_7(kode, dpa, dpa_perubahan):
    assert _target(kode, "dpa") == Decimal(dpa)
    assert _target(kode, "dpa_perubahan") == Decimal(dpa_perubahan)


def test_sub_kegiatan_with_several_indicators():
    sub = _sub("Koordinasi, Sinkronisasi, dan pelaksanaan Pembangunan Sumber Daya Industri")
    assert list(sub.indikator_set.order_by("urutan").values_list("kode", "nama", "satuan")) == [
        ("3.31.02.2.01.0003-1", "Jumlah peserta pelatihan digitalisasi IKM", "IKM"),
        ("3.31.02.2.01.0003-2", "Jumlah peserta pelatihan macrame", "IKM"),
        ("3.31.02.2.01.0003-3", "Jumlah feasibility study pembentukan kawasan industri hasil tembakau", "Dokumen"),
    ]


# --- Perjanjian Kinerja (Tabel 2.4, 2.6 and the signed lampiran) ---------------------------------


def test_pk_awal_as_signed():
    pk = _pk(0)
    assert pk.menggantikan is None
    assert (pk.dokumen_anggaran, pk.tempat, pk.bulan) == ("dpa", "Pasuruan", 1)
    assert pk.tanggal_tampil == "Januari 2022"
    assert (pk.pihak_pertama_nama, pk.pihak_pertama_pangkat) == ("Drs. YANUAR AFRIANSYAH,MM", "Pembina Tk. I")
    assert pk.pihak_pertama_nip == "19651231 198602 1 041"
    assert (pk.pihak_kedua_nama, pk.pihak_kedua_jabatan) == ("H. SAIFULLAH YUSUF", "Walikota Pasuruan")
    baris = [
        (b.indikator.kode, b.target, b.satuan, b.sasaran.kode if b.sasaran else None)
        for b in pk.baris_set.select_related("indikator", "sasaran").order_by("urutan")
    ]
    assert baris == [
        ("S1.1-1", Decimal("0.5"), "%", "1.1"),
        ("S1.2-1", Decimal("1"), "%", "1.2"),
        ("S1.2-2", Decimal("80"), "Nilai", "1.2"),
        ("3.30.01-1", Decimal("98"), "%", None),
    ]
    penunjang = pk.baris_set.get(indikator__kode="3.30.01-1")
    assert penunjang.sasaran_uraian == "Meningkatnya sistem tata kelola yang baik dalam menjamin pelayanan prima"


def test_pk_awal_budgets_follow_the_signed_lampiran():
    pk = _pk(0)
    anggaran = dict(pk.anggaran_set.values_list("program__kode", "nilai"))
    assert anggaran["3.30.01"] == Decimal("9016697517")
    assert anggaran["3.31.02"] == Decimal("16585219067")
    assert anggaran["3.30.03"] == Decimal("17971726783")
    assert sum(anggaran.values()) == Decimal("45560165117")
    assert set(pk.anggaran_set.values_list("sumber_dana", flat=True)) == {"APBD"}


def test_pk_perubahan_replaces_the_iku_set():
    pk = _pk(1)
    assert pk.menggantikan == _pk(0)
    assert (pk.dokumen_anggaran, pk.bulan) == ("dpa_perubahan", 10)
    assert pk.judul == "Perjanjian Kinerja Perubahan"
    assert (pk.pihak_pertama_nama, pk.pihak_pertama_pangkat) == ("Drs. YANUAR APRIANSYAH,MM", "Pembina Utama Muda")
    assert pk.pihak_kedua_nama == "Drs. H. SAIFULLAH YUSUF"
    assert "87 Tahun 2022" in pk.alasan_perubahan
    target = dict(pk.baris_set.values_list("indikator__nama", "target"))
    assert target == {
        "Persentase Peningkatan Produksi Sektor Unggulan": Decimal("0.1"),
        "Persentase Peningkatan Omset": Decimal("1"),
    }
    assert set(pk.baris_set.values_list("sasaran__kode", flat=True)) == {"2.1", "2.2"}


def test_pk_perubahan_budgets_are_the_sesudah_perubahan_column():
    anggaran = dict(_pk(1).anggaran_set.values_list("program__kode", "nilai"))
    assert anggaran == {
        "3.30.01": Decimal("9278235506"),
        "3.30.02": Decimal("28718900"),
        "3.30.03": Decimal("22908713382"),
        "3.30.04": Decimal("924957000"),
        "3.30.05": Decimal("897742753"),
        "3.30.06": Decimal("164228497"),
        "3.30.07": Decimal("1596449345"),
        "3.31.02": Decimal("15920223771"),
    }
    assert sum(anggaran.values()) == Decimal("51719269154")


# --- users and the second OPD --------------------------------------------------------------------


def test_demo_users_and_their_roles():
    User = get_user_model()
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert list(admin.akses_pemda.values_list("pemda__kode", "peran")) == [("kota-pasuruan", "admin")]
    auditor = User.objects.get(username="auditor")
    assert not auditor.is_staff and not auditor.is_superuser
    assert list(auditor.akses_pemda.values_list("pemda__kode", "peran")) == [("kota-pasuruan", "auditor")]
    assert not auditor.keanggotaan.exists()
    peran = {
        u: list(User.objects.get(username=u).keanggotaan.values_list("opd__kode", "peran"))
        for u in ("operator", "kepala", "operator2")
    }
    assert peran == {
        "operator": [("disperindag", "operator")],
        "kepala": [("disperindag", "kepala")],
        "operator2": [("diskopum", "operator")],
    }
    for u in ("operator", "kepala", "operator2"):
        user = User.objects.get(username=u)
        assert not user.is_staff and not user.akses_pemda.exists()


def test_persona_fixtures(
    admin_user_demo, operator_user, operator2_user, kepala_user, auditor_user, opd_disperindag, opd_kedua, client_for
):
    assert [u.username for u in (admin_user_demo, operator_user, operator2_user, kepala_user, auditor_user)] == [
        "admin", "operator", "operator2", "kepala", "auditor",
    ]
    assert (opd_disperindag.kode, opd_kedua.kode) == ("disperindag", "diskopum")
    client = client_for(operator_user)
    assert int(client.session["_auth_user_id"]) == operator_user.pk


def test_second_opd_has_its_own_demo_data():
    opd = OPD.objects.get(kode="diskopum")
    assert opd.nama == "Dinas Koperasi dan Usaha Mikro Kota Pasuruan"
    assert opd.pemda.kode == "kota-pasuruan"
    renstra = opd.renstra_set.get()
    assert (renstra.tahun_awal, renstra.tahun_akhir) == (2021, 2026)
    iku = Indikator.objects.get(opd=opd, iku=True)
    assert iku.sasaran.tujuan.renstra == renstra
    assert TargetIndikator.objects.get(indikator=iku, dokumen="renstra", tahun=2022).nilai == Decimal("2.0")
    assert RealisasiIndikator.objects.get(indikator=iku, tahun=2022, tribulan=4).nilai == Decimal("1.8")
    program = opd.program_set.get(tahun=2022)
    assert program.sasaran == iku.sasaran
    sub = SubKegiatan.objects.get(kegiatan__program=program)
    assert PaguAnggaran.objects.get(sub_kegiatan=sub, dokumen="dpa_perubahan").nilai == Decimal("250000000")
    assert RealisasiAnggaran.objects.get(sub_kegiatan=sub, tribulan=4).nilai == Decimal("231500000")


def test_the_two_opd_share_no_object():
    for indikator in Indikator.objects.all():
        assert indikator.opd_induk_id() == indikator.opd_id, indikator
    for program in Program.objects.exclude(sasaran=None).select_related("sasaran__tujuan__renstra"):
        assert program.sasaran.tujuan.renstra.opd_id == program.opd_id, program
    for baris in BarisPK.objects.select_related("indikator", "pk_dokumen"):
        assert baris.indikator.opd_id == baris.pk_dokumen.opd_id
    for anggaran in AnggaranPK.objects.select_related("program", "pk_dokumen"):
        assert anggaran.program.opd_id == anggaran.pk_dokumen.opd_id
    for nilai in NilaiVariabel.objects.exclude(tabel=None).select_related("tabel", "variabel__indikator"):
        assert nilai.tabel.opd_id == nilai.variabel.indikator.opd_id
    diskopum = OPD.objects.get(kode="diskopum")
    assert not diskopum.pk_set.exists()
    assert not diskopum.tabel_pendukung_set.exists()
    assert Indikator.objects.filter(opd=diskopum).count() == 2


# --- one writer for both readers: the models' checks, all or nothing, history -------------------


def _riwayat_dengan_alasan(alasan: str) -> list:
    """Every history row, of every model, written with this reason."""
    return [
        baris
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
        for baris in model.objects.filter(history_change_reason=alasan)
    ]


def test_seed_rows_carry_the_load_as_their_history():
    [riwayat] = _indikator("S2.1-1").history.all()
    assert (riwayat.history_user, riwayat.history_change_reason) == (
        None, f"[muat_dataset, pengguna OS {getpass.getuser()}] Muat dataset pasuruan_2022.json"
    )


def test_rerun_with_timpa_records_the_user_given_and_the_reason():
    _pk_draf()
    pagu = PaguAnggaran.objects.get(sub_kegiatan=_sub("Pameran Dagang Nasional"), dokumen="dpa_perubahan")
    pagu.nilai = Decimal("1")
    pagu.save()
    _muat("--timpa", "--oleh", "admin", "--alasan", "Kembalikan data demo")
    terakhir = pagu.history.first()
    alasan = "Kembalikan data demo — Muat dataset pasuruan_2022.json (timpa)"
    assert (terakhir.nilai, terakhir.history_user.username, terakhir.history_change_reason) == (
        Decimal("575075753"), "admin", alasan
    )
    # The pagu, and the two PKs put back to approved (`_pk_draf` made them drafts).
    assert sorted(type(r).__name__ for r in _riwayat_dengan_alasan(alasan)) == [
        "HistoricalPaguAnggaran", "HistoricalPerjanjianKinerja", "HistoricalPerjanjianKinerja"
    ]


def _dataset_kecil() -> dict:
    """A Pemda and an OPD the session's database does not hold: a sasaran indicator with a formula, a program."""
    indikator = {
        "kode": "U1.1-1",
        "nama": "Persentase Peningkatan Produksi Sektor Unggulan",
        "satuan": "%",
        "rumus": "(produksi_n - produksi_n1) / produksi_n1 * 100",
        "variabel": [
            {"nama": "produksi_n", "label": "Nilai produksi tahun n",
             "nilai": [{"tahun": 2022, "tribulan": 4, "nilai": "3835029"}]},
            {"nama": "produksi_n1", "label": "Nilai produksi tahun n-1",
             "nilai": [{"tahun": 2022, "tribulan": 4, "nilai": "3831430"}]},
        ],
        "target": {"renstra": {"2022": "0.1"}},
        "realisasi": [{"tahun": 2022, "tribulan": 4, "nilai": "0.094"}],
    }
    return {
        "pemda": [{"kode": "kota-uji", "nama": "Pemerintah Kota Uji"}],
        "opd": [{
            "pemda": "kota-uji",
            "kode": "dinas-uji",
            "nama": "Dinas Uji",
            "renstra": [{"nama": "Renstra Dinas Uji", "tahun_awal": 2021, "tahun_akhir": 2026, "tujuan": [
                {"kode": "1", "nama": "Meningkatnya Kontribusi PDRB", "sasaran": [
                    {"kode": "1.1", "nama": "Meningkatnya Produksi Sektor Unggulan", "indikator": [indikator]},
                ]},
            ]}],
            "anggaran": [{"tahun": 2022, "program": [{
                "kode": "3.31.02", "nama": "Program Perencanaan dan Pembangunan Industri",
                "sasaran": {"renstra": "2021-2026", "kode": "1.1"}, "pagu": {"dpa": "15753452971"},
            }]}],
        }],
    }


def _indikator_kecil(data: dict) -> dict:
    return data["opd"][0]["renstra"][0]["tujuan"][0]["sasaran"][0]["indikator"][0]


def _muat_berkas(tmp_path, data: dict, **kwargs):
    berkas = tmp_path / "uji.json"
    berkas.write_text(json.dumps(data), encoding="utf-8")
    return muat_dataset(berkas=berkas, dengan_pengguna=False, **kwargs)


def test_a_new_file_is_written_with_the_user_and_reason_on_every_history_row(tmp_path, admin_user_demo):
    hasil = _muat_berkas(tmp_path, _dataset_kecil(), user=admin_user_demo)

    assert hasil.opd_dimuat == ["dinas-uji"]
    assert _indikator("U1.1-1", opd="dinas-uji").target_set.get().nilai == Decimal("0.1")
    riwayat = _riwayat_dengan_alasan("Muat dataset uji.json")
    # Pemda, OPD, Renstra, tujuan, sasaran, indicator, 2 variables and their 2 values, target, realisasi,
    # program, pagu: one history row each, all naming the admin.
    assert len(riwayat) == 14
    assert {r.history_user for r in riwayat} == {admin_user_demo}


def test_problems_in_the_json_file_are_all_named_by_path_and_nothing_is_written(tmp_path):
    data = _dataset_kecil()
    opd = data["opd"][0]
    opd["warna"] = "biru"
    opd["anggaran"][0]["program"][0]["pagu"]["dpa"] = "-5"
    indikator = _indikator_kecil(data)
    indikator["desimal"] = 7
    indikator["realisasi"][0]["tribulan"] = 5
    indikator["target"]["rpjmd"] = {"2022": "1"}
    indikator["target"]["renja"] = {"2022": "satu"}
    sebelum = _jumlah_semua_model()

    with pytest.raises(DatasetTidakSah) as exc:
        _muat_berkas(tmp_path, data)

    jalur = "opd[0].renstra[0].tujuan[0].sasaran[0].indikator[0]"
    assert [str(m) for m in exc.value.masalah] == [
        "opd[0]: kunci tidak dikenal: warna.",
        f"{jalur}.target.renja.2022: 'satu' bukan angka (pakai titik desimal, tanpa pemisah ribuan).",
        f"{jalur}.desimal: Pastikan nilai ini lebih kecil dari atau sama dengan 6.",
        "opd[0].anggaran[0].program[0].pagu.dpa: Pagu tidak boleh negatif.",
        f"{jalur}.target.rpjmd.2022: Nilai 'rpjmd' bukan pilihan yang valid. Pilihan: renstra, renja, dpa, "
        "dpa_perubahan.",
        f"{jalur}.realisasi[0].tribulan: Nilai 5 bukan pilihan yang valid. Pilihan: 1, 2, 3, 4.",
    ]
    assert _jumlah_semua_model() == sebelum


def test_a_formula_the_model_refuses_rolls_the_whole_file_back(tmp_path):
    # Indikator.clean() checks the formula against the indicator's stored variables: it runs once they
    # are inserted, in the same transaction, and its refusal leaves nothing behind.
    data = _dataset_kecil()
    _indikator_kecil(data)["rumus"] = "produksi_n / produksi_n2"
    sebelum = _jumlah_semua_model()

    with pytest.raises(DatasetTidakSah) as exc:
        _muat_berkas(tmp_path, data)

    assert [str(m) for m in exc.value.masalah] == [
        "opd[0].renstra[0].tujuan[0].sasaran[0].indikator[0].rumus: Nama tidak dikenal: produksi_n2 (kolom 14)."
    ]
    assert _jumlah_semua_model() == sebelum


def test_a_duplicate_row_is_refused_naming_both_places(tmp_path):
    data = _dataset_kecil()
    data["pemda"][0]["kode"] = "kota-pasuruan"  # stored: used as it is, not overwritten
    data["opd"][0]["pemda"] = "kota-pasuruan"
    _indikator_kecil(data)["variabel"][1]["nama"] = "produksi_n"
    sebelum = _jumlah_semua_model()

    with pytest.raises(DatasetTidakSah) as exc:
        _muat_berkas(tmp_path, data)

    jalur = "opd[0].renstra[0].tujuan[0].sasaran[0].indikator[0]"
    assert [str(m) for m in exc.value.masalah] == [
        f"{jalur}.variabel[1].nama: Nama variabel sudah dipakai di indikator ini. Sama dengan {jalur}.variabel[0].",
    ]
    assert _jumlah_semua_model() == sebelum


# Where each kind of row hangs from its OPD, to read an OPD's rows back.
JALUR_OPD = {
    Renstra: "opd", Tujuan: "renstra__opd", Sasaran: "tujuan__renstra__opd", Program: "opd",
    Kegiatan: "program__opd", SubKegiatan: "kegiatan__program__opd", Indikator: "opd",
    TargetIndikator: "indikator__opd", VariabelFormula: "indikator__opd", TabelPendukung: "opd",
    BarisTabelPendukung: "tabel__opd", RealisasiIndikator: "indikator__opd", NilaiVariabel: "variabel__indikator__opd",
    AnalisisIndikator: "indikator__opd", PerjanjianKinerja: "opd", BarisPK: "pk_dokumen__opd",
    AnggaranPK: "pk_dokumen__opd", StandarPembanding: "indikator__opd", RealisasiTahunLalu: "indikator__opd",
    RencanaAksi: "baris_pk__pk_dokumen__opd", RencanaPenyerapan: "sub_kegiatan__kegiatan__program__opd",
}


def _baris_tersimpan(opd) -> dict[str, Counter]:
    """Every stored row of the OPD's 2022, as its field values with each relation read as the related row's
    values (ids, the OPD and the Pemda left out): two OPDs loaded from the same data compare equal."""
    memo: dict = {}

    def wajah(obj):
        if isinstance(obj, OPD | Pemda):
            return type(obj).__name__
        if (type(obj), obj.pk) not in memo:
            memo[(type(obj), obj.pk)] = tuple(
                (f.name, wajah(getattr(obj, f.name)) if f.is_relation and getattr(obj, f.attname) else getattr(obj, f.attname))
                for f in obj._meta.concrete_fields
                if not f.primary_key
            )
        return memo[(type(obj), obj.pk)]

    baris = {m.__name__: m.objects.filter(**{jalur: opd}) for m, jalur in JALUR_OPD.items()}
    baris |= {m.__name__: m.objects.filter(q_mata_anggaran(opd.pk, 2022)) for m in (PaguAnggaran, RealisasiAnggaran)}
    return {nama: Counter(wajah(obj) for obj in qs) for nama, qs in baris.items()}


def test_the_json_seed_and_its_exported_workbook_store_the_same_rows():
    from tests.excel.conftest import buka, simpan
    from tests.excel.test_dataset import _sebagai_instalasi_lain

    opd = OPD.objects.get(kode=OPD_KODE)  # loaded from the JSON seed
    wb = buka(isi_dataset(opd, 2022))
    _sebagai_instalasi_lain(wb)  # into a fresh Pemda, as another OPD

    hasil = impor_dataset(simpan(wb))

    assert hasil.pemda_dibuat and hasil.opd.kode == "disperindag-baru"
    dari_json, dari_excel = _baris_tersimpan(opd), _baris_tersimpan(hasil.opd)
    assert sum(dari_json["Indikator"].values()) == 56 and sum(dari_json["PaguAnggaran"].values()) == 27
    assert dari_excel == dari_json


def test_pk_status_rencana_aksi_and_rencana_penyerapan_load_from_the_json_file(tmp_path, admin_user_demo):
    data = _dataset_kecil()
    opd = data["opd"][0]
    program = opd["anggaran"][0]["program"][0]
    program["kegiatan"] = [{"kode": "3.31.02.2.01", "nama": "Penyusunan Rencana Industri", "sub_kegiatan": [{
        "kode": "3.31.02.2.01.0001", "nama": "Penyusunan Rencana Pembangunan Industri",
        "rencana_penyerapan": [{"tribulan": 2, "nilai": "1000000"}, {"tribulan": 4, "nilai": "5000000"}],
    }]}]
    opd["perjanjian_kinerja"] = [
        {"tahun": 2022, "pihak_pertama_nama": "A", "pihak_pertama_jabatan": "Kepala Dinas Uji",
         "pihak_kedua_nama": "B", "pihak_kedua_jabatan": "Wali Kota Uji", "baris": [{
             "sasaran": {"renstra": "2021-2026", "kode": "1.1"}, "sasaran_uraian": "Meningkatnya Produksi",
             "indikator": "U1.1-1", "target": "0.1",
             "rencana_aksi": [{"tribulan": 2, "target": "0.05", "uraian": "Pendataan produksi"},
                              {"tribulan": 4, "target": "0.1"}]}]},
        {"tahun": 2022, "revisi": 1, "menggantikan_revisi": 0, "status": "draf", "dokumen_anggaran": "dpa_perubahan",
         "pihak_pertama_nama": "A", "pihak_pertama_jabatan": "Kepala Dinas Uji", "pihak_kedua_nama": "B",
         "pihak_kedua_jabatan": "Wali Kota Uji"},
    ]

    _muat_berkas(tmp_path, data, user=admin_user_demo)

    # A PK without a status is a signed one; a status given is kept.
    assert list(PerjanjianKinerja.objects.filter(opd__kode="dinas-uji").order_by("revisi").values_list(
        "revisi", "status")) == [(0, "disetujui"), (1, "draf")]
    assert list(RencanaAksi.objects.filter(baris_pk__pk_dokumen__opd__kode="dinas-uji").order_by("tribulan")
                .values_list("tribulan", "target", "uraian")) == [
        (2, Decimal("0.05"), "Pendataan produksi"), (4, Decimal("0.1"), "")
    ]
    assert list(RencanaPenyerapan.objects.filter(sub_kegiatan__kegiatan__program__opd__kode="dinas-uji")
                .order_by("tribulan").values_list("tribulan", "nilai")) == [
        (2, Decimal("1000000")), (4, Decimal("5000000"))
    ]


# --- organisation structure and report narratives --------------------------------------------------


def test_the_organisation_structure_of_the_seed_is_loaded_as_a_tree_in_display_order():
    from inti.models import UnitOrganisasi

    unit = {u.kode: u for u in UnitOrganisasi.objects.filter(opd__kode=OPD_KODE)}
    kepala = unit["kepala-dinas"]
    assert kepala.induk is None and kepala.jabatan_kepala == "Kepala Dinas Perindustrian dan Perdagangan"
    assert [u.nama for u in kepala.anak_set.order_by("urutan")] == [
        "Sekretariat", "Bidang Perindustrian", "Bidang Perdagangan", "Bidang Pengelolaan Pasar",
        "Unit Pelaksana Teknis", "Kelompok Jabatan Fungsional",
    ]
    assert [u.nama for u in unit["sekretariat"].anak_set.order_by("urutan")] == [
        "Subbagian Penyusunan Program dan Keuangan", "Subbagian Umum dan Kepegawaian",
    ]
    for bidang in ("bidang-perindustrian", "bidang-perdagangan", "bidang-pengelolaan-pasar"):
        assert [u.nama for u in unit[bidang].anak_set.all()] == ["Kelompok Jabatan Fungsional"]
    assert len(unit) == 12
    assert UnitOrganisasi.history.filter(opd__kode=OPD_KODE).count() == 12
    for u in unit.values():
        u.full_clean()


def test_the_report_narratives_are_loaded_into_a_draft_report_of_2022():
    from lkjip.laporan.models import Laporan, Narasi

    laporan = Laporan.objects.get(opd__kode=OPD_KODE, tahun=2022)
    assert (laporan.status, laporan.revisi) == (Laporan.Status.DRAFT, 1)
    narasi = {n.bagian: n.teks for n in Narasi.objects.filter(laporan=laporan)}
    assert sorted(narasi) == sorted([
        "kata_pengantar", "ringkasan_eksekutif", "bab1_latar_belakang", "bab1_organisasi", "bab1_isu_strategis",
        "bab1_dasar_hukum", "bab3_standar", "bab3_keberhasilan", "bab4_penutup",
    ])
    # Paragraphs written as a list in the file are joined as Markdown paragraphs.
    assert "\n\n" in narasi["kata_pengantar"] and not narasi["kata_pengantar"].startswith("[")
    assert narasi["bab1_dasar_hukum"].count("\n") == 12
    assert Narasi.history.filter(laporan=laporan).count() == len(narasi)
    assert not Laporan.objects.filter(opd__kode="diskopum").exists()


def test_rerun_with_timpa_restores_an_edited_narrative_and_unit_but_not_the_report_state():
    from inti.models import UnitOrganisasi
    from lkjip.laporan.models import Laporan, Narasi

    _pk_draf()
    narasi = Narasi.objects.get(laporan__opd__kode=OPD_KODE, bagian="bab4_penutup")
    asli = narasi.teks
    narasi.teks = "Diubah di demo."
    narasi.save()
    unit = UnitOrganisasi.objects.get(opd__kode=OPD_KODE, kode="upt")
    unit.nama = "UPT lain"
    unit.save()
    Laporan.objects.filter(opd__kode=OPD_KODE, tahun=2022).update(revisi=2)
    sebelum = (Narasi.objects.count(), UnitOrganisasi.objects.count(), Laporan.objects.count())

    _muat()
    narasi.refresh_from_db()
    assert narasi.teks == "Diubah di demo."  # a plain rerun keeps what was edited

    _muat("--timpa", "--alasan", "Kembalikan data demo")
    narasi.refresh_from_db()
    unit.refresh_from_db()
    assert narasi.teks == asli
    assert unit.nama == "Unit Pelaksana Teknis"
    assert "Kembalikan data demo" in narasi.history.first().history_change_reason
    assert Laporan.objects.get(opd__kode=OPD_KODE, tahun=2022).revisi == 2  # the workflow's, not the file's
    assert (Narasi.objects.count(), UnitOrganisasi.objects.count(), Laporan.objects.count()) == sebelum


def test_loading_narratives_and_units_changes_the_data_version_of_the_opd(tmp_path):
    from inti.versi import token_opd

    data = _dataset_kecil()
    data["opd"][0]["unit_organisasi"] = [{"kode": "kepala", "nama": "Kepala Dinas", "unit": [
        {"kode": "sekretariat", "nama": "Sekretariat", "jabatan_kepala": "Sekretaris"}]}]
    data["opd"][0]["laporan"] = [{"tahun": 2022, "narasi": {"kata_pengantar": ["Satu.", "Dua."]}}]

    _muat_berkas(tmp_path, data)

    opd = OPD.objects.get(kode="dinas-uji")
    assert token_opd(opd.pk) is not None
    assert opd.unit_organisasi_set.get(kode="sekretariat").induk.kode == "kepala"
    assert opd.laporan_set.get().narasi_set.get().teks == "Satu.\n\nDua."


def test_an_unknown_narrative_section_or_a_sasaran_analysis_is_refused_by_path(tmp_path):
    data = _dataset_kecil()
    data["opd"][0]["laporan"] = [{"tahun": 2022, "narasi": {
        "bab9_lain": "x", "sasaran-1": "y", "kata_pengantar": "", "bab4_penutup": 5}}]
    data["opd"][0]["unit_organisasi"] = [{"kode": "a", "nama": "A", "warna": "biru"}]
    sebelum = _jumlah_semua_model()

    with pytest.raises(DatasetTidakSah) as exc:
        _muat_berkas(tmp_path, data)

    pesan = [str(m) for m in exc.value.masalah]
    assert pesan[0] == "opd[0].unit_organisasi[0]: kunci tidak dikenal: warna."
    assert pesan[1].startswith("opd[0].laporan[0].narasi.bab9_lain: bagian narasi tidak dikenal; pilihan: kata_pengantar")
    assert pesan[2:] == [
        'opd[0].laporan[0].narasi.sasaran-1: analisis sasaran ditulis pada "analisis" indikatornya.',
        "opd[0].laporan[0].narasi.kata_pengantar: teks narasi harus berupa teks, atau daftar paragraf, yang tidak kosong.",
        "opd[0].laporan[0].narasi.bab4_penutup: teks narasi harus berupa teks, atau daftar paragraf, yang tidak kosong.",
    ]
    assert _jumlah_semua_model() == sebelum
