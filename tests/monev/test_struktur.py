"""The monev pages' views read through selectors: no view module holds an ORM query, and the domain rules
they used to hold (which budget lines take a realisasi) are the selectors'."""

import ast
from pathlib import Path

import pytest

from anggaran.models import SubKegiatan
from capaian.engine import hitung_opd_tahun
from capaian.selectors.monev import bisa_diisi

AKAR = Path(__file__).resolve().parent.parent.parent
MODUL_VIEW = ("capaian/views_monev.py", "capaian/views_excel.py", "lkjip/views.py")


def _akses_objects(berkas: str) -> list[int]:
    """Lines of every `<something>.objects` (a model manager: a query) in the module."""
    pohon = ast.parse((AKAR / berkas).read_text(encoding="utf-8"))
    return [n.lineno for n in ast.walk(pohon) if isinstance(n, ast.Attribute) and n.attr == "objects"]


@pytest.mark.parametrize("berkas", MODUL_VIEW)
def test_a_monev_view_module_holds_no_orm_query(berkas):
    assert _akses_objects(berkas) == []


def test_the_check_finds_a_query_where_there_is_one():
    # The selector module does query: the walk above would see it.
    assert _akses_objects("capaian/selectors/monev.py")


@pytest.mark.django_db
def test_budget_realisasi_is_entered_on_sub_kegiatan_and_on_the_penunjang_program_only(opd_disperindag):
    hasil = hitung_opd_tahun(opd_disperindag, 2022, tribulan=4)
    diisi = {(b.level, b.kode) for b in hasil.baris_anggaran() if bisa_diisi(b, hasil)}
    sub = set(
        SubKegiatan.objects.filter(
            kegiatan__program__opd=opd_disperindag, kegiatan__program__tahun=2022
        ).values_list("kode", flat=True)
    )
    # Seed 2022: 18 sub kegiatan carry the budget; the Program Penunjang (3.30.01) has its pagu on the
    # program line and none on the lines under it. No kegiatan line takes a realisasi.
    assert len(sub) == 18
    assert diisi == {("sub_kegiatan", k) for k in sub} | {("program", "3.30.01")}
