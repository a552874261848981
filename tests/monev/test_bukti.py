"""Evidence (bukti dukung): PDF or image only, checked by content; size limit; download by readers only."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from capaian.bukti import BUKTI_MAKS_BYTE_BAWAAN, deteksi_jenis, nama_unduhan
from capaian.models import BuktiDukung
from tests.monev.conftest import REHABILITASI_PASAR, url_monev
from tests.monev.html import teks

pytestmark = pytest.mark.django_db


def _pdf() -> bytes:
    penulis = PdfWriter()
    penulis.add_blank_page(width=595, height=842)
    keluaran = io.BytesIO()
    penulis.write(keluaran)
    return keluaran.getvalue()


def _gambar(format_: str) -> bytes:
    keluaran = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(keluaran, format=format_)
    return keluaran.getvalue()


def _unggah(client, indikator, nama, isi, content_type="application/pdf", keterangan="", tribulan=4):
    berkas = SimpleUploadedFile(nama, isi, content_type=content_type)
    return client.post(
        url_monev("indikator", indikator.pk, "bukti", tribulan=tribulan),
        {"berkas": berkas, "keterangan": keterangan},
    )


def _halaman(client, respons) -> str:
    assert respons.status_code == 302, respons.status_code
    return teks(client.get(respons["Location"]).content.decode())


def _unduh(client, bukti):
    return client.get(f"/opd/disperindag/monev/bukti/{bukti.pk}/")


def test_a_real_pdf_is_accepted_with_its_sha256_and_downloaded_as_an_attachment(
    masuk, operator_user, auditor_user, indikator
):
    isi = _pdf()
    client = masuk(operator_user)
    rehabilitasi = indikator(REHABILITASI_PASAR)
    halaman = _halaman(
        client, _unggah(client, rehabilitasi, "BA serah terima.pdf", isi, keterangan="Berita acara")
    )
    assert "Bukti dukung “BA serah terima.pdf” tersimpan." in halaman
    bukti = BuktiDukung.objects.get(indikator=rehabilitasi, tahun=2022, tribulan=4)
    assert (bukti.jenis_konten, bukti.ukuran, bukti.sha256) == (
        "application/pdf",
        len(isi),
        hashlib.sha256(isi).hexdigest(),
    )
    assert (bukti.nama_asli, bukti.keterangan, bukti.diunggah_oleh) == (
        "BA serah terima.pdf",
        "Berita acara",
        operator_user,
    )
    assert bukti.berkas.name.startswith(
        f"bukti/{rehabilitasi.opd_id}/2022/tw4/"
    ) and bukti.berkas.name.endswith(".pdf")
    assert bukti.history.get().history_user == operator_user
    assert "BA serah terima.pdf" in halaman and "Bukti (1)" in teks(
        client.get(url_monev("realisasi")).content.decode()
    )

    respons = _unduh(masuk(auditor_user), bukti)
    assert respons.status_code == 200
    assert respons["Content-Type"] == "application/pdf"
    assert respons["Content-Disposition"] == 'attachment; filename="BA serah terima.pdf"'
    assert respons["X-Content-Type-Options"] == "nosniff"
    assert b"".join(respons.streaming_content) == isi


def test_a_png_named_pdf_is_stored_and_served_as_the_png_it_is(masuk, operator_user, indikator):
    isi = _gambar("PNG")
    client = masuk(operator_user)
    _unggah(client, indikator(REHABILITASI_PASAR), "laporan.pdf", isi, content_type="application/pdf")
    bukti = BuktiDukung.objects.get()
    assert bukti.jenis_konten == "image/png"
    assert bukti.berkas.name.endswith(".png")
    assert nama_unduhan(bukti) == "laporan.png"
    respons = _unduh(client, bukti)
    assert (respons["Content-Type"], respons["Content-Disposition"]) == (
        "image/png",
        'attachment; filename="laporan.png"',
    )


def test_a_jpeg_is_accepted(masuk, operator_user, indikator):
    client = masuk(operator_user)
    _unggah(
        client, indikator(REHABILITASI_PASAR), "foto lokasi.jpeg", _gambar("JPEG"), content_type="image/jpeg"
    )
    assert BuktiDukung.objects.get().jenis_konten == "image/jpeg"
    assert nama_unduhan(BuktiDukung.objects.get()) == "foto lokasi.jpeg"


@pytest.mark.parametrize(
    ("nama", "isi"),
    [
        ("laporan.pdf", b"<html><body><script>alert(document.cookie)</script></body></html>"),
        ("laporan.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64),
        ("foto.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        ("catatan.pdf", b"  %PDF-1.4 tidak di awal berkas"),
    ],
)
def test_content_that_is_not_pdf_png_or_jpeg_is_refused_whatever_its_name(
    masuk, operator_user, indikator, nama, isi
):
    client = masuk(operator_user)
    halaman = _halaman(client, _unggah(client, indikator(REHABILITASI_PASAR), nama, isi))
    assert "Isi berkas bukan PDF, PNG atau JPEG, jadi tidak dapat diterima." in halaman
    assert not BuktiDukung.objects.exists()


def test_a_file_over_the_limit_is_refused(masuk, operator_user, indikator, settings):
    client = masuk(operator_user)
    rehabilitasi = indikator(REHABILITASI_PASAR)
    besar = b"%PDF-1.4\n" + b"0" * (BUKTI_MAKS_BYTE_BAWAAN - 8)  # the default limit (5 MB) plus one byte
    halaman = _halaman(client, _unggah(client, rehabilitasi, "besar.pdf", besar))
    assert "Berkas terlalu besar: 5,0 MB (5.242.881 byte); batas 5 MB." in halaman
    assert _halaman(client, _unggah(client, rehabilitasi, "pas.pdf", besar[:-1])).count("tersimpan") == 1

    settings.BUKTI_MAKS_BYTE = 1000
    halaman = _halaman(client, _unggah(client, rehabilitasi, "kecil.pdf", b"%PDF-1.4\n" + b"0" * 1991))
    assert "Berkas terlalu besar: 2 KB (2.000 byte); batas 1.000 byte." in halaman
    assert list(BuktiDukung.objects.values_list("nama_asli", flat=True)) == ["pas.pdf"]


def test_an_empty_file_and_a_missing_file_are_refused(masuk, operator_user, indikator):
    client = masuk(operator_user)
    rehabilitasi = indikator(REHABILITASI_PASAR)
    assert "Berkas kosong." in _halaman(client, _unggah(client, rehabilitasi, "kosong.pdf", b""))
    respons = client.post(url_monev("indikator", rehabilitasi.pk, "bukti"), {"keterangan": "tanpa berkas"})
    assert "Pilih berkas yang akan diunggah." in _halaman(client, respons)
    assert not BuktiDukung.objects.exists()


def test_the_same_file_twice_is_refused(masuk, operator_user, indikator):
    client = masuk(operator_user)
    rehabilitasi = indikator(REHABILITASI_PASAR)
    isi = _pdf()
    _unggah(client, rehabilitasi, "a.pdf", isi)
    assert "Berkas dengan isi yang sama sudah diunggah sebagai “a.pdf”." in _halaman(
        client, _unggah(client, rehabilitasi, "b.pdf", isi)
    )
    assert BuktiDukung.objects.count() == 1


def test_download_follows_read_access(masuk, operator_user, operator2_user, kepala_user, indikator):
    client = masuk(operator_user)
    _unggah(client, indikator(REHABILITASI_PASAR), "a.pdf", _pdf())
    bukti = BuktiDukung.objects.get()
    respons = _unduh(masuk(operator2_user), bukti)
    assert respons.status_code == 404
    assert b"%PDF" not in respons.content
    assert _unduh(masuk(kepala_user), bukti).status_code == 200
    # The evidence of another OPD through this OPD's URL is not found either.
    assert masuk(operator2_user).get(f"/opd/diskopum/monev/bukti/{bukti.pk}/").status_code == 404


def test_removal_is_a_soft_delete_by_a_writer(masuk, operator_user, auditor_user, indikator):
    client = masuk(operator_user)
    rehabilitasi = indikator(REHABILITASI_PASAR)
    _unggah(client, rehabilitasi, "a.pdf", _pdf())
    bukti = BuktiDukung.objects.get()
    url_hapus = f"/opd/disperindag/monev/bukti/{bukti.pk}/hapus/"

    assert masuk(auditor_user).post(url_hapus).status_code == 403
    assert client.get(url_hapus).status_code == 405
    halaman = _halaman(client, client.post(url_hapus))
    assert "Bukti dukung “a.pdf” dihapus." in halaman
    bukti.refresh_from_db()
    assert bukti.dihapus and bukti.berkas.storage.exists(bukti.berkas.name)
    assert bukti.history.first().history_user == operator_user
    assert _unduh(masuk(auditor_user), bukti).status_code == 404
    assert "a.pdf" not in teks(client.get(url_monev("indikator", rehabilitasi.pk)).content.decode()).replace(
        "Bukti dukung “a.pdf” dihapus.", ""
    )


def test_a_locked_period_refuses_uploads_except_from_the_admin(
    masuk, operator_user, admin_user_demo, indikator, kunci_periode
):
    kunci_periode(4)
    rehabilitasi = indikator(REHABILITASI_PASAR)
    respons = _unggah(masuk(operator_user), rehabilitasi, "a.pdf", _pdf())
    assert respons.status_code == 403
    assert "sudah dikunci" in respons.content.decode()
    assert not BuktiDukung.objects.exists()
    _unggah(masuk(admin_user_demo), rehabilitasi, "a.pdf", _pdf())
    assert BuktiDukung.objects.get().diunggah_oleh == admin_user_demo


def test_readers_cannot_upload(masuk, kepala_user, auditor_user, operator2_user, indikator):
    rehabilitasi = indikator(REHABILITASI_PASAR)
    assert _unggah(masuk(kepala_user), rehabilitasi, "a.pdf", _pdf()).status_code == 403
    assert _unggah(masuk(auditor_user), rehabilitasi, "a.pdf", _pdf()).status_code == 403
    assert _unggah(masuk(operator2_user), rehabilitasi, "a.pdf", _pdf()).status_code == 404
    assert not BuktiDukung.objects.exists()


@pytest.mark.parametrize(
    ("awal", "jenis"),
    [
        (b"%PDF-1.7", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff\xe0", "image/jpeg"),
        (b"%PDF", None),
        (b"\x89PNG", None),
        (b"", None),
        (b"PK\x03\x04", None),
    ],
)
def test_type_detection_reads_the_leading_bytes(awal, jenis):
    assert deteksi_jenis(awal) == jenis
