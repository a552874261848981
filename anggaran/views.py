"""The DPA screens of an OPD-year, under opd/<kode>/dpa/<tahun>/: the budget tree with its pagu, the forms
that add, change and delete its lines, the planned absorption per Tribulan, the workbook upload and its
template, and the history.

Reads go through `anggaran.selectors`, writes through `anggaran.services`; nothing is computed here.
Access: another OPD's page answers 404, a read-only user's write (and the write forms) 403. A frozen year
(its LKjIP submitted) is read-only except for the Pemda admin: its forms answer 403 with the reason.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from anggaran import selectors as baca
from anggaran import services
from anggaran.dpa_excel import HasilUnggah, Masalah, TemplateDPA, maks_byte, unggah_dpa
from anggaran.forms import HapusForm, MataAnggaranForm, RencanaForm, UnggahForm
from anggaran.models import LABEL_LEVEL_MATA, mata_anggaran_get
from inti.akses import get_opd_or_404, peran_pengguna
from inti.ekspor import respons_unduhan
from inti.periode import TAHUN_MAKS, TAHUN_MIN
from inti.tampilan import format_angka
from inti.tulis import KonflikSimpan

HEADER_TAMPIL = "X-DPA-Tampil"
PESAN_BEKU = "LKjIP tahun {tahun} sudah diajukan; DPA tahun itu hanya dapat dibaca sampai laporan dikembalikan ke draf."


def _layar(request, kode: str, tahun: int, *, tulis: bool = False) -> baca.LayarDPA:
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise Http404("Tahun tidak ditemukan.")
    opd = get_opd_or_404(request.user, kode, tulis=tulis)
    return baca.layar_get(opd=opd, tahun=tahun, akses=peran_pengguna(request.user))


def _url(nama: str, layar: baca.LayarDPA, *extra) -> str:
    return reverse(f"anggaran:{nama}", args=(layar.opd.kode, layar.tahun, *extra))


def _konteks(layar: baca.LayarDPA, aktif: str, **extra) -> dict:
    menu = [
        ("dpa", "DPA"),
        ("rencana", "Rencana penyerapan"),
        *([("unggah", "Unggah DPA")] if layar.boleh_tulis else []),
        ("riwayat", "Riwayat"),
    ]
    return {
        "layar": layar,
        "opd": layar.opd,
        "aktif": aktif,
        "menu": [(nama, judul, _url(nama, layar)) for nama, judul in menu],
        "pesan_beku": PESAN_BEKU.format(tahun=layar.tahun),
        **extra,
    }


def _beku_403(request, layar: baca.LayarDPA) -> HttpResponse:
    return render(request, "anggaran/ditolak.html", _konteks(layar, "dpa"), status=403)


# --- the DPA tree --------------------------------------------------------------------------------------------


@login_required
def dpa(request, kode: str, tahun: int):
    layar = _layar(request, kode, tahun)
    halaman = baca.dpa_get(layar=layar)
    return render(request, "anggaran/dpa.html", _konteks(layar, "dpa", halaman=halaman))


def _form_mata(request, layar, *, level: str, awal: dict | None = None, sasaran_terpilih: int | None = None):
    pilihan = (
        baca.sasaran_pilihan(opd=layar.opd, tahun=layar.tahun, termasuk=sasaran_terpilih)
        if level == "program"
        else None
    )
    return MataAnggaranForm(
        request.POST if request.method == "POST" else None,
        initial=awal,
        level=level,
        contoh_kode=services.CONTOH_KODE[level],
        sasaran_pilihan=pilihan,
    )


def _simpan_form(request, layar, form, simpan, pesan: str, konteks: dict):
    """Run the service for a valid form; back to the DPA page, or the form with the service's messages."""
    if request.method == "POST" and form.is_valid():
        try:
            mata = simpan(form)
        except KonflikSimpan as konflik:
            form.add_error(None, konflik.pesan)
        except ValidationError as galat:
            if getattr(galat, "code", None) == "laporan_dibekukan":
                return _beku_403(request, layar)
            form.tampilkan_galat(galat)
        else:
            messages.success(request, pesan.format(kode=mata.kode))
            return redirect(f"{_url('dpa', layar)}#{mata.level}-{mata.pk}")
    status = 200 if not form.is_bound or form.is_valid() or request.method != "POST" else 422
    return render(
        request, "anggaran/mata_form.html", _konteks(layar, "dpa", form=form, **konteks), status=status
    )


def _sasaran(layar, pk):
    return baca.sasaran_get(opd=layar.opd, pk=pk) if pk else None


