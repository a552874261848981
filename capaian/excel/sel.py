"""Cells in and out of a workbook: exact numbers, input cells, and the checks an upload passes first.

Numbers. An Excel number is a binary double that Excel itself keeps to 15 significant digits, so:

- out: a Decimal with at most 15 significant digits is written as a number (it comes back exactly);
  a longer one is written as text in the Indonesian format ("12.345.678.901.234.567,5"), which reads
  back exactly and which a spreadsheet cannot truncate on saving;
- in: an Excel number arrives as a Python float. It is converted through `repr` (the shortest text that
  is that float) and rounded half-up to 15 significant digits, Excel's own precision, which removes
  binary noise such as 0.30000000000000004. After that it is held to the same rules as typed text: more
  decimals than the column stores is an error, never a silent rounding of what the user typed. Text is
  read the Indonesian way ("0,094", "1.234.567,89") by `inti.forms.NilaiField`, like the web forms.

Uploads. A file is checked before openpyxl parses it: its size (setting `EXCEL_MAKS_BYTE`, 5 MB by
default), that it is an OOXML spreadsheet package by its content (a zip with `[Content_Types].xml`
declaring a workbook; a PDF renamed .xlsx is refused, so is a macro workbook), and that it unpacks to
no more than a bounded size and number of cells, in all and in one row (`inti.berkas_excel`). Formulas are refused where values are expected: the
workbook is read with `data_only=False`, so a formula cell shows as type "f" whatever it computed.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, VALUE_TAG, WorkSheetParser, _cast_number

from inti.berkas_excel import BerkasExcelDitolak, periksa_xlsx
from inti.ekspor import tulis_sel
from inti.forms import NilaiField
from inti.tampilan import format_angka, format_angka_penuh
from inti.tulis import validasi_desimal

MAKS_BYTE_BAWAAN = 5 * 1024 * 1024
DIGIT_EXCEL = 15
MAKS_BARIS = 200_000

HAPUS = "HAPUS"

ISIAN = PatternFill("solid", fgColor="FFF2CC")  # light yellow: the cells a user fills in
HITUNGAN = PatternFill("solid", fgColor="EDEDED")  # grey: computed or summed elsewhere, not typed here
JUDUL = PatternFill("solid", fgColor="D9E1F2")
TEBAL = Font(bold=True)



class BerkasDitolak(Exception):
    """The uploaded file is refused as a whole; `pesan` says why, in Indonesian."""

    def __init__(self, pesan: str):
        self.pesan = pesan
        super().__init__(pesan)


class AngkaTidakSah(ValueError):
    def __init__(self, pesan: str):
        self.pesan = pesan
        super().__init__(pesan)


# --- numbers --------------------------------------------------------------------------------------


def digit_bermakna(nilai: Decimal) -> int:
    return len(nilai.normalize().as_tuple().digits) if nilai else 1


def angka_keluar(nilai: Decimal | int | None):
    """What a cell stores for an exact number: the number itself, or its text when Excel would lose digits."""
    if nilai is None or isinstance(nilai, int):
        return nilai
    if digit_bermakna(nilai) <= DIGIT_EXCEL:
        return int(nilai) if nilai == nilai.to_integral_value() else nilai.normalize()
    return format_angka_penuh(nilai)


def tulis_angka(ws, baris: int, kolom: int, nilai: Decimal | int | None, format_sel: str | None = None):
    sel = tulis_sel(ws, baris, kolom, angka_keluar(nilai), format_sel)
    if isinstance(sel.value, str):
        sel.alignment = Alignment(horizontal="right")
    return sel


_TAK_TERHINGGA = {True: "NaN", False: "tak hingga"}


def _dari_float(nilai: float) -> Decimal:
    if not math.isfinite(nilai):
        raise AngkaTidakSah(f"bukan angka terhingga (sel berisi {_TAK_TERHINGGA[nilai != nilai]}); isi dengan angka")
    if abs(nilai) >= 10**DIGIT_EXCEL:
        raise AngkaTidakSah(
            f"terlalu banyak digit untuk angka Excel (paling banyak {DIGIT_EXCEL}); "
            "ketik sebagai teks, mis. 1.234.567.890.123.456"
        )
    hasil = Decimal(repr(nilai))
    if hasil:
        hasil = hasil.quantize(Decimal(1).scaleb(hasil.adjusted() - DIGIT_EXCEL + 1), rounding=ROUND_HALF_UP)
    return hasil


def baca_angka(
    nilai, *, max_digits: int, decimal_places: int, boleh_negatif: bool = True, label: str = "Nilai"
) -> Decimal:
    """A cell's value as an exact Decimal that fits the column, or AngkaTidakSah (Indonesian reason)."""
    if isinstance(nilai, bool):
        raise AngkaTidakSah("bukan angka (isi sel berupa benar/salah)")
    if isinstance(nilai, int):
        hasil = Decimal(nilai)
    elif isinstance(nilai, float):
        hasil = _dari_float(nilai)
    elif isinstance(nilai, Decimal):
        hasil = nilai
    elif isinstance(nilai, str):
        try:
            hasil = NilaiField(max_digits=max_digits, decimal_places=decimal_places).clean(nilai)
        except ValidationError as exc:
            if exc.code == "invalid":
                raise AngkaTidakSah(f"bukan angka: “{nilai[:40]}”. {' '.join(exc.messages)}") from None
            raise AngkaTidakSah(" ".join(exc.messages)) from None
        if hasil is None:
            raise AngkaTidakSah("kosong")
    else:
        raise AngkaTidakSah("bukan angka (sel berisi tanggal atau jenis lain)")
    # Trailing zeros carry no value (a float's 0.0940000000000000): dropped before counting decimals.
    hasil = hasil.normalize()
    try:
        return validasi_desimal(
            hasil,
            max_digits=max_digits,
            decimal_places=decimal_places,
            boleh_negatif=boleh_negatif,
            label=label,
        )
    except ValidationError as exc:
        raise AngkaTidakSah(" ".join(exc.messages)) from None


