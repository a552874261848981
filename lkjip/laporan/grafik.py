"""Charts of the LKjIP as server-side SVG: the same markup in the web page and in the PDF.

Every number a chart prints comes from the engine (`Angka.teks`); bar lengths are drawing coordinates
derived from those displayed values, floats only because SVG coordinates are floats.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from capaian.engine import BarisTahunLalu, HasilAnggaran, HasilOPD
from inti.tampilan import Angka

LEBAR = 640
TINGGI_BATANG = 22
JARAK_BATANG = 16
KIRI = 230  # room for the labels
KANAN = 70  # room for the value printed after a bar
WARNA = "#2f6f9f"
WARNA_KURANG = "#c0504d"
WARNA_GARIS = "#555"


@dataclass(frozen=True)
class Grafik:
    kunci: str
    judul: str
    svg: SafeString
    keterangan: str = ""
    nomor: str = ""

    @property
    def id(self) -> str:
        return f"grafik-{self.kunci.replace('_', '-')}"

    @property
    def label(self) -> str:
        return f"Gambar {self.nomor}" if self.nomor else ""


# Average advance of a DejaVu Sans glyph, in em, measured on the report's texts (the widest letters of
# the Indonesian titles make bold text about 0.62 em): a little more, so an estimate never falls short.
LEBAR_HURUF = 0.6
LEBAR_HURUF_TEBAL = 0.66
SPASI_BARIS = 1.25  # line height, in font sizes


def lebar_teks(teks: str, ukuran: float, *, tebal: bool = False) -> float:
    """The estimated width of a text line in SVG units: nothing measures text on the server."""
    return len(teks) * ukuran * (LEBAR_HURUF_TEBAL if tebal else LEBAR_HURUF)


def bungkus(teks: str, lebar: float, ukuran: float, *, tebal: bool = False) -> list[str]:
    """Word-wrap a text into lines that fit `lebar` at the estimated glyph width; never cut.

    A single word wider than the line is split, so that no line runs into its neighbour."""
    muat = max(1, int(lebar / (ukuran * (LEBAR_HURUF_TEBAL if tebal else LEBAR_HURUF))))
    return textwrap.wrap(teks, muat, break_long_words=True, break_on_hyphens=False) or [""]


def _teks_baris(baris: list[str], x: float, y: float, ukuran: float, atribut: str = "") -> str:
    """Lines as one <text> of <tspan>s, the first baseline at y."""
    langkah = ukuran * SPASI_BARIS
    tspan = "".join(
        f'<tspan x="{x:.1f}" y="{y + i * langkah:.1f}">{escape(b)}</tspan>' for i, b in enumerate(baris)
    )
    return f'<text font-size="{ukuran:g}"{atribut}>{tspan}</text>'


UKURAN_LABEL = 11
LEBAR_LABEL = KIRI - 14  # a bar label is right-aligned 8 units left of the axis, 6 from the edge


def _svg(lebar: int, tinggi: int, isi: list[str], judul: str) -> SafeString:
    return mark_safe(  # noqa: S308 - every text inside is escaped where it is built
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" width="{lebar}" '
        f'height="{tinggi}" role="img" aria-label="{escape(judul)}" class="grafik-svg" '
        f'font-family="DejaVu Sans, sans-serif" font-size="11">'
        f"<title>{escape(judul)}</title>" + "".join(isi) + "</svg>"
    )


def _batang_persen(kunci: str, judul: str, baris: list[tuple[str, Angka]], keterangan: str) -> Grafik:
    """Horizontal bars of percentages with a dashed reference line at 100%.

    A label takes as many lines as it needs, and its row grows to hold them: nothing is cut."""
    nilai = [a.tampil for _, a in baris if a.ada]
    skala = max([Decimal(100), *nilai]) * Decimal("1.05")
    area = LEBAR - KIRI - KANAN
    langkah = UKURAN_LABEL * SPASI_BARIS

    def x(v: Decimal) -> float:
        return KIRI + float(v / skala) * area

    isi = []
    y = 20.0
    for label, a in baris:
        baris_label = bungkus(label, LEBAR_LABEL, UKURAN_LABEL)
        tinggi_baris = max(TINGGI_BATANG, len(baris_label) * langkah)
        pusat = y + tinggi_baris / 2
        atas_batang = pusat - TINGGI_BATANG / 2
        garis_dasar = pusat + UKURAN_LABEL * 0.35
        awal_label = garis_dasar - (len(baris_label) - 1) * langkah / 2
        isi.append(_teks_baris(baris_label, KIRI - 8, awal_label, UKURAN_LABEL, ' text-anchor="end"'))
        if a.ada:
            lebar = max(x(max(a.tampil, Decimal(0))) - KIRI, 0.5)
            warna = WARNA if a.tampil >= 100 else WARNA_KURANG
            isi.append(
                f'<rect x="{KIRI}" y="{atas_batang:.1f}" width="{lebar:.1f}" height="{TINGGI_BATANG}" '
                f'fill="{warna}"/>'
                f'<text x="{KIRI + lebar + 4:.1f}" y="{garis_dasar:.1f}">{escape(a.persen)}</text>'
            )
        else:
            alasan = bungkus(f"– ({a.alasan or 'tidak ada data'})", LEBAR - KIRI - 10, UKURAN_LABEL)
            awal = garis_dasar - (len(alasan) - 1) * langkah / 2
            isi.append(_teks_baris(alasan, KIRI + 4, awal, UKURAN_LABEL, ' fill="#777"'))
        y += tinggi_baris + JARAK_BATANG
    garis = x(Decimal(100))
    bawah = y - JARAK_BATANG + 12
    tinggi = round(bawah + 18)
    isi.append(
        f'<line x1="{garis:.1f}" y1="12" x2="{garis:.1f}" y2="{bawah:.1f}" stroke="{WARNA_GARIS}" '
        f'stroke-dasharray="4 3"/>'
        f'<text x="{garis:.1f}" y="{bawah + 13:.1f}" text-anchor="middle">100%</text>'
        f'<line x1="{KIRI}" y1="12" x2="{KIRI}" y2="{bawah:.1f}" stroke="{WARNA_GARIS}"/>'
    )
    return Grafik(kunci, judul, _svg(LEBAR, tinggi, isi, judul), keterangan)


def grafik_capaian_iku(hasil: HasilOPD) -> Grafik:
    """Capaian of each IKU of the latest PK against 100%."""
    baris = [(b.hasil.nama, b.hasil.capaian) for b in hasil.iku]
    return _batang_persen(
        "capaian_iku",
        f"Capaian Indikator Kinerja Utama Tahun {hasil.tahun} terhadap Target (100%)",
        baris,
        "Batang merah: capaian di bawah 100%; garis putus-putus: target.",
    )


def grafik_penyerapan(hasil: HasilOPD) -> Grafik:
    """Budget absorption of each program."""
    program: list[HasilAnggaran] = list(hasil.anggaran.anak)
    return _batang_persen(
        "penyerapan",
        f"Penyerapan Anggaran per Program Tahun {hasil.tahun}",
        [(p.nama.title(), p.penyerapan) for p in program],
        "Penyerapan = realisasi / pagu × 100; program tanpa realisasi ditandai “–”.",
    )


def _seri(b: BarisTahunLalu, tahun: int) -> list[tuple[int, Angka]]:
    seri = sorted(b.nilai.items())
    if b.hasil is not None and b.hasil.realisasi.ada:
        seri.append((tahun, b.hasil.realisasi))
    return [(th, a) for th, a in seri if a.ada]


KOLOM_PANEL = 3
CELAH_PANEL = 8  # between two panels, so their frames never touch
PADDING_PANEL = 6
UKURAN_JUDUL_PANEL = 10
UKURAN_NILAI = 9
TINGGI_AREA_PANEL = 80  # the tallest bar of a panel


@dataclass(frozen=True)
class _Panel:
    """One small chart of `grafik_tahun_lalu`: its wrapped title and its bars, before placing."""

    judul: list[str]
    seri: list[tuple[int, Angka]]
    lebar_batang: int
    bertingkat: bool  # value labels too wide for their bar alternate between two heights

    @property
    def tinggi_perlu(self) -> float:
        judul = len(self.judul) * UKURAN_JUDUL_PANEL * SPASI_BARIS
        ruang_nilai = (2 if self.bertingkat else 1) * (UKURAN_NILAI + 3) + 3
        return PADDING_PANEL + judul + 4 + ruang_nilai + TINGGI_AREA_PANEL + 20 + CELAH_PANEL


def _panel(b: BarisTahunLalu, seri: list[tuple[int, Angka]], lebar_sel: float) -> _Panel:
    satuan = f" ({b.indikator.satuan})" if b.indikator.satuan else ""
    lebar_judul = lebar_sel - CELAH_PANEL - 2 * PADDING_PANEL
    judul = bungkus(b.indikator.nama + satuan, lebar_judul, UKURAN_JUDUL_PANEL, tebal=True)
    lebar_batang = int(min(36, (lebar_sel - 20) // max(len(seri), 1) - 8))
    jarak = lebar_batang + 8
    lebar_nilai = [lebar_teks(a.teks, UKURAN_NILAI) for _, a in seri]
    bertingkat = any(
        (kiri + kanan) / 2 + 3 > jarak for kiri, kanan in zip(lebar_nilai, lebar_nilai[1:], strict=False)
    )
    return _Panel(judul, seri, lebar_batang, bertingkat)


def grafik_tahun_lalu(hasil: HasilOPD) -> Grafik | None:
    """Each indicator of Tabel 3.3 over the years that have a value: one small bar chart per indicator.

    Panels sit in a grid of three columns; a title wraps onto as many lines as it needs and each grid row
    is as tall as its tallest panel, so no title is cut and no panel runs into another. Every panel's
    frame is a `<rect class="panel">`: its box is in the markup.
    """
    kelompok = [(b, _seri(b, hasil.tahun)) for b in hasil.tahun_lalu]
    kelompok = [(b, s) for b, s in kelompok if s]
    if not kelompok:
        return None
    lebar_sel = LEBAR / KOLOM_PANEL
    panel = [_panel(b, seri, lebar_sel) for b, seri in kelompok]
    isi = []
    y0 = 0.0
    for awal in range(0, len(panel), KOLOM_PANEL):
        sebaris = panel[awal : awal + KOLOM_PANEL]
        tinggi_sel = max(p.tinggi_perlu for p in sebaris)
        for k, p in enumerate(sebaris):
            isi.append(_gambar_panel(p, k * lebar_sel, y0, lebar_sel, tinggi_sel, hasil.tahun))
        y0 += tinggi_sel
    judul = f"Realisasi Indikator pada Tahun-Tahun Sebelumnya dan Tahun {hasil.tahun}"
    return Grafik(
        "tahun_lalu",
        judul,
        _svg(LEBAR, round(y0), isi, judul),
        f"Batang jingga: realisasi tahun {hasil.tahun}; skala tiap grafik tersendiri.",
    )


def _gambar_panel(p: _Panel, x0: float, y0: float, lebar_sel: float, tinggi_sel: float, tahun: int) -> str:
    kiri, kanan = x0 + CELAH_PANEL / 2, x0 + lebar_sel - CELAH_PANEL / 2
    bawah = y0 + tinggi_sel - CELAH_PANEL
    isi = [
        f'<g class="panel-grafik"><rect class="panel" x="{kiri:.1f}" y="{y0:.1f}" width="{kanan - kiri:.1f}" '
        f'height="{bawah - y0:.1f}" fill="none" stroke="#e4e4e4"/>',
        _teks_baris(
            p.judul, kiri + PADDING_PANEL, y0 + PADDING_PANEL + UKURAN_JUDUL_PANEL, UKURAN_JUDUL_PANEL,
            ' font-weight="bold"',
        ),
    ]
    puncak = max(a.tampil for _, a in p.seri)
    dasar_y = bawah - 20
    for i, (th, a) in enumerate(p.seri):
        tinggi = 0.0 if puncak <= 0 else max(float(a.tampil / puncak) * TINGGI_AREA_PANEL, 0.0)
        x = kiri + 8 + i * (p.lebar_batang + 8)
        warna = WARNA if th < tahun else "#e0a030"
        # A value label stays inside its panel, and alternates heights when the labels are wider than bars.
        setengah = lebar_teks(a.teks, UKURAN_NILAI) / 2
        pusat = min(max(x + p.lebar_batang / 2, kiri + setengah + 2), kanan - setengah - 2)
        naik = (UKURAN_NILAI + 3) if p.bertingkat and i % 2 else 0
        isi.append(
            f'<rect x="{x:.1f}" y="{dasar_y - tinggi:.1f}" width="{p.lebar_batang}" height="{tinggi:.1f}" '
            f'fill="{warna}"/>'
            f'<text x="{pusat:.1f}" y="{dasar_y - tinggi - 3 - naik:.1f}" text-anchor="middle" '
            f'font-size="{UKURAN_NILAI}">{escape(a.teks)}</text>'
            f'<text x="{x + p.lebar_batang / 2:.1f}" y="{dasar_y + 12:.1f}" text-anchor="middle" '
            f'font-size="{UKURAN_NILAI}">{th}</text>'
        )
    isi.append(
        f'<line x1="{kiri + 4:.1f}" y1="{dasar_y:.1f}" x2="{kanan - 4:.1f}" y2="{dasar_y:.1f}" '
        f'stroke="{WARNA_GARIS}"/></g>'
    )
    return "".join(isi)
