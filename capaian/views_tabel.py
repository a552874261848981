"""Capaian tables across OPDs, drill-down from any figure, the Pemda overview and the periods page.

Every figure comes from the engine. The tables compute every OPD-year the user may read (and the
filter keeps) with `hitung_banyak_opd`: the engine's own computation over data read for all those
OPDs at once, so a page runs the same number of queries for one OPD or sixty.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from anggaran.models import Kegiatan, PaguAnggaran, Program, RealisasiAnggaran, SubKegiatan
from capaian.engine import (
    DOKUMEN_ANGGARAN,
    HasilOPD,
    hitung_banyak_opd,
    hitung_opd_tahun,
    nama_pk,
)
from capaian.filters import FilterAnggaran, FilterIndikator
from capaian.models import (
    AnalisisIndikator,
    BarisTabelPendukung,
    BuktiDukung,
    CatatanReviu,
    NilaiVariabel,
    RealisasiIndikator,
)
from capaian.tables import (
    PER_HALAMAN,
    BarisAnggaran,
    BarisIndikator,
    BarisPemda,
    DataBaris,
    TabelAnggaran,
    TabelIndikator,
    baris_anggaran,
    baris_indikator,
    baris_pemda,
    tabel_pemda,
)
from capaian.unduhan import RingkasanPemdaXlsx, TabelAnggaranXlsx, TabelIndikatorXlsx
from inti.akses import get_opd_or_404, opd_terbaca, peran_pengguna
from inti.ekspor import respons_unduhan
from inti.forms import BootstrapMixin
from inti.models import OPD, Pemda, PeriodeMonev, RentangKategori
from inti.periode import NAMA_TRIBULAN, TRIBULAN, Tribulan, format_tanggal
from inti.services import periode_batas_waktu_atur, periode_kunci, periode_siapkan
from inti.tampilan import format_angka_penuh
from inti.tulis import KonflikSimpan
from perjanjian.models import BarisPK
from renstra.models import (
    Indikator,
    TargetIndikator,
)

TAHUN_MIN, TAHUN_MAKS = 2000, 2100


# --------------------------------------------------------------------------------------------
# History: who changed which value, when, from what to what
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisRiwayat:
    waktu: datetime.datetime
    pengguna: str
    objek: str
    medan: str
    lama: str
    baru: str
    jenis: str  # "dibuat", "diubah", "dihapus"
    alasan: str


def tampil_nilai(nilai: Any) -> str:
    if nilai is None or nilai == "":
        return "kosong"
    if isinstance(nilai, bool):
        return "ya" if nilai else "tidak"
    if isinstance(nilai, Decimal):
        return format_angka_penuh(nilai)
    if isinstance(nilai, datetime.date) and not isinstance(nilai, datetime.datetime):
        return format_tanggal(nilai)
    teks = str(nilai)
    return teks if len(teks) <= 200 else teks[:199] + "…"


def _nama_pengguna(user) -> str:
    if user is None:
        return "tidak tercatat"
    return user.get_full_name() or user.get_username()


def riwayat(
    history_qs, medan: dict[str, str], objek: Callable[[Any], str], *, dengan_awal: bool = True
) -> list[BarisRiwayat]:
    """Changes of the named fields in a history queryset, newest first. One query.

    The old value of a change is the field in the object's previous history row, so the list shows
    old → new without a query per row. `dengan_awal=False` leaves out the values an object was
    created with (for metadata, where only later changes are of interest).
    """
    rows = history_qs.select_related("history_user").order_by("id", "history_date", "history_id")
    sebelumnya: dict[int, Any] = {}
    hasil = []
    for r in rows:
        lama = sebelumnya.get(r.id)
        for nama, judul in medan.items():
            baru_v = getattr(r, nama)
            if r.history_type == "+":
                if baru_v in (None, "") or not dengan_awal:
                    continue
                jenis, lama_t, baru_t = "dibuat", "kosong", tampil_nilai(baru_v)
            elif r.history_type == "-":
                jenis, lama_t, baru_t = "dihapus", tampil_nilai(baru_v), "kosong (dihapus)"
            else:
                lama_v = getattr(lama, nama) if lama is not None else None
                if lama is not None and lama_v == baru_v:
                    continue
                jenis, lama_t, baru_t = "diubah", tampil_nilai(lama_v), tampil_nilai(baru_v)
            hasil.append(
                BarisRiwayat(
                    waktu=r.history_date,
                    pengguna=_nama_pengguna(r.history_user),
                    objek=objek(r),
                    medan=judul,
                    lama=lama_t,
                    baru=baru_t,
                    jenis=jenis,
                    alasan=r.history_change_reason or "",
                )
            )
        sebelumnya[r.id] = r
    hasil.sort(key=lambda b: b.waktu, reverse=True)
    return hasil


# --------------------------------------------------------------------------------------------
# Shared pieces of the table pages
# --------------------------------------------------------------------------------------------


def _tahun_pilihan(opd_ids: Iterable[int]) -> list[int]:
    """Budget years of the OPDs (one query); the current year when there is none."""
    tahun = set(
        Program.objects.filter(opd_id__in=list(opd_ids)).order_by().values_list("tahun", flat=True).distinct()
    )
    return sorted(tahun) or [timezone.localdate().year]


def _kategori_pilihan(opd_list: Sequence[OPD]) -> list[str]:
    """Category names of the scales the OPDs use, in scale order. One query."""
    skala_ids = {o.pemda.skala_kategori_id for o in opd_list if o.pemda.skala_kategori_id}
    nama = RentangKategori.objects.filter(Q(skala_id__in=skala_ids) | Q(skala__bawaan=True)).order_by(
        "urutan", "batas_bawah"
    )
    return list(dict.fromkeys(r.nama for r in nama))


def _tahun_dari(request, bawaan: int) -> int:
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        return bawaan
    return tahun if TAHUN_MIN <= tahun <= TAHUN_MAKS else bawaan


def _atur_tabel(request, table, per_halaman: int = PER_HALAMAN):
    """Sort and page a table from the query string; the page size is the site's, not the URL's."""
    urutan = request.GET.getlist(table.prefixed_order_by_field)
    if urutan:
        table.order_by = urutan
    try:
        table.paginate(page=request.GET.get(table.prefixed_page_field, 1), per_page=per_halaman)
    except PageNotAnInteger:
        table.page = table.paginator.page(1)
    except EmptyPage:
        table.page = table.paginator.page(table.paginator.num_pages)
    return table


def _urutkan_semua(request, table):
    """The table's rows in the order the page shows, every page: what an export writes."""
    urutan = request.GET.getlist(table.prefixed_order_by_field)
    if urutan:
        table.order_by = urutan
    return list(table.data)


