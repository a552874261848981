"""Writes of the Renstra and the indicator definitions, through the shared write helpers (`inti.tulis`).

`definisi_bekukan` fixes the definitions of a year's indicators when that year's PK is approved
(`perjanjian.services` calls it in the approval's transaction).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from inti.tulis import simpan
from renstra.models import FIELD_DEFINISI, DefinisiIndikatorTahun, Indikator


def definisi_bekukan(*, user, tahun: int, indikator: Iterable[Indikator], alasan: str) -> int:
    """Record the current definition of each indicator for `tahun`, unless that year already has one.

    Idempotent: an indicator whose definition of that year is already fixed keeps it. Returns how many
    definitions were fixed now.
    """
    daftar = list(indikator)
    with transaction.atomic():
        sudah = set(
            DefinisiIndikatorTahun.objects.filter(indikator__in=daftar, tahun=tahun).values_list(
                "indikator_id", flat=True
            )
        )
        baru = 0
        for ind in daftar:
            if ind.pk in sudah:
                continue
            definisi = DefinisiIndikatorTahun(
                indikator=ind,
                tahun=tahun,
                variabel=[
                    {"nama": v.nama, "label": v.label, "satuan": v.satuan}
                    for v in ind.variabel_set.order_by("urutan", "nama")
                ],
                **{f: getattr(ind, f) for f in FIELD_DEFINISI},
            )
            simpan(definisi, user, alasan)
            baru += 1
    return baru
