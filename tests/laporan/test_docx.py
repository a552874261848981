"""The editable DOCX of the report: the chapters, tables, figures and sign-off the PDF has, in Word form."""

import io
import re
import time
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils.safestring import mark_safe
from docx import Document
from docx.oxml.ns import qn

from inti.models import OPD
from lkjip.laporan import docx as docx_laporan
from lkjip.laporan.docx import JENIS_DOCX, LaporanDocx, PenulisDocx, _gaya
from lkjip.laporan.dokumen import Pengesahan, bangun_dokumen, dokumen_laporan, kumpulkan_data
from lkjip.laporan.grafik import Grafik
from lkjip.laporan.pdf import html_laporan
from lkjip.laporan.views_docx import _pengesahan

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def laporan(django_db_setup, django_db_blocker):
    """The dataset's 2022 report (Draft) and its DOCX, built once for this module, and the DOCX's build time."""
    with django_db_blocker.unblock():
        dok = dokumen_laporan(OPD.objects.get(kode="disperindag"), 2022)
    mulai = time.monotonic()
    isi = LaporanDocx(dok).isi()
    lama = time.monotonic() - mulai
    return dok, Document(io.BytesIO(isi)), lama


def _judul(docx, tingkat: int) -> list[str]:
    return [
        re.sub(r"\s+", " ", p.text).strip() for p in docx.paragraphs if p.style.name == f"Heading {tingkat}"
    ]


def _keterangan(docx) -> list[str]:
    return [p.text for p in docx.paragraphs if p.style.name == "Caption"]


def _tabel_data(docx) -> list:
    return [t for t in docx.tables if t.style is not None and t.style.name == "Table Grid"]


def _teks_tabel(tabel) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in tabel.rows]


def _tabel_berjudul(dok, docx, label: str):
    """The DOCX table printed under the caption `label` ("Tabel 3.2"): tables and captions go in the same order."""
    keterangan = [k for k in _keterangan(docx) if k.startswith("Tabel ") or k in {
        f"{t.label} {t.judul}".strip() for t in dok.tabel.values()}]
    judul = [f"{t.label} {t.judul}".strip() for t in dok.tabel.values()]
    assert set(judul) <= set(keterangan)
    urutan = [k for k in keterangan if k in set(judul) and not k.startswith("Gambar")]
    indeks = next(i for i, k in enumerate(urutan) if k.startswith(label + " "))
    return _tabel_data(docx)[indeks]


def test_chapters_come_in_the_reports_order(laporan):
    dok, docx, _ = laporan
    bab = _judul(docx, 1)
    assert bab[:5] == ["KATA PENGANTAR", "RINGKASAN EKSEKUTIF", "DAFTAR ISI", "DAFTAR TABEL", "BAB I PENDAHULUAN"]
    assert [b for b in bab if b.startswith("BAB")] == [
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN DAN PERJANJIAN KINERJA",
        "BAB III AKUNTABILITAS KINERJA",
        "BAB IV PENUTUP",
    ]
    assert bab[-1] == "LAMPIRAN"
    sub = _judul(docx, 2)
    assert sub[:5] == [
        "1.1 Latar Belakang",
        "1.2 Penjelasan Umum Organisasi",
        "1.3 Permasalahan dan Isu Strategis",
        "1.4 Dasar Hukum",
        "1.5 Sistematika Laporan Kinerja",
    ]
    assert "3.1.2 Capaian Indikator Kinerja Utama" in _judul(docx, 3)
    # Every heading of the contents page is in the DOCX, in the same order.
    semua = [re.sub(r"\s+", " ", p.text).strip() for p in docx.paragraphs if p.style.name.startswith("Heading")]
    harapan = [j.lengkap for j in dok.daftar_isi]
    ada = [h for h in semua if h in harapan]
    assert ada == [h for h in harapan if h in ada]
    assert len(set(ada)) >= len(harapan) - 2  # the PK lampiran headings are printed by their own block


