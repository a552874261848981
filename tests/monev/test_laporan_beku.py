"""Once the LKjIP is submitted, the year's monev data is frozen for the operator until it returns to draft."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from anggaran.models import Program
from anggaran.services import realisasi_anggaran_simpan
from capaian.models import RealisasiIndikator
from capaian.services import realisasi_simpan
from lkjip.laporan.services import laporan_ajukan, laporan_kembalikan
from renstra.models import Indikator
from tests.laporan.bantu_lengkap import lengkapi_laporan

pytestmark = pytest.mark.django_db


@pytest.fixture
def rehabilitasi(opd_disperindag):
    # A sub kegiatan indicator without a formula, target 3, no realisasi in the dataset.
    return Indikator.objects.get(opd=opd_disperindag, kode="3.30.03.2.01.0001-1")


def test_submitted_report_freezes_the_operators_writes(operator_user, opd_disperindag, rehabilitasi):
    lengkapi_laporan(user=operator_user, opd=opd_disperindag)
    laporan_ajukan(user=operator_user, opd=opd_disperindag, tahun=2022)
    with pytest.raises(ValidationError) as exc:
        realisasi_simpan(
            user=operator_user, indikator=rehabilitasi, tahun=2022, tribulan=4, nilai=Decimal("2"), versi=None
        )
    assert "LKjIP tahun 2022 sudah diajukan" in exc.value.messages[0]
    assert not RealisasiIndikator.objects.filter(indikator=rehabilitasi).exists()
    penunjang = Program.objects.get(opd=opd_disperindag, tahun=2022, kode="3.30.01")
    with pytest.raises(ValidationError):
        realisasi_anggaran_simpan(
            user=operator_user, mata_anggaran=penunjang, tribulan=4, nilai=Decimal("8776437247"), semula=None
        )


def test_other_years_stay_open_and_the_admin_may_still_correct(
    operator_user, admin_user_demo, opd_disperindag, rehabilitasi
):
    lengkapi_laporan(user=operator_user, opd=opd_disperindag)
    laporan_ajukan(user=operator_user, opd=opd_disperindag, tahun=2022)
    realisasi_simpan(
        user=operator_user, indikator=rehabilitasi, tahun=2023, tribulan=1, nilai=Decimal("1"), versi=None
    )
    realisasi_simpan(
        user=admin_user_demo, indikator=rehabilitasi, tahun=2022, tribulan=4, nilai=Decimal("2"), versi=None
    )
    assert RealisasiIndikator.objects.get(indikator=rehabilitasi, tahun=2022).nilai == Decimal("2")


def test_returning_the_report_to_draft_unfreezes(operator_user, auditor_user, opd_disperindag, rehabilitasi):
    lengkapi_laporan(user=operator_user, opd=opd_disperindag)
    laporan_ajukan(user=operator_user, opd=opd_disperindag, tahun=2022)
    laporan_kembalikan(user=auditor_user, opd=opd_disperindag, tahun=2022, catatan="Lengkapi realisasi.")
    realisasi_simpan(
        user=operator_user, indikator=rehabilitasi, tahun=2022, tribulan=4, nilai=Decimal("3"), versi=None
    )
    assert RealisasiIndikator.objects.get(indikator=rehabilitasi, tahun=2022).nilai == Decimal("3")
