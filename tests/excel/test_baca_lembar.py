"""Reading a sheet by its headers: the same cells as openpyxl reads, whatever wrote the file.

`baca_lembar` decodes the common cells itself and leaves the rest to openpyxl's parser; these tests hold
it to what openpyxl's own read-only rows give for a file written by hand the way Excel and other programs
write them (shared and inline strings, rich text, dates, booleans, errors, formulas, cells without a
reference, rows out of order).
"""

import io
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook

from capaian.excel.sel import (
    BarisExcel,
    BerkasDitolak,
    IsiLembar,
    Sel,
    baca_lembar,
    buka_buku_kerja,
    teks_sel,
)

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
NS_PKG = "http://schemas.openxmlformats.org/package/2006"
JENIS = "application/vnd.openxmlformats-officedocument.spreadsheetml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

TEKS_BERSAMA = ["Kode", "Nilai", "Catatan", "Lain", "A-1", "tidak dibaca"]

BARIS = """
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>
  <c r="D1" t="s"><v>3</v></c><c r="E1" t="inlineStr"><is><t>Nilai</t></is></c></row>
<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2"><v>1.5</v></c>
  <c r="C2" t="inlineStr"><is><r><rPr><b/></rPr><t>ab</t></r><r><t xml:space="preserve">cd </t></r>
  <rPh sb="0" eb="1"><t>fonetik</t></rPh></is></c>
  <c r="D2" s="1"><v>44562</v></c><c r="E2"><v>99</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">   </t></is></c><c r="B3" t="b"><v>1</v></c>
  <c r="C3" t="e"><v>#N/A</v></c><c r="D3"><f>SUM(B2:B2)</f><v>1.5</v></c></row>
<row r="5"><c t="inlineStr"><is><t>A-5</t></is></c><c><v>7</v></c><c t="inlineStr"><is/></c></row>
<row r="6"><c r="D6" t="s"><v>5</v></c></row>
<row r="7"><c r="C7" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="B7"><v>-2.5E-3</v></c></row>
<row r="8"><c r="A8"><v>3</v></c><c r="B8"><v>12345678901234567</v></c><c r="C8" t="inlineStr"><is><t/></is></c></row>
<row r="9"><c r="A9" t="inlineStr"><is><t>A-9</t></is></c><c r="B9" s="0"><v>4</v></c><c r="AP9"><v>1</v></c></row>
<row r="4"><c r="A4" t="inlineStr"><is><t>di luar urutan</t></is></c></row>
"""


def _berkas(baris: str = BARIS) -> bytes:
    """A workbook written by hand: a shared-strings table, a date style, one sheet "Data"."""
    si = "".join(f"<si><t>{t}</t></si>" for t in TEKS_BERSAMA)
    bagian = {
        "[Content_Types].xml": (
            f'<Types xmlns="{NS_PKG}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{JENIS}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{JENIS}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{JENIS}.sharedStrings+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{JENIS}.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{NS_PKG}/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": f'<workbook {NS} {NS_R}><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{NS_PKG}/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>'
        ),
        "xl/styles.xml": (
            f'<styleSheet {NS}><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
        ),
        "xl/sharedStrings.xml": f'<sst {NS} count="{len(TEKS_BERSAMA)}">{si}</sst>',
        "xl/worksheets/sheet1.xml": f"<worksheet {NS}><sheetData>{baris}</sheetData></worksheet>",
    }
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w") as arsip:
        for nama, isi in bagian.items():
            arsip.writestr(nama, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + isi)
    return keluaran.getvalue()


def _seperti_openpyxl(ws, maks_kolom: int = 40) -> IsiLembar:
    """The sheet read through openpyxl's own read-only rows: how `baca_lembar` read every sheet before."""
    ws.reset_dimensions()
    kolom: dict[str, int] = {}
    baris = []
    for nomor, sel_baris in enumerate(ws.iter_rows(max_col=maks_kolom), start=1):
        if nomor == 1:
            for k, sel in enumerate(sel_baris, start=1):
                judul = teks_sel(sel.value)
                if judul and judul not in kolom:
                    kolom[judul] = k
            continue
        isi = {}
        for judul, k in kolom.items():
            sel = sel_baris[k - 1] if k - 1 < len(sel_baris) else None
            nilai = getattr(sel, "value", None)
            if isinstance(nilai, str) and not nilai.strip():
                nilai = None
            rumus = getattr(sel, "data_type", None) == "f"
            if nilai is not None or rumus:
                isi[judul] = Sel(nilai, rumus, k)
        if isi:
            baris.append(BarisExcel(nomor, isi))
    return IsiLembar(ws.title, kolom, baris)


