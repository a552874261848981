"""`manage.py cadangkan` and `manage.py pulihkan`: a backup of the test database (the 2022 dataset plus a
signed report) restored into a new, empty SQLite database by separate processes, as an operator would,
gives the same figures, and every signed PDF still passes the public verification."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from capaian.bukti import bukti_unggah
from lkjip.laporan import services
from lkjip.laporan.models import RevisiArsip
from renstra.models import Indikator
from tests.laporan.bantu_lengkap import lengkapi_laporan

pytestmark = pytest.mark.django_db

UMUM = {"tahun": 2022}
# The smallest valid PNG (1×1 pixel): an evidence upload.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)

# Run by `manage.py shell` in the restored installation: every signed revision, posted as a file to its
# public verification page, and looked up by its QR code.
VERIFIKASI = """
import hashlib, json
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from lkjip.laporan import selectors
from lkjip.laporan.models import RevisiArsip
hasil = []
for r in RevisiArsip.objects.order_by("pk"):
    isi = r.berkas.read()
    halaman = Client().post(
        f"/verifikasi/{r.kode_pendek}", {"berkas": SimpleUploadedFile("lkjip.pdf", isi)}
    ).content.decode()
    hasil.append({
        "kode": r.kode_pendek,
        "sha256_berkas": hashlib.sha256(isi).hexdigest(),
        "sha256_tersimpan": r.sha256,
        "kode_dikenal": selectors.arsip_dengan_kode(r.kode_pendek).pk == r.pk,
        "cocok": "Cocok." in halaman,
    })
print(json.dumps(hasil))
"""


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _tandatangani(opd, operator, auditor, kepala) -> RevisiArsip:
    # As tests/laporan/test_arsip.py signs a report.
    lengkapi_laporan(user=operator, opd=opd)
    services.laporan_ajukan(user=operator, opd=opd, **UMUM)
    services.laporan_reviu(user=auditor, opd=opd, pernyataan="Telah direviu sesuai ketentuan.", **UMUM)
    return services.laporan_setujui(user=kepala, opd=opd, **UMUM)


def _jalankan(*args) -> str:
    keluaran = io.StringIO()
    call_command(*args, stdout=keluaran)
    return keluaran.getvalue()


def _manage(*args, db: Path, media: Path) -> subprocess.CompletedProcess:
    """manage.py in its own process, on another database and MEDIA_ROOT (the restored installation)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "MEDIA_ROOT": str(media), "DEBUG": "true"}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def _manifest(arsip: Path) -> dict:
    with tarfile.open(arsip, "r:gz") as tar:
        return json.load(tar.extractfile("manifest.json"))


def _ganti_satu_berkas(arsip: Path, tujuan: Path, nama: str) -> None:
    """A copy of the archive where one media file has one byte changed."""
    with tarfile.open(arsip, "r:gz") as asal, tarfile.open(tujuan, "w:gz") as baru:
        for info in asal:
            isi = asal.extractfile(info).read()
            if info.name == f"media/{nama}":
                isi = bytes([isi[0] ^ 1]) + isi[1:]
            baru.addfile(info, io.BytesIO(isi))


