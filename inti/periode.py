"""The calendar every app shares: the years the site accepts, the Tribulan of monev, month names, and the
Indonesian way of writing a date. Storage precision of values and money lives here too."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone

TAHUN_MIN, TAHUN_MAKS = 2000, 2100


class Tribulan(models.IntegerChoices):
    I = 1, "Tribulan I"  # noqa: E741 - Roman numerals are the domain's names
    II = 2, "Tribulan II"
    III = 3, "Tribulan III"
    IV = 4, "Tribulan IV"


TRIBULAN = tuple(Tribulan.values)
NAMA_TRIBULAN = dict(Tribulan.choices)

NAMA_BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
BULAN = list(enumerate(NAMA_BULAN, start=1))  # choices: (1, "Januari"), ...

# Storage precision. Display precision is per indicator (Indikator.desimal) and applied once, at display.
NILAI_DIGITS = {"max_digits": 28, "decimal_places": 8}
UANG_DIGITS = {"max_digits": 20, "decimal_places": 2}


def tahun_sah(tahun) -> bool:
    return not isinstance(tahun, bool) and isinstance(tahun, int) and TAHUN_MIN <= tahun <= TAHUN_MAKS


def format_tanggal(tanggal: datetime.date | None) -> str:
    """15 Januari 2023; "belum ditetapkan" when empty."""
    if tanggal is None:
        return "belum ditetapkan"
    return f"{tanggal.day} {NAMA_BULAN[tanggal.month - 1]} {tanggal.year}"


def format_waktu(waktu: datetime.datetime) -> str:
    """15 Januari 2023 pukul 14.05, in the site's time zone."""
    lokal = timezone.localtime(waktu)
    return f"{format_tanggal(lokal.date())} pukul {lokal:%H.%M}"
