"""Reporting periods shared by monev of indicators and of the budget."""

from django.db import models


class Tribulan(models.IntegerChoices):
    I = 1, "Tribulan I"  # noqa: E741 - Roman numerals are the domain's names
    II = 2, "Tribulan II"
    III = 3, "Tribulan III"
    IV = 4, "Tribulan IV"


# Storage precision. Display precision is per indicator (Indikator.desimal) and applied once, at display.
NILAI_DIGITS = {"max_digits": 28, "decimal_places": 8}
UANG_DIGITS = {"max_digits": 20, "decimal_places": 2}
