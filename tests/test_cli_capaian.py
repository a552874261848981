"""`python manage.py capaian <opd_kode> <tahun> [--tribulan N] [--format text|json]`."""

import io
import json
import re
from decimal import Decimal

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
        "target_tribulan", "capaian_tribulan",
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
        "target_tribulan": {"1": None, "2": None, "3": None, "4": None},
        "capaian_tribulan": {"1": None, "2": None, "3": None, "4": None},
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
    # The Penunjang realisasi is the dataset's, derived from the original's 74,65% for the whole OPD.
    assert anggaran["3.30.01"] == {
        "kode": "3.30.01",
        "nama": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        "level": "program",
        "pagu": "9278235506",
        "realisasi": "8776437247",
        "penyerapan": "94.59",
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


def test_json_tribulan_targets_and_capaian_come_from_the_rencana_aksi():
    from capaian.models import RealisasiIndikator
    from perjanjian.models import BarisPK, RencanaAksi

    baris = BarisPK.objects.get(
        pk_dokumen__opd__kode="disperindag",
        pk_dokumen__tahun=2022,
        pk_dokumen__revisi=1,
        indikator__kode="S2.1-1",
    )
    for tw, target in ((1, "0.02"), (2, "0.05"), (4, "0.1")):
        RencanaAksi.objects.create(baris_pk=baris, tribulan=tw, target=Decimal(target))
    RealisasiIndikator.objects.create(
        indikator=baris.indikator, tahun=2022, tribulan=2, nilai=Decimal("0.0456")
    )
    indikator = {
        i["kode"]: i for i in json.loads(_jalankan("disperindag", "2022", "--format", "json"))["indikator"]
    }
    s21 = indikator["S2.1-1"]
    assert s21["target_tribulan"] == {"1": "0.02", "2": "0.05", "3": None, "4": "0.1"}
    # Tribulan II: 0,0456 kept with 3 decimals is 0,046, against 0,05; Tribulan IV: 0,094 against 0,1.
    assert s21["capaian_tribulan"] == {"1": None, "2": "92.00", "3": None, "4": "94.00"}
    assert (s21["target"], s21["realisasi"], s21["capaian"]) == ("0.1", "0.094", "94.00")
    assert indikator["S2.2-1"]["target_tribulan"] == {"1": None, "2": None, "3": None, "4": None}


def test_json_findings(data):
    jenis = [t["jenis"] for t in data["temuan"]]
    assert jenis.count("realisasi_beda_rumus") == 3
    assert "penyerapan_di_bawah_patokan" in jenis and "input_rumus_belum_lengkap" in jenis
    assert "anggaran_tanpa_realisasi" not in jenis  # every budget line of the dataset has its realisasi


def test_tribulan_option_computes_up_to_that_tribulan():
    data = json.loads(_jalankan("disperindag", "2022", "--tribulan", "3", "--format", "json"))
    indikator = {i["kode"]: i for i in data["indikator"]}
    # The dataset records everything at Tribulan IV: nothing is there by the end of Tribulan III.
    assert indikator["S2.1-1"]["realisasi"] is None
    assert indikator["S2.1-1"]["status"] == "belum ada realisasi"
    assert {a["realisasi"] for a in data["anggaran"]} == {None}


@pytest.fixture(scope="module")
def teks(django_db_setup, django_db_blocker) -> str:
    with django_db_blocker.unblock():
        return _jalankan("disperindag", "2022")


def _tabel(teks: str, judul: str) -> list[str]:
    """The lines of one printed table: from its title line to the blank line after its source."""
    baris = teks.splitlines()
    awal = baris.index(judul)
    return baris[awal : baris.index("", awal)]


def _baris(tabel: list[str], awal: str) -> list[str]:
    """The first line of the table starting with `awal`, split on runs of two or more spaces (the column gap)."""
    return re.split(r"\s{2,}", next(b for b in tabel if b.startswith(awal)).strip())


def test_text_starts_with_the_year_the_target_and_the_budget_document(teks):
    assert teks.startswith(
        "Capaian kinerja Dinas Perindustrian dan Perdagangan Kota Pasuruan tahun 2022 (s.d. Tribulan IV)\n"
        "Acuan target: Perjanjian Kinerja Perubahan; anggaran: DPA Perubahan\n"
    )


def test_text_prints_every_table_of_the_report_in_order_under_its_chapter(teks):
    baris = teks.splitlines()
    nomor = [b.split()[1] for b in baris if re.match(r"Tabel \d+\.\d+ ", b)]
    assert nomor == [f"2.{i}" for i in range(1, 8)] + [f"3.{i}" for i in range(1, 15)]
    for bab in ("BAB II PERENCANAAN DAN PERJANJIAN KINERJA", "BAB III AKUNTABILITAS KINERJA", "LAMPIRAN"):
        assert f"\n{bab}\n{'=' * len(bab)}\n" in teks
    # Chapters without a table are not printed; the unnumbered tables of the lampiran are.
    assert "BAB I PENDAHULUAN" not in teks and "BAB IV PENUTUP" not in teks
    assert baris.index("Tabel 3.14 Capaian Realisasi Anggaran Tahun 2022") < baris.index("LAMPIRAN")
    for judul in (
        "Perjanjian Kinerja Perubahan Tahun 2022: Target Sebelum dan Sesudah Perubahan",
        "Kertas Kerja Perhitungan Capaian Outcome Dinas Perindustrian dan Perdagangan Kota Pasuruan",
    ):
        assert judul in baris


def test_text_iku_table_has_the_engines_figures(teks):
    tabel = _tabel(teks, "Tabel 3.2 Capaian IKU Perangkat Daerah")
    assert _baris(tabel, "No")[:5] == ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Tahun 2022"]
    assert _baris(tabel, "1 ") == [
        "1", "Meningkatnya Produksi Sektor", "Persentase Peningkatan Produksi", "%", "0,1", "0,094", "94,00",
        "Sangat Tinggi", "Bidang Perindustrian Dinas",
    ]  # fmt: skip
    assert _baris(tabel, "2 ")[3:8] == ["%", "1", "4,167", "416,70", "Sangat Tinggi"]
    # Long text wraps within its column: the rest of the sasaran is on the next line.
    assert tabel[tabel.index(next(b for b in tabel if b.startswith("1 "))) + 1].split()[:1] == ["Unggulan"]
    assert tabel[-1] == "Sumber: Perjanjian Kinerja Perubahan dan Monev Tribulan IV Tahun 2022"


def test_text_budget_table_totals_and_note(teks):
    tabel = _tabel(teks, "Tabel 3.14 Capaian Realisasi Anggaran Tahun 2022")
    assert _baris(tabel, "8 ")[:2] == ["8", "3.31.02"]
    assert _baris(tabel, "8 ")[-3:] == ["15.920.223.771", "12.570.161.658", "78,96"]
    jumlah = next(i for i, b in enumerate(tabel) if "JUMLAH" in b)
    assert set(tabel[jumlah - 1]) == {"-", " "}  # a rule above the total
    # The whole OPD's 74,65% of BAB IV: the dataset's Penunjang realisasi is derived from it.
    assert tabel[jumlah].split() == ["JUMLAH", "51.719.269.154", "38.608.434.423", "74,65"]
    assert not any("belum lengkap" in b or "sudah terisi" in b for b in tabel)


def test_text_efficiency_success_and_supporting_data(teks):
    efisiensi = _tabel(teks, "Tabel 3.12 Perbandingan Pencapaian Kinerja dan Anggaran Tujuan dan Sasaran")
    assert _baris(efisiensi, "2 ")[-7:] == [
        "1", "4,167", "416,70", "26.520.809.877", "17.261.835.518", "65,09", "351,61",
    ]  # fmt: skip
    keberhasilan = _tabel(teks, "Tabel 3.13 Keberhasilan dan Kegagalan Program dan Kegiatan")
    assert any(b.rstrip().endswith("8.666,60  Menunjang") for b in keberhasilan)
    assert any(b.rstrip().endswith("93,75  Tidak Menunjang") for b in keberhasilan)
    produksi = _tabel(teks, "Tabel 3.7 Total Nilai Produksi Sektor Unggulan Tahun 2021 dan 2022")
    assert next(b for b in produksi if "Jumlah Total" in b).split()[-2:] == ["3.831.430", "3.835.029"]


def test_text_ends_with_the_checkers_findings(teks):
    assert "\nTEMUAN PEMERIKSAAN (16)\n" in teks
    assert "\n5. [anggaran_pk_beda_dpa] Anggaran Program 3.30.01" in teks
    assert teks.endswith("\n") and not teks.endswith("\n\n")


def test_text_up_to_an_earlier_tribulan_is_the_same_report_with_interim_figures():
    teks = _jalankan("disperindag", "2022", "--tribulan", "3")
    assert "(s.d. Tribulan III)" in teks.splitlines()[0]
    assert "Angka sementara s.d. Tribulan III; LKjIP tahunan memakai angka Tribulan IV." in teks
    tabel = _tabel(teks, "Tabel 3.2 Capaian IKU Perangkat Daerah")
    # The dataset records everything at Tribulan IV: nothing is there by the end of Tribulan III.
    assert _baris(tabel, "1 ")[4:8] == ["0,1", "–", "–", "–"]
    assert tabel[-1] == "Sumber: Perjanjian Kinerja Perubahan dan Monev Tribulan III Tahun 2022"


def test_an_opd_with_little_data_prints_its_tables():
    teks = _jalankan("diskopum", "2022")
    assert "Acuan target: belum ada Perjanjian Kinerja" in teks
    assert "Tabel 3.1 Pengkategorian Capaian Kinerja" in teks


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
