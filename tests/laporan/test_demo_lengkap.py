"""The demo year complete: the dataset's 2022 report stands on its own, as the operator reads it.

Every section the operator would otherwise have to write holds the dataset's narrative (no generated
placeholder), the 13 legal bases of the original are listed, each indicator below its target is
analysed, the organisation chart is drawn from the units, and the budget totals are the original's
(74,65% for the whole OPD, with the Penunjang realisasi derived from it).
"""

import html as html_lib
import re
from itertools import combinations

import pytest

from inti.models import UnitOrganisasi
from lkjip.laporan.dokumen import dokumen_laporan
from lkjip.laporan.models import Narasi
from lkjip.laporan.narasi import BAGIAN, render_markdown

pytestmark = pytest.mark.django_db

HALAMAN = "/opd/disperindag/laporan/2022/"

# The sentences narasi.py puts where the author is expected to write.
PLACEHOLDER = (
    "dilengkapi oleh penyusun laporan",
    "diuraikan oleh penyusun laporan",
    "belum dapat dihitung",
    "belum dicatat",
    "belum tercatat",
)
# Sections whose default is a generic paragraph (not a sentence computed from figures).
BAGIAN_UMUM = (
    "kata_pengantar", "bab1_latar_belakang", "bab1_organisasi", "bab1_isu_strategis", "bab1_dasar_hukum",
    "bab3_standar", "bab3_keberhasilan",
)
BAGIAN_DATASET = (*BAGIAN_UMUM, "ringkasan_eksekutif", "bab4_penutup")

DASAR_HUKUM = (
    "Undang-Undang Nomor 28 Tahun 1999 tentang Penyelenggaraan Negara yang Bersih dan Bebas dari Korupsi, "
    "Kolusi, dan Nepotisme",
    "Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah",
    "Undang-Undang Nomor 33 Tahun 2004 tentang Perimbangan Keuangan antara Pemerintah Pusat dan Pemerintahan "
    "Daerah",
    "Peraturan Pemerintah Nomor 38 Tahun 2007 tentang Pembagian Urusan Pemerintahan antara Pemerintah, "
    "Pemerintahan Daerah Provinsi, dan Pemerintahan Daerah Kabupaten/Kota",
    "Instruksi Presiden Nomor 7 Tahun 1999 tentang Akuntabilitas Kinerja Instansi Pemerintah",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang "
    "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi "
    "Pemerintah",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 12 Tahun 2015 tentang "
    "Pedoman Evaluasi atas Implementasi Sistem Akuntabilitas Kinerja Instansi Pemerintah",
    "Keputusan Menteri Dalam Negeri Nomor 050-3708 Tahun 2020 tentang Hasil Verifikasi dan Validasi "
    "Pemutakhiran Klasifikasi, Kodefikasi, dan Nomenklatur Perencanaan Pembangunan dan Keuangan Daerah",
    "Peraturan Daerah Kota Pasuruan Nomor 4 Tahun 2021 tentang Rencana Pembangunan Jangka Menengah Daerah Kota "
    "Pasuruan Tahun 2021-2026",
    "Peraturan Daerah Kota Pasuruan Nomor 7 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah",
    "Peraturan Walikota Pasuruan Nomor 3 Tahun 2022 tentang Susunan Organisasi dan Tata Kerja Perangkat Daerah",
    "Peraturan Walikota Pasuruan Nomor 18 Tahun 2022 tentang Tugas Pokok dan Fungsi Dinas Perindustrian dan "
    "Perdagangan",
    "Peraturan Walikota Pasuruan Nomor 63 Tahun 2022 tentang Perubahan Rencana Kerja Perangkat Daerah",
)


def _teks(html: str) -> str:
    """Visible text: tags dropped, entities decoded, whitespace collapsed."""
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _bagian(html: str, dari: str, sampai: str) -> str:
    """The visible text of the report from one heading to another, by their anchors (not the contents page)."""
    awal = html.index(f'id="bagian-{dari.replace("_", "-")}"')
    return _teks("<" + html[awal:html.index(f'id="bagian-{sampai.replace("_", "-")}"', awal)])


def _dokumen_html(client_for, operator_user) -> str:
    response = client_for(operator_user).get(HALAMAN)
    assert response.status_code == 200
    html = response.content.decode()
    # The report itself, without the page's side panels (the checker's findings, the workflow).
    return html[html.index('class="col-12 col-xl-9 order-xl-1 lkjip-dokumen"'):]


@pytest.fixture
def html(client_for, operator_user) -> str:
    return _dokumen_html(client_for, operator_user)


@pytest.fixture
def dokumen(html) -> str:
    return _teks(html)


def test_no_placeholder_sentence_of_narasi_is_in_the_report(dokumen):
    for kalimat in PLACEHOLDER:
        assert kalimat not in dokumen, kalimat


def test_every_section_to_be_written_holds_the_datasets_text_not_a_generated_default(opd_disperindag):
    dok = dokumen_laporan(opd_disperindag, 2022)
    for kode in BAGIAN_DATASET:
        assert dok.narasi[kode].bawaan is False, kode


def test_no_sentence_of_a_generic_default_is_left_in_the_report(client_for, operator_user, opd_disperindag):
    dokumen = _teks(_dokumen_html(client_for, operator_user))
    Narasi.objects.filter(laporan__opd=opd_disperindag, laporan__tahun=2022).delete()
    dok = dokumen_laporan(opd_disperindag, 2022)
    for kode in BAGIAN_UMUM:
        bawaan = _teks(render_markdown(BAGIAN[kode][1](dok)))
        kalimat = [k.strip() for k in re.split(r"(?<=[.:;])\s", bawaan) if len(k.strip()) >= 30]
        assert kalimat, kode
        for k in kalimat:
            assert k not in dokumen, (kode, k)


