"""Every request body is bounded while it streams (inti/unggah.py). Before: an anonymous 1 GiB POST to
/verifikasi/ wrote 1,07 GB to /tmp before the form refused it; evidence uploads the same.

"Nothing written" is checked by counting every byte handed to Django's memory and temporary-file
upload handlers, and by the temporary-file folder staying empty; "nothing read" by a request body that
counts what is read from it."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.http import HttpResponse
from django.test import Client, RequestFactory
from pypdf import PdfWriter

from capaian.models import BuktiDukung
from inti import unggah
from inti.unggah import CADANGAN_MULTIPART, BatasUnggahMiddleware
from lkjip.laporan import forms as forms_laporan
from renstra.models import Indikator
from tests.monev.conftest import REHABILITASI_PASAR, url_monev

pytestmark = pytest.mark.django_db

GIB = 1024**3
KECIL = 1000  # the limit of every file endpoint in these tests, so that bodies above it stay small


class Badan:
    """A request body of any length: `awal`, then filler. Counts what is read; reading past `maks` fails."""

    def __init__(self, awal: bytes = b"", *, maks: int):
        self.awal, self.maks, self.dibaca = awal, maks, 0

    def read(self, n: int = -1) -> bytes:
        n = 64 * 1024 if n is None or n < 0 else n
        if self.dibaca + n > self.maks:
            raise AssertionError(f"read beyond {self.maks} bytes of the body")
        potong = (self.awal[self.dibaca : self.dibaca + n]).ljust(n, b"0")
        self.dibaca += n
        return potong

    def readline(self, n: int = -1) -> bytes:
        return self.read(n)


@pytest.fixture
def diterima(monkeypatch, settings, tmp_path):
    """Bytes kept by the memory and temporary-file handlers, and their (empty) temporary folder."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "unggah")
    (tmp_path / "unggah").mkdir()
    hitung = {"byte": 0}
    for kelas in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        asli = kelas.receive_data_chunk

        def terima(self, raw_data, start, _asli=asli):
            hasil = _asli(self, raw_data, start)
            if hasil is None:  # kept by this handler (a handler passes on what it does not keep)
                hitung["byte"] += len(raw_data)
            return hasil

        monkeypatch.setattr(kelas, "receive_data_chunk", terima)
    hitung["folder"] = tmp_path / "unggah"
    return hitung


