"""The planning screens of the Renstra and the indicator definitions, under opd/<kode>/renstra/.

Operators write their own OPD, the Pemda admin every OPD; the kepala and auditors read (the Renstra, the
indicators' definitions and targets are shown to them without forms). Every view reads through
`renstra.selectors` and writes through `renstra.services`; bad input re-renders the form with the
services' Indonesian messages and nothing saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from inti.akses import boleh_tulis_opd, get_opd_or_404
from renstra import selectors as baca
from renstra import services
from renstra.forms import (
    IndikatorForm,
    RenstraForm,
    RevisiForm,
    TargetForm,
    TujuanSasaranForm,
    data_variabel,
    nama_variabel_dari_query,
    tambah_galat,
    variabel_formset,
)
from renstra.formula import FormulaError, nama_dalam_rumus, validasi_rumus

BACA_TULIS = require_http_methods(["GET", "POST"])


def _opd(request, kode: str, *, form_tulis: bool = False):
    """The OPD; writing needs the right to write. `form_tulis`: the page itself is a write form."""
    return get_opd_or_404(request.user, kode, tulis=form_tulis or request.method == "POST")


def _render(request, template: str, opd, *, status: int = 200, **konteks) -> HttpResponse:
    konteks.setdefault("boleh_tulis", boleh_tulis_opd(request.user, opd))
    return render(request, template, {"opd": opd, **konteks}, status=status)


def _coba(request, form, simpan, sukses: str) -> bool:
    """Call the service; on refusal put its messages on the form. True when it saved."""
    try:
        simpan()
    except ValidationError as galat:
        tambah_galat(form, galat)
        return False
    messages.success(request, sukses)
    return True


def _url_renstra(renstra, anchor: str = "") -> str:
    url = reverse("renstra:detail", args=[renstra.opd.kode, renstra.pk])
    return f"{url}#{anchor}" if anchor else url


# --- Renstra ------------------------------------------------------------------------------------------------------


@login_required
@require_GET
def daftar(request, kode: str):
    opd = _opd(request, kode)
    return _render(request, "renstra/daftar.html", opd, baris=baca.renstra_list(opd=opd))


@login_required
@BACA_TULIS
def renstra_tambah(request, kode: str):
    opd = _opd(request, kode, form_tulis=True)
    form = RenstraForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hasil = {}

        def simpan():
            hasil["r"] = services.renstra_simpan(user=request.user, opd=opd, data=form.data_renstra())

        if _coba(request, form, simpan, "Renstra tersimpan. Tambahkan tujuan dan sasarannya."):
            return redirect(_url_renstra(hasil["r"]))
    return _render(request, "renstra/renstra_form.html", opd, form=form, renstra=None)


@login_required
@require_GET
def detail(request, kode: str, pk: int):
    opd = _opd(request, kode)
    renstra = baca.renstra_get(opd=opd, pk=pk)
    return _render(request, "renstra/detail.html", opd, d=baca.renstra_detail(renstra=renstra))


@login_required
@BACA_TULIS
def renstra_ubah(request, kode: str, pk: int):
    opd = _opd(request, kode, form_tulis=True)
    renstra = baca.renstra_get(opd=opd, pk=pk)
    form = RenstraForm(request.POST or None, initial=RenstraForm.awal(renstra))
    if request.method == "POST" and form.is_valid():
        simpan = lambda: services.renstra_simpan(  # noqa: E731
            user=request.user, opd=opd, renstra=renstra, data=form.data_renstra()
        )
        if _coba(request, form, simpan, "Renstra tersimpan."):
            return redirect(_url_renstra(renstra))
    return _render(request, "renstra/renstra_form.html", opd, form=form, renstra=renstra)


@login_required
@BACA_TULIS
def renstra_revisi(request, kode: str, pk: int):
    opd = _opd(request, kode, form_tulis=True)
    renstra = baca.renstra_get(opd=opd, pk=pk)
    pilihan = baca.indikator_revisi_pilihan(renstra=renstra)
    awal = {
        "nama": renstra.nama,
        "tahun_awal": renstra.tahun_awal + 1,
        "dasar_hukum": "",
        "indikator": [p for p, _ in pilihan],
    }
    form = RevisiForm(request.POST or None, initial=awal, pilihan=pilihan)
    if request.method == "POST" and form.is_valid():
        d, hasil = form.cleaned_data, {}

        def simpan():
            hasil["r"] = services.renstra_revisi_buat(
                user=request.user, renstra=renstra, nama=d["nama"], tahun_awal=d["tahun_awal"],
                dasar_hukum=d["dasar_hukum"], indikator_dibawa=d["indikator"],
            )

        if _coba(request, form, simpan, "Revisi Renstra dibuat."):
            return redirect(_url_renstra(hasil["r"]))
    return _render(request, "renstra/revisi_form.html", opd, form=form, renstra=renstra)


# --- tujuan and sasaran -------------------------------------------------------------------------------------------


def _form_bagian(request, opd, *, jenis: str, renstra, induk_teks: str, form, simpan, sukses: str, objek=None):
    if request.method == "POST" and form.is_valid() and _coba(request, form, lambda: simpan(form.data_bagian()), sukses):
        return redirect(_url_renstra(renstra, f"{jenis}-{objek.pk}" if objek else ""))
    return _render(
        request, "renstra/bagian_form.html", opd, form=form, renstra=renstra, jenis=jenis, objek=objek,
        induk_teks=induk_teks,
    )


@login_required
@BACA_TULIS
def tujuan_tambah(request, kode: str, pk: int):
    opd = _opd(request, kode, form_tulis=True)
    renstra = baca.renstra_get(opd=opd, pk=pk)
    form = TujuanSasaranForm(request.POST or None)
    return _form_bagian(
        request, opd, jenis="tujuan", renstra=renstra, induk_teks=str(renstra), form=form,
        simpan=lambda data: services.tujuan_simpan(user=request.user, renstra=renstra, data=data),
        sukses="Tujuan tersimpan.",
    )


@login_required
@BACA_TULIS
def tujuan_ubah(request, kode: str, pk: int):
    opd = _opd(request, kode, form_tulis=True)
    tujuan = baca.tujuan_get(opd=opd, pk=pk)
    form = TujuanSasaranForm(request.POST or None, initial=TujuanSasaranForm.awal(tujuan))
    return _form_bagian(
        request, opd, jenis="tujuan", renstra=tujuan.renstra, induk_teks=str(tujuan.renstra), form=form, objek=tujuan,
        simpan=lambda data: services.tujuan_simpan(user=request.user, renstra=tujuan.renstra, tujuan=tujuan, data=data),
        sukses="Tujuan tersimpan.",
    )


@login_required
@BACA_TULIS
def sasaran_tambah(request, kode: str, pk: int):
    opd = _opd(request, kode, form_tulis=True)
    tujuan = baca.tujuan_get(opd=opd, pk=pk)
    form = TujuanSasaranForm(request.POST or None, sasaran=True)
    return _form_bagian(
        request, opd, jenis="sasaran", renstra=tujuan.renstra, induk_teks=f"Tujuan {tujuan}", form=form,
        simpan=lambda data: services.sasaran_simpan(user=request.user, tujuan=tujuan, data=data),
        sukses="Sasaran tersimpan.",
    )


@login_required
@BACA_TULIS
def sasaran_ubah(request, kode: str, pk: int):
    opd = _opd(request, kode, form_tulis=True)
    sasaran = baca.sasaran_get(opd=opd, pk=pk)
    tujuan = sasaran.tujuan
    form = TujuanSasaranForm(request.POST or None, initial=TujuanSasaranForm.awal(sasaran), sasaran=True)
    return _form_bagian(
        request, opd, jenis="sasaran", renstra=tujuan.renstra, induk_teks=f"Tujuan {tujuan}", form=form, objek=sasaran,
        simpan=lambda data: services.sasaran_simpan(user=request.user, tujuan=tujuan, sasaran=sasaran, data=data),
        sukses="Sasaran tersimpan.",
    )


def _hapus(request, opd, *, judul: str, objek_teks: str, kembali: str, hapus, sukses: str):
    """GET: the confirmation page. POST: delete, or show why it cannot be deleted."""
    galat = []
    if request.method == "POST":
        try:
            hapus()
        except ValidationError as e:
            galat = e.messages
        else:
            messages.success(request, sukses)
            return redirect(kembali)
    return _render(
        request, "renstra/hapus.html", opd, judul=judul, objek_teks=objek_teks, kembali=kembali, galat=galat,
        status=422 if galat else 200,
    )


@login_required
@BACA_TULIS
def tujuan_hapus(request, kode: str, pk: int):
    opd = _opd(request, kode, form_tulis=True)
    tujuan = baca.tujuan_get(opd=opd, pk=pk)
    return _hapus(
        request, opd, judul="Hapus tujuan", objek_teks=f"Tujuan {tujuan}", kembali=_url_renstra(tujuan.renstra),
        hapus=lambda: services.tujuan_hapus(user=request.user, tujuan=tujuan), sukses=f"Tujuan {tujuan.kode} dihapus.",
    )


@login_required
@BACA_TULIS
def sasaran_hapus(request, kode: str, pk: int):
    opd = _opd(request, kode, form_tulis=True)
    sasaran = baca.sasaran_get(opd=opd, pk=pk)
    return _hapus(
        request, opd, judul="Hapus sasaran", objek_teks=f"Sasaran {sasaran}",
        kembali=_url_renstra(sasaran.tujuan.renstra),
        hapus=lambda: services.sasaran_hapus(user=request.user, sasaran=sasaran),
        sukses=f"Sasaran {sasaran.kode} dihapus.",
    )


# --- indicators --------------------------------------------------------------------------------------------------


def _kembali_indikator(indikator) -> str:
    """Where an indicator's pages lead back to: its Renstra, or the DPA lines of its year."""
    info_tahun = services.tahun_dpa(indikator)
    if info_tahun is not None:
        return f"{reverse('renstra:indikator_dpa', args=[indikator.opd.kode])}?tahun={info_tahun}#{indikator.level}-{indikator.induk.pk}"
    renstra = indikator.tujuan.renstra if indikator.tujuan_id else indikator.sasaran.tujuan.renstra
    return _url_renstra(renstra, f"indikator-{indikator.pk}")


