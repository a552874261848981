"""The LKjIP's background work: the draft PDF and the sign-off, each rendered by a task worker.

- Draft: `draft_tersimpan` finds the stored render of the OPD-year's current data (`inti.versi`) and
  layout (`pdf.versi_render`) without building anything; the download view serves it at once. Otherwise
  `mulai_render_draft` starts (or joins) a `render_draft` task, which builds the document, renders it
  and stores it under the data version it read before building.
- Sign-off: `mulai_pengesahan` checks at once that the user may sign and that the report awaits it,
  then queues `setujui_laporan`, which runs `services.laporan_setujui` as that user (every check again)
  and ends on the signed archive.

The job's page (`lkjip.views_pekerjaan`) shows the progress and then the file.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tasks import task

from inti import pekerjaan
from inti.akses import pastikan_akses_opd
from inti.ekspor import JENIS_PDF
from inti.models import OPD, Pekerjaan
from inti.versi import token_opd
from lkjip.laporan import services
from lkjip.laporan.pdf import Render, SimpananRender, versi_render

JENIS_DRAFT = "laporan_draft"
JENIS_SETUJUI = "laporan_setujui"

PESAN_GAGAL_RENDER = "PDF laporan tidak berhasil dibuat karena kesalahan di server. Silakan coba lagi; bila terulang, hubungi admin."
PESAN_GAGAL_SETUJUI = (
    "Laporan belum disetujui: PDF bertanda tangan tidak berhasil dibuat karena kesalahan di server. "
    "Silakan coba lagi; bila terulang, hubungi admin."
)


def simpanan_draft(opd_id: int, tahun: int) -> SimpananRender:
    return SimpananRender(opd_id, tahun, "lkjip")


def simpanan_pk(opd_id: int, tahun: int, revisi: int) -> SimpananRender:
    return SimpananRender(opd_id, tahun, f"pk{revisi}")


def _url_laporan(opd, tahun: int) -> str:
    return reverse("laporan:lihat", args=[opd.kode, tahun])


# --------------------------------------------------------------------------------------------
# The draft PDF
# --------------------------------------------------------------------------------------------


def draft_tersimpan(opd, tahun: int) -> Render | None:
    """The stored render of the draft when the OPD's data has not changed since: one query, no document."""
    return simpanan_draft(opd.pk, tahun).cari(token_opd(opd.pk))


def mulai_render_draft(user, opd, tahun: int) -> Pekerjaan:
    """Start rendering the draft PDF of the OPD-year, or join the render already under way for the same
    data. For readers of the OPD (404 otherwise)."""
    pastikan_akses_opd(user, opd)
    token = token_opd(opd.pk)
    # An unknown data version joins nothing: the running render may show older data.
    kunci = pekerjaan.kunci_gabung(
        JENIS_DRAFT, opd.pk, tahun, token or pekerjaan.kunci_unik(), versi_render()
    )
    return pekerjaan.mulai(
        tugas=render_draft,
        jenis=JENIS_DRAFT,
        judul=f"PDF LKjIP {opd.nama} {tahun} (draf)",
        kunci=kunci,
        user=user,
        opd=opd,
        pemda=opd.pemda,
        tautan=_url_laporan(opd, tahun),
        argumen={"opd_id": opd.pk, "tahun": tahun},
    )


