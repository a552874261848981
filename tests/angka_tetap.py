"""The figures every output of an OPD-year shows, read from the outside: the `capaian` command's JSON,
the LKjIP web page's tables and the LKjIP xlsx.

Used by `tests/test_angka_tetap.py` to prove that a change of the code around the engine changed no
figure: the three outputs are compared with a snapshot taken from the code as it was
(`tests/snapshot/`). It only calls URLs and the command, never the project's modules, so the same file
reads the outputs of any version of the code.

After a change that is meant to alter what the report prints, write the snapshot anew and review its
diff line by line:

    python -m tests.angka_tetap
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

FOLDER = Path(__file__).parent / "snapshot"
OPD_TAHUN = (("disperindag", 2022), ("diskopum", 2022))

AWALAN_ID = ("tabel-", "narasi-", "grafik-")


class _Pengurai(HTMLParser):
    """Collects, for every element whose id starts with one of `AWALAN_ID`, its text line by line: a table
    row is one line (cells joined by " | "), a paragraph or list item is one line."""

    BLOK = {"p", "li", "tr", "figcaption", "h1", "h2", "h3", "h4", "dt", "dd", "div", "text"}
    KOSONG = {"br", "img", "col", "input", "meta", "link", "hr", "path", "rect", "line", "circle"}

    def __init__(self):
        super().__init__()
        self.hasil: dict[str, list[str]] = {}
        self._tumpukan: list[tuple[str, str | None]] = []  # (tag, id of the element collected, if this is it)
        self._aktif: str | None = None
        self._baris: list[str] = []
        self._sel: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.KOSONG:
            return
        id_ = dict(attrs).get("id") or ""
        if self._aktif is None and id_.startswith(AWALAN_ID):
            self._aktif = id_
            self.hasil[id_] = []
            self._tumpukan.append((tag, id_))
            return
        self._tumpukan.append((tag, None))
        if self._aktif and tag in self.BLOK:
            self._tutup_baris()

    def handle_endtag(self, tag):
        if tag in self.KOSONG or not self._tumpukan:
            return
        while self._tumpukan:
            t, id_ = self._tumpukan.pop()
            if id_ is not None:
                self._tutup_baris()
                self._aktif = None
            if t == tag:
                break
        if self._aktif and tag in ("td", "th"):
            self._baris.append(" ".join(self._sel))
            self._sel = []
        elif self._aktif and tag in self.BLOK:
            self._tutup_baris()

    def handle_data(self, data):
        if self._aktif:
            teks = " ".join(data.split())
            if teks:
                self._sel.append(teks)

    def _tutup_baris(self):
        if self._aktif is None:
            return
        bagian = [*self._baris, *([" ".join(self._sel)] if self._sel else [])]
        if bagian:
            self.hasil[self._aktif].append(" | ".join(bagian))
        self._baris, self._sel = [], []


def isi_html(halaman: str) -> dict[str, list[str]]:
    """Every table, chart and narrative of the report page, by its id: its text, line by line."""
    pengurai = _Pengurai()
    pengurai.feed(halaman)
    return tanpa_kunci_basis_data(pengurai.hasil)


def tanpa_kunci_basis_data(hasil: dict[str, list[str]]) -> dict[str, list[str]]:
    """Ids that end in a database key ("narasi-sasaran-5") renamed by their order in the page
    ("narasi-sasaran-#1"): a key depends on what the database held before, the order does not."""
    urutan: dict[str, int] = {}
    baru = {}
    for id_, isi in hasil.items():  # in document order
        cocok = re.fullmatch(r"(.*?)-(\d+)", id_)
        if cocok:
            awalan = cocok.group(1)
            urutan[awalan] = urutan.get(awalan, 0) + 1
            id_ = f"{awalan}-#{urutan[awalan]}"
        baru[id_] = isi
    return baru


def lembar_xlsx(data: bytes) -> dict[str, list[list[str]]]:
    """Every sheet of a workbook: its rows of cell values as text (numbers in their exact form)."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    hasil = {}
    for ws in wb.worksheets:
        hasil[ws.title] = [
            ["" if v is None else str(v) for v in baris]
            for baris in ws.iter_rows(values_only=True)
            if any(v is not None for v in baris)
        ]
    return hasil


def keluaran(client, kode: str, tahun: int) -> dict:
    """The three outputs of an OPD-year, as plain JSON-able data. `client` is logged in as an admin."""
    from django.core.management import call_command

    teks = io.StringIO()
    call_command("capaian", kode, str(tahun), "--format", "json", stdout=teks)
    halaman = client.get(f"/opd/{kode}/laporan/{tahun}/")
    xlsx = client.get(f"/opd/{kode}/laporan/{tahun}/xlsx/")
    assert halaman.status_code == 200 and xlsx.status_code == 200
    # The first sheet's status line and every "diekspor pada" moment are not figures.
    return {
        "json": json.loads(teks.getvalue()),
        "html": isi_html(halaman.content.decode()),
        "xlsx": {k: v for k, v in lembar_xlsx(xlsx.getvalue()).items() if k != "Daftar Tabel"},
    }


def berkas_snapshot(kode: str, tahun: int) -> Path:
    return FOLDER / f"{kode}-{tahun}.json"


def tulis_snapshot() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    FOLDER.mkdir(exist_ok=True)
    for kode, tahun in OPD_TAHUN:
        isi = keluaran(client, kode, tahun)
        berkas_snapshot(kode, tahun).write_text(
            json.dumps(isi, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"{berkas_snapshot(kode, tahun)}: {len(isi['html'])} tabel, {len(isi['xlsx'])} lembar")


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")
    tulis_snapshot()
