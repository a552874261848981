"""The capaian tables (django-tables2): rows built from engine results, sorted on computed values.

Every row is a small dataclass around one engine result (`HasilIndikator`, `HasilAnggaran`, or an OPD's
`HasilOPD`), so a column shows, filters and sorts exactly the figure the engine gave. Sorting uses the
full-precision Decimal of a figure (never its text) and puts rows without a figure last in either
direction; `DataBaris` does that in place of django-tables2's list sorting, which compares through
the accessor on every comparison and mixes None with zero.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
from typing import Any
from urllib.parse import urlencode

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django_tables2.data import TableListData
from django_tables2.utils import Accessor, OrderBy

from capaian.engine import LEVEL_INDIKATOR, HasilAnggaran, HasilIndikator, HasilOPD, kategori_untuk, rata_rata
from inti.tampilan import KOSONG, Angka
from renstra.models import Indikator

LABEL_LEVEL = {**dict(Indikator.Level.choices), "opd": "OPD"}
URUTAN_LEVEL = {level: i for i, level in enumerate(LEVEL_INDIKATOR)}
PER_HALAMAN = 25


# --------------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------------


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

    @property
    def satuan(self) -> str:
        return self.hasil.satuan

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
    return [BarisIndikator(h.opd, h.tahun, i) for h in semua_hasil for i in h.indikator]


def baris_anggaran(semua_hasil: Iterable[HasilOPD]) -> list[BarisAnggaran]:
    return [BarisAnggaran(h.opd, h.tahun, a) for h in semua_hasil for a in h.baris_anggaran()]


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
# Sorting
# --------------------------------------------------------------------------------------------


def kunci_urut(nilai: Any) -> Any:
    """What a value sorts by: an Angka by its Decimal, text without case; None when missing."""
    if isinstance(nilai, Angka):
        return nilai.nilai
    if isinstance(nilai, str):
        return nilai.casefold() if nilai else None
    return nilai


class DataBaris(TableListData):
    """A list of rows sorted on computed values, rows without a value last in both directions."""

    def order_by(self, aliases):
        urutan: list[OrderBy] = []
        for alias in aliases:
            kolom = self.table.columns[OrderBy(alias).bare]
            # As django-tables2 does: the column's order_by carries the table's current direction.
            urutan += kolom.order_by.opposite if alias[0] != kolom.order_by_alias[0] else kolom.order_by
        data = list(self.data)
        # Least significant key first; Python's sort is stable, so earlier keys survive later ones.
        for ob in reversed(urutan):
            accessor = Accessor(ob.bare)
            berkunci = [(kunci_urut(accessor.resolve(b, quiet=True)), b) for b in data]
            ada = [x for x in berkunci if x[0] is not None]
            ada.sort(key=itemgetter(0), reverse=ob.is_descending)
            data = [b for _, b in ada] + [b for k, b in berkunci if k is None]
        self.data = data


# --------------------------------------------------------------------------------------------
# Columns
# --------------------------------------------------------------------------------------------


def html_angka(angka: Angka, *, jenis: str = "angka", url: str | None = None):
    """An engine figure in Indonesian format; "–" with the reason in its title when missing."""
    if not angka.ada:
        isi = format_html(
            '<span class="text-body-secondary" title="{}">{}</span>', angka.alasan or "", KOSONG
        )
    else:
        teks = angka.rupiah if jenis == "rupiah" else angka.teks
        if angka.lengkap:
            isi = format_html("{}", teks)
        else:
            isi = format_html('{}<sup title="belum lengkap">*</sup>', teks)
    if url:
        return format_html('<a href="{}" class="link-underline link-underline-opacity-25">{}</a>', url, isi)
    return isi


KANAN = {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}}


class KolomAngka(tables.Column):
    """An `Angka` column; `tautan=True` links the figure to the row's drill-down (`record.url`)."""

    def __init__(self, *args, jenis: str = "angka", tautan: bool = False, **kwargs):
        self.jenis, self.tautan = jenis, tautan
        kwargs.setdefault("attrs", KANAN)
        super().__init__(*args, **kwargs)

    def render(self, value, record):
        return html_angka(value, jenis=self.jenis, url=record.url if self.tautan else None)


