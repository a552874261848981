"""WeasyPrint fetches nothing but the site's own files, and narrative HTML is sanitised."""

import http.server
import io
import threading

import pypdf
import pytest

from lkjip.laporan import services
from lkjip.laporan.dokumen import dokumen_laporan
from lkjip.laporan.narasi import render_markdown
from lkjip.laporan.pdf import ASAL, PengambilAman, html_laporan, render_pdf

from .conftest import teks_halaman

pytestmark = pytest.mark.django_db

# The smallest valid PNG: 1×1 pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


class _Penghitung(http.server.BaseHTTPRequestHandler):
    permintaan: list[str] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        type(self).permintaan.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, *args):
        pass


@pytest.fixture
def server_lokal():
    """A local HTTP server that counts the requests it receives."""
    _Penghitung.permintaan = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Penghitung)
    benang = threading.Thread(target=server.serve_forever, daemon=True)
    benang.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Penghitung.permintaan
    server.shutdown()
    server.server_close()


def _gambar(pdf: bytes) -> int:
    return sum(len(p.images) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_the_local_server_is_reachable_so_a_zero_count_means_something(server_lokal):
    import urllib.request

    alamat, permintaan = server_lokal
    with urllib.request.urlopen(f"{alamat}/uji.png", timeout=5) as r:  # noqa: S310 - our own test server
        assert r.read() == PNG
    assert permintaan == ["/uji.png"]


def test_the_fetcher_refuses_everything_but_own_files_and_no_request_is_made(server_lokal, media_sementara):
    alamat, permintaan = server_lokal
    # The report's OPD (id 7 here) stored an image; another OPD (id 8) stored one too, and a job file lies
    # elsewhere under MEDIA_ROOT: only the first may be printed in OPD 7's report.
    for folder in ("bukti/7/2022/tw4", "bukti/8/2022/tw4", "pekerjaan/abc"):
        (media_sementara / folder).mkdir(parents=True)
        (media_sementara / folder / "logo.png").write_bytes(PNG)
    html = f"""<html><head>
      <link rel="stylesheet" href="{alamat}/gaya.css">
      <style>@import url("{alamat}/impor.css"); body {{ background: url("{alamat}/latar.png"); }}</style>
    </head><body>
      <p>Uji</p>
      <img src="{alamat}/x.png"><img src="file:///etc/passwd"><img src="file:///etc/hostname">
      <img src="/media/../../../../etc/passwd"><img src="/media/laporan/gambar/tidak-ada.png">
      <img src="//127.0.0.1:1/y.png"><img src="/static/laporan/cetak.css">
      <img src="/media/bukti/7/2022/tw4/logo.png">
      <img src="/media/bukti/8/2022/tw4/logo.png"><img src="/media/pekerjaan/abc/logo.png">
      <img src="/media/bukti/7/../8/2022/tw4/logo.png">
    </body></html>"""
    pengambil = PengambilAman(opd_id=7)
    import weasyprint

    pdf = weasyprint.HTML(string=html, base_url=ASAL + "/", url_fetcher=pengambil).write_pdf()
    assert permintaan == []
    assert "Uji" in teks_halaman(pdf)[0]
    # Only the stored image made it into the PDF.
    assert _gambar(pdf) == 1
    ditolak = " ".join(pengambil.ditolak)
    for url in (
        f"{alamat}/gaya.css",
        f"{alamat}/x.png",
        "file:///etc/passwd",
        "://127.0.0.1:1/y.png",
        "/media/bukti/8/2022/tw4/logo.png",
        "/media/pekerjaan/abc/logo.png",
    ):
        assert url in ditolak, url


def test_fetcher_serves_static_files_and_refuses_traversal(settings):
    pengambil = PengambilAman()
    css = pengambil.fetch(f"{ASAL}/static/laporan/cetak.css")
    assert b"@page" in css.read()
    for url in (
        f"{ASAL}/static/../lkjip/settings.py",
        f"{ASAL}/static/%2e%2e/%2e%2e/lkjip/settings.py",
        f"{ASAL}/media/../db.sqlite3",
        "https://sakip.invalid.example.com/static/laporan/cetak.css",
        f"{ASAL}/lain/cetak.css",
    ):
        with pytest.raises(ValueError):
            pengambil.fetch(url)


def test_a_narrative_referencing_remote_or_local_files_yields_a_pdf_without_them(
    server_lokal, operator_user, opd_disperindag
):
    alamat, permintaan = server_lokal
    teks = (
        f"Lihat grafik berikut.\n\n![grafik]({alamat}/x.png)\n\n![rahasia](file:///etc/passwd)\n\n"
        f'<img src="{alamat}/y.png" onerror="alert(1)"><script>fetch("{alamat}/z")</script>'
        f'<p style="background:url({alamat}/s.png)">Paragraf bergaya</p>'
    )
    services.narasi_simpan(
        user=operator_user, opd=opd_disperindag, tahun=2022, bagian="bab1_organisasi", teks=teks
    )
    dok = dokumen_laporan(opd_disperindag, 2022)
    html_narasi = dok.narasi["bab1_organisasi"].html
    for terlarang in (alamat, "file:", "onerror", "<script", "style="):
        assert terlarang not in html_narasi
    pdf = render_pdf(html_laporan(dok), opd_id=opd_disperindag.pk)
    assert permintaan == []
    teks_pdf = " ".join(teks_halaman(pdf))
    assert "Lihat grafik berikut." in teks_pdf and "Paragraf bergaya" in teks_pdf
    assert _gambar(pdf) == 0


@pytest.mark.parametrize(
    "masukan,dilarang,tetap",
    [
        ("<script>alert(1)</script>Halo", ["<script", "alert"], ["Halo"]),
        ('<img src="/media/a.png" onerror="alert(1)">', ["onerror"], ['src="/media/a.png"']),
        ('<a href="javascript:alert(1)">klik</a>', ["javascript"], ["klik"]),
        ('<p style="color:red">merah</p>', ["style"], ["merah"]),
        ("![x](https://contoh.org/x.png)", ["contoh.org"], []),
        ("![x](data:image/png;base64,AAAA)", ["data:"], []),
        ("![x](/media/../etc/passwd)", ["passwd"], []),
        ("![x](/static/laporan/logo.png)", [], ['src="/static/laporan/logo.png"']),
        ("<iframe src='https://x.org'></iframe>teks", ["iframe"], ["teks"]),
        ('<svg onload="alert(1)"><circle/></svg>', ["svg", "onload"], []),
        (
            "**tebal** dan *miring*\n\n| a | b |\n|---|---|\n| 1 | 2 |",
            [],
            ["<strong>tebal</strong>", "<table>", "<td>1</td>"],
        ),
        (
            '<a href="https://contoh.org">tautan</a>',
            [],
            ['href="https://contoh.org"', 'rel="noopener noreferrer"'],
        ),
    ],
)
def test_markdown_is_sanitised(masukan, dilarang, tetap):
    html = str(render_markdown(masukan))
    for d in dilarang:
        assert d not in html, (d, html)
    for t in tetap:
        assert t in html, (t, html)
