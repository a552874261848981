"""The capaian tables (django-tables2) over the rows `capaian.selectors.tabel` builds from engine results.

Every row is a small dataclass around one engine result, so a column shows and sorts exactly the figure
the engine gave. Sorting uses the full-precision Decimal of a figure (never its text) and puts rows without
a figure last in either direction; `DataBaris` does that in place of django-tables2's list sorting, which
compares through the accessor on every comparison and mixes None with zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Any

import django_tables2 as tables
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django_tables2.data import TableListData
from django_tables2.utils import Accessor, OrderBy, signature

from capaian.engine import siapkan_nilai
from inti.tampilan import KOSONG, Angka

PER_HALAMAN = 25


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


class SelCepat:
    """The page's cells without django-tables2's per-cell machinery.

    django-tables2 renders each cell through a generic path (an accessor parsed anew, model checks, the
    render method's signature inspected): for a page of 25 rows and 10 columns that was most of the time of
    a table page not yet cached. `sel_halaman` gives the same HTML (tests/tabel/test_sel_cepat.py compares
    it cell by cell) with what each column needs worked out once per page. Column attributes must not be
    computed per row (none of the capaian tables' are).
    """

    def _penyaji(self, bc):
        kolom = bc.column
        accessor = Accessor(bc.accessor)
        render = bc.render
        nama_arg, catch_all = signature(render)
        link = bc.link

        def sajikan(baris) -> str:
            record = baris.record
            value = accessor.resolve(record, quiet=True)
            if value in kolom.empty_values:
                return conditional_escape(bc.default)
            kw = {
                "value": value,
                "record": record,
                "column": kolom,
                "bound_column": bc,
                "bound_row": baris,
                "table": self,
            }
            isi = render(**(kw if catch_all else {k: kw[k] for k in nama_arg}))
            if link:
                isi = link(isi, **kw)
            return conditional_escape(localize(isi))

        return sajikan

    def sel_halaman(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """[(the row's attributes, [(a cell's attributes, its HTML), ...]), ...] of the page's rows."""
        kolom = [(bc.attrs["td"].as_html(), self._penyaji(bc)) for bc in self.columns]
        return [
            (baris.attrs.as_html(), [(attrs, sajikan(baris)) for attrs, sajikan in kolom])
            for baris in self.paginated_rows
        ]


class MetaTabel:
    template_name = "capaian/tabel/_tabel.html"
    attrs = {"class": "table table-sm table-hover align-middle tabel-capaian"}
    per_page = PER_HALAMAN


KOLOM_TRIBULAN = ("target_tw", "realisasi_tw", "capaian_tw")


class TabelIndikator(SelCepat, tables.Table):
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
    # Shown when a Tribulan is chosen (filter "Rencana Aksi"): that Tribulan against its own target.
    target_tw = KolomAngka("Target TW")
    realisasi_tw = KolomAngka("Realisasi TW", tautan=True)
    capaian_tw = KolomAngka("Capaian TW (%)", tautan=True)

    class Meta(MetaTabel):
        empty_text = "Tidak ada indikator yang sesuai dengan filter."

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        baris = list(self.data)
        tribulan = baris[0].tribulan if baris else None
        for nama in KOLOM_TRIBULAN:
            if tribulan is None:
                self.columns.hide(nama)
            else:
                kolom = self.columns[nama].column  # this table's own copy of the column
                kolom.verbose_name = kolom.verbose_name.replace("TW", f"TW {tribulan}")

    def render_status(self, value, record):
        kelas = "text-bg-success" if record.hasil.lengkap else "text-bg-light border"
        return format_html('<span class="badge {}">{}</span>', kelas, value)


class TabelAnggaran(SelCepat, tables.Table):
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


# --------------------------------------------------------------------------------------------
# Sorting and paging from the query string
# --------------------------------------------------------------------------------------------


def _urutan(table, query) -> None:
    urutan = query.getlist(table.prefixed_order_by_field)
    if urutan:
        table.order_by = urutan


def atur_tabel(table, query, *, per_halaman: int = PER_HALAMAN):
    """Sort and page a table from the query string; the page size is the site's, not the URL's."""
    _urutan(table, query)
    try:
        table.paginate(page=query.get(table.prefixed_page_field, 1), per_page=per_halaman)
    except PageNotAnInteger:
        table.page = table.paginator.page(1)
    except EmptyPage:
        table.page = table.paginator.page(table.paginator.num_pages)
    # Rows that compute their figures when read: the values of the page's OPDs are read together first.
    sumber: dict[str, dict[int, Any]] = {}
    for baris in table.page.object_list:
        hasil = getattr(getattr(baris, "record", baris), "hasil", None)
        hasil_opd = getattr(hasil, "hasil_opd", None)
        if hasil_opd is not None:
            sumber.setdefault(hasil.grup_nilai, {})[id(hasil_opd)] = hasil_opd
    for grup, daftar in sumber.items():
        siapkan_nilai(daftar.values(), grup)
    return table


def urut_semua(table, query) -> list:
    """The table's rows in the order the page shows, every page: what an export writes."""
    _urutan(table, query)
    return list(table.data)
