"""Display rounding and Indonesian number formats: the one place where a figure is rounded, and `Angka`,
the figure every computation returns (value, display decimals, and the reason when there is none).

Values are kept at full precision everywhere else. Rounding is half-up (what a reader does by hand and
what the seed report does where it rounds at all), to the indicator's own number of decimals, and
percentages to 2 decimals. Indonesian format: "." groups thousands, "," separates decimals:
`1.234.567,89`, `Rp 8.964.583.767`, `94,00%`. A missing figure shows as an en dash.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from inti.periode import format_tanggal

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


def desimal_indikator(nilai: Decimal | int | None, desimal: int) -> int:
    """Decimals a measured value of an indicator that is stored rather than computed (a realisasi typed
    per Tribulan, an earlier year's realisasi, a national standard, the old and new value of a history
    line) is shown with, on every page, template and export: the indicator's declared decimals, as its
    realisasi of the year, so 79,80 keeps its zero and 85 shows as 85,00. A value written with more
    decimals keeps them: a stored digit is never hidden by rounding. A value a capaian is computed from
    (the value used for a Tribulan, the yearly realisasi, a formula's result) shows the indicator's
    decimals, the engine's `Angka`: capaian is computed from it as displayed. Targets are not measured:
    they show the decimals they were set with (`desimal_alami`); capaian 2 decimals."""
    return max(desimal, desimal_alami(nilai))


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


def format_angka_penuh(nilai: Decimal) -> str:
    """Every stored digit, Indonesian separators, no trailing zeros: 0,094 or 3.835.029.

    What an edit field shows, what a conflict message quotes and what a history line prints: never
    rounded, so the user sees exactly what is stored.
    """
    return format_angka(nilai, desimal_alami(nilai))


def format_indikator(nilai: Decimal | int | None, desimal: int) -> str:
    """A stored measured value of an indicator with `desimal` declared decimals, by `desimal_indikator`:
    85 -> "85,00" and 0,455 -> "0,455" at 2 decimals; "–" when None."""
    if nilai is None:
        return KOSONG
    return format_angka(nilai, desimal_indikator(nilai, desimal))


def tampil_nilai_indikator(nilai: Decimal | int | None, desimal: int) -> str:
    """`tampil_nilai` of a stored measured value of an indicator (a history line): `format_indikator`,
    "kosong" for nothing. Never rounded: the indicator's decimals are only a minimum."""
    return "kosong" if nilai is None else format_indikator(nilai, desimal)


@dataclass(frozen=True)
class Angka:
    """A figure: full-precision value, display decimals, and why it is missing when it is.

    `lengkap=False` marks a sum or mean over only part of what it should cover (the lines or
    Tribulan that have data); the value is still shown, with the flag for the reader.
    """

    nilai: Decimal | None
    desimal: int = DESIMAL_PERSEN
    alasan: str | None = None
    lengkap: bool = True

    @classmethod
    def kosong(cls, alasan: str, desimal: int = DESIMAL_PERSEN) -> Angka:
        return cls(None, desimal, alasan, False)

    @property
    def ada(self) -> bool:
        return self.nilai is not None

    @property
    def tampil(self) -> Decimal | None:
        """The value as displayed: rounded half-up to `desimal`."""
        return bulatkan(self.nilai, self.desimal)

    @property
    def teks(self) -> str:
        """Indonesian display: "94,00", "1.234.567", "–" when missing."""
        return format_angka(self.nilai, self.desimal)

    @property
    def persen(self) -> str:
        return format_persen(self.nilai, self.desimal)

    @property
    def rupiah(self) -> str:
        return format_rupiah(self.nilai)

    @property
    def mesin(self) -> str | None:
        """Displayed value with a dot separator ("94.00"), None when missing: for JSON."""
        return format_mesin(self.nilai, self.desimal)

    def __str__(self) -> str:
        return self.teks


def angka_tersimpan(angka: Angka) -> Angka:
    """An engine figure that is a stored measured value (a typed realisasi: the engine gives it the
    indicator's decimals) as the screens show it, by `desimal_indikator`: a digit the user stored is never
    rounded away. A figure a capaian is computed from keeps the engine's decimals."""
    if not angka.ada:
        return angka
    return replace(angka, desimal=desimal_indikator(angka.nilai, angka.desimal))


def tampil_nilai(nilai) -> str:
    """A stored value as a person reads it in a history line or a conflict message.

    Every stored digit of a number (never rounded: the reader must see what is stored), a date the
    Indonesian way, "ya"/"tidak", and "kosong" for nothing. Long text is cut at 200 characters.
    """
    if nilai is None or nilai == "":
        return "kosong"
    if isinstance(nilai, bool):
        return "ya" if nilai else "tidak"
    if isinstance(nilai, Decimal):
        return format_angka_penuh(nilai)
    if isinstance(nilai, datetime.date) and not isinstance(nilai, datetime.datetime):
        return format_tanggal(nilai)
    teks = str(nilai)
    return teks if len(teks) <= 200 else teks[:199] + "…"


def nama_pengguna(user, *, kosong: str = "tidak tercatat") -> str:
    """How a person is named on every page: full name, else the user name; `kosong` when unknown."""
    if user is None:
        return kosong
    return user.get_full_name() or user.get_username()
