"""The error pages: 400, 403, 404, 500 and a refused CSRF check, in Indonesian, in the site's layout, each
with a way back.

Django's own pages are English and bare. The reason shown is the exception's message when the site
raised it with one (`Http404("OPD tidak ditemukan.")`, `PermissionDenied("Anda hanya dapat membaca ...")`);
Django's own messages (English, or a resolver's details) are replaced by a plain Indonesian sentence.
The 500 page is standalone: it is drawn when anything, even the database, may be failing, so it needs no
user, no session and no query.
"""

from __future__ import annotations

import re

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import get_template

_INGGRIS = re.compile(
    r"\b(No|not|found|matches|the given query|Forbidden|Permission|denied|Page|Resolver|path|tried|CSRF|"
    r"Referer|cookie|token|Bad Request|Invalid)\b"
)

JUDUL = {
    400: "Permintaan tidak dapat diproses",
    403: "Akses ditolak",
    404: "Halaman tidak ditemukan",
}
PENJELASAN = {
    400: "Permintaan yang dikirim tidak lengkap atau tidak sah.",
    403: "Anda tidak memiliki izin untuk membuka halaman atau menjalankan tindakan ini.",
    404: "Halaman atau data yang Anda cari tidak ada, sudah dihapus, atau tidak dapat Anda lihat.",
}


def _alasan(exception) -> str:
    """The site's own Indonesian message of the exception, or ''."""
    if exception is None:
        return ""
    pesan = exception.args[0] if getattr(exception, "args", None) else ""
    if not isinstance(pesan, str) or not pesan.strip() or _INGGRIS.search(pesan):
        return ""
    return pesan.strip()


def _halaman(request, status: int, exception=None, *, tambahan: str = ""):
    konteks = {
        "status": status,
        "judul": JUDUL[status],
        "penjelasan": PENJELASAN[status],
        "alasan": _alasan(exception),
        "tambahan": tambahan,
    }
    return render(request, "galat.html", konteks, status=status)


def permintaan_salah(request, exception=None):
    return _halaman(request, 400, exception)


def akses_ditolak(request, exception=None):
    return _halaman(request, 403, exception)


def tidak_ditemukan(request, exception=None):
    return _halaman(request, 404, exception)


def csrf_gagal(request, reason: str = ""):
    """A form sent without a valid CSRF token: usually a page left open across a sign-out or a restart."""
    return _halaman(
        request,
        403,
        tambahan=(
            "Formulir ini sudah kedaluwarsa atau browser tidak mengirim cookie keamanannya. Muat ulang halaman "
            "sebelumnya, lalu kirim lagi; bila terus terjadi, pastikan cookie untuk situs ini diizinkan."
        ),
    )


def galat_server(request):
    return HttpResponseServerError(get_template("500.html").render({}))
