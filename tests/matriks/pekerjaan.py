"""Permission-matrix routes of a background job's page: the readers of its OPD (and whoever started it)."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from inti.models import Pekerjaan

RUTE: dict[str, tuple[str | None, str | None]] = {
    "pekerjaan:lihat": ("baca", None),
    "pekerjaan:status": ("baca", None),
    "pekerjaan:unduh": ("baca", None),
}

BERKAS = "pekerjaan/matriks/hasil.pdf"


def objek(dunia, opd) -> dict:
    """A finished job of the OPD with a file, started by the admin."""
    if not default_storage.exists(BERKAS):
        default_storage.save(BERKAS, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    pekerjaan = Pekerjaan.objects.create(
        jenis="laporan_draft",
        judul=f"PDF LKjIP {opd.nama} 2022 (draf)",
        kunci="matriks",
        status=Pekerjaan.Status.SELESAI,
        kemajuan=100,
        berkas=BERKAS,
        nama_berkas="hasil.pdf",
        jenis_konten="application/pdf",
        dibuat_oleh=dunia.admin,
        opd=opd,
        pemda=opd.pemda,
    )
    return {rute: {"pk": pekerjaan.pk} for rute in RUTE}
