"""Background work that users start and watch: one `Pekerjaan` row per job, one task per job.

A view that would make the user wait (a PDF render, a big upload, a Pemda-wide export) calls `mulai`
and redirects to the job's page, which polls until the job ends. The work itself is a task written
against Django's Tasks API (`django_tasks.task`), queued on the backend of `settings.TASKS`: in
production the database backend, whose `manage.py db_worker` processes (any number, on any machine
sharing the database) take the jobs in turn; in the tests the immediate backend.

- `mulai` starts a job, or joins the one still queued or running for the same key (`kunci_gabung`: the
  same kind of work on the same OPD-year and the same data). The database keeps one active job per key,
  so two requests at the same instant still share one job.
- The task does its work through `jalankan(pekerjaan_id, kerja)`, which marks the job running, reports
  progress, and ends it: finished with its result (a file, a link, a summary), or failed with a message
  in Indonesian (the refusal of a service as it was worded, or a general one; the exception is logged).
- `pekerjaan_get_or_404` shows a job to the user who started it and to the readers of its OPD only; it
  also notices a job whose worker died (no news for `PEKERJAAN_BATAS_DIAM` seconds, or a task the
  backend reports ended) and marks it failed, so that it can be started again.

A job's state changes by conditional updates (`QuerySet.update` filtered on the state it leaves), so the
task ending a job and a page noticing a stalled one never overwrite each other.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist

from inti.akses import peran_pengguna
from inti.models import Pekerjaan

log = logging.getLogger("inti.pekerjaan")
T = TypeVar("T")

Status = Pekerjaan.Status
AKTIF = Pekerjaan.AKTIF
FOLDER = "pekerjaan"

PESAN_TERHENTI = (
    "Pekerjaan terhenti tanpa kabar (pekerja tugas mungkin dimatikan). Silakan mulai lagi; "
    "bila terulang, hubungi admin."
)
PESAN_TUGAS_HILANG = "Pekerjaan berhenti sebelum selesai. Silakan mulai lagi; bila terulang, hubungi admin."
PESAN_ANTRE_GAGAL = (
    "Pekerjaan tidak dapat dimasukkan ke antrean. Silakan coba lagi; bila terulang, hubungi admin."
)
# A job queued this long without a task id never reached the queue (the request died in between).
BATAS_TANPA_TUGAS = timedelta(minutes=5)


def kunci_gabung(jenis: str, *bagian) -> str:
    """The join key of a piece of work: its kind and whatever makes it the same work (OPD, year, data
    version, user, file...), as one short hash."""
    teks = "\x1f".join([jenis, *(str(b) for b in bagian)])
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()


def kunci_unik() -> str:
    """A key part that joins nothing: for work whose data version is unknown."""
    return uuid4().hex


def _batas_diam() -> timedelta:
    return timedelta(seconds=settings.PEKERJAAN_BATAS_DIAM)


# --------------------------------------------------------------------------------------------
# Starting or joining
# --------------------------------------------------------------------------------------------


def mulai(
    *,
    tugas,
    jenis: str,
    judul: str,
    kunci: str,
    user,
    argumen: dict,
    opd=None,
    pemda=None,
    tautan: str = "",
    masukan: bytes | None = None,
    nama_masukan: str = "masukan",
) -> Pekerjaan:
    """The active job with this key, or a new one queued for `tugas`.

    The task is called as `tugas.enqueue(pekerjaan_id=<id>, **argumen)`; `argumen` must be JSON values.
    `masukan` (an uploaded file) is stored under MEDIA_ROOT for the task to read; the task removes it
    when it ends. A queue that refuses the task gives a failed job with its message, not an error page.
    """
    aktif = _aktif(kunci)
    if aktif is not None:
        return aktif
    baru = Pekerjaan(
        jenis=jenis, judul=judul[:300], kunci=kunci, dibuat_oleh=user, opd=opd, pemda=pemda, tautan=tautan
    )
    try:
        with transaction.atomic():
            Pekerjaan.objects.bulk_create([baru])
    except IntegrityError:
        # Another request created the same job between our look and our insert: join it.
        aktif = _aktif(kunci)
        if aktif is None:
            raise
        return aktif
    if masukan is not None:
        nama = default_storage.save(_lokasi(baru.pk, nama_masukan), ContentFile(masukan))
        Pekerjaan.objects.filter(pk=baru.pk).update(masukan=nama)
    try:
        hasil = tugas.enqueue(pekerjaan_id=str(baru.pk), **argumen)
    except Exception:
        log.exception("Pekerjaan %s (%s) tidak dapat dimasukkan ke antrean", baru.pk, jenis)
        akhiri_gagal(baru.pk, PESAN_ANTRE_GAGAL)
    else:
        # Only the id: with a backend that runs the task at once, the job has already ended here.
        Pekerjaan.objects.filter(pk=baru.pk).update(id_tugas=str(hasil.id)[:64])
    return Pekerjaan.objects.select_related("opd").get(pk=baru.pk)


def _lokasi(pk, nama: str) -> str:
    """A file of the job under MEDIA_ROOT (which the site never serves directly)."""
    return default_storage.generate_filename(f"{FOLDER}/{pk}/{nama}")


def _aktif(kunci: str) -> Pekerjaan | None:
    pekerjaan = Pekerjaan.objects.select_related("opd").filter(kunci=kunci, status__in=AKTIF).first()
    if pekerjaan is None:
        return None
    pekerjaan = segarkan(pekerjaan)
    return pekerjaan if pekerjaan.aktif else None


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def boleh_lihat(user, pekerjaan: Pekerjaan) -> bool:
    """The user who started the job, and the readers of the OPD it concerns."""
    if user is None or not user.is_authenticated:
        return False
    if pekerjaan.dibuat_oleh_id == user.pk:
        return True
    return pekerjaan.opd_id is not None and peran_pengguna(user).boleh_baca(pekerjaan.opd_id)


def pekerjaan_get_or_404(user, pk) -> Pekerjaan:
    """The job, if the user may see it (404 otherwise, whether or not it exists), brought up to date."""
    pekerjaan = Pekerjaan.objects.select_related("opd", "dibuat_oleh").filter(pk=pk).first()
    if pekerjaan is None or not boleh_lihat(user, pekerjaan):
        raise Http404("Pekerjaan tidak ditemukan.")
    return segarkan(pekerjaan)


def segarkan(pekerjaan: Pekerjaan) -> Pekerjaan:
    """The job, marked failed when it is still active but its work can no longer end it: a running job
    without news for too long, a task the backend reports finished, a task that never reached the queue."""
    if not pekerjaan.aktif:
        return pekerjaan
    sekarang = timezone.now()
    pesan = None
    if pekerjaan.status == Status.BERJALAN and pekerjaan.diperbarui < sekarang - _batas_diam():
        pesan = PESAN_TERHENTI
    elif not pekerjaan.id_tugas:
        if pekerjaan.dibuat < sekarang - BATAS_TANPA_TUGAS:
            pesan = PESAN_ANTRE_GAGAL
    elif _tugas_berakhir(pekerjaan.id_tugas):
        pesan = PESAN_TUGAS_HILANG
    if pesan is None:
        return pekerjaan
    # Conditional: if the task ended the job meanwhile, its own ending stands.
    if Pekerjaan.objects.filter(pk=pekerjaan.pk, status__in=AKTIF).update(
        status=Status.GAGAL, pesan=pesan, berakhir=sekarang, diperbarui=sekarang
    ):
        log.warning("Pekerjaan %s (%s) ditandai gagal: %s", pekerjaan.pk, pekerjaan.jenis, pesan)
    return Pekerjaan.objects.select_related("opd", "dibuat_oleh").get(pk=pekerjaan.pk)


def _tugas_berakhir(id_tugas: str) -> bool:
    """Whether the backend knows the task and reports it ended (or has lost it). False when the backend
    keeps no results it could be asked about."""
    from django_tasks import default_task_backend

    if not default_task_backend.supports_get_result:
        return False
    try:
        hasil = default_task_backend.get_result(id_tugas)
    except TaskResultDoesNotExist:
        return True
    return hasil.status in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)


# --------------------------------------------------------------------------------------------
# Inside the task
# --------------------------------------------------------------------------------------------


class Jalan:
    """The job as its task sees it: progress, the result, the uploaded input. With no job (a task queued
    directly, e.g. by a benchmark) every report is a no-op."""

    def __init__(self, pk: str | None):
        self.pk = pk
        self.berakhir = False

    def _ubah(self, **isi) -> int:
        if self.pk is None:
            return 0
        isi["diperbarui"] = timezone.now()
        return Pekerjaan.objects.filter(pk=self.pk, status=Status.BERJALAN).update(**isi)

    def kemajuan(self, persen: int, pesan: str = "") -> None:
        self._ubah(kemajuan=max(0, min(100, persen)), pesan=pesan)

    def baca_masukan(self) -> bytes:
        nama = Pekerjaan.objects.filter(pk=self.pk).values_list("masukan", flat=True).first()
        if not nama:
            raise ValidationError("Berkas unggahan tidak ditemukan lagi. Silakan unggah ulang.")
        with default_storage.open(nama, "rb") as berkas:
            return berkas.read()

    def simpan_berkas(self, nama_berkas: str, isi: bytes) -> str:
        """Store a result file under the job's folder; its storage name."""
        return default_storage.save(_lokasi(self.pk, nama_berkas), ContentFile(isi))

    def selesai(
        self,
        *,
        pesan: str = "Selesai.",
        berkas: str = "",
        nama_berkas: str = "",
        jenis_konten: str = "",
        tautan: str | None = None,
        hasil: dict | None = None,
    ) -> None:
        """The job ends with its result: `berkas`, a storage name under MEDIA_ROOT (the job's own file, a
        stored render, an archive) downloaded as `nama_berkas`; and/or a summary the page shows (`hasil`)."""
        isi = {
            "status": Status.SELESAI,
            "kemajuan": 100,
            "pesan": pesan,
            "berkas": berkas,
            "nama_berkas": nama_berkas,
            "jenis_konten": jenis_konten,
            "hasil": hasil or {},
            "berakhir": timezone.now(),
        }
        if tautan is not None:
            isi["tautan"] = tautan
        self._ubah(**isi)
        self.berakhir = True


