"""Capaian tables across OPDs, drill-down from any figure, the Pemda overview and the periods page.

Each view parses the request, checks access, calls a selector (`capaian.selectors.tabel`) or a service
(`inti.services` for the periods), and renders or answers the download. The figures, the filtering and
every query are the selectors'.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from capaian import tugas
from capaian.forms_monev import CatatanReviuForm
from capaian.selectors import tabel as selectors
from capaian.tables import DataBaris, TabelAnggaran, TabelIndikator, atur_tabel, tabel_pemda
from inti.akses import get_opd_or_404, peran_pengguna
from inti.cache import CacheHasil
from inti.ekspor import respons_unduhan
from inti.forms import BootstrapMixin, TanggalField
from inti.periode import NAMA_TRIBULAN, TRIBULAN, format_tanggal
from inti.selectors import pemda_admin_get_or_404
from inti.services import periode_batas_waktu_atur, periode_kunci, periode_siapkan
from inti.tulis import KonflikSimpan
from inti.versi import token_banyak, token_opd

PESAN_FILTER_TIDAK_VALID = tugas.PESAN_FILTER_TIDAK_VALID
# Where a drill-down's cached body takes the reviewer's note form (capaian/tabel/indikator_rinci_isi.html).
PENANDA_FORM_CATATAN = "<!-- FORM-CATATAN -->"


def _tahun_diminta(request) -> int | None:
    """The year in the query string, None when absent, not a number or outside the site's years."""
    return tugas.tahun_diminta(request.GET)


def _konteks(data, **tambahan) -> dict:
    """A selector's dataclass as template context: one name per field, plus the page's own."""
    return {f.name: getattr(data, f.name) for f in fields(data)} | tambahan


def _ekspor_ditolak(request, nama_url: str):
    messages.error(request, PESAN_FILTER_TIDAK_VALID)
    return redirect(f"{reverse(nama_url)}?{request.GET.urlencode()}")


def _halaman_tabel(request, pilih, kelas_tabel, template: str, menu: str):
    """A table page. Its body (filter, table, counts) is a function of the query string, the OPDs the user
    reads and their data versions: kept per process under exactly those (`_isi_tersimpan`), so twenty
    auditors paging through the same tables build each page once per change of the data. The rows the
    filter keeps and the filter form are kept apart from the page and the order (`_tersaring`): another
    page or order of the same filter only sorts and lays out."""

    def buat(dasar) -> dict:
        saring = _tersaring(request, menu, dasar, pilih)
        tabel = saring["tabel"]
        table = atur_tabel(kelas_tabel(DataBaris(tabel.baris or [])), request.GET)
        konteks = {
            "filter_html": saring["filter_html"],
            "table": table,
            "tahun": tabel.tahun,
            "jumlah": len(tabel.baris or []),
            "tanpa_opd": tabel.tanpa_opd,
        }
        isi = render_to_string(template.replace(".html", "_isi.html"), konteks, request=request)
        return {"isi": isi, "tahun": tabel.tahun, "jumlah": konteks["jumlah"]}

    bagian = dict(_isi_tersimpan(request, menu, buat))
    bagian["isi"] = mark_safe(bagian["isi"])  # noqa: S308 - the site's own rendered template
    return render(request, template, {**bagian, "query_ekspor": request.GET.urlencode(), "menu": menu})


# Query-string keys that choose a page or an order, not which rows (django-tables2's defaults).
_HALAMAN_URUTAN = {"page", "sort"}


def _tersaring(request, nama: str, dasar: str | None, pilih) -> dict:
    """The filter's rows (`pilih()`) and its rendered form, kept in this process under the filter's part of
    the query string and `dasar` (the readable OPDs and their data versions): the rows hold the engine's
    results, so they are not for the shared cache. Always built when `dasar` is None (an OPD without a
    data version)."""

    def buat() -> dict:
        tabel = pilih()
        filter_html = render_to_string("capaian/tabel/_filter.html", {"filter": tabel.filter}, request=request)
        return {"tabel": tabel, "filter_html": filter_html}

    if dasar is None:
        return buat()
    saringan = sorted((k, v) for k, v in request.GET.lists() if k not in _HALAMAN_URUTAN)
    return _di_proses(("saring", nama, repr(saringan), request.path, dasar), buat)


