"""The PDF of the dataset's 2022 LKjIP: its length, its tables, its figures and its contents page.

Figures are the seed report's, with the engine's values where the seed is wrong (DOMAIN.md): turnover
growth 4,167 (printed 4,166), its capaian 416,70 (printed 416,6), Program Perencanaan 8.666,60
(printed 8666), efisiensi of sasaran 2 351,61 (printed 351,51).
"""

import re

import pytest

pytestmark = pytest.mark.django_db

JUDUL_SEED = [
    "Tabel 2.1 Tujuan, Sasaran, Indikator dan Target Kinerja Perangkat Daerah Periode Rencana Strategis",
    "Tabel 2.2 Indikator Kinerja Utama Dinas Perindustrian dan Perdagangan",
    "Tabel 2.3 Rencana Kinerja Tahun 2022 Dinas Perindustrian dan Perdagangan Kota Pasuruan",
    "Tabel 2.4 Perjanjian Kinerja Dinas Perindustrian dan Perdagangan Kota Pasuruan Tahun 2022",
    "Tabel 2.5 Program, Kegiatan, dan Sub Kegiatan Dinas Perindustrian dan Perdagangan Kota Pasuruan Tahun 2022",
    "Tabel 2.6 Perubahan Perjanjian Kinerja Dinas Perindustrian dan Perdagangan Kota Pasuruan Tahun 2022",
    "Tabel 2.7 Program, Kegiatan, dan Sub Kegiatan Dinas Perindustrian dan Perdagangan Kota Pasuruan Tahun 2022",
    "Tabel 3.1 Pengkategorian Capaian Kinerja",
    "Tabel 3.2 Capaian IKU Perangkat Daerah",
    "Tabel 3.3 Perbandingan Capaian Kinerja",
    "Tabel 3.4 Kemajuan Capaian Sasaran Strategis",
    "Tabel 3.5 Perbandingan Capaian dengan Standar Nasional/Provinsi",
    "Tabel 3.6 Pengukuran Kinerja Sasaran Pertama",
    "Tabel 3.7 Total Nilai Produksi Sektor Unggulan Tahun 2021 dan 2022",
    "Tabel 3.8 Program, Kegiatan dan Sub Kegiatan Pendukung Kinerja Sasaran Pertama",
    "Tabel 3.9 Pengukuran Kinerja Sasaran Kedua",
    "Tabel 3.10 Total Nilai Omset Produk Unggulan Tahun 2021 dan 2022",
    "Tabel 3.11 Program, Kegiatan dan Sub Kegiatan Pendukung Kinerja Sasaran Kedua",
    "Tabel 3.12 Perbandingan Pencapaian Kinerja dan Anggaran Tujuan dan Sasaran",
    "Tabel 3.13 Keberhasilan dan Kegagalan Program dan Kegiatan",
    "Tabel 3.14 Capaian Realisasi Anggaran Tahun 2022",
]

ANGKA_SEED = [
    # IKU (Tabel 3.2, 3.6, 3.9): production growth as the seed, turnover growth with the engine's rounding
    "0,094", "94,00", "4,167", "416,70", "Sangat Tinggi",
    # Tabel 3.4 and 3.5
    "49,63", "49,2", "100,87", "19,93", "17,95", "111,03",
    # Tabel 3.7 and 3.10: the supporting data and their totals
    "3.831.430", "3.835.029", "2.003.004", "269.310.841.260", "280.532.126.312",
    # Tabel 3.12: budget per sasaran and efficiency
    "15.920.223.771", "12.570.161.658", "78,96", "15,04", "26.520.809.877", "17.261.835.518", "65,09", "351,61",
    # Tabel 3.13: the seed's 8666 is 8.666,60; the two programs below 100% do not support
    "8.666,60", "93,75", "93,70", "117,40", "168,15", "308,18", "Tidak Menunjang",
    # Tabel 3.14: every line and the total
    "22.908.713.382", "14.944.306.843", "65,23", "51.719.269.154", "38.608.434.423",
    # the PK budgets as signed (lampiran) and after the change
    "45.560.165.117", "16.585.219.067", "9.278.235.506",
    # the whole OPD's absorption of BAB IV, with the Penunjang realisasi derived from it
    "8.776.437.247", "74,65%",
]


def test_page_count_is_that_of_a_full_report(pdf_dataset):
    assert 30 <= len(pdf_dataset.halaman) <= 80


def test_every_table_title_of_the_seed_is_printed(pdf_dataset):
    teks = pdf_dataset.teks
    for judul in JUDUL_SEED:
        assert judul in teks, judul


def test_every_numbered_table_of_the_document_is_printed_with_its_source(pdf_dataset):
    teks = pdf_dataset.teks
    nomor = [t.nomor for t in pdf_dataset.dok.daftar_tabel]
    assert nomor == [f"2.{i}" for i in range(1, 8)] + [f"3.{i}" for i in range(1, 15)]
    for tabel in pdf_dataset.dok.tabel.values():
        assert tabel.judul in teks
        if tabel.sumber:
            assert f"Sumber: {tabel.sumber}" in teks


