"""The page of a background job (a PDF render, a sign-off, a big upload, an export): its progress while a
task worker does it, then its result: the file to download, what it produced, or why it failed.

Shown to the user who started it and to the readers of its OPD (`inti.pekerjaan.pekerjaan_get_or_404`);
anyone else gets 404. The page polls its status part with htmx every second until the job ends.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.template.loader import render_to_string

from capaian import tugas as tugas_capaian
from inti.pekerjaan import pekerjaan_get_or_404
from inti.tampilan import nama_pengguna

# The part that shows a job's summary (`Pekerjaan.hasil`), per kind of job; kinds whose result is a file
# need none.
TEMPLATE_HASIL = {tugas_capaian.JENIS_UNGGAH: tugas_capaian.TEMPLATE_HASIL_UNGGAH}


def _konteks(request, pekerjaan) -> dict:
    hasil_html = ""
    template = TEMPLATE_HASIL.get(pekerjaan.jenis)
    if template and pekerjaan.hasil:
        # With the request: a summary may hold a form (an upload's "Tetap simpan") and its CSRF token.
        hasil_html = render_to_string(template, pekerjaan.hasil, request=request)
    return {
        "p": pekerjaan,
        "hasil_html": hasil_html,
        "berkas_ada": bool(pekerjaan.berkas) and default_storage.exists(pekerjaan.berkas.name),
        "nama_pemula": nama_pengguna(pekerjaan.dibuat_oleh),
    }


@login_required
def lihat(request, pk):
    pekerjaan = pekerjaan_get_or_404(request.user, pk)
    return render(request, "pekerjaan/lihat.html", _konteks(request, pekerjaan))


@login_required
def status(request, pk):
    """The status part alone, which the page polls while the job runs."""
    pekerjaan = pekerjaan_get_or_404(request.user, pk)
    return render(request, "pekerjaan/_status.html", _konteks(request, pekerjaan))


@login_required
def unduh(request, pk):
    pekerjaan = pekerjaan_get_or_404(request.user, pk)
    if pekerjaan.status != pekerjaan.Status.SELESAI or not pekerjaan.berkas:
        raise Http404("Pekerjaan ini belum menghasilkan berkas.")
    try:
        berkas = default_storage.open(pekerjaan.berkas.name, "rb")
    except FileNotFoundError:
        raise Http404("Berkas hasil ini sudah diganti oleh versi yang lebih baru.") from None
    return FileResponse(
        berkas,
        as_attachment=True,
        filename=pekerjaan.nama_berkas or pekerjaan.berkas.name.rsplit("/", 1)[-1],
        content_type=pekerjaan.jenis_konten or None,
    )