def _isi_tersimpan(request, nama: str, buat) -> dict:
    """`buat(dasar)`, or what it gave last time for the same page, query string, readable OPDs and data
    versions; `dasar` names the readable OPDs and their data versions.

    Not kept when an OPD has no data version (never written through inti.versi): then it is always built,
    with `dasar` None.
    """
    opd_ids = sorted(peran_pengguna(request.user).opd_baca_ids)
    token = token_banyak(opd_ids)
    if any(t is None for t in token.values()):
        return buat(None)
    dasar = hashlib.sha256(repr((opd_ids, [token[i] for i in opd_ids])).encode()).hexdigest()
    kunci = hashlib.sha256(repr((nama, dasar, sorted(request.GET.lists()))).encode()).hexdigest()
    return _tersimpan(f"tabel:{kunci}", lambda: buat(dasar))


# Rendered bodies this process read or built last, in front of the site's cache (settings.CACHE_JENIS,
# shared by every web process in production): a body seen again costs no query and no unpickling. Its keys
# hold the data versions, so an entry is never stale, only unused until it ages out.
_LOKAL = CacheHasil(ukuran=300)


def _di_proses(kunci: tuple, buat):
    """`buat()`'s value under `kunci` in this process only (`kunci` ends with what makes it valid)."""
    return _LOKAL.ambil_atau_buat(kunci, buat)


def _tersimpan(kunci: str, buat) -> dict:
    """`buat()`'s value under `kunci`: from this process, else from the site's cache, else built and kept
    in both. `kunci` must hold the data versions the value was built from."""

    def dari_situs() -> dict:
        cache = caches["default"]
        bagian = cache.get(kunci)
        if bagian is None:
            bagian = buat()
            cache.set(kunci, bagian, timeout=3600)
        return bagian

    return _di_proses((kunci,), dari_situs)


# --------------------------------------------------------------------------------------------
# Indicators and budget lines across OPDs
# --------------------------------------------------------------------------------------------


@login_required
def indikator_daftar(request):
    return _halaman_tabel(
        request,
        lambda: selectors.tabel_indikator(user=request.user, data=request.GET),
        TabelIndikator,
        "capaian/tabel/indikator.html",
        "indikator",
    )


@login_required
def indikator_xlsx(request):
    return _ekspor(request, "indikator")


def _ekspor(request, jenis: str):
    """The table's xlsx: at once for one OPD; across OPDs written by a task, followed on the job's page."""
    if tugas.ekspor_lintas_opd(request.user, jenis, request.GET):
        job = tugas.mulai_ekspor_tabel(user=request.user, jenis=jenis, data=request.GET)
        return redirect("pekerjaan:lihat", job.pk)
    ekspor = tugas.buat_ekspor(request.user, jenis, request.GET)
    if ekspor is None:
        return _ekspor_ditolak(request, tugas.URL_TABEL[jenis])
    return respons_unduhan(ekspor)


@login_required
def anggaran_daftar(request):
    return _halaman_tabel(
        request,
        lambda: selectors.tabel_anggaran(user=request.user, data=request.GET),
        TabelAnggaran,
        "capaian/tabel/anggaran.html",
        "anggaran",
    )


@login_required
def anggaran_xlsx(request):
    return _ekspor(request, "anggaran")


# --------------------------------------------------------------------------------------------
# Drill-downs
# --------------------------------------------------------------------------------------------


