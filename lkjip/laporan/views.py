"""Pages of the LKjIP: the report in the browser, its PDF and xlsx, narratives, workflow, verification.

Readers of the OPD (operator, kepala, auditor, admin) read the report in every state; anyone else gets
404. Writes go through `lkjip.laporan.services`, which checks the role of each step. The verification
pages are public and reveal only the identity of a signed document.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from anggaran.models import Program
from inti.akses import get_opd_or_404, peran_pengguna
from lkjip.laporan import services
from lkjip.laporan.dokumen import bangun_dokumen, dokumen_laporan, kumpulkan_data
from lkjip.laporan.forms import FormulirNarasi, FormulirTransisi, FormulirVerifikasi
from lkjip.laporan.models import Laporan, RevisiArsip
from lkjip.laporan.narasi import BAGIAN
from lkjip.laporan.pdf import html_laporan, html_pk, pdf_dengan_cache
from lkjip.laporan.xlsx import buat_xlsx
from renstra.models import Renstra

TAHUN_MIN, TAHUN_MAKS = 2000, 2100
JENIS_PDF = "application/pdf"
JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _opd_tahun(request, kode: str, tahun: int):
    """The OPD (404 if unreadable) and a year it has data for (404 otherwise)."""
    opd = get_opd_or_404(request.user, kode)
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise Http404("Tahun tidak valid.")
    ada = (
        Program.objects.filter(opd=opd, tahun=tahun).exists()
        or Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).exists()
    )
    if not ada:
        raise Http404("OPD ini belum memiliki data untuk tahun tersebut.")
    return opd


def _nama_berkas(opd, tahun: int, laporan: Laporan, akhiran: str, *, nomor: int | None = None) -> str:
    if nomor is not None:
        return f"LKjIP-{opd.kode}-{tahun}-revisi{nomor}.{akhiran}"
    return f"LKjIP-{opd.kode}-{tahun}-revisi{laporan.revisi}-DRAFT.{akhiran}"


def _berkas(isi: bytes, nama: str, jenis: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=jenis)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


@login_required
def indeks(request, kode: str):
    opd = get_opd_or_404(request.user, kode)
    tahun = set(Program.objects.filter(opd=opd).values_list("tahun", flat=True))
    laporan = {lap.tahun: lap for lap in Laporan.objects.filter(opd=opd)}
    tahun |= set(laporan)
    baris = [(th, laporan.get(th)) for th in sorted(tahun, reverse=True)]
    return render(request, "laporan/indeks.html", {"opd": opd, "baris": baris})


@login_required
def lihat(request, kode: str, tahun: int):
    opd = _opd_tahun(request, kode, tahun)
    data = kumpulkan_data(opd, tahun)
    dok = bangun_dokumen(data)
    laporan = data.laporan or Laporan(opd=opd, tahun=tahun)
    akses = peran_pengguna(request.user)
    if laporan.pk:
        transisi = list(laporan.transisi_set.select_related("oleh").order_by("-pada", "-id"))
        arsip = list(laporan.arsip_set.select_related("penanda_tangan").order_by("-nomor"))
        reviu = list(laporan.reviu_set.select_related("auditor").order_by("-pada", "-id"))
    else:
        transisi, arsip, reviu = [], [], []
    konteks = {
        "opd": opd,
        "dok": dok,
        "laporan": laporan,
        "cetak": False,
        "boleh_ubah": laporan.draft and akses.boleh_tulis(opd.pk),
        "boleh_tulis": akses.boleh_tulis(opd.pk),
        "boleh_reviu": akses.boleh_reviu(opd.pk),
        "boleh_setujui": akses.boleh_setujui(opd.pk),
        "transisi": transisi,
        "arsip": arsip,
        "riwayat_reviu": reviu,
        "temuan": dok.hasil.temuan,
        "pernyataan_bawaan": _pernyataan_bawaan(opd, tahun),
    }
    return render(request, "laporan/laporan.html", konteks)


def _pernyataan_bawaan(opd, tahun: int) -> str:
    return (
        f"Kami telah mereviu Laporan Kinerja {opd.nama} Tahun {tahun} sesuai Peraturan Menteri PANRB Nomor 53 "
        "Tahun 2014. Reviu ini bertujuan memberikan keyakinan terbatas bahwa informasi kinerja dalam laporan "
        f"telah disajikan secara akurat, andal dan valid; isi laporan tetap menjadi tanggung jawab {opd.nama}. "
        "Berdasarkan reviu tersebut, kami tidak menemukan hal yang membuat kami yakin bahwa laporan ini tidak "
        "disajikan sesuai ketentuan."
    )


@login_required
def unduh_pdf(request, kode: str, tahun: int):
    """The signed file when the report is signed off; otherwise a DRAFT, from the render cache if unchanged."""
    opd = _opd_tahun(request, kode, tahun)
    laporan = services.laporan_untuk(opd, tahun)
    arsip = services.arsip_terakhir(laporan)
    if arsip is not None:
        return _arsip_respons(arsip, arsip.berkas, JENIS_PDF, "pdf")
    html = html_laporan(dokumen_laporan(opd, tahun))
    pdf, dari_cache = pdf_dengan_cache(f"{opd.kode}-{tahun}", html)
    response = _berkas(pdf, _nama_berkas(opd, tahun, laporan, "pdf"), JENIS_PDF)
    response["X-Render-Cache"] = "hit" if dari_cache else "miss"
    return response


@login_required
def unduh_xlsx(request, kode: str, tahun: int):
    opd = _opd_tahun(request, kode, tahun)
    laporan = services.laporan_untuk(opd, tahun)
    arsip = services.arsip_terakhir(laporan)
    if arsip is not None and arsip.berkas_xlsx:
        return _arsip_respons(arsip, arsip.berkas_xlsx, JENIS_XLSX, "xlsx")
    return _berkas(buat_xlsx(dokumen_laporan(opd, tahun)), _nama_berkas(opd, tahun, laporan, "xlsx"), JENIS_XLSX)


def _arsip_respons(arsip: RevisiArsip, berkas, jenis: str, akhiran: str) -> FileResponse:
    laporan = arsip.laporan
    return FileResponse(
        berkas.open("rb"),
        as_attachment=True,
        filename=_nama_berkas(laporan.opd, laporan.tahun, laporan, akhiran, nomor=arsip.nomor),
        content_type=jenis,
    )


@login_required
def unduh_arsip(request, kode: str, tahun: int, nomor: int, jenis: str):
    opd = _opd_tahun(request, kode, tahun)
    if jenis not in ("pdf", "xlsx"):
        raise Http404("Jenis berkas tidak dikenal.")
    arsip = get_object_or_404(RevisiArsip.objects.select_related("laporan__opd"), laporan__opd=opd,
                              laporan__tahun=tahun, nomor=nomor)
    if jenis == "xlsx":
        if not arsip.berkas_xlsx:
            raise Http404("Arsip xlsx revisi ini tidak ada.")
        return _arsip_respons(arsip, arsip.berkas_xlsx, JENIS_XLSX, "xlsx")
    return _arsip_respons(arsip, arsip.berkas, JENIS_PDF, "pdf")


@login_required
def unduh_pk(request, kode: str, tahun: int, revisi: int):
    """A PK version printed on its own: its statement and table, the signed pages of the lampiran."""
    opd = _opd_tahun(request, kode, tahun)
    dok = dokumen_laporan(opd, tahun)
    pk = next((p for p in (dok.pk_awal, dok.pk_akhir) if p is not None and p.revisi == revisi), None)
    if pk is None:
        raise Http404("Perjanjian Kinerja ini tidak ada.")
    pdf, _ = pdf_dengan_cache(f"{opd.kode}-{tahun}-pk{revisi}", html_pk(dok, pk))
    nama = "PK" if revisi == 0 else f"PK-Perubahan-{revisi}"
    return _berkas(pdf, f"{nama}-{opd.kode}-{tahun}.pdf", JENIS_PDF)


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
    "kembalikan": "Laporan dikembalikan ke Draft.",
    "reviu": "Reviu laporan dicatat.",
    "setujui": "Laporan disetujui dan diarsipkan.",
    "revisi": "Revisi baru dibuka sebagai Draft.",
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
        if aksi == "ajukan":
            services.laporan_ajukan(**pengguna, catatan=catatan)
        elif aksi == "kembalikan":
            services.laporan_kembalikan(**pengguna, catatan=catatan)
        elif aksi == "reviu":
            services.laporan_reviu(**pengguna, pernyataan=form.cleaned_data["pernyataan"], catatan=catatan)
        elif aksi == "setujui":
            services.laporan_setujui(**pengguna, url_dasar=request.build_absolute_uri("/"), catatan=catatan)
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


def _periksa(form: FormulirVerifikasi):
    """(sha256 checked, archived revision or None) from an uploaded file or a typed hash."""
    berkas = form.cleaned_data.get("berkas")
    sha = services.sha256_berkas(berkas) if berkas else form.cleaned_data["sha256"]
    return sha.strip().lower(), services.arsip_cocok(sha256=sha)


def verifikasi(request):
    """Public: is this file (or hash) an archived, signed revision of an LKjIP, and which?"""
    hasil = None
    if request.method == "POST":
        form = FormulirVerifikasi(request.POST, request.FILES)
        if form.is_valid():
            try:
                sha, arsip = _periksa(form)
            except ValidationError as exc:
                form.add_error("sha256", exc)
            else:
                hasil = {"sha256": sha, "arsip": arsip, "cocok": arsip is not None}
    else:
        form = FormulirVerifikasi()
    return render(request, "laporan/verifikasi.html", {"form": form, "hasil": hasil, "arsip": None})


def verifikasi_kode(request, kode_pendek: str):
    """Public: the identity of the revision behind a QR code, and a check of a file against it."""
    arsip = get_object_or_404(RevisiArsip.objects.select_related("laporan__opd__pemda"), kode_pendek=kode_pendek)
    hasil = None
    if request.method == "POST":
        form = FormulirVerifikasi(request.POST, request.FILES)
        if form.is_valid():
            try:
                sha, cocok = _periksa(form)
            except ValidationError as exc:
                form.add_error("sha256", exc)
            else:
                hasil = {"sha256": sha, "arsip": cocok, "cocok": cocok is not None and cocok.pk == arsip.pk}
    else:
        form = FormulirVerifikasi()
    return render(request, "laporan/verifikasi.html", {"form": form, "hasil": hasil, "arsip": arsip})
