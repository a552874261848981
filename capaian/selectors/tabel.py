"""Reads of the capaian tables across OPDs, the two drill-downs, the Pemda overview and the periods page.

Every figure comes from the engine. The tables compute every OPD-year the user may read (and the filter
keeps) with `hitung_banyak_opd`: the engine's own computation over data read for all those OPDs at once,
so a page runs the same number of queries for one OPD or sixty. A drill-down computes its OPD-year once
and takes everything it shows of it (targets per PK version, Tribulan values, supporting-table sums) from
that one result; what the engine does not hold (stored targets per document, history, evidence, review
notes) is read with one query each.

Rows are small dataclasses around one engine result, so a table column shows, filters, sorts and exports
exactly the figure the engine gave (`capaian.tables` presents them, `capaian.unduhan` writes them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from anggaran.models import (
    LABEL_LEVEL_MATA,
    LEVEL_MATA,
    MODEL_MATA,
    MataAnggaran,
    PaguAnggaran,
    Program,
    RealisasiAnggaran,
    mata_anggaran_get,
)
from capaian.engine import (
    DOKUMEN_ANGGARAN,
    LEVEL_INDIKATOR,
    HasilAnggaran,
    HasilIndikator,
    HasilOPD,
    RealisasiTribulan,
    hitung_banyak_opd,
    hitung_opd_tahun,
    kategori_untuk,
    nama_pk,
    rata_rata,
)
from capaian.filters import FilterAnggaran, FilterCapaianDasar, FilterIndikator
from capaian.models import (
    AnalisisIndikator,
    BarisTabelPendukung,
    BuktiDukung,
    CatatanReviu,
    NilaiVariabel,
    RealisasiIndikator,
)
from capaian.selectors.monev import realisasi_tampil
from inti.akses import peran_pengguna
from inti.cache import CacheHasil
from inti.models import OPD, Pemda, PeriodeMonev
from inti.periode import NAMA_TRIBULAN, TRIBULAN
from inti.riwayat import BarisRiwayat, riwayat
from inti.selectors import (
    kategori_skala,
    opd_pemda_terbaca,
    opd_terbaca_urut,
    pemda_pilihan,
    pemda_terpilih,
    periode_per_tribulan,
    riwayat_periode,
    tahun_periode,
)
from inti.tampilan import Angka, tampil_nilai, tampil_nilai_indikator
from inti.versi import token_opd
from perjanjian.models import BarisPK
from renstra.models import FIELD_DEFINISI, Indikator, TargetIndikator

LABEL_LEVEL = {**dict(Indikator.Level.choices), "opd": "OPD"}
URUTAN_LEVEL = {level: i for i, level in enumerate(LEVEL_INDIKATOR)}

PESAN_PEMDA_403 = "Ringkasan Pemda hanya untuk admin Pemda dan auditor se-Pemda."
PESAN_PERIODE_403 = "Halaman periode monev hanya untuk admin Pemda."


def tahun_anggaran(opd_ids: Iterable[int]) -> list[int]:
    """The budget years of the OPDs, ascending (one query); the current year when there is none.

    The tables offer these years and open on the latest: a year without a budget has nothing to show.
    """
    tahun = set(
        Program.objects.filter(opd_id__in=list(opd_ids)).order_by().values_list("tahun", flat=True).distinct()
    )
    return sorted(tahun) or [timezone.localdate().year]


# --------------------------------------------------------------------------------------------
# Rows of the tables
# --------------------------------------------------------------------------------------------


TRIBULAN_BELUM_DIPILIH = "tribulan belum dipilih"


def _url_rinci_indikator(opd, pk: int, tahun: int) -> str:
    return f"{reverse('tabel:indikator_rinci', kwargs={'kode': opd.kode, 'pk': pk})}?tahun={tahun}"


def _url_rinci_anggaran(opd, level: str, pk: int, tahun: int) -> str:
    url = reverse("tabel:anggaran_rinci", kwargs={"kode": opd.kode, "level": level, "pk": pk})
    return f"{url}?tahun={tahun}"


class _BarisOPDMixin:
    """What every table row shows of its OPD and engine result (`opd` and `hasil` are the row's)."""

    @property
    def opd_nama(self) -> str:
        return self.opd.nama

    @property
    def opd_singkat(self) -> str:
        return str(self.opd)

    @property
    def level_label(self) -> str:
        return LABEL_LEVEL.get(self.hasil.level, self.hasil.level)

    @property
    def level_urut(self) -> int:
        return URUTAN_LEVEL.get(self.hasil.level, len(URUTAN_LEVEL))

    @property
    def kode(self) -> str:
        return self.hasil.kode

    @property
    def nama(self) -> str:
        return self.hasil.nama


@dataclass(frozen=True)
class BarisIndikator(_BarisOPDMixin):
    """One indicator of one OPD-year, as the engine computed it."""

    opd: Any
    tahun: int
    hasil: HasilIndikator
    tribulan: int | None = None  # the Tribulan whose Rencana Aksi figures the table shows, if any

    @property
    def satuan(self) -> str:
        return self.hasil.satuan

    @property
    def target_tw(self) -> Angka:
        """The Rencana Aksi target of the chosen Tribulan."""
        if self.tribulan is None:
            return Angka.kosong(TRIBULAN_BELUM_DIPILIH)
        return self.hasil.target_tribulan[self.tribulan]

    @property
    def realisasi_tw(self) -> Angka:
        """The value used for the chosen Tribulan (typed, or from the formula)."""
        if self.tribulan is None:
            return Angka.kosong(TRIBULAN_BELUM_DIPILIH)
        return self.hasil.realisasi_tw[self.tribulan].nilai

    @property
    def capaian_tw(self) -> Angka:
        """The chosen Tribulan's realisasi against its Rencana Aksi target."""
        if self.tribulan is None:
            return Angka.kosong(TRIBULAN_BELUM_DIPILIH)
        return self.hasil.capaian_tribulan[self.tribulan]

    @property
    def target(self) -> Angka:
        return self.hasil.target

    @property
    def realisasi(self) -> Angka:
        return self.hasil.realisasi

    @property
    def capaian(self) -> Angka:
        return self.hasil.capaian

    @property
    def kategori(self) -> str | None:
        return self.hasil.kategori

    @property
    def status(self) -> str:
        return self.hasil.status

    @property
    def sumber_target(self) -> str:
        return self.hasil.sumber_target or ""

    @property
    def iku_teks(self) -> str:
        return "IKU" if self.hasil.iku else ""

    @property
    def polaritas_label(self) -> str:
        return "Negatif" if str(self.hasil.polaritas) == "negatif" else "Positif"

    @cached_property
    def url(self) -> str:
        return _url_rinci_indikator(self.opd, self.hasil.indikator.pk, self.tahun)


@dataclass(frozen=True)
class BarisAnggaran(_BarisOPDMixin):
    """One budget line (program, kegiatan or sub kegiatan) of one OPD-year."""

    opd: Any
    tahun: int
    hasil: HasilAnggaran

    @property
    def pagu(self) -> Angka:
        return self.hasil.pagu

    @property
    def realisasi(self) -> Angka:
        return self.hasil.realisasi

    @property
    def penyerapan(self) -> Angka:
        return self.hasil.penyerapan

    @cached_property
    def url(self) -> str:
        return _url_rinci_anggaran(self.opd, self.hasil.level, self.hasil.objek.pk, self.tahun)


@dataclass(frozen=True)
class BarisPemda:
    """One OPD in the Pemda overview: IKU capaian, indicators per category, budget, findings."""

    opd: Any
    tahun: int
    capaian_iku: Angka
    kategori_iku: str | None
    jumlah_iku: int
    jumlah_indikator: int
    per_kategori: tuple[int, ...]  # in the order of the scale the table was built with
    tanpa_kategori: int
    pagu: Angka
    realisasi: Angka
    penyerapan: Angka
    penyerapan_terisi: Angka
    jumlah_temuan: int

    @property
    def opd_nama(self) -> str:
        return self.opd.nama

    @property
    def url_opd(self) -> str:
        return f"{reverse('lkjip:opd', kwargs={'kode': self.opd.kode})}?tahun={self.tahun}"

    @property
    def url_iku(self) -> str:
        query = urlencode({"opd": self.opd.kode, "tahun": self.tahun, "iku": "on"})
        return f"{reverse('tabel:indikator')}?{query}"

    @property
    def url_anggaran(self) -> str:
        query = urlencode({"opd": self.opd.kode, "tahun": self.tahun, "level": "program"})
        return f"{reverse('tabel:anggaran')}?{query}"


def baris_indikator(semua_hasil: Iterable[HasilOPD]) -> list[BarisIndikator]:
    """A row per indicator; each computes its figures when the page (or a filter, or the sort) reads them."""
    return [BarisIndikator(h.opd, h.tahun, i) for h in semua_hasil for i in h.indikator_tunda()]


def baris_anggaran(semua_hasil: Iterable[HasilOPD]) -> list[BarisAnggaran]:
    """A row per budget line; each OPD's budget is computed when the page (or the sort) reads a figure."""
    return [BarisAnggaran(h.opd, h.tahun, a) for h in semua_hasil for a in h.baris_anggaran_tunda()]


def baris_pemda(hasil: HasilOPD, kategori: Sequence[str]) -> BarisPemda:
    iku = [b.hasil.capaian for b in hasil.iku]
    alasan = "belum ada Perjanjian Kinerja" if hasil.pk_terakhir is None else "belum ada capaian IKU"
    capaian_iku = rata_rata(iku, alasan=alasan)
    jumlah = Counter(i.kategori for i in hasil.indikator)
    total = hasil.anggaran
    return BarisPemda(
        opd=hasil.opd,
        tahun=hasil.tahun,
        capaian_iku=capaian_iku,
        kategori_iku=kategori_untuk(capaian_iku.tampil, hasil.rentang),
        jumlah_iku=len(iku),
        jumlah_indikator=len(hasil.indikator),
        per_kategori=tuple(jumlah.get(k, 0) for k in kategori),
        tanpa_kategori=sum(n for k, n in jumlah.items() if k not in kategori),
        pagu=total.pagu,
        realisasi=total.realisasi,
        penyerapan=total.penyerapan,
        penyerapan_terisi=total.penyerapan_terisi,
        jumlah_temuan=len(hasil.temuan),
    )


# --------------------------------------------------------------------------------------------
# The tables across OPDs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TabelCapaian:
    """A table across OPDs: its filter (bound to the query string) and the rows the filter keeps.

    `baris` is None when there is nothing to compute: the filter is invalid (it names an OPD the user does
    not read, an unknown level...) or the user reads no OPD at all (`tanpa_opd`, which the page explains).
    """

    filter: FilterCapaianDasar
    baris: list | None
    tanpa_opd: bool

    @property
    def sah(self) -> bool:
        return self.baris is not None

    @property
    def tahun(self) -> int | None:
        return self.filter.tahun_terpilih


def _tersaring(user, filterset: FilterCapaianDasar, opd_list: Sequence[OPD], baris_dari) -> TabelCapaian:
    tanpa_opd = not peran_pengguna(user).opd_baca_ids
    if not opd_list or not filterset.is_valid():
        return TabelCapaian(filterset, None, tanpa_opd)
    # Values are read when first used: the indicator table reads those of the OPDs its page shows.
    hasil = hitung_banyak_opd(filterset.qs, filterset.tahun_terpilih, tunda_nilai=True)
    return TabelCapaian(filterset, filterset.saring(baris_dari(hasil)), tanpa_opd)


def tabel_indikator(*, user, data) -> TabelCapaian:
    """Every indicator of every OPD-year the user reads and the filter (`data`: the query string) keeps."""
    opd_qs = opd_terbaca_urut(user)
    opd_list = list(opd_qs)
    filterset = FilterIndikator(
        data,
        queryset=opd_qs,
        tahun_pilihan=tahun_anggaran(o.pk for o in opd_list),
        kategori_pilihan=kategori_skala(opd_list),
    )
    return _tersaring(user, filterset, opd_list, baris_indikator)


def tabel_anggaran(*, user, data) -> TabelCapaian:
    """Every budget line of every OPD-year the user reads and the filter (`data`: the query string) keeps."""
    opd_qs = opd_terbaca_urut(user)
    opd_list = list(opd_qs)
    filterset = FilterAnggaran(data, queryset=opd_qs, tahun_pilihan=tahun_anggaran(o.pk for o in opd_list))
    return _tersaring(user, filterset, opd_list, baris_anggaran)


# --------------------------------------------------------------------------------------------
# The Pemda overview
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RingkasanPemda:
    pemda: Pemda
    pemda_pilihan: list[Pemda]
    tahun: int
    tahun_pilihan: list[int]  # newest first; the year shown is always among them
    kategori: list[str]  # the Pemda's scale, in order: one count column each
    baris: list[BarisPemda]


def ringkasan_pemda(*, user, kode_pemda: str | None, tahun: int | None) -> RingkasanPemda:
    """Every active OPD of the Pemda the user reads, one row each, for `tahun` (else its latest budget year).

    For the Pemda's admin and its Pemda-wide auditors: 403 for anyone else, 404 for a Pemda not theirs.
    """
    pilihan = pemda_pilihan(user, hanya_admin=False)
    pemda = pemda_terpilih(pilihan, kode_pemda, pesan_403=PESAN_PEMDA_403)
    opd_qs = opd_pemda_terbaca(user, pemda=pemda)
    tahun_ada = tahun_anggaran(opd_qs.values_list("pk", flat=True))
    tahun = tahun or max(tahun_ada)
    semua_hasil = hitung_banyak_opd(opd_qs, tahun)
    # The OPDs of one Pemda share its scale: the first result names the categories of them all.
    kategori = [r.nama for r in semua_hasil[0].rentang] if semua_hasil else []
    return RingkasanPemda(
        pemda=pemda,
        pemda_pilihan=pilihan,
        tahun=tahun,
        tahun_pilihan=sorted(set(tahun_ada) | {tahun}, reverse=True),
        kategori=kategori,
        baris=[baris_pemda(h, kategori) for h in semua_hasil],
    )


# --------------------------------------------------------------------------------------------
# Drill-down: an indicator
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetDokumen:
    dokumen: str
    nilai: Decimal
    dipakai: bool  # the target the capaian is measured against


@dataclass(frozen=True)
class TabelRinci:
    """A supporting table as it feeds a formula input: rows by label, one column per `kolom`."""

    tabel: Any  # TabelPendukung
    kolom: list[str]
    baris: list[tuple[str, list[Decimal | None]]]
    jumlah: list[Decimal | None]  # the engine's column sums, as the formula inputs use them


@dataclass(frozen=True)
class CapaianTribulan:
    tribulan: int
    nama: str
    realisasi: RealisasiTribulan
    capaian: Angka | None  # capaian up to the end of this Tribulan
    target: Angka | None = None  # the Tribulan's Rencana Aksi target
    capaian_tribulan: Angka | None = None  # the Tribulan's realisasi against that target


@dataclass(frozen=True)
class RincianIndikator:
    opd: OPD
    indikator: Indikator
    tahun: int
    hasil: HasilIndikator | None  # None: the indicator does not count in this year
    per_tribulan: list[CapaianTribulan]
    tabel_pendukung: list[TabelRinci]
    target: list[TargetDokumen]
    bukti: list[BuktiDukung]  # live evidence of the year, by Tribulan, with who uploaded it
    catatan: list[CatatanReviu]  # newest first


@dataclass(frozen=True)
class RiwayatIndikator:
    """Every change behind an indicator's figures of a year (`riwayat_indikator`): its own page, opened
    from the drill-down, which it would otherwise cost more than half of."""

    opd: OPD
    indikator: Indikator
    tahun: int
    riwayat: list[BarisRiwayat]


def tahun_indikator(indikator: Indikator, *, diminta: int | None) -> int:
    """The year an indicator is shown for: a budget-line indicator belongs to its program's year; a Renstra
    one spans years, so the year asked, else the OPD's latest budget year."""
    if indikator.level in LEVEL_MATA:
        return indikator.induk.program_induk.tahun
    return diminta or max(tahun_anggaran([indikator.opd_id]))


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


@dataclass(frozen=True)
class _LampiranTahun:
    """What a drill-down shows beside the engine's figures, for every indicator of an OPD-year at once:
    the planning documents' targets, the live evidence and the review notes, by indicator id."""

    target: Mapping[int, list[TargetIndikator]]
    bukti: Mapping[int, list[BuktiDukung]]
    catatan: Mapping[int, list[CatatanReviu]]


# Kept per process under the OPD's data version (evidence, notes and targets are the OPD's data, so every
# write of them changes it): the drill-downs of one OPD-year read them once, in three queries, not three
# per indicator.
_LAMPIRAN = CacheHasil(ukuran=200)


def _per_indikator(baris) -> dict[int, list]:
    hasil: dict[int, list] = defaultdict(list)
    for b in baris:
        hasil[b.indikator_id].append(b)
    return dict(hasil)


def _lampiran_tahun(opd: OPD, tahun: int, token: str | None) -> _LampiranTahun:
    def baca() -> _LampiranTahun:
        return _LampiranTahun(
            target=_per_indikator(
                TargetIndikator.objects.filter(indikator__opd=opd, tahun=tahun).order_by("indikator_id", "dokumen")
            ),
            bukti=_per_indikator(
                BuktiDukung.objects.filter(indikator__opd=opd, tahun=tahun, dihapus=False)
                .select_related("diunggah_oleh")
                .order_by("tribulan", "diunggah_pada")
            ),
            catatan=_per_indikator(
                CatatanReviu.objects.filter(opd=opd, tahun=tahun, indikator__isnull=False)
                .select_related("penulis")
                .order_by("-dibuat")
            ),
        )

    # Not kept without a data version (token None).
    return _LAMPIRAN.ambil_atau_buat(("lampiran", opd.pk, tahun, token), baca)


def _target_indikator(
    hasil: HasilOPD, h: HasilIndikator | None, indikator: Indikator, lampiran: _LampiranTahun
) -> list[TargetDokumen]:
    """The year's target in every planning document, then in every PK version; the one used is marked."""
    dipakai = h.sumber_target if h is not None else None
    target = [
        TargetDokumen(t.get_dokumen_display(), t.nilai, dipakai == t.get_dokumen_display())
        for t in lampiran.target.get(indikator.pk, [])
    ]
    pk_tahun = {p.pk: p for p in hasil.pk_semua}
    target += [
        TargetDokumen(
            nama_pk(pk_tahun[b.pk_dokumen_id]), b.target, dipakai == nama_pk(pk_tahun[b.pk_dokumen_id])
        )
        for b in hasil.baris_pk()
        if b.indikator_id == indikator.pk
    ]
    return target


def _tabel_ids(h: HasilIndikator | None) -> set[int]:
    """The supporting tables the indicator's formula inputs are summed from, over the four Tribulan."""
    if h is None:
        return set()
    return {i.tabel.pk for t in TRIBULAN for i in h.realisasi_tw[t].input if i.tabel is not None}


def _riwayat_indikator(hasil: HasilOPD, indikator: Indikator, tahun: int, tabel_ids: set[int]) -> list[BarisRiwayat]:
    """Every change behind the indicator's figures of the year: realisasi, inputs, supporting tables,
    targets (documents and PK), analysis, and later changes of its metadata. One query per source."""
    variabel = {v.pk: v for v in hasil.variabel(indikator)}
    pk_tahun = {p.pk: p for p in hasil.pk_semua}
    nama_dokumen = dict(TargetIndikator.Dokumen.choices)
    h = hasil.hasil_indikator(indikator)
    desimal = (h.indikator if h is not None else indikator).desimal  # the year's (a frozen year keeps its own)
    baris = [
        *riwayat(
            RealisasiIndikator.history.filter(indikator_id=indikator.pk, tahun=tahun),
            {"nilai": "Realisasi", "keterangan": "Keterangan"},
            lambda r: f"Realisasi {NAMA_TRIBULAN[r.tribulan]}",
            # A measured value: the indicator's decimals of the year, as its other figures.
            tampil=lambda r, medan: (
                tampil_nilai_indikator(r.nilai, desimal) if medan == "nilai" else tampil_nilai(r.keterangan)
            ),
        ),
        *riwayat(
            NilaiVariabel.history.filter(variabel_id__in=list(variabel), tahun=tahun),
            {"nilai": "Nilai", "kolom": "Kolom tabel"},
            lambda r: (
                f"Input {getattr(variabel.get(r.variabel_id), 'label', r.variabel_id)} {NAMA_TRIBULAN[r.tribulan]}"
            ),
        ),
        *riwayat(
            BarisTabelPendukung.history.filter(tabel_id__in=tabel_ids),
            {"nilai": "Nilai"},
            lambda r: f"Tabel pendukung: {r.label} [{r.kolom}]",
        ),
        *riwayat(
            TargetIndikator.history.filter(indikator_id=indikator.pk, tahun=tahun),
            {"nilai": "Target"},
            lambda r: f"Target {nama_dokumen.get(r.dokumen, r.dokumen)}",
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
    ]
    baris.sort(key=lambda b: b.waktu, reverse=True)
    return baris


# The parent a drill-down names, with what its name and year need. Loaded level by level: a single
# select_related over every possible parent joins ten tables, which PostgreSQL takes milliseconds to plan.
_JALUR_INDUK = {
    "tujuan": (),
    "sasaran": (),
    "program": (),
    "kegiatan": ("program",),
    "sub_kegiatan": ("kegiatan__program",),
}


def _indikator_opd(opd: OPD, pk: int) -> Indikator:
    """The OPD's indicator `pk` with its parent (404 if it is not the OPD's): two small queries."""
    indikator = get_object_or_404(Indikator.objects.order_by(), pk=pk, opd=opd)
    indikator.opd = opd
    for nama, lanjut in _JALUR_INDUK.items():
        induk_id = getattr(indikator, f"{nama}_id")
        if induk_id is not None:
            model = Indikator._meta.get_field(nama).related_model
            setattr(indikator, nama, model.objects.select_related(*lanjut).order_by().get(pk=induk_id))
    return indikator


def _hasil_indikator(opd: OPD, pk: int, tahun: int | None, token: str | None):
    """The indicator, its year and the OPD-year's engine result (the budget is not read)."""
    indikator = _indikator_opd(opd, pk)
    tahun = tahun_indikator(indikator, diminta=tahun)
    hasil = hitung_opd_tahun(opd, tahun, tunda_nilai=True, token=token)
    return indikator, tahun, hasil


def riwayat_indikator(*, opd: OPD, pk: int, tahun: int | None) -> RiwayatIndikator:
    """The history behind an indicator's figures of its year (404 if not the OPD's), newest first: one query
    per source (realisasi, inputs, supporting tables, targets, PK, analysis, metadata)."""
    indikator, tahun, hasil = _hasil_indikator(opd, pk, tahun, None)
    h = hasil.hasil_indikator(indikator)
    return RiwayatIndikator(
        opd=opd,
        indikator=indikator,
        tahun=tahun,
        riwayat=_riwayat_indikator(hasil, indikator, tahun, _tabel_ids(h)),
    )


def rincian_indikator(*, opd: OPD, pk: int, tahun: int | None, token: str | None = None) -> RincianIndikator:
    """An indicator of `opd` (404 if not the OPD's) in its year: figures, Tribulan values, formula inputs with
    their supporting tables, targets, evidence and review notes (the history is `riwayat_indikator`'s). The
    OPD-year is the engine's, computed once per data version (`token`: the OPD's, read when not given). The
    page built from it is kept by the view (capaian.views_tabel.indikator_rinci)."""
    token = token if token is not None else token_opd(opd.pk)
    indikator, tahun, hasil = _hasil_indikator(opd, pk, tahun, token)
    lampiran = _lampiran_tahun(opd, tahun, token)
    h = hasil.hasil_indikator(indikator)
    per_tribulan, tabel = [], []
    if h is not None:
        # Capaian up to each Tribulan, from the data already read: no query.
        per_tribulan = [
            CapaianTribulan(
                t,
                NAMA_TRIBULAN[t],
                realisasi_tampil(h, t),
                hasil.capaian_sampai(indikator, t),
                h.target_tribulan[t],
                h.capaian_tribulan[t],
            )
            for t in TRIBULAN
        ]
        # The page describes the indicator as the year defines it (a frozen year keeps its definition).
        for medan in FIELD_DEFINISI:
            setattr(indikator, medan, getattr(h.indikator, medan))
        tabel = _tabel_rinci(hasil, _tabel_ids(h))
    target = _target_indikator(hasil, h, indikator, lampiran)
    return RincianIndikator(
        opd=opd,
        indikator=indikator,
        tahun=tahun,
        hasil=h,
        per_tribulan=per_tribulan,
        tabel_pendukung=tabel,
        target=target,
        bukti=list(lampiran.bukti.get(indikator.pk, [])),
        catatan=list(lampiran.catatan.get(indikator.pk, [])),
    )


# --------------------------------------------------------------------------------------------
# Drill-down: a budget line
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaguDokumen:
    dokumen: str
    pagu: Angka  # rolled up by the engine
    sendiri: Decimal | None  # entered on this very line
    anak: Decimal | None
    dipakai: bool  # the document the year is measured against


@dataclass(frozen=True)
class PaguPK:
    nama: str  # "PK", "PK Perubahan"
    nilai: Decimal


@dataclass(frozen=True)
class RealisasiAnggaranTribulan:
    nama: str
    realisasi: Angka  # cumulative up to the end of the Tribulan, rolled up
    penyerapan: Angka
    sendiri: Decimal | None  # entered on this very line
    rencana: Angka | None = None  # planned cumulative spending (Rencana Penyerapan), rolled up
    persen_rencana: Angka | None = None  # realisasi as % of the plan


@dataclass(frozen=True)
class IndukMata:
    level: str
    objek: MataAnggaran


@dataclass(frozen=True)
class RincianAnggaran:
    opd: OPD
    objek: MataAnggaran
    level: str
    level_label: str
    tahun: int
    baris: HasilAnggaran  # the line under the document the year is measured against
    pagu: list[PaguDokumen]
    pagu_pk: list[PaguPK]
    per_tribulan: list[RealisasiAnggaranTribulan]
    indikator: list[HasilIndikator]  # the line's own indicators
    riwayat: list[BarisRiwayat]
    jejak: list[IndukMata]  # the lines above, top down


def _riwayat_anggaran(level: str, pk: int) -> list[BarisRiwayat]:
    """Changes of the line's pagu, its realisasi and (after creation) its code and name."""
    nama_dokumen = dict(PaguAnggaran.Dokumen.choices)
    medan_mata = {f"{level}_id": pk}
    baris = [
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
            MODEL_MATA[level].history.filter(id=pk),
            {"kode": "Kode", "nama": "Nama"},
            lambda r: "Data mata anggaran",
            dengan_awal=False,
        ),
    ]
    baris.sort(key=lambda b: b.waktu, reverse=True)
    return baris


def rincian_anggaran(*, opd: OPD, level: str, pk: int) -> RincianAnggaran:
    """A program, kegiatan or sub kegiatan of `opd` (404 if not the OPD's, or an unknown level) in its
    program's year: pagu per document and in each PK version, realisasi per Tribulan, its children and
    indicators, history."""
    objek = mata_anggaran_get(opd=opd, level=level, pk=pk)
    tahun = objek.program_induk.tahun
    hasil = hitung_opd_tahun(opd, tahun)
    per_dokumen: Mapping[str, HasilAnggaran | None] = {
        d: next((b for b in hasil.anggaran_untuk(d).baris() if b.level == level and b.objek.pk == pk), None)
        for d in DOKUMEN_ANGGARAN
    }
    baris = per_dokumen[hasil.dokumen_anggaran]
    nama_dokumen = dict(PaguAnggaran.Dokumen.choices)
    pk_tahun = {p.pk: p for p in hasil.pk_semua}
    induk = {"program": objek.program_induk, "kegiatan": getattr(objek, "kegiatan", None)}
    return RincianAnggaran(
        opd=opd,
        objek=objek,
        level=level,
        level_label=LABEL_LEVEL_MATA[level],
        tahun=tahun,
        baris=baris,
        pagu=[
            PaguDokumen(nama_dokumen[d], b.pagu, b.pagu_sendiri, b.pagu_anak, d == hasil.dokumen_anggaran)
            for d, b in per_dokumen.items()
            if b is not None
        ],
        # A PK states its budget per program only.
        pagu_pk=[
            PaguPK(nama_pk(pk_tahun[a.pk_dokumen_id]), a.nilai)
            for a in hasil.anggaran_pk()
            if level == "program" and a.program_id == pk
        ],
        per_tribulan=[
            RealisasiAnggaranTribulan(
                NAMA_TRIBULAN[t],
                baris.realisasi_tw[t],
                baris.penyerapan_tw[t],
                baris.realisasi_sendiri[t],
                baris.rencana_tw[t],
                baris.persen_rencana_tw[t],
            )
            for t in TRIBULAN
        ],
        indikator=[
            h for h in hasil.indikator if h.level == level and getattr(h.indikator, f"{level}_id") == pk
        ],
        riwayat=_riwayat_anggaran(level, pk),
        jejak=[IndukMata(lv, induk[lv]) for lv in LEVEL_MATA[: LEVEL_MATA.index(level)]],
    )


# --------------------------------------------------------------------------------------------
# Monev periods (admin)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisPeriode:
    tribulan: int
    nama: str
    periode: PeriodeMonev | None  # None: not created yet (it is, on the first lock or deadline)


@dataclass(frozen=True)
class HalamanPeriode:
    pemda: Pemda
    pemda_pilihan: list[Pemda]
    tahun: int
    tahun_pilihan: list[int]  # newest first: the years with periods, the year shown and this year
    baris: list[BarisPeriode]  # one per Tribulan
    riwayat: list[BarisRiwayat]


def halaman_periode(*, user, kode_pemda: str | None, tahun: int | None) -> HalamanPeriode:
    """The four periods of a Pemda's year (`tahun`, else its latest year with periods, else this year) and
    their history. For the Pemda's admin: 403 for anyone else, 404 for a Pemda not theirs."""
    pilihan = pemda_pilihan(user, hanya_admin=True)
    pemda = pemda_terpilih(pilihan, kode_pemda, pesan_403=PESAN_PERIODE_403)
    tahun_ada = tahun_periode(pemda)
    tahun_ini = timezone.localdate().year
    tahun = tahun or (tahun_ada[-1] if tahun_ada else tahun_ini)
    per_tw = periode_per_tribulan(pemda, tahun)
    return HalamanPeriode(
        pemda=pemda,
        pemda_pilihan=pilihan,
        tahun=tahun,
        tahun_pilihan=sorted(set(tahun_ada) | {tahun, tahun_ini}, reverse=True),
        baris=[BarisPeriode(t, NAMA_TRIBULAN[t], per_tw.get(t)) for t in TRIBULAN],
        riwayat=riwayat_periode(pemda, tahun),
    )
