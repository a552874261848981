"""HTML to PDF with WeasyPrint, fetching nothing but this site's own files, and the stored renders.

WeasyPrint would happily follow any URL in the HTML (http, file, ...). `PengambilAman` is the only
fetcher it gets: it serves the site's static files and the images the report's own OPD stored (its
evidence, under `bukti/<opd id>/` in MEDIA_ROOT) from disk, allows small `data:` images, and refuses
everything else, another OPD's files included, before any connection or file is opened.
The print CSS is inlined, and charts and QR codes are inline SVG, so a report needs no fetch at all
unless a narrative shows a stored image.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata
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


def folder_media_opd(opd_id: int) -> str:
    """The part of MEDIA_ROOT that holds an OPD's own stored files (its evidence uploads)."""
    return f"bukti/{int(opd_id)}/"


def berkas_media(relatif: str, opd_id: int | None) -> Path | None:
    """A stored image of the OPD `opd_id` under MEDIA_ROOT, never outside it and never another OPD's."""
    akar = Path(settings.MEDIA_ROOT)
    calon = akar / relatif
    if ".." in Path(relatif).parts or Path(relatif).suffix.lower() not in AKHIRAN_GAMBAR:
        return None
    if opd_id is None or not relatif.startswith(folder_media_opd(opd_id)):
        return None
    if _di_dalam(calon, akar) and calon.is_file():
        return calon
    return None


def render_pdf(html: str, *, opd_id: int | None) -> bytes:
    """The PDF of a print HTML of the OPD `opd_id`, fetching only what `PengambilAman` allows.

    WeasyPrint is imported here, on the first render, not when the site loads: every management
    command and every web worker would otherwise pay about two seconds for it at start-up."""
    from lkjip.laporan.weasy import render_pdf as render

    return render(html, opd_id=opd_id)


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
        {
            "dok": dok,
            "opd": dok.opd,
            "cetak": True,
            "draft": dok.draft,
            "qr": qr,
            "css_cetak": mark_safe(css_cetak()),  # noqa: S308 - the site's own print CSS
        },
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
# Stored renders: a PDF is rendered again only when what it shows, or the code that lays it out, changed
# --------------------------------------------------------------------------------------------

# What the layout of a PDF depends on besides the data: the report's code and templates, the print CSS,
# the engine and the display helpers that compute and format its figures.
SUMBER_TATA_LETAK = (
    "lkjip/laporan",
    "templates/laporan",
    "static/laporan",
    "capaian/engine.py",
    "inti/tampilan.py",
)


@cache
def versi_render() -> str:
    """The layout version of a render: the app's and WeasyPrint's versions and a hash of every file in
    `SUMBER_TATA_LETAK`. Computed once per process (a deployment restarts its processes)."""
    h = hashlib.sha256()
    for paket in ("sakip-lkjip", "weasyprint"):
        try:
            h.update(f"{paket}={metadata.version(paket)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{paket}=?\n".encode())
    akar = Path(settings.BASE_DIR)
    for sumber in SUMBER_TATA_LETAK:
        jalur = akar / sumber
        berkas = sorted(jalur.rglob("*")) if jalur.is_dir() else [jalur]
        for b in berkas:
            if b.is_file() and "__pycache__" not in b.parts:
                h.update(str(b.relative_to(akar)).encode() + b"\0" + b.read_bytes())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class Render:
    """A stored PDF: where it is under MEDIA_ROOT and the name it is downloaded as."""

    nama: str  # storage name, relative to MEDIA_ROOT
    nama_berkas: str

    @property
    def path(self) -> Path:
        return Path(settings.MEDIA_ROOT) / self.nama


class SimpananRender:
    """The stored renders of one kind of PDF of one OPD-year ("lkjip", "pk0", ...): at most one, the
    latest, named by the data version (`inti.versi.token_opd`) and the layout version it was made from.

    A caller reads the data version before it builds anything, then asks `cari` (no document is built,
    nothing is rendered when a render with that version exists) or `simpan`s the PDF it rendered.
    A version of None means "unknown": nothing is found or stored under it.
    """

    def __init__(self, opd_id: int, tahun: int, jenis: str):
        self.folder_relatif = f"laporan/render/{opd_id}/{tahun}/{jenis}"

    @property
    def folder(self) -> Path:
        return Path(settings.MEDIA_ROOT) / self.folder_relatif

    @staticmethod
    def _awalan(token: str) -> str:
        return f"{token}--{versi_render()}--"

    def cari(self, token: str | None) -> Render | None:
        if token is None or not self.folder.is_dir():
            return None
        awalan = self._awalan(token)
        for berkas in self.folder.iterdir():
            if berkas.name.startswith(awalan) and berkas.suffix == ".pdf":
                return Render(f"{self.folder_relatif}/{berkas.name}", berkas.name.removeprefix(awalan))
        return None

    def simpan(self, token: str | None, nama_berkas: str, pdf: bytes) -> Render | None:
        """Store the PDF rendered from the data of version `token`, replacing the older renders."""
        if token is None:
            return None
        folder = self.folder
        folder.mkdir(parents=True, exist_ok=True)
        nama = self._awalan(token) + Path(nama_berkas).name
        # Written under a temporary name and renamed: a reader never sees half a file.
        fd, sementara = tempfile.mkstemp(dir=folder, prefix=".tulis-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(pdf)
        os.replace(sementara, folder / nama)
        for lama in folder.iterdir():
            if lama.name != nama and not lama.name.startswith(".tulis-"):
                lama.unlink(missing_ok=True)
        return Render(f"{self.folder_relatif}/{nama}", Path(nama_berkas).name)
