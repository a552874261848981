"""The xlsx of the report: one sheet per table, named by its number, figures stored as numbers."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from anggaran.models import Program
from capaian.engine import hitung_opd_tahun
from lkjip.laporan.dokumen import dokumen_laporan
from lkjip.laporan.ekspor import LaporanXlsx

pytestmark = pytest.mark.django_db

LEMBAR_BERNOMOR = [f"Tabel 2.{i}" for i in range(1, 8)] + [f"Tabel 3.{i}" for i in range(1, 15)]


@pytest.fixture
def buku(opd_disperindag):
    dok = dokumen_laporan(opd_disperindag, 2022)
    return dok, load_workbook(io.BytesIO(LaporanXlsx(dok).isi()))


def _baris(ws, teks: str, kolom: int) -> tuple:
    """The row whose column `kolom` holds `teks`, as a tuple of values."""
    for row in ws.iter_rows(values_only=True):
        if row[kolom - 1] == teks:
            return row
    raise AssertionError(f"{teks!r} tidak ada di {ws.title}")


def _sama(nilai, harapan) -> bool:
    return isinstance(nilai, int | float) and Decimal(str(nilai)) == Decimal(str(harapan))


def test_every_table_of_the_report_has_its_sheet(buku):
    dok, wb = buku
    for nama in LEMBAR_BERNOMOR:
        assert nama in wb.sheetnames
    assert len(wb.sheetnames) == 1 + len(dok.tabel)
    for tabel in dok.tabel.values():
        assert tabel.lembar in wb.sheetnames
        assert wb[tabel.lembar]["A1"].value.endswith(tabel.judul)
    for nama in ("Anggaran PK", "Anggaran PK Perubahan", "Lamp PK Kinerja", "Lamp PKP Anggaran", "Kertas Kerja"):
        assert nama in wb.sheetnames


def test_iku_figures_are_the_engines_and_stored_as_numbers(buku, opd_disperindag):
    _, wb = buku
    hasil = hitung_opd_tahun(opd_disperindag, 2022)
    ws = wb["Tabel 3.2"]
    for b in hasil.iku:
        row = _baris(ws, b.hasil.nama, 3)
        target, realisasi, capaian, kategori = row[4:8]
        assert _sama(target, b.hasil.target.tampil)
        assert _sama(realisasi, b.hasil.realisasi.tampil)
        assert _sama(capaian, b.hasil.capaian.tampil)
        assert kategori == b.hasil.kategori
    omset = _baris(ws, "Persentase Peningkatan Omset", 3)
    assert _sama(omset[5], "4.167") and _sama(omset[6], "416.70")


def test_budget_sheets_hold_the_engines_rupiah_and_percentages(buku, opd_disperindag):
    _, wb = buku
    hasil = hitung_opd_tahun(opd_disperindag, 2022)
    ws = wb["Tabel 3.14"]
    for program in hasil.anggaran.anak:
        row = _baris(ws, program.kode, 2)
        if program.pagu.ada:
            assert _sama(row[3], program.pagu.tampil)
        if program.penyerapan.ada:
            assert _sama(row[5], program.penyerapan.tampil)
    perencanaan = _baris(ws, "3.31.02", 2)
    assert _sama(perencanaan[3], 15920223771) and _sama(perencanaan[4], 12570161658) and _sama(perencanaan[5], "78.96")
    assert ws.cell(row=4, column=4).number_format == "#,##0"  # first body row: a program with a pagu
    jumlah = _baris(ws, "JUMLAH", 3)
    assert _sama(jumlah[3], 51719269154)

    efisiensi = wb["Tabel 3.12"]
    kedua = _baris(efisiensi, "Meningkatnya Penjualan Produk Sektor Unggulan", 2)
    assert _sama(kedua[5], 26520809877) and _sama(kedua[7], "65.09") and _sama(kedua[8], "351.61")
    assert efisiensi.cell(row=5, column=9).number_format == "#,##0.00"


def test_supporting_data_progress_and_programs(buku):
    _, wb = buku
    produksi = wb["Tabel 3.7"]
    total = _baris(produksi, "Jumlah Total", 2)
    assert _sama(total[2], 3831430) and _sama(total[3], 3835029)
    kemajuan = _baris(wb["Tabel 3.4"], "Persentase Kontribusi PDRB Sektor Unggulan (Kategori Perindustrian dan Perdagangan)", 3)
    assert _sama(kemajuan[4], "49.63") and _sama(kemajuan[5], "49.2") and _sama(kemajuan[6], "100.87")
    program = _baris(wb["Tabel 3.13"], "PROGRAM PERENCANAAN DAN PEMBANGUNAN INDUSTRI", 5)
    assert _sama(program[6], "8666.60") and program[7] == "Menunjang"
    renstra = _baris(wb["Tabel 2.1"], "Persentase Kontribusi PDRB Sektor Unggulan (Kategori Perindustrian dan Perdagangan)", 4)
    assert _sama(renstra[10], "49.2") and renstra[5] == "–"  # 2026 target; none for 2021
    pk = _baris(wb["Lamp PK Anggaran"], "JUMLAH", 2)
    assert _sama(pk[2], 45560165117)
    pkp = _baris(wb["Lamp PKP Anggaran"], "JUMLAH", 2)
    assert _sama(pkp[2], 45560165117) and _sama(pkp[3], 51719269154)


def test_header_cells_spanning_columns_are_merged(buku):
    _, wb = buku
    ws = wb["Tabel 3.2"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "E3:G3" in merged  # "Tahun 2022" over target, realisasi, capaian
    assert "A3:A4" in merged
    assert ws["E3"].value == "Tahun 2022" and ws["E4"].value == "Target"


def test_text_starting_with_equals_is_never_a_formula(opd_disperindag):
    Program.objects.filter(opd=opd_disperindag, tahun=2022, kode="3.30.02").update(nama='=HYPERLINK("http://x","klik")')
    wb = load_workbook(io.BytesIO(LaporanXlsx(dokumen_laporan(opd_disperindag, 2022)).isi()))
    ws = wb["Tabel 3.14"]
    sel = next(c for row in ws.iter_rows() for c in row if c.value == '=HYPERLINK("http://x","klik")')
    assert sel.data_type == "s"
    assert not any(c.data_type == "f" for s in wb.worksheets for row in s.iter_rows() for c in row)


def test_download_of_the_draft_xlsx(client_for, auditor_user):
    response = client_for(auditor_user).get("/opd/disperindag/laporan/2022/xlsx/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "LKjIP-disperindag-2022-revisi1-DRAF.xlsx" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert "Tabel 3.14" in wb.sheetnames
    assert wb["Daftar Tabel"]["A2"].value == "Status: revisi 1, DRAF (Draf)"
