"""Fixtures of the LKjIP tests: a private MEDIA_ROOT, the dataset's report rendered once, helpers."""

import io
import re
from dataclasses import dataclass
from decimal import Decimal

import pypdf
import pytest

from anggaran.models import RealisasiAnggaran
from inti.models import OPD
from lkjip.laporan.dokumen import Dokumen, dokumen_laporan
from lkjip.laporan.pdf import html_laporan, render_pdf


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path):
    """Archives and render caches go to a temporary folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def ubah_realisasi_anggaran(opd) -> None:
    """A data change every output shows: Tribulan IV spending of one sub kegiatan becomes Rp 8.000.000."""
    # Saved as any write is (not QuerySet.update, which no write of the app uses): the data version changes.
    realisasi = RealisasiAnggaran.objects.get(
        sub_kegiatan__kegiatan__program__opd=opd, sub_kegiatan__kode="3.31.02.2.01.0006", tribulan=4
    )
    realisasi.nilai = Decimal("8000000")
    realisasi.save()


def teks_halaman(pdf: bytes) -> list[str]:
    """The text of every page, whitespace collapsed to single spaces."""
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@dataclass
class PDFLaporan:
    dok: Dokumen
    html: str
    pdf: bytes
    halaman: list[str]

    @property
    def teks(self) -> str:
        return " ".join(self.halaman)


@pytest.fixture(scope="session")
def pdf_dataset(django_db_setup, django_db_blocker) -> PDFLaporan:
    """The dataset's 2022 report (Draft), built and rendered once for the whole session."""
    with django_db_blocker.unblock():
        dok = dokumen_laporan(OPD.objects.get(kode="disperindag"), 2022)
        html = html_laporan(dok)
    pdf = render_pdf(html, opd_id=dok.opd.pk)
    return PDFLaporan(dok, html, pdf, teks_halaman(pdf))