def test_every_kind_of_cell_reads_as_openpyxl_reads_it():
    wb = buka_buku_kerja(_berkas())
    isi = baca_lembar(wb["Data"])
    assert isi == _seperti_openpyxl(wb["Data"])
    per_nomor = {b.nomor: b for b in isi.baris}
    assert isi.kolom == {"Kode": 1, "Nilai": 2, "Catatan": 3, "Lain": 4}  # the second "Nilai" is ignored
    assert (per_nomor[2]["Kode"], per_nomor[2]["Nilai"], per_nomor[2]["Catatan"]) == ("A-1", 1.5, "abcd ")
    assert per_nomor[2]["Lain"] == datetime(2022, 1, 1)  # a number in a date format is a date
    assert (per_nomor[3]["Kode"], per_nomor[3]["Nilai"], per_nomor[3]["Catatan"]) == (None, True, "#N/A")
    assert per_nomor[3].sel["Lain"] == Sel("=SUM(B2:B2)", True, 4)
    assert (per_nomor[5]["Kode"], per_nomor[5]["Nilai"]) == ("A-5", 7)  # cells without a reference
    assert per_nomor[7].sel["Catatan"].rumus and per_nomor[7]["Nilai"] == -0.0025
    assert (per_nomor[8]["Kode"], per_nomor[8]["Nilai"], per_nomor[8]["Catatan"]) == (
        3,
        12345678901234567,
        None,
    )
    assert 4 not in per_nomor  # a row written after a later one: openpyxl skips it too


def test_a_workbook_opened_for_editing_reads_the_same():
    data = _berkas()
    terbuka = baca_lembar(load_workbook(io.BytesIO(data))["Data"])
    hanya_baca = baca_lembar(buka_buku_kerja(data)["Data"])
    # Editing mode keeps the last of two rows with one number; the upload reads the first, as before.
    assert [b for b in terbuka.baris if b.nomor != 4] == hanya_baca.baris


def test_only_the_columns_asked_for_are_decoded_but_a_formula_is_seen_anywhere():
    isi = baca_lembar(buka_buku_kerja(_berkas())["Data"], nilai=["Kode", "Nilai"])
    per_nomor = {b.nomor: b for b in isi.baris}
    assert isi.kolom == {"Kode": 1, "Nilai": 2, "Catatan": 3, "Lain": 4}
    assert per_nomor[2].sel == {"Kode": Sel("A-1", False, 1), "Nilai": Sel(1.5, False, 2)}
    assert per_nomor[3].sel == {"Nilai": Sel(True, False, 2), "Lain": Sel(None, True, 4)}
    assert per_nomor[7].sel == {"Nilai": Sel(-0.0025, False, 2), "Catatan": Sel(None, True, 3)}
    assert 6 not in per_nomor  # its only value is under a header not read


def test_a_cell_beyond_the_last_column_read_is_ignored():
    isi = baca_lembar(buka_buku_kerja(_berkas())["Data"], maks_kolom=2)
    assert isi.kolom == {"Kode": 1, "Nilai": 2}
    assert {b.nomor: b.sel for b in isi.baris}[3] == {"Nilai": Sel(True, False, 2)}


def test_a_sheet_without_row_1_has_no_headers_and_no_rows():
    wb = buka_buku_kerja(_berkas('<row r="2"><c r="A2"><v>1</v></c></row>'))
    assert baca_lembar(wb["Data"]) == IsiLembar("Data", {}, [])


def test_a_damaged_cell_reference_refuses_the_sheet():
    wb = buka_buku_kerja(_berkas('<row r="1"><c r="1A" t="inlineStr"><is><t>Kode</t></is></c></row>'))
    with pytest.raises(BerkasDitolak, match="Lembar “Data” rusak atau tidak dapat dibaca"):
        baca_lembar(wb["Data"])


def test_an_openpyxl_written_template_reads_as_before():
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Kode", "Nilai", "Catatan"])
    ws.append(["A-1", 0.094, "teks"])
    ws.append(["A-2", "=B2*2", None])
    ws.append([None, None, "  "])
    keluaran = io.BytesIO()
    wb.save(keluaran)
    hanya_baca = buka_buku_kerja(keluaran.getvalue())["Data"]
    assert baca_lembar(hanya_baca) == _seperti_openpyxl(hanya_baca)
    assert [b.nomor for b in baca_lembar(hanya_baca).baris] == [2, 3]
