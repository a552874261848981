"""Helpers for the capaian table tests: a synthetic Pemda of many small OPDs, its admin, page text."""

import re

import pytest

from bench.sintetis import buat_opd_sintetis


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path):
    """Exports across OPDs are written by a job into MEDIA_ROOT: a temporary one, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def pemda_sintetis(db):
    """`pemda_sintetis(n)` builds n small synthetic OPDs (bench/sintetis.py) in one Pemda; returns them."""

    def buat(n: int, kali: int = 1):
        return [buat_opd_sintetis(f"sin-{i:02d}", kali=kali) for i in range(n)]

    return buat


@pytest.fixture
def admin_sintetis(dunia):
    """Admin (not superuser) of the synthetic Pemda: the shared persona `dunia.admin_lain`."""
    return dunia.admin_lain


def sel_baris(html: str, teks: str) -> list[str]:
    """The cells (the text a sighted user sees: tags and screen-reader-only text removed) of the first
    table row containing `teks`."""
    html = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html)
    for baris in re.findall(r"<tr[^>]*>(.*?)</tr>", html, flags=re.S):
        if teks in baris:
            return [
                re.sub(r"<[^>]+>", "", sel).strip()
                for sel in re.findall(r"<td[^>]*>(.*?)</td>", baris, flags=re.S)
            ]
    raise AssertionError(f"tidak ada baris yang memuat {teks!r}")


def semua_baris(html: str) -> list[list[str]]:
    """Cells of every body row of the capaian table."""
    tbody = re.search(r"<table[^>]*tabel-capaian[^>]*>.*?<tbody[^>]*>(.*?)</tbody>", html, flags=re.S).group(
        1
    )
    return [
        [re.sub(r"<[^>]+>", "", sel).strip() for sel in re.findall(r"<td[^>]*>(.*?)</td>", baris, flags=re.S)]
        for baris in re.findall(r"<tr[^>]*>(.*?)</tr>", tbody, flags=re.S)
    ]


def baris_riwayat(html: str) -> list[list[str]]:
    """Rows of the history table (section id="riwayat", or the whole of an htmx fragment), whitespace
    collapsed."""
    bagian = html[html.index('id="riwayat"') :] if 'id="riwayat"' in html else html
    return [
        [
            " ".join(re.sub(r"<[^>]+>", "", sel).split())
            for sel in re.findall(r"<td[^>]*>(.*?)</td>", baris, flags=re.S)
        ]
        for baris in re.findall(r"<tr>(.*?)</tr>", bagian, flags=re.S)
    ][1:]
