"""Reads of the monev entry screens and of the OPD's monev summary: one selector per page or fragment.

Each selector takes the screen's frame (`Layar`: the OPD, year, Tribulan, period and the user's access),
computes the year once through the engine (`hitung_opd_tahun`), reads the stored rows the page edits, and
returns dataclasses holding what the page shows, in a fixed number of queries whatever the size of the
OPD. The forms that edit those rows are built by the views from these dataclasses.

Lookups that answer 404 (another OPD's object, another year's indicator) are here too, scoped to the
frame's OPD; the OPD itself is fetched with its access check by `inti.akses.get_opd_or_404`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from anggaran.models import RealisasiAnggaran, mata_anggaran_get, q_mata_anggaran
from capaian.engine import (
    HasilAnggaran,
    HasilIndikator,
    HasilOPD,
    InputRumus,
    RealisasiTribulan,
    hitung_opd_tahun,
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
from inti.akses import Akses
from inti.models import OPD, PeriodeMonev
from inti.periode import NAMA_TRIBULAN, TAHUN_MAKS, TAHUN_MIN
from inti.riwayat import BarisRiwayat, riwayat
from inti.tampilan import (
    Angka,
    angka_tersimpan,
    desimal_alami,
    format_rupiah,
    tampil_nilai,
    tampil_nilai_indikator,
)
from inti.tulis import tahun_dibekukan
from renstra.models import DefinisiIndikatorTahun, Indikator, VariabelFormula

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
    # The year is frozen: its LKjIP was submitted (inti.tulis.tahun_dibekukan); read-only until the report
    # goes back to draft.
    beku: bool = False

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
    def dikunci(self) -> bool:
        """The period is closed to this user: locked or its year frozen, and the user is no admin of the
        Pemda."""
        return (self.terkunci or self.beku) and not self.admin

    @property
    def boleh_ubah(self) -> bool:
        """The user may change values of this period now (a locked period: the admin only)."""
        return self.boleh_tulis and not self.dikunci

    @property
    def pesan_terkunci(self) -> str:
        if self.beku:
            return (
                f"LKjIP tahun {self.tahun} sudah diajukan; data tahun itu dibekukan sampai laporan "
                "dikembalikan ke draf oleh auditor atau admin Pemda."
            )
        return (
            f"Periode {self.nama_tribulan} {self.tahun} sudah dikunci; hanya admin yang dapat mengubah data."
        )

    def args(self) -> tuple:
        return (self.opd.kode, self.tahun, self.tribulan)

    def url(self, nama: str, *extra) -> str:
        return reverse(f"monev:{nama}", args=(*self.args(), *extra))

    def menu(self) -> list[tuple[str, str, str]]:
        """(name, title, URL) of every entry screen of the period."""
        return [(nama, judul, self.url(nama)) for nama, judul in LAYAR_MONEV]

    def tautan_tribulan(self, nama: str, *extra) -> list[tuple[int, str, str]]:
        """(Tribulan, its name, URL) of the same screen in each Tribulan of the year."""
        return [
            (t, NAMA_TRIBULAN[t], reverse(f"monev:{nama}", args=(self.opd.kode, self.tahun, t, *extra)))
            for t in NAMA_TRIBULAN
        ]


def layar_get(*, opd: OPD, tahun: int, tribulan: int, akses: Akses) -> Layar:
    """The frame of an OPD's period (404 for a year or Tribulan out of range); two queries."""
    if tribulan not in NAMA_TRIBULAN or not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise Http404("Periode tidak ditemukan.")
    periode = PeriodeMonev.objects.filter(pemda_id=opd.pemda_id, tahun=tahun, tribulan=tribulan).first()
    return Layar(
        opd=opd, tahun=tahun, tribulan=tribulan, periode=periode, akses=akses, beku=tahun_dibekukan(opd.pk, tahun)
    )


# --- objects of the frame's OPD, or 404 ----------------------------------------------------------------


def indikator_tahun_get(*, layar: Layar, pk: int) -> Indikator:
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


