"""Every request body bounded while it streams: one limit per endpoint, refused with HTTP 413.

`BatasUnggahMiddleware` runs before anything reads `request.POST` (the CSRF check does). For a request
with a body it looks up the limit of the URL (`BATAS`, by URL name; every other URL gets the form limit,
`settings.DATA_UPLOAD_MAX_MEMORY_SIZE`), then:

1. refuses at once, without reading a byte, when the declared Content-Length is above the limit plus
   `CADANGAN_MULTIPART` (the boundaries and the small fields that travel with a file);
2. for a form POST (multipart or urlencoded), parses the body there and then; for multipart, with a
   counting handler (`HandlerBatas`) first in the upload-handler chain. The counter sees every chunk of
   file content before the memory and temporary-file handlers do; the chunk that would pass the limit
   (plus the same `CADANGAN_MULTIPART`) is never handed on, the upload stops without reading the rest
   of the body, the partial temporary file is closed (and so deleted) and the view never runs. Fields
   without files above DATA_UPLOAD_MAX_MEMORY_SIZE (Django's RequestDataTooBig) get the 413 too.

Under WSGI Django reads at most Content-Length bytes of a body (a request without one, e.g. chunked,
has an empty body), so (1) bounds what is read, and (2) bounds what is written even if the declared
length and the content disagree. Non-file fields are held in memory up to DATA_UPLOAD_MAX_MEMORY_SIZE
in total (Django's own check).

The limit of a file endpoint sits a little above the size its form accepts (`CADANGAN_MULTIPART`), so
a file just over the form's limit still gets the form's own message; anything bigger gets the 413 page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

MB = 1024 * 1024

# The public check of a signed PDF. An archived LKjIP is a few hundred KB (docs/SKALA.md); 20 MB leaves
# room for a report full of charts and scanned attachments.
VERIFIKASI_MAKS_BYTE = 20 * MB
# Room for what travels with a file in a multipart body: boundaries, part headers, the CSRF token and
# the form's small fields (a 300-character note, a hash).
CADANGAN_MULTIPART = 64 * 1024
# Bodies never parsed as a form.
METODE_TANPA_BADAN = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Bodies Django parses into request.POST.
FORMULIR = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})


def _bukti() -> int:
    return int(getattr(settings, "BUKTI_MAKS_BYTE", 5 * MB))


def _excel() -> int:
    return int(getattr(settings, "EXCEL_MAKS_BYTE", 5 * MB))


def _verifikasi() -> int:
    return VERIFIKASI_MAKS_BYTE


# The endpoints that accept a file, by URL name: the size of the file each accepts. Read per request,
# so a changed setting (or a test's override) applies at once.
BATAS: dict[str, Callable[[], int]] = {
    "laporan:verifikasi": _verifikasi,
    "laporan:verifikasi_kode": _verifikasi,
    "monev:bukti_unggah": _bukti,
    "excel:unggah": _excel,
    "dataset:unggah": _excel,
    "anggaran:unggah": _excel,
}


def batas_formulir() -> int:
    """The limit of every other body: a form without a file (the longest is a report narrative)."""
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 1 * MB)


@dataclass(frozen=True)
class Batas:
    byte: int  # the largest file (or, for a form without files, the largest body) accepted
    berkas: bool  # whether this endpoint takes a file: decides the wording of the refusal


def batas_untuk(path_info: str) -> Batas:
    """The limit of a URL path: from `BATAS` by URL name, else the form limit."""
    try:
        nama = resolve(path_info).view_name
    except Resolver404:
        nama = ""
    if nama in BATAS:
        return Batas(BATAS[nama](), berkas=True)
    return Batas(batas_formulir(), berkas=False)


def teks_ukuran(byte: int) -> str:
    """A size in Indonesian notation: 20 MB, 1,5 MB, 64 KB, 900 byte."""
    for satuan, besar in (("MB", MB), ("KB", 1024)):
        if byte >= besar:
            angka = f"{byte / besar:.1f}".replace(".", ",").removesuffix(",0")
            return f"{angka} {satuan}"
    return f"{byte} byte"


def pesan_tolak(batas: Batas) -> str:
    if batas.berkas:
        return (
            f"Berkas terlalu besar: paling besar {teks_ukuran(batas.byte)}. "
            "Tidak ada yang disimpan; pilih berkas yang lebih kecil lalu kirim lagi."
        )
    return (
        f"Data yang dikirim terlalu besar: paling besar {teks_ukuran(batas.byte)}. "
        "Tidak ada yang disimpan; perpendek isian lalu kirim lagi."
    )


@dataclass
class Hitungan:
    """Bytes of file content of one request, shared by its counting handler and the middleware."""

    batas: int
    diterima: int = 0
    melampaui: bool = False


class HandlerBatas(FileUploadHandler):
    """First handler of the chain: counts file content and stops the upload before it passes the limit.

    Returning the chunk hands it on to the next handler (memory or temporary file); raising StopUpload
    before that means they never receive the chunk that would cross the limit.
    """

    def __init__(self, hitungan: Hitungan, request: HttpRequest | None = None):
        super().__init__(request)
        self.hitungan = hitungan

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.hitungan.diterima += len(raw_data)
        if self.hitungan.diterima > self.hitungan.batas:
            self.hitungan.melampaui = True
            # connection_reset: the rest of the body is left unread, not drained.
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _panjang(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _alamat_kembali(request: HttpRequest) -> str:
    asal = request.META.get("HTTP_REFERER", "")
    if asal and url_has_allowed_host_and_scheme(asal, allowed_hosts={request.get_host()}):
        return asal
    return "/"


def respons_terlalu_besar(request: HttpRequest, batas: Batas) -> HttpResponse:
    """413: a short text for htmx, otherwise a page of its own (nothing of the request is needed to draw
    it: the middleware answers before sessions and users are loaded)."""
    pesan = pesan_tolak(batas)
    if request.headers.get("HX-Request") == "true":
        return HttpResponse(pesan, status=413, content_type="text/plain; charset=utf-8")
    html = render_to_string("413.html", {"pesan": pesan, "kembali": _alamat_kembali(request)})
    return HttpResponse(html, status=413)


class BatasUnggahMiddleware:
    """See the module docstring. Place it before any middleware that reads `request.POST` (CSRF)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in METODE_TANPA_BADAN:
            return self.get_response(request)
        batas = batas_untuk(request.path_info)
        multipart = request.content_type == "multipart/form-data"
        panjang = _panjang(request)
        if panjang > batas.byte + (CADANGAN_MULTIPART if multipart else 0):
            return self._tolak(request, batas, f"Content-Length {panjang}")
        if request.method == "POST" and request.content_type in FORMULIR:
            hitungan = Hitungan(batas.byte + CADANGAN_MULTIPART)
            if multipart:
                # The same room as for the declared length: a file just over the form's limit gets the
                # form's own message; not a byte more is ever handed to the memory or temporary file.
                request.upload_handlers = [HandlerBatas(hitungan, request), *request.upload_handlers]
            # Parse now, under the counter, before anything else reads the form. A client that went away
            # leaves an empty form for the CSRF check and the view, as before.
            try:
                request.POST  # noqa: B018
            except UnreadablePostError:
                pass
            except RequestDataTooBig:
                # The fields without files together above DATA_UPLOAD_MAX_MEMORY_SIZE (Django's check).
                return self._tolak(request, Batas(batas_formulir(), berkas=False), "isian terlalu besar")
            if hitungan.melampaui:
                return self._tolak(request, batas, f"lebih dari {hitungan.batas} byte berkas")
        return self.get_response(request)

    def _tolak(self, request: HttpRequest, batas: Batas, sebab: str) -> HttpResponse:
        logger.warning("Unggahan ditolak (413) di %s: %s, batas %s byte", request.path, sebab, batas.byte)
        return respons_terlalu_besar(request, batas)
