"""Sign-off archives the PDF once: later downloads serve those bytes whatever the data does afterwards,
earlier revisions stay downloadable, and the public verification recognises the file and only it."""

import hashlib
import io

import pytest
from openpyxl import load_workbook

from lkjip.laporan import services
from lkjip.laporan.dokumen import dokumen_laporan
from lkjip.laporan.models import Laporan, RevisiArsip
from lkjip.laporan.pdf import html_laporan
from tests.laporan.bantu_lengkap import lengkapi_laporan
from tests.tugas.bantu_tugas import isi, unduh

from .conftest import teks_halaman, ubah_realisasi_anggaran

pytestmark = pytest.mark.django_db

UMUM = {"tahun": 2022}
DASAR = "http://testserver/"


def _tandatangani(opd, operator, auditor, kepala) -> RevisiArsip:
    lengkapi_laporan(user=operator, opd=opd)
    services.laporan_ajukan(user=operator, opd=opd, **UMUM)
    services.laporan_reviu(user=auditor, opd=opd, pernyataan="Telah direviu sesuai ketentuan.", **UMUM)
    return services.laporan_setujui(user=kepala, opd=opd, **UMUM)


def _unduh(client, path: str) -> bytes:
    # A draft PDF whose data changed comes through a render job: its page, then its file.
    return isi(unduh(client, path))


def test_the_signed_pdf_is_served_byte_for_byte_after_data_changes(
    client_for, operator_user, auditor_user, kepala_user, opd_disperindag
):
    arsip = _tandatangani(opd_disperindag, operator_user, auditor_user, kepala_user)
    tersimpan = arsip.berkas.read()
    assert hashlib.sha256(tersimpan).hexdigest() == arsip.sha256 and arsip.ukuran == len(tersimpan)

    halaman = teks_halaman(tersimpan)
    teks = " ".join(halaman)
    assert not any("DRAF" in h for h in halaman)
    assert f"http://testserver/verifikasi/{arsip.kode_pendek}" in teks
    assert "Revisi 1" in teks and "Kepala Disperindag (Kepala OPD)" in teks
    assert "Pernyataan Telah Direviu" in teks and "Telah direviu sesuai ketentuan." in teks

    klien = client_for(auditor_user)
    assert _unduh(klien, "/opd/disperindag/laporan/2022/pdf/") == tersimpan
    xlsx = _unduh(klien, "/opd/disperindag/laporan/2022/xlsx/")
    assert xlsx == arsip.berkas_xlsx.read()

    # Data changes after sign-off: the report computed now would differ, the archive does not.
    sebelum = html_laporan(dokumen_laporan(opd_disperindag, 2022))
    ubah_realisasi_anggaran(opd_disperindag)
    assert html_laporan(dokumen_laporan(opd_disperindag, 2022)) != sebelum
    assert _unduh(klien, "/opd/disperindag/laporan/2022/pdf/") == tersimpan
    assert _unduh(klien, "/opd/disperindag/laporan/2022/xlsx/") == xlsx
    assert "Tabel 3.14" in load_workbook(io.BytesIO(xlsx)).sheetnames

    # A new revision is a Draft again; revision 1 stays downloadable, unchanged.
    services.laporan_revisi_baru(user=operator_user, opd=opd_disperindag, catatan="Koreksi realisasi.", **UMUM)
    draft = _unduh(klien, "/opd/disperindag/laporan/2022/pdf/")
    assert draft != tersimpan
    halaman_draft = teks_halaman(draft)
    assert all("DRAF" in h and "DRAFT" not in h for h in halaman_draft)
    assert "revisi 2" in " ".join(halaman_draft)
    assert _unduh(klien, "/opd/disperindag/laporan/2022/arsip/1/pdf/") == tersimpan
    assert _unduh(klien, "/opd/disperindag/laporan/2022/arsip/1/xlsx/") == xlsx
    assert client_for(auditor_user).get("/opd/disperindag/laporan/2022/arsip/2/pdf/").status_code == 404


def test_verification_accepts_the_archived_file_and_refuses_a_modified_one(
    client, client_for, operator_user, auditor_user, kepala_user, operator2_user, opd_disperindag
):
    arsip = _tandatangani(opd_disperindag, operator_user, auditor_user, kepala_user)
    berkas = arsip.berkas.read()

    # Anyone, without signing in: the identity of the document behind the QR code, nothing more.
    halaman = client.get(f"/verifikasi/{arsip.kode_pendek}").content.decode()
    assert "Dinas Perindustrian dan Perdagangan Kota Pasuruan" in halaman
    assert "2022" in halaman and "Revisi</dt><dd class=\"col-sm-9\">1<" in halaman
    assert "Kepala Disperindag" in halaman and arsip.sha256 in halaman
    assert "/arsip/" not in halaman and "416,70" not in halaman

    def unggah(path, isi: bytes):
        return client.post(path, {"berkas": io.BytesIO(isi)}, format="multipart").content.decode()

    for path in ("/verifikasi/", f"/verifikasi/{arsip.kode_pendek}"):
        terima = unggah(path, berkas)
        assert "Cocok." in terima and "revisi 1" in terima
        diubah = bytearray(berkas)
        diubah[len(diubah) // 2] ^= 0x01
        tolak = unggah(path, bytes(diubah))
        assert "Tidak dikenal." in tolak and "Cocok." not in tolak
        assert "Tidak dikenal." in unggah(path, berkas + b"\n")

    hash_benar = client.post("/verifikasi/", {"sha256": arsip.sha256.upper()}).content.decode()
    assert "Cocok." in hash_benar
    salah = client.post("/verifikasi/", {"sha256": "abc"}).content.decode()
    assert "64 karakter heksadesimal" in salah
    assert client.get("/verifikasi/tidakada99").status_code == 404
    # The archive itself stays behind the OPD's access.
    assert client_for(operator2_user).get("/opd/disperindag/laporan/2022/arsip/1/pdf/").status_code == 404
    assert Laporan.objects.get(opd=opd_disperindag, tahun=2022).status == Laporan.Status.DISETUJUI
