"""Workbooks are bounded before openpyxl parses them: unpacked size, elements in all and in one row.

Finding (issue 11): a 184 KB workbook of one row of six million tiny cells took 2,6 GB and 50 s, since
openpyxl builds a whole row before a reader's column limit applies. Every workbook reader now goes
through `inti.berkas_excel.periksa_xlsx` first; these files are refused with low memory, quickly.
"""

import time
import tracemalloc

import pytest
from buku_kerja_jahat import buku_kerja, dimensi_bohong, lembar, satu_baris_banyak_sel, string_bersama_besar

from anggaran import dpa_excel
from capaian.excel import sel
from inti.berkas_excel import BerkasExcelDitolak, periksa_xlsx
from lkjip.dataset.baris import DatasetTidakSah
from lkjip.dataset.dari_excel import impor_dataset

MB = 1024 * 1024
PESAN_BARIS = "berisi terlalu banyak sel (lebih dari 100.000 unsur dalam satu baris"
PESAN_TOTAL = "Berkas berisi terlalu banyak sel dan unsur (lebih dari 1.000.000)"


def _ukur(fungsi):
    """(exception raised, peak traced memory in bytes, seconds)."""
    tracemalloc.start()
    awal = time.perf_counter()
    try:
        fungsi()
    except Exception as exc:  # noqa: BLE001 - the refusal is what is measured
        galat = exc
    else:
        galat = None
    detik = time.perf_counter() - awal
    puncak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return galat, puncak, detik


def test_one_row_of_six_million_cells_is_refused_before_parsing_with_little_memory():
    data = satu_baris_banyak_sel(6_000_000)
    assert len(data) < 200 * 1024  # the crafted file of the finding: small zipped, 24 MB of XML

    galat, puncak, detik = _ukur(lambda: sel.buka_buku_kerja(data))

    assert isinstance(galat, sel.BerkasDitolak)
    assert galat.pesan == (
        "Bagian “sheet1.xml” berkas: baris ke-1 berisi terlalu banyak sel (lebih dari 100.000 unsur dalam "
        "satu baris; Excel sendiri paling banyak 16.384 kolom). Berkas ditolak sebelum dibaca."
    )
    assert puncak < 50 * MB
    assert detik < 5


def test_a_lying_dimension_does_not_hide_the_cells(settings):
    settings.EXCEL_MAKS_UNSUR = 200_000  # the default (1 000 000) holds too; a smaller file keeps this quick
    data = dimensi_bohong(baris=3_000, kolom=40)  # says A1:B2, holds 120 000 cells, 360 000 elements

    galat, puncak, _ = _ukur(lambda: sel.buka_buku_kerja(data))

    assert isinstance(galat, sel.BerkasDitolak)
    assert galat.pesan.startswith("Berkas berisi terlalu banyak sel dan unsur (lebih dari 200.000)")
    assert puncak < 50 * MB


def test_the_default_bound_on_elements_refuses_a_large_sheet():
    data = dimensi_bohong(baris=9_000, kolom=40)  # 1 080 000 elements
    with pytest.raises(
        BerkasExcelDitolak, match=r"^Berkas berisi terlalu banyak sel dan unsur \(lebih dari 1\.000\.000\)"
    ):
        periksa_xlsx(data, maks=5 * MB)


def test_a_huge_shared_strings_part_is_refused(settings):
    settings.EXCEL_MAKS_UNSUR = 200_000
    data = string_bersama_besar(100_000)  # 400 000 elements, loaded whole by openpyxl when opening

    galat, puncak, _ = _ukur(lambda: sel.buka_buku_kerja(data))

    assert isinstance(galat, sel.BerkasDitolak)
    assert "terlalu banyak sel dan unsur" in galat.pesan
    assert puncak < 50 * MB


def test_the_unpacked_size_has_an_absolute_cap_whatever_the_upload_limit(settings):
    settings.EXCEL_MAKS_TERURAI_BYTE = 10 * MB
    # 16 MB of whitespace in the sheet: far below 100 times a 5 MB limit, above the absolute cap.
    data = buku_kerja({"xl/worksheets/sheet1.xml": lembar(b"", b" " * (16 * MB))})
    with pytest.raises(
        sel.BerkasDitolak, match=r"^Isi berkas terlalu besar setelah dibuka \(16,0 MB; paling besar 10,0 MB\)"
    ):
        sel.periksa_berkas(data, maks=5 * MB)


def test_a_namespace_prefix_does_not_hide_a_row():
    isi = b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
    isi += b'<x:row r="1">' + b"<x:c/>" * 150_000 + b"</x:row></x:sheetData></x:worksheet>"
    with pytest.raises(BerkasExcelDitolak, match="baris ke-1 berisi terlalu banyak sel"):
        periksa_xlsx(buku_kerja({"xl/worksheets/sheet1.xml": isi}), maks=5 * MB)


def test_a_doctype_is_refused():
    isi = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + lembar(b"")[38:]
    with pytest.raises(BerkasExcelDitolak, match="memuat deklarasi DOCTYPE"):
        periksa_xlsx(buku_kerja({"xl/worksheets/sheet1.xml": isi}), maks=5 * MB)


def test_a_row_near_the_bound_still_opens_and_is_read():
    """Excel's widest row (16 384 columns) passes the guard and is read with bounded memory."""
    data = satu_baris_banyak_sel(16_384)
    periksa_xlsx(data, maks=5 * MB)
    wb = sel.buka_buku_kerja(data)
    assert sel.baca_lembar(wb.worksheets[0]).baris == []
    wb.close()


def test_the_dpa_upload_is_refused_the_same_way():
    data = satu_baris_banyak_sel(6_000_000)
    galat, puncak, detik = _ukur(lambda: dpa_excel._baca_baris(data))
    assert isinstance(galat, dpa_excel.BerkasDitolak)
    assert PESAN_BARIS in galat.pesan
    assert puncak < 50 * MB
    assert detik < 5


def test_the_dataset_import_is_refused_the_same_way_and_writes_nothing():
    with pytest.raises(DatasetTidakSah) as info:
        impor_dataset(satu_baris_banyak_sel(6_000_000), simpan=True)
    [masalah] = info.value.masalah
    assert PESAN_BARIS in masalah.pesan
