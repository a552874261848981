"""The LKjIP's outputs on the site's export contract (`inti.ekspor.Ekspor`): file name, content type, bytes.

- `LaporanHTML`: the self-contained print HTML, which `LaporanPDF` renders;
- `LaporanPDF`: the report as PDF (rendered each time: the draft's renders are stored by
  `lkjip.laporan.tugas` under the data version, a signed revision is rendered once and archived);
- `LaporanXlsx`: every table of the report, one sheet each;
- `PKPDF`: one PK version of the lampiran printed on its own;
- `CapaianTeks`, `CapaianJSON`: what the `capaian` command prints.

The views answer them with `respons_unduhan`, sign-off stores `LaporanPDF` and `LaporanXlsx` of the signed
document, the draft render task stores `LaporanPDF`, and the command writes `isi()`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

from capaian.engine import HasilOPD
from inti.ekspor import JENIS_HTML, JENIS_JSON, JENIS_PDF, JENIS_TEKS, Ekspor, EksporXlsx
from lkjip.laporan.blok import BlokPK
from lkjip.laporan.dokumen import Dokumen
from lkjip.laporan.pdf import html_laporan, html_pk, render_pdf
from lkjip.laporan.teks import keluaran_json, keluaran_teks
from lkjip.laporan.xlsx import buat_workbook


def nama_berkas_laporan(opd, tahun: int, revisi: int, akhiran: str, *, draft: bool) -> str:
    """ "LKjIP-disperindag-2022-revisi1-DRAF.pdf" for a draft, without "-DRAF" for a signed revision."""
    return f"LKjIP-{opd.kode}-{tahun}-revisi{revisi}{'-DRAF' if draft else ''}.{akhiran}"


def _nama(dok: Dokumen, akhiran: str) -> str:
    return nama_berkas_laporan(dok.opd, dok.tahun, dok.revisi, akhiran, draft=dok.draft)


@dataclass
class LaporanHTML(Ekspor):
    dok: Dokumen
    jenis_konten = JENIS_HTML

    def nama_berkas(self) -> str:
        return _nama(self.dok, "html")

    @cached_property
    def html(self) -> str:
        return html_laporan(self.dok)

    def isi(self) -> bytes:
        return self.html.encode("utf-8")


@dataclass
class LaporanPDF(Ekspor):
    """The report as PDF, rendered from its print HTML."""

    dok: Dokumen
    jenis_konten = JENIS_PDF

    def nama_berkas(self) -> str:
        return _nama(self.dok, "pdf")

    @cached_property
    def _pdf(self) -> bytes:
        return render_pdf(LaporanHTML(self.dok).html, opd_id=self.dok.opd.pk)

    def isi(self) -> bytes:
        return self._pdf


@dataclass
class LaporanXlsx(EksporXlsx):
    dok: Dokumen

    def nama_berkas(self) -> str:
        return _nama(self.dok, "xlsx")

    def buku_kerja(self):
        return buat_workbook(self.dok)


@dataclass
class PKPDF(Ekspor):
    """A PK version of the lampiran printed on its own, as signed."""

    dok: Dokumen
    blok: BlokPK
    jenis_konten = JENIS_PDF

    def nama_berkas(self) -> str:
        revisi = self.blok.pk.revisi
        nama = "PK" if revisi == 0 else f"PK-Perubahan-{revisi}"
        return f"{nama}-{self.dok.opd.kode}-{self.dok.tahun}.pdf"

    @cached_property
    def _pdf(self) -> bytes:
        return render_pdf(html_pk(self.dok, self.blok), opd_id=self.dok.opd.pk)

    def isi(self) -> bytes:
        return self._pdf


def _nama_capaian(hasil: HasilOPD, akhiran: str) -> str:
    return f"capaian-{hasil.opd.kode}-{hasil.tahun}-tw{hasil.tribulan}.{akhiran}"


@dataclass
class CapaianTeks(Ekspor):
    """The report's tables as plain text, then the checker's findings (`lkjip.laporan.teks`)."""

    dok: Dokumen
    jenis_konten = JENIS_TEKS

    def nama_berkas(self) -> str:
        return _nama_capaian(self.dok.hasil, "txt")

    def isi(self) -> bytes:
        return ("\n".join(keluaran_teks(self.dok)) + "\n").encode("utf-8")


@dataclass
class CapaianJSON(Ekspor):
    """The engine's figures of the OPD-year as one JSON object (`lkjip.laporan.teks.keluaran_json`)."""

    hasil: HasilOPD
    jenis_konten = JENIS_JSON

    def nama_berkas(self) -> str:
        return _nama_capaian(self.hasil, "json")

    def isi(self) -> bytes:
        return (json.dumps(keluaran_json(self.hasil), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