class KolomTeks(tables.Column):
    """Text that may be missing: "–" instead of django-tables2's em dash, for one look across the site."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", KOSONG)
        super().__init__(*args, **kwargs)


class MetaTabel:
    template_name = "capaian/tabel/_tabel.html"
    attrs = {"class": "table table-sm table-hover align-middle tabel-capaian"}
    per_page = PER_HALAMAN


class TabelIndikator(tables.Table):
    opd = tables.Column("OPD", accessor="opd_singkat", attrs={"td": {"class": "text-nowrap"}})
    level = tables.Column("Level", accessor="level_label", order_by=("level_urut",))
    kode = tables.Column("Kode", attrs={"td": {"class": "text-nowrap"}})
    nama = tables.Column("Indikator", linkify=lambda record: record.url)
    satuan = KolomTeks("Satuan")
    target = KolomAngka("Target")
    realisasi = KolomAngka("Realisasi", tautan=True)
    capaian = KolomAngka("Capaian (%)", tautan=True)
    kategori = KolomTeks("Kategori")
    status = tables.Column("Status")

    class Meta(MetaTabel):
        empty_text = "Tidak ada indikator yang sesuai dengan filter."

    def render_status(self, value, record):
        kelas = "text-bg-success" if record.hasil.lengkap else "text-bg-light border"
        return format_html('<span class="badge {}">{}</span>', kelas, value)


class TabelAnggaran(tables.Table):
    opd = tables.Column("OPD", accessor="opd_singkat", attrs={"td": {"class": "text-nowrap"}})
    level = tables.Column("Level", accessor="level_label", order_by=("level_urut",))
    kode = tables.Column("Kode", attrs={"td": {"class": "text-nowrap"}})
    nama = tables.Column("Program / kegiatan / sub kegiatan", linkify=lambda record: record.url)
    pagu = KolomAngka("Pagu", jenis="rupiah", tautan=True)
    realisasi = KolomAngka("Realisasi", jenis="rupiah", tautan=True)
    penyerapan = KolomAngka("Penyerapan (%)", tautan=True)

    class Meta(MetaTabel):
        empty_text = "Tidak ada mata anggaran yang sesuai dengan filter."


class KolomJumlah(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", KANAN)
        super().__init__(*args, **kwargs)


class TabelPemda(tables.Table):
    """The Pemda overview; one count column per category is added by `tabel_pemda`."""

    opd = tables.Column("OPD", accessor="opd_nama", linkify=lambda record: record.url_opd)
    capaian_iku = tables.Column("Capaian IKU (%)", attrs=KANAN)
    kategori_iku = KolomTeks("Kategori IKU")
    jumlah_indikator = KolomJumlah("Indikator")
    pagu = tables.Column("Pagu", attrs=KANAN)
    realisasi = tables.Column("Realisasi", attrs=KANAN)
    penyerapan = tables.Column("Penyerapan (%)", attrs=KANAN)
    penyerapan_terisi = tables.Column("Penyerapan mata anggaran terisi (%)", attrs=KANAN)
    jumlah_temuan = KolomJumlah("Temuan")

    class Meta(MetaTabel):
        per_page = 100
        empty_text = "Belum ada OPD di Pemda ini."

    def render_capaian_iku(self, value, record):
        return html_angka(value, url=record.url_iku)

    def render_pagu(self, value, record):
        return html_angka(value, jenis="rupiah", url=record.url_anggaran)

    def render_realisasi(self, value, record):
        return html_angka(value, jenis="rupiah", url=record.url_anggaran)

    def render_penyerapan(self, value, record):
        return html_angka(value)

    def render_penyerapan_terisi(self, value, record):
        return html_angka(value)


def tabel_pemda(data: DataBaris, kategori: Sequence[str]) -> TabelPemda:
    tambahan = [
        (f"kategori_{i}", KolomJumlah(nama, accessor=f"per_kategori__{i}")) for i, nama in enumerate(kategori)
    ]
    tambahan.append(("tanpa_kategori", KolomJumlah("Tanpa kategori")))
    urutan = ("opd", "capaian_iku", "kategori_iku", "jumlah_indikator", *(n for n, _ in tambahan), "...")
    return TabelPemda(data, extra_columns=tambahan, sequence=urutan)