@login_required
@require_http_methods(["GET", "POST"])
def program_tambah(request, kode: str, tahun: int):
    layar = _layar(request, kode, tahun, tulis=True)
    if not layar.boleh_ubah:
        return _beku_403(request, layar)
    form = _form_mata(request, layar, level="program")

    def simpan(form):
        d = form.cleaned_data
        return services.program_buat(
            user=request.user,
            opd=layar.opd,
            tahun=tahun,
            kode=d["kode"],
            nama=d["nama"],
            sasaran=_sasaran(layar, d.get("sasaran")),
            pagu=form.pagu_baru(),
            alasan=d["alasan"],
        )

    return _simpan_form(
        request, layar, form, simpan, "Program {kode} ditambahkan.", {"level": "program", "induk": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def kegiatan_tambah(request, kode: str, tahun: int, pk: int):
    layar = _layar(request, kode, tahun, tulis=True)
    program = mata_anggaran_get(opd=layar.opd, level="program", pk=pk, tahun=tahun)
    if not layar.boleh_ubah:
        return _beku_403(request, layar)
    form = _form_mata(request, layar, level="kegiatan", awal={"kode": f"{program.kode}."})

    def simpan(form):
        d = form.cleaned_data
        return services.kegiatan_buat(
            user=request.user,
            program=program,
            kode=d["kode"],
            nama=d["nama"],
            pagu=form.pagu_baru(),
            alasan=d["alasan"],
        )

    return _simpan_form(
        request, layar, form, simpan, "Kegiatan {kode} ditambahkan.", {"level": "kegiatan", "induk": program}
    )


@login_required
@require_http_methods(["GET", "POST"])
def sub_kegiatan_tambah(request, kode: str, tahun: int, pk: int):
    layar = _layar(request, kode, tahun, tulis=True)
    kegiatan = mata_anggaran_get(opd=layar.opd, level="kegiatan", pk=pk, tahun=tahun)
    if not layar.boleh_ubah:
        return _beku_403(request, layar)
    form = _form_mata(request, layar, level="sub_kegiatan", awal={"kode": f"{kegiatan.kode}."})

    def simpan(form):
        d = form.cleaned_data
        return services.sub_kegiatan_buat(
            user=request.user,
            kegiatan=kegiatan,
            kode=d["kode"],
            nama=d["nama"],
            pagu=form.pagu_baru(),
            alasan=d["alasan"],
        )

    return _simpan_form(
        request,
        layar,
        form,
        simpan,
        "Sub kegiatan {kode} ditambahkan.",
        {"level": "sub_kegiatan", "induk": kegiatan},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ubah(request, kode: str, tahun: int, level: str, pk: int):
    layar = _layar(request, kode, tahun, tulis=True)
    mata = mata_anggaran_get(opd=layar.opd, level=level, pk=pk, tahun=tahun)
    if not layar.boleh_ubah:
        return _beku_403(request, layar)
    baris = baca.baris_dpa_get(layar=layar, level=level, pk=pk)
    awal = {
        "kode": mata.kode,
        "nama": mata.nama,
        "pagu_dpa": baris.murni.sendiri,
        "semula_dpa": baris.murni.sendiri,
        "pagu_dpa_perubahan": baris.perubahan.sendiri,
        "semula_dpa_perubahan": baris.perubahan.sendiri,
    }
    sasaran_id = getattr(mata, "sasaran_id", None)
    if level == "program":
        awal["sasaran"] = sasaran_id
    form = _form_mata(request, layar, level=level, awal=awal, sasaran_terpilih=sasaran_id)

    def simpan(form):
        d = form.cleaned_data
        extra = {"sasaran": _sasaran(layar, d.get("sasaran"))} if level == "program" else {}
        return services.mata_anggaran_ubah(
            user=request.user,
            mata=mata,
            kode=d["kode"],
            nama=d["nama"],
            pagu=form.pagu(),
            alasan=d["alasan"],
            **extra,
        )

    label = LABEL_LEVEL_MATA[level]
    return _simpan_form(
        request,
        layar,
        form,
        simpan,
        label + " {kode} disimpan.",
        {"level": level, "mata": mata, "baris": baris},
    )


@login_required
@require_http_methods(["GET", "POST"])
def hapus(request, kode: str, tahun: int, level: str, pk: int):
    layar = _layar(request, kode, tahun, tulis=True)
    mata = mata_anggaran_get(opd=layar.opd, level=level, pk=pk, tahun=tahun)
    if not layar.boleh_ubah:
        return _beku_403(request, layar)
    form = HapusForm(request.POST or None)
    baris = baca.baris_dpa_get(layar=layar, level=level, pk=pk)
    sebab = services.ketergantungan(mata)
    if request.method == "POST" and form.is_valid():
        try:
            services.mata_anggaran_hapus(user=request.user, mata=mata, alasan=form.cleaned_data["alasan"])
        except ValidationError as galat:
            if getattr(galat, "code", None) == "laporan_dibekukan":
                return _beku_403(request, layar)
            form.add_error(None, galat.messages)
        else:
            messages.success(request, f"{LABEL_LEVEL_MATA[level]} {mata.kode} dihapus.")
            return redirect(_url("dpa", layar))
    konteks = _konteks(layar, "dpa", form=form, mata=mata, baris=baris, sebab=sebab, level=level)
    return render(request, "anggaran/hapus.html", konteks, status=422 if form.errors else 200)


# --- planned absorption -------------------------------------------------------------------------------------------


def _isian_rencana(baris, form=None, galat: str = "", sukses: str = "") -> dict:
    return {"data": baris, "form": form or RencanaForm.dari(baris), "galat": galat, "sukses": sukses}


@login_required
def rencana(request, kode: str, tahun: int):
    layar = _layar(request, kode, tahun)
    halaman = baca.rencana_list(layar=layar)
    baris = [_isian_rencana(b) for b in halaman.baris]
    return render(request, "anggaran/rencana.html", _konteks(layar, "rencana", halaman=halaman, baris=baris))


@login_required
def rencana_simpan(request, kode: str, tahun: int, pk: int):
    layar = _layar(request, kode, tahun, tulis=request.method == "POST")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    sub = mata_anggaran_get(opd=layar.opd, level="sub_kegiatan", pk=pk, tahun=tahun)
    form = RencanaForm(request.POST, kunci=f"rencana-{sub.pk}")
    status, galat, sukses, tampil_form = 200, "", "", None
    if not layar.boleh_ubah:
        status, galat = 403, PESAN_BEKU.format(tahun=tahun)
    elif not form.is_valid():
        status, tampil_form = 422, form
        galat = " ".join(p for daftar in form.errors.values() for p in daftar)
    else:
        try:
            peringatan = services.rencana_penyerapan_simpan(
                user=request.user,
                sub_kegiatan=sub,
                nilai=form.nilai(),
                semula=form.semula(),
                alasan=form.cleaned_data["alasan"],
            )
        except KonflikSimpan as konflik:
            status, galat = 409, konflik.pesan
        except ValidationError as e:
            status = 403 if getattr(e, "code", None) == "laporan_dibekukan" else 422
            galat, tampil_form = " ".join(e.messages), (form if status == 422 else None)
        else:
            sukses = f"Rencana penyerapan {sub.kode} tersimpan" + (
                " dengan peringatan." if peringatan else "."
            )
    if request.headers.get("HX-Request") != "true":
        if status == 403:
            return _beku_403(request, layar)
        (messages.success if status == 200 else messages.error)(request, sukses or galat)
        return redirect(f"{_url('rencana', layar)}#rencana-{sub.pk}")
    baris = baca.rencana_get(layar=layar, sub_kegiatan=sub)
    html = render_to_string(
        "anggaran/_rencana_baris.html",
        {"b": _isian_rencana(baris, tampil_form, galat, sukses), "layar": layar},
        request=request,
    )
    respons = HttpResponse(html, status=status)
    if status != 200:
        respons[HEADER_TAMPIL] = "1"
    return respons


# --- the workbook ----------------------------------------------------------------------------------------------------


@login_required
def template(request, kode: str, tahun: int):
    layar = _layar(request, kode, tahun)
    return respons_unduhan(TemplateDPA(layar.opd, layar.tahun))


@login_required
@require_http_methods(["GET", "POST"])
def unggah(request, kode: str, tahun: int):
    layar = _layar(request, kode, tahun, tulis=True)
    if not layar.boleh_ubah:
        return _beku_403(request, layar)
    hasil = None
    form = UnggahForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        if berkas.size > maks_byte():
            # Refused on its declared size, before a byte of it is read into memory.
            hasil = HasilUnggah(
                masalah=[
                    Masalah(
                        None,
                        "",
                        f"Berkas terlalu besar ({_mb(berkas.size)} MB); paling besar {_mb(maks_byte())} MB.",
                    )
                ]
            )
        else:
            hasil = unggah_dpa(berkas.read(), user=request.user, opd=layar.opd, tahun=tahun)
        if hasil.tersimpan:
            messages.success(request, f"DPA {tahun} tersimpan: {len(hasil.perubahan)} perubahan.")
    konteks = _konteks(layar, "unggah", form=form, hasil=hasil, maks_mb=_mb(maks_byte()))
    return render(request, "anggaran/unggah.html", konteks, status=422 if hasil and hasil.masalah else 200)


def _mb(ukuran: int) -> str:
    return format_angka(Decimal(ukuran) / (1024 * 1024), 1)


# --- history ------------------------------------------------------------------------------------------------------


@login_required
def riwayat(request, kode: str, tahun: int):
    layar = _layar(request, kode, tahun)
    return render(
        request, "anggaran/riwayat.html", _konteks(layar, "riwayat", baris=baca.riwayat_dpa(layar=layar))
    )
