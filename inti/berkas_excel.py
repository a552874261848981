"""The checks an uploaded workbook passes before any XML parser sees it.

One guard for every workbook reader (the monev and dataset uploads in `capaian.excel`, the DPA upload in
`anggaran.dpa_excel`, the dataset import in `lkjip.dataset`). openpyxl builds a whole row in memory before
a reader can stop at its last column, and loads every shared string and style at opening, so the limits
must hold before it runs:

- the file's own size (the caller's limit);
- that it is an OOXML spreadsheet package by its content (a zip with `[Content_Types].xml` declaring a
  workbook; a macro workbook is refused);
- the unpacked size of its parts: at most 100 times the file's size limit and, whatever that limit, an
  absolute cap (setting `EXCEL_MAKS_TERURAI_BYTE`, 50 MB by default). A zip member cannot unpack to more
  than its declared size: Python's zipfile stops there and fails the CRC check;
- the number of XML elements, streamed through each part in chunks with a byte count of `<` (no parsing,
  so a lying `<dimension>` or a namespace prefix changes nothing): at most `EXCEL_MAKS_UNSUR` in all
  (1 000 000 by default, a few hundred thousand cells) and `EXCEL_MAKS_UNSUR_BARIS` between two record
  starts (a sheet's row or a shared string; 100 000 by default, room for Excel's 16 384 columns), since
  openpyxl holds one record whole before it clears it. A cell is 1 to 5 elements;
- no DTD (entity expansion) and no UTF-16 parts, which the byte count could not see through.

Memory stays at the size of one chunk; a refusal says why in Indonesian, and nothing is written.
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

from django.conf import settings

from inti.tampilan import format_angka

RASIO_EKSTRAK_MAKS = 100
MAKS_TERURAI_BAWAAN = 50 * 1024 * 1024
MAKS_UNSUR_BAWAAN = 1_000_000
MAKS_UNSUR_BARIS_BAWAAN = 100_000
POTONGAN = 1024 * 1024
_EKOR = 64  # bytes kept back between chunks so a row tag cut in two is still seen

JENIS_WORKBOOK = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
JENIS_WORKBOOK_MAKRO = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"

BUKAN_XLSX = (
    "Berkas bukan buku kerja Excel .xlsx (isinya tidak dikenali sebagai berkas Excel, apa pun "
    "nama berkasnya). Simpan ulang sebagai “Excel Workbook (.xlsx)”."
)
# The records openpyxl reads and clears one at a time: a row of a sheet, a string of the shared strings.
_POLA_BARIS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:row|si)[\s/>]")


class BerkasExcelDitolak(Exception):
    """The workbook is refused as a whole; `pesan` says why, in Indonesian."""

    def __init__(self, pesan: str):
        self.pesan = pesan
        super().__init__(pesan)


def maks_terurai() -> int:
    return int(getattr(settings, "EXCEL_MAKS_TERURAI_BYTE", MAKS_TERURAI_BAWAAN))


def maks_unsur() -> int:
    return int(getattr(settings, "EXCEL_MAKS_UNSUR", MAKS_UNSUR_BAWAAN))


def maks_unsur_baris() -> int:
    return int(getattr(settings, "EXCEL_MAKS_UNSUR_BARIS", MAKS_UNSUR_BARIS_BAWAAN))


def _mb(n: int) -> str:
    return f"{format_angka(Decimal(n) / (1024 * 1024), 1)} MB"


def _ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def periksa_xlsx(data: bytes, *, maks: int) -> None:
    """Refuse (BerkasExcelDitolak) a file too large, not an xlsx by its content, or too large unpacked."""
    if len(data) > maks:
        raise BerkasExcelDitolak(f"Berkas terlalu besar ({_mb(len(data))}); paling besar {_mb(maks)}.")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise BerkasExcelDitolak(BUKAN_XLSX)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as arsip:
            isi = {info.filename: info for info in arsip.infolist()}
            if "[Content_Types].xml" not in isi or "xl/workbook.xml" not in isi:
                raise BerkasExcelDitolak(BUKAN_XLSX)
            batas = min(max(maks, len(data)) * RASIO_EKSTRAK_MAKS, maks_terurai())
            terurai = sum(info.file_size for info in isi.values())
            if terurai > batas:
                raise BerkasExcelDitolak(
                    f"Isi berkas terlalu besar setelah dibuka ({_mb(terurai)}; paling besar {_mb(batas)}); "
                    "berkas ditolak. Hapus lembar, baris atau kolom yang tidak dipakai, lalu simpan ulang."
                )
            jenis = arsip.read("[Content_Types].xml")
            if JENIS_WORKBOOK_MAKRO in jenis:
                raise BerkasExcelDitolak(
                    "Buku kerja bermakro (.xlsm) tidak diterima. Simpan sebagai .xlsx tanpa makro."
                )
            if JENIS_WORKBOOK not in jenis:
                raise BerkasExcelDitolak(BUKAN_XLSX)
            _periksa_unsur(arsip, [info for info in isi.values() if _bagian_xml(info.filename)])
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, RuntimeError, NotImplementedError):
        # RuntimeError: an encrypted member; NotImplementedError: an unknown compression method.
        raise BerkasExcelDitolak(BUKAN_XLSX) from None


def _bagian_xml(nama: str) -> bool:
    return nama.lower().endswith((".xml", ".rels", ".vml"))


def _periksa_unsur(arsip: zipfile.ZipFile, bagian: list[zipfile.ZipInfo]) -> None:
    """Stream every XML part counting elements (`<`) in all and per row, without parsing anything."""
    maks_total, maks_baris = maks_unsur(), maks_unsur_baris()
    total = 0
    for info in bagian:
        nama = info.filename.rpartition("/")[2]
        per_baris = 0
        baris = 0
        awal_berkas = True
        sisa = b""
        with arsip.open(info) as sumber:
            while True:
                potong = sumber.read(POTONGAN)
                akhir = not potong
                data = sisa + potong
                if awal_berkas and data:
                    awal_berkas = False
                    kepala = data[:4]
                    if b"\x00" in kepala or kepala.startswith((b"\xff\xfe", b"\xfe\xff")):
                        raise BerkasExcelDitolak(
                            f"Bagian “{nama}” berkas tidak tersimpan sebagai UTF-8; simpan ulang dari Excel."
                        )
                if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                    raise BerkasExcelDitolak(
                        f"Bagian “{nama}” berkas memuat deklarasi DOCTYPE; berkas Excel tidak memakainya. "
                        "Berkas ditolak."
                    )
                batas = len(data) if akhir else max(0, len(data) - _EKOR)
                dari = 0
                for cocok in _POLA_BARIS.finditer(data):
                    if cocok.start() >= batas:
                        break
                    per_baris += data.count(b"<", dari, cocok.start())
                    _cek_baris(per_baris, maks_baris, nama, baris)
                    per_baris = 0
                    baris += 1
                    dari = cocok.start()
                per_baris += data.count(b"<", dari, batas)
                _cek_baris(per_baris, maks_baris, nama, baris)
                total += data.count(b"<", 0, batas)
                if total > maks_total:
                    raise BerkasExcelDitolak(
                        f"Berkas berisi terlalu banyak sel dan unsur (lebih dari {_ribuan(maks_total)}); "
                        "berkas ditolak sebelum dibaca. Hapus baris atau kolom yang tidak dipakai, lalu "
                        "simpan ulang, atau bagi isinya ke beberapa berkas."
                    )
                if akhir:
                    break
                sisa = data[batas:]


def _cek_baris(jumlah: int, maks: int, nama: str, baris: int) -> None:
    if jumlah > maks:
        letak = f"baris ke-{_ribuan(baris)} " if baris else ""
        raise BerkasExcelDitolak(
            f"Bagian “{nama}” berkas: {letak}berisi terlalu banyak sel (lebih dari {_ribuan(maks)} unsur "
            "dalam satu baris; Excel sendiri paling banyak 16.384 kolom). Berkas ditolak sebelum dibaca."
        )