def test_all_13_legal_bases_are_listed_by_their_titles_in_order(html):
    bagian = _bagian(html, "bab1_dasar_hukum", "bab1_sistematika")
    posisi = [bagian.index(judul) for judul in DASAR_HUKUM]
    assert posisi == sorted(posisi)


def test_organisation_tasks_issues_and_problems_per_bidang_are_described(dokumen):
    for teks in (
        "Peraturan Walikota Pasuruan Nomor 3 Tahun 2022",
        "Subbagian Penyusunan Program dan Keuangan",
        "Bidang Pengelolaan Pasar",
        "menyelenggarakan ketatausahaan dinas",
        "kontribusi sektor industri terhadap PDRB yang menurun",
        "harga bahan pokok yang naik turun",
        "sarana dan prasarana perdagangan yang masih lemah",
        "Permasalahan di Bidang Perindustrian",
        "Permasalahan di Bidang Perdagangan",
        "Permasalahan di Bidang Pengelolaan Pasar dan Penataan PKL",
    ):
        assert teks in dokumen, teks


def test_the_organisation_chart_follows_the_narrative_of_1_2_and_names_every_unit(
    client_for, operator_user, opd_disperindag
):
    html = _dokumen_html(client_for, operator_user)
    awal = html.index('id="bagian-bab1-organisasi"')
    bagian = html[awal:html.index('id="bagian-bab1-isu-strategis"', awal)]
    assert "Gambar 1.1" in bagian and "Bagan Struktur Organisasi Dinas Perindustrian dan Perdagangan" in bagian
    svg = bagian[bagian.index("<svg"):bagian.index("</svg>")]
    # Each box's visible lines, joined: a wrapped name reads whole again.
    kotak = [_teks(g).replace(" ", "") for g in re.findall(r'<g class="unit">.*?</g>', svg, re.S)]
    unit = list(UnitOrganisasi.objects.filter(opd=opd_disperindag))
    assert len(kotak) == len(unit) == 12
    for u in unit:
        assert any(u.nama.replace(" ", "") in k for k in kotak), u.nama


def test_every_indicator_below_its_target_is_analysed_with_its_causes_and_efforts(html):
    analisis = _bagian(html, "bab3_keberhasilan", "bab3_anggaran")
    for teks in (
        # Program Perizinan: 45 of 60 participants, 93,75%.
        "Program Perizinan dan Pendaftaran Perusahaan",
        "Dari 60 peserta sosialisasi perlindungan konsumen, baru 45 yang memenuhi",
        "93,75%",
        # Its kegiatan: 45 against the DPA's 75.
        "Kegiatan Pengendalian Fasilitas Penyimpanan Bahan Berbahaya",
        "60,00%",
        "sosialisasi perlindungan konsumen akan dilaksanakan lebih sering",
        # Sarana Distribusi: PAD 1.485.016.014 against 1.584.834.492, 93,70%.
        "Program Peningkatan Sarana Distribusi Perdagangan",
        "Rp 1.485.016.014 dari target Rp 1.584.834.492",
        "93,70%",
        "membayar retribusi pelayanan pasar tepat waktu",
        # The Penunjang program's indicator: 30 of 33.
        "30 dari 33 indikator sub kegiatan penunjang",
    ):
        assert teks in analisis, teks
    # The IKU below its target (94%) keeps its own analysis in 3.1.6.
    sasaran = _bagian(html, "bab3_sasaran", "bab3_efisiensi")
    assert "Harga bahan baku belum stabil" in sasaran


def test_the_reasons_no_national_or_provincial_comparison_is_possible_are_given(html):
    bagian = _bagian(html, "bab3_standar", "bab3_sasaran")
    for teks in ("17,95%", "111,03%", "laju pertumbuhan PDB subsektor perdagangan", "Provinsi Jawa Timur",
                 "tidak mempunyai padanan"):
        assert teks in bagian, teks


def test_the_budget_figures_are_the_originals_with_the_penunjang_realisasi(html):
    ringkasan = _bagian(html, "ringkasan_eksekutif", "daftar_isi")
    assert "Rp 51.719.269.154 terealisasi Rp 38.608.434.423 atau 74,65%" in ringkasan
    anggaran = _bagian(html, "bab3_anggaran", "bab4_penutup")
    assert "74,65%" in anggaran
    assert "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA 9.278.235.506 8.776.437.247 94,59" in anggaran
    penutup = _bagian(html, "bab4_penutup", "lampiran")
    assert "penyerapan 74,65%" in penutup and "25,35%" in penutup


def test_the_engine_gives_the_whole_opd_the_originals_74_65_percent(opd_disperindag):
    anggaran = dokumen_laporan(opd_disperindag, 2022).hasil.anggaran
    assert anggaran.pagu.rupiah == "Rp 51.719.269.154"
    assert anggaran.realisasi.rupiah == "Rp 38.608.434.423"
    assert anggaran.penyerapan.persen == "74,65%"
    assert not anggaran.tanpa_realisasi


def _kotak(svg: str) -> list[tuple[float, float, float, float]]:
    return [
        tuple(float(v) for v in m)
        for m in re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg)
    ]


def test_the_chart_boxes_never_overlap_and_stay_inside_the_drawing(opd_disperindag):
    grafik = dokumen_laporan(opd_disperindag, 2022).grafik["bagan_organisasi"]
    svg = str(grafik.svg)
    lebar, tinggi = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    kotak = _kotak(svg)
    assert len(kotak) == 12
    for x, y, w, h in kotak:
        assert x >= 0 and x + w <= lebar and y >= 0 and y + h <= tinggi
    for (x1, y1, w1, h1), (x2, y2, w2, h2) in combinations(kotak, 2):
        assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