def test_as_many_tables_as_the_html_each_with_its_number_and_caption(laporan):
    dok, docx, _ = laporan
    html = html_laporan(dok)
    jumlah_html = html.count("<table") - html.count('class="identitas-pk"')
    assert len(_tabel_data(docx)) == jumlah_html
    keterangan = _keterangan(docx)
    for tabel in dok.tabel.values():
        assert f"{tabel.label} {tabel.judul}".strip() in keterangan
    assert "Tabel 3.14 " + dok.tabel["anggaran"].judul in keterangan


def test_the_seeds_figures_are_in_their_tables(laporan):
    dok, docx, _ = laporan
    iku = _teks_tabel(_tabel_berjudul(dok, docx, "Tabel 3.2"))
    omset = next(r for r in iku if "Persentase Peningkatan Omset" in r)
    assert "4,167" in omset and "416,70" in omset and "Sangat Tinggi" in omset
    produksi = next(r for r in iku if "Persentase Peningkatan Produksi Sektor Unggulan" in r)
    assert "0,094" in produksi and "94,00" in produksi
    efisiensi = _teks_tabel(_tabel_berjudul(dok, docx, "Tabel 3.12"))
    assert any("15,04" in r for r in efisiensi)
    pk = _teks_tabel(_tabel_berjudul(dok, docx, "Tabel 2.4"))
    assert any("Persentase Pertumbuhan IKM" in r for r in pk)
    semua = "\n".join(c for t in _tabel_data(docx) for r in _teks_tabel(t) for c in r)
    assert "8.964.583.767" in semua  # the Penunjang programme's DPA budget


def test_cells_are_merged_where_the_html_merges_them(laporan):
    dok, docx, _ = laporan
    diperiksa = 0
    for tabel in dok.tabel.values():
        if not tabel.label:
            continue
        sel = [s for baris in tabel.kepala for s in baris] + [s for b in tabel.baris for s in b.sel]
        tr = _tabel_berjudul(dok, docx, tabel.label)._tbl.tr_lst
        tc = [tc for row in tr for tc in row.tc_lst]
        lebar = sum(s.rowspan for s in sel if s.colspan > 1)
        tinggi = sum(1 for s in sel if s.rowspan > 1)
        assert sum(1 for c in tc if c.grid_span > 1) == lebar, tabel.label
        assert sum(1 for c in tc if c.vMerge == "restart") == tinggi, tabel.label
        diperiksa += bool(lebar or tinggi)
        # The header rows repeat on every page.
        for row in tr[: len(tabel.kepala)]:
            assert row.trPr.find(qn("w:tblHeader")) is not None
    assert diperiksa >= 5  # Tabel 2.1, 3.2, 3.3, 3.7, 3.10, 3.12 merge cells
    tabel_iku = _tabel_berjudul(dok, docx, "Tabel 3.2")
    assert tabel_iku.rows[0].cells[0].text == dok.tabel["capaian_iku"].kepala[0][0].teks


def test_charts_are_pictures_with_their_numbered_captions(laporan):
    dok, docx, _ = laporan
    keterangan = _keterangan(docx)
    for grafik in dok.grafik.values():
        assert f"{grafik.label} {grafik.judul}" in keterangan
    gambar = [r for r in docx.inline_shapes]
    assert len(gambar) >= len(dok.grafik)


def test_a4_page_numbers_and_the_draft_status(laporan):
    _, docx, lama = laporan
    section = docx.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert any(round(s.page_width.cm, 1) == 29.7 for s in docx.sections)  # the landscape lampiran
    kaki = section.footer._element.xml
    assert "PAGE" in kaki and "DRAF · status Draf · revisi 1" in kaki and "DRAFT" not in kaki and "versi resmi: PDF bertanda tangan" in kaki
    assert lama < 60


