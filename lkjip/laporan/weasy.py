"""The part of the PDF renderer that needs WeasyPrint, imported only when a PDF is made
(`lkjip.laporan.pdf.render_pdf`): the safe fetcher and the render itself."""

from __future__ import annotations

import logging
import mimetypes
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

from lkjip.laporan.pdf import ASAL, BATAS_DATA_URI, AksesDitolak, _awalan, berkas_media, berkas_statis

log = logging.getLogger("lkjip.laporan.pdf")


class PengambilAman(URLFetcher):
    """Serves the site's static files and the OPD's own stored images from disk; refuses every other URL
    (`opd_id` None: no stored file at all)."""

    def __init__(self, opd_id: int | None = None):
        super().__init__(timeout=1, allowed_protocols={"data"}, allow_redirects=False)
        self.opd_id = opd_id
        self.ditolak: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            if len(url) > BATAS_DATA_URI:
                return self._tolak(url)
            return super().fetch(url, headers)
        bagian = urlsplit(url)
        if f"{bagian.scheme}://{bagian.netloc}" != ASAL or bagian.query:
            return self._tolak(url)
        path = unquote(bagian.path)
        berkas = None
        if path.startswith(_awalan(settings.STATIC_URL)):
            berkas = berkas_statis(path.removeprefix(_awalan(settings.STATIC_URL)))
        elif path.startswith(_awalan(settings.MEDIA_URL)):
            berkas = berkas_media(path.removeprefix(_awalan(settings.MEDIA_URL)), self.opd_id)
        if berkas is None:
            return self._tolak(url)
        jenis = mimetypes.guess_type(berkas.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, berkas.read_bytes(), {"Content-Type": jenis})

    def _tolak(self, url: str):
        self.ditolak.append(url[:200])
        log.warning("Sumber luar ditolak saat membuat PDF: %s", url[:200])
        raise AksesDitolak(f"Sumber tidak diizinkan: {url[:200]}")


def render_pdf(html: str, *, opd_id: int | None) -> bytes:
    """The PDF of a print HTML of the OPD `opd_id`, fetching only what `PengambilAman` allows."""
    return weasyprint.HTML(string=html, base_url=ASAL + "/", url_fetcher=PengambilAman(opd_id)).write_pdf()