@login_required
def indikator_rinci(request, kode: str, pk: int):
    """An indicator's drill-down. Its body depends on the OPD's data alone (no user, no form): rendered
    once per data version of the OPD and kept in the site's cache, which production shares between its
    web processes (settings.CACHE_JENIS)."""
    opd = get_opd_or_404(request.user, kode)
    tahun = _tahun_diminta(request)
    token = token_opd(opd.pk)

    def buat() -> dict:
        rinci = selectors.rincian_indikator(opd=opd, pk=pk, tahun=tahun, token=token)
        return {
            "isi": render_to_string(
                "capaian/tabel/indikator_rinci_isi.html", _konteks(rinci, menu="indikator")
            ),
            "judul": f"{rinci.indikator.kode} {rinci.indikator.nama}",
            "tahun": rinci.tahun,
        }

    # Not kept for an OPD without a data version (never written through inti.versi).
    bagian = _tersimpan(f"rinci:{opd.pk}:{pk}:{tahun}:{token}", buat) if token else buat()
    form = ""
    if peran_pengguna(request.user).boleh_reviu(opd.pk):
        # The reviewer writes a note where they read the figure; the form is the user's, not the cache's.
        form = _form_catatan(request, opd, bagian["tahun"], pk)
    isi = bagian["isi"].replace(PENANDA_FORM_CATATAN, form, 1)
    konteks = {
        "opd": opd,
        "menu": "indikator",
        "judul": bagian["judul"],
        "isi": mark_safe(isi),  # noqa: S308 - the site's own rendered templates
    }
    return render(request, "capaian/tabel/indikator_rinci.html", konteks)


# Stand in for what differs between the review-note forms of one OPD-year (`_form_catatan`).
_PENANDA_CSRF = "__token-csrf-formulir-catatan__"
_PENANDA_INDIKATOR = "__indikator-formulir-catatan__"
_PENANDA_LANJUT = "__lanjut-formulir-catatan__"


class _AlamatPenanda:
    """A request as far as the form's template reads it: its path is the stand-in."""

    def get_full_path(self) -> str:
        return _PENANDA_LANJUT


def _form_catatan(request, opd, tahun: int, pk: int) -> str:
    """The empty review-note form of a drill-down. Every reviewer's, on every indicator of the OPD-year, is
    the same but for the CSRF token, the indicator and the way back, so it is rendered once per process and
    OPD-year with stand-ins the request's values replace."""
    templat = _di_proses(
        ("form-catatan", opd.pk, tahun),
        lambda: render_to_string(
            "capaian/tabel/_form_catatan.html",
            {
                "request": _AlamatPenanda(),
                "csrf_token": _PENANDA_CSRF,
                "opd": opd,
                "tahun": tahun,
                "form_catatan": CatatanReviuForm(initial={"indikator": _PENANDA_INDIKATOR}),
                "kelas": "card-body border-top",
                "jangkar": "catatan-reviu",
            },
        ),
    )
    return (
        templat.replace(_PENANDA_CSRF, get_token(request))
        .replace(_PENANDA_INDIKATOR, str(int(pk)))
        .replace(_PENANDA_LANJUT, escape(request.get_full_path()))
    )


@login_required
def indikator_riwayat(request, kode: str, pk: int):
    """The history behind an indicator's figures, opened from its drill-down: with htmx the table alone,
    which the drill-down puts in place; otherwise its own page."""
    opd = get_opd_or_404(request.user, kode)
    riwayat = selectors.riwayat_indikator(opd=opd, pk=pk, tahun=_tahun_diminta(request))
    if request.headers.get("HX-Request") == "true":
        return render(request, "capaian/tabel/_riwayat.html", {"riwayat": riwayat.riwayat})
    return render(request, "capaian/tabel/indikator_riwayat.html", _konteks(riwayat, menu="indikator"))


@login_required
def anggaran_rinci(request, kode: str, level: str, pk: int):
    opd = get_opd_or_404(request.user, kode)
    rinci = selectors.rincian_anggaran(opd=opd, level=level, pk=pk)
    return render(request, "capaian/tabel/anggaran_rinci.html", _konteks(rinci, menu="anggaran"))


# --------------------------------------------------------------------------------------------
# The Pemda overview (admin and Pemda-wide auditor)
# --------------------------------------------------------------------------------------------


def _ringkasan(request):
    return selectors.ringkasan_pemda(
        user=request.user, kode_pemda=request.GET.get("pemda"), tahun=_tahun_diminta(request)
    )


