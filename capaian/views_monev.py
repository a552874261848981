"""Monev entry screens: an OPD's realisasi, Kertas Kerja inputs, budget realisasi and analysis for one
year and Tribulan, with the history of every value, evidence files and review notes.

Every screen reads the year once through the engine (`hitung_opd_tahun`) and shows its figures next to
the inputs; nothing is computed here. Every write goes through a service (`capaian.services`,
`capaian.services`, `capaian.bukti`), one row form at a time:

- with htmx the response is the re-rendered row (or card, or table) with the engine's new figures, or
  the same with an Indonesian message and nothing saved: 422 for bad input, 409 for a stale form, 403
  for a locked period. Those responses carry `X-Monev-Tampil`, which tells the page script to show
  them even though their status is an error;
- without JavaScript the same form posts normally and is redirected back with a message (a locked
  period answers 403 with a page saying so).

Access: another OPD's object answers 404, a read-only user's write 403 (`inti.akses`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from anggaran import services as layanan_anggaran
from anggaran.models import Kegiatan, Program, RealisasiAnggaran, SubKegiatan, q_mata_anggaran
from capaian import bukti as layanan_bukti
from capaian import services
from capaian.engine import HasilAnggaran, HasilIndikator, HasilOPD, InputRumus, hitung_opd_tahun
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
from capaian.models import (
    AnalisisIndikator,
    BarisTabelPendukung,
    BuktiDukung,
    CatatanReviu,
    NilaiVariabel,
    RealisasiIndikator,
    TabelPendukung,
)
from capaian.services import TeksAnalisis
from inti.akses import Akses, get_opd_or_404, peran_pengguna
from inti.models import OPD, PeriodeMonev
from inti.periode import NAMA_TRIBULAN, TAHUN_MAKS, TAHUN_MIN
from inti.tampilan import Angka, desimal_alami, format_angka_penuh, format_rupiah
from inti.tulis import KonflikSimpan
from renstra.models import Indikator, VariabelFormula

HEADER_TAMPIL = "X-Monev-Tampil"

# Groups of the indicator screens, in the order of the LKjIP: the IKU of the latest PK first.
GRUP_INDIKATOR = (
    ("iku", "Indikator Kinerja Utama (IKU)"),
    ("renstra", "Indikator tujuan dan sasaran lainnya"),
    ("program", "Indikator program"),
    ("kegiatan", "Indikator kegiatan"),
    ("sub_kegiatan", "Indikator sub kegiatan"),
)

LAYAR_MONEV = (
    ("realisasi", "Realisasi indikator"),
    ("kertas_kerja", "Kertas Kerja"),
    ("anggaran", "Realisasi anggaran"),
    ("analisis", "Analisis"),
)


# --- the frame of every screen ------------------------------------------------------------------------


@dataclass(frozen=True)
class Layar:
    """An OPD's monev for one year and Tribulan, and what the user may do there."""

    opd: OPD
    tahun: int
    tribulan: int
    periode: PeriodeMonev | None
    akses: Akses

    @property
    def nama_tribulan(self) -> str:
        return NAMA_TRIBULAN[self.tribulan]

    @property
    def boleh_tulis(self) -> bool:
        return self.akses.boleh_tulis(self.opd.pk)

    @property
    def admin(self) -> bool:
        return self.akses.admin_pemda(self.opd.pemda_id)

    @property
    def boleh_reviu(self) -> bool:
        return self.akses.boleh_reviu(self.opd.pk)

    @property
    def terkunci(self) -> bool:
        return bool(self.periode and self.periode.terkunci)

    @property
    def boleh_ubah(self) -> bool:
        """The user may change values of this period now (a locked period: the admin only)."""
        return self.boleh_tulis and (not self.terkunci or self.admin)

    @property
    def pesan_terkunci(self) -> str:
        return (
            f"Periode {self.nama_tribulan} {self.tahun} sudah dikunci; hanya admin yang dapat mengubah data."
        )

    def args(self) -> tuple:
        return (self.opd.kode, self.tahun, self.tribulan)

    def url(self, nama: str, *extra) -> str:
        return reverse(f"monev:{nama}", args=(*self.args(), *extra))

    def tautan_tribulan(self, nama: str) -> list[tuple[int, str, str]]:
        return [
            (t, NAMA_TRIBULAN[t], reverse(f"monev:{nama}", args=(self.opd.kode, self.tahun, t)))
            for t in range(1, 5)
        ]


def _layar(request, kode: str, tahun: int, tribulan: int, *, tulis: bool = False) -> Layar:
    opd = get_opd_or_404(request.user, kode, tulis=tulis)
    if tribulan not in NAMA_TRIBULAN or not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise Http404("Periode tidak ditemukan.")
    periode = PeriodeMonev.objects.filter(pemda_id=opd.pemda_id, tahun=tahun, tribulan=tribulan).first()
    return Layar(opd=opd, tahun=tahun, tribulan=tribulan, periode=periode, akses=peran_pengguna(request.user))


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
        "menu": [(nama, judul, layar.url(nama)) for nama, judul in LAYAR_MONEV],
        "tautan_tribulan": layar.tautan_tribulan(aktif),
        **extra,
    }


@dataclass
class Hasil:
    """The outcome of one write, for the response: HTTP status and the message to show."""

    status: int = 200
    pesan: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200


def _tulis(layar: Layar, simpan, pesan_sukses: str) -> Hasil:
    """Run a service call and turn its refusal into a status and an Indonesian message."""
    if layar.terkunci and not layar.admin:
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
    if layar is not None and layar.terkunci and not layar.admin:
        return Hasil(403, layar.pesan_terkunci)
    return Hasil(422, " ".join(pesan for daftar in form.errors.values() for pesan in daftar))


