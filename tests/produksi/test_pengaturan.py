"""Production mode's settings: required values, cookies over the configured scheme, WeasyPrint loaded
only where a PDF is made."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

AKAR = Path(__file__).resolve().parents[2]


def _python(kode: str, **env) -> subprocess.CompletedProcess:
    lingkungan = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG")}
    lingkungan |= {"DJANGO_SETTINGS_MODULE": "lkjip.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", kode], cwd=AKAR, env=lingkungan, capture_output=True, text=True, timeout=60
    )


SIAP = "import django; django.setup(); from django.conf import settings; "


def test_production_requires_a_secret_key_and_the_hosts():
    tanpa_kunci = _python(SIAP, DEBUG="false", ALLOWED_HOSTS="sakip.example.go.id")
    assert tanpa_kunci.returncode != 0 and "SECRET_KEY wajib diisi" in tanpa_kunci.stderr
    tanpa_host = _python(SIAP, DEBUG="false", SECRET_KEY="x" * 50)
    assert tanpa_host.returncode != 0 and "ALLOWED_HOSTS wajib diisi" in tanpa_host.stderr


def test_production_cookies_are_secure_unless_plain_http_is_allowed():
    kode = (
        SIAP
        + "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.STORAGES['staticfiles']['BACKEND'])"
    )
    dasar = {
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "sakip.example.go.id",
        "SITE_URL": "https://sakip.example.go.id",
    }
    aman = _python(kode, **dasar)
    assert aman.stdout.split() == ["True", "True", "whitenoise.storage.CompressedManifestStaticFilesStorage"]
    uji_coba = _python(kode, **dasar, IZINKAN_HTTP="true")
    assert uji_coba.stdout.split()[:2] == ["False", "False"]


def test_production_requires_the_public_address_over_https_unless_plain_http_is_allowed():
    dasar = {"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "sakip.example.go.id"}
    tanpa = _python(SIAP, **dasar)
    assert tanpa.returncode != 0 and "SITE_URL wajib diisi" in tanpa.stderr
    http = _python(SIAP, **dasar, SITE_URL="http://sakip.example.go.id")
    assert http.returncode != 0 and "SITE_URL harus https://" in http.stderr
    uji_coba = _python(
        SIAP + "print(settings.SITE_URL)", **dasar, SITE_URL="http://10.0.0.2:8000/", IZINKAN_HTTP="true"
    )
    assert uji_coba.returncode == 0 and uji_coba.stdout.split() == ["http://10.0.0.2:8000"]


def test_the_site_and_its_commands_load_without_weasyprint():
    kode = (
        SIAP
        + "import sys; from django.core.management import call_command; call_command('check', verbosity=0); "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "import lkjip.laporan.views, lkjip.laporan.ekspor; print('weasyprint' in sys.modules)"
    )
    hasil = _python(kode)
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout.splitlines()[-1] == "False"


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_the_sign_in_page_says_when_cookies_cannot_travel(client):
    lewat_http = client.get("/masuk/").content.decode()
    assert 'id="peringatan-https"' in lewat_http and "IZINKAN_HTTP=true" in lewat_http
    assert 'id="peringatan-https"' not in client.get("/masuk/", secure=True).content.decode()


@pytest.mark.django_db
def test_no_warning_in_development(client):
    assert 'id="peringatan-https"' not in client.get("/masuk/").content.decode()
