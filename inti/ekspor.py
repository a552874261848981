"""Every output of the site (a page's xlsx, the Excel templates, the LKjIP's HTML, PDF and xlsx, what the
`capaian` command prints) implements one contract, `Ekspor`: what it is gives its file name, its content
type and its bytes. A view answers any of them with `respons_unduhan(ekspor)`; the command writes
`ekspor.isi()`; a signed archive stores it.

Writing xlsx safely: the one helper every workbook of the site goes through.

A spreadsheet opens user text as a formula when it starts with "=" (and Excel also reacts to "+", "-"
and "@" once a user edits the cell), so a name typed by someone else could run in the reader's
spreadsheet. `tulis_sel` stores such text as a plain string (cell type "s") and sets the cell's
quotePrefix, the flag Excel shows as the leading apostrophe: the text stays text in the file and
after editing. Characters the xlsx format forbids are dropped instead of failing the export.

Numbers are written as numbers (Decimal as it comes from the engine, never through float), with a
number format: Excel and LibreOffice show "#,##0.00" with the reader's locale separators, so an
Indonesian installation shows 1.234.567,89 while the value stays a number one can sum. The decimals are
those every page shows: an engine figure its own (`format_angka`), a stored measured value of an
indicator the indicator's, more when stored with more (`format_terukur`), a target or an input those it
was written with (`format_alami`).

    class EksporCapaian(EksporXlsx):
        def nama_berkas(self): return "capaian-2022.xlsx"
        def buku_kerja(self):
            wb = buku_kerja_baru()
            ws = lembar_baru(wb, "Indikator")
            tulis_tabel(ws, [Kolom("Kode", lambda b: b.kode), Kolom("Capaian (%)", lambda b: b.capaian, FORMAT_PERSEN)], baris)
            return wb

    return respons_unduhan(EksporCapaian())
"""

from __future__ import annotations

import datetime
import io
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from inti.tampilan import Angka, desimal_alami, desimal_indikator

JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JENIS_PDF = "application/pdf"
JENIS_HTML = "text/html; charset=utf-8"
JENIS_TEKS = "text/plain; charset=utf-8"
JENIS_JSON = "application/json"
AWALAN_RUMUS = ("=", "+", "-", "@")
PANJANG_TEKS_MAKS = 32767  # the most characters an xlsx cell holds
FORMAT_RUPIAH = '"Rp "#,##0'
FORMAT_PERSEN = "#,##0.00"
FORMAT_BULAT = "#,##0"
FORMAT_TANGGAL = "dd/mm/yyyy"
FORMAT_WAKTU = "dd/mm/yyyy hh:mm"


def format_desimal(desimal: int) -> str:
    """Number format with `desimal` places: 0 -> "#,##0", 3 -> "#,##0.000"."""
    return FORMAT_BULAT if desimal <= 0 else f"{FORMAT_BULAT}.{'0' * desimal}"


def format_angka(angka: Angka) -> str:
    """The number format an engine figure is displayed with (its own decimals)."""
    return format_desimal(angka.desimal)


def format_terukur(nilai: Decimal | int | None, desimal: int) -> str:
    """The number format of a stored measured value of an indicator with `desimal` declared decimals, as
    every page shows it (`inti.tampilan.desimal_indikator`): 85 at 2 decimals -> "#,##0.00" (85,00),
    0,455 -> "#,##0.000"."""
    return format_desimal(desimal_indikator(nilai, desimal))


def format_alami(nilai: Decimal | int | None) -> str:
    """The number format of a value shown with the decimals it was written with (a target, a formula
    input, a supporting-table value): 0,1 -> "#,##0.0", 3.835.029 -> "#,##0"."""
    return format_desimal(desimal_alami(nilai))


def teks_aman(teks: str) -> str:
    """Text without the characters xlsx cannot hold, cut to the cell limit."""
    return ILLEGAL_CHARACTERS_RE.sub("", teks)[:PANJANG_TEKS_MAKS]


def nilai_sel(nilai: Any) -> Any:
    """What a cell stores for a Python value: an Angka becomes its displayed Decimal (None if missing)."""
    if isinstance(nilai, Angka):
        return nilai.tampil
    if isinstance(nilai, float):
        # Figures of this site are Decimal; a float here would be a bug upstream, not something to store.
        raise TypeError("nilai float tidak diekspor; gunakan Decimal")
    if isinstance(nilai, datetime.datetime):
        # openpyxl cannot store time zones: the reader sees local time, as on the site.
        return timezone.localtime(nilai).replace(tzinfo=None) if timezone.is_aware(nilai) else nilai
    return nilai


