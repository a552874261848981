"""The organisation chart of BAB I (1.2), drawn as SVG from the OPD's units (`inti.UnitOrganisasi`).

Layout: the head unit on top; the units under it side by side in columns joined by a horizontal bus;
every deeper unit stacked below its column's box, indented one step per level, hung on a vertical line
from its parent. A box holds the unit's name (bold) and its head's title, both word-wrapped to the box, so
the chart is as tall as its texts need and as wide as a portrait A4 page; no text is ever cut.
With several top units (no single head) the top units are the columns.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lkjip.laporan.grafik import SPASI_BARIS, Grafik, bungkus

LEBAR = 640  # the width of the other charts: the page scales them alike
TEPI = 4
CELAH_KOLOM = 6
CELAH_TINGKAT = 26  # vertical room for the connectors between the head and the columns
CELAH_SUSUN = 10  # between two stacked boxes
INDEN = 8  # each deeper level, inside its column
LEBAR_KEPALA = 260
PADDING = 3
UKURAN_NAMA = 10
UKURAN_JABATAN = 8.5
WARNA_GARIS = "#555"
WARNA_KOTAK = "#eef3f8"
WARNA_TEPI = "#2f6f9f"


@dataclass
class _Kotak:
    """One unit's box: its place, its wrapped lines and its children."""

    unit: object
    anak: list[_Kotak] = field(default_factory=list)
    x: float = 0
    y: float = 0
    lebar: float = 0
    nama: list[str] = field(default_factory=list)
    jabatan: list[str] = field(default_factory=list)

    def bungkus(self, lebar: float) -> None:
        self.lebar = lebar
        isi = lebar - 2 * PADDING
        self.nama = bungkus(self.unit.nama, isi, UKURAN_NAMA, tebal=True)
        jabatan = (self.unit.jabatan_kepala or "").strip()
        self.jabatan = bungkus(jabatan, isi, UKURAN_JABATAN) if jabatan else []

    @property
    def tinggi(self) -> float:
        teks = len(self.nama) * UKURAN_NAMA * SPASI_BARIS + len(self.jabatan) * UKURAN_JABATAN * SPASI_BARIS
        return teks + 2 * PADDING

    @property
    def bawah(self) -> float:
        return self.y + self.tinggi

    @property
    def tengah(self) -> float:
        return self.x + self.lebar / 2


def _pohon(unit: Iterable) -> list[_Kotak]:
    """The units as trees, children in their `urutan` order; a unit whose parent is missing is a root."""
    unit = sorted(unit, key=lambda u: (u.urutan, u.pk or 0))
    kotak = {u.pk: _Kotak(u) for u in unit}
    akar: list[_Kotak] = []
    anak: dict[int, list[_Kotak]] = defaultdict(list)
    for u in unit:
        if u.induk_id is not None and u.induk_id in kotak:
            anak[u.induk_id].append(kotak[u.pk])
        else:
            akar.append(kotak[u.pk])
    for pk, k in kotak.items():
        k.anak = anak.get(pk, [])
    return akar


def _susun(kotak: _Kotak, x: float, y: float, lebar: float) -> float:
    """Place a box and, stacked below it and indented, all its descendants; return the lowest edge."""
    kotak.x, kotak.y = x, y
    kotak.bungkus(lebar)
    bawah = kotak.bawah
    for a in kotak.anak:
        bawah = _susun(a, x + INDEN, bawah + CELAH_SUSUN, lebar - INDEN)
    return bawah