@pytest.fixture
def batas_kecil(settings, monkeypatch, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BUKTI_MAKS_BYTE = KECIL
    settings.EXCEL_MAKS_BYTE = KECIL
    monkeypatch.setattr(unggah, "VERIFIKASI_MAKS_BYTE", KECIL)
    monkeypatch.setattr(forms_laporan, "BATAS_UNGGAH", KECIL)


def _pdf(ukuran: int) -> bytes:
    penulis = PdfWriter()
    penulis.add_blank_page(width=595, height=842)
    keluaran = io.BytesIO()
    penulis.write(keluaran)
    # A comment after the end of the file keeps it a PDF of the wanted size.
    return keluaran.getvalue() + b"\n%" + b"0" * (ukuran - len(keluaran.getvalue()) - 2)


def _rehabilitasi(dunia) -> Indikator:
    return Indikator.objects.get(opd=dunia.opd_a, kode=REHABILITASI_PASAR)


def _berkas(isi: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("laporan.pdf", isi, content_type="application/pdf")


def _pesan(respons) -> str:
    return respons.content.decode()


def test_an_anonymous_1_gib_claim_to_verifikasi_is_refused_at_once_without_reading(diterima):
    badan = Badan(maks=0)
    respons = Client().generic(
        "POST",
        "/verifikasi/",
        data=b"x",
        content_type="multipart/form-data; boundary=batas",
        CONTENT_LENGTH=str(GIB),
        **{"wsgi.input": badan},
    )
    assert respons.status_code == 413
    assert "Berkas terlalu besar: paling besar 20 MB. Tidak ada yang disimpan" in _pesan(respons)
    assert badan.dibaca == 0 and diterima["byte"] == 0


# Every endpoint that takes a file, and two that take a form: who may post there, and the limit shown.
ENDPOINT = [
    ("/verifikasi/", None, "Berkas terlalu besar: paling besar 1000 byte."),
    ("/verifikasi/ABCD1234", None, "Berkas terlalu besar: paling besar 1000 byte."),
    (url_monev("indikator", "{bukti}", "bukti"), "operator", "Berkas terlalu besar: paling besar 1000 byte."),
    ("/opd/disperindag/excel/2022/tw4/unggah/", "operator", "Berkas terlalu besar: paling besar 1000 byte."),
    ("/dataset/unggah/", "operator", "Berkas terlalu besar: paling besar 1000 byte."),
    ("/opd/disperindag/dpa/2022/unggah/", "operator", "Berkas terlalu besar: paling besar 1000 byte."),
    (
        "/opd/disperindag/laporan/2022/narasi/kata_pengantar/",
        "operator",
        "Data yang dikirim terlalu besar: paling besar 1 MB.",
    ),
    ("/admin/login/", None, "Data yang dikirim terlalu besar: paling besar 1 MB."),
]


@pytest.mark.parametrize(("url", "persona", "pesan"), ENDPOINT)
def test_a_real_file_over_the_limit_is_refused_with_the_message_and_nothing_written(
    url, persona, pesan, batas_kecil, diterima, dunia, client_for
):
    client = client_for(getattr(dunia, persona)) if persona else Client()
    url = url.replace("{bukti}", str(_rehabilitasi(dunia).pk))
    batas = KECIL if "Berkas" in pesan else 1024 * 1024
    isi = b"%PDF-1.4\n" + b"0" * (batas + CADANGAN_MULTIPART)
    respons = client.post(url, {"berkas": _berkas(isi), "keterangan": "x"})
    assert respons.status_code == 413
    assert pesan in _pesan(respons)
    assert "Tidak ada yang disimpan" in _pesan(respons)
    assert diterima["byte"] == 0 and not any(diterima["folder"].iterdir())
    assert not BuktiDukung.objects.exists()


def test_a_body_longer_than_it_claims_is_stopped_by_the_counter_before_the_handlers(batas_kecil, diterima):
    """A server that does not cut the body at its Content-Length (as Django's WSGI request does): the
    counting handler stops it, and the temporary-file handler never receives more than the limit."""
    kepala = (
        b"--batas\r\n"
        b'Content-Disposition: form-data; name="berkas"; filename="besar.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\n"
    )
    badan = Badan(kepala, maks=KECIL + CADANGAN_MULTIPART + 256 * 1024)
    request = RequestFactory().generic(
        "POST",
        "/verifikasi/",
        data=b"x",
        content_type="multipart/form-data; boundary=batas",
        # Larger than FILE_UPLOAD_MAX_MEMORY_SIZE: the file goes to the temporary-file handler.
        CONTENT_LENGTH=str(2 * 1024 * 1024),
    )
    request._stream = badan  # the body is 10 GiB of filler after the header, whatever it claims
    request.META["CONTENT_LENGTH"] = "500"  # within the limit: the claim alone is not refused
    request.upload_handlers = []  # fresh, from settings

    def view_tidak_boleh_jalan(request):
        raise AssertionError("the view ran")

    respons = BatasUnggahMiddleware(view_tidak_boleh_jalan)(request)
    assert respons.status_code == 413
    assert "Berkas terlalu besar: paling besar 1000 byte." in respons.content.decode()
    assert diterima["byte"] <= KECIL + CADANGAN_MULTIPART
    assert not any(diterima["folder"].iterdir())
    assert badan.dibaca <= KECIL + CADANGAN_MULTIPART + 256 * 1024


def test_a_chunked_body_without_content_length_is_not_read(diterima):
    """gunicorn passes a chunked body without Content-Length; Django reads none of it."""
    badan = Badan(maks=0)
    respons = Client().generic(
        "POST",
        "/verifikasi/",
        data=b"x",
        content_type="multipart/form-data; boundary=batas",
        CONTENT_LENGTH="",
        **{"wsgi.input": badan},
    )
    assert "Unggah berkas PDF atau isi nilai SHA-256." in _pesan(respons)
    assert badan.dibaca == 0 and diterima["byte"] == 0


def test_verifikasi_of_a_file_under_the_limit_still_answers_with_its_hash(diterima):
    isi = _pdf(3 * 1024 * 1024)  # above FILE_UPLOAD_MAX_MEMORY_SIZE: through a temporary file
    respons = Client().post("/verifikasi/", {"berkas": _berkas(isi)})
    halaman = _pesan(respons)
    assert respons.status_code == 200
    assert "Tidak dikenal." in halaman
    assert hashlib.sha256(isi).hexdigest() in halaman
    assert diterima["byte"] == len(isi)
    assert not any(diterima["folder"].iterdir())  # the temporary file is gone after the request


def test_verifikasi_of_a_file_just_over_its_form_limit_gets_the_form_message(batas_kecil):
    respons = Client().post("/verifikasi/", {"berkas": _berkas(b"%PDF-1.4\n" + b"0" * KECIL)})
    assert respons.status_code == 200
    assert "Berkas terlalu besar (paling besar 1000 byte)." in _pesan(respons)


def test_evidence_under_the_limit_is_saved_and_shown(dunia, client_for, settings, tmp_path, diterima):
    settings.MEDIA_ROOT = tmp_path / "media"
    isi = _pdf(4 * 1024 * 1024)  # under BUKTI_MAKS_BYTE (5 MB)
    client = client_for(dunia.operator)
    berkas = SimpleUploadedFile("BA serah terima.pdf", isi, content_type="application/pdf")
    respons = client.post(
        url_monev("indikator", _rehabilitasi(dunia).pk, "bukti"),
        {"berkas": berkas, "keterangan": "Berita acara"},
        follow=True,
    )
    assert "Bukti dukung “BA serah terima.pdf” tersimpan." in _pesan(respons)
    bukti = BuktiDukung.objects.get()
    assert bukti.berkas.read() == isi
    assert diterima["byte"] == len(isi)


def test_a_long_narrative_under_the_form_limit_reaches_the_page(dunia, client_for):
    teks = "Paragraf panjang tentang capaian kinerja.\n" * 20_000  # 840 KB
    respons = client_for(dunia.operator).post(
        "/opd/disperindag/laporan/2022/narasi/kata_pengantar/", {"teks": teks}
    )
    assert respons.status_code != 413


def test_htmx_gets_a_short_message(dunia, client_for):
    respons = client_for(dunia.operator).post(
        url_monev("realisasi", 1),
        {"nilai": "x" * (1024 * 1024 + 1)},
        HTTP_HX_REQUEST="true",
    )
    assert respons.status_code == 413
    assert respons["Content-Type"].startswith("text/plain")
    assert respons.content.decode().startswith("Data yang dikirim terlalu besar: paling besar 1 MB.")


def test_the_middleware_passes_reads_through(rf):
    respons = BatasUnggahMiddleware(lambda request: HttpResponse("ok"))(rf.get("/verifikasi/"))
    assert respons.content == b"ok"
