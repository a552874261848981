"""Reads of the plan: indicators fetched with the access check of their OPD."""

from __future__ import annotations

from django.http import Http404

from inti.akses import pastikan_akses_opd
from renstra.models import Indikator


def get_indikator_or_404(user, pk: int, *, tulis: bool = False) -> Indikator:
    """The indicator, with its OPD and Pemda, checked like `inti.akses.get_opd_or_404`."""
    indikator = Indikator.objects.select_related("opd", "opd__pemda").filter(pk=pk).first()
    if indikator is None:
        raise Http404("Indikator tidak ditemukan.")
    pastikan_akses_opd(user, indikator.opd_id, tulis=tulis)
    return indikator
