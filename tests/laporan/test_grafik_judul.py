"""Chart titles and labels wrap onto as many lines as they need: never cut, and no panel runs into another."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from itertools import combinations

import pytest

from inti.tampilan import Angka
from lkjip.laporan.dokumen import dokumen_laporan
from lkjip.laporan.grafik import _batang_persen, lebar_teks

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def dok(opd_disperindag):
    return dokumen_laporan(opd_disperindag, 2022)


def _akar(grafik) -> ET.Element:
    return ET.fromstring(str(grafik.svg))


def _kotak(rect: ET.Element) -> tuple[float, float, float, float]:
    x, y = float(rect.get("x")), float(rect.get("y"))
    return x, y, x + float(rect.get("width")), y + float(rect.get("height"))


def _bersinggungan(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _judul_panel(g: ET.Element) -> list[str]:
    teks = next(t for t in g.iter(f"{SVG}text") if t.get("font-weight") == "bold")
    return [ts.text for ts in teks.iter(f"{SVG}tspan")]


def test_panel_titles_of_the_years_chart_are_whole_and_wrapped(dok):
    grafik = dok.grafik["tahun_lalu"]
    assert grafik.label == "Gambar 3.2"
    assert "…" not in str(grafik.svg)
    panel = [g for g in _akar(grafik).iter(f"{SVG}g") if g.get("class") == "panel-grafik"]
    assert len(panel) == 7
    judul = [" ".join(_judul_panel(g)) for g in panel]
    # The dataset's longest titles, every word of them, in order.
    assert "Persentase Peningkatan Produksi Sektor Unggulan (%)" in judul
    assert "Persentase Pertumbuhan Usaha Perdagangan (%)" in judul
    assert "Persentase IKM yang terstandarisasi (%)" in judul
    assert max(len(_judul_panel(g)) for g in panel) >= 2  # the long ones did wrap


def test_no_two_panels_overlap_and_each_title_fits_its_panel(dok):
    akar = _akar(dok.grafik["tahun_lalu"])
    panel = [g for g in akar.iter(f"{SVG}g") if g.get("class") == "panel-grafik"]
    kotak = [_kotak(next(r for r in g.iter(f"{SVG}rect") if r.get("class") == "panel")) for g in panel]
    for a, b in combinations(kotak, 2):
        assert not _bersinggungan(a, b), (a, b)
    tinggi_svg = float(akar.get("height"))
    for g, (x1, y1, x2, y2) in zip(panel, kotak, strict=True):
        assert 0 <= x1 < x2 <= 640 and 0 <= y1 < y2 <= tinggi_svg
        for ts in next(t for t in g.iter(f"{SVG}text") if t.get("font-weight") == "bold").iter(f"{SVG}tspan"):
            x, y = float(ts.get("x")), float(ts.get("y"))
            assert x1 < x and x + lebar_teks(ts.text, 10, tebal=True) <= x2
            assert y1 < y - 10 and y < y2
        # Every text of the panel (values, years) lies inside its frame.
        for ts in g.iter(f"{SVG}text"):
            if ts.get("y") is not None:
                assert y1 < float(ts.get("y")) < y2


def test_a_long_bar_label_wraps_onto_more_lines_and_rows_grow():
    panjang = "Program Peningkatan Sarana Distribusi Perdagangan dan Stabilisasi Harga Barang Kebutuhan Pokok Daerah"
    grafik = _batang_persen(
        "uji", "Uji", [(panjang, Angka(Decimal("77"), 2)), ("Pendek", Angka(Decimal("120"), 2))], ""
    )
    akar = _akar(grafik)
    assert "…" not in str(grafik.svg)
    label = [t for t in akar.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    baris = [ts.text for ts in label[0].iter(f"{SVG}tspan")]
    assert len(baris) >= 3 and " ".join(baris) == panjang
    batang = [_kotak(r) for r in akar.iter(f"{SVG}rect")]
    assert not _bersinggungan(*batang)
    # The second label starts below the last line of the first.
    y_akhir = float(label[0].findall(f"{SVG}tspan")[-1].get("y"))
    assert float(label[1].find(f"{SVG}tspan").get("y")) > y_akhir + 11


def test_the_pdf_prints_the_wrapped_titles_whole(pdf_dataset):
    halaman = next(h for h in pdf_dataset.halaman if "Gambar 3.2" in h)
    assert "…" not in halaman
    teks = re.sub(r"\s+", " ", halaman)
    for kata in ("Persentase Peningkatan", "Produksi Sektor Unggulan (%)", "terstandarisasi (%)",
                 "Perdagangan (%)"):
        assert kata in teks
