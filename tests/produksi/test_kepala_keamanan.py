"""Security headers: a Content-Security-Policy on every page, no inline script or handler in any template,
HTTPS enforced in production, and `check --deploy` clean under the documented production settings."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[2]
TEMPLAT = AKAR / "templates"

ARAHAN = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "object-src": "'none'",
}


def _kebijakan(respons) -> dict[str, str]:
    kepala = respons.headers.get("Content-Security-Policy")
    assert kepala, f"tanpa Content-Security-Policy: {respons.request['PATH_INFO']}"
    pasangan = (bagian.strip().split(None, 1) for bagian in kepala.split(";") if bagian.strip())
    return {nama: (nilai[0] if nilai else "") for nama, *nilai in pasangan}


HALAMAN = [
    ("operator", "/"),
    ("operator", "/opd/disperindag/"),
    ("operator", "/opd/disperindag/monev/2022/tw4/realisasi/"),
    ("operator", "/opd/disperindag/laporan/2022/"),
    ("operator", "/opd/disperindag/pk/"),
    ("auditor", "/capaian/indikator/"),
    ("auditor", "/capaian/pemda/"),
    ("admin", "/kelola/pengguna/"),
    ("admin", "/admin/"),
    ("admin", "/admin/auth/user/"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "alamat"), HALAMAN)
def test_every_main_page_carries_the_policy(client_for, dunia, persona, alamat):
    respons = client_for(dunia.persona(persona)).get(alamat)
    assert respons.status_code == 200, alamat
    assert _kebijakan(respons) == ARAHAN
    assert respons.headers["X-Frame-Options"] == "DENY"
    assert respons.headers["X-Content-Type-Options"] == "nosniff"
    assert respons.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_sign_in_page_carries_the_policy(client):
    respons = client.get("/masuk/")
    assert respons.status_code == 200
    assert _kebijakan(respons) == ARAHAN


SKRIP_SEBARIS = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
# An attribute named on...= (onclick, onsubmit, onchange, ...), not a data-... or hx-on... attribute.
PENANGAN_SEBARIS = re.compile(r"(?<![\w:-])on[a-z]+\s*=", re.IGNORECASE)
HX_ON = re.compile(r"\bhx-on\b|\bhx-on[:-]", re.IGNORECASE)


def _templat_halaman() -> list[Path]:
    # The PDF's own templates (laporan/cetak/) never reach a browser: WeasyPrint renders them.
    return [p for p in sorted(TEMPLAT.rglob("*.html")) if "cetak" not in p.relative_to(TEMPLAT).parts]


def test_no_template_has_an_inline_script_or_event_handler():
    temuan = []
    for berkas in _templat_halaman():
        teks = berkas.read_text(encoding="utf-8")
        nama = berkas.relative_to(TEMPLAT)
        temuan += [
            f"{nama}: {m.group(0)}"
            for m in SKRIP_SEBARIS.finditer(teks)
            if "application/json" not in m.group(0)
        ]
        temuan += [f"{nama}: {m.group(0)}" for m in PENANGAN_SEBARIS.finditer(teks)]
        temuan += [f"{nama}: {m.group(0)}" for m in HX_ON.finditer(teks)]
        temuan += [f"{nama}: <style>" for _ in re.finditer(r"<style\b", teks, re.IGNORECASE)]
    assert temuan == []


def test_the_checks_find_what_they_look_for():
    assert SKRIP_SEBARIS.search("<script>alert(1)</script>")
    assert not SKRIP_SEBARIS.search('<script src="/static/js/halaman.js"></script>')
    assert PENANGAN_SEBARIS.search('<form onsubmit="return confirm()">')
    assert PENANGAN_SEBARIS.search('<select class="x" onchange="this.form.submit()">')
    assert not PENANGAN_SEBARIS.search('<a data-konfirmasi="x" hx-get="/a" data-on="1">')


def test_style_attributes_only_in_what_the_pdf_renders():
    """Style attributes are refused by the policy; the report's blocks keep them only for the PDF."""
    temuan = []
    for berkas in _templat_halaman():
        for baris in berkas.read_text(encoding="utf-8").splitlines():
            for m in re.finditer(r"style=", baris):
                if "{% if cetak %}" not in baris[: m.start()]:
                    temuan.append(f"{berkas.relative_to(TEMPLAT)}: {baris.strip()}")
    assert temuan == []


def _lingkungan_produksi(**tambahan) -> dict[str, str]:
    buang = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "IZINKAN_HTTP", "SITE_URL", "DI_BELAKANG_PROXY"}
    buang |= {"SSL_REDIRECT", "HSTS_DETIK", "HSTS_SUBDOMAIN", "HSTS_PRELOAD", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    lingkungan = {k: v for k, v in os.environ.items() if k not in buang}
    return lingkungan | {
        "DJANGO_SETTINGS_MODULE": "lkjip.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "sakip.example.go.id",
        "SITE_URL": "https://sakip.example.go.id",
        **tambahan,
    }


def _jalankan(argumen: list[str], **tambahan) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *argumen],
        cwd=AKAR,
        env=_lingkungan_produksi(**tambahan),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deploy_check_is_clean_under_the_production_settings():
    hasil = _jalankan(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    assert "System check identified no issues" in hasil.stdout


def test_the_deploy_check_still_warns_when_https_is_turned_off():
    # The check itself is live: without HSTS and the redirect it warns.
    hasil = _jalankan(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], HSTS_DETIK="0", SSL_REDIRECT="false"
    )
    assert hasil.returncode != 0
    assert "security.W004" in hasil.stderr and "security.W008" in hasil.stderr


BACA = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
    "s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY)"
)


def test_https_is_enforced_in_production_but_not_on_a_plain_http_trial():
    assert _jalankan(["-c", BACA]).stdout.split() == ["True", "31536000", "False", "True", "True"]
    uji_coba = _jalankan(["-c", BACA], IZINKAN_HTTP="true", SITE_URL="http://127.0.0.1:8000")
    assert uji_coba.stdout.split() == ["False", "0", "False", "True", "True"]
    pilihan = _jalankan(["-c", BACA], HSTS_DETIK="600", HSTS_SUBDOMAIN="true")
    assert pilihan.stdout.split()[:3] == ["True", "600", "True"]


@pytest.mark.django_db
def test_production_redirects_plain_http_and_sends_hsts(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    lewat_http = client.get("/masuk/")
    assert lewat_http.status_code == 301
    assert lewat_http.headers["Location"] == "https://testserver/masuk/"
    lewat_https = client.get("/masuk/", secure=True)
    assert lewat_https.status_code == 200
    assert lewat_https.headers["Strict-Transport-Security"] == "max-age=31536000"
