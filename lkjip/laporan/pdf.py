"""HTML to PDF with WeasyPrint, fetching nothing but this site's own files, and the render cache.

WeasyPrint would happily follow any URL in the HTML (http, file, ...). `PengambilAman` is the only
fetcher it gets: it serves the site's static files and the images stored under MEDIA_ROOT from disk,
allows small `data:` images, and refuses everything else before any connection or file is opened.
The print CSS is inlined, and charts and QR codes are inline SVG, so a report needs no fetch at all
unless a narrative shows a stored image.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import replace
from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from lkjip.laporan.blok import BlokPK
from lkjip.laporan.dokumen import Dokumen

# The base URL the print HTML is rendered against. ".invalid" can never resolve (RFC 2606), so even a
# fetcher bug could not reach a real host with it; only this fetcher maps it to files on disk.
ASAL = "https://sakip.invalid"
BATAS_DATA_URI = 512 * 1024
AKHIRAN_GAMBAR = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}


class AksesDitolak(ValueError):
    """A resource the report may not load; WeasyPrint leaves it out and goes on."""


def _awalan(url_setting: str) -> str:
    return "/" + url_setting.strip("/") + "/"


def _di_dalam(path: Path, akar: Path) -> bool:
    try:
        return path.resolve().is_relative_to(akar.resolve())
    except (OSError, RuntimeError):
        return False


def berkas_statis(relatif: str) -> Path | None:
    """A static file of the site (app or project static dirs, or STATIC_ROOT), never outside them."""
    if ".." in Path(relatif).parts:
        return None
    try:
        ditemukan = finders.find(relatif)
    except SuspiciousFileOperation:
        return None
    if ditemukan:
        return Path(ditemukan)
    if settings.STATIC_ROOT:
        akar = Path(settings.STATIC_ROOT)
        calon = akar / relatif
        if _di_dalam(calon, akar) and calon.is_file():
            return calon
    return None


def berkas_media(relatif: str) -> Path | None:
    """A stored image under MEDIA_ROOT, never outside it."""
    akar = Path(settings.MEDIA_ROOT)
    calon = akar / relatif
    if ".." in Path(relatif).parts or Path(relatif).suffix.lower() not in AKHIRAN_GAMBAR:
        return None
    if _di_dalam(calon, akar) and calon.is_file():
        return calon
    return None


def render_pdf(html: str) -> bytes:
    """The PDF of a print HTML, fetching only what `PengambilAman` allows.

    WeasyPrint is imported here, on the first render, not when the site loads: every management
    command and every web worker would otherwise pay about two seconds for it at start-up."""
    from lkjip.laporan.weasy import render_pdf as render

    return render(html)


def __getattr__(nama: str):
    # The fetcher subclasses WeasyPrint's, so it lives beside the import: lkjip/laporan/weasy.py.
    if nama == "PengambilAman":
        from lkjip.laporan.weasy import PengambilAman

        return PengambilAman
    raise AttributeError(f"module {__name__!r} has no attribute {nama!r}")


def css_cetak() -> str:
    berkas = berkas_statis("laporan/cetak.css")
    return berkas.read_text(encoding="utf-8") if berkas else ""


def qr_svg(url: str) -> SafeString:
    """A QR code of the verification URL as inline SVG (segno escapes nothing user-written: the URL is ours)."""
    svg = segno.make(url, error="m").svg_inline(scale=3, border=2, omitsize=False)
    return mark_safe(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))  # noqa: S308


def html_laporan(dok: Dokumen) -> str:
    """The self-contained print HTML of the report (CSS inline, charts and QR inline SVG)."""
    qr = qr_svg(dok.pengesahan.url_verifikasi) if dok.pengesahan else ""
    return render_to_string(
        "laporan/cetak/laporan.html",
        {"dok": dok, "opd": dok.opd, "cetak": True, "draft": dok.draft, "qr": qr, "css_cetak": mark_safe(css_cetak())},  # noqa: S308
    )


def html_pk(dok: Dokumen, blok: BlokPK) -> str:
    """A PK version printed on its own: the lampiran's statement and table(s), as signed, without the
    lampiran heading and starting on the first page."""
    return render_to_string(
        "laporan/cetak/pk.html",
        {
            "dok": dok,
            "blok": replace(blok, judul=None, pertama=True),
            "opd": dok.opd,
            "cetak": True,
            "draft": False,
            "css_cetak": mark_safe(css_cetak()),  # noqa: S308 - our own static file
        },
    )


# --------------------------------------------------------------------------------------------
# Render cache: a draft is rendered again only when what it shows has changed
# --------------------------------------------------------------------------------------------


def sidik(html: str) -> str:
    """The data fingerprint of a render: the SHA-256 of its print HTML, which holds every figure and
    text the PDF shows (and nothing time-dependent), so equal data means an equal key."""
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def _folder_cache() -> Path:
    return Path(settings.MEDIA_ROOT) / "laporan" / "cache"


def pdf_dengan_cache(awalan: str, html: str) -> tuple[bytes, bool]:
    """The PDF of `html`, from the stored render when one with the same fingerprint exists.

    Returns (pdf, from_cache). Older renders with the same `awalan` (one OPD-year) are removed.
    """
    folder = _folder_cache()
    berkas = folder / f"{awalan}-{sidik(html)}.pdf"
    if berkas.is_file():
        return berkas.read_bytes(), True
    pdf = render_pdf(html)
    folder.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name and renamed: a reader never sees half a file.
    fd, sementara = tempfile.mkstemp(dir=folder, prefix=".tulis-", suffix=".pdf")
    with os.fdopen(fd, "wb") as f:
        f.write(pdf)
    os.replace(sementara, berkas)
    for lama in folder.glob(f"{awalan}-*.pdf"):
        if lama != berkas:
            lama.unlink(missing_ok=True)
    return pdf, False