def indikator_opd_get(*, opd: OPD, pk: int) -> Indikator:
    """An indicator of the OPD, of any year."""
    indikator = Indikator.objects.filter(pk=pk, opd=opd).first()
    if indikator is None:
        raise Http404("Indikator tidak ditemukan.")
    return indikator


def variabel_get(*, layar: Layar, pk: int) -> VariabelFormula:
    """A formula input of an indicator of the OPD."""
    variabel = (
        VariabelFormula.objects.select_related("indikator", "indikator__opd", "indikator__opd__pemda")
        .filter(pk=pk, indikator__opd=layar.opd)
        .first()
    )
    if variabel is None:
        raise Http404("Variabel tidak ditemukan.")
    return variabel


def tabel_pendukung_get(*, layar: Layar, pk: int) -> TabelPendukung:
    """A supporting table of the OPD-year."""
    tabel = (
        TabelPendukung.objects.select_related("opd", "opd__pemda")
        .filter(pk=pk, opd=layar.opd, tahun=layar.tahun)
        .first()
    )
    if tabel is None:
        raise Http404("Tabel pendukung tidak ditemukan.")
    return tabel


def baris_tabel_get(*, layar: Layar, pk: int) -> BarisTabelPendukung:
    """A row of a supporting table of the OPD-year."""
    baris = (
        BarisTabelPendukung.objects.select_related("tabel", "tabel__opd", "tabel__opd__pemda")
        .filter(pk=pk, tabel__opd=layar.opd, tabel__tahun=layar.tahun)
        .first()
    )
    if baris is None:
        raise Http404("Baris tidak ditemukan.")
    return baris


def bukti_get(*, opd: OPD, pk: int) -> BuktiDukung:
    """Evidence on an indicator of the OPD, not removed."""
    bukti = (
        BuktiDukung.objects.select_related("indikator", "indikator__opd", "indikator__opd__pemda")
        .filter(pk=pk, indikator__opd=opd, dihapus=False)
        .first()
    )
    if bukti is None:
        raise Http404("Bukti dukung tidak ditemukan.")
    return bukti


# --- indicators in the order of the screens ---------------------------------------------------------------


def _grup(h: HasilIndikator) -> str:
    if h.iku:
        return "iku"
    return "renstra" if h.level in ("tujuan", "sasaran") else h.level


def _urut_grup(hasil: HasilOPD) -> list[HasilIndikator]:
    """The year's indicators, IKU in the order of the latest PK, then the others by level."""
    iku = [b.hasil for b in hasil.iku]
    return iku + [h for h in hasil.indikator if not h.iku]


@dataclass(frozen=True)
class Grup:
    """A group of indicator rows (or cards) of a screen."""

    nama: str  # "iku", "renstra", "program", "kegiatan", "sub_kegiatan"
    judul: str
    baris: tuple


def _kelompokkan(baris: Iterable, hasil_dari) -> list[Grup]:
    per_grup: dict[str, list] = defaultdict(list)
    for b in baris:
        per_grup[_grup(hasil_dari(b))].append(b)
    return [Grup(nama, judul, tuple(per_grup[nama])) for nama, judul in GRUP_INDIKATOR if per_grup[nama]]


# --- realisasi of the indicators --------------------------------------------------------------------------


def realisasi_tampil(h: HasilIndikator, tribulan: int) -> RealisasiTribulan:
    """The indicator's realisasi of the Tribulan as every screen shows it: the one place that decides its
    decimals. The engine's `RealisasiTribulan`, but for the typed value.

    The typed value is stored, so it shows by `desimal_indikator` (the indicator's decimals, more when the
    stored value has them: 85 -> 85,00 and 0,455 -> 0,455 at 2 decimals), as its edit field, its history
    and the Excel template do. The formula's result and the value used are the engine's, with the
    indicator's decimals: capaian is computed from them as displayed (DOMAIN.md rounding policy), so a
    reader who recomputes it from the page gets the page's capaian.
    """
    r = h.realisasi_tw[tribulan]
    return replace(r, diketik=angka_tersimpan(r.diketik))