def _form_indikator(request, opd, *, form, formset, info, induk_teks, kembali, boleh_ubah):
    return _render(
        request, "renstra/indikator_form.html", opd, form=form, formset=formset, info=info, induk_teks=induk_teks,
        kembali=kembali, boleh_ubah=boleh_ubah,
    )


@login_required
@BACA_TULIS
def indikator_tambah(request, kode: str, level: str, induk: int):
    opd = _opd(request, kode, form_tulis=True)
    objek_induk = baca.induk_get(opd=opd, level=level, pk=induk)
    form = IndikatorForm(request.POST or None, initial={"desimal": 2, "urutan": 0})
    formset = variabel_formset(request.POST or None)
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        hasil = {}

        def simpan():
            hasil["i"] = services.indikator_simpan(
                user=request.user, induk=objek_induk, data=form.data_indikator(), variabel=data_variabel(formset)
            )

        if _coba(request, form, simpan, "Indikator tersimpan. Isi targetnya per tahun."):
            return redirect("renstra:target", opd.kode, hasil["i"].pk)
    kembali = (
        _url_renstra(objek_induk.renstra if level == "tujuan" else objek_induk.tujuan.renstra)
        if level in ("tujuan", "sasaran")
        else f"{reverse('renstra:indikator_dpa', args=[opd.kode])}?tahun={objek_induk.program_induk.tahun}"
    )
    return _form_indikator(
        request, opd, form=form, formset=formset, info=None, induk_teks=baca.label_induk(objek_induk),
        kembali=kembali, boleh_ubah=True,
    )


