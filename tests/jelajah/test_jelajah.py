"""A crawl as each persona (issue 13): from the home page, every link and GET form on every page the
persona reaches answers without an error and shows no error message; every POST form's action is a route
of the site.

Breadth first from "/", within the site, up to `BATAS` pages per persona. Variants of one path that differ
only in their query string (sorting, paging, filters) are followed a few times, not all: the crawl is
about reaching every screen. File downloads are requested and must answer 200 or a redirect to a job's
page; PDF and DOCX renders are not requested (tests/laporan render them), and POST forms are not sent
(their screens' tests do that), only resolved.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

pytestmark = pytest.mark.django_db

BATAS = 140
VARIAN_PER_JALUR = 2
# Renders that take seconds each, checked by their own tests; the admin site is Django's.
LEWATI = re.compile(r"/(pdf|docx)/$|^/admin/|^/keluar/|/unduh/$|^/static/|^/media/")
# What a page says when something went wrong. Bootstrap's error styles, Django's debug pages.
TANDA_GALAT = (
    "alert-danger",
    "is-invalid",
    "invalid-feedback d-block",
    "Traceback",
    "Page not found",
    "Server Error",
)


def _teks_terbaca(html: str) -> str:
    """The page's text outside tags, scripts and styles: what a reader sees."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return re.sub(r"<[^>]+>", " ", html)


class _Pengurai(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tautan: list[str] = []
        self.form: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.tautan.append(a["href"])
        elif tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action") or "", "isian": []}
            self.form.append(self._form)
        elif tag in ("input", "select") and self._form is not None and a.get("name"):
            if tag == "input" and a.get("type") in ("submit", "button", "file", "checkbox", "radio"):
                return
            self._form["isian"].append((a["name"], a.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _dalam_situs(url: str) -> bool:
    bagian = urlsplit(url)
    return not bagian.scheme and not bagian.netloc and url.startswith("/")


def _jelajah(klien) -> tuple[list[tuple[str, str]], int]:
    """(masalah, jumlah halaman): each problem as (URL, what)."""
    antre = deque(["/"])
    dilihat: set[str] = set()
    varian: Counter = Counter()
    masalah: list[tuple[str, str]] = []
    halaman = 0
    while antre and halaman < BATAS:
        url = antre.popleft()
        if url in dilihat:
            continue
        dilihat.add(url)
        jalur = urlsplit(url).path
        response = klien.get(url)
        halaman += 1
        if response.status_code in (301, 302):
            lokasi = response["Location"]
            if _dalam_situs(lokasi) and lokasi not in dilihat:
                antre.appendleft(lokasi)
            continue
        if response.status_code != 200:
            masalah.append((url, f"status {response.status_code}"))
            continue
        jenis = response.get("Content-Type", "")
        if not jenis.startswith("text/html"):
            continue
        html = response.content.decode()
        for tanda in TANDA_GALAT:
            if tanda in html:
                masalah.append((url, f"halaman memuat {tanda!r}"))
        # Template syntax that reached the reader: a `{# #}` comment spread over lines is printed as text.
        for tanda in re.findall(r"\{#|#\}|\{%|%\}|\{\{|\}\}", _teks_terbaca(html)):
            masalah.append((url, f"halaman menampilkan sintaks templat {tanda!r}"))
            break
        pengurai = _Pengurai()
        pengurai.feed(html)
        calon = list(pengurai.tautan)
        for form in pengurai.form:
            aksi = urljoin(url, form["action"] or url)
            if form["method"] == "post":
                try:
                    resolve(urlsplit(aksi).path)
                except Resolver404:
                    masalah.append((url, f"formulir POST ke rute yang tidak ada: {aksi}"))
                continue
            isian = [(k, v) for k, v in form["isian"] if k != "csrfmiddlewaretoken"]
            dasar = urlsplit(aksi)
            gabung = dict(parse_qsl(dasar.query)) | dict(isian)
            calon.append(f"{dasar.path}?{urlencode(gabung)}" if gabung else dasar.path)
        for href in calon:
            href = urljoin(url, href.split("#", 1)[0])
            if not href or not _dalam_situs(href) or LEWATI.search(urlsplit(href).path):
                continue
            if href in dilihat:
                continue
            jalur_baru = urlsplit(href).path
            if urlsplit(href).query:
                if varian[jalur_baru] >= VARIAN_PER_JALUR:
                    continue
                varian[jalur_baru] += 1
            antre.append(href)
        del jalur
    return masalah, halaman


@pytest.mark.parametrize("persona", ["operator", "kepala", "auditor", "admin"])
def test_every_link_and_form_a_persona_reaches_answers_without_an_error(client_for, dunia, persona):
    masalah, halaman = _jelajah(client_for(dunia.persona(persona)))

    assert halaman >= 30, f"{persona}: hanya {halaman} halaman tercapai"
    assert masalah == []
