"""Pages of the LKjIP: the report in the browser, its PDF and xlsx, narratives, workflow, verification.

Readers of the OPD (operator, kepala, auditor, admin) read the report in every state; anyone else gets
404. Reads come from `lkjip.laporan.selectors`, downloads are the outputs of `lkjip.laporan.ekspor`
(signed revisions are served from the archive as stored, a draft from its stored render), and writes go
through `lkjip.laporan.services`, which checks the role of each step. What takes a PDF render (the draft
when its data changed, the sign-off) runs as a task (`lkjip.laporan.tugas`): the view checks, queues
and redirects to the job's page. The verification pages are public and reveal only the identity of a
signed document.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from inti.akses import get_opd_or_404, peran_pengguna
from inti.ekspor import JENIS_PDF, JENIS_XLSX, respons_unduhan
from inti.periode import tahun_sah
from inti.versi import token_opd
from lkjip.laporan import selectors, services, tugas
from lkjip.laporan.dokumen import dokumen_laporan
from lkjip.laporan.ekspor import PKPDF, LaporanXlsx, nama_berkas_laporan
from lkjip.laporan.forms import FormulirNarasi, FormulirTransisi, FormulirVerifikasi
from lkjip.laporan.kelengkapan import kelengkapan
from lkjip.laporan.models import RevisiArsip
from lkjip.laporan.narasi import BAGIAN
from lkjip.laporan.pdf import Render


def _opd_tahun(request, kode: str, tahun: int):
    """The OPD (404 if unreadable) and a year it has data for (404 otherwise)."""
    opd = get_opd_or_404(request.user, kode)
    if not tahun_sah(tahun):
        raise Http404("Tahun tidak valid.")
    if not selectors.tahun_ada_data(opd, tahun):
        raise Http404("OPD ini belum memiliki data untuk tahun tersebut.")
    return opd


@login_required
def indeks(request, kode: str):
    opd = get_opd_or_404(request.user, kode)
    return render(request, "laporan/indeks.html", {"opd": opd, "baris": selectors.daftar_tahun(opd)})


@login_required
def lihat(request, kode: str, tahun: int):
    opd = _opd_tahun(request, kode, tahun)
    halaman = selectors.halaman_laporan(request.user, opd=opd, tahun=tahun)
    # `dok`, `cetak` and `boleh_ubah` by name: the document's partials read them, in print too.
    kurang = kelengkapan(halaman.dok) if halaman.laporan.draft else None
    konteks = {
        "h": halaman,
        "opd": opd,
        "dok": halaman.dok,
        "cetak": False,
        "boleh_ubah": halaman.boleh_ubah,
        # While drafting: what still keeps the report from being submitted (read from the document, no query).
        "kurang": kurang,
        "kode_pengisi": {n.kode for n in kurang.narasi} if kurang else set(),
        "tanggal_bawaan": services.tanggal_laporan_bawaan(),
    }
    return render(request, "laporan/laporan.html", konteks)


@login_required
def unduh_pdf(request, kode: str, tahun: int):
    """The signed file when the report is signed off; otherwise the DRAFT: its stored render when the data
    has not changed since, else a render job whose page follows it to the file."""
    opd = _opd_tahun(request, kode, tahun)
    arsip = selectors.arsip_berlaku(opd, tahun)
    if arsip is not None:
        return _arsip_respons(arsip, "pdf")
    response = _render_respons(tugas.draft_tersimpan(opd, tahun))
    if response is not None:
        response["X-Render-Cache"] = "hit"
        return response
    return redirect("pekerjaan:lihat", tugas.mulai_render_draft(request.user, opd, tahun).pk)


def _render_respons(tersimpan: Render | None) -> FileResponse | None:
    """A stored render as a download; None when there is none (or a newer render just replaced it)."""
    if tersimpan is None:
        return None
    try:
        berkas = tersimpan.path.open("rb")
    except FileNotFoundError:
        return None
    return FileResponse(berkas, as_attachment=True, filename=tersimpan.nama_berkas, content_type=JENIS_PDF)


@login_required
def unduh_xlsx(request, kode: str, tahun: int):
    opd = _opd_tahun(request, kode, tahun)
    arsip = selectors.arsip_berlaku(opd, tahun)
    if arsip is not None and arsip.berkas_xlsx:
        return _arsip_respons(arsip, "xlsx")
    return respons_unduhan(LaporanXlsx(dokumen_laporan(opd, tahun)))


def _arsip_respons(arsip: RevisiArsip, jenis: str) -> FileResponse:
    """A signed file as archived, streamed from storage."""
    laporan = arsip.laporan
    berkas = arsip.berkas_xlsx if jenis == "xlsx" else arsip.berkas
    return FileResponse(
        berkas.open("rb"),
        as_attachment=True,
        filename=nama_berkas_laporan(laporan.opd, laporan.tahun, arsip.nomor, jenis, draft=False),
        content_type=JENIS_XLSX if jenis == "xlsx" else JENIS_PDF,
    )


@login_required
def unduh_arsip(request, kode: str, tahun: int, nomor: int, jenis: str):
    opd = _opd_tahun(request, kode, tahun)
    if jenis not in ("pdf", "xlsx"):
        raise Http404("Jenis berkas tidak dikenal.")
    arsip = selectors.arsip_get(opd=opd, tahun=tahun, nomor=nomor)
    if jenis == "xlsx" and not arsip.berkas_xlsx:
        raise Http404("Arsip xlsx revisi ini tidak ada.")
    return _arsip_respons(arsip, jenis)


@login_required
def unduh_pk(request, kode: str, tahun: int, revisi: int):
    """A PK version printed on its own: its statement and table, the signed pages of the lampiran.
    A few pages: rendered in the request, then served from the stored render while the data stands."""
    opd = _opd_tahun(request, kode, tahun)
    simpanan = tugas.simpanan_pk(opd.pk, tahun, revisi)
    token = token_opd(opd.pk)
    response = _render_respons(simpanan.cari(token))
    if response is not None:
        return response
    dok = dokumen_laporan(opd, tahun)
    blok = dok.blok_pk(revisi)
    if blok is None:
        raise Http404("Perjanjian Kinerja ini tidak ada.")
    ekspor = PKPDF(dok, blok)
    simpanan.simpan(token, ekspor.nama_berkas(), ekspor.isi())
    return respons_unduhan(ekspor)


@login_required
def ubah_narasi(request, kode: str, tahun: int, bagian: str):
    opd = _opd_tahun(request, kode, tahun)
    if not peran_pengguna(request.user).boleh_tulis(opd.pk):
        raise PermissionDenied("Anda hanya dapat membaca laporan OPD ini.")
    if not services.bagian_sah(bagian):
        raise Http404("Bagian narasi tidak dikenal.")
    dok = dokumen_laporan(opd, tahun)
    narasi = dok.narasi.get(bagian)
    if narasi is None:
        raise Http404("Bagian narasi tidak ada di laporan ini.")
    kembali = reverse("laporan:lihat", args=[opd.kode, tahun]) + f"#narasi-{bagian}"
    if request.method == "POST":
        form = FormulirNarasi(request.POST)
        if form.is_valid():
            try:
                services.narasi_simpan(
                    user=request.user, opd=opd, tahun=tahun, bagian=bagian, teks=form.cleaned_data["teks"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"Narasi “{narasi.judul}” disimpan.")
                return redirect(kembali)
    else:
        form = FormulirNarasi(initial={"teks": narasi.markdown})
    konteks = {
        "opd": opd,
        "tahun": tahun,
        "narasi": narasi,
        "judul_bagian": BAGIAN[bagian][0] if bagian in BAGIAN else narasi.judul,
        "form": form,
        "kembali": kembali,
        "laporan": dok.laporan,
    }
    return render(request, "laporan/narasi_form.html", konteks)


TRANSISI = {
    "ajukan": "Laporan diajukan untuk direviu.",
    "kembalikan": "Laporan dikembalikan ke Draf.",
    "reviu": "Reviu laporan dicatat.",
    "setujui": "Persetujuan laporan sedang diproses.",
    "revisi": "Revisi baru dibuka sebagai Draf.",
}


@login_required
@require_POST
def transisi(request, kode: str, tahun: int, aksi: str):
    opd = _opd_tahun(request, kode, tahun)
    if aksi not in TRANSISI:
        raise Http404("Langkah tidak dikenal.")
    form = FormulirTransisi(request.POST, aksi=aksi)
    kembali = redirect("laporan:lihat", opd.kode, tahun)
    if not form.is_valid():
        for pesan in form.errors.values():
            messages.error(request, " ".join(pesan))
        return kembali
    catatan = form.cleaned_data["catatan"]
    pengguna = {"user": request.user, "opd": opd, "tahun": tahun}
    try:
        if aksi == "setujui":
            # Rendering the signed PDF takes a task worker: checked now, done on the job's page.
            job = tugas.mulai_pengesahan(**pengguna, catatan=catatan, tanggal=form.cleaned_data["tanggal_laporan"])
            return redirect("pekerjaan:lihat", job.pk)
        if aksi == "ajukan":
            services.laporan_ajukan(**pengguna, catatan=catatan)
        elif aksi == "kembalikan":
            services.laporan_kembalikan(**pengguna, catatan=catatan)
        elif aksi == "reviu":
            services.laporan_reviu(**pengguna, pernyataan=form.cleaned_data["pernyataan"], catatan=catatan)
        else:
            services.laporan_revisi_baru(**pengguna, catatan=catatan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return kembali
    messages.success(request, TRANSISI[aksi])
    return kembali


# --------------------------------------------------------------------------------------------
# Public verification
# --------------------------------------------------------------------------------------------


def _periksa(form: FormulirVerifikasi) -> selectors.HasilPeriksa:
    return selectors.periksa_berkas(berkas=form.cleaned_data.get("berkas"), sha256=form.cleaned_data["sha256"])


def verifikasi(request):
    """Public: is this file (or hash) an archived, signed revision of an LKjIP, and which?"""
    hasil = None
    if request.method == "POST":
        form = FormulirVerifikasi(request.POST, request.FILES)
        if form.is_valid():
            try:
                periksa = _periksa(form)
            except ValidationError as exc:
                form.add_error("sha256", exc)
            else:
                hasil = {"sha256": periksa.sha256, "arsip": periksa.arsip, "cocok": periksa.arsip is not None}
    else:
        form = FormulirVerifikasi()
    return render(request, "laporan/verifikasi.html", {"form": form, "hasil": hasil, "arsip": None})


def verifikasi_kode(request, kode_pendek: str):
    """Public: the identity of the revision behind a QR code, and a check of a file against it."""
    arsip = selectors.arsip_dengan_kode(kode_pendek)
    hasil = None
    if request.method == "POST":
        form = FormulirVerifikasi(request.POST, request.FILES)
        if form.is_valid():
            try:
                periksa = _periksa(form)
            except ValidationError as exc:
                form.add_error("sha256", exc)
            else:
                cocok = periksa.arsip is not None and periksa.arsip.pk == arsip.pk
                hasil = {"sha256": periksa.sha256, "arsip": periksa.arsip, "cocok": cocok}
    else:
        form = FormulirVerifikasi()
    return render(request, "laporan/verifikasi.html", {"form": form, "hasil": hasil, "arsip": arsip})
