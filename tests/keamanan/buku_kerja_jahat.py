"""Crafted workbooks for the upload bounds: valid packages whose sheet or shared strings are huge."""

import io
import zipfile

from openpyxl import Workbook


def buku_kerja(ganti: dict[str, bytes]) -> bytes:
    """A real one-sheet workbook made by openpyxl, with some of its parts replaced or added."""
    wb = Workbook()
    wb.active["A1"] = "Kode"
    asli = io.BytesIO()
    wb.save(asli)
    keluaran = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(asli.getvalue())) as masuk,
        zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z,
    ):
        for info in masuk.infolist():
            if info.filename not in ganti:
                z.writestr(info.filename, masuk.read(info.filename))
        for nama, isi in ganti.items():
            z.writestr(nama, isi)
    return keluaran.getvalue()


_KEPALA = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def lembar(isi_sheetdata: bytes, dimensi: bytes = b"") -> bytes:
    return _KEPALA + dimensi + b"<sheetData>" + isi_sheetdata + b"</sheetData></worksheet>"


def satu_baris_banyak_sel(jumlah: int) -> bytes:
    """One row of `jumlah` empty cells without references: the 184 KB workbook that took 2,6 GB."""
    return buku_kerja({"xl/worksheets/sheet1.xml": lembar(b'<row r="1">' + b"<c/>" * jumlah + b"</row>")})


def dimensi_bohong(baris: int, kolom: int) -> bytes:
    """A sheet whose `<dimension>` says A1:B2 but which holds `baris` rows of `kolom` numbers."""
    satu = b"<row>" + b"<c><v>1</v></c>" * kolom + b"</row>"
    return buku_kerja({"xl/worksheets/sheet1.xml": lembar(satu * baris, b'<dimension ref="A1:B2"/>')})


def string_bersama_besar(jumlah: int) -> bytes:
    """A shared-strings part of `jumlah` tiny strings (openpyxl loads them all when opening)."""
    sst = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"<si><t>x</t></si>" * jumlah
        + b"</sst>"
    )
    jenis = (
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" '
        b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override '
        b'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    return buku_kerja({"xl/sharedStrings.xml": sst, "[Content_Types].xml": jenis})
