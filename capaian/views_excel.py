"""Pages of the Excel round trip: downloads for anyone who reads the OPD, the upload for those who write.

An upload larger than `settings.UNGGAH_LATAR_BYTE` is processed by a task (`capaian.tugas`) and followed on
its job's page, which shows the same result as this page does for a smaller file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from capaian import tugas
from capaian.excel import dataset, monev, tertunda
from capaian.excel.sel import angka_mb, maks_byte
from capaian.forms_monev import FormulirUnggah
from capaian.selectors.monev import capaian_setelah_unggah
from inti.akses import get_opd_or_404, peran_pengguna
from inti.ekspor import respons_unduhan
from inti.periode import TAHUN_MAKS, TAHUN_MIN, Tribulan


def _periksa_periode(tahun: int, tribulan: int | None = None) -> None:
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS or (tribulan is not None and tribulan not in Tribulan.values):
        raise Http404("Periode tidak ditemukan.")


@login_required
def beranda(request, kode: str, tahun: int):
    """The downloads and upload links of an OPD-year, one per Tribulan."""
    _periksa_periode(tahun)
    opd = get_opd_or_404(request.user, kode)
    konteks = {
        "opd": opd,
        "tahun": tahun,
        "tribulan_list": Tribulan.choices,
        "boleh_tulis": peran_pengguna(request.user).boleh_tulis(opd.pk),
    }
    return render(request, "capaian/excel/beranda.html", konteks)


@login_required
def template_unduh(request, kode: str, tahun: int, tribulan: int):
    _periksa_periode(tahun, tribulan)
    opd = get_opd_or_404(request.user, kode)
    return respons_unduhan(monev.TemplateMonev(opd, tahun, tribulan, user=request.user))


PESAN_TERTUNDA_HILANG = (
    "Berkas yang menunggu konfirmasi tidak ditemukan lagi (sudah disimpan, atau diunggah lebih dari "
    f"{tertunda.UMUR_JAM} jam yang lalu). Tidak ada yang disimpan; unggah ulang berkasnya."
)


@login_required
def unggah(request, kode: str, tahun: int, tribulan: int):
    """The upload form, and its result. A first upload whose realisasi look wrong saves nothing and asks
    "Tetap simpan" (the workbook is kept, `capaian.excel.tertunda`); the confirmation posts its digest."""
    _periksa_periode(tahun, tribulan)
    opd = get_opd_or_404(request.user, kode, tulis=True)
    hasil = None
    capaian = []
    form = FormulirUnggah()
    if request.method == "POST":
        sidik = request.POST.get("tertunda", "")
        data = None
        if sidik:
            data = tertunda.baca(opd.pk, sidik)
            if data is None:
                hasil = monev.HasilUnggah(masalah=[monev.Masalah("", None, "", PESAN_TERTUNDA_HILANG)])
        else:
            form = FormulirUnggah(request.POST, request.FILES)
            if form.is_valid():
                berkas = form.cleaned_data["berkas"]
                if berkas.size > maks_byte():
                    # Refused on its declared size, before a byte of it is read into memory.
                    hasil = monev.HasilUnggah(masalah=[monev.Masalah("", None, "", _terlalu_besar(berkas.size))])
                else:
                    data = berkas.read()
        if data is not None:
            konfirmasi = bool(sidik) and request.POST.get("konfirmasi") == "1"
            if tugas.unggah_di_latar(len(data)):
                # A big file is checked and saved by a task worker; its page shows what this page would.
                job = tugas.mulai_unggah_monev(
                    user=request.user, opd=opd, tahun=tahun, tribulan=tribulan, data=data, konfirmasi=konfirmasi
                )
                return redirect("pekerjaan:lihat", job.pk)
            hasil = monev.unggah_monev(
                data, user=request.user, opd=opd, tahun=tahun, tribulan=tribulan, konfirmasi=konfirmasi
            )
            if hasil.perlu_konfirmasi:
                hasil.tertunda = tertunda.simpan(opd.pk, data)
            elif hasil.tersimpan and sidik:
                tertunda.hapus(opd.pk, sidik)
        if hasil is not None and hasil.tersimpan:
            capaian = capaian_setelah_unggah(opd=opd, tahun=tahun, tribulan=tribulan, perubahan=hasil.perubahan)
    konteks = {
        "opd": opd,
        "tahun": tahun,
        "tribulan": tribulan,
        "nama_tribulan": Tribulan(tribulan).label,
        "form": form,
        "hasil": hasil,
        "capaian": capaian,
        "maks_mb": angka_mb(maks_byte()),
        "url_unggah": request.path,
    }
    return render(request, "capaian/excel/unggah.html", konteks)


def _terlalu_besar(ukuran: int) -> str:
    return f"Berkas terlalu besar ({angka_mb(ukuran)} MB); paling besar {angka_mb(maks_byte())} MB."


@login_required
def dataset_unduh(request, kode: str, tahun: int):
    _periksa_periode(tahun)
    opd = get_opd_or_404(request.user, kode)
    return respons_unduhan(dataset.DatasetOPD(opd, tahun))