def test_the_figures_are_the_engines(pdf_dataset):
    teks = pdf_dataset.teks
    for angka in ANGKA_SEED:
        assert angka in teks, angka
    # The seed's own slips appear only where they are explained: the "Catatan atas Angka" lampiran's
    # pages (its table is titled there; the table of contents names it on an earlier page).
    lampiran = [h for h in pdf_dataset.halaman if "Angka Semula" in h and "Angka dalam Laporan" in h]
    di_luar = "\n".join(h for h in pdf_dataset.halaman if h not in lampiran)
    assert lampiran
    for salah in ("416,60", "4,166", "351,51", "8666 ", "15,35"):
        assert salah not in di_luar, salah


def test_every_page_of_a_draft_says_draft(pdf_dataset):
    for nomor, halaman in enumerate(pdf_dataset.halaman, start=1):
        # The watermark and the running footer say DRAF (KBBI), never the English "DRAFT".
        assert "DRAF" in halaman and "DRAFT" not in halaman, f"halaman {nomor}"


def test_running_header_and_page_numbers(pdf_dataset):
    halaman = pdf_dataset.halaman
    for nomor in range(2, len(halaman) + 1):
        assert "LKjIP Disperindag Tahun 2022" in halaman[nomor - 1]
        assert re.search(rf"(^|\s){nomor}\s*$", halaman[nomor - 1]), f"nomor halaman {nomor}"
    assert "BAB III AKUNTABILITAS KINERJA" in " ".join(halaman)


def _halaman_daftar_isi(pdf_dataset) -> tuple[int, int]:
    halaman = pdf_dataset.halaman
    awal = next(i for i, h in enumerate(halaman) if "DAFTAR ISI" in h and "KATA PENGANTAR ." in h)
    akhir = next(i for i, h in enumerate(halaman) if i > awal and "DAFTAR TABEL Tabel 2.1" in h)
    return awal, akhir


def test_contents_page_numbers_are_where_the_headings_are(pdf_dataset):
    halaman = pdf_dataset.halaman
    awal, akhir = _halaman_daftar_isi(pdf_dataset)
    daftar_isi = " ".join(halaman[awal:akhir])
    judul = pdf_dataset.dok.daftar_isi
    assert len(judul) > 30
    for j in judul:
        cocok = re.search(re.escape(j.lengkap) + r"[ .]*?(\d+)(?=\s|$)", daftar_isi)
        assert cocok, f"{j.lengkap} tidak ada di daftar isi"
        nomor = int(cocok.group(1))
        # The page the contents name holds the heading, and no earlier page after the contents does.
        assert j.lengkap in halaman[nomor - 1], f"{j.lengkap}: halaman {nomor}"
        if nomor - 1 > akhir + 1:
            assert not any(j.lengkap in h for h in halaman[akhir + 1 : nomor - 1]), j.lengkap


def test_list_of_tables_page_numbers_are_where_the_tables_are(pdf_dataset):
    halaman = pdf_dataset.halaman
    _, akhir = _halaman_daftar_isi(pdf_dataset)
    daftar = halaman[akhir]
    for tabel in pdf_dataset.dok.daftar_tabel:
        judul = f"{tabel.label} {tabel.judul}"
        cocok = re.search(re.escape(judul) + r"[ .]*?(\d+)(?=\s|$)", daftar)
        assert cocok, judul
        assert judul in halaman[int(cocok.group(1)) - 1], judul


def test_charts_are_drawn_in_the_pdf(pdf_dataset):
    teks = pdf_dataset.teks
    assert "Gambar 3.1 Capaian Indikator Kinerja Utama Tahun 2022 terhadap Target (100%)" in teks
    assert "Gambar 3.3 Penyerapan Anggaran per Program Tahun 2022" in teks
    assert "100%" in teks


def test_lampiran_holds_both_pk_statements_metadata_and_kertas_kerja(pdf_dataset):
    teks = pdf_dataset.teks
    assert "PERNYATAAN PERJANJIAN KINERJA DINAS PERINDUSTRIAN DAN PERDAGANGAN KOTA PASURUAN TAHUN 2022" in teks
    assert "PERNYATAAN PERJANJIAN KINERJA PERUBAHAN" in teks
    assert "Target Sebelum Perubahan" in teks and "Sesudah Perubahan (Rp)" in teks
    assert "Kertas Kerja Perhitungan Capaian Outcome" in teks
    # The inputs of the production growth formula, summed from Tabel 3.7.
    assert "3.835.029" in teks and "433,33" in teks
    assert "Drs. YANUAR AFRIANSYAH, MM" in teks and "NIP. 19651231 198602 1 041" in teks