def _opd_terbaca_urut(user):
    return opd_terbaca(user).order_by("pemda__nama", "nama")


def _isi_filter(filterset) -> list[tuple[str, str]]:
    data = filterset.form.cleaned_data
    isi = []
    for nama, f in filterset.filters.items():
        nilai = data.get(nama)
        if nilai in (None, "", False):
            continue
        if nama == "opd":
            nilai = nilai.nama
        elif hasattr(f, "extra") and f.extra.get("choices"):
            nilai = dict(f.extra["choices"]).get(nilai, nilai)
        elif nilai is True:
            nilai = "ya"
        isi.append((f"Filter: {f.label}", str(nilai)))
    return isi


# --------------------------------------------------------------------------------------------
# Indicators across OPDs
# --------------------------------------------------------------------------------------------


def _indikator_tersaring(request) -> tuple[FilterIndikator, list[BarisIndikator] | None]:
    opd_qs = _opd_terbaca_urut(request.user)
    opd_list = list(opd_qs)
    filterset = FilterIndikator(
        request.GET,
        queryset=opd_qs,
        request=request,
        tahun_pilihan=_tahun_pilihan(o.pk for o in opd_list),
        kategori_pilihan=_kategori_pilihan(opd_list),
    )
    if not opd_list or not filterset.is_valid():
        return filterset, None
    hasil = hitung_banyak_opd(filterset.qs, filterset.tahun_terpilih)
    return filterset, filterset.saring(baris_indikator(hasil))