def baca_sistem(nilai) -> Decimal | None:
    """A hidden read-back value ("semula (sistem)": the value a template was made with), exactly; None
    when empty; ValueError when it is not one this site writes.

    Written by `tulis_angka`: a number cell (read back exactly: at most 15 significant digits), or for a
    longer value its Indonesian text ("12.345.678.901.234.567,5"). Templates made before the cells were
    numbers hold a dot-decimal text ("49.63"): that text has no comma and at most one dot, the Indonesian
    one always has a comma or several dots (a whole number that long has five groups), so both are read.
    """
    if nilai is None:
        return None
    if isinstance(nilai, bool):
        raise ValueError(nilai)
    if isinstance(nilai, int):
        hasil = Decimal(nilai)
    elif isinstance(nilai, Decimal):
        hasil = nilai
    elif isinstance(nilai, float):
        if not math.isfinite(nilai):
            raise ValueError(nilai)
        hasil = _dari_float(nilai) if abs(nilai) < 10**DIGIT_EXCEL else Decimal(repr(nilai))
    elif isinstance(nilai, str):
        teks = nilai.strip()
        if not teks:
            return None
        try:
            if "," in teks or teks.count(".") > 1:
                hasil = NilaiField(max_digits=40, decimal_places=20).to_python(teks)
            else:
                hasil = Decimal(teks)
        except (ValidationError, InvalidOperation):
            raise ValueError(teks) from None
    else:
        raise ValueError(nilai)
    if hasil is None or not hasil.is_finite():
        raise ValueError(nilai)
    # Trailing zeros carry no value (a float's 0.0940000000000000), as in `baca_angka`.
    return hasil.normalize()


def teks_sel(nilai) -> str:
    """A text cell's content, trimmed; numbers typed into a text column become their plain text."""
    if nilai is None:
        return ""
    if isinstance(nilai, float):
        nilai = _dari_float(nilai)
    if isinstance(nilai, Decimal):
        return format(nilai.normalize(), "f")
    return str(nilai).strip()