@task()
def render_draft(opd_id: int, tahun: int, pekerjaan_id: str | None = None, paksa: bool = False) -> str:
    """Render the draft PDF of (opd_id, tahun) and store it under the data version read before building
    it; return its storage name under MEDIA_ROOT ("" when the data version is unknown and no job holds
    the file). A render already stored for that version is kept unless `paksa`."""

    def kerja(jalan: pekerjaan.Jalan) -> str:
        from lkjip.laporan.dokumen import dokumen_laporan
        from lkjip.laporan.ekspor import LaporanPDF

        opd = OPD.objects.select_related("pemda").get(pk=opd_id)
        token = token_opd(opd_id)
        simpanan = simpanan_draft(opd_id, tahun)
        render = None if paksa else simpanan.cari(token)
        if render is None:
            jalan.kemajuan(10, "Mengumpulkan data dan menyusun laporan")
            ekspor = LaporanPDF(dokumen_laporan(opd, tahun))
            jalan.kemajuan(25, "Membuat PDF")
            pdf = ekspor.isi()
            render = simpanan.simpan(token, ekspor.nama_berkas(), pdf)
            if render is None and jalan.pk is not None:
                # Unknown data version: not stored for others, kept with this job only.
                render = Render(jalan.simpan_berkas(ekspor.nama_berkas(), pdf), ekspor.nama_berkas())
        if render is None:
            return ""
        jalan.selesai(
            pesan="PDF laporan siap diunduh.",
            berkas=render.nama,
            nama_berkas=render.nama_berkas,
            jenis_konten=JENIS_PDF,
        )
        return render.nama

    return pekerjaan.jalankan(pekerjaan_id, kerja, pesan_gagal=PESAN_GAGAL_RENDER) or ""


# --------------------------------------------------------------------------------------------
# Sign-off
# --------------------------------------------------------------------------------------------


def mulai_pengesahan(
    *, user, opd, tahun: int, catatan: str = "", tanggal: datetime.date | None = None
) -> Pekerjaan:
    """Queue the sign-off of the report dated `tanggal` (default today), after checking at once that the
    user may sign it, that it awaits sign-off and is complete, and the date (PermissionDenied /
    ValidationError, nothing queued). A second click, by the same or another signer, joins the sign-off
    under way."""
    laporan = services.periksa_setujui(user=user, opd=opd, tahun=tahun, tanggal=tanggal)
    tanggal = services.validasi_tanggal_laporan(tanggal, tahun)
    return pekerjaan.mulai(
        tugas=setujui_laporan,
        jenis=JENIS_SETUJUI,
        judul=f"Persetujuan LKjIP {opd.nama} {tahun} revisi {laporan.revisi}",
        kunci=pekerjaan.kunci_gabung(JENIS_SETUJUI, opd.pk, tahun, laporan.revisi),
        user=user,
        opd=opd,
        pemda=opd.pemda,
        tautan=_url_laporan(opd, tahun),
        argumen={
            "user_id": user.pk,
            "opd_id": opd.pk,
            "tahun": tahun,
            "catatan": catatan,
            "tanggal": tanggal.isoformat(),
        },
    )


@task()
def setujui_laporan(
    *,
    pekerjaan_id: str | None = None,
    user_id: int,
    opd_id: int,
    tahun: int,
    catatan: str = "",
    tanggal: str = "",
) -> int:
    """Sign the report off as the user (`services.laporan_setujui`, every check made again); the id of
    the archived revision."""

    def kerja(jalan: pekerjaan.Jalan) -> int:
        from lkjip.laporan.ekspor import nama_berkas_laporan

        user = get_user_model().objects.get(pk=user_id)
        opd = OPD.objects.select_related("pemda").get(pk=opd_id)
        jalan.kemajuan(10, "Membuat PDF bertanda tangan dan mengarsipkannya")
        arsip = services.laporan_setujui(
            user=user,
            opd=opd,
            tahun=tahun,
            catatan=catatan,
            tanggal=datetime.date.fromisoformat(tanggal) if tanggal else None,
        )
        jalan.selesai(
            pesan="Laporan disetujui dan diarsipkan.",
            berkas=arsip.berkas.name,
            nama_berkas=nama_berkas_laporan(opd, tahun, arsip.nomor, "pdf", draft=False),
            jenis_konten=JENIS_PDF,
        )
        return arsip.pk

    return pekerjaan.jalankan(pekerjaan_id, kerja, pesan_gagal=PESAN_GAGAL_SETUJUI) or 0