def tulis_sel(ws, baris: int, kolom: int, nilai: Any, format_sel: str | None = None):
    """Write one cell safely (text never becomes a formula) and return it."""
    nilai = nilai_sel(nilai)
    sel = ws.cell(row=baris, column=kolom)
    if nilai is not None and not isinstance(
        nilai, str | bool | int | Decimal | datetime.date | datetime.time
    ):
        nilai = str(nilai)
    if isinstance(nilai, str):
        nilai = teks_aman(nilai)
        sel.value = nilai
        # Set after the value: openpyxl marks text starting with "=" as a formula on assignment.
        sel.data_type = "s"
        if nilai.startswith(AWALAN_RUMUS):
            sel.quotePrefix = True
        return sel
    sel.value = nilai
    if format_sel and nilai is not None:
        sel.number_format = format_sel
    elif isinstance(nilai, datetime.datetime):
        sel.number_format = FORMAT_WAKTU
    elif isinstance(nilai, datetime.date):
        sel.number_format = FORMAT_TANGGAL
    return sel


@dataclass(frozen=True)
class Kolom:
    """One exported column: its header, how to read the value from a row, and its number format.

    `format` is a fixed number format or a function of the row (indicators carry their own decimals).
    """

    judul: str
    nilai: Callable[[Any], Any]
    format: str | Callable[[Any], str | None] | None = None
    lebar: int | None = None

    def format_untuk(self, baris: Any) -> str | None:
        return self.format(baris) if callable(self.format) else self.format


def tulis_tabel(ws, kolom: Sequence[Kolom], baris: Iterable[Any], *, baris_awal: int = 1) -> int:
    """Header row (bold, frozen, with a filter) and one row per item; returns the last row written."""
    tebal = Font(bold=True)
    for k, kol in enumerate(kolom, start=1):
        sel = tulis_sel(ws, baris_awal, k, kol.judul)
        sel.font = tebal
        ws.column_dimensions[get_column_letter(k)].width = kol.lebar or max(10, min(len(kol.judul) + 2, 60))
    ws.freeze_panes = ws.cell(row=baris_awal + 1, column=1)
    nomor = baris_awal
    for nomor, item in enumerate(baris, start=baris_awal + 1):
        for k, kol in enumerate(kolom, start=1):
            tulis_sel(ws, nomor, k, kol.nilai(item), kol.format_untuk(item))
    if kolom:
        ws.auto_filter.ref = f"A{baris_awal}:{get_column_letter(len(kolom))}{max(nomor, baris_awal)}"
    return nomor


def buku_kerja_baru() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def lembar_baru(wb: Workbook, judul: str):
    # Sheet names: at most 31 characters, none of []:*?/\ .
    bersih = "".join(c for c in teks_aman(judul) if c not in "[]:*?/\\")[:31] or "Lembar"
    return wb.create_sheet(title=bersih)


def isi_xlsx(wb: Workbook) -> bytes:
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


class Ekspor(ABC):
    """An output of the site: what it is → its file name, its content type and its bytes.

    Subclasses hold what the output is of (an OPD-year, a filtered table, a report with its sign-off)
    and compute the bytes only when asked. `isi()` may be called more than once; an output that is costly
    to build caches its own bytes.
    """

    jenis_konten: ClassVar[str]

    @abstractmethod
    def nama_berkas(self) -> str:
        """The file name a download is saved under."""

    @abstractmethod
    def isi(self) -> bytes:
        """The file's bytes."""


class EksporXlsx(Ekspor):
    """A workbook: subclasses build it in `buku_kerja`; every cell goes through `tulis_sel`."""

    jenis_konten = JENIS_XLSX

    @abstractmethod
    def buku_kerja(self) -> Workbook:
        """The workbook, built from what the output is of."""

    def isi(self) -> bytes:
        return isi_xlsx(self.buku_kerja())


def respons_unduhan(ekspor: Ekspor, *, lampiran: bool = True) -> HttpResponse:
    """A download of any output; `lampiran=False` lets the browser show it (a PDF in its viewer)."""
    response = HttpResponse(ekspor.isi(), content_type=ekspor.jenis_konten)
    cara = "attachment" if lampiran else "inline"
    response["Content-Disposition"] = f'{cara}; filename="{ekspor.nama_berkas()}"'
    return response
