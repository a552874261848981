"""`python manage.py capaian <opd_kode> <tahun> [--tribulan N] [--format text|json]`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def _jalankan(*args) -> str:
    keluaran = io.StringIO()
    call_command("capaian", *args, stdout=keluaran)
    return keluaran.getvalue()


@pytest.fixture
def data():
    return json.loads(_jalankan("disperindag", "2022", "--format", "json"))


def test_json_is_one_object_with_the_documented_keys(data):
    assert list(data) == ["opd", "tahun", "indikator", "anggaran", "sasaran", "temuan"]
    assert (data["opd"], data["tahun"]) == ("disperindag", 2022)
    assert set(data["indikator"][0]) == {
        "kode", "nama", "level", "satuan", "polaritas", "target", "realisasi", "capaian", "kategori", "status",
    }  # fmt: skip
    assert set(data["anggaran"][0]) == {"kode", "nama", "level", "pagu", "realisasi", "penyerapan"}
    assert set(data["sasaran"][0]) == {
        "kode", "nama", "capaian", "pagu", "realisasi_anggaran", "penyerapan", "efisiensi",
    }  # fmt: skip
    assert set(data["temuan"][0]) == {"jenis", "pesan"}


def test_json_numbers_are_strings_of_the_displayed_value(data):
    indikator = {i["kode"]: i for i in data["indikator"]}
    assert indikator["S2.1-1"] == {
        "kode": "S2.1-1",
        "nama": "Persentase Peningkatan Produksi Sektor Unggulan",
        "level": "sasaran",
        "satuan": "%",
        "polaritas": "positif",
        "target": "0.1",
        "realisasi": "0.094",
        "capaian": "94.00",
        "kategori": "Sangat Tinggi",
        "status": "lengkap",
    }
    assert (indikator["S2.2-1"]["realisasi"], indikator["S2.2-1"]["capaian"]) == ("4.167", "416.70")
    assert indikator["3.31.02-1"]["capaian"] == "8666.60"
    assert indikator["3.30.04-1"]["polaritas"] == "negatif"


def test_json_missing_figures_are_null(data):
    indikator = {i["kode"]: i for i in data["indikator"]}
    lama = indikator["S1.1-1"]
    assert (lama["target"], lama["realisasi"], lama["capaian"], lama["kategori"]) == ("0.5", None, None, None)
    assert lama["status"] == "belum ada realisasi"
    anggaran = {a["kode"]: a for a in data["anggaran"]}
    assert anggaran["3.30.01"] == {
        "kode": "3.30.01",
        "nama": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        "level": "program",
        "pagu": "9278235506",
        "realisasi": None,
        "penyerapan": None,
    }


def test_json_budget_lines_and_sasaran(data):
    anggaran = {a["kode"]: a for a in data["anggaran"]}
    assert [a["level"] for a in data["anggaran"]].count("sub_kegiatan") == 18
    assert anggaran["3.31.02"]["pagu"] == "15920223771"
    assert anggaran["3.30.02.2.06.0003"] == {
        "kode": "3.30.02.2.06.0003",
        "nama": "Pengawasan Distribusi, Pengemasan dan Pelabelan Bahan Berbahaya Terhadap Pengguna Akhir Bahan "
        "Berbahaya (PA-B2) maupun Produsen B2 (P-B2)",
        "level": "sub_kegiatan",
        "pagu": "28718900",
        "realisasi": "26327400",
        "penyerapan": "91.67",
    }
    assert data["sasaran"] == [
        {
            "kode": "2.1",
            "nama": "Meningkatnya Produksi Sektor Unggulan",
            "capaian": "94.00",
            "pagu": "15920223771",
            "realisasi_anggaran": "12570161658",
            "penyerapan": "78.96",
            "efisiensi": "15.04",
        },
        {
            "kode": "2.2",
            "nama": "Meningkatnya Penjualan Produk Sektor Unggulan",
            "capaian": "416.70",
            "pagu": "26520809877",
            "realisasi_anggaran": "17261835518",
            "penyerapan": "65.09",
            "efisiensi": "351.61",
        },
    ]


def test_json_findings(data):
    jenis = [t["jenis"] for t in data["temuan"]]
    assert jenis.count("realisasi_beda_rumus") == 3
    assert "anggaran_tanpa_realisasi" in jenis and "input_rumus_belum_lengkap" in jenis


def test_tribulan_option_computes_up_to_that_tribulan():
    data = json.loads(_jalankan("disperindag", "2022", "--tribulan", "3", "--format", "json"))
    indikator = {i["kode"]: i for i in data["indikator"]}
    # The dataset records everything at Tribulan IV: nothing is there by the end of Tribulan III.
    assert indikator["S2.1-1"]["realisasi"] is None
    assert indikator["S2.1-1"]["status"] == "belum ada realisasi"
    assert {a["realisasi"] for a in data["anggaran"]} == {None}


def test_text_prints_the_tables_readably():
    teks = _jalankan("disperindag", "2022")
    assert teks.startswith(
        "Capaian kinerja Dinas Perindustrian dan Perdagangan Kota Pasuruan tahun 2022 (s.d. Tribulan IV)\n"
        "Acuan target: Perjanjian Kinerja Perubahan; anggaran: DPA Perubahan\n"
    )
    for judul in (
        "INDIKATOR KINERJA UTAMA",
        "SEMUA INDIKATOR",
        "REALISASI ANGGARAN",
        "CAPAIAN DAN ANGGARAN PER SASARAN",
        "PROGRAM DAN KEGIATAN (MENUNJANG / TIDAK MENUNJANG)",
        "TEMUAN PEMERIKSAAN (17)",
    ):
        assert f"\n{judul}\n" in teks
    baris = teks.splitlines()
    iku = next(b for b in baris if b.startswith("2   Meningkatnya Penjualan"))
    assert iku.split()[-5:] == ["1", "4,167", "416,70", "Sangat", "Tinggi"]
    total = next(b for b in baris if "JUMLAH" in b)
    assert total.split()[1:4] == ["51.719.269.154", "29.831.997.176", "*"]
    assert "Penyerapan atas mata anggaran yang terisi: 70,29%." in teks
    sasaran = next(b for b in baris if b.startswith("2.2 "))
    assert sasaran.split()[-5:] == ["416,70", "26.520.809.877", "17.261.835.518", "65,09", "351,61"]
    assert "8.666,60  Menunjang" in teks
    assert "[anggaran_pk_beda_dpa] Anggaran Program 3.30.01" in teks


def test_unknown_opd_is_a_one_line_indonesian_error():
    with pytest.raises(CommandError) as exc:
        _jalankan("tidak-ada", "2022")
    assert str(exc.value) == "OPD dengan kode 'tidak-ada' tidak ditemukan."


def test_year_without_data_is_a_one_line_indonesian_error():
    with pytest.raises(CommandError) as exc:
        _jalankan("disperindag", "2035")
    assert str(exc.value) == "Tidak ada data tahun 2035 untuk OPD 'disperindag' (Renstra, PK maupun DPA)."


def test_an_invalid_tribulan_is_refused():
    with pytest.raises(CommandError):
        _jalankan("disperindag", "2022", "--tribulan", "5")