@dataclass(frozen=True)
class BarisRealisasi:
    """An indicator's row: the engine's figures, the stored realisasi of the Tribulan, and how much
    evidence and how many review notes it has."""

    hasil: HasilIndikator
    tribulan: int
    tersimpan: RealisasiIndikator | None
    jumlah_bukti: int = 0
    jumlah_catatan: int = 0

    @property
    def indikator(self) -> Indikator:
        return self.hasil.indikator

    @property
    def tw(self) -> RealisasiTribulan:
        return realisasi_tampil(self.hasil, self.tribulan)

    @property
    def target_tw(self):
        """The Rencana Aksi target of the screen's Tribulan (empty Angka when none)."""
        return self.hasil.target_tribulan[self.tribulan]

    @property
    def capaian_tw(self):
        """The Tribulan's realisasi against its Rencana Aksi target."""
        return self.hasil.capaian_tribulan[self.tribulan]

    @property
    def kunci(self) -> str:
        return f"r{self.indikator.pk}"


@dataclass(frozen=True)
class LayarRealisasi:
    grup: list[Grup]  # of BarisRealisasi


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


def _baris_realisasi(layar: Layar, hasil: HasilOPD, h: HasilIndikator, jumlah) -> BarisRealisasi:
    bukti, catatan = jumlah
    return BarisRealisasi(
        hasil=h,
        tribulan=layar.tribulan,
        tersimpan=hasil.realisasi_tersimpan(h.indikator, layar.tribulan),
        jumlah_bukti=bukti.get(h.indikator.pk, 0),
        jumlah_catatan=catatan.get(h.indikator.pk, 0),
    )


def _hasil_indikator(hasil: HasilOPD, indikator: Indikator) -> HasilIndikator:
    h = hasil.hasil_indikator(indikator)
    if h is None:
        raise Http404("Indikator tidak berlaku pada tahun ini.")
    return h


def realisasi_list(*, layar: Layar) -> LayarRealisasi:
    """Every indicator of the year in its group: the engine plus two queries."""
    hasil = hitung_opd_tahun(layar.opd, layar.tahun, tribulan=layar.tribulan)
    jumlah = _jumlah_bukti_catatan(layar)
    baris = [_baris_realisasi(layar, hasil, h, jumlah) for h in _urut_grup(hasil)]
    return LayarRealisasi(_kelompokkan(baris, lambda b: b.hasil))


def realisasi_get(*, layar: Layar, indikator: Indikator) -> BarisRealisasi:
    """One indicator's row, as the realisasi screen shows it (404 if it is not in force in the year)."""
    hasil = hitung_opd_tahun(layar.opd, layar.tahun, tribulan=layar.tribulan)
    return _baris_realisasi(
        layar, hasil, _hasil_indikator(hasil, indikator), _jumlah_bukti_catatan(layar, indikator)
    )


# --- Kertas Kerja: formula inputs and supporting tables ------------------------------------------------------


@dataclass(frozen=True)
class MasukanRumus:
    """A formula input of the Tribulan: typed (its stored value), or summed from a supporting table."""

    masukan: InputRumus
    tersimpan: Decimal | None  # the typed value stored; None when none is, or the input is a column sum

    @property
    def dari_tabel(self) -> bool:
        return self.masukan.tabel is not None

    @property
    def kunci(self) -> str:
        return f"v{self.masukan.variabel.pk}"


@dataclass(frozen=True)
class KartuRumus:
    """A formula indicator: its inputs for the Tribulan and the engine's result."""

    hasil: HasilIndikator
    tribulan: int
    input: tuple[MasukanRumus, ...]

    @property
    def tw(self) -> RealisasiTribulan:
        return realisasi_tampil(self.hasil, self.tribulan)