def akhiri_gagal(pk, pesan: str) -> None:
    sekarang = timezone.now()
    Pekerjaan.objects.filter(pk=pk, status__in=AKTIF).update(
        status=Status.GAGAL, pesan=pesan, berakhir=sekarang, diperbarui=sekarang
    )


def pesan_galat(exc: BaseException, pesan_umum: str) -> str:
    """What a failed job tells the user: a service's refusal as it was worded, else `pesan_umum`."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, PermissionDenied):
        return str(exc) or "Anda tidak berhak melakukan ini."
    if isinstance(exc, Http404):
        return "Data tidak ditemukan, atau Anda tidak lagi berhak membacanya."
    return pesan_umum


def jalankan(pekerjaan_id: str | None, kerja: Callable[[Jalan], T], *, pesan_gagal: str) -> T | None:
    """Do a task's work, `kerja(jalan)`, as the job `pekerjaan_id` (None: no job to report to); what
    `kerja` returns.

    The job is marked running; if it is no longer queued (marked failed meanwhile, or already run) the
    work is skipped (None). The job ends finished when `kerja` returns (with what it passed to
    `Jalan.selesai`), failed when it raises: with `pesan_galat(exc, pesan_gagal)` as its message, the
    exception logged and passed on to the task backend, which records the task as failed too. The
    uploaded input, if any, is removed either way.
    """
    jalan = Jalan(pekerjaan_id)
    if pekerjaan_id is None:
        return kerja(jalan)
    sekarang = timezone.now()
    if not Pekerjaan.objects.filter(pk=pekerjaan_id, status=Status.ANTRI).update(
        status=Status.BERJALAN, dimulai=sekarang, diperbarui=sekarang, kemajuan=1
    ):
        log.warning("Pekerjaan %s tidak lagi menunggu; tugasnya dilewati", pekerjaan_id)
        return None
    try:
        hasil = kerja(jalan)
        if not jalan.berakhir:
            jalan.selesai()
        return hasil
    except BaseException as exc:
        if isinstance(exc, ValidationError | PermissionDenied | Http404):
            log.info("Pekerjaan %s ditolak: %s", pekerjaan_id, exc)
        else:
            log.exception("Pekerjaan %s gagal", pekerjaan_id)
        akhiri_gagal(pekerjaan_id, pesan_galat(exc, pesan_gagal))
        raise
    finally:
        _hapus_masukan(pekerjaan_id)


def _hapus_masukan(pk) -> None:
    nama = Pekerjaan.objects.filter(pk=pk).values_list("masukan", flat=True).first()
    if nama:
        default_storage.delete(nama)
        Pekerjaan.objects.filter(pk=pk).update(masukan="")


# --------------------------------------------------------------------------------------------
# Cleaning up
# --------------------------------------------------------------------------------------------


def hapus_lama(*, hari: int) -> int:
    """Remove the jobs that ended more than `hari` days ago, with their own files (results and inputs
    under pekerjaan/; stored renders and archives they point to belong to others and stay). The count."""
    batas = timezone.now() - timedelta(days=hari)
    lama = Pekerjaan.objects.filter(status__in=[Status.SELESAI, Status.GAGAL], berakhir__lt=batas)
    for berkas, masukan in lama.values_list("berkas", "masukan"):
        for nama in (berkas, masukan):
            if nama and nama.startswith(f"{FOLDER}/"):
                default_storage.delete(nama)
    return lama.delete()[0]