@login_required
@BACA_TULIS
def indikator_ubah(request, kode: str, pk: int):
    opd = _opd(request, kode)
    indikator = baca.indikator_get(opd=opd, pk=pk)
    boleh_ubah = boleh_tulis_opd(request.user, opd)
    form = IndikatorForm(request.POST or None, initial=IndikatorForm.awal(indikator))
    formset = variabel_formset(request.POST or None, indikator=indikator)
    if not boleh_ubah:
        for f in (form, *formset.forms):
            for medan in f.fields.values():
                medan.disabled = True
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        simpan = lambda: services.indikator_simpan(  # noqa: E731
            user=request.user, indikator=indikator, data=form.data_indikator(), variabel=data_variabel(formset)
        )
        if _coba(request, form, simpan, f"Indikator {form.cleaned_data['kode']} tersimpan."):
            return redirect("renstra:indikator_ubah", opd.kode, indikator.pk)
    info = baca.indikator_info(indikator=indikator)
    return _form_indikator(
        request, opd, form=form, formset=formset, info=info, induk_teks=info.induk,
        kembali=_kembali_indikator(indikator), boleh_ubah=boleh_ubah,
    )


@login_required
@BACA_TULIS
def indikator_hapus(request, kode: str, pk: int):
    opd = _opd(request, kode, form_tulis=True)
    indikator = baca.indikator_get(opd=opd, pk=pk)
    return _hapus(
        request, opd, judul="Hapus indikator", objek_teks=f"Indikator {indikator}",
        kembali=_kembali_indikator(indikator),
        hapus=lambda: services.indikator_hapus(user=request.user, indikator=indikator),
        sukses=f"Indikator {indikator.kode} dihapus.",
    )


