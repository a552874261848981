"""Monev entry screens: an OPD's realisasi, Kertas Kerja inputs, budget realisasi and analysis for one
year and Tribulan, with the history of every value, evidence files and review notes.

Every screen reads through a selector (`capaian.selectors.monev`), which computes the year once with the
engine and shows its figures next to the inputs; nothing is computed or queried here. Every write goes
through a service (`capaian.services`, `anggaran.services`, `capaian.bukti`), one row form at a time:

- with htmx the response is the re-rendered row (or card, or table) with the engine's new figures, or
  the same with an Indonesian message and nothing saved: 422 for bad input, 409 for a stale form, 403
  for a locked period. Those responses carry `X-Monev-Tampil`, which tells the page script to show
  them even though their status is an error;
- without JavaScript the same form posts normally and is redirected back with a message (a locked
  period answers 403 with a page saying so).

Access: another OPD's object answers 404, a read-only user's write 403 (`inti.akses`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from anggaran import services as layanan_anggaran
from anggaran.models import mata_anggaran_get
from capaian import bukti as layanan_bukti
from capaian import services
from capaian.forms_monev import (
    AnalisisForm,
    BarisTabelForm,
    BuktiForm,
    CatatanReviuForm,
    HapusBarisTabelForm,
    NilaiVariabelForm,
    RealisasiAnggaranForm,
    RealisasiForm,
    TambahBarisTabelForm,
)
from capaian.selectors import monev as baca
from capaian.selectors.monev import Layar
from inti.akses import get_opd_or_404, peran_pengguna
from inti.periode import TAHUN_MAKS, TAHUN_MIN
from inti.tulis import KonflikSimpan

HEADER_TAMPIL = "X-Monev-Tampil"


# --- the frame, the outcome of a write, the answer ----------------------------------------------------------


def _layar(request, kode: str, tahun: int, tribulan: int, *, tulis: bool = False) -> Layar:
    opd = get_opd_or_404(request.user, kode, tulis=tulis)
    return baca.layar_get(opd=opd, tahun=tahun, tribulan=tribulan, akses=peran_pengguna(request.user))


def _layar_post(request, kode: str, tahun: int, tribulan: int) -> Layar | HttpResponse:
    """The frame for a write: 404 for another OPD, 403 for a read-only user, 405 for anything but POST."""
    layar = _layar(request, kode, tahun, tribulan, tulis=request.method == "POST")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return layar


def _htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _konteks(layar: Layar, aktif: str, **extra) -> dict:
    return {
        "layar": layar,
        "opd": layar.opd,
        "aktif": aktif,
        "menu": layar.menu(),
        "tautan_tribulan": layar.tautan_tribulan(aktif),
        **extra,
    }


@dataclass(frozen=True)
class Hasil:
    """The outcome of one write, for the response: HTTP status and the message to show."""

    status: int = 200
    pesan: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200


def _tulis(layar: Layar, simpan: Callable[[], Any], pesan_sukses: str) -> Hasil:
    """Run a service call and turn its refusal into a status and an Indonesian message."""
    if layar.dikunci:
        return Hasil(403, layar.pesan_terkunci)
    try:
        simpan()
    except KonflikSimpan as konflik:
        return Hasil(409, konflik.pesan)
    except ValidationError as galat:
        status = 403 if getattr(galat, "code", None) == "periode_terkunci" else 422
        return Hasil(status, " ".join(galat.messages))
    return Hasil(200, pesan_sukses)


def _galat_form(form, layar: Layar | None = None) -> Hasil:
    """Bad input: 422 with the form's messages. In a locked period the lock is what the user must
    hear about first (403), whatever was typed."""
    if layar is not None and layar.dikunci:
        return Hasil(403, layar.pesan_terkunci)
    return Hasil(422, " ".join(pesan for daftar in form.errors.values() for pesan in daftar))


def _ditolak(request, layar: Layar, hasil: Hasil, kembali: str) -> HttpResponse:
    return render(
        request,
        "capaian/monev/ditolak.html",
        {"layar": layar, "pesan": hasil.pesan, "kembali": kembali},
        status=403,
    )


def _kembali(request, layar: Layar, hasil: Hasil, kembali: str) -> HttpResponse:
    """Without htmx: a locked period's page (403), else back to the screen with the message."""
    if hasil.status == 403:
        return _ditolak(request, layar, hasil, kembali)
    (messages.success if hasil.ok else messages.error)(request, hasil.pesan)
    return redirect(kembali)