def test_a_restore_into_an_empty_database_gives_the_same_figures_and_verifiable_archives(
    tmp_path, media_sementara, operator_user, auditor_user, kepala_user, opd_disperindag
):
    bukti = bukti_unggah(
        user=operator_user, indikator=Indikator.objects.get(opd=opd_disperindag, kode="3.30.03.2.01.0001-1"),
        tahun=2022, tribulan=4, berkas=SimpleUploadedFile("foto-pasar.png", PNG), keterangan="Foto pasar",
    )  # fmt: skip
    revisi = _tandatangani(opd_disperindag, operator_user, auditor_user, kepala_user)
    capaian = _jalankan("capaian", "disperindag", "2022", "--format", "json")
    assert '"capaian"' in capaian

    arsip = tmp_path / "cadangan.tar.gz"
    laporan = _jalankan("cadangkan", str(arsip), "--tanpa-pg-dump")
    assert f"Cadangan ditulis: {arsip}" in laporan
    assert arsip.stat().st_mode & 0o077 == 0  # password hashes and personal data: owner only

    manifest = _manifest(arsip)
    jumlah = manifest["jumlah_baris"]
    assert jumlah["laporan.revisiarsip"] == 1 and jumlah["inti.opd"] == 2
    assert jumlah["auth.user"] == get_user_model().objects.count()
    assert jumlah["renstra.historicalindikator"] > 0  # the history travels with the data
    assert not {"sessions.session", "auth.permission", "inti.pekerjaan"} & set(jumlah)
    assert manifest["media"][revisi.berkas.name]["sha256"] == revisi.sha256
    assert revisi.berkas_xlsx.name in manifest["media"]
    assert manifest["media"][bukti.berkas.name]["sha256"] == hashlib.sha256(PNG).hexdigest()
    assert jumlah["capaian.buktidukung"] == 1
    assert len(manifest["media"]) == sum(1 for p in media_sementara.rglob("*") if p.is_file())

    db, media = tmp_path / "pulih.sqlite3", tmp_path / "media-pulih"

    # A single changed byte in the archive: refused before anything is loaded.
    rusak = tmp_path / "rusak.tar.gz"
    _ganti_satu_berkas(arsip, rusak, revisi.berkas.name)
    tolak = _manage("pulihkan", str(rusak), db=db, media=media)
    assert tolak.returncode != 0
    assert f"Berkas {revisi.berkas.name} di arsip tidak sama dengan manifest" in tolak.stderr
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))

    pulih = _manage("pulihkan", str(arsip), db=db, media=media)
    assert pulih.returncode == 0, pulih.stderr
    assert "SHA-256 semuanya cocok dengan manifest" in pulih.stdout
    baris = f"{sum(jumlah.values()):,}".replace(",", ".")
    assert f"basis data: {baris} baris dari {len(jumlah)} model, sama dengan manifest" in pulih.stdout
    assert "arsip LKjIP bertanda tangan: 1, semuanya terverifikasi" in pulih.stdout
    for nama, isi in manifest["media"].items():
        assert hashlib.sha256((media / nama).read_bytes()).hexdigest() == isi["sha256"]
    assert (media / bukti.berkas.name).read_bytes() == PNG

    hasil = _manage("capaian", "disperindag", "2022", "--format", "json", db=db, media=media)
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout == capaian

    verifikasi = _manage("shell", "-c", VERIFIKASI, db=db, media=media)
    assert verifikasi.returncode == 0, verifikasi.stderr
    assert json.loads(verifikasi.stdout.strip().splitlines()[-1]) == [
        {
            "kode": revisi.kode_pendek,
            "sha256_berkas": revisi.sha256,
            "sha256_tersimpan": revisi.sha256,
            "kode_dikenal": True,
            "cocok": True,
        }
    ]

    # A second restore over the first: refused, the database holds data now.
    lagi = _manage("pulihkan", str(arsip), db=db, media=media)
    assert lagi.returncode != 0 and "Basis data tujuan tidak kosong" in lagi.stderr


def test_restore_refuses_a_database_that_holds_data_and_loads_nothing(tmp_path, opd_disperindag):
    arsip = tmp_path / "cadangan.tar.gz"
    _jalankan("cadangkan", str(arsip), "--tanpa-pg-dump")
    pengguna = get_user_model().objects.count()

    with pytest.raises(CommandError) as exc:
        _jalankan("pulihkan", str(arsip))
    pesan = str(exc.value)
    assert pesan.startswith("Pemulihan dibatalkan, tidak ada data yang dimuat.")
    assert "Basis data tujuan tidak kosong: sudah berisi data (anggaran.kegiatan, " in pesan
    assert get_user_model().objects.count() == pengguna


def test_backup_refuses_to_overwrite_a_file_and_names_a_folder_target_by_time(tmp_path):
    ada = tmp_path / "ada.tar.gz"
    ada.write_bytes(b"lama")
    with pytest.raises(CommandError, match="sudah ada; cadangan tidak menimpa"):
        _jalankan("cadangkan", str(ada), "--tanpa-pg-dump")
    assert ada.read_bytes() == b"lama"

    keluaran = _jalankan("cadangkan", str(tmp_path), "--tanpa-pg-dump")
    (dibuat,) = tmp_path.glob("sakip-cadangan-*.tar.gz")
    assert f"Cadangan ditulis: {dibuat}" in keluaran


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bukan = tmp_path / "bukan.tar.gz"
    with tarfile.open(bukan, "w:gz") as tar:
        info = tarfile.TarInfo("../../etc/passwd")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(CommandError, match="bukan cadangan SAKIP"):
        _jalankan("pulihkan", str(bukan))
    (tmp_path / "teks.tar.gz").write_text("bukan arsip")
    with pytest.raises(CommandError, match="rusak, terpotong atau bukan arsip tar.gz"):
        _jalankan("pulihkan", str(tmp_path / "teks.tar.gz"))


def test_the_jobs_files_and_an_interrupted_restore_stay_out_of_the_backup(tmp_path, media_sementara):
    for nama in ("bukti/1/a.pdf", "pekerjaan/9/hasil.pdf", ".pulihkan-x1/media/b.pdf", "laporan/c.pdf"):
        (media_sementara / nama).parent.mkdir(parents=True, exist_ok=True)
        (media_sementara / nama).write_bytes(nama.encode())
    arsip = tmp_path / "cadangan.tar.gz"
    _jalankan("cadangkan", str(arsip), "--tanpa-pg-dump")
    assert sorted(_manifest(arsip)["media"]) == ["bukti/1/a.pdf", "laporan/c.pdf"]
    with tarfile.open(arsip, "r:gz") as tar:
        assert tar.getnames()[:2] == ["manifest.json", "data.json"]
        assert tar.extractfile("media/bukti/1/a.pdf").read() == b"bukti/1/a.pdf"