@login_required
def indikator_daftar(request):
    filterset, baris = _indikator_tersaring(request)
    table = _atur_tabel(request, TabelIndikator(DataBaris(baris or [])))
    return render(
        request,
        "capaian/tabel/indikator.html",
        {
            "filter": filterset,
            "table": table,
            "tahun": filterset.tahun_terpilih,
            "jumlah": len(baris or []),
            "query_ekspor": request.GET.urlencode(),
            "tanpa_opd": not peran_pengguna(request.user).opd_baca_ids,
            "menu": "indikator",
        },
    )


@login_required
def indikator_xlsx(request):
    filterset, baris = _indikator_tersaring(request)
    if baris is None:
        messages.error(request, "Filter tidak valid; perbaiki filter sebelum mengekspor.")
        return redirect(f"{reverse('tabel:indikator')}?{request.GET.urlencode()}")
    baris = _urutkan_semua(request, TabelIndikator(DataBaris(baris)))
    return respons_unduhan(
        TabelIndikatorXlsx(filterset.tahun_terpilih, baris, _isi_filter(filterset), request.user)
    )


# --------------------------------------------------------------------------------------------
# Budget lines across OPDs
# --------------------------------------------------------------------------------------------


def _anggaran_tersaring(request) -> tuple[FilterAnggaran, list[BarisAnggaran] | None]:
    opd_qs = _opd_terbaca_urut(request.user)
    opd_list = list(opd_qs)
    filterset = FilterAnggaran(
        request.GET, queryset=opd_qs, request=request, tahun_pilihan=_tahun_pilihan(o.pk for o in opd_list)
    )
    if not opd_list or not filterset.is_valid():
        return filterset, None
    hasil = hitung_banyak_opd(filterset.qs, filterset.tahun_terpilih)
    return filterset, filterset.saring(baris_anggaran(hasil))


@login_required
def anggaran_daftar(request):
    filterset, baris = _anggaran_tersaring(request)
    table = _atur_tabel(request, TabelAnggaran(DataBaris(baris or [])))
    return render(
        request,
        "capaian/tabel/anggaran.html",
        {
            "filter": filterset,
            "table": table,
            "tahun": filterset.tahun_terpilih,
            "jumlah": len(baris or []),
            "query_ekspor": request.GET.urlencode(),
            "tanpa_opd": not peran_pengguna(request.user).opd_baca_ids,
            "menu": "anggaran",
        },
    )


@login_required
def anggaran_xlsx(request):
    filterset, baris = _anggaran_tersaring(request)
    if baris is None:
        messages.error(request, "Filter tidak valid; perbaiki filter sebelum mengekspor.")
        return redirect(f"{reverse('tabel:anggaran')}?{request.GET.urlencode()}")
    baris = _urutkan_semua(request, TabelAnggaran(DataBaris(baris)))
    return respons_unduhan(
        TabelAnggaranXlsx(filterset.tahun_terpilih, baris, _isi_filter(filterset), request.user)
    )


# --------------------------------------------------------------------------------------------
# Drill-down: an indicator
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetDokumen:
    dokumen: str
    nilai: Decimal
    dipakai: bool


@dataclass(frozen=True)
class TabelRinci:
    """A supporting table as it feeds a formula input: rows by label, one column per `kolom`."""

    tabel: Any
    kolom: list[str]
    baris: list[tuple[str, list[Decimal | None]]]
    jumlah: list[Decimal | None]  # the engine's column sums (DataOPD.jumlah_tabel)


