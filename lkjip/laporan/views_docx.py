"""The report as an editable DOCX: for the staff who finish the text in a word processor.

Readers of the OPD download it, as they do the PDF and the xlsx (anyone else gets 404). It is built from
the current data each time: a working copy, never archived. The PDF stays the signed version; once the
report is approved, the DOCX carries the same sign-off and verification code as its archived PDF.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required

from inti.ekspor import respons_unduhan
from lkjip.laporan import selectors
from lkjip.laporan.docx import LaporanDocx
from lkjip.laporan.dokumen import Pengesahan, dokumen_laporan
from lkjip.laporan.services import url_verifikasi
from lkjip.laporan.views import _opd_tahun


def _pengesahan(arsip) -> Pengesahan | None:
    """The sign-off of the archived revision in force, as its PDF prints it."""
    if arsip is None:
        return None
    return Pengesahan(
        nomor=arsip.nomor,
        kode_pendek=arsip.kode_pendek,
        url_verifikasi=url_verifikasi(settings.SITE_URL, arsip.kode_pendek),
        nama=arsip.nama_penanda_tangan,
        jabatan=arsip.jabatan_penanda_tangan,
        waktu=arsip.pada,
        tanggal=arsip.tanggal_laporan,
    )


@login_required
def unduh_docx(request, kode: str, tahun: int):
    opd = _opd_tahun(request, kode, tahun)
    pengesahan = _pengesahan(selectors.arsip_berlaku(opd, tahun))
    return respons_unduhan(LaporanDocx(dokumen_laporan(opd, tahun, pengesahan=pengesahan)))
