"""Display rounding and Indonesian number formats: the one place where a figure is rounded.

Values are kept at full precision everywhere else. Rounding is half-up (what a reader does by hand and
what the seed report does where it rounds at all), to the indicator's own number of decimals, and
percentages to 2 decimals. Indonesian format: "." groups thousands, "," separates decimals:
`1.234.567,89`, `Rp 8.964.583.767`, `94,00%`. A missing figure shows as an en dash.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

KOSONG = "–"
DESIMAL_PERSEN = 2
DESIMAL_RUPIAH = 0


def bulatkan(nilai: Decimal | int | None, desimal: int) -> Decimal | None:
    """Round half-up to `desimal` places; None stays None. Idempotent."""
    if nilai is None:
        return None
    if not isinstance(nilai, Decimal):
        nilai = Decimal(nilai)
    if not nilai.is_finite():
        return None
    return nilai.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)


def desimal_alami(nilai: Decimal | int | None) -> int:
    """Decimals a value needs as written: 0,10000000 -> 1, 33,33 -> 2, 1.865 -> 0."""
    if nilai is None:
        return 0
    nilai = Decimal(nilai)
    if not nilai.is_finite() or nilai == 0:
        return 0
    return max(0, -nilai.normalize().as_tuple().exponent)


def _kelompok_ribuan(digit: str) -> str:
    bagian = []
    while len(digit) > 3:
        bagian.append(digit[-3:])
        digit = digit[:-3]
    bagian.append(digit)
    return ".".join(reversed(bagian))


def format_angka(nilai: Decimal | int | None, desimal: int = 0) -> str:
    """`1234567.891`, 2 -> "1.234.567,89"; None -> "–"."""
    dibulatkan = bulatkan(nilai, desimal)
    if dibulatkan is None:
        return KOSONG
    teks = format(abs(dibulatkan), "f")
    bulat, _, pecahan = teks.partition(".")
    hasil = _kelompok_ribuan(bulat)
    if desimal > 0:
        hasil += "," + pecahan
    # -0,00 after rounding reads as a sign error; show it as 0,00.
    if dibulatkan < 0:
        hasil = "-" + hasil
    return hasil


def format_persen(nilai: Decimal | int | None, desimal: int = DESIMAL_PERSEN) -> str:
    """`94`, 2 -> "94,00%"; None -> "–"."""
    teks = format_angka(nilai, desimal)
    return teks if teks == KOSONG else f"{teks}%"


def format_rupiah(nilai: Decimal | int | None) -> str:
    """`8964583767` -> "Rp 8.964.583.767"; None -> "–"."""
    teks = format_angka(nilai, DESIMAL_RUPIAH)
    return teks if teks == KOSONG else f"Rp {teks}"


def format_mesin(nilai: Decimal | int | None, desimal: int) -> str | None:
    """The displayed value with a dot separator and no grouping, for JSON and CSV: "94.00"."""
    dibulatkan = bulatkan(nilai, desimal)
    if dibulatkan is None:
        return None
    if dibulatkan == 0:
        dibulatkan = abs(dibulatkan)
    return format(dibulatkan, "f")
