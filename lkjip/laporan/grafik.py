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


def _potong(teks: str, panjang: int = 38) -> str:
    return teks if len(teks) <= panjang else teks[: panjang - 1] + "…"


def _label(teks: str, x: float, y: float, lebar: int = 34) -> str:
    """A label of at most two lines, right-aligned at x, centred on y."""
    baris = textwrap.wrap(teks, lebar) or [""]
    if len(baris) > 2:
        baris = [baris[0], _potong(" ".join(baris[1:]), lebar)]
    awal = y - (len(baris) - 1) * 6.5
    tspan = "".join(
        f'<tspan x="{x:.1f}" y="{awal + i * 13:.1f}">{escape(b)}</tspan>' for i, b in enumerate(baris)
    )
    return f'<text text-anchor="end">{tspan}</text>'


def _svg(lebar: int, tinggi: int, isi: list[str], judul: str) -> SafeString:
    return mark_safe(  # noqa: S308 - every text inside is escaped where it is built
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" width="{lebar}" '
        f'height="{tinggi}" role="img" aria-label="{escape(judul)}" class="grafik-svg" '
        f'font-family="DejaVu Sans, sans-serif" font-size="11">'
        f"<title>{escape(judul)}</title>" + "".join(isi) + "</svg>"
    )


def _batang_persen(kunci: str, judul: str, baris: list[tuple[str, Angka]], keterangan: str) -> Grafik:
    """Horizontal bars of percentages with a dashed reference line at 100%."""
    nilai = [a.tampil for _, a in baris if a.ada]
    skala = max([Decimal(100), *nilai]) * Decimal("1.05")
    area = LEBAR - KIRI - KANAN
    tinggi = 30 + len(baris) * (TINGGI_BATANG + JARAK_BATANG) + 20

    def x(v: Decimal) -> float:
        return KIRI + float(v / skala) * area

    isi = []
    for i, (label, a) in enumerate(baris):
        y = 20 + i * (TINGGI_BATANG + JARAK_BATANG)
        isi.append(_label(label, KIRI - 8, y + TINGGI_BATANG * 0.7))
        if a.ada:
            lebar = max(x(max(a.tampil, Decimal(0))) - KIRI, 0.5)
            warna = WARNA if a.tampil >= 100 else WARNA_KURANG
            isi.append(
                f'<rect x="{KIRI}" y="{y}" width="{lebar:.1f}" height="{TINGGI_BATANG}" fill="{warna}"/>'
                f'<text x="{KIRI + lebar + 4:.1f}" y="{y + TINGGI_BATANG * 0.7:.1f}">{escape(a.persen)}</text>'
            )
        else:
            isi.append(
                f'<text x="{KIRI + 4}" y="{y + TINGGI_BATANG * 0.7:.1f}" fill="#777">'
                f"– ({escape(a.alasan or 'tidak ada data')})</text>"
            )
    garis = x(Decimal(100))
    bawah = tinggi - 18
    isi.append(
        f'<line x1="{garis:.1f}" y1="12" x2="{garis:.1f}" y2="{bawah}" stroke="{WARNA_GARIS}" '
        f'stroke-dasharray="4 3"/>'
        f'<text x="{garis:.1f}" y="{bawah + 13}" text-anchor="middle">100%</text>'
        f'<line x1="{KIRI}" y1="12" x2="{KIRI}" y2="{bawah}" stroke="{WARNA_GARIS}"/>'
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


def grafik_tahun_lalu(hasil: HasilOPD) -> Grafik | None:
    """Each indicator of Tabel 3.3 over the years that have a value: one small bar chart per indicator."""
    kelompok = [(b, _seri(b, hasil.tahun)) for b in hasil.tahun_lalu]
    kelompok = [(b, s) for b, s in kelompok if s]
    if not kelompok:
        return None
    kolom = 3
    lebar_sel = LEBAR // kolom
    tinggi_sel = 150
    baris_grafik = (len(kelompok) + kolom - 1) // kolom
    isi = []
    for n, (b, seri) in enumerate(kelompok):
        x0 = (n % kolom) * lebar_sel
        y0 = (n // kolom) * tinggi_sel
        satuan = f" ({b.indikator.satuan})" if b.indikator.satuan else ""
        isi.append(
            f'<text x="{x0 + 6}" y="{y0 + 14}" font-size="10" font-weight="bold">'
            f"{escape(_potong(b.indikator.nama + satuan, 34))}</text>"
        )
        puncak = max(a.tampil for _, a in seri)
        dasar_y = y0 + tinggi_sel - 24
        tinggi_area = tinggi_sel - 60
        lebar_batang = min(36, (lebar_sel - 20) // max(len(seri), 1) - 8)
        for i, (th, a) in enumerate(seri):
            tinggi = 0.0 if puncak <= 0 else max(float(a.tampil / puncak) * tinggi_area, 0.0)
            x = x0 + 12 + i * (lebar_batang + 8)
            warna = WARNA if th < hasil.tahun else "#e0a030"
            isi.append(
                f'<rect x="{x}" y="{dasar_y - tinggi:.1f}" width="{lebar_batang}" height="{tinggi:.1f}" fill="{warna}"/>'
                f'<text x="{x + lebar_batang / 2:.1f}" y="{dasar_y - tinggi - 3:.1f}" text-anchor="middle" '
                f'font-size="9">{escape(a.teks)}</text>'
                f'<text x="{x + lebar_batang / 2:.1f}" y="{dasar_y + 12}" text-anchor="middle" font-size="9">'
                f"{th}</text>"
            )
        isi.append(
            f'<line x1="{x0 + 8}" y1="{dasar_y}" x2="{x0 + lebar_sel - 8}" y2="{dasar_y}" stroke="{WARNA_GARIS}"/>'
        )
    judul = f"Realisasi Indikator pada Tahun-Tahun Sebelumnya dan Tahun {hasil.tahun}"
    return Grafik(
        "tahun_lalu",
        judul,
        _svg(LEBAR, baris_grafik * tinggi_sel, isi, judul),
        f"Batang jingga: realisasi tahun {hasil.tahun}; skala tiap grafik tersendiri.",
    )