@dataclass(frozen=True)
class KartuTabel:
    """A supporting table: its rows, the engine's column sums, and the inputs it feeds."""

    tabel: TabelPendukung
    baris: tuple[BarisTabelPendukung, ...]
    jumlah: tuple[tuple[str, Angka | None], ...]  # (column, the engine's sum where a formula uses it)
    dipakai: tuple[tuple[str, str, str], ...]  # (indicator code, input name, column) fed this Tribulan

    @property
    def kunci(self) -> str:
        return f"t{self.tabel.pk}"


@dataclass(frozen=True)
class KertasKerja:
    kartu: tuple[KartuRumus, ...]
    tabel: tuple[KartuTabel, ...]


def _kartu_rumus(layar: Layar, hasil: HasilOPD, h: HasilIndikator) -> KartuRumus:
    masukan = []
    for m in h.realisasi_tw[layar.tribulan].input:
        tersimpan = None
        if m.tabel is None:
            nv = hasil.nilai_variabel_tersimpan(m.variabel, layar.tribulan)
            tersimpan = nv.nilai if nv is not None else None
        masukan.append(MasukanRumus(m, tersimpan))
    return KartuRumus(h, layar.tribulan, tuple(masukan))


def kertas_kerja_get(*, layar: Layar) -> KertasKerja:
    """The formula cards of the year and its supporting tables: the engine plus two queries."""
    hasil = hitung_opd_tahun(layar.opd, layar.tahun, tribulan=layar.tribulan)
    kartu = tuple(_kartu_rumus(layar, hasil, h) for h in _urut_grup(hasil) if h.indikator.rumus)
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
        baris = baris_per_tabel[t.pk]
        jumlah = []
        for kolom in sorted({b.kolom for b in baris}):
            nilai = hasil.jumlah_kolom(t.pk, kolom)
            jumlah.append((kolom, Angka(nilai, desimal_alami(nilai)) if nilai is not None else None))
        kartu_tabel.append(KartuTabel(t, tuple(baris), tuple(jumlah), tuple(dipakai[t.pk])))
    return KertasKerja(kartu, tuple(kartu_tabel))


def kartu_rumus_get(*, layar: Layar, indikator: Indikator) -> KartuRumus:
    """One formula card (404 if the indicator is not in force in the year)."""
    hasil = hitung_opd_tahun(layar.opd, layar.tahun, tribulan=layar.tribulan)
    return _kartu_rumus(layar, hasil, _hasil_indikator(hasil, indikator))


# --- budget realisasi ----------------------------------------------------------------------------------------


def bisa_diisi(h: HasilAnggaran, hasil: HasilOPD) -> bool:
    """Whether realisasi is entered on this budget line: on sub kegiatan; on a program or kegiatan only
    where it carries its own figures and the lines under it carry none (Program Penunjang of the dataset).
    """
    if h.level == "sub_kegiatan":
        return True
    sendiri = h.pagu_sendiri is not None or bool(hasil.realisasi_anggaran_diisi(h.level, h.objek.pk))
    tanpa_anak = h.pagu_anak is None and all(v is None for v in h.realisasi_anak.values())
    return sendiri and tanpa_anak


@dataclass(frozen=True)
class BarisAnggaran:
    """A budget line: the engine's figures, and the realisasi stored on it for the Tribulan."""

    hasil: HasilAnggaran
    tersimpan: RealisasiAnggaran | None
    bisa_diisi: bool  # False: a roll-up line, computed from the lines under it

    @property
    def kunci(self) -> str:
        return f"{self.hasil.level}-{self.hasil.objek.pk}"


@dataclass(frozen=True)
class LayarAnggaran:
    baris: tuple[BarisAnggaran, ...]
    jumlah: HasilAnggaran  # the agency total
    dokumen_anggaran: str  # "dpa" or "dpa_perubahan": the document the pagu is from


