"""Template filters that show engine figures the Indonesian way. Templates format; they never compute.

{% load angka %}
{{ hasil.capaian|angka }}          94,00      (an Angka knows its decimals; "–" when missing)
{{ hasil.capaian|persen }}         94,00%
{{ baris.pagu|rupiah }}            Rp 15.920.223.771
{{ nilai|angka:3 }}                0,094      (a plain Decimal with explicit decimals)
{{ hasil.capaian|alasan }}         why a figure is missing, "" when it is not
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

from inti.tampilan import (
    DESIMAL_PERSEN,
    KOSONG,
    Angka,
    desimal_alami,
    format_angka,
    format_persen,
    format_rupiah,
)

register = template.Library()


def _nilai(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Angka):
        return value.nilai
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # Engine figures are never float; a stray float is shown by its shortest repr, not its binary value.
        return Decimal(repr(value))
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _desimal(value, desimal, bawaan: int) -> int:
    if desimal not in (None, ""):
        return int(desimal)
    if isinstance(value, Angka):
        return value.desimal
    return bawaan


@register.filter
def angka(value, desimal=None) -> str:
    nilai = _nilai(value)
    if nilai is None:
        return KOSONG
    return format_angka(nilai, _desimal(value, desimal, desimal_alami(nilai)))


@register.filter
def persen(value, desimal=None) -> str:
    return format_persen(_nilai(value), _desimal(value, desimal, DESIMAL_PERSEN))


@register.filter
def rupiah(value) -> str:
    return format_rupiah(_nilai(value))


@register.filter
def alasan(value) -> str:
    return (value.alasan or "") if isinstance(value, Angka) and not value.ada else ""