def kosong(nilai) -> bool:
    return nilai is None or (isinstance(nilai, str) and not nilai.strip())


def adalah_hapus(nilai) -> bool:
    return isinstance(nilai, str) and nilai.strip().upper() == HAPUS


# --- cell styles ------------------------------------------------------------------------------------


def tandai_isian(sel) -> None:
    """An input cell: unlocked under sheet protection and filled yellow."""
    sel.protection = Protection(locked=False)
    sel.fill = ISIAN


def tandai_hitungan(sel) -> None:
    sel.fill = HITUNGAN


def tulis_judul(ws, judul: list[str], lebar: list[int]) -> None:
    for k, (teks, w) in enumerate(zip(judul, lebar, strict=True), start=1):
        sel = tulis_sel(ws, 1, k, teks)
        sel.font = TEBAL
        sel.fill = JUDUL
        ws.column_dimensions[get_column_letter(k)].width = w
    ws.freeze_panes = "A2"


def lindungi(ws) -> None:
    """Sheet protection on, without a password: a guide for the user, the server checks everything anyway.

    Column widths and row heights stay adjustable, so a user can read long names.
    """
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def sembunyikan_kolom(ws, nomor_kolom: list[int]) -> None:
    for k in nomor_kolom:
        ws.column_dimensions[get_column_letter(k)].hidden = True


# --- uploads ----------------------------------------------------------------------------------------


def maks_byte() -> int:
    return int(getattr(settings, "EXCEL_MAKS_BYTE", MAKS_BYTE_BAWAAN))


def angka_mb(n: int) -> str:
    """A size in MB with one decimal, Indonesian style: 5242880 -> "5,0"."""
    return format_angka(Decimal(n) / (1024 * 1024), 1)


def _mb(n: int) -> str:
    return f"{angka_mb(n)} MB"


def periksa_berkas(data: bytes, *, maks: int | None = None) -> None:
    """Refuse (BerkasDitolak) a file that is too large, is not an xlsx workbook by its content, or holds
    more than a bounded reader may parse (`inti.berkas_excel`)."""
    try:
        periksa_xlsx(data, maks=maks_byte() if maks is None else maks)
    except BerkasExcelDitolak as exc:
        raise BerkasDitolak(exc.pesan) from None


def buka_buku_kerja(data: bytes, *, maks: int | None = None):
    """Check the file, then open it read-only with formulas kept as formulas."""
    periksa_berkas(data, maks=maks)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of error on a damaged package
        raise BerkasDitolak("Berkas .xlsx rusak atau tidak dapat dibaca. Simpan ulang dari Excel.") from None


class Sel(NamedTuple):
    nilai: object
    rumus: bool
    kolom: int  # 1-based column number


@dataclass(frozen=True, slots=True)
class BarisExcel:
    nomor: int
    sel: dict[str, Sel]  # by header

    def __getitem__(self, judul: str) -> object:
        sel = self.sel.get(judul)
        return None if sel is None else sel.nilai

    def kosong(self, judul_list) -> bool:
        return all(kosong(self[j]) for j in judul_list)


@dataclass(frozen=True)
class IsiLembar:
    judul: str
    kolom: dict[str, int]  # header -> column number
    baris: list[BarisExcel]

    def nama_kolom(self, judul: str) -> str:
        """How a message names a column: "G (Realisasi TW IV)"."""
        nomor = self.kolom.get(judul)
        return f"{get_column_letter(nomor)} ({judul})" if nomor else judul