def _jawab(request, layar: Layar, hasil: Hasil, *, kembali: str, html: Callable[[], str]) -> HttpResponse:
    """htmx: the re-rendered fragment with the outcome's status. Otherwise: back to the screen."""
    if not _htmx(request):
        return _kembali(request, layar, hasil, kembali)
    respons = HttpResponse(html(), status=hasil.status)
    if not hasil.ok:
        respons[HEADER_TAMPIL] = "1"
    return respons


# --- rows with their forms -------------------------------------------------------------------------------------


@dataclass
class Isian:
    """A row (or card) a selector read, the form that edits it (None: not editable on this screen), the
    outcome of the last save shown in place, and the rows under it (a card's)."""

    data: Any
    form: Any = None
    galat: str = ""
    sukses: str = ""
    form_hapus: Any = None
    rincian: list = field(default_factory=list)


@dataclass(frozen=True)
class Sorot:
    """The row a save answers for (`kunci` of its form), the outcome, and the bound form that shows
    the user's input again after bad input."""

    kunci: str = ""
    hasil: Hasil = Hasil()
    form: Any = None


def _isian(data, form, sorot: Sorot | None, **extra) -> Isian:
    """`data` with its fresh `form`; the row the save answers for gets its message, and after bad input
    the form as the user filled it (after a conflict: the fresh form, which shows what is stored now)."""
    if sorot is None or form is None or form.kunci != sorot.kunci:
        return Isian(data, form, **extra)
    if sorot.hasil.status == 422 and sorot.form is not None:
        form = sorot.form
    ok = sorot.hasil.ok
    return Isian(
        data, form, galat="" if ok else sorot.hasil.pesan, sukses=sorot.hasil.pesan if ok else "", **extra
    )


def _grup(grup: list[baca.Grup], isian: Callable[[Any], Isian]) -> list[baca.Grup]:
    return [replace(g, baris=tuple(isian(b) for b in g.baris)) for g in grup]


# --- realisasi of the indicators --------------------------------------------------------------------------


def _isian_realisasi(layar: Layar, b: baca.BarisRealisasi, sorot: Sorot | None = None) -> Isian:
    return _isian(b, RealisasiForm.dari(b, terkunci=not layar.boleh_ubah), sorot)


@login_required
def realisasi(request, kode: str, tahun: int, tribulan: int):
    layar = _layar(request, kode, tahun, tribulan)
    isi = baca.realisasi_list(layar=layar)
    grup = _grup(isi.grup, lambda b: _isian_realisasi(layar, b))
    return render(request, "capaian/monev/realisasi.html", _konteks(layar, "realisasi", grup=grup))