def test_an_approved_report_carries_the_signature_and_verification_code(opd_disperindag):
    pengesahan = Pengesahan(
        nomor=1,
        kode_pendek="ABCD2345",
        url_verifikasi="http://testserver/verifikasi/ABCD2345",
        nama="Kepala Dinas",
        jabatan="Kepala OPD",
        waktu=datetime(2023, 2, 20, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta")),
    )
    dok = bangun_dokumen(kumpulkan_data(opd_disperindag, 2022), pengesahan=pengesahan)
    ekspor = LaporanDocx(dok)
    assert ekspor.nama_berkas() == "LKjIP-disperindag-2022-revisi1.docx"
    docx = Document(io.BytesIO(ekspor.isi()))
    teks = "\n".join(p.text for p in docx.paragraphs)
    assert "ABCD2345" in teks and "Disetujui secara elektronik oleh Kepala Dinas" in teks
    assert opd_disperindag.kepala_nama in teks
    assert "DRAF" not in docx.sections[0].footer._element.xml


def test_readers_of_the_opd_download_it_and_others_get_404(client_for, dunia):
    url = reverse("laporan:docx", args=["disperindag", 2022])
    response = client_for(dunia.auditor).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == JENIS_DOCX
    assert 'filename="LKjIP-disperindag-2022-revisi1-DRAF.docx"' in response["Content-Disposition"]
    Document(io.BytesIO(response.content))
    assert client_for(dunia.operator2).get(url).status_code == 404
    assert client_for(dunia.tanpa_peran).get(url).status_code == 404


def test_the_report_page_links_the_docx(client_for, dunia):
    response = client_for(dunia.operator).get(reverse("laporan:lihat", args=["disperindag", 2022]))
    html = response.content.decode()
    assert reverse("laporan:docx", args=["disperindag", 2022]) in html
    assert "DOCX (dapat diedit)" in html



def test_narrative_html_becomes_paragraphs_lists_and_tables():
    doc = Document()
    _gaya(doc)
    PenulisDocx(doc, dok=None).html(
        "<p>Capaian <strong>416,70%</strong> dan <em>Sangat Tinggi</em>.</p>"
        "<ol><li>satu</li><li>dua</li></ol><ul><li>butir</li></ul>"
        "<table><thead><tr><th colspan='2'>Tahun</th></tr></thead><tbody><tr><td>2021</td><td>2022</td></tr>"
        "</tbody></table><svg><text>tidak dicetak</text></svg>"
    )
    teks = [p.text for p in doc.paragraphs]
    assert teks[0] == "Capaian 416,70% dan Sangat Tinggi."
    tebal = [r.text for r in doc.paragraphs[0].runs if r.bold]
    miring = [r.text for r in doc.paragraphs[0].runs if r.italic]
    assert tebal == ["416,70%"] and miring == ["Sangat Tinggi"]
    assert teks[1:4] == ["1.\tsatu", "2.\tdua", "•\tbutir"]
    (tabel,) = doc.tables
    assert tabel.rows[0]._tr.tc_lst[0].grid_span == 2
    assert [c.text for c in tabel.rows[1].cells] == ["2021", "2022"]
    assert not any("tidak dicetak" in t for t in teks)


def test_the_download_of_an_approved_report_carries_its_archived_sign_off():
    arsip = SimpleNamespace(
        nomor=2, kode_pendek="XYZ98765", nama_penanda_tangan="Kepala", jabatan_penanda_tangan="Kepala OPD",
        pada=datetime(2023, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")), tanggal_laporan=date(2023, 2, 28),
    )
    pengesahan = _pengesahan(arsip)
    assert pengesahan.url_verifikasi == "http://testserver/verifikasi/XYZ98765"
    assert (pengesahan.nomor, pengesahan.tanggal) == (2, date(2023, 2, 28))
    assert _pengesahan(None) is None


def test_without_a_rasteriser_a_chart_is_its_caption_and_where_its_figures_are(monkeypatch):
    monkeypatch.setattr(docx_laporan, "svg_ke_png", lambda svg: None)
    doc = Document()
    _gaya(doc)
    penulis = PenulisDocx(doc, dok=None)
    penulis.tabel_terakhir = SimpleNamespace(label="Tabel 3.2")
    penulis.grafik(Grafik("uji", "Capaian IKU", mark_safe("<svg></svg>"), "Batang merah: di bawah 100%.", "3.1"))
    teks = [p.text for p in doc.paragraphs]
    assert teks == [
        "Gambar 3.1 Capaian IKU",
        "Batang merah: di bawah 100%.",
        "Gambar tidak dapat dibuat di server ini; angka yang digambarkannya tersaji pada Tabel 3.2 di atas.",
    ]
    assert not doc.inline_shapes