def _jawab(request, layar: Layar, hasil: Hasil, *, kembali: str, html=None) -> HttpResponse:
    """htmx: the re-rendered fragment with the outcome's status. Otherwise: back to the screen."""
    if _htmx(request):
        respons = HttpResponse(html(), status=hasil.status)
        if not hasil.ok:
            respons[HEADER_TAMPIL] = "1"
        return respons
    if hasil.status == 403:
        return render(
            request,
            "capaian/monev/ditolak.html",
            {"layar": layar, "pesan": hasil.pesan, "kembali": kembali},
            status=403,
        )
    (messages.success if hasil.ok else messages.error)(request, hasil.pesan)
    return redirect(kembali)


def _indikator_tahun(layar: Layar, pk: int) -> Indikator:
    """An indicator of the OPD that counts in the year (Renstra level, or a budget line of that year)."""
    tahun = layar.tahun
    qs = Indikator.objects.select_related("opd", "opd__pemda").filter(opd=layar.opd, pk=pk)
    qs = qs.filter(
        Q(level__in=("tujuan", "sasaran"))
        | Q(program__tahun=tahun)
        | Q(kegiatan__program__tahun=tahun)
        | Q(sub_kegiatan__kegiatan__program__tahun=tahun)
        | Q(baris_pk_set__pk_dokumen__tahun=tahun)
    )
    indikator = qs.distinct().first()
    if indikator is None:
        raise Http404("Indikator tidak ditemukan.")
    return indikator


def _grup(h: HasilIndikator) -> str:
    if h.iku:
        return "iku"
    return "renstra" if h.level in ("tujuan", "sasaran") else h.level


def _urut_grup(hasil: HasilOPD) -> list[HasilIndikator]:
    """The year's indicators, IKU in the order of the latest PK, then the others by level."""
    iku = [b.hasil for b in hasil.iku]
    return iku + [h for h in hasil.indikator if not h.iku]


def _kelompokkan(baris: list, kunci) -> list[tuple[str, str, list]]:
    per_grup: dict[str, list] = defaultdict(list)
    for b in baris:
        per_grup[kunci(b)].append(b)
    return [(nama, judul, per_grup[nama]) for nama, judul in GRUP_INDIKATOR if per_grup[nama]]


# --- realisasi of the indicators --------------------------------------------------------------------------


@dataclass
class BarisRealisasi:
    hasil: HasilIndikator
    tribulan: int
    tersimpan: RealisasiIndikator | None
    form: RealisasiForm
    jumlah_bukti: int = 0
    jumlah_catatan: int = 0
    galat: str = ""
    sukses: str = ""

    @property
    def indikator(self) -> Indikator:
        return self.hasil.indikator

    @property
    def tw(self):
        return self.hasil.realisasi_tw[self.tribulan]


def _jumlah_bukti_catatan(layar: Layar, indikator: Indikator | None = None) -> tuple[dict, dict]:
    """Evidence and review notes per indicator for the period: two queries whatever the number of rows."""
    bukti = BuktiDukung.objects.filter(
        indikator__opd=layar.opd, tahun=layar.tahun, tribulan=layar.tribulan, dihapus=False
    )
    catatan = CatatanReviu.objects.filter(opd=layar.opd, tahun=layar.tahun, indikator__isnull=False).filter(
        Q(tribulan=layar.tribulan) | Q(tribulan__isnull=True)
    )
    if indikator is not None:
        bukti, catatan = bukti.filter(indikator=indikator), catatan.filter(indikator=indikator)
    return (
        dict(bukti.values_list("indikator_id").annotate(n=Count("pk")).order_by()),
        dict(catatan.values_list("indikator_id").annotate(n=Count("pk")).order_by()),
    )


def _baris_realisasi(
    layar: Layar, hasil: HasilOPD, h: HasilIndikator, jumlah, form=None, **extra
) -> BarisRealisasi:
    tersimpan = hasil.realisasi_tersimpan(h.indikator, layar.tribulan)
    kunci = f"r{h.indikator.pk}"
    if form is None:
        awal = {}
        if tersimpan is not None:
            awal = {"nilai": tersimpan.nilai, "versi": tersimpan.versi, "keterangan": tersimpan.keterangan}
        form = RealisasiForm(initial=awal, kunci=kunci, terkunci=not layar.boleh_ubah)
    bukti, catatan = jumlah
    return BarisRealisasi(
        hasil=h,
        tribulan=layar.tribulan,
        tersimpan=tersimpan,
        form=form,
        jumlah_bukti=bukti.get(h.indikator.pk, 0),
        jumlah_catatan=catatan.get(h.indikator.pk, 0),
        **extra,
    )


@login_required
def realisasi(request, kode: str, tahun: int, tribulan: int):
    layar = _layar(request, kode, tahun, tribulan)
    hasil = hitung_opd_tahun(layar.opd, tahun, tribulan=tribulan)
    jumlah = _jumlah_bukti_catatan(layar)
    baris = [_baris_realisasi(layar, hasil, h, jumlah) for h in _urut_grup(hasil)]
    grup = _kelompokkan(baris, lambda b: _grup(b.hasil))
    return render(
        request, "capaian/monev/realisasi.html", _konteks(layar, "realisasi", hasil=hasil, grup=grup)
    )