def baca_lembar(ws, *, maks_kolom: int = 40, nilai: Iterable[str] | None = None) -> IsiLembar:
    """Header row 1, then the rows below it, keyed by header; rows with no value at all are skipped.

    `nilai`: the headers whose values the caller reads (None: every header). A cell under another
    header is not decoded, only looked at for a formula, so a row holds it only when it is one (a
    formula is refused anywhere under a header); a row holding nothing else is then skipped.
    """
    try:
        return _baca_lembar(ws, maks_kolom, None if nilai is None else set(nilai))
    except BerkasDitolak:
        raise
    except Exception:  # the sheet's XML is only parsed here, and a damaged one fails in many ways
        raise BerkasDitolak(
            f"Lembar “{ws.title}” rusak atau tidak dapat dibaca. Simpan ulang dari Excel."
        ) from None


def baca_pasangan(ws, *, maks_baris: int = 50) -> dict[str, str]:
    """A two-column key/value sheet (Metadata, Info) as a dict of texts."""
    hasil = {}
    try:
        for baris in ws.iter_rows(max_col=2, max_row=maks_baris, values_only=True):
            if baris and baris[0] is not None:
                hasil[teks_sel(baris[0])] = teks_sel(baris[1] if len(baris) > 1 else None)
    except Exception:  # see baca_lembar
        raise BerkasDitolak(f"Lembar “{ws.title}” rusak atau tidak dapat dibaca.") from None
    return hasil


def _baca_lembar(ws, maks_kolom: int, nilai: set[str] | None) -> IsiLembar:
    if not hasattr(ws, "_get_source"):  # a workbook opened for editing, not as an upload is
        return _baca_lembar_terbuka(ws, maks_kolom)
    kolom: dict[str, int] = {}
    urutan: list[tuple[int, str]] | None = None  # (column, header) once row 1 is read
    baris: list[BarisExcel] = []
    with ws._get_source() as sumber:
        pengurai = _PenguraiLembar(sumber, ws, maks_kolom)
        berikut = 1
        for nomor, sel_baris in pengurai.parse():
            if nomor < berikut:
                continue  # a row out of order or repeated: openpyxl skips it too
            berikut = nomor + 1
            if nomor > MAKS_BARIS:
                raise BerkasDitolak(
                    f"Lembar “{ws.title}” berisi lebih dari {MAKS_BARIS:,} baris.".replace(",", ".")
                )
            if urutan is None:
                if nomor == 1:
                    for k, (isi_sel, _) in sorted(sel_baris.items()):
                        judul = teks_sel(isi_sel)
                        if judul and judul not in kolom:
                            kolom[judul] = k
                # From here on only the columns with a header are read.
                urutan = [(k, j) for j, k in kolom.items()]
                pengurai.kolom = set(kolom.values())
                pengurai.kolom_nilai = {k for j, k in kolom.items() if nilai is None or j in nilai}
                if nomor == 1:
                    continue
            isi = {}
            for k, judul in urutan:
                ada = sel_baris.get(k)
                if ada is None:
                    continue
                isi_sel, rumus = ada
                if isinstance(isi_sel, str) and not isi_sel.strip():
                    isi_sel = None
                if isi_sel is not None or rumus:
                    isi[judul] = Sel(isi_sel, rumus, k)
            if isi:
                baris.append(BarisExcel(nomor, isi))
    return IsiLembar(ws.title, kolom, baris)


