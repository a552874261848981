"""Old finished jobs are removed with the files they made for themselves; what others own stays."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from inti.models import Pekerjaan
from inti.versi import token_opd

pytestmark = pytest.mark.django_db


def _pekerjaan(dunia, status: str, umur_hari: int, berkas: str = "") -> Pekerjaan:
    return Pekerjaan.objects.create(
        jenis="ekspor_tabel", judul="Ekspor", kunci=f"k-{status}-{umur_hari}-{berkas}", status=status,
        berkas=berkas, dibuat_oleh=dunia.auditor, opd=dunia.opd_a,
        berakhir=timezone.now() - timedelta(days=umur_hari) if status in ("selesai", "gagal") else None,
    )  # fmt: skip


def test_old_finished_jobs_and_their_own_files_are_removed(dunia, capsys):
    sendiri = default_storage.save("pekerjaan/lama/capaian.xlsx", ContentFile(b"xlsx"))
    arsip = default_storage.save("laporan/arsip/disperindag/2022/lkjip.pdf", ContentFile(b"%PDF"))
    lama = _pekerjaan(dunia, "selesai", 40, sendiri)
    lama_arsip = _pekerjaan(dunia, "selesai", 40, arsip)
    gagal = _pekerjaan(dunia, "gagal", 31)
    baru = _pekerjaan(dunia, "selesai", 2)
    berjalan = _pekerjaan(dunia, "berjalan", 0)
    versi = token_opd(dunia.opd_a.pk)

    call_command("hapus_pekerjaan_lama", "--hari", "30")

    assert "3 pekerjaan yang berakhir lebih dari 30 hari lalu dihapus." in capsys.readouterr().out
    sisa = set(Pekerjaan.objects.values_list("pk", flat=True))
    assert sisa == {baru.pk, berjalan.pk} and not {lama.pk, lama_arsip.pk, gagal.pk} & sisa
    assert not default_storage.exists(sendiri) and default_storage.exists(arsip)
    assert token_opd(dunia.opd_a.pk) == versi