def anggaran_list(*, layar: Layar) -> LayarAnggaran:
    """Every budget line of the year in tree order: the engine plus one query."""
    hasil = hitung_opd_tahun(layar.opd, layar.tahun, tribulan=layar.tribulan)
    tersimpan = {
        r.kunci_mata: r
        for r in RealisasiAnggaran.objects.filter(
            q_mata_anggaran(layar.opd.pk, layar.tahun), tribulan=layar.tribulan
        )
    }
    baris = tuple(
        BarisAnggaran(h, tersimpan.get((h.level, h.objek.pk)), bisa_diisi(h, hasil))
        for h in hasil.baris_anggaran()
    )
    return LayarAnggaran(baris, hasil.anggaran, hasil.dokumen_anggaran)


# --- analysis ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KartuAnalisis:
    """An indicator's yearly analysis next to its capaian."""

    hasil: HasilIndikator
    tersimpan: AnalisisIndikator | None

    @property
    def indikator(self) -> Indikator:
        return self.hasil.indikator

    @property
    def teks(self) -> TeksAnalisis | None:
        """The stored texts; None when there is no analysis yet (not the same as empty texts)."""
        return TeksAnalisis.dari(self.tersimpan)

    @property
    def kunci(self) -> str:
        return f"a{self.indikator.pk}"


@dataclass(frozen=True)
class LayarAnalisis:
    grup: list[Grup]  # of KartuAnalisis


def analisis_list(*, layar: Layar) -> LayarAnalisis:
    """Every indicator of the year with its analysis: the engine plus one query."""
    hasil = hitung_opd_tahun(layar.opd, layar.tahun, tribulan=layar.tribulan)
    tersimpan = {
        a.indikator_id: a
        for a in AnalisisIndikator.objects.filter(indikator__opd=layar.opd, tahun=layar.tahun)
    }
    kartu = [KartuAnalisis(h, tersimpan.get(h.indikator.pk)) for h in _urut_grup(hasil)]
    return LayarAnalisis(_kelompokkan(kartu, lambda k: k.hasil))


def analisis_get(*, layar: Layar, indikator: Indikator) -> KartuAnalisis:
    """One indicator's analysis card (404 if it is not in force in the year)."""
    hasil = hitung_opd_tahun(layar.opd, layar.tahun, tribulan=layar.tribulan)
    h = _hasil_indikator(hasil, indikator)
    return KartuAnalisis(h, AnalisisIndikator.objects.filter(indikator=indikator, tahun=layar.tahun).first())


# --- history of a value ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RiwayatNilai:
    subjek: str  # what the value is: "Realisasi 3.30.03-1 Tribulan IV 2022"
    baris: list[BarisRiwayat]  # newest first


def desimal_tahun(indikator: Indikator, tahun: int) -> int:
    """The indicator's decimals in the year: those of the year's frozen definition when there is one
    (as the engine computes the year), else its current ones. One query."""
    beku = DefinisiIndikatorTahun.objects.filter(indikator=indikator, tahun=tahun)
    return next(iter(beku.values_list("desimal", flat=True)), indikator.desimal)


def _dengan_keterangan(teks: str, keterangan: str) -> str:
    return f"{teks} ({keterangan})" if keterangan and teks != "kosong" else teks