@dataclass(frozen=True)
class CapaianTribulan:
    tribulan: int
    nama: str
    realisasi: Any  # RealisasiTribulan of the engine
    capaian: Any  # Angka: capaian up to the end of this Tribulan


def _tahun_indikator(indikator: Indikator, opd: OPD, request) -> int:
    """A budget-line indicator belongs to its program's year; a Renstra one to the year asked."""
    if indikator.program_id:
        return indikator.program.tahun
    if indikator.kegiatan_id:
        return indikator.kegiatan.program.tahun
    if indikator.sub_kegiatan_id:
        return indikator.sub_kegiatan.kegiatan.program.tahun
    diminta = _tahun_dari(request, 0)
    return diminta or max(_tahun_pilihan([opd.pk]))


def url_bukti(bukti: BuktiDukung, opd: OPD) -> str | None:
    """The download URL of the monev module, if it is there (None: list the name only)."""
    for kwargs in ({"kode": opd.kode, "pk": bukti.pk}, {"pk": bukti.pk}):
        try:
            return reverse("monev:bukti_unduh", kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


def _tabel_rinci(hasil: HasilOPD, tabel_ids: set[int]) -> list[TabelRinci]:
    per_tabel: dict[int, list] = defaultdict(list)
    for b in BarisTabelPendukung.objects.filter(tabel_id__in=tabel_ids).order_by(
        "tabel_id", "urutan", "label"
    ):
        per_tabel[b.tabel_id].append(b)
    hasil_tabel = []
    for tabel_id in sorted(tabel_ids):
        baris = per_tabel.get(tabel_id, [])
        kolom = sorted({b.kolom for b in baris})
        sel: dict[str, dict[str, Decimal]] = defaultdict(dict)
        for b in baris:
            sel[b.label][b.kolom] = b.nilai
        hasil_tabel.append(
            TabelRinci(
                tabel=hasil.tabel_pendukung(tabel_id),
                kolom=kolom,
                baris=[(label, [nilai.get(k) for k in kolom]) for label, nilai in sel.items()],
                jumlah=[hasil.jumlah_kolom(tabel_id, k) for k in kolom],
            )
        )
    return hasil_tabel


@login_required
def indikator_rinci(request, kode: str, pk: int):
    opd = get_opd_or_404(request.user, kode)
    indikator = get_object_or_404(
        Indikator.objects.select_related(
            "tujuan", "sasaran", "program", "kegiatan__program", "sub_kegiatan__kegiatan__program"
        ),
        pk=pk,
        opd=opd,
    )
    tahun = _tahun_indikator(indikator, opd, request)
    hasil = hitung_opd_tahun(opd, tahun)
    h = hasil.hasil_indikator(indikator)
    per_tribulan, tabel, riwayat_nilai = [], [], []
    if h is not None:
        # Capaian up to each Tribulan, from the data already read: no query.
        per_tribulan = [
            CapaianTribulan(
                t,
                NAMA_TRIBULAN[t],
                h.realisasi_tw[t],
                hasil.capaian_sampai(indikator, t),
            )
            for t in TRIBULAN
        ]
        tabel_ids = {i.tabel.pk for t in TRIBULAN for i in h.realisasi_tw[t].input if i.tabel is not None}
        tabel = _tabel_rinci(hasil, tabel_ids)

    target = [
        TargetDokumen(
            t.get_dokumen_display(), t.nilai, h is not None and h.sumber_target == t.get_dokumen_display()
        )
        for t in TargetIndikator.objects.filter(indikator=indikator, tahun=tahun).order_by("dokumen")
    ]
    pk_tahun = {p.pk: p for p in hasil.pk_semua}
    target += [
        TargetDokumen(
            nama_pk(pk_tahun[b.pk_dokumen_id]),
            b.target,
            h is not None and h.sumber_target == nama_pk(pk_tahun[b.pk_dokumen_id]),
        )
        for b in hasil.baris_pk()
        if b.indikator_id == indikator.pk
    ]

    variabel = {v.pk: v for v in hasil.variabel(indikator)}
    tabel_ids_semua = {t.tabel.pk for t in tabel if t.tabel is not None}
    riwayat_nilai = sorted(
        [
            *riwayat(
                RealisasiIndikator.history.filter(indikator_id=indikator.pk, tahun=tahun),
                {"nilai": "Realisasi", "keterangan": "Keterangan"},
                lambda r: f"Realisasi {NAMA_TRIBULAN[r.tribulan]}",
            ),
            *riwayat(
                NilaiVariabel.history.filter(variabel_id__in=list(variabel), tahun=tahun),
                {"nilai": "Nilai", "kolom": "Kolom tabel"},
                lambda r: (
                    f"Input {getattr(variabel.get(r.variabel_id), 'label', r.variabel_id)} "
                    f"{NAMA_TRIBULAN[r.tribulan]}"
                ),
            ),
            *riwayat(
                BarisTabelPendukung.history.filter(tabel_id__in=tabel_ids_semua),
                {"nilai": "Nilai"},
                lambda r: f"Tabel pendukung: {r.label} [{r.kolom}]",
            ),
            *riwayat(
                TargetIndikator.history.filter(indikator_id=indikator.pk, tahun=tahun),
                {"nilai": "Target"},
                lambda r: f"Target {dict(TargetIndikator.Dokumen.choices).get(r.dokumen, r.dokumen)}",
            ),
            *riwayat(
                BarisPK.history.filter(indikator_id=indikator.pk, pk_dokumen_id__in=list(pk_tahun)),
                {"target": "Target"},
                lambda r: f"Target {nama_pk(pk_tahun[r.pk_dokumen_id])}",
            ),
            *riwayat(
                AnalisisIndikator.history.filter(indikator_id=indikator.pk, tahun=tahun),
                {
                    "faktor_keberhasilan": "Faktor keberhasilan",
                    "hambatan": "Hambatan",
                    "tindak_lanjut": "Tindak lanjut",
                },
                lambda r: "Analisis",
            ),
            *riwayat(
                Indikator.history.filter(id=indikator.pk),
                {
                    "nama": "Nama",
                    "satuan": "Satuan",
                    "formula_uraian": "Formula",
                    "rumus": "Rumus hitung",
                    "polaritas": "Polaritas",
                    "desimal": "Jumlah desimal",
                    "agregasi": "Agregasi",
                },
                lambda r: "Metadata indikator",
                dengan_awal=False,
            ),
        ],
        key=lambda b: b.waktu,
        reverse=True,
    )
    bukti = [
        (b, url_bukti(b, opd))
        for b in BuktiDukung.objects.filter(indikator=indikator, tahun=tahun, dihapus=False)
        .select_related("diunggah_oleh")
        .order_by("tribulan", "diunggah_pada")
    ]
    catatan = list(
        CatatanReviu.objects.filter(opd=opd, tahun=tahun, indikator=indikator)
        .select_related("penulis")
        .order_by("-dibuat")
    )
    return render(
        request,
        "capaian/tabel/indikator_rinci.html",
        {
            "opd": opd,
            "indikator": indikator,
            "tahun": tahun,
            "hasil": h,
            "hasil_opd": hasil,
            "per_tribulan": per_tribulan,
            "tabel_pendukung": tabel,
            "target": target,
            "riwayat": riwayat_nilai,
            "bukti": bukti,
            "catatan": catatan,
            "menu": "indikator",
        },
    )


# --------------------------------------------------------------------------------------------
# Drill-down: a budget line
# --------------------------------------------------------------------------------------------

LEVEL_MATA = ("program", "kegiatan", "sub_kegiatan")


def _mata_anggaran_or_404(opd: OPD, level: str, pk: int):
    if level == "program":
        return get_object_or_404(Program, pk=pk, opd=opd)
    if level == "kegiatan":
        return get_object_or_404(Kegiatan.objects.select_related("program"), pk=pk, program__opd=opd)
    if level == "sub_kegiatan":
        return get_object_or_404(
            SubKegiatan.objects.select_related("kegiatan__program"), pk=pk, kegiatan__program__opd=opd
        )
    raise Http404("Level mata anggaran tidak dikenal.")


def _program_dari(objek) -> Program:
    if isinstance(objek, Program):
        return objek
    if isinstance(objek, Kegiatan):
        return objek.program
    return objek.kegiatan.program


@dataclass(frozen=True)
class PaguDokumen:
    dokumen: str
    pagu: Any  # Angka, rolled up by the engine
    sendiri: Decimal | None
    anak: Decimal | None
    dipakai: bool


@login_required
def anggaran_rinci(request, kode: str, level: str, pk: int):
    opd = get_opd_or_404(request.user, kode)
    objek = _mata_anggaran_or_404(opd, level, pk)
    program = _program_dari(objek)
    tahun = program.tahun
    hasil = hitung_opd_tahun(opd, tahun)
    per_dokumen = {
        d: next((b for b in hasil.anggaran_dokumen[d].baris() if b.level == level and b.objek.pk == pk), None)
        for d in DOKUMEN_ANGGARAN
    }
    baris = per_dokumen[hasil.dokumen_anggaran]
    nama_dokumen = dict(PaguAnggaran.Dokumen.choices)
    pagu = [
        PaguDokumen(nama_dokumen[d], b.pagu, b.pagu_sendiri, b.pagu_anak, d == hasil.dokumen_anggaran)
        for d, b in per_dokumen.items()
        if b is not None
    ]
    pk_tahun = {p.pk: p for p in hasil.pk_semua}
    pagu_pk = [
        (nama_pk(pk_tahun[a.pk_dokumen_id]), a.nilai)
        for a in hasil.anggaran_pk()
        if level == "program" and a.program_id == pk
    ]
    per_tribulan = [
        (NAMA_TRIBULAN[t], baris.realisasi_tw[t], baris.penyerapan_tw[t], baris.realisasi_sendiri[t])
        for t in TRIBULAN
    ]
    kunci_induk = {"program": "program_id", "kegiatan": "kegiatan_id", "sub_kegiatan": "sub_kegiatan_id"}[
        level
    ]
    indikator = [h for h in hasil.indikator if h.level == level and getattr(h.indikator, kunci_induk) == pk]
    nama_model = {"program": Program, "kegiatan": Kegiatan, "sub_kegiatan": SubKegiatan}[level]
    medan_mata = {f"{level}_id": pk}
    riwayat_nilai = sorted(
        [
            *riwayat(
                PaguAnggaran.history.filter(**medan_mata),
                {"nilai": "Pagu"},
                lambda r: f"Pagu {nama_dokumen.get(r.dokumen, r.dokumen)}",
            ),
            *riwayat(
                RealisasiAnggaran.history.filter(**medan_mata),
                {"nilai": "Realisasi kumulatif", "keterangan": "Keterangan"},
                lambda r: f"Realisasi s.d. {NAMA_TRIBULAN[r.tribulan]}",
            ),
            *riwayat(
                nama_model.history.filter(id=pk),
                {"kode": "Kode", "nama": "Nama"},
                lambda r: "Data mata anggaran",
                dengan_awal=False,
            ),
        ],
        key=lambda b: b.waktu,
        reverse=True,
    )
    jejak = []
    if isinstance(objek, Kegiatan | SubKegiatan):
        jejak.append(("program", program))
    if isinstance(objek, SubKegiatan):
        jejak.append(("kegiatan", objek.kegiatan))
    return render(
        request,
        "capaian/tabel/anggaran_rinci.html",
        {
            "opd": opd,
            "objek": objek,
            "level": level,
            "level_label": dict(Indikator.Level.choices)[level],
            "tahun": tahun,
            "baris": baris,
            "pagu": pagu,
            "pagu_pk": pagu_pk,
            "per_tribulan": per_tribulan,
            "indikator": indikator,
            "riwayat": riwayat_nilai,
            "jejak": jejak,
            "menu": "anggaran",
        },
    )


# --------------------------------------------------------------------------------------------
# The Pemda overview (admin and Pemda-wide auditor)
# --------------------------------------------------------------------------------------------


def _pemda_pilihan(user, *, hanya_admin: bool) -> list[Pemda]:
    akses = peran_pengguna(user)
    if akses.superuser:
        qs = Pemda.objects.all()
    else:
        ids = akses.admin_pemda_ids if hanya_admin else akses.admin_pemda_ids | akses.auditor_pemda_ids
        qs = Pemda.objects.filter(pk__in=ids)
    return list(qs.order_by("nama"))


def _pemda_dari(request, pilihan: Sequence[Pemda], pesan_403: str) -> Pemda:
    if not pilihan:
        raise PermissionDenied(pesan_403)
    kode = request.GET.get("pemda")
    if not kode:
        return pilihan[0]
    for pemda in pilihan:
        if pemda.kode == kode:
            return pemda
    raise Http404("Pemda tidak ditemukan.")


PESAN_PEMDA_403 = "Ringkasan Pemda hanya untuk admin Pemda dan auditor se-Pemda."


def _ringkasan_pemda(request) -> tuple[Pemda, list[Pemda], int, list[int], list[str], list[BarisPemda]]:
    pilihan = _pemda_pilihan(request.user, hanya_admin=False)
    pemda = _pemda_dari(request, pilihan, PESAN_PEMDA_403)
    opd_qs = opd_terbaca(request.user).filter(pemda=pemda, aktif=True).order_by("nama")
    tahun_pilihan = _tahun_pilihan(opd_qs.values_list("pk", flat=True))
    tahun = _tahun_dari(request, max(tahun_pilihan))
    semua_hasil = hitung_banyak_opd(opd_qs, tahun)
    kategori = [r.nama for r in semua_hasil[0].rentang] if semua_hasil else []
    return pemda, pilihan, tahun, tahun_pilihan, kategori, [baris_pemda(h, kategori) for h in semua_hasil]


@login_required
def pemda_ringkasan(request):
    pemda, pilihan, tahun, tahun_pilihan, kategori, baris = _ringkasan_pemda(request)
    table = _atur_tabel(request, tabel_pemda(DataBaris(baris), kategori), per_halaman=100)
    return render(
        request,
        "capaian/tabel/pemda.html",
        {
            "pemda": pemda,
            "pemda_pilihan": pilihan,
            "tahun": tahun,
            "tahun_pilihan": sorted(set(tahun_pilihan) | {tahun}, reverse=True),
            "table": table,
            "query_ekspor": request.GET.urlencode(),
            "menu": "pemda",
        },
    )


@login_required
def pemda_xlsx(request):
    pemda, _, tahun, _, kategori, baris = _ringkasan_pemda(request)
    baris = _urutkan_semua(request, tabel_pemda(DataBaris(baris), kategori))
    return respons_unduhan(RingkasanPemdaXlsx(pemda, tahun, kategori, baris, request.user))


# --------------------------------------------------------------------------------------------
# Monev periods (admin)
# --------------------------------------------------------------------------------------------

PESAN_PERIODE_403 = "Halaman periode monev hanya untuk admin Pemda."


@dataclass(frozen=True)
class BarisPeriode:
    tribulan: int
    nama: str
    periode: PeriodeMonev | None


class FormBatasWaktu(BootstrapMixin, forms.Form):
    batas_waktu = forms.DateField(
        label="Batas waktu",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        error_messages={"invalid": "Tanggal tidak valid; gunakan format hh/bb/tttt, mis. 15/01/2023."},
    )
    semula = forms.DateField(required=False, input_formats=["%Y-%m-%d"])


def _pemda_admin_or_404(user, kode: str) -> Pemda:
    """The Pemda, 404 if the user has no role in it at all, 403 if they are not its admin."""
    pemda = Pemda.objects.filter(kode=kode).first()
    akses = peran_pengguna(user)
    if pemda is None or not (akses.superuser or pemda.pk in akses.pemda_ids):
        raise Http404("Pemda tidak ditemukan.")
    if not akses.admin_pemda(pemda.pk):
        raise PermissionDenied(PESAN_PERIODE_403)
    return pemda


def _url_periode(pemda: Pemda, tahun: int) -> str:
    return f"{reverse('tabel:periode')}?pemda={pemda.kode}&tahun={tahun}"


@login_required
def periode_daftar(request):
    pilihan = _pemda_pilihan(request.user, hanya_admin=True)
    pemda = _pemda_dari(request, pilihan, PESAN_PERIODE_403)
    periode_qs = PeriodeMonev.objects.filter(pemda=pemda)
    tahun_ada = sorted(set(periode_qs.values_list("tahun", flat=True)))
    tahun = _tahun_dari(request, tahun_ada[-1] if tahun_ada else timezone.localdate().year)
    per_tw = {p.tribulan: p for p in periode_qs.filter(tahun=tahun)}
    baris = [BarisPeriode(t, Tribulan(t).label, per_tw.get(t)) for t in TRIBULAN]
    riwayat_periode = riwayat(
        PeriodeMonev.history.filter(pemda_id=pemda.pk, tahun=tahun),
        {"batas_waktu": "Batas waktu", "terkunci": "Terkunci"},
        lambda r: Tribulan(r.tribulan).label,
    )
    return render(
        request,
        "capaian/tabel/periode.html",
        {
            "pemda": pemda,
            "pemda_pilihan": pilihan,
            "tahun": tahun,
            "tahun_pilihan": sorted(set(tahun_ada) | {tahun, timezone.localdate().year}, reverse=True),
            "baris": baris,
            "riwayat": riwayat_periode,
            "menu": "periode",
        },
    )


@login_required
@require_POST
def periode_kunci_ubah(request, pemda: str, tahun: int, tribulan: int):
    pemda_obj = _pemda_admin_or_404(request.user, pemda)
    if tribulan not in TRIBULAN:
        raise Http404("Tribulan tidak dikenal.")
    terkunci = request.POST.get("terkunci") == "1"
    try:
        periode = periode_siapkan(user=request.user, pemda=pemda_obj, tahun=tahun, tribulan=tribulan)
        periode_kunci(user=request.user, periode=periode, terkunci=terkunci)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        aksi = "dikunci" if terkunci else "dibuka"
        messages.success(request, f"{Tribulan(tribulan).label} {tahun} {aksi}.")
    return redirect(_url_periode(pemda_obj, tahun))


@login_required
@require_POST
def periode_batas_waktu(request, pemda: str, tahun: int, tribulan: int):
    pemda_obj = _pemda_admin_or_404(request.user, pemda)
    if tribulan not in TRIBULAN:
        raise Http404("Tribulan tidak dikenal.")
    form = FormBatasWaktu(request.POST)
    if not form.is_valid():
        for pesan in form.errors.get("batas_waktu", []) + form.errors.get("semula", []):
            messages.error(request, f"{Tribulan(tribulan).label}: {pesan}")
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
        messages.success(
            request,
            f"Batas waktu {Tribulan(tribulan).label} {tahun}: {format_tanggal(form.cleaned_data['batas_waktu'])}.",
        )
    return redirect(_url_periode(pemda_obj, tahun))