class _PenguraiLembar(WorkSheetParser):
    """openpyxl's own sheet parser, decoding only the cells a reader asks for.

    openpyxl turns every cell of a row into a value (an inline string through a rich-text object);
    here a cell beyond `maks_kolom` or outside `kolom` is skipped, and one outside `kolom_nilai` is only
    looked at for a formula (`None`: every column). A plain string or number is decoded here the way
    `parse_cell` decodes it; every other cell (formula, date, boolean, error...) goes through
    `parse_cell` itself. tests/excel/test_baca_lembar.py holds the result to openpyxl's own rows.
    """

    def __init__(self, sumber, ws, maks_kolom: int):
        wb = ws.parent
        super().__init__(
            sumber,
            ws._shared_strings,
            data_only=wb.data_only,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        self.maks_kolom = maks_kolom
        self.kolom: set[int] | None = None
        self.kolom_nilai: set[int] | None = None

    def parse_row(self, row):
        """(row number, {column: (value, is a formula)}); the row number as openpyxl counts it."""
        nomor = row.get("r")
        if nomor is not None:
            try:
                self.row_counter = int(nomor)
            except ValueError:
                angka = float(nomor)
                if not angka.is_integer():
                    raise ValueError(f"{nomor} is not a valid row number") from None
                self.row_counter = int(angka)
        else:
            self.row_counter += 1
        self.col_counter = 0
        kolom, kolom_nilai, maks = self.kolom, self.kolom_nilai, self.maks_kolom
        sel = {}
        for el in row:
            koordinat = el.get("r")
            k = _nomor_kolom(koordinat) if koordinat else self.col_counter + 1
            if k > maks or (kolom is not None and k not in kolom):
                self.col_counter = k
            elif kolom_nilai is None or k in kolom_nilai:
                sel[k] = self._nilai(el, k)
            else:
                self.col_counter = k
                if not self.data_only and el.find(FORMULA_TAG) is not None:
                    sel[k] = (None, True)
        return self.row_counter, sel

    def _nilai(self, el, k: int) -> tuple[object, bool]:
        """(value, is a formula) of a cell: the plain cases here, exactly as `parse_cell` reads them (a
        shared or inline string, a number without a date format); anything else through `parse_cell`."""
        jenis = el.get("t", "n")
        if jenis in _JENIS_CEPAT and (self.data_only or el.find(FORMULA_TAG) is None):
            if jenis == "inlineStr":
                anak = el.find(INLINE_STRING)
                self.col_counter = k
                return (None if anak is None else _teks_inline(anak)), False
            gaya = el.get("s")
            if jenis == "s" or (int(gaya) if gaya else 0) not in self.date_formats:
                self.col_counter = k
                mentah = el.findtext(VALUE_TAG) or None
                if mentah is None:
                    return None, False
                if jenis == "s":
                    return self.shared_strings[int(mentah)], False
                try:
                    return _cast_number(mentah), False
                except ValueError:
                    # "NaN", "inf" or other text stored as a number: handed on as text, so the reader
                    # refuses this cell by its reference ("bukan angka") instead of the whole sheet.
                    return mentah, False
        isi = self.parse_cell(el)  # moves col_counter itself
        return isi["value"], isi["data_type"] == "f"


_JENIS_CEPAT = ("n", "s", "inlineStr")


def _teks_inline(el) -> str:
    """The text of an inline string (`<is>`), as openpyxl's `Text.content`: the plain part, then the
    rich-text runs; phonetic runs left out."""
    polos = None
    runs = []
    for anak in el:
        tag = anak.tag.rpartition("}")[2]
        if tag == "t":
            polos = anak.text
        elif tag == "r":
            teks = None
            for bagian in anak:
                if bagian.tag.rpartition("}")[2] == "t":
                    teks = bagian.text
            if teks is not None:
                runs.append(teks)
    return "".join(([polos] if polos is not None else []) + runs)


_KOLOM: dict[str, int] = {}


def _nomor_kolom(koordinat: str) -> int:
    """The column number of a cell reference ("G12" -> 7)."""
    huruf = koordinat.rstrip("0123456789")
    nomor = _KOLOM.get(huruf)
    if nomor is None:
        nomor = _KOLOM.setdefault(huruf, column_index_from_string(huruf))
    return nomor


def _baca_lembar_terbuka(ws, maks_kolom: int) -> IsiLembar:
    """`baca_lembar` over a worksheet of a workbook opened for editing (every value read)."""
    kolom: dict[str, int] = {}
    baris: list[BarisExcel] = []
    for nomor, sel_baris in enumerate(ws.iter_rows(max_col=maks_kolom), start=1):
        if nomor > MAKS_BARIS:
            raise BerkasDitolak(
                f"Lembar “{ws.title}” berisi lebih dari {MAKS_BARIS:,} baris.".replace(",", ".")
            )
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