def riwayat_get(*, layar: Layar, jenis: str, pk: int) -> RiwayatNilai:
    """The history of one value of the screen's OPD and period: "realisasi", "analisis", "variabel",
    "baris" (a supporting-table row) or "anggaran-<level>"; 404 for anything else or another OPD's."""
    tahun, tw, nama_tw = layar.tahun, layar.tribulan, layar.nama_tribulan
    if jenis == "realisasi":
        i = indikator_tahun_get(layar=layar, pk=pk)
        desimal = desimal_tahun(i, tahun)
        return RiwayatNilai(
            f"Realisasi {i.kode} {nama_tw} {tahun}",
            riwayat(
                RealisasiIndikator.history.filter(indikator_id=i.pk, tahun=tahun, tribulan=tw),
                {"nilai": "Realisasi"},
                tampil=lambda r, _: _dengan_keterangan(
                    tampil_nilai_indikator(r.nilai, desimal), r.keterangan
                ),
            ),
        )
    if jenis == "analisis":
        i = indikator_tahun_get(layar=layar, pk=pk)
        return RiwayatNilai(
            f"Analisis {i.kode} tahun {tahun}",
            riwayat(
                AnalisisIndikator.history.filter(indikator_id=i.pk, tahun=tahun),
                {"analisis": "Analisis"},
                tampil=lambda r, _: str(TeksAnalisis(r.faktor_keberhasilan, r.hambatan, r.tindak_lanjut)),
            ),
        )
    if jenis == "variabel":
        v = variabel_get(layar=layar, pk=pk)
        tabel = dict(TabelPendukung.objects.filter(opd=layar.opd).values_list("pk", "kode"))
        return RiwayatNilai(
            f"{v.label} ({v.indikator.kode}) {nama_tw} {tahun}",
            riwayat(
                NilaiVariabel.history.filter(variabel_id=v.pk, tahun=tahun, tribulan=tw),
                {"nilai": "Nilai"},
                tampil=lambda r, _: (
                    tampil_nilai(r.nilai)
                    if r.tabel_id is None
                    else f"Σ {tabel.get(r.tabel_id, '?')} [{r.kolom}]"
                ),
            ),
        )
    if jenis == "baris":
        qs = BarisTabelPendukung.history.filter(
            id=pk, tabel_id__in=TabelPendukung.objects.filter(opd=layar.opd).values("pk")
        )
        terakhir = qs.order_by("-history_date", "-history_id").first()
        if terakhir is None:
            raise Http404("Baris tidak ditemukan.")
        return RiwayatNilai(f"{terakhir.label} [{terakhir.kolom}]", riwayat(qs, {"nilai": "Nilai"}))
    if jenis.startswith("anggaran-"):
        level = jenis.removeprefix("anggaran-")
        mata = mata_anggaran_get(opd=layar.opd, level=level, pk=pk, tahun=tahun)
        return RiwayatNilai(
            f"Realisasi anggaran {mata.kode} s.d. {nama_tw} {tahun}",
            riwayat(
                RealisasiAnggaran.history.filter(**{f"{level}_id": mata.pk}, tribulan=tw),
                {"nilai": "Realisasi"},
                tampil=lambda r, _: _dengan_keterangan(format_rupiah(r.nilai), r.keterangan),
            ),
        )
    raise Http404("Riwayat tidak ditemukan.")


# --- one indicator: quarterly values, evidence, review notes ---------------------------------------------------


@dataclass(frozen=True)
class HalamanIndikator:
    hasil: HasilIndikator
    realisasi_tw: tuple[RealisasiTribulan, ...]  # Tribulan I to IV
    bukti: list[BuktiDukung]  # of the screen's Tribulan
    catatan: list[CatatanReviu]  # of the year


def indikator_halaman_get(*, layar: Layar, indikator: Indikator) -> HalamanIndikator:
    """An indicator's page (404 if it is not in force in the year): the engine plus two queries."""
    hasil = hitung_opd_tahun(layar.opd, layar.tahun, tribulan=layar.tribulan)
    h = _hasil_indikator(hasil, indikator)
    bukti = list(
        BuktiDukung.objects.filter(
            indikator=indikator, tahun=layar.tahun, tribulan=layar.tribulan, dihapus=False
        )
        .select_related("diunggah_oleh")
        .order_by("diunggah_pada", "pk")
    )
    catatan = list(
        CatatanReviu.objects.filter(opd=layar.opd, tahun=layar.tahun, indikator=indikator).select_related(
            "penulis", "indikator"
        )
    )
    return HalamanIndikator(h, tuple(realisasi_tampil(h, t) for t in NAMA_TRIBULAN), bukti, catatan)


# --- the uploaded template's effect --------------------------------------------------------------------------


