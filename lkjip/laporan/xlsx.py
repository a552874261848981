"""One xlsx with every table of the LKjIP: one sheet per table, named by its number ("Tabel 3.2").

Figures are written as numbers (the value as displayed, a Decimal) with a number format of the same
decimals, so a spreadsheet sums what the report prints. Text is always text: a cell that starts with
"=" is stored as a string, never as a formula. `lkjip.laporan.ekspor.LaporanXlsx` is the download.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from inti import ekspor
from lkjip.laporan.dokumen import Dokumen
from lkjip.laporan.tabel import Sel, Tabel

GARIS = Side(style="thin", color="808080")
BINGKAI = Border(left=GARIS, right=GARIS, top=GARIS, bottom=GARIS)
ISI_KEPALA = PatternFill("solid", fgColor="E8EEF4")
ISI_JUMLAH = PatternFill("solid", fgColor="F4F6F8")
LEBAR_DASAR = 110  # total width in characters that the table's relative widths share


def tulis_sel(cell, sel: Sel) -> None:
    """Write a cell: a figure as a number, anything else as text that is never read as a formula.

    Goes through `inti.ekspor.tulis_sel`, the one writer that keeps text text in every export.
    """
    if sel.nilai is not None:
        ekspor.tulis_sel(
            cell.parent, cell.row, cell.column, Decimal(sel.nilai), ekspor.format_desimal(sel.desimal)
        )
    else:
        ekspor.tulis_sel(cell.parent, cell.row, cell.column, sel.teks)


def _lembar_unik(nama: str, dipakai: set[str]) -> str:
    nama = "".join(c for c in nama if c not in "[]:*?/\\")[:31] or "Tabel"
    calon, n = nama, 2
    while calon.lower() in dipakai:
        akhir = f" ({n})"
        calon = nama[: 31 - len(akhir)] + akhir
        n += 1
    dipakai.add(calon.lower())
    return calon


def _tulis_tabel(ws, tabel: Tabel) -> None:
    judul = f"{tabel.label} {tabel.judul}".strip()
    ws.cell(row=1, column=1, value=judul).font = Font(bold=True, size=12)
    baris_awal = 3
    terisi: set[tuple[int, int]] = set()  # grid slots taken by a rowspan/colspan from an earlier row
    r = baris_awal
    for baris in tabel.kepala:
        c = 1
        for sel in baris:
            while (r, c) in terisi:
                c += 1
            cell = ws.cell(row=r, column=c)
            tulis_sel(cell, sel)
            for dr in range(sel.rowspan):
                for dc in range(sel.colspan):
                    terisi.add((r + dr, c + dc))
                    bagian = ws.cell(row=r + dr, column=c + dc)
                    bagian.border = BINGKAI
                    bagian.fill = ISI_KEPALA
            if sel.rowspan > 1 or sel.colspan > 1:
                ws.merge_cells(
                    start_row=r, start_column=c, end_row=r + sel.rowspan - 1, end_column=c + sel.colspan - 1
                )
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            c += sel.colspan
        r += 1
    for baris in tabel.baris:
        c = 1
        for sel in baris.sel:
            cell = ws.cell(row=r, column=c)
            tulis_sel(cell, sel)
            cell.border = BINGKAI
            cell.alignment = Alignment(vertical="top", wrap_text=sel.nilai is None)
            if sel.tebal or baris.jenis in ("program", "jumlah"):
                cell.font = Font(bold=True)
            if baris.jenis == "jumlah":
                cell.fill = ISI_JUMLAH
            if sel.colspan > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + sel.colspan - 1)
            c += sel.colspan
        r += 1
    for catatan in tabel.catatan:
        r += 1
        tulis_sel(ws.cell(row=r, column=1), Sel(f"Catatan: {catatan}"))
    if tabel.sumber:
        r += 1
        tulis_sel(ws.cell(row=r, column=1), Sel(f"Sumber: {tabel.sumber}"))
        ws.cell(row=r, column=1).font = Font(italic=True)
    lebar = tabel.lebar or (10,) * tabel.jumlah_kolom
    total = sum(lebar) or 1
    for i, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(6, round(w / total * LEBAR_DASAR))
    ws.freeze_panes = ws.cell(row=baris_awal + len(tabel.kepala), column=1)


def buat_workbook(dok: Dokumen) -> Workbook:
    wb = Workbook()
    indeks = wb.active
    indeks.title = "Daftar Tabel"
    indeks.append([f"LKjIP {dok.opd.nama} Tahun {dok.tahun}"])
    indeks["A1"].font = Font(bold=True, size=12)
    status = f"revisi {dok.revisi}, " + ("disetujui" if dok.pengesahan else f"DRAF ({dok.status_label})")
    indeks.append([f"Status: {status}"])
    indeks.append([])
    indeks.append(["Lembar", "Judul tabel"])
    dipakai = {"daftar tabel"}
    for tabel in dok.tabel.values():
        nama = _lembar_unik(tabel.lembar, dipakai)
        _tulis_tabel(wb.create_sheet(nama), tabel)
        baris = [Sel(nama), Sel(tabel.judul)]
        indeks.append([None, None])
        for kolom, sel in enumerate(baris, start=1):
            tulis_sel(indeks.cell(row=indeks.max_row, column=kolom), sel)
    indeks.column_dimensions["A"].width = 22
    indeks.column_dimensions["B"].width = 100
    return wb
