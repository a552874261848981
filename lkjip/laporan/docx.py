"""The LKjIP as an editable Word document (DOCX), for the staff who finish a report in a word processor.

Built with python-docx from the same `Dokumen` the web page, the PDF and the xlsx walk: the same pages,
headings and numbers, every table with its number, caption, header rows and merged cells, the
narratives (their sanitised HTML turned into paragraphs, bold, italics, lists and tables), the charts
as pictures rasterised from the very SVG the PDF prints, and the signature with, once the report is
approved, the verification code. Blocks without a writer of their own are written from their HTML
partial, so a new kind of block still reaches the document.

The PDF stays the signed and archived version: the DOCX is a working copy and says so in its footer.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

import segno
from django.template.loader import render_to_string
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from inti.ekspor import Ekspor
from inti.tampilan import KOSONG
from lkjip.laporan.blok import (
    Blok,
    BlokDaftarIsi,
    BlokDaftarTabel,
    BlokGrafik,
    BlokJudul,
    BlokNarasi,
    BlokPK,
    BlokSampul,
    BlokTabel,
    BlokTandaTangan,
    Judul,
)
from lkjip.laporan.dokumen import Dokumen
from lkjip.laporan.ekspor import nama_berkas_laporan
from lkjip.laporan.grafik import Grafik
from lkjip.laporan.tabel import Baris, Sel, Tabel

JENIS_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# A4 with the print CSS's margins (static/laporan/cetak.css).
A4_LEBAR, A4_TINGGI = Cm(21), Cm(29.7)
MARGIN_TEGAK = {"top": Cm(2.4), "bottom": Cm(2.2), "left": Cm(2.5), "right": Cm(2)}
MARGIN_LEBAR = {"top": Cm(2), "bottom": Cm(2), "left": Cm(2), "right": Cm(2)}
HURUF = "Arial"
WARNA_KEPALA = "E8EEF4"
WARNA_JUMLAH = "F4F6F8"
GAYA_TABEL = "Table Grid"  # every table of figures; layout tables (signatures) have none
GAYA_ISI_TABEL = "Isi Tabel"
LEBAR_GAMBAR = Cm(16)
SKALA_RASTER = 2  # pixels per SVG unit: sharp when printed at 16 cm


@dataclass
class LaporanDocx(Ekspor):
    """The report as DOCX, the editable working copy; `LaporanPDF` is the one that is signed and archived."""

    dok: Dokumen
    jenis_konten = JENIS_DOCX

    def nama_berkas(self) -> str:
        return nama_berkas_laporan(self.dok.opd, self.dok.tahun, self.dok.revisi, "docx", draft=self.dok.draft)

    @cached_property
    def _isi(self) -> bytes:
        keluaran = io.BytesIO()
        buat_docx(self.dok).save(keluaran)
        return keluaran.getvalue()

    def isi(self) -> bytes:
        return self._isi


# --------------------------------------------------------------------------------------------
# Rasterising a chart
# --------------------------------------------------------------------------------------------


def svg_ke_png(svg: str) -> bytes | None:
    """The PNG of an SVG, or None where no rasteriser is installed (CairoSVG needs the cairo library)."""
    try:
        import cairosvg
    except (ImportError, OSError):
        return None
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=SKALA_RASTER, background_color="white")


# --------------------------------------------------------------------------------------------
# Low-level helpers: cell shading, header rows, fields
# --------------------------------------------------------------------------------------------


def _arsir(cell, warna: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), warna)
    cell._tc.get_or_add_tcPr().append(shd)


def _ulang_di_tiap_halaman(row) -> None:
    """Mark a header row to repeat at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    kepala = OxmlElement("w:tblHeader")
    kepala.set(qn("w:val"), "true")
    tr_pr.append(kepala)


def _tak_terpecah(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _fld_char(run, jenis: str) -> None:
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), jenis)
    run._r.append(fld)


