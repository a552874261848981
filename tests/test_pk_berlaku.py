"""Which PK the engine measures against: a draft amendment is not in force until it is approved."""

from decimal import Decimal

import pytest

from capaian.engine import hitung_opd_tahun
from perjanjian.models import BarisPK, PerjanjianKinerja

pytestmark = pytest.mark.django_db


def _capaian(opd, kode: str):
    hasil = hitung_opd_tahun(opd, 2022)
    h = next(h for h in hasil.indikator if h.indikator.kode == kode)
    return hasil, h


def test_a_draft_amendment_changes_no_figure_until_approved(opd_disperindag):
    hasil, h = _capaian(opd_disperindag, "S2.1-1")
    berlaku = hasil.pk_terakhir
    assert (berlaku.revisi, h.capaian.teks) == (1, "94,00")
    draf = PerjanjianKinerja.objects.create(
        opd=opd_disperindag, tahun=2022, revisi=2, menggantikan=berlaku, status="draf",
        pihak_pertama_nama="A", pihak_pertama_jabatan="Kepala", pihak_kedua_nama="B", pihak_kedua_jabatan="Wali Kota",
    )  # fmt: skip
    for b in BarisPK.objects.filter(pk_dokumen=berlaku):
        BarisPK.objects.create(
            pk_dokumen=draf, urutan=b.urutan, sasaran=b.sasaran, sasaran_uraian=b.sasaran_uraian,
            indikator=b.indikator, target=Decimal("0.2") if b.indikator.kode == "S2.1-1" else b.target,
        )  # fmt: skip
    hasil, h = _capaian(opd_disperindag, "S2.1-1")
    assert (hasil.pk_terakhir.revisi, h.capaian.teks) == (1, "94,00")
    draf.status = "disetujui"
    draf.save()
    hasil, h = _capaian(opd_disperindag, "S2.1-1")
    assert (hasil.pk_terakhir.revisi, h.capaian.teks) == (2, "47,00")


def test_a_year_with_only_drafts_is_computed_on_them(opd_disperindag):
    PerjanjianKinerja.objects.filter(opd=opd_disperindag, tahun=2022).update(status="draf")
    hasil, h = _capaian(opd_disperindag, "S2.1-1")
    assert (hasil.pk_terakhir.revisi, h.capaian.teks) == (1, "94,00")
