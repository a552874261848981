"""The report's outputs on the export contract: file names, content types and what their bytes hold."""

import io
import json
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from inti.ekspor import Ekspor
from lkjip.laporan.dokumen import Pengesahan, dokumen_laporan
from lkjip.laporan.ekspor import PKPDF, CapaianJSON, CapaianTeks, LaporanHTML, LaporanPDF, LaporanXlsx
from lkjip.laporan.pdf import html_laporan

pytestmark = pytest.mark.django_db

DRAFT = "LKjIP-disperindag-2022-revisi1-DRAF"


@pytest.fixture
def dok(opd_disperindag):
    return dokumen_laporan(opd_disperindag, 2022)


def test_every_output_names_its_file_and_content_type(dok):
    ekspor: list[tuple[Ekspor, str, str]] = [
        (LaporanHTML(dok), f"{DRAFT}.html", "text/html; charset=utf-8"),
        (LaporanPDF(dok), f"{DRAFT}.pdf", "application/pdf"),
        (LaporanXlsx(dok), f"{DRAFT}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (PKPDF(dok, dok.blok_pk(0)), "PK-disperindag-2022.pdf", "application/pdf"),
        (PKPDF(dok, dok.blok_pk(1)), "PK-Perubahan-1-disperindag-2022.pdf", "application/pdf"),
        (CapaianTeks(dok), "capaian-disperindag-2022-tw4.txt", "text/plain; charset=utf-8"),
        (CapaianJSON(dok.hasil), "capaian-disperindag-2022-tw4.json", "application/json"),
    ]
    for e, nama, jenis in ekspor:
        assert (e.nama_berkas(), e.jenis_konten) == (nama, jenis)


def test_a_signed_document_is_named_without_draft(opd_disperindag):
    pengesahan = Pengesahan(2, "abc", "http://testserver/verifikasi/abc", "Kepala", "Kepala OPD", datetime.now(UTC))
    dok = dokumen_laporan(opd_disperindag, 2022, pengesahan=pengesahan)
    assert LaporanPDF(dok).nama_berkas() == "LKjIP-disperindag-2022-revisi2.pdf"
    assert LaporanXlsx(dok).nama_berkas() == "LKjIP-disperindag-2022-revisi2.xlsx"


def test_the_html_is_the_print_html_and_the_xlsx_has_every_table(dok):
    html = LaporanHTML(dok).isi().decode()
    assert html == html_laporan(dok) and "416,70" in html and "DRAF — status: Draf" in html
    wb = load_workbook(io.BytesIO(LaporanXlsx(dok).isi()))
    assert len(wb.sheetnames) == 1 + len(dok.tabel) and "Tabel 3.14" in wb.sheetnames


def test_the_commands_outputs_hold_the_report_tables_and_the_engines_figures(dok):
    teks = CapaianTeks(dok).isi().decode()
    assert "Tabel 3.12 Perbandingan Pencapaian Kinerja dan Anggaran Tujuan dan Sasaran" in teks
    data = json.loads(CapaianJSON(dok.hasil).isi())
    sasaran = {s["kode"]: s for s in data["sasaran"]}
    assert (sasaran["2.2"]["capaian"], sasaran["2.2"]["efisiensi"]) == ("416.70", "351.61")
