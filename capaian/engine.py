"""The capaian engine: every figure of an OPD's year is computed here, once.

The web pages, the LKjIP report, the Excel export and the `capaian` command all call
`hitung_opd_tahun(opd, tahun)` and only format what it returns. The work is split in two:

- `muat_data_opd` reads everything the year needs with a fixed number of queries (the same count for
  ten indicators or a thousand) into plain structures (`DataOPD`);
- plain functions compute from those structures: `hitung_capaian`, `kategori_untuk`,
  `agregasi_tahunan`, `gulung_anggaran`, `hitung_penyerapan`, `rata_rata`. They know nothing of the ORM
  and are tested on their own.

Figures travel as `Angka`: the full-precision value, the number of decimals it is shown with, and, when
there is no value, the reason ("belum ada realisasi", "target nol", ...). Missing data is a state of
its own, never a silent zero and never an exception.

A year whose indicator definitions were fixed when its PK was approved (`renstra.DefinisiIndikatorTahun`)
is computed with them: the loader gives each indicator that year's nama, satuan, rumus, desimal,
polaritas, aturan negatif and agregasi, so every page, the report and the checker read the year's
definition; other years use the current one. Each PK indicator also carries its Rencana Aksi (a target
per Tribulan, judged with the same rules as the year), and each budget line its planned spending.

Rounding policy (DOMAIN.md): values stay at full precision; a figure is rounded half-up once, for
display, to its indicator's decimals (percentages to 2, Rupiah to 0). A figure derived from another is
computed from the other AS DISPLAYED (capaian from the displayed realisasi, penyerapan from the
displayed Rupiah, efisiensi from the displayed percentages), so a reader who recomputes from the
printed table gets the printed result.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import F, Q, QuerySet

from anggaran.models import (
    Kegiatan,
    PaguAnggaran,
    Program,
    RealisasiAnggaran,
    RencanaPenyerapan,
    SubKegiatan,
    q_mata_anggaran,
)
from capaian.models import BarisTabelPendukung, NilaiVariabel, RealisasiIndikator, TabelPendukung
from capaian.pemeriksa import periksa
from inti.cache import CacheHasil
from inti.models import OPD, RentangKategori
from inti.periode import TRIBULAN
from inti.tampilan import DESIMAL_PERSEN, DESIMAL_RUPIAH, Angka, desimal_alami, desimal_indikator
from inti.versi import token_banyak, token_opd
from perjanjian.models import AnggaranPK, BarisPK, PerjanjianKinerja, RencanaAksi
from renstra.formula import hitung_rumus
from renstra.models import (
    FIELD_DEFINISI,
    DefinisiIndikatorTahun,
    Indikator,
    RealisasiTahunLalu,
    Renstra,
    Sasaran,
    StandarPembanding,
    TargetIndikator,
    Tujuan,
    VariabelFormula,
)

SERATUS = Decimal(100)


CACHE = CacheHasil()

# Reasons a figure is missing. Stable texts: the UI shows them and tests compare them.
BELUM_ADA_REALISASI = "belum ada realisasi"
TARGET_BELUM_DITETAPKAN = "target belum ditetapkan"
TARGET_NOL = "target nol"
REALISASI_NOL = "realisasi nol (rumus T/R tidak dapat dihitung)"
REALISASI_BELUM_LENGKAP = "realisasi belum lengkap"
PAGU_BELUM_ADA = "pagu belum ada"
PAGU_BELUM_LENGKAP = "pagu belum lengkap"
PAGU_NOL = "pagu nol"
RENCANA_AKSI_BELUM_ADA = "rencana aksi belum ditetapkan"
RENCANA_PENYERAPAN_BELUM_ADA = "rencana penyerapan belum ada"
RENCANA_PENYERAPAN_BELUM_LENGKAP = "rencana penyerapan belum lengkap"
RENCANA_PENYERAPAN_NOL = "rencana penyerapan nol"
TIDAK_ADA_CAPAIAN = "belum ada capaian indikator"
LENGKAP = "lengkap"
DI_LUAR_PERIODE = "setelah Tribulan yang dihitung"

LEVEL_INDIKATOR = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
LEVEL_RENSTRA = ("tujuan", "sasaran")
DOKUMEN_ANGGARAN = ("dpa", "dpa_perubahan")
# Targets when no PK row names the indicator: the most recent planning document first.
URUTAN_DOKUMEN_TARGET = (("dpa_perubahan", "DPA Perubahan"), ("dpa", "DPA"), ("renja", "Renja"))


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


def _angka(nilai: Decimal | None, desimal: int, alasan: str) -> Angka:
    return Angka(nilai, desimal) if nilai is not None else Angka.kosong(alasan, desimal)


# --------------------------------------------------------------------------------------------
# Pure computations
# --------------------------------------------------------------------------------------------


def hitung_capaian(
    target: Decimal | int | None,
    realisasi: Decimal | int | None,
    polaritas: str = "positif",
    aturan_negatif: str = "2t_minus_r",
) -> Angka:
    """Capaian (%) of a realisasi against its target; pass the realisasi as displayed.

    Positive polarity: R / T × 100. Negative polarity: (2T − R) / T × 100 (`2t_minus_r`, the rule
    the seed's own figures follow) or T / R × 100 (`t_per_r`).
    """
    if target is None:
        return Angka.kosong(TARGET_BELUM_DITETAPKAN)
    if realisasi is None:
        return Angka.kosong(BELUM_ADA_REALISASI)
    target, realisasi = Decimal(target), Decimal(realisasi)
    if target == 0:
        return Angka.kosong(TARGET_NOL)
    if str(polaritas) != "negatif":
        return Angka(realisasi / target * SERATUS)
    if str(aturan_negatif) == "t_per_r":
        if realisasi == 0:
            return Angka.kosong(REALISASI_NOL)
        return Angka(target / realisasi * SERATUS)
    return Angka((2 * target - realisasi) / target * SERATUS)


@dataclass(frozen=True)
class Rentang:
    """One band of a category scale: the half-open interval [batas_bawah, batas_atas)."""

    nama: str
    batas_bawah: Decimal | None = None
    batas_atas: Decimal | None = None
    urutan: int = 0

    def memuat(self, persen: Decimal) -> bool:
        return (self.batas_bawah is None or persen >= self.batas_bawah) and (
            self.batas_atas is None or persen < self.batas_atas
        )


def kategori_untuk(persen: Decimal | None, rentang_list: Iterable[Any]) -> str | None:
    """The name of the band holding `persen` (pass the displayed capaian), or None.

    Bands are half-open [batas_bawah, batas_atas), so 90,99 is "Tinggi" and 91 "Sangat Tinggi", and an
    open upper band holds anything above 100 (416,7 is "Sangat Tinggi").
    """
    if persen is None:
        return None
    for rentang in rentang_list:
        bawah, atas = rentang.batas_bawah, rentang.batas_atas
        if (bawah is None or persen >= bawah) and (atas is None or persen < atas):
            return rentang.nama
    return None


def agregasi_tahunan(
    nilai_tw: Mapping[int, Decimal | None],
    agregasi: str,
    *,
    sampai: int = 4,
    desimal: int = DESIMAL_PERSEN,
    alasan_kosong: str = BELUM_ADA_REALISASI,
) -> Angka:
    """The value of the year (or up to Tribulan `sampai`) from the Tribulan values.

    kumulatif: the value of Tribulan `sampai` (missing if that one is missing); jumlah: the sum of the
    Tribulan entered; rata_rata: their mean; terakhir: the latest entered. Sum and mean over fewer
    Tribulan than `sampai` carry `lengkap=False`.
    """
    terisi = {t: nilai_tw[t] for t in range(1, sampai + 1) if nilai_tw.get(t) is not None}
    agregasi = str(agregasi)
    if agregasi == "kumulatif":
        return _angka(nilai_tw.get(sampai), desimal, alasan_kosong)
    if not terisi:
        return Angka.kosong(alasan_kosong, desimal)
    lengkap = len(terisi) == sampai
    if agregasi == "jumlah":
        return Angka(sum(terisi.values(), Decimal(0)), desimal, lengkap=lengkap)
    if agregasi == "rata_rata":
        return Angka(sum(terisi.values(), Decimal(0)) / len(terisi), desimal, lengkap=lengkap)
    if agregasi == "terakhir":
        return Angka(terisi[max(terisi)], desimal, lengkap=sampai in terisi)
    return Angka.kosong(f"agregasi tidak dikenal: {agregasi}", desimal)


def rata_rata(
    angka_list: Sequence[Angka], *, desimal: int = DESIMAL_PERSEN, alasan: str = TIDAK_ADA_CAPAIAN
) -> Angka:
    """Mean of the DISPLAYED values of the figures that have one (Tabel 3.6 "RATA-RATA")."""
    ada = [a.tampil for a in angka_list if a.ada]
    if not ada:
        return Angka.kosong(alasan, desimal)
    return Angka(sum(ada, Decimal(0)) / len(ada), desimal, lengkap=len(ada) == len(angka_list))


def hitung_penyerapan(pagu: Angka, realisasi: Angka) -> Angka:
    """Penyerapan (%) = realisasi / pagu × 100, from the displayed Rupiah."""
    if not pagu.ada:
        return Angka.kosong(PAGU_BELUM_ADA)
    if not realisasi.ada:
        return Angka.kosong(realisasi.alasan or BELUM_ADA_REALISASI)
    if not pagu.lengkap:
        return Angka.kosong(PAGU_BELUM_LENGKAP)
    if not realisasi.lengkap:
        return Angka.kosong(REALISASI_BELUM_LENGKAP)
    if pagu.tampil == 0:
        return Angka.kosong(PAGU_NOL)
    return Angka(realisasi.tampil / pagu.tampil * SERATUS)


def hitung_terhadap_rencana(rencana: Angka, realisasi: Angka) -> Angka:
    """Realisasi anggaran as % of the planned cumulative spending (Rencana Penyerapan), from the
    displayed Rupiah: realisasi / rencana × 100."""
    if not rencana.ada:
        return Angka.kosong(rencana.alasan or RENCANA_PENYERAPAN_BELUM_ADA)
    if not realisasi.ada:
        return Angka.kosong(realisasi.alasan or BELUM_ADA_REALISASI)
    if not rencana.lengkap:
        return Angka.kosong(RENCANA_PENYERAPAN_BELUM_LENGKAP)
    if not realisasi.lengkap:
        return Angka.kosong(REALISASI_BELUM_LENGKAP)
    if rencana.tampil == 0:
        return Angka.kosong(RENCANA_PENYERAPAN_NOL)
    return Angka(realisasi.tampil / rencana.tampil * SERATUS)


def selisih_persen(a: Angka, b: Angka, alasan: str) -> Angka:
    """a − b from the displayed values (efisiensi = capaian − penyerapan)."""
    if not a.ada or not b.ada:
        return Angka.kosong(a.alasan if not a.ada else b.alasan or alasan)
    return Angka(a.tampil - b.tampil, lengkap=a.lengkap and b.lengkap)


# Budget roll-up: a pure function over a tree of lines, so it can be property-tested without the DB.


@dataclass(frozen=True)
class MataAnggaran:
    """A budget line as entered: its own pagu and cumulative realisasi per Tribulan, and its children."""

    kunci: Hashable
    pagu: Decimal | None = None
    realisasi: Mapping[int, Decimal] = field(default_factory=dict)
    anak: tuple[MataAnggaran, ...] = ()
    rencana: Mapping[int, Decimal] = field(default_factory=dict)  # planned cumulative spending


@dataclass(frozen=True)
class Jumlah:
    """One rolled-up measure of a line: its value, whether it covers every line, the lines missing."""

    nilai: Decimal | None
    lengkap: bool
    kosong: tuple[Hashable, ...]  # lines (highest level) with no figure under this one
    sendiri: Decimal | None  # the line's own entered figure
    anak: Decimal | None  # sum of the children's figures, None when no child has one
    # (pagu, realisasi) summed over the lines that have realisasi: penyerapan_terisi
    terisi: tuple[Decimal, Decimal] | None = None


@dataclass(frozen=True)
class Gulungan:
    kunci: Hashable
    pagu: Jumlah
    realisasi: Mapping[int, Jumlah]  # cumulative up to each Tribulan
    anak: tuple[Gulungan, ...]
    rencana: Mapping[int, Jumlah] = field(default_factory=dict)  # planned cumulative, each Tribulan


def _realisasi_sd(realisasi: Mapping[int, Decimal], tribulan: int) -> Decimal | None:
    """Cumulative realisasi up to `tribulan`: the latest Tribulan entered, not after it."""
    for t in range(tribulan, 0, -1):
        if realisasi.get(t) is not None:
            return realisasi[t]
    return None


def _jumlahkan(kunci: Hashable, sendiri: Decimal | None, anak: Sequence[Jumlah]) -> Jumlah:
    punya = [j for j in anak if j.nilai is not None]
    if punya:
        total = sum((j.nilai for j in punya), Decimal(0))
        kosong = tuple(k for j in anak for k in j.kosong)
        lengkap = len(punya) == len(anak) and all(j.lengkap for j in punya)
        return Jumlah(total, lengkap, kosong, sendiri, total)
    # No child has a figure: the line's own entry stands (Program Penunjang in the dataset).
    return Jumlah(sendiri, sendiri is not None, () if sendiri is not None else (kunci,), sendiri, None)


def gulung_anggaran(mata: MataAnggaran) -> Gulungan:
    """Roll pagu, realisasi and the spending plan up the tree: a parent = Σ children that have figures.

    A line whose children have no figure keeps its own entry; a parent with children figures uses
    their sum even when it has its own entry (the checker reports the difference). A partial sum has
    `lengkap=False` and lists the lines missing. The plan is stated per Tribulan and is not carried
    from an earlier Tribulan (a Tribulan without a plan has none).
    """
    anak = tuple(gulung_anggaran(a) for a in mata.anak)
    pagu = _jumlahkan(mata.kunci, mata.pagu, [a.pagu for a in anak])
    realisasi = {}
    for t in TRIBULAN:
        jumlah = _jumlahkan(mata.kunci, _realisasi_sd(mata.realisasi, t), [a.realisasi[t] for a in anak])
        realisasi[t] = _dengan_terisi(jumlah, pagu, [(a.pagu, a.realisasi[t]) for a in anak])
    rencana = {t: _jumlahkan(mata.kunci, mata.rencana.get(t), [a.rencana[t] for a in anak]) for t in TRIBULAN}
    return Gulungan(mata.kunci, pagu, realisasi, anak, rencana)


def _dengan_terisi(realisasi: Jumlah, pagu: Jumlah, anak: Sequence[tuple[Jumlah, Jumlah]]) -> Jumlah:
    """Attach (Σ pagu, Σ realisasi) over the lines that have both figures (penyerapan_terisi).

    Where both measures come from the children, the pairs of the children are summed, so a line
    without realisasi drops out with its pagu. Where either is the line's own entry, the line counts
    as one: both figures, and a complete realisasi, or nothing.
    """
    if realisasi.anak is not None and pagu.anak is not None:
        pasangan = [r.terisi for _, r in anak if r.terisi is not None]
        terisi = (
            (sum((p for p, _ in pasangan), Decimal(0)), sum((r for _, r in pasangan), Decimal(0)))
            if pasangan
            else None
        )
    elif realisasi.nilai is not None and pagu.nilai is not None and realisasi.lengkap:
        terisi = (pagu.nilai, realisasi.nilai)
    else:
        terisi = None
    return Jumlah(
        realisasi.nilai, realisasi.lengkap, realisasi.kosong, realisasi.sendiri, realisasi.anak, terisi
    )


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InputRumus:
    """A formula input used for one Tribulan: typed, or the sum of a supporting-table column."""

    nama: str
    label: str
    satuan: str
    nilai: Decimal | None
    alasan: str | None = None
    tabel: Any = None  # TabelPendukung when the value is a column sum
    kolom: str = ""
    variabel: Any = None

    @property
    def angka(self) -> Angka:
        return Angka(self.nilai, desimal_alami(self.nilai), self.alasan, self.nilai is not None)


@dataclass(frozen=True)
class RealisasiTribulan:
    tribulan: int
    nilai: Angka  # the value used: from the formula when its inputs are complete, else typed
    sumber: str | None  # "rumus", "diketik" or None
    diketik: Angka
    rumus: Angka | None  # None when the indicator has no formula
    input: tuple[InputRumus, ...] = ()


@dataclass(frozen=True)
class HasilIndikator:
    indikator: Any
    level: str
    target: Angka
    sumber_target: str | None
    realisasi_tw: Mapping[int, RealisasiTribulan]
    realisasi: Angka
    realisasi_diketik: Angka
    realisasi_rumus: Angka | None
    sumber_realisasi: str | None
    input: tuple[InputRumus, ...]
    capaian: Angka
    kategori: str | None
    status: str
    iku: bool = False
    realisasi_lalu: tuple[tuple[int, Angka], ...] = ()
    # Rencana Aksi: each Tribulan's target (empty Angka where none) and that Tribulan's realisasi judged
    # against it with the yearly rules (`capaian_tribulan_dari`); the PK version it comes from, and the
    # planned action per Tribulan.
    target_tribulan: Mapping[int, Angka] = field(default_factory=dict)
    capaian_tribulan: Mapping[int, Angka] = field(default_factory=dict)
    sumber_target_tribulan: str | None = None
    rencana_aksi: Mapping[int, str] = field(default_factory=dict)

    @property
    def kode(self) -> str:
        return self.indikator.kode

    @property
    def ada_rencana_aksi(self) -> bool:
        """Some Tribulan has a Rencana Aksi target."""
        return any(a.ada for a in self.target_tribulan.values())

    @property
    def definisi_beku(self):
        """The year's frozen definition (renstra.DefinisiIndikatorTahun) the figures use, or None."""
        return getattr(self.indikator, "definisi_tahun", None)

    @property
    def nama(self) -> str:
        return self.indikator.nama

    @property
    def satuan(self) -> str:
        return self.indikator.satuan

    @property
    def polaritas(self) -> str:
        return self.indikator.polaritas

    @property
    def lengkap(self) -> bool:
        return self.status == LENGKAP


class IndikatorTunda:
    """An indicator of a result that says what it is (code, name, level, polarity, IKU) at once and computes
    its figures when one is first read: the tables build a row per indicator and compute only the rows
    their page shows (or all of them when a filter or the sort needs the figures). Any other attribute is
    the computed `HasilIndikator`'s."""

    __slots__ = ("hasil_opd", "indikator")
    grup_nilai = "indikator"

    def __init__(self, hasil_opd: HasilOPD, indikator):
        self.hasil_opd = hasil_opd
        self.indikator = indikator

    @property
    def hasil(self) -> HasilIndikator:
        return self.hasil_opd.hasil_indikator(self.indikator)

    @property
    def level(self) -> str:
        return self.indikator.level

    @property
    def kode(self) -> str:
        return self.indikator.kode

    @property
    def nama(self) -> str:
        return self.indikator.nama

    @property
    def satuan(self) -> str:
        return self.indikator.satuan

    @property
    def polaritas(self) -> str:
        return self.indikator.polaritas

    @property
    def iku(self) -> bool:
        return self.hasil_opd.iku_indikator(self.indikator)

    def __getattr__(self, nama: str):
        return getattr(self.hasil, nama)


class AnggaranTunda:
    """A budget line of a result that says what it is (level, code, name) at once and computes its OPD's
    budget when one of its figures is first read, as `IndikatorTunda` does for an indicator."""

    __slots__ = ("hasil_opd", "level", "objek")
    grup_nilai = "anggaran"

    def __init__(self, hasil_opd: HasilOPD, level: str, objek):
        self.hasil_opd = hasil_opd
        self.level = level
        self.objek = objek

    @property
    def hasil(self) -> HasilAnggaran:
        return self.hasil_opd.hasil_anggaran(self.level, self.objek.pk)

    @property
    def kode(self) -> str:
        return self.objek.kode

    @property
    def nama(self) -> str:
        return self.objek.nama

    def __getattr__(self, nama: str):
        return getattr(self.hasil, nama)


def siapkan_nilai(daftar_hasil: Iterable[HasilOPD], grup: str = "indikator") -> None:
    """Read a value group for these results' OPDs together (a table page's OPDs), before their figures."""
    muat_nilai([h._data for h in daftar_hasil], grup)


@dataclass(frozen=True)
class BarisIKU:
    """A row of the year's latest PK (Tabel 3.2)."""

    urutan: int
    sasaran_uraian: str
    sasaran: Any
    baris: Any
    hasil: HasilIndikator


@dataclass(frozen=True)
class HasilAnggaran:
    objek: Any  # Program, Kegiatan, SubKegiatan; None for the agency total
    level: str  # "opd", "program", "kegiatan", "sub_kegiatan"
    kode: str
    nama: str
    pagu: Angka
    realisasi: Angka
    realisasi_tw: Mapping[int, Angka]
    penyerapan: Angka
    penyerapan_terisi: Angka
    penyerapan_tw: Mapping[int, Angka]
    tanpa_pagu: tuple[Any, ...]
    tanpa_realisasi: tuple[Any, ...]
    pagu_sendiri: Decimal | None
    pagu_anak: Decimal | None
    realisasi_sendiri: Mapping[int, Decimal | None]
    realisasi_anak: Mapping[int, Decimal | None]
    anak: tuple[HasilAnggaran, ...] = ()
    # Rencana Penyerapan: planned cumulative spending by the end of each Tribulan (Σ of the sub
    # kegiatan's plans) and the realisasi as % of it; `rencana`/`persen_rencana` for the result's Tribulan.
    rencana_tw: Mapping[int, Angka] = field(default_factory=dict)
    persen_rencana_tw: Mapping[int, Angka] = field(default_factory=dict)
    rencana: Angka = Angka.kosong(RENCANA_PENYERAPAN_BELUM_ADA, DESIMAL_RUPIAH)
    persen_rencana: Angka = Angka.kosong(RENCANA_PENYERAPAN_BELUM_ADA)

    @property
    def ada_rencana(self) -> bool:
        """Some Tribulan has a spending plan on this line or under it."""
        return any(a.ada for a in self.rencana_tw.values())

    def baris(self) -> Iterable[HasilAnggaran]:
        """This line and every line under it, in tree order."""
        yield self
        for anak in self.anak:
            yield from anak.baris()


@dataclass(frozen=True)
class HasilProgramKegiatan:
    """A program or kegiatan in Tabel 3.13: the mean capaian of its indicators, and whether it supports."""

    objek: Any
    level: str
    indikator: tuple[HasilIndikator, ...]
    capaian: Angka
    kategori: str | None

    @property
    def menunjang(self) -> bool | None:
        """Capaian ≥ 100 %; None when there is no capaian."""
        return None if not self.capaian.ada else self.capaian.tampil >= SERATUS

    @property
    def menunjang_teks(self) -> str:
        return {True: "Menunjang", False: "Tidak Menunjang", None: "–"}[self.menunjang]


@dataclass(frozen=True)
class HasilSasaran:
    sasaran: Any
    indikator: tuple[HasilIndikator, ...]
    capaian: Angka
    kategori: str | None
    program: tuple[HasilAnggaran, ...]
    pagu: Angka
    realisasi_anggaran: Angka
    penyerapan: Angka
    efisiensi: Angka
    program_kegiatan: tuple[HasilProgramKegiatan, ...] = ()

    @property
    def kode(self) -> str:
        return self.sasaran.kode

    @property
    def nama(self) -> str:
        return self.sasaran.nama


@dataclass(frozen=True)
class HasilKemajuan:
    """Tabel 3.4: realisasi of the year against the target of the Renstra's last year."""

    hasil: HasilIndikator
    tahun_akhir: int | None
    target_akhir: Angka
    persen: Angka


@dataclass(frozen=True)
class HasilStandar:
    """Tabel 3.5: the realisasi (or one formula input) against a national/provincial standard."""

    standar: Any
    hasil: HasilIndikator
    variabel: Any  # VariabelFormula compared, None for the indicator's realisasi
    nilai: Angka
    pembanding: Angka
    persen: Angka


@dataclass(frozen=True)
class BarisTahunLalu:
    """Tabel 3.3: an indicator's realisasi of earlier years, and this year's result if it has one."""

    indikator: Any
    nilai: Mapping[int, Angka]
    hasil: HasilIndikator | None


@dataclass
class DataOPD:
    """Everything the year's computation reads, loaded once. Lists keep the models' display order."""

    opd: Any
    tahun: int
    rentang: tuple[Rentang, ...]
    renstra: list
    tujuan: list
    sasaran: list
    program: list
    kegiatan: list
    sub_kegiatan: list
    pk: list
    baris_pk: list
    anggaran_pk: list
    indikator: list
    target: dict  # (indikator_id, tahun, dokumen) -> Decimal
    realisasi: dict  # (indikator_id, tribulan) -> RealisasiIndikator
    variabel: dict  # indikator_id -> [VariabelFormula]
    nilai_variabel: dict  # (variabel_id, tribulan) -> NilaiVariabel
    tabel: dict  # id -> TabelPendukung
    jumlah_tabel: dict  # (tabel_id, kolom) -> Decimal
    pagu: dict  # (level, id, dokumen) -> Decimal
    realisasi_anggaran: dict  # (level, id) -> {tribulan: Decimal}
    standar: list
    realisasi_lalu: list
    rencana_aksi: dict = field(default_factory=dict)  # baris_pk_id -> {tribulan: RencanaAksi}
    rencana_penyerapan: dict = field(default_factory=dict)  # sub_kegiatan_id -> {tribulan: Decimal}
    definisi: dict = field(default_factory=dict)  # indikator_id -> DefinisiIndikatorTahun of the year

    def __getattr__(self, nama: str):
        # Only for the values of a loader that deferred them (`muat_data_banyak_opd(tunda_nilai=True)`):
        # the first read of a group reads it for every OPD loaded together, then it is a plain attribute.
        grup = _GRUP_MEDAN.get(nama)
        kelompok = self.__dict__.get("_kelompok")
        if grup is None or kelompok is None:
            raise AttributeError(nama)
        muat_nilai(kelompok, grup)
        return self.__dict__[nama]


class HasilOPD:
    """Every figure of an OPD's year up to the end of a Tribulan, each part computed when first asked for.

    A page computes only what it shows: the indicator table never builds the budget tree, the budget
    table never computes an indicator, and nothing is computed twice for one result. The rows read for
    the computation stay private (`_data`); what callers need of them is below, as typed read-only fields
    and lookups, so that no page re-derives a domain rule (which Renstra is in force, whether a DPA
    Perubahan exists, which PK is the latest) from raw rows.
    """

    def __init__(self, data: DataOPD, tribulan: int = 4):
        if tribulan not in TRIBULAN:
            raise ValueError("Tribulan harus 1 sampai 4.")
        self._data = data
        self._ktx = _Konteks(data, tribulan)
        self.opd = data.opd
        self.tahun: int = data.tahun
        self.tribulan: int = tribulan
        self.rentang: tuple[Rentang, ...] = data.rentang
        self.pk_terakhir = self._ktx.pk_terakhir

    def __repr__(self) -> str:
        return f"<HasilOPD {self.opd.kode} {self.tahun} s.d. TW {self.tribulan}>"

    # --- indicators ----------------------------------------------------------------------------

    @cached_property
    def _lalu_per_indikator(self) -> dict[int, dict[int, Angka]]:
        lalu: dict[int, dict[int, Angka]] = defaultdict(dict)
        for r in self._data.realisasi_lalu:
            lalu[r.indikator_id][r.tahun] = _angka(
                r.nilai, desimal_indikator(r.nilai, r.indikator.desimal), BELUM_ADA_REALISASI
            )
        return lalu

    @cached_property
    def indikator_berlaku(self) -> tuple:
        """The indicators (model rows) that count in the year, in report order (level, then place in its
        tree): known from the plans alone, before any figure is computed or any value read."""
        ktx = self._ktx
        return tuple(
            sorted((i for i in self._data.indikator if ktx.indikator_berlaku(i)), key=ktx.urutan_indikator)
        )

    @cached_property
    def _berlaku_per_pk(self) -> dict[int, Any]:
        return {i.pk: i for i in self.indikator_berlaku}

    @cached_property
    def _satu_indikator(self) -> dict[int, HasilIndikator]:
        return {}

    def iku_indikator(self, indikator) -> bool:
        """Whether the indicator is an IKU of the year (a row of its latest PK), without computing it."""
        ktx = self._ktx
        return (
            ktx.pk_terakhir is not None
            and indikator.pk in ktx.baris_terakhir
            and ktx.baris_terakhir[indikator.pk][0] is ktx.pk_terakhir
        )

    @cached_property
    def indikator(self) -> tuple[HasilIndikator, ...]:
        """Every indicator that counts in the year, in report order (level, then place in its tree)."""
        return tuple(self.hasil_indikator(i) for i in self.indikator_berlaku)

    def indikator_tunda(self) -> tuple[IndikatorTunda, ...]:
        """`indikator`, each computed only when one of its figures is read."""
        return tuple(IndikatorTunda(self, i) for i in self.indikator_berlaku)

    @cached_property
    def _per_indikator(self) -> dict[int, HasilIndikator]:
        return {h.indikator.pk: h for h in self.indikator}

    def hasil_indikator(self, indikator) -> HasilIndikator | None:
        """One indicator's result, computed the first time it is asked for (None: not counted this year)."""
        pk = getattr(indikator, "pk", indikator)
        hasil = self._satu_indikator.get(pk)
        if hasil is None:
            objek = self._berlaku_per_pk.get(pk)
            if objek is None:
                return None
            lalu = tuple(sorted(self._lalu_per_indikator.get(pk, {}).items()))
            hasil = self._satu_indikator[pk] = _hasil_indikator(self._ktx, objek, lalu)
        return hasil

    def capaian_sampai(self, indikator, tribulan: int) -> Angka | None:
        """The indicator's capaian up to the end of `tribulan`, from the same data: no query, and only
        that indicator is computed (the drill-down shows it for each Tribulan)."""
        if tribulan == self.tribulan:
            h = self.hasil_indikator(indikator)
            return h.capaian if h is not None else None
        ktx = _Konteks(self._data, tribulan)
        objek = next((i for i in self._data.indikator if i.pk == getattr(indikator, "pk", indikator)), None)
        if objek is None or not ktx.indikator_berlaku(objek):
            return None
        return _hasil_indikator(ktx, objek, ()).capaian

    @cached_property
    def iku(self) -> tuple[BarisIKU, ...]:
        """The rows of the year's latest PK (Tabel 3.2), each with its indicator's result."""
        pk = self.pk_terakhir
        if pk is None:
            return ()
        return tuple(
            BarisIKU(b.urutan, b.sasaran_uraian, b.sasaran, b, self._per_indikator[b.indikator_id])
            for b in self._data.baris_pk
            if b.pk_dokumen_id == pk.pk and b.indikator_id in self._per_indikator
        )

    @cached_property
    def program_kegiatan(self) -> tuple[HasilProgramKegiatan, ...]:
        """Tabel 3.13: programs and kegiatan with the mean capaian of their own indicators."""
        return tuple(b for baris in self._program_kegiatan_per_program.values() for b in baris)

    @cached_property
    def _program_kegiatan_per_program(self) -> dict[int, list[HasilProgramKegiatan]]:
        per_program: dict[int, list] = defaultdict(list)
        per_kegiatan: dict[int, list] = defaultdict(list)
        for h in self.indikator:
            if h.level == "program":
                per_program[h.indikator.program_id].append(h)
            elif h.level == "kegiatan":
                per_kegiatan[h.indikator.kegiatan_id].append(h)
        kegiatan_per_program: dict[int, list] = defaultdict(list)
        for k in self._data.kegiatan:
            kegiatan_per_program[k.program_id].append(k)
        hasil: dict[int, list[HasilProgramKegiatan]] = {}
        for p in self._data.program:
            baris = [_program_kegiatan(self._ktx, p, "program", per_program.get(p.pk, []))]
            for k in kegiatan_per_program[p.pk]:
                baris.append(_program_kegiatan(self._ktx, k, "kegiatan", per_kegiatan.get(k.pk, [])))
            hasil[p.pk] = baris
        return hasil

    @cached_property
    def kemajuan(self) -> tuple[HasilKemajuan, ...]:
        """Tabel 3.4: the Renstra indicators against the target of the Renstra's last year."""
        return tuple(
            _kemajuan(self._ktx, h)
            for h in self.indikator
            if h.level in LEVEL_RENSTRA and _berlaku_renstra(self._ktx, h)
        )

    @cached_property
    def standar(self) -> tuple[HasilStandar, ...]:
        """Tabel 3.5: realisasi (or a formula input) against national and provincial standards."""
        return tuple(
            _standar(self._ktx, s, self._per_indikator[s.indikator_id])
            for s in self._data.standar
            if s.indikator_id in self._per_indikator
        )

    @cached_property
    def tahun_lalu(self) -> tuple[BarisTahunLalu, ...]:
        """Tabel 3.3: indicators with earlier years' realisasi, then the IKU that have none."""
        urutan: list[int] = []
        indikator_lalu = {}
        for r in self._data.realisasi_lalu:
            if r.indikator_id not in indikator_lalu:
                indikator_lalu[r.indikator_id] = r.indikator
                urutan.append(r.indikator_id)
        for baris in self.iku:
            if baris.hasil.indikator.pk not in indikator_lalu:
                indikator_lalu[baris.hasil.indikator.pk] = baris.hasil.indikator
                urutan.append(baris.hasil.indikator.pk)
        return tuple(
            BarisTahunLalu(
                indikator_lalu[pk],
                dict(sorted(self._lalu_per_indikator.get(pk, {}).items())),
                self._per_indikator.get(pk),
            )
            for pk in urutan
        )

    # --- budget --------------------------------------------------------------------------------

    @cached_property
    def ada_dpa_perubahan(self) -> bool:
        """The year has a DPA Perubahan: any budget line has a pagu of it."""
        return any(k[2] == "dpa_perubahan" for k in self._data.pagu)

    @property
    def dokumen_anggaran(self) -> str:
        """The budget document the year is measured against: DPA Perubahan when there is one, else DPA."""
        return "dpa_perubahan" if self.ada_dpa_perubahan else "dpa"

    @cached_property
    def _anggaran(self) -> dict[str, HasilAnggaran]:
        return {}

    def anggaran_untuk(self, dokumen: str) -> HasilAnggaran:
        """The agency total under one budget document (its children are the programs)."""
        if dokumen not in DOKUMEN_ANGGARAN:
            raise ValueError(f"Dokumen anggaran tidak dikenal: {dokumen}")
        if dokumen not in self._anggaran:
            self._anggaran[dokumen] = _hasil_anggaran(
                self._ktx, gulung_anggaran(_pohon_anggaran(self._ktx, dokumen))
            )
        return self._anggaran[dokumen]

    @property
    def anggaran_dokumen(self) -> Mapping[str, HasilAnggaran]:
        return {d: self.anggaran_untuk(d) for d in DOKUMEN_ANGGARAN}

    @property
    def anggaran(self) -> HasilAnggaran:
        """The agency total (its children are the programs) for DPA Perubahan, or DPA if none."""
        return self.anggaran_untuk(self.dokumen_anggaran)

    def baris_anggaran(self, dokumen: str | None = None) -> list[HasilAnggaran]:
        """Every program, kegiatan and sub kegiatan line in tree order (without the total)."""
        return [b for b in self.anggaran_untuk(dokumen or self.dokumen_anggaran).baris() if b.level != "opd"]

    def baris_anggaran_tunda(self) -> tuple[AnggaranTunda, ...]:
        """`baris_anggaran()` in the same tree order, each line computed only when a figure of it is read."""
        kegiatan: dict[int, list] = defaultdict(list)
        for k in self._data.kegiatan:
            kegiatan[k.program_id].append(k)
        sub: dict[int, list] = defaultdict(list)
        for x in self._data.sub_kegiatan:
            sub[x.kegiatan_id].append(x)
        baris = []
        for p in self._data.program:
            baris.append(AnggaranTunda(self, "program", p))
            for k in kegiatan[p.pk]:
                baris.append(AnggaranTunda(self, "kegiatan", k))
                baris.extend(AnggaranTunda(self, "sub_kegiatan", x) for x in sub[k.pk])
        return tuple(baris)

    @cached_property
    def _anggaran_per_kunci(self) -> dict[tuple[str, int], HasilAnggaran]:
        return {(b.level, b.objek.pk): b for b in self.baris_anggaran()}

    def hasil_anggaran(self, level: str, pk: int) -> HasilAnggaran:
        """One budget line of the year's budget document (the OPD's whole budget is computed once)."""
        return self._anggaran_per_kunci[(level, pk)]

    def realisasi_anggaran_diisi(self, level: str, pk: int) -> Mapping[int, Decimal]:
        """The cumulative realisasi entered on this very line, per Tribulan (not rolled up, not carried)."""
        return self._data.realisasi_anggaran.get((level, pk), {})

    # --- sasaran -------------------------------------------------------------------------------

    @cached_property
    def sasaran(self) -> tuple[HasilSasaran, ...]:
        """Sasaran in force: measured by their indicators in the latest PK, funded by their programs."""
        ktx = self._ktx
        program_hasil = {a.objek.pk: a for a in self.anggaran.anak}
        iku_per_sasaran: dict[int, list[HasilIndikator]] = defaultdict(list)
        for b in self.iku:
            sasaran_id = b.baris.sasaran_id or b.hasil.indikator.sasaran_id
            if sasaran_id:
                iku_per_sasaran[sasaran_id].append(b.hasil)
        renstra_per_sasaran: dict[int, list[HasilIndikator]] = defaultdict(list)
        for h in self.indikator:
            if h.level == "sasaran":
                renstra_per_sasaran[h.indikator.sasaran_id].append(h)
        program_per_sasaran: dict[int, list[HasilAnggaran]] = defaultdict(list)
        for p in self._data.program:
            if p.sasaran_id:
                program_per_sasaran[p.sasaran_id].append(program_hasil[p.pk])
        pk_per_program = self._program_kegiatan_per_program
        return tuple(
            _hasil_sasaran(
                ktx,
                s,
                # A sasaran the latest PK does not name is measured by its own Renstra indicators.
                iku_per_sasaran.get(s.pk) or renstra_per_sasaran.get(s.pk, []),
                tuple(program_per_sasaran.get(s.pk, [])),
                tuple(x for p in program_per_sasaran.get(s.pk, []) for x in pk_per_program[p.objek.pk]),
            )
            for s in self._data.sasaran
            if ktx.sasaran_berlaku(s)
        )

    # --- the plan and the PK, as read ----------------------------------------------------------

    @cached_property
    def renstra_berlaku(self):
        """The Renstra covering the year (a revision replaces the one it revises), or None."""
        sisa = [r for r in self._data.renstra if r.pk in self._ktx.renstra_berlaku]
        return max(sisa, key=lambda r: (r.revisi_ke, r.tahun_awal)) if sisa else None

    @property
    def tujuan_semua(self) -> tuple:
        """Every tujuan of the OPD's Renstra documents, in plan order."""
        return tuple(self._data.tujuan)

    @property
    def sasaran_semua(self) -> tuple:
        """Every sasaran of the OPD's Renstra documents, in plan order."""
        return tuple(self._data.sasaran)

    @property
    def indikator_semua(self) -> tuple:
        """Every indicator read for the year, those not in force included (the Renstra lists them all)."""
        return tuple(self._data.indikator)

    @property
    def program_semua(self) -> tuple:
        return tuple(self._data.program)

    @property
    def kegiatan_semua(self) -> tuple:
        return tuple(self._data.kegiatan)

    @property
    def sub_kegiatan_semua(self) -> tuple:
        return tuple(self._data.sub_kegiatan)

    def target(self, indikator, tahun: int, dokumen: str) -> Decimal | None:
        """The target a planning document (renstra, renja, dpa, dpa_perubahan) states for a year."""
        return self._data.target.get((getattr(indikator, "pk", indikator), tahun, dokumen))

    @property
    def pk_semua(self) -> tuple:
        """The year's PK versions, the original first."""
        return tuple(sorted(self._data.pk, key=lambda p: p.revisi))

    @property
    def pk_awal(self):
        """The year's original PK, or None."""
        return self.pk_semua[0] if self._data.pk else None

    @property
    def pk_akhir(self):
        """The year's latest PK Perubahan, or None when the PK was never amended."""
        return self.pk_semua[-1] if len(self._data.pk) > 1 else None

    def pk_sebelum(self, pk):
        """The PK version an amendment replaces, or None."""
        return next((p for p in self._data.pk if p.pk == pk.menggantikan_id), None)

    def baris_pk(self, pk=None) -> list:
        """The rows of a PK version in their order; every version's rows when `pk` is None."""
        if pk is None:
            return list(self._data.baris_pk)
        pk_id = getattr(pk, "pk", pk)
        return [b for b in self._data.baris_pk if b.pk_dokumen_id == pk_id]

    def anggaran_pk(self, pk=None) -> list:
        """The program budgets a PK version states, in its order; every version's when `pk` is None."""
        if pk is None:
            return list(self._data.anggaran_pk)
        pk_id = getattr(pk, "pk", pk)
        return [a for a in self._data.anggaran_pk if a.pk_dokumen_id == pk_id]

    def total_anggaran_pk(self, pk) -> Decimal | None:
        """The JUMLAH of a PK version's program budgets, as signed (None: the PK states no budget)."""
        daftar = self.anggaran_pk(pk)
        return sum((a.nilai for a in daftar), Decimal(0)) if daftar else None

    # --- monev inputs, as stored ---------------------------------------------------------------

    def variabel(self, indikator) -> tuple:
        """The named inputs of an indicator's formula, in their order."""
        return tuple(self._data.variabel.get(getattr(indikator, "pk", indikator), ()))

    def realisasi_tersimpan(self, indikator, tribulan: int):
        """The stored RealisasiIndikator of a Tribulan (its value, note and version), or None."""
        return self._data.realisasi.get((getattr(indikator, "pk", indikator), tribulan))

    def nilai_variabel_tersimpan(self, variabel, tribulan: int):
        """The stored NilaiVariabel of a Tribulan (a value, or the table column it is summed from), or None."""
        return self._data.nilai_variabel.get((getattr(variabel, "pk", variabel), tribulan))

    def nilai_variabel_semua(self) -> list:
        """Every stored formula input value of the year, by (variabel id, Tribulan)."""
        return [nv for _, nv in sorted(self._data.nilai_variabel.items())]

    def tabel_pendukung(self, tabel_id: int):
        """A supporting table some input of the year is summed from, or None."""
        return self._data.tabel.get(tabel_id)

    def jumlah_kolom(self, tabel_id: int, kolom: str) -> Decimal | None:
        """The sum of a supporting table's column, as the formula inputs use it."""
        return self._data.jumlah_tabel.get((tabel_id, kolom))

    # --- checks --------------------------------------------------------------------------------

    @cached_property
    def temuan(self):
        """Findings of the consistency checker on this result (capaian.pemeriksa)."""
        return periksa(self)


# --------------------------------------------------------------------------------------------
# Loading (the only part that touches the database)
# --------------------------------------------------------------------------------------------


def skala_untuk_pemda(pemda) -> tuple[Rentang, ...]:
    """The category scale of the Pemda (its own, else the default one), ordered. One query."""
    if pemda is not None and pemda.skala_kategori_id:
        qs = RentangKategori.objects.filter(skala_id=pemda.skala_kategori_id)
    else:
        qs = RentangKategori.objects.filter(skala__bawaan=True)
    return tuple(
        Rentang(r.nama, r.batas_bawah, r.batas_atas, r.urutan) for r in qs.order_by("urutan", "batas_bawah")
    )


def muat_data_opd(opd, tahun: int, *, tunda_nilai: bool = False) -> DataOPD:
    """Read one OPD-year with a fixed number of queries (25): `muat_data_banyak_opd` for one OPD."""
    data = muat_data_banyak_opd([opd], tahun, tunda_nilai=tunda_nilai)
    if not data:
        raise OPD.DoesNotExist("OPD tidak ditemukan.")
    return data[0]


def _pk_berlaku(pk_list) -> list:
    """The PK versions in force, per OPD: those up to its latest approved one. A draft PK Perubahan of an
    approved PK is not in force until the kepala approves it; an OPD with no approved version yet (a new
    year being planned) works on its drafts, so the screens show provisional figures."""
    pk_list = list(pk_list)
    disetujui: dict[int, int] = {}
    for p in pk_list:
        if p.status == PerjanjianKinerja.Status.DISETUJUI:
            disetujui[p.opd_id] = max(disetujui.get(p.opd_id, -1), p.revisi)
    return [p for p in pk_list if p.opd_id not in disetujui or p.revisi <= disetujui[p.opd_id]]


def muat_data_banyak_opd(opd_qs, tahun: int, *, tunda_nilai: bool = False) -> list[DataOPD]:
    """Read the year of every OPD in `opd_qs` (a queryset, or OPDs or their ids) with a fixed number of
    queries (25), whatever the number of OPDs and the amount of data; one `DataOPD` per OPD, in order.

    Each query reads all the OPDs at once; the rows are then split per OPD, so each `DataOPD` is what
    the OPD alone would give (tests/tabel/test_muat_banyak.py compares them field by field).

    `tunda_nilai`: read only the plans now; each value group (`GRUP_NILAI`) is read when first used, for
    every OPD read together that lacks it (or, through `muat_nilai`, only for the OPDs a page shows).
    """
    if isinstance(opd_qs, QuerySet):
        opd_list = list(opd_qs.select_related("pemda"))
    else:
        urutan = [getattr(o, "pk", o) for o in opd_qs]
        per_pk = {o.pk: o for o in OPD.objects.select_related("pemda").filter(pk__in=urutan)}
        opd_list = [per_pk[pk] for pk in urutan if pk in per_pk]
    if not opd_list:
        return []
    ids = [o.pk for o in opd_list]
    rentang = _rentang_per_opd(opd_list)

    renstra = list(Renstra.objects.filter(opd__in=ids))
    opd_renstra = {r.pk: r.opd_id for r in renstra}
    tujuan = list(Tujuan.objects.filter(renstra__opd__in=ids).order_by("renstra_id", "urutan", "kode"))
    sasaran = list(
        Sasaran.objects.filter(tujuan__renstra__opd__in=ids)
        .select_related("tujuan")
        .order_by("tujuan_id", "urutan", "kode")
    )
    program = list(
        Program.objects.filter(opd__in=ids, tahun=tahun).select_related("sasaran").order_by("urutan", "kode")
    )
    opd_program = {p.pk: p.opd_id for p in program}
    kegiatan = list(
        Kegiatan.objects.filter(program__opd__in=ids, program__tahun=tahun).order_by(
            "program_id", "urutan", "kode"
        )
    )
    opd_kegiatan = {k.pk: opd_program[k.program_id] for k in kegiatan}
    sub_kegiatan = list(
        SubKegiatan.objects.filter(kegiatan__program__opd__in=ids, kegiatan__program__tahun=tahun).order_by(
            "kegiatan_id", "urutan", "kode"
        )
    )
    opd_sub = {s.pk: opd_kegiatan[s.kegiatan_id] for s in sub_kegiatan}
    pk = _pk_berlaku(PerjanjianKinerja.objects.filter(opd__in=ids, tahun=tahun).order_by("revisi"))
    opd_pk = {p.pk: p.opd_id for p in pk}
    baris_pk = [
        b
        for b in BarisPK.objects.filter(pk_dokumen__opd__in=ids, pk_dokumen__tahun=tahun)
        .select_related("sasaran")
        .order_by("pk_dokumen__revisi", "urutan", "id")
        if b.pk_dokumen_id in opd_pk
    ]
    anggaran_pk = [
        a
        for a in AnggaranPK.objects.filter(pk_dokumen__opd__in=ids, pk_dokumen__tahun=tahun).order_by(
            "pk_dokumen__revisi", "urutan", "id"
        )
        if a.pk_dokumen_id in opd_pk
    ]
    indikator_pk = defaultdict(set)
    for b in baris_pk:
        indikator_pk[opd_pk[b.pk_dokumen_id]].add(b.indikator_id)
    indikator = [
        i
        for i in Indikator.objects.filter(opd__in=ids)
        .filter(
            Q(level__in=LEVEL_RENSTRA)
            | Q(program__tahun=tahun)
            | Q(kegiatan__program__tahun=tahun)
            | Q(sub_kegiatan__kegiatan__program__tahun=tahun)
            | Q(
                pk__in=BarisPK.objects.filter(pk_dokumen__opd__in=ids, pk_dokumen__tahun=tahun).values(
                    "indikator_id"
                )
            )
        )
        .order_by("urutan", "kode", "id")
        # The PK clause above is wider than the engine's (any of these OPDs' PK): narrow it per OPD.
        if i.level in LEVEL_RENSTRA
        or i.program_id in opd_program
        or i.kegiatan_id in opd_kegiatan
        or i.sub_kegiatan_id in opd_sub
        or i.pk in indikator_pk[i.opd_id]
    ]
    indikator = _dengan_induk(indikator, tujuan, sasaran, program, kegiatan, sub_kegiatan)
    variabel = list(
        VariabelFormula.objects.filter(indikator__opd__in=ids)
        .annotate(opd_pemilik=F("indikator__opd_id"))
        .order_by("indikator_id", "urutan", "nama")
    )
    definisi = {
        d.indikator_id: d for d in DefinisiIndikatorTahun.objects.filter(indikator__opd__in=ids, tahun=tahun)
    }
    rencana_aksi = list(
        RencanaAksi.objects.filter(
            baris_pk__pk_dokumen__opd__in=ids, baris_pk__pk_dokumen__tahun=tahun
        ).order_by("baris_pk_id", "tribulan")
    )
    variabel = _terapkan_definisi(indikator, variabel, definisi)
    opd_baris_pk = {b.pk: opd_pk[b.pk_dokumen_id] for b in baris_pk}

    g_renstra = _per_opd(renstra, lambda r: r.opd_id)
    g_tujuan = _per_opd(tujuan, lambda t: opd_renstra[t.renstra_id])
    g_sasaran = _per_opd(sasaran, lambda s: opd_renstra[s.tujuan.renstra_id])
    g_program = _per_opd(program, lambda p: p.opd_id)
    g_kegiatan = _per_opd(kegiatan, lambda k: opd_kegiatan[k.pk])
    g_sub = _per_opd(sub_kegiatan, lambda s: opd_sub[s.pk])
    g_pk = _per_opd(pk, lambda p: p.opd_id)
    g_baris_pk = _per_opd(baris_pk, lambda b: opd_pk[b.pk_dokumen_id])
    g_anggaran_pk = _per_opd(anggaran_pk, lambda a: opd_pk[a.pk_dokumen_id])
    g_indikator = _per_opd(indikator, lambda i: i.opd_id)
    g_variabel = _per_opd(variabel, lambda v: v.opd_pemilik)
    # Rows of a draft amendment not yet in force are not loaded; their plans are left out too.
    g_rencana_aksi = _per_opd(
        [r for r in rencana_aksi if r.baris_pk_id in opd_baris_pk], lambda r: opd_baris_pk[r.baris_pk_id]
    )

    hasil = []
    kelompok: list[DataOPD] = []  # the OPDs read together: a value group is read for all of them at once
    for opd in opd_list:
        n = opd.pk
        variabel_opd: dict[int, list] = defaultdict(list)
        for v in g_variabel[n]:
            variabel_opd[v.indikator_id].append(v)
        aksi_opd: dict[int, dict[int, Any]] = defaultdict(dict)
        for r in g_rencana_aksi[n]:
            aksi_opd[r.baris_pk_id][r.tribulan] = r
        data = DataOPD.__new__(DataOPD)
        data.__dict__.update(
            opd=opd,
            tahun=tahun,
            rentang=rentang[n],
            renstra=g_renstra[n],
            tujuan=g_tujuan[n],
            sasaran=g_sasaran[n],
            program=g_program[n],
            kegiatan=g_kegiatan[n],
            sub_kegiatan=g_sub[n],
            pk=g_pk[n],
            baris_pk=g_baris_pk[n],
            anggaran_pk=g_anggaran_pk[n],
            indikator=g_indikator[n],
            variabel=dict(variabel_opd),
            rencana_aksi=dict(aksi_opd),
            definisi={i.pk: i.definisi_tahun for i in g_indikator[n] if i.definisi_tahun is not None},
            _kelompok=kelompok,
        )
        kelompok.append(data)
        hasil.append(data)
    if not tunda_nilai:
        for grup in GRUP_NILAI:
            muat_nilai(hasil, grup)
    return hasil


def _per_opd(baris: Iterable, opd_dari: Callable[[Any], int]) -> dict[int, list]:
    hasil: dict[int, list] = defaultdict(list)
    for b in baris:
        hasil[opd_dari(b)].append(b)
    return hasil


# The values of a year, in two groups read separately: what the indicators need and what the budget needs.
# The plans (Renstra, budget lines, PK, indicators, formula inputs, definitions, Rencana Aksi) are read first.
GRUP_NILAI: dict[str, tuple[str, ...]] = {
    "indikator": (
        "target",
        "realisasi",
        "nilai_variabel",
        "tabel",
        "jumlah_tabel",
        "standar",
        "realisasi_lalu",
    ),
    "anggaran": ("pagu", "realisasi_anggaran", "rencana_penyerapan"),
}
_GRUP_MEDAN = {medan: grup for grup, daftar in GRUP_NILAI.items() for medan in daftar}


def muat_nilai(daftar: Iterable[DataOPD], grup: str) -> None:
    """Read one value group (`GRUP_NILAI`) of every OPD-year in `daftar` that lacks it, with a fixed number of
    queries (indikator: 7, anggaran: 3) whatever their number: a page reads the values of the OPDs it shows."""
    perlu: dict[int, list[DataOPD]] = defaultdict(list)
    for d in daftar:
        if GRUP_NILAI[grup][0] not in d.__dict__:
            perlu[d.tahun].append(d)
    for tahun, kumpulan in perlu.items():
        (_muat_nilai_indikator if grup == "indikator" else _muat_nilai_anggaran)(kumpulan, tahun)


def _muat_nilai_indikator(daftar: list[DataOPD], tahun: int) -> None:
    ids = [d.opd.pk for d in daftar]
    tahun_target = {d.opd.pk: {tahun} | {r.tahun_akhir for r in d.renstra} for d in daftar}
    semua_tahun_target = sorted(set().union(*tahun_target.values()))
    target = TargetIndikator.objects.filter(indikator__opd__in=ids, tahun__in=semua_tahun_target).annotate(
        opd_pemilik=F("indikator__opd_id")
    )
    realisasi = RealisasiIndikator.objects.filter(indikator__opd__in=ids, tahun=tahun).annotate(
        opd_pemilik=F("indikator__opd_id")
    )
    nilai_qs = NilaiVariabel.objects.filter(variabel__indikator__opd__in=ids, tahun=tahun)
    nilai_variabel = nilai_qs.annotate(opd_pemilik=F("variabel__indikator__opd_id"))
    tabel_terpakai = nilai_qs.filter(tabel__isnull=False).values("tabel_id")
    tabel = {t.pk: t for t in TabelPendukung.objects.filter(pk__in=tabel_terpakai)}
    jumlah_tabel: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    # Summed in Python, as the engine does: SQLite would sum decimals as floats.
    for baris in BarisTabelPendukung.objects.filter(tabel_id__in=tabel_terpakai).only(
        "tabel_id", "kolom", "nilai"
    ):
        jumlah_tabel[(baris.tabel_id, baris.kolom)] += baris.nilai
    standar = (
        StandarPembanding.objects.filter(indikator__opd__in=ids, tahun=tahun)
        .annotate(opd_pemilik=F("indikator__opd_id"))
        .order_by("indikator_id", "tingkat", "id")
    )
    realisasi_lalu = list(
        RealisasiTahunLalu.objects.filter(indikator__opd__in=ids, tahun__lt=tahun)
        .select_related("indikator")
        .order_by("tahun", "indikator__urutan", "indikator__kode", "indikator_id")
    )
    per_pk_indikator = {i.pk: i for d in daftar for i in d.indikator}
    for r in realisasi_lalu:
        # Earlier years' rows name the indicator as the computed year defines it.
        if r.indikator_id in per_pk_indikator:
            r.indikator = per_pk_indikator[r.indikator_id]
    g_target = _per_opd(
        (t for t in target if t.tahun in tahun_target[t.opd_pemilik]), lambda t: t.opd_pemilik
    )
    g_realisasi = _per_opd(realisasi, lambda r: r.opd_pemilik)
    g_nilai = _per_opd(nilai_variabel, lambda n: n.opd_pemilik)
    g_standar = _per_opd(standar, lambda s: s.opd_pemilik)
    g_lalu = _per_opd(realisasi_lalu, lambda r: r.indikator.opd_id)
    for d in daftar:
        n = d.opd.pk
        tabel_opd = {x.tabel_id for x in g_nilai[n] if x.tabel_id}
        d.__dict__.update(
            target={(t.indikator_id, t.tahun, t.dokumen): t.nilai for t in g_target[n]},
            realisasi={(r.indikator_id, r.tribulan): r for r in g_realisasi[n]},
            nilai_variabel={(x.variabel_id, x.tribulan): x for x in g_nilai[n]},
            tabel={k: t for k, t in tabel.items() if k in tabel_opd},
            jumlah_tabel={k: v for k, v in jumlah_tabel.items() if k[0] in tabel_opd},
            standar=g_standar[n],
            realisasi_lalu=g_lalu[n],
        )


def _muat_nilai_anggaran(daftar: list[DataOPD], tahun: int) -> None:
    ids = [d.opd.pk for d in daftar]
    opd_mata = {
        "program": {p.pk: d.opd.pk for d in daftar for p in d.program},
        "kegiatan": {k.pk: d.opd.pk for d in daftar for k in d.kegiatan},
        "sub_kegiatan": {s.pk: d.opd.pk for d in daftar for s in d.sub_kegiatan},
    }

    def opd_mata_dari(obj) -> int:
        level, pk = obj.kunci_mata
        return opd_mata[level][pk]

    q_mata = q_mata_anggaran(ids, tahun)
    g_pagu = _per_opd(PaguAnggaran.objects.filter(q_mata), opd_mata_dari)
    g_realisasi = _per_opd(RealisasiAnggaran.objects.filter(q_mata), opd_mata_dari)
    g_serap = _per_opd(
        RencanaPenyerapan.objects.filter(
            sub_kegiatan__kegiatan__program__opd__in=ids, sub_kegiatan__kegiatan__program__tahun=tahun
        ),
        lambda r: opd_mata["sub_kegiatan"][r.sub_kegiatan_id],
    )
    for d in daftar:
        n = d.opd.pk
        anggaran_opd: dict[tuple[str, int], dict[int, Decimal]] = defaultdict(dict)
        for r in g_realisasi[n]:
            anggaran_opd[r.kunci_mata][r.tribulan] = r.nilai
        serap_opd: dict[int, dict[int, Decimal]] = defaultdict(dict)
        for r in g_serap[n]:
            serap_opd[r.sub_kegiatan_id][r.tribulan] = r.nilai
        d.__dict__.update(
            pagu={(*p.kunci_mata, p.dokumen): p.nilai for p in g_pagu[n]},
            realisasi_anggaran=dict(anggaran_opd),
            rencana_penyerapan=dict(serap_opd),
        )


def _dengan_induk(indikator: list, *induk: list) -> list:
    """Each indicator with its parent (tujuan, sasaran, program, kegiatan or sub kegiatan) set from the rows
    already read, rather than a join that would build a second instance of every parent. An indicator whose
    parent was not read (a PK row naming one of another year's budget lines) is read again with its parents."""
    per_pk = {type(daftar[0]): {o.pk: o for o in daftar} for daftar in induk if daftar}
    medan = [
        (f.name, f.attname, f.related_model) for f in (Indikator._meta.get_field(n) for n in INDUK_INDIKATOR)
    ]
    lepas = set()
    for i in indikator:
        for nama, attname, model in medan:
            id_induk = getattr(i, attname)
            if id_induk is None:
                continue
            obj = per_pk.get(model, {}).get(id_induk)
            if obj is None:
                lepas.add(i.pk)
                break
            setattr(i, nama, obj)
    if not lepas:
        return indikator
    lengkap = Indikator.objects.select_related(*INDUK_INDIKATOR).in_bulk(lepas)
    return [lengkap.get(i.pk, i) if i.pk in lepas else i for i in indikator]


INDUK_INDIKATOR = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")


def _terapkan_definisi(indikator: list, variabel: list, definisi: Mapping[int, Any]) -> list:
    """Give each indicator the definition of the computed year, where that year's is frozen.

    The loaded instances are this computation's own, so they take the frozen fields in place: every
    consumer of the result (tables, report, Kertas Kerja, checker) then reads the year's nama, satuan,
    rumus, desimal, polaritas, aturan negatif and agregasi. `definisi_tahun` on each instance is the
    frozen definition, or None when the year uses the current one. Returns the formula inputs with
    the frozen list in place of the current one: an input still present keeps its stored values
    (matched by name) with the frozen label and unit. An input since removed took its stored values
    with it and is left out, so the frozen formula reports it as missing ("input formula belum
    lengkap: ...") and the typed realisasi stands.
    """
    kini: dict[int, dict[str, Any]] = defaultdict(dict)
    for v in variabel:
        kini[v.indikator_id][v.nama] = v
    hasil = [v for v in variabel if v.indikator_id not in definisi]
    for i in indikator:
        beku = definisi.get(i.pk)
        i.definisi_tahun = beku
        if beku is None:
            continue
        for nama_field in FIELD_DEFINISI:
            setattr(i, nama_field, getattr(beku, nama_field))
        for urutan, v in enumerate(beku.variabel or []):
            ada = kini[i.pk].get(v.get("nama"))
            if ada is not None:
                ada.label, ada.satuan, ada.urutan = v.get("label", ""), v.get("satuan", ""), urutan
                hasil.append(ada)
    return hasil


def _rentang_per_opd(opd_list) -> dict[int, tuple[Rentang, ...]]:
    """Each OPD's category scale (its Pemda's, else the default), as `skala_untuk_pemda`. One query."""
    skala_ids = {o.pemda.skala_kategori_id for o in opd_list if o.pemda.skala_kategori_id}
    per_skala: dict[int, list[Rentang]] = defaultdict(list)
    bawaan: list[Rentang] = []
    for r in (
        RentangKategori.objects.filter(Q(skala_id__in=skala_ids) | Q(skala__bawaan=True))
        .annotate(skala_bawaan=F("skala__bawaan"))
        .order_by("urutan", "batas_bawah")
    ):
        rentang = Rentang(r.nama, r.batas_bawah, r.batas_atas, r.urutan)
        per_skala[r.skala_id].append(rentang)
        if r.skala_bawaan:
            bawaan.append(rentang)
    return {
        o.pk: tuple(per_skala[o.pemda.skala_kategori_id]) if o.pemda.skala_kategori_id else tuple(bawaan)
        for o in opd_list
    }


def hitung_banyak_opd(opd_qs, tahun: int, *, tribulan: int = 4, tunda_nilai: bool = False) -> list[HasilOPD]:
    """`hitung_opd_tahun` for every OPD of `opd_qs`, in its order, with a fixed number of queries.

    Results of the current data version come from the cache; the others are read together (25 queries
    whatever their number) and computed. Two queries when every result is cached: the OPDs and their tokens.
    `tunda_nilai`: read the plans now and each value group when first used (see `muat_data_banyak_opd`).
    """
    if tribulan not in TRIBULAN:
        raise ValueError("Tribulan harus 1 sampai 4.")
    opd_list = _daftar_opd(opd_qs)
    token = token_banyak(o.pk for o in opd_list)
    hasil: dict[int, HasilOPD] = {}
    perlu = []
    for o in opd_list:
        h = CACHE.ambil(("hasil", o.pk, tahun, tribulan, token[o.pk]))
        if h is None:
            perlu.append(o)
        else:
            hasil[o.pk] = h
    if perlu:
        for data in muat_data_banyak_opd(perlu, tahun, tunda_nilai=tunda_nilai):
            hasil[data.opd.pk] = _simpan_hasil(data, tribulan, token[data.opd.pk])
    return [hasil[o.pk] for o in opd_list if o.pk in hasil]


def _daftar_opd(opd_qs) -> list:
    if isinstance(opd_qs, QuerySet):
        return list(opd_qs)
    return [o if isinstance(o, OPD) else OPD(pk=o) for o in opd_qs]


def _simpan_hasil(data: DataOPD, tribulan: int, token: str | None) -> HasilOPD:
    opd_id, tahun = data.opd.pk, data.tahun
    CACHE.simpan(("data", opd_id, tahun, token), data)
    h = hitung_dari_data(data, tribulan=tribulan)
    CACHE.simpan(("hasil", opd_id, tahun, tribulan, token), h)
    return h


# --------------------------------------------------------------------------------------------
# Computing the year from the loaded data
# --------------------------------------------------------------------------------------------


def hitung_opd_tahun(
    opd, tahun: int, *, tribulan: int = 4, tunda_nilai: bool = False, token: str | None = None
) -> HasilOPD:
    """Every figure of the OPD's year, up to the end of Tribulan `tribulan` (4 = the whole year).

    From the cache when the OPD's data has not changed since it was computed (one query: the token, none
    when the caller read it in the same request and passes it); otherwise read (25 queries) and computed,
    and kept for the next request. `tunda_nilai`: read each value group when first used (a page about one
    indicator never reads the budget).
    """
    if tribulan not in TRIBULAN:
        raise ValueError("Tribulan harus 1 sampai 4.")
    token = token or token_opd(opd.pk)
    h = CACHE.ambil(("hasil", opd.pk, tahun, tribulan, token))
    if h is not None:
        return h
    data = CACHE.ambil(("data", opd.pk, tahun, token))
    if data is not None:
        h = hitung_dari_data(data, tribulan=tribulan)
        CACHE.simpan(("hasil", opd.pk, tahun, tribulan, token), h)
        return h
    return _simpan_hasil(muat_data_opd(opd, tahun, tunda_nilai=tunda_nilai), tribulan, token)


def nama_pk(pk) -> str:
    if pk.revisi == 0:
        return "PK"
    return "PK Perubahan" + (f" ke-{pk.revisi}" if pk.revisi > 1 else "")


class _Konteks:
    """Lookups over DataOPD shared by the computation steps."""

    def __init__(self, data: DataOPD, tribulan: int):
        self.data = data
        self.tahun = data.tahun
        self.tribulan = tribulan
        self.tujuan = {t.pk: t for t in data.tujuan}
        self.sasaran = {s.pk: s for s in data.sasaran}
        self.renstra = {r.pk: r for r in data.renstra}
        self.program = {p.pk: p for p in data.program}
        self.posisi_program = {p.pk: i for i, p in enumerate(data.program)}
        self.kegiatan = {k.pk: k for k in data.kegiatan}
        self.sub_kegiatan = {s.pk: s for s in data.sub_kegiatan}
        self.pk_dokumen = {p.pk: p for p in data.pk}
        self.pk_terakhir = data.pk[-1] if data.pk else None
        # Latest PK version with a row for the indicator: (pk, row).
        self.baris_terakhir: dict[int, tuple[Any, Any]] = {}
        for baris in data.baris_pk:
            pk = self.pk_dokumen[baris.pk_dokumen_id]
            lama = self.baris_terakhir.get(baris.indikator_id)
            if lama is None or lama[0].revisi <= pk.revisi:
                self.baris_terakhir[baris.indikator_id] = (pk, baris)
        # Rencana Aksi per indicator: that of its row in the latest PK version naming it, else of the
        # row in the latest earlier version that has one (a PK Perubahan may keep the original's plan).
        self.rencana_aksi: dict[int, tuple[Any, Mapping[int, Any]]] = {}
        for baris in sorted(
            data.baris_pk, key=lambda b: self.pk_dokumen[b.pk_dokumen_id].revisi, reverse=True
        ):
            aksi = data.rencana_aksi.get(baris.pk, {})
            if baris.indikator_id not in self.rencana_aksi and any(
                a.target is not None for a in aksi.values()
            ):
                self.rencana_aksi[baris.indikator_id] = (self.pk_dokumen[baris.pk_dokumen_id], aksi)
        self.renstra_berlaku = self._renstra_berlaku()

    def _renstra_berlaku(self) -> set[int]:
        """Renstra covering the year, minus any superseded by a revision that also covers it."""
        mencakup = [r for r in self.data.renstra if r.tahun_awal <= self.tahun <= r.tahun_akhir]
        diganti = {r.revisi_dari_id for r in mencakup if r.revisi_dari_id}
        return {r.pk for r in mencakup if r.pk not in diganti}

    def tujuan_berlaku(self, tujuan) -> bool:
        return tujuan.renstra_id in self.renstra_berlaku and tujuan.berlaku_pada(self.tahun)

    def sasaran_berlaku(self, sasaran) -> bool:
        tujuan = self.tujuan.get(sasaran.tujuan_id)
        return tujuan is not None and self.tujuan_berlaku(tujuan) and sasaran.berlaku_pada(self.tahun)

    def renstra_indikator(self, indikator):
        if indikator.tujuan_id and indikator.tujuan_id in self.tujuan:
            return self.renstra.get(self.tujuan[indikator.tujuan_id].renstra_id)
        if indikator.sasaran_id and indikator.sasaran_id in self.sasaran:
            tujuan = self.tujuan.get(self.sasaran[indikator.sasaran_id].tujuan_id)
            return self.renstra.get(tujuan.renstra_id) if tujuan else None
        return None

    def indikator_berlaku(self, indikator) -> bool:
        if indikator.pk in self.baris_terakhir:
            return True
        if indikator.level == "tujuan":
            tujuan = self.tujuan.get(indikator.tujuan_id)
            return tujuan is not None and self.tujuan_berlaku(tujuan)
        if indikator.level == "sasaran":
            sasaran = self.sasaran.get(indikator.sasaran_id)
            return sasaran is not None and self.sasaran_berlaku(sasaran)
        if indikator.level == "program":
            return indikator.program_id in self.program
        if indikator.level == "kegiatan":
            return indikator.kegiatan_id in self.kegiatan
        return indikator.sub_kegiatan_id in self.sub_kegiatan

    def urutan_indikator(self, indikator) -> tuple:
        """Sort key: level, then the parent's place in its tree, then the indicator's own order.

        Parent keys of one level have one shape (a missing parent sorts first), so they always compare.
        """
        if indikator.level == "tujuan":
            induk = self._urut_tujuan(indikator.tujuan_id)
        elif indikator.level == "sasaran":
            s = self.sasaran.get(indikator.sasaran_id)
            induk = (self._urut_tujuan(s.tujuan_id), s.urutan, s.kode) if s else (_URUT_KOSONG, -1, "")
        elif indikator.level == "program":
            induk = (self.posisi_program.get(indikator.program_id, -1),)
        elif indikator.level == "kegiatan":
            induk = self._urut_kegiatan(indikator.kegiatan_id)
        else:
            s = self.sub_kegiatan.get(indikator.sub_kegiatan_id)
            induk = (self._urut_kegiatan(s.kegiatan_id), s.urutan, s.kode) if s else (_URUT_KOSONG, -1, "")
        return (LEVEL_INDIKATOR.index(indikator.level), induk, indikator.urutan, indikator.kode, indikator.pk)

    def objek_anggaran(self, kunci: tuple[str, int]):
        """The Program, Kegiatan or SubKegiatan of a roll-up key; None for the agency total."""
        level, pk = kunci
        per_level = {"program": self.program, "kegiatan": self.kegiatan, "sub_kegiatan": self.sub_kegiatan}
        return per_level[level].get(pk) if level in per_level else None

    def _urut_tujuan(self, tujuan_id) -> tuple:
        t = self.tujuan.get(tujuan_id)
        return (t.renstra_id, t.urutan, t.kode) if t else _URUT_KOSONG

    def _urut_kegiatan(self, kegiatan_id) -> tuple:
        k = self.kegiatan.get(kegiatan_id)
        return (self.posisi_program.get(k.program_id, -1), k.urutan, k.kode) if k else _URUT_KOSONG


_URUT_KOSONG = (-1, -1, "")


def _target(ktx: _Konteks, indikator) -> tuple[Decimal | None, str | None]:
    """Latest PK version with a row for the indicator; else DPA Perubahan, DPA, Renja, Renstra."""
    if indikator.pk in ktx.baris_terakhir:
        pk, baris = ktx.baris_terakhir[indikator.pk]
        return baris.target, nama_pk(pk)
    for dokumen, nama in URUTAN_DOKUMEN_TARGET:
        nilai = ktx.data.target.get((indikator.pk, ktx.tahun, dokumen))
        if nilai is not None:
            return nilai, nama
    nilai = ktx.data.target.get((indikator.pk, ktx.tahun, "renstra"))
    if nilai is not None:
        return nilai, "Renstra"
    return None, None


def _input_tribulan(ktx: _Konteks, indikator, tribulan: int) -> tuple[InputRumus, ...]:
    hasil = []
    for v in ktx.data.variabel.get(indikator.pk, []):
        nv = ktx.data.nilai_variabel.get((v.pk, tribulan))
        if nv is None:
            hasil.append(InputRumus(v.nama, v.label, v.satuan, None, "belum diisi", variabel=v))
        elif nv.tabel_id:
            tabel = ktx.data.tabel.get(nv.tabel_id)
            nilai = ktx.data.jumlah_tabel.get((nv.tabel_id, nv.kolom))
            alasan = (
                None if nilai is not None else f"kolom {nv.kolom} tabel {getattr(tabel, 'kode', '')} kosong"
            )
            hasil.append(InputRumus(v.nama, v.label, v.satuan, nilai, alasan, tabel, nv.kolom, v))
        else:
            hasil.append(InputRumus(v.nama, v.label, v.satuan, nv.nilai, variabel=v))
    return tuple(hasil)


def _realisasi_tribulan(ktx: _Konteks, indikator, tribulan: int) -> RealisasiTribulan:
    desimal = indikator.desimal
    diketik_obj = ktx.data.realisasi.get((indikator.pk, tribulan))
    diketik = _angka(diketik_obj.nilai if diketik_obj else None, desimal, BELUM_ADA_REALISASI)
    if not indikator.rumus:
        return RealisasiTribulan(tribulan, diketik, "diketik" if diketik.ada else None, diketik, None)
    masukan = _input_tribulan(ktx, indikator, tribulan)
    hasil = hitung_rumus(indikator.rumus, {i.nama: i.nilai for i in masukan})
    rumus = Angka(hasil.nilai, desimal) if hasil.nilai is not None else Angka.kosong(hasil.alasan, desimal)
    if rumus.ada:
        return RealisasiTribulan(tribulan, rumus, "rumus", diketik, rumus, masukan)
    if diketik.ada:
        return RealisasiTribulan(tribulan, diketik, "diketik", diketik, rumus, masukan)
    # Neither: say why the formula gave nothing when some input was entered; else nothing was entered.
    ada_input = any(i.nilai is not None for i in masukan)
    alasan = rumus.alasan if ada_input else BELUM_ADA_REALISASI
    return RealisasiTribulan(tribulan, Angka.kosong(alasan, desimal), None, diketik, rumus, masukan)


def capaian_tribulan_dari(
    target: Decimal | None, realisasi: Angka, polaritas: str = "positif", aturan_negatif: str = "2t_minus_r"
) -> Angka:
    """A Tribulan's capaian: its realisasi (as displayed) against its Rencana Aksi target, with the yearly
    rules (polarity, the negative rule)."""
    if target is None:
        return Angka.kosong(RENCANA_AKSI_BELUM_ADA)
    if not realisasi.ada:
        return Angka.kosong(realisasi.alasan or BELUM_ADA_REALISASI)
    return hitung_capaian(target, realisasi.tampil, polaritas, aturan_negatif)


def _rencana_aksi(ktx: _Konteks, indikator, per_tw: Mapping[int, RealisasiTribulan]) -> dict[str, Any]:
    """Each Tribulan's target, capaian and planned action from the indicator's Rencana Aksi.

    A Tribulan's realisasi is the value used for that very Tribulan (typed, or from the formula), the way
    the Rencana Aksi states its target: for a cumulative indicator the value reached by the end of the
    Tribulan, for 'jumlah' the Tribulan's own amount, for 'rata_rata' and 'terakhir' the Tribulan's value.
    Tribulan after the result's own have no capaian yet.
    """
    pk, aksi = ktx.rencana_aksi.get(indikator.pk, (None, {}))
    target, capaian = {}, {}
    for t in TRIBULAN:
        nilai = aksi[t].target if t in aksi else None
        target[t] = (
            Angka(nilai, desimal_alami(nilai))
            if nilai is not None
            else Angka.kosong(RENCANA_AKSI_BELUM_ADA, indikator.desimal)
        )
        if t > ktx.tribulan:
            capaian[t] = Angka.kosong(DI_LUAR_PERIODE)
        else:
            capaian[t] = capaian_tribulan_dari(
                nilai, per_tw[t].nilai, indikator.polaritas, indikator.aturan_negatif
            )
    return {
        "target_tribulan": target,
        "capaian_tribulan": capaian,
        "sumber_target_tribulan": f"Rencana Aksi {nama_pk(pk)}" if pk is not None else None,
        "rencana_aksi": {t: a.uraian for t, a in aksi.items() if a.uraian},
    }


def _hasil_indikator(ktx: _Konteks, indikator, lalu: tuple) -> HasilIndikator:
    n = ktx.tribulan
    desimal = indikator.desimal
    per_tw = {t: _realisasi_tribulan(ktx, indikator, t) for t in TRIBULAN}
    alasan_kosong = per_tw[n].nilai.alasan or BELUM_ADA_REALISASI
    realisasi = agregasi_tahunan(
        {t: r.nilai.nilai for t, r in per_tw.items()},
        indikator.agregasi,
        sampai=n,
        desimal=desimal,
        alasan_kosong=alasan_kosong,
    )
    diketik = agregasi_tahunan(
        {t: r.diketik.nilai for t, r in per_tw.items()}, indikator.agregasi, sampai=n, desimal=desimal
    )
    rumus = None
    if indikator.rumus:
        rumus = agregasi_tahunan(
            {t: r.rumus.nilai for t, r in per_tw.items()},
            indikator.agregasi,
            sampai=n,
            desimal=desimal,
            alasan_kosong=per_tw[n].rumus.alasan or BELUM_ADA_REALISASI,
        )
    sumber = {per_tw[t].sumber for t in range(1, n + 1) if per_tw[t].sumber}
    if str(indikator.agregasi) == "kumulatif":
        sumber = {per_tw[n].sumber} - {None}
    sumber_realisasi = sumber.pop() if len(sumber) == 1 else ("campuran" if sumber else None)
    # The inputs shown with the year's value: those of the requested Tribulan, else the latest entered.
    masukan = per_tw[n].input
    for t in range(n, 0, -1):
        if any(i.nilai is not None for i in per_tw[t].input):
            masukan = per_tw[t].input
            break

    nilai_target, sumber_target = _target(ktx, indikator)
    target = (
        Angka(nilai_target, desimal_alami(nilai_target))
        if nilai_target is not None
        else Angka.kosong(TARGET_BELUM_DITETAPKAN, desimal)
    )
    capaian = hitung_capaian(nilai_target, realisasi.tampil, indikator.polaritas, indikator.aturan_negatif)
    if not realisasi.ada and nilai_target is not None:
        capaian = Angka.kosong(realisasi.alasan or BELUM_ADA_REALISASI)
    if not capaian.ada:
        status = capaian.alasan
    elif not realisasi.lengkap:
        status = REALISASI_BELUM_LENGKAP
    else:
        status = LENGKAP
    if capaian.ada and not realisasi.lengkap:
        capaian = Angka(capaian.nilai, capaian.desimal, lengkap=False)
    return HasilIndikator(
        indikator=indikator,
        level=indikator.level,
        target=target,
        sumber_target=sumber_target,
        realisasi_tw=per_tw,
        realisasi=realisasi,
        realisasi_diketik=diketik,
        realisasi_rumus=rumus,
        sumber_realisasi=sumber_realisasi,
        input=masukan,
        capaian=capaian,
        kategori=kategori_untuk(capaian.tampil, ktx.data.rentang),
        status=status,
        iku=ktx.pk_terakhir is not None
        and indikator.pk in ktx.baris_terakhir
        and ktx.baris_terakhir[indikator.pk][0] is ktx.pk_terakhir,
        realisasi_lalu=lalu,
        **_rencana_aksi(ktx, indikator, per_tw),
    )


def _pohon_anggaran(ktx: _Konteks, dokumen: str) -> MataAnggaran:
    data = ktx.data
    sub_per_kegiatan: dict[int, list] = defaultdict(list)
    for s in data.sub_kegiatan:
        sub_per_kegiatan[s.kegiatan_id].append(s)
    kegiatan_per_program: dict[int, list] = defaultdict(list)
    for k in data.kegiatan:
        kegiatan_per_program[k.program_id].append(k)

    def mata(level: str, obj, anak: tuple) -> MataAnggaran:
        return MataAnggaran(
            (level, obj.pk),
            data.pagu.get((level, obj.pk, dokumen)),
            data.realisasi_anggaran.get((level, obj.pk), {}),
            anak,
            # Spending is planned per sub kegiatan only; the lines above add theirs up.
            data.rencana_penyerapan.get(obj.pk, {}) if level == "sub_kegiatan" else {},
        )

    program = tuple(
        mata(
            "program",
            p,
            tuple(
                mata("kegiatan", k, tuple(mata("sub_kegiatan", s, ()) for s in sub_per_kegiatan[k.pk]))
                for k in kegiatan_per_program[p.pk]
            ),
        )
        for p in data.program
    )
    return MataAnggaran(("opd", data.opd.pk), None, {}, program)


def _hasil_anggaran(ktx: _Konteks, g: Gulungan) -> HasilAnggaran:
    level = g.kunci[0]
    objek = ktx.objek_anggaran(g.kunci)
    n = ktx.tribulan
    pagu = Angka(
        g.pagu.nilai, DESIMAL_RUPIAH, None if g.pagu.nilai is not None else PAGU_BELUM_ADA, g.pagu.lengkap
    )
    realisasi_tw = {
        t: Angka(
            j.nilai,
            DESIMAL_RUPIAH,
            None if j.nilai is not None else BELUM_ADA_REALISASI,
            j.lengkap and j.nilai is not None,
        )
        for t, j in g.realisasi.items()
    }
    terisi = g.realisasi[n].terisi
    if terisi is None:
        penyerapan_terisi = Angka.kosong(BELUM_ADA_REALISASI)
    else:
        penyerapan_terisi = hitung_penyerapan(
            Angka(terisi[0], DESIMAL_RUPIAH), Angka(terisi[1], DESIMAL_RUPIAH)
        )
    rencana_tw = {
        t: Angka(
            j.nilai,
            DESIMAL_RUPIAH,
            None if j.nilai is not None else RENCANA_PENYERAPAN_BELUM_ADA,
            j.lengkap and j.nilai is not None,
        )
        for t, j in g.rencana.items()
    }
    persen_rencana_tw = {t: hitung_terhadap_rencana(rencana_tw[t], realisasi_tw[t]) for t in rencana_tw}
    if level == "opd":
        kode, nama = ktx.data.opd.kode, ktx.data.opd.nama
    else:
        kode, nama = objek.kode, objek.nama
    return HasilAnggaran(
        objek=objek,
        level=level,
        kode=kode,
        nama=nama,
        pagu=pagu,
        realisasi=realisasi_tw[n],
        realisasi_tw=realisasi_tw,
        penyerapan=hitung_penyerapan(pagu, realisasi_tw[n]),
        penyerapan_terisi=penyerapan_terisi,
        penyerapan_tw={t: hitung_penyerapan(pagu, realisasi_tw[t]) for t in TRIBULAN},
        tanpa_pagu=tuple(ktx.objek_anggaran(k) for k in g.pagu.kosong if k[0] != "opd"),
        tanpa_realisasi=tuple(ktx.objek_anggaran(k) for k in g.realisasi[n].kosong if k[0] != "opd"),
        pagu_sendiri=g.pagu.sendiri,
        pagu_anak=g.pagu.anak,
        realisasi_sendiri={t: j.sendiri for t, j in g.realisasi.items()},
        realisasi_anak={t: j.anak for t, j in g.realisasi.items()},
        anak=tuple(_hasil_anggaran(ktx, a) for a in g.anak),
        rencana_tw=rencana_tw,
        persen_rencana_tw=persen_rencana_tw,
        rencana=rencana_tw[n],
        persen_rencana=persen_rencana_tw[n],
    )


def _jumlah_program(program: Sequence[HasilAnggaran], atribut: str, alasan: str) -> Angka:
    nilai = [getattr(p, atribut) for p in program]
    ada = [a for a in nilai if a.ada]
    if not ada:
        return Angka.kosong(alasan, DESIMAL_RUPIAH)
    total = sum((a.nilai for a in ada), Decimal(0))
    return Angka(total, DESIMAL_RUPIAH, lengkap=len(ada) == len(nilai) and all(a.lengkap for a in ada))


def hitung_dari_data(data: DataOPD, *, tribulan: int = 4) -> HasilOPD:
    """The year's figures from loaded data. No queries; each part is computed when first read."""
    return HasilOPD(data, tribulan)


def _berlaku_renstra(ktx: _Konteks, h: HasilIndikator) -> bool:
    i = h.indikator
    if i.level == "tujuan":
        t = ktx.tujuan.get(i.tujuan_id)
        return t is not None and ktx.tujuan_berlaku(t)
    s = ktx.sasaran.get(i.sasaran_id)
    return s is not None and ktx.sasaran_berlaku(s)


def _program_kegiatan(ktx: _Konteks, objek, level: str, indikator: list) -> HasilProgramKegiatan:
    capaian = rata_rata([h.capaian for h in indikator])
    return HasilProgramKegiatan(
        objek, level, tuple(indikator), capaian, kategori_untuk(capaian.tampil, ktx.data.rentang)
    )


def _hasil_sasaran(ktx, sasaran, indikator, program, pk_terkait) -> HasilSasaran:
    capaian = rata_rata([h.capaian for h in indikator])
    pagu = _jumlah_program(program, "pagu", PAGU_BELUM_ADA)
    realisasi = _jumlah_program(program, "realisasi", BELUM_ADA_REALISASI)
    penyerapan = (
        hitung_penyerapan(pagu, realisasi) if program else Angka.kosong("tidak ada program pendukung")
    )
    return HasilSasaran(
        sasaran=sasaran,
        indikator=tuple(indikator),
        capaian=capaian,
        kategori=kategori_untuk(capaian.tampil, ktx.data.rentang),
        program=program,
        pagu=pagu,
        realisasi_anggaran=realisasi,
        penyerapan=penyerapan,
        efisiensi=selisih_persen(capaian, penyerapan, "efisiensi tidak dapat dihitung"),
        program_kegiatan=pk_terkait,
    )


def _kemajuan(ktx: _Konteks, h: HasilIndikator) -> HasilKemajuan:
    renstra = ktx.renstra_indikator(h.indikator)
    tahun_akhir = renstra.tahun_akhir if renstra else None
    nilai = ktx.data.target.get((h.indikator.pk, tahun_akhir, "renstra")) if renstra else None
    target = (
        Angka(nilai, desimal_alami(nilai))
        if nilai is not None
        else Angka.kosong("target akhir Renstra belum ditetapkan", h.indikator.desimal)
    )
    persen = hitung_capaian(nilai, h.realisasi.tampil, h.indikator.polaritas, h.indikator.aturan_negatif)
    if nilai is None:
        persen = Angka.kosong("target akhir Renstra belum ditetapkan")
    elif not h.realisasi.ada:
        persen = Angka.kosong(h.realisasi.alasan or BELUM_ADA_REALISASI)
    return HasilKemajuan(h, tahun_akhir, target, persen)


def _standar(ktx: _Konteks, standar, h: HasilIndikator) -> HasilStandar:
    variabel = None
    if standar.variabel_id:
        masukan = next(
            (i for i in h.input if i.variabel is not None and i.variabel.pk == standar.variabel_id), None
        )
        variabel = masukan.variabel if masukan else None
        nilai = masukan.angka if masukan else Angka.kosong("input formula belum diisi")
    else:
        nilai = h.realisasi
    pembanding = Angka(standar.nilai, desimal_indikator(standar.nilai, h.indikator.desimal))
    persen = hitung_capaian(standar.nilai, nilai.tampil, h.indikator.polaritas, h.indikator.aturan_negatif)
    if not nilai.ada:
        persen = Angka.kosong(nilai.alasan or BELUM_ADA_REALISASI)
    return HasilStandar(standar, h, variabel, nilai, pembanding, persen)
