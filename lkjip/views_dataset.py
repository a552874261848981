"""Dataset upload in the browser: upload, preview with warnings, confirm; and the template to fill.

Two steps. The upload checks the whole workbook with the one import (`lkjip.dataset.dari_excel`) in a
trial run: per-cell problems, or a preview of what would be created and the warnings to confirm. The
bytes wait server-side (`lkjip.dataset.unggahan`) until the user confirms; the confirmation runs the
same import again, for real, with the user and a reason on every history row. An admin uploads any
OPD of their Pemda, or a new one; an operator adds a year to their own OPD.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from capaian.excel.dataset import TemplateDataset
from capaian.excel.sel import angka_mb, maks_byte
from inti.ekspor import respons_unduhan
from inti.forms import BootstrapMixin
from inti.periode import TAHUN_MAKS, TAHUN_MIN
from lkjip.dataset.baris import DatasetTidakSah, Masalah
from lkjip.dataset.dari_excel import impor_dataset
from lkjip.dataset.unggahan import (
    boleh_unggah,
    opd_pengguna,
    pemda_pengguna,
    unggahan_baca,
    unggahan_hapus,
    unggahan_simpan,
)


class FormulirUnggahDataset(BootstrapMixin, forms.Form):
    berkas = forms.FileField(
        label="Berkas dataset (.xlsx)",
        error_messages={"required": "Pilih berkas dataset yang sudah diisi.", "empty": "Berkas kosong."},
    )


class FormulirKonfirmasi(BootstrapMixin, forms.Form):
    setuju = forms.BooleanField(
        label="Saya sudah memeriksa setiap peringatan di atas dan tetap ingin menyimpan.", required=False
    )
    alasan = forms.CharField(
        label="Catatan untuk riwayat (boleh kosong)", max_length=80, required=False,
        help_text="Dicatat bersama nama Anda pada setiap baris yang dibuat.",
    )


def _pastikan_boleh_unggah(user) -> None:
    if not boleh_unggah(user):
        raise PermissionDenied("Hanya operator OPD dan admin Pemda yang dapat mengunggah dataset.")


def _tahun_template(request) -> int:
    teks = request.GET.get("tahun", "")
    if not teks:
        return timezone.localdate().year
    if not teks.isdigit() or not TAHUN_MIN <= int(teks) <= TAHUN_MAKS:
        raise Http404("Tahun tidak dikenal.")
    return int(teks)


def _halaman_unggah(request, form, masalah=None, status=200):
    konteks = {
        "form": form,
        "masalah": masalah or [],
        "maks_mb": angka_mb(maks_byte()),
        "tahun": timezone.localdate().year,
        "opd_list": opd_pengguna(request.user),
    }
    return render(request, "lkjip/dataset/unggah.html", konteks, status=status)


@login_required
def unggah(request):
    """The form; on POST, the trial run: problems on this page, or the preview of what saving creates."""
    _pastikan_boleh_unggah(request.user)
    if request.method != "POST":
        return _halaman_unggah(request, FormulirUnggahDataset())
    form = FormulirUnggahDataset(request.POST, request.FILES)
    if not form.is_valid():
        return _halaman_unggah(request, form)
    berkas = form.cleaned_data["berkas"]
    if berkas.size > maks_byte():
        # Refused on its declared size, before a byte of it is read into memory.
        pesan = f"Berkas terlalu besar ({angka_mb(berkas.size)} MB); paling besar {angka_mb(maks_byte())} MB."
        return _halaman_unggah(request, form, [Masalah("", pesan)])
    data = berkas.read()
    try:
        hasil = impor_dataset(data, user=request.user, simpan=False, sesuai_hak=True, maks=maks_byte())
    except DatasetTidakSah as exc:
        return _halaman_unggah(request, form, exc.masalah)
    unggahan = unggahan_simpan(session=request.session, user=request.user, data=data, nama_berkas=berkas.name)
    return _pratinjau(request, hasil, unggahan, FormulirKonfirmasi())


def _pratinjau(request, hasil, unggahan, form):
    konteks = {"hasil": hasil, "unggahan": unggahan, "form": form, "jumlah_total": sum(hasil.jumlah.values())}
    return render(request, "lkjip/dataset/pratinjau.html", konteks)


@login_required
@require_POST
def simpan(request):
    """The confirmation: the waiting workbook imported for real, or back to the preview."""
    _pastikan_boleh_unggah(request.user)
    unggahan = unggahan_baca(session=request.session, user=request.user)
    if unggahan is None:
        messages.info(request, "Tidak ada unggahan yang menunggu konfirmasi. Unggah berkas dataset lebih dulu.")
        return redirect("dataset:unggah")
    if "batal" in request.POST:
        unggahan_hapus(session=request.session)
        messages.info(request, "Unggahan dibatalkan; tidak ada yang disimpan.")
        return redirect("dataset:unggah")
    form = FormulirKonfirmasi(request.POST)
    form.is_valid()
    catatan = form.cleaned_data.get("alasan", "")
    try:
        hasil = impor_dataset(
            unggahan.data(),
            user=request.user,
            alasan=f"Unggah dataset: {catatan}" if catatan else "",
            setujui_peringatan=bool(form.cleaned_data.get("setuju")),
            sesuai_hak=True,
            maks=maks_byte(),
        )
    except DatasetTidakSah as exc:
        # The database changed since the preview (another upload, an edit): nothing saved, start again.
        unggahan_hapus(session=request.session)
        return _halaman_unggah(request, FormulirUnggahDataset(), exc.masalah)
    if not hasil.tersimpan:
        form.add_error("setuju", "Centang pernyataan ini untuk menyimpan dataset yang memiliki peringatan.")
        return _pratinjau(request, hasil, unggahan, form)
    unggahan_hapus(session=request.session)
    messages.success(
        request,
        f"Dataset {hasil.opd.nama} tahun {hasil.tahun} disimpan: {sum(hasil.jumlah.values())} baris dibuat.",
    )
    return redirect("lkjip:opd", hasil.opd.kode)


@login_required
def template_unduh(request):
    """The template of a new OPD-year in the user's Pemda: Petunjuk, drop-downs and example rows."""
    _pastikan_boleh_unggah(request.user)
    tahun = _tahun_template(request)
    pemda = pemda_pengguna(request.user)
    if pemda is None:
        raise Http404("Pemda tidak ditemukan.")
    return respons_unduhan(TemplateDataset(pemda, tahun))
