"""The Perjanjian Kinerja screens of an OPD: the PK list, one PK version, create and edit a draft, approve
it, make a PK Perubahan and compare it with the PK it replaces, delete a draft, and the Rencana Aksi.

Views parse the request, check access and call a selector or a service (`perjanjian.selectors`,
`perjanjian.services`); a service's refusal (`ValidationError`) comes back as a message on the form or
on the PK's page. Access: another OPD answers 404; a read-only user's write 403; approval is for the
OPD's kepala and the admin (403 for others).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from inti.akses import get_opd_or_404, peran_pengguna
from inti.periode import tahun_sah
from perjanjian import selectors, services
from perjanjian.forms import FormHapus, FormPerubahan, FormPK, FormRencanaAksi, FormSetujui


def _url_pk(pk, nama: str = "lihat") -> str:
    return reverse(f"perjanjian:{nama}", args=[pk.opd.kode, pk.tahun, pk.revisi])


def _pesan(galat: ValidationError) -> str:
    return " ".join(galat.messages)


def _pk(request, kode: str, tahun: int, revisi: int, *, tulis: bool = False):
    opd = get_opd_or_404(request.user, kode, tulis=tulis)
    return opd, selectors.pk_get(opd=opd, tahun=tahun, revisi=revisi)


@login_required
def daftar(request, kode: str):
    opd = get_opd_or_404(request.user, kode)
    galat_tahun = ""
    if "tahun" in request.GET:  # the "new PK" form: on to the year's create page
        tahun = request.GET["tahun"].strip()
        if tahun.isdigit() and tahun_sah(int(tahun)):
            return redirect("perjanjian:buat", opd.kode, int(tahun))
        galat_tahun = "Tulis tahun dengan empat angka, mis. 2023."
    data = selectors.pk_daftar(
        opd=opd, akses=peran_pengguna(request.user), tahun_sekarang=timezone.localdate().year
    )
    return render(request, "perjanjian/daftar.html", {"opd": opd, "data": data, "galat_tahun": galat_tahun})


@login_required
def buat(request, kode: str, tahun: int):
    opd = get_opd_or_404(request.user, kode, tulis=True)
    if not tahun_sah(tahun):
        raise Http404("Tahun tidak dikenal.")
    ada = selectors.pk_terbaru(opd=opd, tahun=tahun)
    if ada is not None:
        messages.info(request, f"PK tahun {tahun} sudah ada.")
        return redirect(_url_pk(ada))
    isian = selectors.isian_pk_baru(opd=opd, tahun=tahun)
    form = FormPK(request.POST or None, isian=isian)
    if request.method == "POST" and form.is_valid():
        try:
            pk = services.pk_buat(
                user=request.user,
                opd=opd,
                tahun=tahun,
                kepala=form.kepala(),
                baris=form.baris(),
                anggaran=form.anggaran(),
            )
        except ValidationError as galat:
            form.add_error(None, galat)
        else:
            messages.success(
                request, f"Draf PK tahun {tahun} tersimpan. Ajukan ke kepala OPD untuk disetujui."
            )
            return redirect(_url_pk(pk))
    return render(
        request,
        "perjanjian/form.html",
        {"opd": opd, "tahun": tahun, "form": form, "isian": isian, "pk": None},
    )


@login_required
def ubah(request, kode: str, tahun: int, revisi: int):
    opd, pk = _pk(request, kode, tahun, revisi, tulis=True)
    alasan = selectors.pesan_tidak_bisa_ubah(pk)
    if alasan:
        messages.error(request, alasan)
        return redirect(_url_pk(pk))
    isian = selectors.isian_pk_ubah(pk=pk)
    form = FormPK(request.POST or None, isian=isian, perubahan=pk.revisi > 0)
    if request.method == "POST" and form.is_valid():
        try:
            services.pk_ubah(
                user=request.user,
                pk=pk,
                kepala=form.kepala(),
                baris=form.baris(),
                anggaran=form.anggaran(),
                jejak=form.cleaned_data["jejak"] or None,
            )
        except ValidationError as galat:
            form.add_error(None, galat)
        else:
            messages.success(request, f"{pk.judul} {pk.tahun} tersimpan.")
            return redirect(_url_pk(pk))
    return render(
        request, "perjanjian/form.html", {"opd": opd, "tahun": tahun, "form": form, "isian": isian, "pk": pk}
    )


@login_required
def lihat(request, kode: str, tahun: int, revisi: int):
    opd, pk = _pk(request, kode, tahun, revisi)
    halaman = selectors.pk_halaman(pk=pk, akses=peran_pengguna(request.user))
    jejak = selectors.jejak_pk(pk) if halaman.draf else ""
    return render(
        request,
        "perjanjian/lihat.html",
        {
            "opd": opd,
            "h": halaman,
            "pk": pk,
            "form_setujui": FormSetujui(initial={"jejak": jejak}) if halaman.boleh_setujui else None,
            "form_hapus": FormHapus(initial={"jejak": jejak}) if halaman.boleh_hapus else None,
        },
    )


@login_required
def setujui(request, kode: str, tahun: int, revisi: int):
    opd, pk = _pk(request, kode, tahun, revisi)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not peran_pengguna(request.user).boleh_setujui(opd.pk):
        raise PermissionDenied("Hanya kepala OPD atau admin Pemda yang dapat menyetujui Perjanjian Kinerja.")
    form = FormSetujui(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for daftar in form.errors.values() for e in daftar))
        return redirect(_url_pk(pk))
    try:
        services.pk_setujui(
            user=request.user,
            pk=pk,
            catatan=form.cleaned_data["catatan"],
            jejak=form.cleaned_data["jejak"] or None,
        )
    except ValidationError as galat:
        messages.error(request, _pesan(galat))
    else:
        messages.success(
            request,
            f"{pk.judul} {pk.tahun} disetujui. Definisi indikatornya untuk tahun {pk.tahun} kini tetap.",
        )
    return redirect(_url_pk(pk))


@login_required
def perubahan(request, kode: str, tahun: int, revisi: int):
    opd, pk = _pk(request, kode, tahun, revisi, tulis=True)
    alasan = selectors.pesan_tidak_bisa_perubahan(pk)
    if alasan:
        messages.error(request, alasan)
        return redirect(_url_pk(pk))
    form = FormPerubahan(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            baru = services.pk_perubahan_buat(
                user=request.user,
                pk=pk,
                alasan_perubahan=form.cleaned_data["alasan_perubahan"],
                dokumen_anggaran=form.cleaned_data["dokumen_anggaran"],
            )
        except ValidationError as galat:
            form.add_error(None, galat)
        else:
            messages.success(
                request,
                f"Draf {baru.judul} {baru.tahun} dibuat dari {pk.judul}. Ubah target dan anggarannya di bawah ini.",
            )
            return redirect(_url_pk(baru, "ubah"))
    return render(request, "perjanjian/perubahan.html", {"opd": opd, "pk": pk, "form": form})


@login_required
def banding(request, kode: str, tahun: int, revisi: int):
    opd, pk = _pk(request, kode, tahun, revisi)
    data = selectors.perubahan_banding(pk=pk)
    return render(request, "perjanjian/banding.html", {"opd": opd, "pk": pk, "b": data})


@login_required
def hapus(request, kode: str, tahun: int, revisi: int):
    opd, pk = _pk(request, kode, tahun, revisi, tulis=request.method == "POST")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = FormHapus(request.POST)
    form.is_valid()
    try:
        services.pk_draf_hapus(user=request.user, pk=pk, jejak=form.cleaned_data.get("jejak") or None)
    except ValidationError as galat:
        messages.error(request, _pesan(galat))
        return redirect(_url_pk(pk))
    messages.success(request, f"Draf {pk.judul} {pk.tahun} dihapus.")
    return redirect("perjanjian:daftar", opd.kode)


@login_required
def rencana_aksi(request, kode: str, tahun: int, revisi: int):
    opd, pk = _pk(request, kode, tahun, revisi, tulis=request.method == "POST")
    tabel = selectors.rencana_aksi_tabel(pk=pk, akses=peran_pengguna(request.user))
    form = FormRencanaAksi(request.POST or None, tabel=tabel)
    if request.method == "POST":
        if not tabel.boleh_ubah:
            messages.error(request, "Rencana Aksi PK ini tidak dapat diubah.")
            return redirect(_url_pk(pk, "rencana_aksi"))
        if form.is_valid():
            try:
                peringatan = services.rencana_aksi_simpan(
                    user=request.user, pk=pk, isian=form.isian(), jejak=form.cleaned_data["jejak"] or None
                )
            except ValidationError as galat:
                form.add_error(None, galat)
            else:
                messages.success(request, f"Rencana Aksi {pk.judul} {pk.tahun} tersimpan.")
                for p in peringatan:
                    messages.warning(request, p)
                return redirect(_url_pk(pk, "rencana_aksi"))
    return render(
        request, "perjanjian/rencana_aksi.html", {"opd": opd, "pk": pk, "tabel": tabel, "form": form}
    )
