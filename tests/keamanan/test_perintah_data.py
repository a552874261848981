"""Commands that change data refuse a frozen or approved year and record who ran them and why (issue 11,
finding 7: `muat_dataset --timpa` rewrote an approved year with history rows naming no one)."""

import getpass
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from anggaran.models import PaguAnggaran, Program, SubKegiatan
from inti.models import OPD, TahunOPD
from lkjip.laporan.models import Laporan
from perjanjian.models import PerjanjianKinerja

pytestmark = pytest.mark.django_db

ASLI = Decimal("575075753")  # the seed's DPA Perubahan of "Pameran Dagang Nasional"


def _pagu() -> PaguAnggaran:
    sub = SubKegiatan.objects.get(nama="Pameran Dagang Nasional", kegiatan__program__opd__kode="disperindag")
    return PaguAnggaran.objects.get(sub_kegiatan=sub, dokumen="dpa_perubahan")


def _draf_pk():
    """The seed's PKs of 2022 are approved (signed): an open year for these tests has them as drafts."""
    PerjanjianKinerja.objects.filter(opd__kode="disperindag", tahun=2022).update(
        status=PerjanjianKinerja.Status.DRAF
    )


def _ubah_pagu() -> PaguAnggaran:
    _draf_pk()
    pagu = _pagu()
    pagu.nilai = Decimal("1")
    pagu.save()
    return pagu


def _timpa(*args) -> str:
    keluar = io.StringIO()
    call_command("muat_dataset", "--timpa", *args, stdout=keluar)
    return keluar.getvalue()


def test_timpa_refuses_the_seed_year_whose_pk_is_approved():
    pagu = _pagu()
    pagu.nilai = Decimal("1")
    pagu.save()
    with pytest.raises(CommandError, match="Perjanjian Kinerja tahun 2022 sudah disetujui"):
        _timpa("--alasan", "Kembalikan data demo")
    pagu.refresh_from_db()
    assert pagu.nilai == Decimal("1")


def test_timpa_requires_a_reason_and_writes_nothing_without_one():
    pagu = _ubah_pagu()
    with pytest.raises(
        CommandError, match=r"^--timpa menulis ulang data .* sebutkan alasannya dengan --alasan"
    ):
        _timpa()
    pagu.refresh_from_db()
    assert pagu.nilai == Decimal("1")


def _bekukan():
    TahunOPD.objects.update_or_create(
        opd=OPD.objects.get(kode="disperindag"), tahun=2022, defaults={"beku": True}
    )


def _setujui_pk():
    PerjanjianKinerja.objects.filter(opd__kode="disperindag", tahun=2022).update(
        status=PerjanjianKinerja.Status.DISETUJUI
    )


def _setujui_laporan():
    # The dataset holds the year's report (a draft with its narratives): approve it.
    Laporan.objects.update_or_create(
        opd=OPD.objects.get(kode="disperindag"), tahun=2022, defaults={"status": Laporan.Status.DISETUJUI}
    )


@pytest.mark.parametrize(
    "kunci, sebab",
    [
        (_bekukan, "data tahun 2022 dibekukan (LKjIP sudah diajukan)"),
        (_setujui_pk, "Perjanjian Kinerja tahun 2022 sudah disetujui"),
        (_setujui_laporan, "LKjIP tahun 2022 sudah disetujui"),
    ],
)
def test_timpa_refuses_a_frozen_or_approved_year_and_writes_nothing(kunci, sebab):
    pagu = _ubah_pagu()
    kunci()
    riwayat = PaguAnggaran.history.count()
    with pytest.raises(CommandError) as info:
        _timpa("--alasan", "Kembalikan data demo")
    assert f"OPD disperindag: Tahun ini tidak dapat ditulis ulang oleh perintah: {sebab}." in str(info.value)
    assert str(info.value).startswith("Dataset tidak dapat dimuat, tidak ada yang disimpan.")
    pagu.refresh_from_db()
    assert pagu.nilai == Decimal("1")
    assert PaguAnggaran.history.count() == riwayat


def test_timpa_of_an_open_year_records_the_os_user_and_the_reason():
    pagu = _ubah_pagu()
    _timpa("--alasan", "Kembalikan data demo")
    pagu.refresh_from_db()
    terakhir = pagu.history.first()
    assert (pagu.nilai, terakhir.history_user, terakhir.history_change_reason) == (
        ASLI,
        None,
        f"[muat_dataset, pengguna OS {getpass.getuser()}] Kembalikan data demo — Muat dataset pasuruan_2022.json "
        "(timpa)",
    )


def test_timpa_with_an_app_user_records_the_user_and_the_reason():
    pagu = _ubah_pagu()
    _timpa("--oleh", "admin", "--alasan", "Kembalikan data demo")
    terakhir = _pagu().history.first()
    assert (terakhir.history_user.username, terakhir.history_change_reason) == (
        "admin",
        "Kembalikan data demo — Muat dataset pasuruan_2022.json (timpa)",
    )
    assert pagu.pk == terakhir.id


def test_salin_tahun_refuses_a_frozen_target_year():
    opd = OPD.objects.get(kode="disperindag")
    TahunOPD.objects.create(opd=opd, tahun=2023, beku=True)
    with pytest.raises(
        CommandError,
        match=r"^Tidak ada yang disimpan\. Tahun ini tidak dapat ditulis ulang oleh "
        r"perintah: data tahun 2023 dibekukan",
    ):
        call_command(
            "salin_tahun", "disperindag", "2022", "2023", "--alasan", "Awal 2023", stdout=io.StringIO()
        )
    assert not Program.objects.filter(opd=opd, tahun=2023).exists()


def test_salin_tahun_records_the_os_user_in_front_of_the_reason():
    call_command("salin_tahun", "disperindag", "2022", "2023", "--alasan", "Awal 2023", stdout=io.StringIO())
    program = Program.history.filter(opd_id=OPD.objects.get(kode="disperindag").pk, tahun=2023).first()
    assert (program.history_user, program.history_change_reason) == (
        None,
        f"[salin_tahun, pengguna OS {getpass.getuser()}] Awal 2023",
    )