@login_required
def realisasi_simpan(request, kode: str, tahun: int, tribulan: int, indikator_pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    indikator = _indikator_tahun(layar, indikator_pk)
    form = RealisasiForm(request.POST, kunci=f"r{indikator.pk}")
    if not form.is_valid():
        hasil = _galat_form(form, layar)
    else:
        d = form.cleaned_data
        hasil = _tulis(
            layar,
            lambda: services.realisasi_simpan(
                user=request.user,
                indikator=indikator,
                tahun=tahun,
                tribulan=tribulan,
                nilai=d["nilai"],
                versi=d["versi"],
                keterangan=d["keterangan"],
            ),
            f"Realisasi {indikator.kode} {layar.nama_tribulan} {tahun} tersimpan.",
        )

    def html():
        engine = hitung_opd_tahun(layar.opd, tahun, tribulan=tribulan)
        h = engine.hasil_indikator(indikator)
        if h is None:
            raise Http404("Indikator tidak berlaku pada tahun ini.")
        # Bad input keeps what was typed; after a conflict the form shows what is stored now.
        baris = _baris_realisasi(
            layar,
            engine,
            h,
            _jumlah_bukti_catatan(layar, indikator),
            form=form if hasil.status == 422 else None,
            galat="" if hasil.ok else hasil.pesan,
            sukses=hasil.pesan if hasil.ok else "",
        )
        return render_to_string(
            "capaian/monev/_realisasi_baris.html", {"b": baris, "layar": layar}, request=request
        )

    return _jawab(
        request, layar, hasil, kembali=f"{layar.url('realisasi')}#realisasi-{indikator.pk}", html=html
    )


# --- Kertas Kerja: formula inputs and supporting tables ------------------------------------------------------


@dataclass
class BarisInput:
    masukan: InputRumus
    form: NilaiVariabelForm | None  # None: summed from a supporting table
    galat: str = ""
    sukses: str = ""


@dataclass
class KartuRumus:
    hasil: HasilIndikator
    tribulan: int
    input: list[BarisInput]

    @property
    def tw(self):
        return self.hasil.realisasi_tw[self.tribulan]


@dataclass
class BarisTabel:
    baris: BarisTabelPendukung
    form: BarisTabelForm
    form_hapus: HapusBarisTabelForm
    galat: str = ""
    sukses: str = ""


@dataclass
class KartuTabel:
    tabel: TabelPendukung
    baris: list[BarisTabel]
    jumlah: list[tuple[str, Angka | None]]  # (column, the engine's sum where a formula uses it)
    dipakai: list[tuple[str, str, str]]  # (indicator code, input name, column) fed by the table this Tribulan
    form_tambah: TambahBarisTabelForm
    galat: str = ""
    sukses: str = ""


@dataclass
class IsiKertasKerja:
    kartu: list[KartuRumus]
    tabel: list[KartuTabel]
    # The row (key) whose message or bound form replaces the default one.
    sorot: dict[str, Any] = field(default_factory=dict)


def _kartu_rumus(layar: Layar, hasil: HasilOPD, h: HasilIndikator, sorot: dict) -> KartuRumus:
    baris = []
    for masukan in h.realisasi_tw[layar.tribulan].input:
        v = masukan.variabel
        kunci = f"v{v.pk}"
        if masukan.tabel is not None:
            baris.append(BarisInput(masukan, None))
            continue
        tersimpan = hasil.nilai_variabel_tersimpan(v, layar.tribulan)
        nilai = tersimpan.nilai if tersimpan is not None else None
        form = sorot.get(kunci, {}).get("form") or NilaiVariabelForm(
            initial={"nilai": nilai, "semula": nilai}, kunci=kunci, terkunci=not layar.boleh_ubah
        )
        baris.append(BarisInput(masukan, form, **_pesan(sorot, kunci)))
    return KartuRumus(h, layar.tribulan, baris)


def _pesan(sorot: dict, kunci: str) -> dict:
    isi = sorot.get(kunci, {})
    return {"galat": isi.get("galat", ""), "sukses": isi.get("sukses", "")}


def _isi_kertas_kerja(layar: Layar, hasil: HasilOPD, sorot: dict | None = None) -> IsiKertasKerja:
    sorot = sorot or {}
    kartu = [_kartu_rumus(layar, hasil, h, sorot) for h in _urut_grup(hasil) if h.indikator.rumus]
    tabel = list(TabelPendukung.objects.filter(opd=layar.opd, tahun=layar.tahun).order_by("kode"))
    baris_per_tabel: dict[int, list] = defaultdict(list)
    for b in BarisTabelPendukung.objects.filter(tabel__opd=layar.opd, tabel__tahun=layar.tahun).order_by(
        "tabel_id", "urutan", "label", "kolom"
    ):
        baris_per_tabel[b.tabel_id].append(b)
    # Which inputs of this Tribulan are summed from which table (from what the engine loaded).
    indikator = {i.pk: i for i in hasil.indikator_semua}
    variabel = {v.pk: v for i in indikator.values() for v in hasil.variabel(i)}
    dipakai: dict[int, list] = defaultdict(list)
    for nv in hasil.nilai_variabel_semua():
        if nv.tribulan == layar.tribulan and nv.tabel_id and nv.variabel_id in variabel:
            v = variabel[nv.variabel_id]
            dipakai[nv.tabel_id].append((indikator[v.indikator_id].kode, v.nama, nv.kolom))

    kartu_tabel = []
    for t in tabel:
        daftar = []
        for b in baris_per_tabel[t.pk]:
            kunci = f"b{b.pk}"
            form = sorot.get(kunci, {}).get("form") or BarisTabelForm(
                initial={"nilai": b.nilai, "semula": b.nilai}, kunci=kunci, terkunci=not layar.boleh_ubah
            )
            hapus = HapusBarisTabelForm(initial={"semula": b.nilai}, kunci=f"h{b.pk}")
            daftar.append(BarisTabel(b, form, hapus, **_pesan(sorot, kunci)))
        kolom = sorted({b.kolom for b in baris_per_tabel[t.pk]})
        jumlah = []
        for k in kolom:
            nilai = hasil.jumlah_kolom(t.pk, k)
            jumlah.append((k, Angka(nilai, desimal_alami(nilai)) if nilai is not None else None))
        kunci = f"t{t.pk}"
        tambah = sorot.get(kunci, {}).get("form") or TambahBarisTabelForm(
            kunci=kunci, terkunci=not layar.boleh_ubah
        )
        kartu_tabel.append(KartuTabel(t, daftar, jumlah, dipakai[t.pk], tambah, **_pesan(sorot, kunci)))
    return IsiKertasKerja(kartu, kartu_tabel, sorot)


@login_required
def kertas_kerja(request, kode: str, tahun: int, tribulan: int):
    layar = _layar(request, kode, tahun, tribulan)
    hasil = hitung_opd_tahun(layar.opd, tahun, tribulan=tribulan)
    isi = _isi_kertas_kerja(layar, hasil)
    return render(
        request, "capaian/monev/kertas_kerja.html", _konteks(layar, "kertas_kerja", hasil=hasil, isi=isi)
    )


def _jawab_kertas_kerja(request, layar: Layar, hasil: Hasil, kunci: str, form, *, kartu_indikator=None):
    """htmx: the formula card of `kartu_indikator`, or the whole Kertas Kerja when a table changed."""
    anchor = f"rumus-{kartu_indikator.pk}" if kartu_indikator is not None else "tabel-pendukung"

    def html():
        engine = hitung_opd_tahun(layar.opd, layar.tahun, tribulan=layar.tribulan)
        sorot = {kunci: {"galat": "" if hasil.ok else hasil.pesan, "sukses": hasil.pesan if hasil.ok else ""}}
        if hasil.status == 422:
            sorot[kunci]["form"] = form
        if kartu_indikator is not None:
            h = engine.hasil_indikator(kartu_indikator)
            if h is None:
                raise Http404("Indikator tidak berlaku pada tahun ini.")
            kartu = _kartu_rumus(layar, engine, h, sorot)
            return render_to_string(
                "capaian/monev/_rumus_kartu.html", {"k": kartu, "layar": layar}, request=request
            )
        isi = _isi_kertas_kerja(layar, engine, sorot)
        return render_to_string(
            "capaian/monev/_kertas_kerja_isi.html", {"isi": isi, "layar": layar}, request=request
        )

    return _jawab(request, layar, hasil, kembali=f"{layar.url('kertas_kerja')}#{anchor}", html=html)


@login_required
def nilai_variabel_simpan(request, kode: str, tahun: int, tribulan: int, variabel_pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    variabel = get_object_or_404(
        VariabelFormula.objects.select_related("indikator", "indikator__opd", "indikator__opd__pemda"),
        pk=variabel_pk,
        indikator__opd=layar.opd,
    )
    indikator = _indikator_tahun(layar, variabel.indikator_id)
    kunci = f"v{variabel.pk}"
    form = NilaiVariabelForm(request.POST, kunci=kunci)
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
    return _jawab_kertas_kerja(request, layar, hasil, kunci, form, kartu_indikator=indikator)


def _baris_tabel_or_404(layar: Layar, pk: int) -> BarisTabelPendukung:
    return get_object_or_404(
        BarisTabelPendukung.objects.select_related("tabel", "tabel__opd", "tabel__opd__pemda"),
        pk=pk,
        tabel__opd=layar.opd,
        tabel__tahun=layar.tahun,
    )


@login_required
def baris_tabel_simpan(request, kode: str, tahun: int, tribulan: int, baris_pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    baris = _baris_tabel_or_404(layar, baris_pk)
    kunci = f"b{baris.pk}"
    form = BarisTabelForm(request.POST, kunci=kunci)
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
    return _jawab_kertas_kerja(request, layar, hasil, kunci, form)


@login_required
def baris_tabel_hapus(request, kode: str, tahun: int, tribulan: int, baris_pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    baris = _baris_tabel_or_404(layar, baris_pk)
    form = HapusBarisTabelForm(request.POST, kunci=f"h{baris.pk}")
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
    kunci = f"b{baris.pk}" if not hasil.ok else f"t{baris.tabel_id}"
    return _jawab_kertas_kerja(request, layar, hasil, kunci, None)


@login_required
def baris_tabel_tambah(request, kode: str, tahun: int, tribulan: int, tabel_pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    tabel = get_object_or_404(
        TabelPendukung.objects.select_related("opd", "opd__pemda"), pk=tabel_pk, opd=layar.opd, tahun=tahun
    )
    kunci = f"t{tabel.pk}"
    form = TambahBarisTabelForm(request.POST, kunci=kunci)
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
    return _jawab_kertas_kerja(request, layar, hasil, kunci, form)


# --- budget realisasi ----------------------------------------------------------------------------------------


@dataclass
class BarisAnggaran:
    hasil: HasilAnggaran
    kunci: str
    form: RealisasiAnggaranForm | None  # None: a roll-up line, computed from the lines under it
    tersimpan: RealisasiAnggaran | None
    galat: str = ""
    sukses: str = ""


def _bisa_diisi(h: HasilAnggaran, hasil: HasilOPD) -> bool:
    """Entered on sub kegiatan; on a program or kegiatan only where it carries its own figures and the
    lines under it carry none (Program Penunjang of the dataset)."""
    if h.level == "sub_kegiatan":
        return True
    sendiri = h.pagu_sendiri is not None or bool(hasil.realisasi_anggaran_diisi(h.level, h.objek.pk))
    tanpa_anak = h.pagu_anak is None and all(v is None for v in h.realisasi_anak.values())
    return sendiri and tanpa_anak


def _isi_anggaran(layar: Layar, hasil: HasilOPD, sorot: dict | None = None) -> list[BarisAnggaran]:
    sorot = sorot or {}
    tersimpan = {
        r.kunci_mata: r
        for r in RealisasiAnggaran.objects.filter(
            q_mata_anggaran(layar.opd.pk, layar.tahun), tribulan=layar.tribulan
        )
    }
    baris = []
    for h in hasil.baris_anggaran():
        kunci = f"{h.level}-{h.objek.pk}"
        form, r = None, tersimpan.get((h.level, h.objek.pk))
        if _bisa_diisi(h, hasil):
            nilai = r.nilai if r is not None else None
            form = sorot.get(kunci, {}).get("form") or RealisasiAnggaranForm(
                initial={"nilai": nilai, "semula": nilai, "keterangan": r.keterangan if r else ""},
                kunci=kunci.replace("-", "_"),
                terkunci=not layar.boleh_ubah,
            )
        baris.append(BarisAnggaran(h, kunci, form, r, **_pesan(sorot, kunci)))
    return baris


@login_required
def anggaran(request, kode: str, tahun: int, tribulan: int):
    layar = _layar(request, kode, tahun, tribulan)
    hasil = hitung_opd_tahun(layar.opd, tahun, tribulan=tribulan)
    baris = _isi_anggaran(layar, hasil)
    return render(
        request, "capaian/monev/anggaran.html", _konteks(layar, "anggaran", hasil=hasil, baris=baris)
    )


def _mata_anggaran_or_404(layar: Layar, level: str, pk: int):
    if level == "program":
        return get_object_or_404(
            Program.objects.select_related("opd__pemda"), pk=pk, opd=layar.opd, tahun=layar.tahun
        )
    if level == "kegiatan":
        return get_object_or_404(
            Kegiatan.objects.select_related("program__opd__pemda"),
            pk=pk,
            program__opd=layar.opd,
            program__tahun=layar.tahun,
        )
    if level == "sub_kegiatan":
        return get_object_or_404(
            SubKegiatan.objects.select_related("kegiatan__program__opd__pemda"),
            pk=pk,
            kegiatan__program__opd=layar.opd,
            kegiatan__program__tahun=layar.tahun,
        )
    raise Http404("Mata anggaran tidak ditemukan.")


@login_required
def anggaran_simpan(request, kode: str, tahun: int, tribulan: int, level: str, pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    mata = _mata_anggaran_or_404(layar, level, pk)
    kunci = f"{level}-{mata.pk}"
    form = RealisasiAnggaranForm(request.POST, kunci=kunci.replace("-", "_"))
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
        engine = hitung_opd_tahun(layar.opd, tahun, tribulan=tribulan)
        sorot = {kunci: {"galat": "" if hasil.ok else hasil.pesan, "sukses": hasil.pesan if hasil.ok else ""}}
        if hasil.status == 422:
            sorot[kunci]["form"] = form
        baris = _isi_anggaran(layar, engine, sorot)
        return render_to_string(
            "capaian/monev/_anggaran_tabel.html",
            {"baris": baris, "hasil": engine, "layar": layar},
            request=request,
        )

    return _jawab(request, layar, hasil, kembali=f"{layar.url('anggaran')}#anggaran-{kunci}", html=html)


# --- analysis ----------------------------------------------------------------------------------------------------


@dataclass
class KartuAnalisis:
    hasil: HasilIndikator
    tersimpan: AnalisisIndikator | None
    form: AnalisisForm
    galat: str = ""
    sukses: str = ""

    @property
    def indikator(self) -> Indikator:
        return self.hasil.indikator


def _kartu_analisis(layar: Layar, h: HasilIndikator, tersimpan, form=None, **extra) -> KartuAnalisis:
    if form is None:
        # The analysis is yearly: no Tribulan lock applies to it (see `services.analisis_simpan`).
        form = AnalisisForm(
            initial=AnalisisForm.awal(TeksAnalisis.dari(tersimpan)),
            kunci=f"a{h.indikator.pk}",
            terkunci=not layar.boleh_tulis,
        )
    return KartuAnalisis(h, tersimpan, form, **extra)


@login_required
def analisis(request, kode: str, tahun: int, tribulan: int):
    layar = _layar(request, kode, tahun, tribulan)
    hasil = hitung_opd_tahun(layar.opd, tahun, tribulan=tribulan)
    tersimpan = {
        a.indikator_id: a for a in AnalisisIndikator.objects.filter(indikator__opd=layar.opd, tahun=tahun)
    }
    kartu = [_kartu_analisis(layar, h, tersimpan.get(h.indikator.pk)) for h in _urut_grup(hasil)]
    grup = _kelompokkan(kartu, lambda k: _grup(k.hasil))
    return render(request, "capaian/monev/analisis.html", _konteks(layar, "analisis", hasil=hasil, grup=grup))


@login_required
def analisis_simpan(request, kode: str, tahun: int, tribulan: int, indikator_pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    indikator = _indikator_tahun(layar, indikator_pk)
    form = AnalisisForm(request.POST, kunci=f"a{indikator.pk}")
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
        engine = hitung_opd_tahun(layar.opd, tahun, tribulan=tribulan)
        h = engine.hasil_indikator(indikator)
        if h is None:
            raise Http404("Indikator tidak berlaku pada tahun ini.")
        tersimpan = AnalisisIndikator.objects.filter(indikator=indikator, tahun=tahun).first()
        kartu = _kartu_analisis(
            layar,
            h,
            tersimpan,
            form=form if hasil.status == 422 else None,
            galat="" if hasil.ok else hasil.pesan,
            sukses=hasil.pesan if hasil.ok else "",
        )
        return render_to_string(
            "capaian/monev/_analisis_kartu.html", {"k": kartu, "layar": layar}, request=request
        )

    return _jawab(
        request, layar, hasil, kembali=f"{layar.url('analisis')}#analisis-{indikator.pk}", html=html
    )


# --- history -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntriRiwayat:
    waktu: Any
    pengguna: str
    aksi: str  # "diisi", "diubah", "dihapus"
    lama: str
    baru: str
    alasan: str


AKSI = {"+": "diisi", "~": "diubah", "-": "dihapus"}


def _riwayat(catatan, tampil) -> list[EntriRiwayat]:
    """History rows, newest first, each with the value before and after it (as `tampil` shows them)."""
    entri, sebelumnya = [], None
    for c in catatan:
        baru = None if c.history_type == "-" else tampil(c)
        lama = sebelumnya if c.history_type != "+" else None
        pengguna = c.history_user
        entri.append(
            EntriRiwayat(
                waktu=c.history_date,
                pengguna=(pengguna.get_full_name() or pengguna.get_username())
                if pengguna
                else "sistem (muat data)",
                aksi=AKSI.get(c.history_type, c.history_type),
                lama=lama if lama is not None else "kosong",
                baru=baru if baru is not None else "kosong",
                alasan=c.history_change_reason or "",
            )
        )
        sebelumnya = baru
    return entri[::-1]


def _penuh(nilai) -> str | None:
    return None if nilai is None else format_angka_penuh(nilai)


def _dengan_keterangan(teks: str | None, keterangan: str) -> str | None:
    if teks is None or not keterangan:
        return teks
    return f"{teks} ({keterangan})"


def _sumber_riwayat(layar: Layar, jenis: str, pk: int) -> tuple[str, Any, Any]:
    """(subject, history queryset, display function) of one value, scoped to the screen's OPD."""
    tahun, tw = layar.tahun, layar.tribulan
    if jenis == "realisasi":
        i = _indikator_tahun(layar, pk)
        return (
            f"Realisasi {i.kode} {layar.nama_tribulan} {tahun}",
            RealisasiIndikator.history.filter(indikator_id=i.pk, tahun=tahun, tribulan=tw),
            lambda c: _dengan_keterangan(_penuh(c.nilai), c.keterangan),
        )
    if jenis == "analisis":
        i = _indikator_tahun(layar, pk)
        return (
            f"Analisis {i.kode} tahun {tahun}",
            AnalisisIndikator.history.filter(indikator_id=i.pk, tahun=tahun),
            lambda c: str(TeksAnalisis(c.faktor_keberhasilan, c.hambatan, c.tindak_lanjut)),
        )
    if jenis == "variabel":
        v = get_object_or_404(
            VariabelFormula.objects.select_related("indikator"), pk=pk, indikator__opd=layar.opd
        )
        tabel = {t.pk: t.kode for t in TabelPendukung.objects.filter(opd=layar.opd)}
        return (
            f"{v.label} ({v.indikator.kode}) {layar.nama_tribulan} {tahun}",
            NilaiVariabel.history.filter(variabel_id=v.pk, tahun=tahun, tribulan=tw),
            lambda c: (
                _penuh(c.nilai) if c.tabel_id is None else f"Σ {tabel.get(c.tabel_id, '?')} [{c.kolom}]"
            ),
        )
    if jenis == "baris":
        qs = BarisTabelPendukung.history.filter(
            id=pk, tabel_id__in=TabelPendukung.objects.filter(opd=layar.opd).values("pk")
        )
        terakhir = qs.order_by("-history_date", "-history_id").first()
        if terakhir is None:
            raise Http404("Baris tidak ditemukan.")
        return (f"{terakhir.label} [{terakhir.kolom}]", qs, lambda c: _penuh(c.nilai))
    if jenis.startswith("anggaran-"):
        level = jenis.removeprefix("anggaran-")
        mata = _mata_anggaran_or_404(layar, level, pk)
        return (
            f"Realisasi anggaran {mata.kode} s.d. {layar.nama_tribulan} {tahun}",
            RealisasiAnggaran.history.filter(**{f"{level}_id": mata.pk}, tribulan=tw),
            lambda c: _dengan_keterangan(format_rupiah(c.nilai), c.keterangan),
        )
    raise Http404("Riwayat tidak ditemukan.")


@login_required
def riwayat(request, kode: str, tahun: int, tribulan: int, jenis: str, pk: int):
    """Read-only: the history of a value can be seen, never edited (there is no URL that writes it)."""
    layar = _layar(request, kode, tahun, tribulan)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    subjek, qs, tampil = _sumber_riwayat(layar, jenis, pk)
    entri = _riwayat(qs.select_related("history_user").order_by("history_date", "history_id"), tampil)
    konteks = {"layar": layar, "opd": layar.opd, "subjek": subjek, "entri": entri}
    if _htmx(request):
        return render(request, "capaian/monev/_riwayat.html", konteks)
    return render(request, "capaian/monev/riwayat.html", konteks)


# --- one indicator: quarterly values, evidence, review notes ---------------------------------------------------


@login_required
def indikator(request, kode: str, tahun: int, tribulan: int, indikator_pk: int):
    layar = _layar(request, kode, tahun, tribulan)
    objek = _indikator_tahun(layar, indikator_pk)
    hasil = hitung_opd_tahun(layar.opd, tahun, tribulan=tribulan)
    h = hasil.hasil_indikator(objek)
    if h is None:
        raise Http404("Indikator tidak berlaku pada tahun ini.")
    bukti = list(
        BuktiDukung.objects.filter(indikator=objek, tahun=tahun, tribulan=tribulan, dihapus=False)
        .select_related("diunggah_oleh")
        .order_by("diunggah_pada", "pk")
    )
    catatan = list(
        CatatanReviu.objects.filter(opd=layar.opd, tahun=tahun, indikator=objek).select_related(
            "penulis", "indikator"
        )
    )
    konteks = _konteks(
        layar,
        "realisasi",
        hasil=hasil,
        h=h,
        bukti=bukti,
        catatan=catatan,
        form_bukti=BuktiForm() if layar.boleh_ubah else None,
        form_catatan=CatatanReviuForm(initial={"indikator": objek.pk, "tribulan": tribulan})
        if layar.boleh_reviu
        else None,
        batas_bukti=layanan_bukti.format_ukuran(layanan_bukti.batas_ukuran()),
        tribulan_list=[h.realisasi_tw[t] for t in range(1, 5)],
    )
    konteks["tautan_tribulan"] = [
        (t, nama, reverse("monev:indikator", args=(layar.opd.kode, tahun, t, objek.pk)))
        for t, nama, _ in konteks["tautan_tribulan"]
    ]
    return render(request, "capaian/monev/indikator.html", konteks)


@login_required
def bukti_unggah(request, kode: str, tahun: int, tribulan: int, indikator_pk: int):
    layar = _layar_post(request, kode, tahun, tribulan)
    if isinstance(layar, HttpResponse):
        return layar
    objek = _indikator_tahun(layar, indikator_pk)
    kembali = reverse("monev:indikator", args=(*layar.args(), objek.pk)) + "#bukti"
    form = BuktiForm(request.POST, request.FILES)
    if not form.is_valid():
        hasil = _galat_form(form, layar)
    else:
        d = form.cleaned_data
        nama = d["berkas"].name
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
            f"Bukti dukung “{nama}” tersimpan.",
        )
    if hasil.status == 403:
        return render(
            request,
            "capaian/monev/ditolak.html",
            {"layar": layar, "pesan": hasil.pesan, "kembali": kembali},
            status=403,
        )
    (messages.success if hasil.ok else messages.error)(request, hasil.pesan)
    return redirect(kembali)


def _bukti_or_404(request, kode: str, pk: int, *, tulis: bool = False) -> BuktiDukung:
    opd = get_opd_or_404(request.user, kode, tulis=tulis)
    return get_object_or_404(
        BuktiDukung.objects.select_related("indikator", "indikator__opd", "indikator__opd__pemda"),
        pk=pk,
        indikator__opd=opd,
        dihapus=False,
    )


@login_required
def bukti_unduh(request, kode: str, pk: int):
    if request.method not in ("GET", "HEAD"):
        get_opd_or_404(request.user, kode)
        return HttpResponseNotAllowed(["GET"])
    bukti = _bukti_or_404(request, kode, pk)
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
    bukti = _bukti_or_404(request, kode, pk, tulis=request.method == "POST")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    opd = bukti.indikator.opd
    periode = PeriodeMonev.objects.filter(
        pemda_id=opd.pemda_id, tahun=bukti.tahun, tribulan=bukti.tribulan
    ).first()
    layar = Layar(
        opd=opd,
        tahun=bukti.tahun,
        tribulan=bukti.tribulan,
        periode=periode,
        akses=peran_pengguna(request.user),
    )
    kembali = reverse("monev:indikator", args=(*layar.args(), bukti.indikator_id)) + "#bukti"
    hasil = _tulis(
        layar,
        lambda: layanan_bukti.bukti_hapus(user=request.user, bukti=bukti),
        f"Bukti dukung “{bukti.nama_asli}” dihapus.",
    )
    if hasil.status == 403:
        return render(
            request,
            "capaian/monev/ditolak.html",
            {"layar": layar, "pesan": hasil.pesan, "kembali": kembali},
            status=403,
        )
    (messages.success if hasil.ok else messages.error)(request, hasil.pesan)
    return redirect(kembali)


@login_required
def catatan_tambah(request, kode: str, tahun: int):
    opd = get_opd_or_404(request.user, kode)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    akses = peran_pengguna(request.user)
    if not akses.boleh_reviu(opd.pk):
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
    objek = None
    if d["indikator"] is not None:
        objek = Indikator.objects.filter(pk=d["indikator"], opd=opd).first()
        if objek is None:
            raise Http404("Indikator tidak ditemukan.")
    try:
        services.catatan_reviu_tambah(
            user=request.user, opd=opd, tahun=tahun, teks=d["teks"], indikator=objek, tribulan=d["tribulan"]
        )
    except ValidationError as galat:
        messages.error(request, " ".join(galat.messages))
    else:
        messages.success(request, "Catatan reviu tersimpan.")
    return redirect(lanjut)


# --- the operator's home: what is filled and what is missing ---------------------------------------------------


@dataclass(frozen=True)
class Kelengkapan:
    """One kind of monev data for the period: what is filled and what is still missing."""

    judul: str
    layar: str  # the entry screen (URL name in `monev`)
    terisi: tuple
    kosong: tuple  # (code, name) of what is missing

    @property
    def jumlah(self) -> int:
        return len(self.terisi) + len(self.kosong)

    @property
    def lengkap(self) -> bool:
        return not self.kosong


def kelengkapan_monev(hasil: HasilOPD, analisis_ids: set[int]) -> list[Kelengkapan]:
    """Filled and missing for the Tribulan the engine computed: realisasi per group of indicators,
    formula inputs, budget realisasi per line, and the analysis of every IKU. No query."""
    tw = hasil.tribulan
    daftar = []
    indikator = _urut_grup(hasil)
    for nama, judul in GRUP_INDIKATOR:
        anggota = [h for h in indikator if _grup(h) == nama]
        if anggota:
            daftar.append(
                Kelengkapan(
                    f"Realisasi: {judul}",
                    "realisasi",
                    tuple(h for h in anggota if h.realisasi_tw[tw].nilai.ada),
                    tuple((h.kode, h.nama) for h in anggota if not h.realisasi_tw[tw].nilai.ada),
                )
            )
    masukan = [(h, i) for h in indikator if h.indikator.rumus for i in h.realisasi_tw[tw].input]
    if masukan:
        daftar.append(
            Kelengkapan(
                "Input Kertas Kerja (variabel rumus)",
                "kertas_kerja",
                tuple(m for m in masukan if m[1].nilai is not None),
                tuple((h.kode, f"{i.label} ({i.nama})") for h, i in masukan if i.nilai is None),
            )
        )
    mata = [b for b in hasil.baris_anggaran() if _bisa_diisi(b, hasil)]
    if mata:
        # Keyed by level too: a program and a sub kegiatan may share a primary key.
        ada = {
            (b.level, b.objek.pk)
            for b in mata
            if hasil.realisasi_anggaran_diisi(b.level, b.objek.pk).get(tw) is not None
        }
        daftar.append(
            Kelengkapan(
                "Realisasi anggaran (per sub kegiatan)",
                "anggaran",
                tuple(b for b in mata if (b.level, b.objek.pk) in ada),
                tuple((b.kode, b.nama) for b in mata if (b.level, b.objek.pk) not in ada),
            )
        )
    iku = [b.hasil for b in hasil.iku]
    if iku:
        daftar.append(
            Kelengkapan(
                "Analisis IKU",
                "analisis",
                tuple(h for h in iku if h.indikator.pk in analisis_ids),
                tuple((h.kode, h.nama) for h in iku if h.indikator.pk not in analisis_ids),
            )
        )
    return daftar


@dataclass(frozen=True)
class PilihanPeriode:
    tahun: int
    tribulan: int
    periode: PeriodeMonev | None
    tahun_list: list[int]
    hari_ini: date

    @property
    def lewat(self) -> bool:
        return bool(self.periode and self.periode.batas_waktu and self.periode.batas_waktu < self.hari_ini)

    @property
    def sisa_hari(self) -> int | None:
        if not self.periode or not self.periode.batas_waktu:
            return None
        return (self.periode.batas_waktu - self.hari_ini).days


def pilih_periode(params, periode_pemda: list[PeriodeMonev], tahun_data: set[int]) -> PilihanPeriode:
    """The year and Tribulan asked for (`?tahun=&tribulan=`), else the current monev period.

    Current: the open period with the nearest deadline not yet past; else the latest year that has data
    or periods, at its last period (Tribulan IV when it has none). Unreadable values are ignored.
    """
    hari_ini = timezone.localdate()
    tahun, tribulan = _angka_param(params.get("tahun")), _angka_param(params.get("tribulan"))
    if tahun is not None and not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        tahun = None
    if tribulan not in NAMA_TRIBULAN:
        tribulan = None
    if tahun is None:
        berjalan = sorted(
            (p for p in periode_pemda if not p.terkunci and p.batas_waktu and p.batas_waktu >= hari_ini),
            key=lambda p: p.batas_waktu,
        )
        if berjalan and tribulan is None:
            tahun, tribulan = berjalan[0].tahun, berjalan[0].tribulan
        else:
            semua = tahun_data | {p.tahun for p in periode_pemda}
            tahun = max(semua) if semua else hari_ini.year
    if tribulan is None:
        tw_tahun = [p.tribulan for p in periode_pemda if p.tahun == tahun]
        tribulan = max(tw_tahun) if tw_tahun else 4
    periode = next((p for p in periode_pemda if (p.tahun, p.tribulan) == (tahun, tribulan)), None)
    tahun_list = sorted(tahun_data | {p.tahun for p in periode_pemda} | {tahun}, reverse=True)
    return PilihanPeriode(tahun, tribulan, periode, tahun_list, hari_ini)


def _angka_param(nilai) -> int | None:
    try:
        return int(str(nilai).strip())
    except (TypeError, ValueError):
        return None


def ringkasan_monev(opd: OPD, pilihan: PilihanPeriode) -> dict:
    """What the OPD page shows about monev for the chosen period; a fixed number of queries."""
    hasil = hitung_opd_tahun(opd, pilihan.tahun, tribulan=pilihan.tribulan)
    analisis_ids = set(
        AnalisisIndikator.objects.filter(indikator__opd=opd, tahun=pilihan.tahun).values_list(
            "indikator_id", flat=True
        )
    )
    catatan = list(
        CatatanReviu.objects.filter(opd=opd, tahun=pilihan.tahun).select_related("penulis", "indikator")
    )
    temuan_per_jenis: dict[str, list] = defaultdict(list)
    for t in hasil.temuan:
        temuan_per_jenis[t.judul].append(t)
    args = (opd.kode, pilihan.tahun, pilihan.tribulan)
    return {
        "hasil": hasil,
        "kelengkapan": kelengkapan_monev(hasil, analisis_ids),
        "temuan": hasil.temuan,
        "temuan_per_jenis": list(temuan_per_jenis.items()),
        "catatan": catatan,
        "menu_monev": [(nama, judul, reverse(f"monev:{nama}", args=args)) for nama, judul in LAYAR_MONEV],
        "url_catatan": reverse("monev:catatan_tambah", args=(opd.kode, pilihan.tahun)),
        "nama_tribulan": NAMA_TRIBULAN[pilihan.tribulan],
        "tribulan_choices": list(NAMA_TRIBULAN.items()),
    }
