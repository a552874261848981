"""Browser tests: Playwright drives the system's Chromium against Django's live server.

Chromium comes from the distribution (`apt-get install chromium`), not from Playwright's own download,
which cannot run here. Without it the tests skip, unless REQUIRE_BROWSER=1 (set by .ci/run) makes
that a failure, so CI never passes by skipping them.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make to check the
# database are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _tidak_bisa(alasan: str):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"Tes peramban wajib berjalan: {alasan}")
    pytest.skip(alasan)


@pytest.fixture(scope="session")
def peramban():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _tidak_bisa("paket playwright tidak terpasang (pip install -e '.[dev]')")
    if not CHROMIUM:
        _tidak_bisa("Chromium tidak ditemukan (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def halaman(peramban, live_server):
    ctx = peramban.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    ctx.set_default_timeout(15_000)
    page = ctx.new_page()
    page.base_url = live_server.url
    yield page
    ctx.close()


@pytest.fixture
def masuk():
    """Sign a persona in through the real login form: `masuk(page, "operator")` or a user object.

    The personas are those of tests/conftest.py; they share the demo password.
    """

    def _masuk(page, pengguna, password: str = settings.DEMO_PASSWORD):
        username = getattr(pengguna, "username", pengguna)
        page.goto(page.base_url + "/masuk/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")

    return _masuk


# Screenshots of the journeys, kept for a reviewer who does not run a browser (README, "Tangkapan layar").
FOLDER_TANGKAPAN = Path(os.environ.get("TANGKAPAN_LAYAR", settings.BASE_DIR / "artefak" / "tangkapan-layar"))


@pytest.fixture
def tangkap():
    """`tangkap(page, "operator-realisasi")`: a PNG of the page under FOLDER_TANGKAPAN, named with the width."""

    def _tangkap(page, nama: str) -> Path:
        FOLDER_TANGKAPAN.mkdir(parents=True, exist_ok=True)
        lebar = page.viewport_size["width"]
        berkas = FOLDER_TANGKAPAN / f"{nama}-{lebar}px.png"
        # The page from its top, at most 4.000 px of it: the whole LKjIP page would be a very long image.
        tinggi = min(page.evaluate("document.documentElement.scrollHeight"), 4000)
        page.screenshot(path=str(berkas), full_page=True, clip={"x": 0, "y": 0, "width": lebar, "height": tinggi})
        return berkas

    return _tangkap
