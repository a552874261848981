"""The "Catatan atas angka" lampiran of the dataset's 2022 report: the checker's corrections and the
documented ones, each with the figure first written, the report's figure and the reason."""

import pytest

from capaian.engine import hitung_opd_tahun
from inti.models import OPD
from lkjip.laporan.catatan import catatan_angka

pytestmark = pytest.mark.django_db


@pytest.fixture
def catatan(db):
    return {
        (c.letak, c.semula): c
        for c in catatan_angka(hitung_opd_tahun(OPD.objects.get(kode="disperindag"), 2022))
    }


def _cari(catatan, semula):
    return next(c for (_, s), c in catatan.items() if s == semula)


def test_typed_realisasi_that_truncates_is_listed_with_the_formula_result(catatan):
    assert _cari(catatan, "4,166").laporan == "4,167"
    assert _cari(catatan, "8,1").laporan == "8,2"
    assert _cari(catatan, "57,25").laporan == "57,26"


def test_pk_budget_of_bab_ii_is_the_dpa_pagu_and_the_report_prints_the_signed_pk(catatan):
    baris = _cari(catatan, "Rp 8.964.583.767")
    assert baris.laporan == "Rp 9.016.697.517"
    # Both figures are pagu of one program: the line names the stage of each.
    assert baris.letak == "Anggaran Perjanjian Kinerja murni, PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    assert baris.alasan == (
        "Laporan memuat anggaran sebagaimana tertulis dalam Perjanjian Kinerja murni yang ditandatangani; "
        "angka semula adalah pagu DPA murni."
    )


def test_documented_corrections_read_the_report_figure_from_the_engine(catatan):
    assert _cari(catatan, "351,51").laporan == "351,61"
    assert _cari(catatan, "8666").laporan == "8.666,60"
    assert _cari(catatan, "139,66").laporan == "141,38"
    assert _cari(catatan, "94").laporan == "0,094"


def test_another_opd_has_no_documented_correction_of_a_printed_report(dunia):
    hasil = hitung_opd_tahun(dunia.opd_c, 2022)
    assert catatan_angka(hasil) == []
