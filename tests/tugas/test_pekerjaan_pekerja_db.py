"""A job through the real queue: the database backend stores the task, a `db_worker` takes and runs it."""

import io
import signal

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from tests.tugas.bantu_tugas import halaman_pekerjaan, isi, pekerjaan_dari, unduh_hasil

pytestmark = pytest.mark.django_db(transaction=True)


def _db_worker() -> str:
    # The worker installs its own SIGINT/SIGTERM handlers for a graceful stop; the test process keeps its own.
    semula = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    keluaran = io.StringIO()
    try:
        call_command(
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0",
            "--max-tasks",
            "1",
            stdout=keluaran,
        )
    finally:
        for s, penangan in semula.items():
            signal.signal(s, penangan)
    return keluaran.getvalue()


def test_an_export_is_queued_in_the_database_and_run_by_a_db_worker(client_for, dunia, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    klien = client_for(dunia.auditor)
    response = klien.get("/capaian/indikator/xlsx/", {"tahun": 2022})
    job = pekerjaan_dari(response)
    tugas = DBTaskResult.objects.get(id=job.id_tugas)
    assert (job.status, tugas.status, tugas.task_path) == ("antri", "READY", "capaian.tugas.ekspor_tabel")
    assert "Menunggu giliran di antrean pekerjaan." in halaman_pekerjaan(klien, response)

    _db_worker()

    job.refresh_from_db()
    tugas.refresh_from_db()
    assert (job.status, job.kemajuan, tugas.status) == ("selesai", 100, "SUCCESSFUL")
    assert job.dimulai is not None and job.berakhir >= job.dimulai
    wb = load_workbook(io.BytesIO(isi(unduh_hasil(klien, response))))
    assert len(list(wb["Capaian indikator"].iter_rows(min_row=2))) == 53