def capaian_setelah_unggah(
    *, opd: OPD, tahun: int, tribulan: int, perubahan: Iterable
) -> list[HasilIndikator]:
    """The engine's figures, after an upload, of the indicators whose inputs it changed (`perubahan`:
    the upload's changes, each with its `jenis` and the changed `objek`)."""
    perubahan = list(perubahan)
    diubah = {p.objek.pk for p in perubahan if p.jenis == "realisasi"}
    diubah |= {p.objek.indikator_id for p in perubahan if p.jenis == "variabel"}
    tabel = {getattr(p.objek, "tabel_id", None) or p.objek.pk for p in perubahan if p.jenis == "tabel"}
    hasil = hitung_opd_tahun(opd, tahun, tribulan=tribulan)
    diubah |= {
        h.indikator.pk
        for h in hasil.indikator
        if any(i.tabel is not None and i.tabel.pk in tabel for i in h.input)
    }
    return [h for h in hasil.indikator if h.indikator.pk in diubah]


# --- the OPD page: the period shown and what is filled and missing ---------------------------------------------


@dataclass(frozen=True)
class PilihanPeriode:
    tahun: int
    tribulan: int
    periode: PeriodeMonev | None
    tahun_list: list[int]  # the years to choose from, newest first
    hari_ini: date

    @property
    def nama_tribulan(self) -> str:
        return NAMA_TRIBULAN[self.tribulan]

    @property
    def tribulan_pilihan(self) -> list[tuple[int, str]]:
        return list(NAMA_TRIBULAN.items())

    @property
    def lewat(self) -> bool:
        return bool(self.periode and self.periode.batas_waktu and self.periode.batas_waktu < self.hari_ini)

    @property
    def sisa_hari(self) -> int | None:
        if not self.periode or not self.periode.batas_waktu:
            return None
        return (self.periode.batas_waktu - self.hari_ini).days


def pilih_periode(
    *, tahun: int | None, tribulan: int | None, periode_pemda: list[PeriodeMonev], tahun_data: set[int]
) -> PilihanPeriode:
    """The year and Tribulan asked for, else the current monev period. No query.

    Current: the open period with the nearest deadline not yet past; else the latest year that has data
    or periods, at its last period (Tribulan IV when it has none). Values out of range are ignored.
    """
    hari_ini = timezone.localdate()
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


def periode_pilih(
    *, opd: OPD, tahun: int | None, tribulan: int | None, tahun_data: set[int]
) -> PilihanPeriode:
    """`pilih_periode` over the monev periods of the OPD's Pemda; one query."""
    periode_pemda = list(PeriodeMonev.objects.filter(pemda_id=opd.pemda_id).order_by("tahun", "tribulan"))
    return pilih_periode(tahun=tahun, tribulan=tribulan, periode_pemda=periode_pemda, tahun_data=tahun_data)


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
    mata = [b for b in hasil.baris_anggaran() if bisa_diisi(b, hasil)]
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
class RingkasanMonev:
    """What the OPD page shows about monev for the chosen period."""

    layar: Layar  # the chosen period, and what the user may do there
    hasil: HasilOPD
    kelengkapan: list[Kelengkapan]
    temuan_per_jenis: list[tuple[str, list]]  # the engine's findings, by kind
    catatan: list[CatatanReviu]  # review notes of the year

    @property
    def temuan(self) -> tuple:
        return self.hasil.temuan

    @property
    def url_catatan(self) -> str:
        return reverse("monev:catatan_tambah", args=(self.layar.opd.kode, self.layar.tahun))


def ringkasan_monev_get(*, opd: OPD, pilihan: PilihanPeriode, akses: Akses) -> RingkasanMonev:
    """The OPD's monev summary for the chosen period: the engine plus three queries."""
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
    layar = Layar(
        opd=opd,
        tahun=pilihan.tahun,
        tribulan=pilihan.tribulan,
        periode=pilihan.periode,
        akses=akses,
        beku=tahun_dibekukan(opd.pk, pilihan.tahun),
    )
    return RingkasanMonev(
        layar=layar,
        hasil=hasil,
        kelengkapan=kelengkapan_monev(hasil, analisis_ids),
        temuan_per_jenis=list(temuan_per_jenis.items()),
        catatan=catatan,
    )