def _gambar(kotak: _Kotak) -> str:
    """The box, its texts, the connectors to its stacked children, then those children."""
    langkah_nama = UKURAN_NAMA * SPASI_BARIS
    langkah_jabatan = UKURAN_JABATAN * SPASI_BARIS
    x_teks = kotak.tengah
    y = kotak.y + PADDING + UKURAN_NAMA
    tspan = []
    for b in kotak.nama:
        tspan.append(f'<tspan x="{x_teks:.1f}" y="{y:.1f}">{escape(b)}</tspan>')
        y += langkah_nama
    nama = f'<text font-size="{UKURAN_NAMA}" font-weight="bold" text-anchor="middle">{"".join(tspan)}</text>'
    jabatan = ""
    if kotak.jabatan:
        y += UKURAN_JABATAN - UKURAN_NAMA
        tspan = []
        for b in kotak.jabatan:
            tspan.append(f'<tspan x="{x_teks:.1f}" y="{y:.1f}">{escape(b)}</tspan>')
            y += langkah_jabatan
        jabatan = (
            f'<text font-size="{UKURAN_JABATAN}" font-style="italic" text-anchor="middle">{"".join(tspan)}</text>'
        )
    bagian = [
        f'<g class="unit"><title>{escape(kotak.unit.nama)}</title>'
        f'<rect x="{kotak.x:.1f}" y="{kotak.y:.1f}" width="{kotak.lebar:.1f}" height="{kotak.tinggi:.1f}" '
        f'rx="3" fill="{WARNA_KOTAK}" stroke="{WARNA_TEPI}"/>{nama}{jabatan}</g>'
    ]
    if kotak.anak:
        x_garis = kotak.x + INDEN / 2
        terakhir = kotak.anak[-1]
        bagian.append(_garis(x_garis, kotak.bawah, x_garis, terakhir.y + min(terakhir.tinggi / 2, 14)))
        for a in kotak.anak:
            y_cabang = a.y + min(a.tinggi / 2, 14)
            bagian.append(_garis(x_garis, y_cabang, a.x, y_cabang))
    bagian += [_gambar(a) for a in kotak.anak]
    return "".join(bagian)


def _garis(x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{WARNA_GARIS}"/>'


def bagan_organisasi(opd, unit: Iterable) -> Grafik | None:
    """The chart of the OPD's units, or None when it has none recorded."""
    akar = _pohon(unit)
    if not akar:
        return None
    kepala = akar[0] if len(akar) == 1 else None
    kolom = kepala.anak if kepala is not None else akar
    isi: list[str] = []
    atas = float(TEPI)
    if kepala is not None:
        kepala.x = (LEBAR - LEBAR_KEPALA) / 2
        kepala.y = atas
        kepala.bungkus(LEBAR_KEPALA)
        kepala.anak = []  # its children are the columns, drawn below with the bus
        atas = kepala.bawah + CELAH_TINGKAT
    bawah = atas
    if kolom:
        lebar_kolom = (LEBAR - 2 * TEPI - (len(kolom) - 1) * CELAH_KOLOM) / len(kolom)
        for i, k in enumerate(kolom):
            bawah = max(bawah, _susun(k, TEPI + i * (lebar_kolom + CELAH_KOLOM), atas, lebar_kolom))
    if kepala is not None:
        isi.append(_gambar(kepala))
        if kolom:
            bus = kepala.bawah + CELAH_TINGKAT / 2
            isi.append(_garis(kepala.tengah, kepala.bawah, kepala.tengah, bus))
            isi.append(_garis(min(kolom[0].tengah, kepala.tengah), bus, max(kolom[-1].tengah, kepala.tengah), bus))
            isi += [_garis(k.tengah, bus, k.tengah, k.y) for k in kolom]
    isi += [_gambar(k) for k in kolom]
    tinggi = round(bawah + TEPI)
    judul = f"Bagan Struktur Organisasi {opd.nama}"
    svg = mark_safe(  # noqa: S308 - every text inside is escaped where it is built
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEBAR} {tinggi}" width="{LEBAR}" '
        f'height="{tinggi}" role="img" aria-label="{escape(judul)}" class="grafik-svg bagan-organisasi" '
        f'font-family="DejaVu Sans, sans-serif">'
        f"<title>{escape(judul)}</title>" + "".join(isi) + "</svg>"
    )
    return Grafik("bagan_organisasi", judul, SafeString(svg), "Disusun dari data susunan organisasi perangkat daerah.")