def _buka_field(paragraf, perintah: str) -> None:
    """The start of a field (PAGE, TOC, ...); what follows until `_tutup_field` is its shown result."""
    _fld_char(paragraf.add_run(), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {perintah} "
    paragraf.add_run()._r.append(instr)
    _fld_char(paragraf.add_run(), "separate")


def _tutup_field(paragraf) -> None:
    _fld_char(paragraf.add_run(), "end")


def _field(paragraf, perintah: str, tampil: str = "") -> None:
    """A field with its cached text; the word processor recomputes it."""
    _buka_field(paragraf, perintah)
    paragraf.add_run(tampil)
    _tutup_field(paragraf)


PENGATURAN_SESUDAH_UPDATE = {
    qn(f"w:{nama}")
    for nama in (
        "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "attachedSchema",
        "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
        "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "shapeDefaults",
        "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
    )
} | {"{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr",
     "{http://schemas.openxmlformats.org/schemaLibrary/2006/main}schemaLibrary"}


def _perbarui_field_saat_dibuka(doc) -> None:
    """Ask the word processor to update fields (the contents' page numbers) when the file is opened."""
    pengaturan = doc.settings.element
    perbarui = OxmlElement("w:updateFields")
    perbarui.set(qn("w:val"), "true")
    # In the place the schema gives it: a strict reader refuses settings out of order.
    sesudah = next((el for el in pengaturan if el.tag in PENGATURAN_SESUDAH_UPDATE), None)
    if sesudah is not None:
        sesudah.addprevious(perbarui)
    else:
        pengaturan.append(perbarui)


def _teks_run(paragraf, teks: str, **gaya):
    """Text as runs, a newline becoming a line break within the paragraph."""
    run = None
    for i, potongan in enumerate(teks.split("\n")):
        run = paragraf.add_run()
        if i:
            run.add_break(WD_BREAK.LINE)
        run.add_text(potongan)
        for nama, nilai in gaya.items():
            if nilai is None:
                continue
            if nama == "color":
                run.font.color.rgb = nilai
            else:
                setattr(run.font, nama, nilai)
    return run


# --------------------------------------------------------------------------------------------
# The document and its styles
# --------------------------------------------------------------------------------------------


def _gaya(doc) -> None:
    gaya = doc.styles
    normal = gaya["Normal"]
    normal.font.name = HURUF
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), HURUF)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for tingkat, ukuran in ((1, 14), (2, 12), (3, 11), (4, 11)):
        judul = gaya[f"Heading {tingkat}"]
        judul.font.name = HURUF
        judul.font.size = Pt(ukuran)
        judul.font.bold = True
        judul.font.italic = tingkat == 4
        judul.font.color.rgb = RGBColor(0, 0, 0)
        judul.paragraph_format.space_before = Pt(12 if tingkat > 1 else 0)
        judul.paragraph_format.space_after = Pt(6)
        judul.paragraph_format.keep_with_next = True
    gaya["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    keterangan = gaya["Caption"]
    keterangan.font.name = HURUF
    keterangan.font.size = Pt(10)
    keterangan.font.bold = True
    keterangan.font.italic = False
    keterangan.font.color.rgb = RGBColor(0, 0, 0)
    keterangan.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    keterangan.paragraph_format.keep_with_next = True
    isi_tabel = gaya.add_style(GAYA_ISI_TABEL, WD_STYLE_TYPE.PARAGRAPH)
    isi_tabel.base_style = normal
    isi_tabel.font.size = Pt(8)
    isi_tabel.paragraph_format.space_after = Pt(0)
    isi_tabel.paragraph_format.line_spacing = 1.0


def _atur_halaman(section, *, lebar: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if lebar else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (A4_TINGGI, A4_LEBAR) if lebar else (A4_LEBAR, A4_TINGGI)
    for sisi, ukuran in (MARGIN_LEBAR if lebar else MARGIN_TEGAK).items():
        setattr(section, f"{sisi}_margin", ukuran)


def _kepala_kaki(doc, dok: Dokumen) -> None:
    """Running header (report and agency), footer (status or verification, page number); none on the cover."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    nama = dok.opd.singkatan or dok.opd.nama
    kepala = section.header.paragraphs[0]
    _teks_run(kepala, f"LKjIP {nama} Tahun {dok.tahun}" + ("" if dok.pengesahan else " — DRAF"), size=Pt(8))
    kaki = section.footer.paragraphs[0]
    if dok.pengesahan:
        status = f"Revisi {dok.pengesahan.nomor} · verifikasi: {dok.pengesahan.url_verifikasi}"
    else:
        status = f"DRAF · status {dok.status_label} · revisi {dok.revisi}"
    _teks_run(kaki, f"{status} · Salinan DOCX yang dapat diedit; versi resmi: PDF bertanda tangan", size=Pt(7))
    halaman = section.footer.add_paragraph()
    halaman.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _field(halaman, "PAGE", "1")


def buat_docx(dok: Dokumen):
    """The python-docx Document of the report, page by page and block by block, as `bangun_dokumen` laid it out."""
    doc = Document()
    _gaya(doc)
    _atur_halaman(doc.sections[0], lebar=False)
    _kepala_kaki(doc, dok)
    _perbarui_field_saat_dibuka(doc)
    penulis = PenulisDocx(doc, dok)
    for nomor, halaman in enumerate(dok.halaman):
        lebar = "halaman-lebar" in halaman.kelas.split()
        if nomor:
            penulis.halaman_baru(lebar=lebar, putus="halaman-baru" in halaman.kelas.split() or halaman.kelas == "")
        for blok in halaman.blok:
            penulis.tulis(blok)
    return doc


class PenulisDocx:
    """Writes the blocks of a `Dokumen` into a python-docx Document, one writer per kind of block."""

    def __init__(self, doc, dok: Dokumen):
        self.doc = doc
        self.dok = dok
        self.lebar = False
        self.tabel_terakhir: Tabel | None = None

    # --- pages ---------------------------------------------------------------------------------

    @property
    def lebar_isi(self):
        section = self.doc.sections[-1]
        return section.page_width - section.left_margin - section.right_margin

    def halaman_baru(self, *, lebar: bool, putus: bool) -> None:
        if lebar != self.lebar:
            # Another orientation needs a section of its own; it starts a new page anyway.
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
            # The new section copies the cover's "first page differs": its first page keeps its number.
            section.different_first_page_header_footer = False
            _atur_halaman(section, lebar=lebar)
            self.lebar = lebar
        elif putus:
            self.doc.add_page_break()

    # --- dispatch ------------------------------------------------------------------------------

    def tulis(self, blok: Blok) -> None:
        penulis = {
            BlokSampul: self.sampul,
            BlokJudul: lambda b: self.judul(b.judul),
            BlokNarasi: lambda b: self.html(b.narasi.html if b.narasi else ""),
            BlokTabel: lambda b: self.tabel(b.tabel),
            BlokGrafik: lambda b: self.grafik(b.grafik),
            BlokTandaTangan: lambda b: self.tanda_tangan(),
            BlokDaftarIsi: lambda b: self.daftar_isi(),
            BlokDaftarTabel: lambda b: self.daftar_tabel(),
            BlokPK: self.pk,
        }.get(type(blok))
        if penulis is not None:
            penulis(blok)
        else:
            # Any other block (visi-misi, tujuan, analisis, reviu, ...) from its own HTML partial.
            self.html(render_to_string(blok.templat, {"blok": blok, "dok": self.dok, "opd": self.dok.opd,
                                                      "cetak": True}))

    def paragraf(self, teks: str = "", *, gaya: str | None = None, rata=None, **huruf):
        p = self.doc.add_paragraph(style=gaya)
        if rata is not None:
            p.alignment = rata
        if teks:
            _teks_run(p, teks, **huruf)
        return p

    def html(self, html: str) -> None:
        PenulisHTML(self).tulis(str(html))

    # --- blocks --------------------------------------------------------------------------------

    def sampul(self, blok: BlokSampul) -> None:
        dok = self.dok
        tengah = WD_ALIGN_PARAGRAPH.CENTER
        self.paragraf(rata=tengah).paragraph_format.space_before = Cm(2)
        self.paragraf(
            f"LAPORAN KINERJA INSTANSI PEMERINTAH\n(LKjIP)\nTAHUN {dok.tahun}", rata=tengah, bold=True, size=Pt(20)
        )
        self.paragraf(rata=tengah).paragraph_format.space_before = Cm(3)
        self.paragraf(dok.opd.nama.upper(), rata=tengah, bold=True, size=Pt(16))
        self.paragraf(dok.opd.pemda.nama.upper(), rata=tengah, size=Pt(13))
        if dok.opd.alamat or dok.opd.telepon:
            alamat = dok.opd.alamat + (f" · Telp. {dok.opd.telepon}" if dok.opd.telepon else "")
            self.paragraf(alamat, rata=tengah, size=Pt(10))
        if dok.pengesahan:
            self.paragraf(rata=tengah).paragraph_format.space_before = Cm(2)
            self.qr(dok.pengesahan.url_verifikasi, Cm(3))
            self.paragraf(
                f"Revisi {dok.pengesahan.nomor} · disetujui {dok.tanggal_tanda_tangan}\n"
                f"Kode verifikasi: {dok.pengesahan.kode_pendek}\n"
                f"Verifikasi keaslian dokumen: {dok.pengesahan.url_verifikasi}",
                rata=tengah,
                size=Pt(9),
            )
        else:
            p = self.paragraf(
                f"DRAF — status: {dok.status_label} (revisi {dok.revisi})",
                rata=tengah,
                bold=True,
                size=Pt(13),
                color=RGBColor(0xB0, 0, 0),
            )
            p.paragraph_format.space_before = Cm(2.4)
        self.paragraf(
            "Salinan yang dapat diedit. Versi resmi yang ditandatangani dan diarsipkan adalah PDF.",
            rata=tengah,
            italic=True,
            size=Pt(8),
        )

    def qr(self, url: str, lebar, rata=WD_ALIGN_PARAGRAPH.CENTER) -> None:
        png = io.BytesIO()
        segno.make(url, error="m").save(png, kind="png", scale=6, border=2)
        png.seek(0)
        p = self.paragraf(rata=rata)
        p.add_run().add_picture(png, width=lebar)

    def judul(self, j: Judul) -> None:
        tingkat = min(max(j.tingkat, 1), 4)
        p = self.doc.add_heading(level=tingkat)
        if j.tingkat == 1 and j.nomor:
            _teks_run(p, f"{j.nomor}\n{j.teks}")
        else:
            _teks_run(p, j.lengkap)

    def keterangan(self, teks: str) -> None:
        self.paragraf(teks, gaya="Caption")

    def tabel(self, tabel: Tabel) -> None:
        self.keterangan(f"{tabel.label} {tabel.judul}".strip())
        tulis_tabel(self, tabel)
        for catatan in tabel.catatan:
            self.paragraf(f"Catatan: {catatan}", size=Pt(8))
        if tabel.sumber:
            self.paragraf(f"Sumber: {tabel.sumber}", italic=True, size=Pt(8))
        self.tabel_terakhir = tabel

    def grafik(self, grafik: Grafik) -> None:
        png = svg_ke_png(str(grafik.svg))
        if png is not None:
            p = self.paragraf(rata=WD_ALIGN_PARAGRAPH.CENTER)
            p.paragraph_format.keep_with_next = True
            p.add_run().add_picture(io.BytesIO(png), width=min(LEBAR_GAMBAR, self.lebar_isi))
        self.keterangan(f"{grafik.label} {grafik.judul}".strip())
        if grafik.keterangan:
            self.paragraf(grafik.keterangan, rata=WD_ALIGN_PARAGRAPH.CENTER, size=Pt(8))
        if png is None:
            # Without a rasteriser the picture cannot be made here: say where its figures are.
            sumber = f"{self.tabel_terakhir.label} di atas" if self.tabel_terakhir else "tabel terkait"
            self.paragraf(
                f"Gambar tidak dapat dibuat di server ini; angka yang digambarkannya tersaji pada {sumber}.",
                rata=WD_ALIGN_PARAGRAPH.CENTER,
                italic=True,
                size=Pt(8),
            )

    def tanda_tangan(self) -> None:
        dok, opd = self.dok, self.dok.opd
        kanan = WD_ALIGN_PARAGRAPH.RIGHT
        p = self.paragraf(
            f"{dok.tempat}, {dok.tanggal_tanda_tangan}\n{(opd.kepala_jabatan or 'Kepala').upper()}", rata=kanan
        )
        p.paragraph_format.space_before = Pt(18)
        p.paragraph_format.keep_with_next = True
        if dok.pengesahan:
            self.qr(dok.pengesahan.url_verifikasi, Cm(2.5), rata=kanan)
            self.paragraf(
                f"Disetujui secara elektronik oleh {dok.pengesahan.nama} ({dok.pengesahan.jabatan}); "
                f"kode verifikasi {dok.pengesahan.kode_pendek}: {dok.pengesahan.url_verifikasi}",
                rata=kanan,
                size=Pt(8),
            ).paragraph_format.keep_with_next = True
        else:
            self.paragraf("\n\n", rata=kanan).paragraph_format.keep_with_next = True
        baris = [opd.kepala_nama or "………………………………"]
        if opd.kepala_pangkat:
            baris.append(opd.kepala_pangkat)
        if opd.kepala_nip:
            baris.append(f"NIP. {opd.kepala_nip}")
        p = self.paragraf(rata=kanan)
        _teks_run(p, baris[0], bold=True, underline=True)
        if baris[1:]:
            _teks_run(p, "\n" + "\n".join(baris[1:]))

    def daftar_isi(self) -> None:
        """A contents field whose shown result is the list of headings: the word processor replaces it
        with the headings and their page numbers when it updates the fields."""
        entri = None
        for i, j in enumerate(self.dok.daftar_isi):
            entri = self.paragraf()
            if i == 0:
                _buka_field(entri, 'TOC \\o "1-4" \\h \\z \\u')
            _teks_run(entri, j.lengkap, bold=True if j.tingkat == 1 else None)
            entri.paragraph_format.left_indent = Cm(0.6 * (j.tingkat - 1))
            entri.paragraph_format.space_after = Pt(2)
        if entri is not None:
            _tutup_field(entri)

    def daftar_tabel(self) -> None:
        for tb in self.dok.daftar_tabel:
            self.paragraf(f"{tb.label} {tb.judul}").paragraph_format.space_after = Pt(2)

    def pk(self, blok: BlokPK) -> None:
        pk, dok = blok.pk, self.dok
        tengah = WD_ALIGN_PARAGRAPH.CENTER
        if not blok.pertama:
            self.doc.add_page_break()
        if blok.judul:
            self.judul(blok.judul)
        self.paragraf(f"PERNYATAAN {pk.judul.upper()}\n{dok.opd.nama.upper()}\nTAHUN {pk.tahun}", rata=tengah,
                      bold=True)
        self.paragraf(
            "Untuk mewujudkan pemerintahan yang efektif, transparan, akuntabel dan berorientasi pada hasil, "
            "kami yang bertanda tangan di bawah ini:"
        )
        self._identitas([
            ("Nama", pk.pihak_pertama_nama), ("Jabatan", pk.pihak_pertama_jabatan),
            ("", "selanjutnya disebut pihak pertama,"),
            ("Nama", pk.pihak_kedua_nama), ("Jabatan", pk.pihak_kedua_jabatan),
            ("", "selaku atasan langsung pihak pertama, selanjutnya disebut pihak kedua."),
        ])
        self.paragraf(
            f"Pihak pertama berjanji mewujudkan target kinerja tahun {pk.tahun} sebagaimana tercantum dalam "
            "lampiran perjanjian ini, sebagai bagian dari pencapaian target jangka menengah dalam dokumen "
            "perencanaan. Keberhasilan dan kegagalan pencapaian target tersebut menjadi tanggung jawab pihak "
            "pertama."
        )
        self.paragraf(
            "Pihak kedua memberikan supervisi yang diperlukan, mengevaluasi capaian kinerja atas perjanjian ini, "
            "dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan dan sanksi."
        )
        if pk.alasan_perubahan:
            self.paragraf(f"Alasan perubahan: {pk.alasan_perubahan}")
        tempat = pk.tempat or dok.opd.pemda.nama
        self.paragraf(f"{tempat}, {pk.tanggal_tampil}", rata=WD_ALIGN_PARAGRAPH.RIGHT)
        self._dua_pihak(
            f"Pihak Kedua,\n{pk.pihak_kedua_jabatan.upper()}", pk.pihak_kedua_nama, [],
            f"Pihak Pertama,\n{pk.pihak_pertama_jabatan.upper()}", pk.pihak_pertama_nama, self._pangkat_nip(pk),
        )
        self.doc.add_page_break()
        self.paragraf(f"{pk.judul.upper()}\nTAHUN {pk.tahun}", rata=tengah, bold=True)
        identitas = [("Nama", pk.pihak_pertama_nama)]
        if pk.pihak_pertama_nip:
            identitas.append(("NIP", pk.pihak_pertama_nip))
        if pk.pihak_pertama_pangkat:
            identitas.append(("Pangkat/Gol.", pk.pihak_pertama_pangkat))
        identitas += [("Jabatan", pk.pihak_pertama_jabatan), ("Perangkat Daerah", dok.opd.nama.upper()),
                      ("Tahun", str(pk.tahun))]
        self._identitas(identitas)
        self.tabel(blok.tabel_kinerja)
        self.tabel(blok.tabel_anggaran)
        self._dua_pihak(
            f"Mengetahui,\nPejabat Atasan Langsung\n{pk.pihak_kedua_jabatan.upper()}", pk.pihak_kedua_nama, [],
            f"{tempat}, {pk.tanggal_tampil}\n{pk.pihak_pertama_jabatan.upper()}", pk.pihak_pertama_nama,
            self._pangkat_nip(pk),
        )

    @staticmethod
    def _pangkat_nip(pk) -> list[str]:
        baris = [pk.pihak_pertama_pangkat] if pk.pihak_pertama_pangkat else []
        return baris + ([f"NIP. {pk.pihak_pertama_nip}"] if pk.pihak_pertama_nip else [])

    def _identitas(self, baris: list[tuple[str, str]]) -> None:
        tabel = self.doc.add_table(rows=len(baris), cols=2)
        for row, (label, isi) in zip(tabel.rows, baris, strict=True):
            kiri, kanan = row.cells
            if label:
                kiri.text, kanan.text = label, f": {isi}"
            else:
                kiri.merge(kanan).text = isi
        for row in tabel.rows:
            row.cells[0].width, row.cells[1].width = Cm(4), self.lebar_isi - Cm(4)

    def _dua_pihak(self, kiri: str, nama_kiri: str, tambahan_kiri: list[str], kanan: str, nama_kanan: str,
                   tambahan_kanan: list[str]) -> None:
        tabel = self.doc.add_table(rows=1, cols=2)
        for cell, atas, nama, tambahan in (
            (tabel.rows[0].cells[0], kiri, nama_kiri, tambahan_kiri),
            (tabel.rows[0].cells[1], kanan, nama_kanan, tambahan_kanan),
        ):
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _teks_run(p, atas + "\n\n\n\n")
            _teks_run(p, nama, bold=True, underline=True)
            if tambahan:
                _teks_run(p, "\n" + "\n".join(tambahan))


# --------------------------------------------------------------------------------------------
# Tables of figures
# --------------------------------------------------------------------------------------------


def _isi_sel(cell, sel: Sel, gaya_id: str, *, tebal: bool = False, rata=None) -> None:
    p = cell.paragraphs[0]
    # By id: python-docx looks a style name up through every style of the document, for every cell.
    p._p.get_or_add_pPr().style = gaya_id
    if rata is not None:
        p.alignment = rata
    _teks_run(p, sel.teks, bold=True if (tebal or sel.tebal) else None)


def _letak(baris_sel: list[list[Sel]]) -> list[list[tuple[int, Sel]]]:
    """The grid column of every cell, skipping the slots a rowspan from a row above still covers."""
    terisi: set[tuple[int, int]] = set()
    hasil = []
    for r, baris in enumerate(baris_sel):
        c = 0
        letak = []
        for sel in baris:
            while (r, c) in terisi:
                c += 1
            letak.append((c, sel))
            for dr in range(sel.rowspan):
                for dc in range(sel.colspan):
                    terisi.add((r + dr, c + dc))
            c += sel.colspan
        hasil.append(letak)
    return hasil


def tulis_tabel(penulis: PenulisDocx, tabel: Tabel, *, kolom: int | None = None):
    """A table of figures: header rows repeated on every page, merges where the HTML merges, figures
    right-aligned, programme and total rows bold on a light fill, column widths as the print layout's."""
    doc = penulis.doc
    kolom = kolom or tabel.jumlah_kolom or max((sum(s.colspan for s in b.sel) for b in tabel.baris), default=1)
    badan = [list(b.sel) for b in tabel.baris] or [[Sel("Belum ada data.", colspan=kolom)]]
    jenis = [b.jenis for b in tabel.baris] or [""]
    semua = [*tabel.kepala, *badan]
    t = doc.add_table(rows=len(semua), cols=kolom)
    t.style = doc.styles[GAYA_TABEL]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    # Cells are looked up once, before any merge: python-docx walks the whole grid on every lookup.
    grid = [row.cells for row in t.rows]
    gaya_id = doc.styles[GAYA_ISI_TABEL].style_id
    n_kepala = len(tabel.kepala)
    gabung = []
    for r, letak in enumerate(_letak(semua)):
        kepala = r < n_kepala
        jenis_baris = "" if kepala else jenis[r - n_kepala]
        for c, sel in letak:
            if c >= kolom:
                continue
            cell = grid[r][c]
            if kepala:
                _isi_sel(cell, sel, gaya_id, tebal=True, rata=WD_ALIGN_PARAGRAPH.CENTER)
            else:
                angka = sel.angka or sel.teks == KOSONG
                _isi_sel(cell, sel, gaya_id, tebal=jenis_baris in ("program", "jumlah"),
                         rata=WD_ALIGN_PARAGRAPH.RIGHT if angka else None)
            if sel.rowspan > 1 or sel.colspan > 1:
                r2 = min(r + sel.rowspan, len(semua)) - 1
                c2 = min(c + sel.colspan, kolom) - 1
                gabung.append((r, c, r2, c2))
            warna = WARNA_KEPALA if kepala else (WARNA_JUMLAH if jenis_baris in ("program", "jumlah") else None)
            if warna:
                for dr in range(sel.rowspan):
                    for dc in range(sel.colspan):
                        if r + dr < len(semua) and c + dc < kolom:
                            _arsir(grid[r + dr][c + dc], warna)
    for r in range(n_kepala):
        _ulang_di_tiap_halaman(t.rows[r])
    for row in t.rows:
        _tak_terpecah(row)
    lebar = tabel.lebar if len(tabel.lebar) == kolom else (1,) * kolom
    total = sum(lebar) or 1
    lebar_isi = penulis.lebar_isi
    for baris in grid:
        for c, cell in enumerate(baris):
            cell.width = int(lebar_isi * lebar[c] / total)
    for r, c, r2, c2 in gabung:
        grid[r][c].merge(grid[r2][c2])
    return t


# --------------------------------------------------------------------------------------------
# Sanitised HTML (narratives, block partials) to paragraphs
# --------------------------------------------------------------------------------------------

BLOK_HTML = {"p", "div", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
             "figcaption", "section", "figure", "ul", "ol", "dl", "hr"}
GAYA_INLINE = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "u": "underline",
               "s": "strike", "sub": "subscript", "sup": "superscript", "dt": "bold", "th": "bold"}
_SPASI = re.compile(r"\s+")


class PenulisHTML(HTMLParser):
    """A small HTML reader for the tags the narratives allow (and the partials use): paragraphs, inline
    styles, lists (numbered ones numbered in the text, so each list starts at its own 1), line breaks,
    tables with their merges, images of the OPD's own files. SVG content is skipped (charts and QR codes
    have writers of their own)."""

    def __init__(self, penulis: PenulisDocx):
        super().__init__(convert_charrefs=True)
        self.penulis = penulis
        self.p = None
        self.gaya: list[str] = []
        self.daftar: list[list] = []  # [tag, next number]
        self.lompat = 0  # depth inside <svg>
        self.pre = 0
        self.tabel: list | None = None  # rows of [text, bold, colspan, rowspan] while inside a <table>
        self.sel: list | None = None

    def tulis(self, html: str) -> None:
        self.feed(html)
        self.close()

    # --- paragraphs ---------------------------------------------------------------------------

    def _paragraf(self):
        if self.p is None:
            self.p = self.penulis.doc.add_paragraph()
            if self.daftar:
                tag, nomor = self.daftar[-1]
                self.p.paragraph_format.left_indent = Cm(0.75 * len(self.daftar))
                self.p.paragraph_format.first_line_indent = Cm(-0.5)
                awalan = f"{nomor}.\t" if tag == "ol" else "•\t"
                self.p.add_run(awalan)
                self.p.paragraph_format.tab_stops.add_tab_stop(Cm(0.75 * len(self.daftar)))
        return self.p

    def _tutup(self) -> None:
        self.p = None

    def handle_starttag(self, tag, attrs):
        atribut = dict(attrs)
        if tag == "svg" or self.lompat:
            self.lompat += 1
            return
        if self.tabel is not None:
            self._tag_tabel(tag, atribut, buka=True)
            return
        if tag == "table":
            self._tutup()
            self.tabel = []
            return
        if tag in BLOK_HTML:
            self._tutup()
        if tag in ("ul", "ol"):
            self.daftar.append([tag, int(atribut.get("start") or 1) if tag == "ol" else 0])
        elif tag == "li" and self.daftar:
            self._paragraf()
            self.daftar[-1][1] += 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.p = self.penulis.doc.add_heading(level=min(int(tag[1]) + 1, 4) if tag != "h1" else 1)
        elif tag == "br":
            self._paragraf().add_run().add_break()
        elif tag == "pre":
            self.pre += 1
        elif tag == "img":
            self._gambar(atribut)
        if tag in GAYA_INLINE or tag == "code":
            self.gaya.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "img", "hr"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.lompat:
            self.lompat -= 1
            return
        if self.tabel is not None:
            if tag == "table":
                baris, self.tabel = self.tabel, None
                self._tulis_tabel_html(baris)
            else:
                self._tag_tabel(tag, {}, buka=False)
            return
        if tag in GAYA_INLINE or tag == "code":
            for i in range(len(self.gaya) - 1, -1, -1):
                if self.gaya[i] == tag:
                    del self.gaya[i]
                    break
        if tag in ("ul", "ol") and self.daftar:
            self.daftar.pop()
        if tag == "pre":
            self.pre = max(self.pre - 1, 0)
        if tag in BLOK_HTML:
            self._tutup()

    def handle_data(self, data):
        if self.lompat:
            return
        if self.tabel is not None:
            if self.sel is not None:
                self.sel[0] += data
            return
        teks = data if self.pre else _SPASI.sub(" ", data)
        if self.p is None or not self.p.text:
            teks = teks.lstrip()
        if not teks:
            return
        run = self._paragraf().add_run(teks)
        font = run.font
        for g in self.gaya:
            if g == "code":
                font.name = "Courier New"
            else:
                setattr(font, GAYA_INLINE[g], True)

    # --- images ------------------------------------------------------------------------------

    def _gambar(self, atribut: dict) -> None:
        from lkjip.laporan.pdf import berkas_media, berkas_statis  # the PDF's own checks on stored files

        src = (atribut.get("src") or "").split("?")[0]
        alt = atribut.get("alt") or "gambar"
        berkas: Path | None = None
        if src.startswith("/media/"):
            berkas = berkas_media(src.removeprefix("/media/"), self.penulis.dok.opd.pk)
        elif src.startswith("/static/"):
            berkas = berkas_statis(src.removeprefix("/static/"))
        if berkas is not None and berkas.suffix.lower() in (".png", ".jpg", ".jpeg", ".gif"):
            try:
                self._paragraf().add_run().add_picture(str(berkas), width=min(Cm(15), self.penulis.lebar_isi))
                return
            except Exception:  # noqa: BLE001, S110 - an unreadable picture becomes its description
                pass
        run = self._paragraf().add_run(f"[{alt}]")
        run.font.italic = True

    # --- tables ------------------------------------------------------------------------------

    def _tag_tabel(self, tag: str, atribut: dict, *, buka: bool) -> None:
        if tag == "tr" and buka:
            self.tabel.append([])
        elif tag in ("td", "th") and buka and self.tabel:
            self.sel = ["", tag == "th", int(atribut.get("colspan") or 1), int(atribut.get("rowspan") or 1)]
            self.tabel[-1].append(self.sel)
        elif tag in ("td", "th") and not buka:
            self.sel = None
        elif tag == "br" and self.sel is not None:
            self.sel[0] += "\n"

    def _tulis_tabel_html(self, baris: list[list]) -> None:
        baris = [b for b in baris if b]
        if not baris:
            return
        sel = [
            [Sel(_SPASI.sub(" ", t.replace("\n", "\x00")).replace("\x00", "\n").strip(), colspan=max(cs, 1),
                 rowspan=max(rs, 1), tebal=th) for t, th, cs, rs in b]
            for b in baris
        ]
        kepala_n = 0
        while kepala_n < len(baris) and all(s[1] for s in baris[kepala_n]):
            kepala_n += 1
        kolom = max((c + s.colspan for row in _letak(sel) for c, s in row), default=1)
        tabel = Tabel("narasi", "", kepala=sel[:kepala_n], baris=[Baris(tuple(b)) for b in sel[kepala_n:]])
        tulis_tabel(self.penulis, tabel, kolom=kolom)
        self._tutup()