@login_required
def realisasi_simpan(request, kode: str, tahun: int, tribulan: int, indikator_pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    indikator = baca.indikator_tahun_get(layar=layar, pk=indikator_pk)
    form = RealisasiForm(request.POST, kunci=RealisasiForm.kunci_untuk(indikator.pk))
    perlu_konfirmasi = False
    if not form.is_valid():
        hasil = _galat_form(form, layar)
    else:
        d = form.cleaned_data

        def simpan():
            nonlocal perlu_konfirmasi
            try:
                services.realisasi_simpan(
                    user=request.user,
                    indikator=indikator,
                    tahun=tahun,
                    tribulan=tribulan,
                    nilai=d["nilai"],
                    versi=d["versi"],
                    keterangan=d["keterangan"],
                    konfirmasi=d["konfirmasi"],
                )
            except services.PerluKonfirmasi:
                perlu_konfirmasi = True
                raise

        hasil = _tulis(layar, simpan, f"Realisasi {indikator.kode} {layar.nama_tribulan} {tahun} tersimpan.")

    def html():
        baris = baca.realisasi_get(layar=layar, indikator=indikator)
        b = _isian_realisasi(layar, baris, Sorot(form.kunci, hasil, form))
        return render_to_string(
            "capaian/monev/_realisasi_baris.html",
            {"b": b, "layar": layar, "perlu_konfirmasi": perlu_konfirmasi},
            request=request,
        )

    return _jawab(
        request, layar, hasil, kembali=f"{layar.url('realisasi')}#realisasi-{indikator.pk}", html=html
    )


# --- Kertas Kerja: formula inputs and supporting tables ------------------------------------------------------


def _isian_rumus(layar: Layar, k: baca.KartuRumus, sorot: Sorot | None = None) -> Isian:
    terkunci = not layar.boleh_ubah
    masukan = [
        _isian(m, None if m.dari_tabel else NilaiVariabelForm.dari(m, terkunci=terkunci), sorot)
        for m in k.input
    ]
    return Isian(k, rincian=masukan)


def _isian_tabel(layar: Layar, t: baca.KartuTabel, sorot: Sorot | None = None) -> Isian:
    terkunci = not layar.boleh_ubah
    baris = [
        _isian(b, BarisTabelForm.dari(b, terkunci=terkunci), sorot, form_hapus=HapusBarisTabelForm.dari(b))
        for b in t.baris
    ]
    return _isian(t, TambahBarisTabelForm.dari(t.tabel, terkunci=terkunci), sorot, rincian=baris)


def _isi_kertas_kerja(layar: Layar, sorot: Sorot | None = None) -> dict:
    isi = baca.kertas_kerja_get(layar=layar)
    return {
        "kartu": [_isian_rumus(layar, k, sorot) for k in isi.kartu],
        "tabel": [_isian_tabel(layar, t, sorot) for t in isi.tabel],
    }


@login_required
def kertas_kerja(request, kode: str, tahun: int, tribulan: int):
    layar = _layar(request, kode, tahun, tribulan)
    isi = _isi_kertas_kerja(layar)
    return render(request, "capaian/monev/kertas_kerja.html", _konteks(layar, "kertas_kerja", isi=isi))


def _jawab_kertas_kerja(request, layar: Layar, hasil: Hasil, sorot: Sorot, *, kartu_indikator=None):
    """htmx: the formula card of `kartu_indikator`, or the whole Kertas Kerja when a table changed."""
    anchor = f"rumus-{kartu_indikator.pk}" if kartu_indikator is not None else "tabel-pendukung"

    def html():
        if kartu_indikator is not None:
            kartu = baca.kartu_rumus_get(layar=layar, indikator=kartu_indikator)
            k = _isian_rumus(layar, kartu, sorot)
            return render_to_string(
                "capaian/monev/_rumus_kartu.html", {"k": k, "layar": layar}, request=request
            )
        isi = _isi_kertas_kerja(layar, sorot)
        return render_to_string(
            "capaian/monev/_kertas_kerja_isi.html", {"isi": isi, "layar": layar}, request=request
        )

    return _jawab(request, layar, hasil, kembali=f"{layar.url('kertas_kerja')}#{anchor}", html=html)


@login_required
def nilai_variabel_simpan(request, kode: str, tahun: int, tribulan: int, variabel_pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    variabel = baca.variabel_get(layar=layar, pk=variabel_pk)
    indikator = baca.indikator_tahun_get(layar=layar, pk=variabel.indikator_id)
    form = NilaiVariabelForm(request.POST, kunci=NilaiVariabelForm.kunci_untuk(variabel.pk))
    if not form.is_valid():
        hasil = _galat_form(form, layar)
    else:
        d = form.cleaned_data
        hasil = _tulis(
            layar,
            lambda: services.nilai_variabel_simpan(
                user=request.user,
                variabel=variabel,
                tahun=tahun,
                tribulan=tribulan,
                nilai=d["nilai"],
                semula=d["semula"],
            ),
            f"Nilai {variabel.label} ({indikator.kode}) {layar.nama_tribulan} {tahun} tersimpan.",
        )
    return _jawab_kertas_kerja(
        request, layar, hasil, Sorot(form.kunci, hasil, form), kartu_indikator=indikator
    )


@login_required
def baris_tabel_simpan(request, kode: str, tahun: int, tribulan: int, baris_pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    baris = baca.baris_tabel_get(layar=layar, pk=baris_pk)
    form = BarisTabelForm(request.POST, kunci=BarisTabelForm.kunci_untuk(baris.pk))
    if not form.is_valid():
        hasil = _galat_form(form, layar)
    else:
        d = form.cleaned_data
        hasil = _tulis(
            layar,
            lambda: services.baris_tabel_simpan(
                user=request.user, baris=baris, nilai=d["nilai"], semula=d["semula"], tribulan=tribulan
            ),
            f"Baris “{baris.label}” kolom {baris.kolom} tersimpan.",
        )
    return _jawab_kertas_kerja(request, layar, hasil, Sorot(form.kunci, hasil, form))


@login_required
def baris_tabel_hapus(request, kode: str, tahun: int, tribulan: int, baris_pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    baris = baca.baris_tabel_get(layar=layar, pk=baris_pk)
    form = HapusBarisTabelForm(request.POST, kunci=HapusBarisTabelForm.kunci_untuk(baris.pk))
    if not form.is_valid():
        hasil = _galat_form(form, layar)
    else:
        hasil = _tulis(
            layar,
            lambda: services.baris_tabel_hapus(
                user=request.user, baris=baris, semula=form.cleaned_data["semula"], tribulan=tribulan
            ),
            f"Baris “{baris.label}” kolom {baris.kolom} dihapus.",
        )
    # The row is gone when it worked: its message goes to the table's card.
    if hasil.ok:
        kunci = TambahBarisTabelForm.kunci_untuk(baris.tabel_id)
    else:
        kunci = BarisTabelForm.kunci_untuk(baris.pk)
    return _jawab_kertas_kerja(request, layar, hasil, Sorot(kunci, hasil))


@login_required
def baris_tabel_tambah(request, kode: str, tahun: int, tribulan: int, tabel_pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    tabel = baca.tabel_pendukung_get(layar=layar, pk=tabel_pk)
    form = TambahBarisTabelForm(request.POST, kunci=TambahBarisTabelForm.kunci_untuk(tabel.pk))
    if not form.is_valid():
        hasil = _galat_form(form, layar)
    else:
        d = form.cleaned_data
        hasil = _tulis(
            layar,
            lambda: services.baris_tabel_tambah(
                user=request.user,
                tabel=tabel,
                label=d["label"],
                kolom=d["kolom"],
                nilai=d["nilai"],
                tribulan=tribulan,
            ),
            f"Baris “{d['label']}” kolom {d['kolom']} ditambahkan.",
        )
    return _jawab_kertas_kerja(request, layar, hasil, Sorot(form.kunci, hasil, form))


# --- budget realisasi ----------------------------------------------------------------------------------------


def _isi_anggaran(layar: Layar, sorot: Sorot | None = None) -> dict:
    isi = baca.anggaran_list(layar=layar)
    terkunci = not layar.boleh_ubah
    baris = [
        _isian(b, RealisasiAnggaranForm.dari(b, terkunci=terkunci) if b.bisa_diisi else None, sorot)
        for b in isi.baris
    ]
    return {"baris": baris, "jumlah": isi.jumlah, "dokumen_anggaran": isi.dokumen_anggaran}


@login_required
def anggaran(request, kode: str, tahun: int, tribulan: int):
    layar = _layar(request, kode, tahun, tribulan)
    return render(request, "capaian/monev/anggaran.html", _konteks(layar, "anggaran", **_isi_anggaran(layar)))


@login_required
def anggaran_simpan(request, kode: str, tahun: int, tribulan: int, level: str, pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    mata = mata_anggaran_get(opd=layar.opd, level=level, pk=pk, tahun=tahun)
    form = RealisasiAnggaranForm(request.POST, kunci=RealisasiAnggaranForm.kunci_untuk(mata.level, mata.pk))
    if not form.is_valid():
        hasil = _galat_form(form, layar)
    else:
        d = form.cleaned_data
        hasil = _tulis(
            layar,
            lambda: layanan_anggaran.realisasi_anggaran_simpan(
                user=request.user,
                mata_anggaran=mata,
                tribulan=tribulan,
                nilai=d["nilai"],
                semula=d["semula"],
                keterangan=d["keterangan"],
            ),
            f"Realisasi anggaran {mata.kode} s.d. {layar.nama_tribulan} {tahun} tersimpan.",
        )

    def html():
        konteks = {"layar": layar, **_isi_anggaran(layar, Sorot(form.kunci, hasil, form))}
        return render_to_string("capaian/monev/_anggaran_tabel.html", konteks, request=request)

    kembali = f"{layar.url('anggaran')}#anggaran-{mata.level}-{mata.pk}"
    return _jawab(request, layar, hasil, kembali=kembali, html=html)


# --- analysis ----------------------------------------------------------------------------------------------------


def _isian_analisis(layar: Layar, k: baca.KartuAnalisis, sorot: Sorot | None = None) -> Isian:
    # The analysis is yearly: no Tribulan lock applies to it (see `services.analisis_simpan`).
    return _isian(k, AnalisisForm.dari(k, terkunci=not layar.boleh_tulis), sorot)


@login_required
def analisis(request, kode: str, tahun: int, tribulan: int):
    layar = _layar(request, kode, tahun, tribulan)
    isi = baca.analisis_list(layar=layar)
    grup = _grup(isi.grup, lambda k: _isian_analisis(layar, k))
    return render(request, "capaian/monev/analisis.html", _konteks(layar, "analisis", grup=grup))


@login_required
def analisis_simpan(request, kode: str, tahun: int, tribulan: int, indikator_pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    indikator = baca.indikator_tahun_get(layar=layar, pk=indikator_pk)
    form = AnalisisForm(request.POST, kunci=AnalisisForm.kunci_untuk(indikator.pk))
    if not form.is_valid():
        hasil = _galat_form(form)
    else:
        try:
            services.analisis_simpan(
                user=request.user, indikator=indikator, tahun=tahun, teks=form.teks(), semula=form.semula()
            )
            hasil = Hasil(200, f"Analisis {indikator.kode} tahun {tahun} tersimpan.")
        except KonflikSimpan as konflik:
            hasil = Hasil(409, konflik.pesan)
        except ValidationError as galat:
            hasil = Hasil(422, " ".join(galat.messages))

    def html():
        kartu = baca.analisis_get(layar=layar, indikator=indikator)
        k = _isian_analisis(layar, kartu, Sorot(form.kunci, hasil, form))
        return render_to_string(
            "capaian/monev/_analisis_kartu.html", {"k": k, "layar": layar}, request=request
        )

    return _jawab(
        request, layar, hasil, kembali=f"{layar.url('analisis')}#analisis-{indikator.pk}", html=html
    )


# --- history -------------------------------------------------------------------------------------------------------


@login_required
def riwayat(request, kode: str, tahun: int, tribulan: int, jenis: str, pk: int):
    """Read-only: the history of a value can be seen, never edited (there is no URL that writes it)."""
    layar = _layar(request, kode, tahun, tribulan)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    isi = baca.riwayat_get(layar=layar, jenis=jenis, pk=pk)
    konteks = {"layar": layar, "opd": layar.opd, "subjek": isi.subjek, "entri": isi.baris}
    if _htmx(request):
        return render(request, "capaian/monev/_riwayat.html", konteks)
    return render(request, "capaian/monev/riwayat.html", konteks)


# --- one indicator: quarterly values, evidence, review notes ---------------------------------------------------


@login_required
def indikator(request, kode: str, tahun: int, tribulan: int, indikator_pk: int):
    layar = _layar(request, kode, tahun, tribulan)
    objek = baca.indikator_tahun_get(layar=layar, pk=indikator_pk)
    isi = baca.indikator_halaman_get(layar=layar, indikator=objek)
    konteks = _konteks(
        layar,
        "realisasi",
        h=isi.hasil,
        bukti=isi.bukti,
        catatan=isi.catatan,
        tribulan_list=isi.realisasi_tw,
        form_bukti=BuktiForm() if layar.boleh_ubah else None,
        form_catatan=CatatanReviuForm(initial={"indikator": objek.pk, "tribulan": tribulan})
        if layar.boleh_reviu
        else None,
        batas_bukti=layanan_bukti.format_ukuran(layanan_bukti.batas_ukuran()),
    )
    konteks["tautan_tribulan"] = layar.tautan_tribulan("indikator", objek.pk)
    return render(request, "capaian/monev/indikator.html", konteks)


@login_required
def bukti_unggah(request, kode: str, tahun: int, tribulan: int, indikator_pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    objek = baca.indikator_tahun_get(layar=layar, pk=indikator_pk)
    kembali = reverse("monev:indikator", args=(*layar.args(), objek.pk)) + "#bukti"
    form = BuktiForm(request.POST, request.FILES)
    if not form.is_valid():
        hasil = _galat_form(form, layar)
    else:
        d = form.cleaned_data
        hasil = _tulis(
            layar,
            lambda: layanan_bukti.bukti_unggah(
                user=request.user,
                indikator=objek,
                tahun=tahun,
                tribulan=tribulan,
                berkas=d["berkas"],
                keterangan=d["keterangan"],
            ),
            f"Bukti dukung “{d['berkas'].name}” tersimpan.",
        )
    return _kembali(request, layar, hasil, kembali)


@login_required
def bukti_unduh(request, kode: str, pk: int):
    if request.method not in ("GET", "HEAD"):
        get_opd_or_404(request.user, kode)
        return HttpResponseNotAllowed(["GET"])
    bukti = baca.bukti_get(opd=get_opd_or_404(request.user, kode), pk=pk)
    try:
        berkas = bukti.berkas.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas tidak ditemukan.") from None
    respons = FileResponse(
        berkas,
        as_attachment=True,
        filename=layanan_bukti.nama_unduhan(bukti),
        content_type=bukti.jenis_konten,
    )
    # Served as a download, never rendered in the site's origin.
    respons["Content-Security-Policy"] = "default-src 'none'; sandbox"
    respons["X-Content-Type-Options"] = "nosniff"
    return respons


@login_required
def bukti_hapus(request, kode: str, pk: int):
    opd = get_opd_or_404(request.user, kode, tulis=request.method == "POST")
    bukti = baca.bukti_get(opd=opd, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    layar = baca.layar_get(
        opd=bukti.indikator.opd,
        tahun=bukti.tahun,
        tribulan=bukti.tribulan,
        akses=peran_pengguna(request.user),
    )
    kembali = reverse("monev:indikator", args=(*layar.args(), bukti.indikator_id)) + "#bukti"
    hasil = _tulis(
        layar,
        lambda: layanan_bukti.bukti_hapus(user=request.user, bukti=bukti),
        f"Bukti dukung “{bukti.nama_asli}” dihapus.",
    )
    return _kembali(request, layar, hasil, kembali)


@login_required
def catatan_tambah(request, kode: str, tahun: int):
    opd = get_opd_or_404(request.user, kode)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not peran_pengguna(request.user).boleh_reviu(opd.pk):
        raise PermissionDenied("Hanya auditor atau admin yang dapat menulis catatan reviu.")
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise Http404("Periode tidak ditemukan.")
    form = CatatanReviuForm(request.POST)
    lanjut = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        lanjut, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        lanjut = f"{reverse('lkjip:opd', args=(opd.kode,))}?tahun={tahun}"
    if not form.is_valid():
        messages.error(request, _galat_form(form).pesan)
        return redirect(lanjut)
    d = form.cleaned_data
    objek = baca.indikator_opd_get(opd=opd, pk=d["indikator"]) if d["indikator"] is not None else None
    try:
        services.catatan_reviu_tambah(
            user=request.user, opd=opd, tahun=tahun, teks=d["teks"], indikator=objek, tribulan=d["tribulan"]
        )
    except ValidationError as galat:
        messages.error(request, " ".join(galat.messages))
    else:
        messages.success(request, "Catatan reviu tersimpan.")
    return redirect(lanjut)