@login_required
def pemda_ringkasan(request):
    ringkasan = _ringkasan(request)
    table = atur_tabel(
        tabel_pemda(DataBaris(ringkasan.baris), ringkasan.kategori), request.GET, per_halaman=100
    )
    return render(
        request,
        "capaian/tabel/pemda.html",
        {
            "pemda": ringkasan.pemda,
            "pemda_pilihan": ringkasan.pemda_pilihan,
            "tahun": ringkasan.tahun,
            "tahun_pilihan": ringkasan.tahun_pilihan,
            "table": table,
            "query_ekspor": request.GET.urlencode(),
            "menu": "pemda",
        },
    )


@login_required
def pemda_xlsx(request):
    return _ekspor(request, "pemda")


# --------------------------------------------------------------------------------------------
# Monev periods (admin)
# --------------------------------------------------------------------------------------------


class FormBatasWaktu(BootstrapMixin, forms.Form):
    """A period's deadline, typed as dd/mm/yyyy whatever the browser's language. Clearing it is its own
    button ("Hapus batas waktu"): an empty or unreadable date is an error, never a silent erase."""

    batas_waktu = TanggalField(
        label="Batas waktu", pesan="Tanggal tidak valid; gunakan format hh/bb/tttt, mis. 15/01/2023."
    )
    semula = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    hapus = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        if data.get("hapus"):
            data["batas_waktu"] = None
        elif "batas_waktu" not in self.errors and data.get("batas_waktu") is None:
            self.add_error(
                "batas_waktu",
                "Isi tanggal batas waktu (hh/bb/tttt, mis. 15/01/2023); untuk menghapusnya pilih “Hapus batas waktu”.",
            )
        return data


def _url_periode(pemda, tahun: int) -> str:
    return f"{reverse('tabel:periode')}?pemda={pemda.kode}&tahun={tahun}"


def _pemda_periode(request, kode: str, tribulan: int):
    pemda = pemda_admin_get_or_404(request.user, kode, pesan_403=selectors.PESAN_PERIODE_403)
    if tribulan not in TRIBULAN:
        raise Http404("Tribulan tidak dikenal.")
    return pemda


@login_required
def periode_daftar(request):
    halaman = selectors.halaman_periode(
        user=request.user, kode_pemda=request.GET.get("pemda"), tahun=_tahun_diminta(request)
    )
    return render(request, "capaian/tabel/periode.html", _konteks(halaman, menu="periode"))


@login_required
@require_POST
def periode_kunci_ubah(request, pemda: str, tahun: int, tribulan: int):
    pemda_obj = _pemda_periode(request, pemda, tribulan)
    terkunci = request.POST.get("terkunci") == "1"
    try:
        periode = periode_siapkan(user=request.user, pemda=pemda_obj, tahun=tahun, tribulan=tribulan)
        periode_kunci(user=request.user, periode=periode, terkunci=terkunci)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        aksi = "dikunci" if terkunci else "dibuka"
        messages.success(request, f"{NAMA_TRIBULAN[tribulan]} {tahun} {aksi}.")
    return redirect(_url_periode(pemda_obj, tahun))


@login_required
@require_POST
def periode_batas_waktu(request, pemda: str, tahun: int, tribulan: int):
    pemda_obj = _pemda_periode(request, pemda, tribulan)
    form = FormBatasWaktu(request.POST)
    if not form.is_valid():
        for pesan in form.errors.get("batas_waktu", []) + form.errors.get("semula", []):
            messages.error(request, f"{NAMA_TRIBULAN[tribulan]}: {pesan}")
        return redirect(_url_periode(pemda_obj, tahun))
    try:
        periode = periode_siapkan(user=request.user, pemda=pemda_obj, tahun=tahun, tribulan=tribulan)
        periode_batas_waktu_atur(
            user=request.user,
            periode=periode,
            batas_waktu=form.cleaned_data["batas_waktu"],
            semula=form.cleaned_data["semula"],
        )
    except KonflikSimpan as exc:
        messages.error(request, exc.pesan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        batas = form.cleaned_data["batas_waktu"]
        messages.success(
            request,
            f"Batas waktu {NAMA_TRIBULAN[tribulan]} {tahun}: {format_tanggal(batas)}."
            if batas
            else f"Batas waktu {NAMA_TRIBULAN[tribulan]} {tahun} dihapus.",
        )
    return redirect(_url_periode(pemda_obj, tahun))