@login_required
@BACA_TULIS
def target(request, kode: str, pk: int):
    opd = _opd(request, kode)
    indikator = baca.indikator_get(opd=opd, pk=pk)
    tabel = baca.target_tabel(indikator=indikator)
    form = TargetForm(request.POST or None, tabel=tabel)
    if request.method == "POST" and form.is_valid():
        hasil = {}

        def simpan():
            hasil["h"] = services.target_simpan(user=request.user, indikator=indikator, nilai=form.nilai())

        if _coba(request, form, simpan, "Target tersimpan."):
            if not hasil["h"].diubah:
                messages.info(request, "Tidak ada target yang berubah.")
            return redirect("renstra:target", opd.kode, indikator.pk)
    return _render(
        request, "renstra/target.html", opd, form=form, tabel=tabel, indikator=indikator,
        induk_teks=baca.label_induk(indikator.induk), kembali=_kembali_indikator(indikator),
    )


@login_required
@require_GET
def indikator_dpa(request, kode: str):
    """The DPA lines of a year, each with its indicators and the way to add one."""
    opd = _opd(request, kode)
    daftar_tahun = baca.tahun_dpa_list(opd=opd)
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        tahun = daftar_tahun[0] if daftar_tahun else None
    baris = baca.mata_anggaran_list(opd=opd, tahun=tahun) if tahun else []
    return _render(
        request, "renstra/indikator_dpa.html", opd, tahun=tahun, daftar_tahun=daftar_tahun, baris=baris, tab="dpa"
    )


@login_required
@require_GET
def periksa_rumus(request, kode: str):
    """htmx: the formula as typed, checked against the input names the form declares."""
    _opd(request, kode, form_tulis=True)
    rumus = request.GET.get("rumus", "").strip()
    nama = nama_variabel_dari_query(request.GET)
    konteks = {"rumus": rumus, "sah": False, "pesan": "", "dipakai": (), "tak_dipakai": ()}
    if not rumus:
        konteks["pesan"] = "Rumus kosong: realisasi indikator ini diisi langsung."
        konteks["sah"] = None
    else:
        try:
            validasi_rumus(rumus, nama)
        except FormulaError as e:
            konteks["pesan"] = str(e)
        else:
            dipakai = tuple(dict.fromkeys(nama_dalam_rumus(rumus)))
            konteks.update(sah=True, pesan="Rumus sah", dipakai=dipakai, tak_dipakai=tuple(sorted(nama - set(dipakai))))
    return render(request, "renstra/_periksa_rumus.html", konteks)
