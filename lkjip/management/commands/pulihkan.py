"""`python manage.py pulihkan <arsip.tar.gz>`

Restores an archive written by `cadangkan` into an EMPTY database and MEDIA_ROOT, in this order:

1. reads the manifest (the archive's first member) and refuses an archive made by newer code (a migration
   this code does not know);
2. refuses a database that holds any row of the backed-up models, and a MEDIA_ROOT that holds a different
   file under a name the archive restores: a restore never mixes two installations;
3. migrates the database to the archive's migrations, so the dump meets the schema it was written from;
4. unpacks the dump and the media files into a temporary folder inside MEDIA_ROOT, checking the sha256 and
   size of each against the manifest; a file missing, extra or different stops the restore;
5. in one transaction: loads the dump, compares the rows of every model with the manifest, checks that
   each signed archive (RevisiArsip) is the file its stored SHA-256 names, gives every OPD a new data
   version (no cache from before the restore is trusted), and moves the media files into place;
6. migrates to this code's latest migrations (data migrations then upgrade an older archive's rows).

Anything that fails before the end leaves the database and MEDIA_ROOT as they were (the files moved in
step 5 are removed again). The database is created by the operator (`createdb`, or a new SQLite file
path in DATABASE_URL); its tables are created here.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.sql import emit_post_migrate_signal
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from inti import versi
from inti.models import OPD
from lkjip.laporan.models import RevisiArsip
from lkjip.management.commands.cadangkan import (
    AWALAN_SEMENTARA,
    DATA,
    FORMAT,
    MANIFEST,
    MEDIA,
    PG_DUMP,
    POTONGAN,
    model_dicadangkan,
    ribuan,
    sha256_path,
)

# Rows `migrate` itself writes (the installation-wide data version): present in every new database, and
# overwritten by the dump's.
_BOLEH_ADA = {"inti.versidata"}


def _gagal(pesan: str) -> CommandError:
    return CommandError(f"Pemulihan dibatalkan, tidak ada data yang dimuat. {pesan}")


def _salin_terhitung(sumber, tujuan: Path) -> tuple[str, int]:
    """Write a stream to a file; its sha256 and size."""
    h, ukuran = hashlib.sha256(), 0
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    with open(tujuan, "wb") as keluar:
        while potongan := sumber.read(POTONGAN):
            h.update(potongan)
            ukuran += len(potongan)
            keluar.write(potongan)
    return h.hexdigest(), ukuran


def _nama_aman(nama: str) -> str:
    """A media name from the archive, refused unless it stays inside MEDIA_ROOT."""
    path = PurePosixPath(nama)
    if not nama or path.is_absolute() or any(b in ("..", "") for b in path.parts) or "\\" in nama:
        raise _gagal(f"Nama berkas tidak sah di arsip: {nama!r}.")
    return path.as_posix()


class Command(BaseCommand):
    help = (
        "Memulihkan arsip dari `cadangkan` ke basis data KOSONG: memeriksa manifest, memasang tabel, memuat "
        "data, memulihkan berkas MEDIA_ROOT, memeriksa SHA-256 setiap berkas dan jumlah baris setiap model."
    )

    def add_arguments(self, parser):
        parser.add_argument("arsip", help="berkas .tar.gz hasil `manage.py cadangkan`")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="alias basis data (bawaan: default)")

    def handle(self, *args, arsip: str, database: str = DEFAULT_DB_ALIAS, **options):
        path = Path(arsip)
        if not path.is_file():
            raise _gagal(f"Berkas {path} tidak ditemukan.")
        akar = Path(settings.MEDIA_ROOT)
        try:
            with tarfile.open(path, "r|gz") as tar:
                manifest, data, sementara = self._baca(tar, akar=akar, database=database)
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise _gagal(f"{path} rusak, terpotong atau bukan arsip tar.gz: {exc}") from None
        try:
            jumlah = self._muat(manifest, data=data, media=sementara / "media", akar=akar, database=database)
        finally:
            shutil.rmtree(sementara, ignore_errors=True)
        call_command("migrate", database=database, interactive=False, verbosity=0)

        self.stdout.write(self.style.SUCCESS(f"Dipulihkan dari {path} (dibuat {manifest['dibuat']}):"))
        self.stdout.write(
            f"  versi {manifest['versi']}, commit {manifest.get('commit') or 'tidak diketahui'}"
        )
        self.stdout.write(
            f"  basis data: {ribuan(sum(jumlah.values()))} baris dari {len(jumlah)} model, sama dengan manifest"
        )
        for label, n in jumlah.items():
            if n:
                self.stdout.write(f"    {label}: {ribuan(n)}")
        ukuran = sum(m["ukuran"] for m in manifest["media"].values())
        self.stdout.write(
            f"  media: {len(manifest['media'])} berkas, {ribuan(ukuran)} byte, SHA-256 semuanya cocok dengan manifest"
        )
        self.stdout.write(
            f"  arsip LKjIP bertanda tangan: {RevisiArsip.objects.using(database).count()}, semuanya terverifikasi"
        )

    # -- 1-4: the archive, read once from start to end --------------------------------------------------

    def _baca(self, tar: tarfile.TarFile, *, akar: Path, database: str) -> tuple[dict, Path, Path]:
        anggota = iter(tar)
        pertama = next(anggota, None)
        if pertama is None or pertama.name != MANIFEST or not pertama.isfile():
            raise _gagal("Arsip ini bukan cadangan SAKIP (manifest.json tidak ada di awal arsip).")
        try:
            manifest = json.load(tar.extractfile(pertama))
        except ValueError:
            raise _gagal("manifest.json rusak.") from None
        if manifest.get("format") != FORMAT:
            raise _gagal(
                f"Format arsip {manifest.get('format')!r} tidak dikenal versi ini (format {FORMAT})."
            )
        media = {_nama_aman(nama): isi for nama, isi in manifest["media"].items()}
        manifest["media"] = media

        self._periksa_migrasi(manifest, database)
        self._periksa_kosong(database)
        self._periksa_media_tujuan(media, akar)

        akar.mkdir(parents=True, exist_ok=True)
        sementara = Path(tempfile.mkdtemp(prefix=AWALAN_SEMENTARA, dir=akar))
        try:
            data = None
            terbaca = set()
            for info in anggota:
                if info.name == PG_DUMP:
                    continue  # for pg_restore by hand (docs/CADANGAN.md); the Django dump is what loads here
                if not info.isfile():
                    raise _gagal(f"Isi arsip tidak dikenal: {info.name}.")
                if info.name == DATA:
                    nama, harapan = DATA, manifest["data"]
                    tujuan = data = sementara / DATA
                elif info.name.startswith(MEDIA):
                    nama = _nama_aman(info.name[len(MEDIA) :])
                    if nama not in media:
                        raise _gagal(f"Berkas {nama} ada di arsip tetapi tidak di manifest.")
                    harapan, tujuan = media[nama], sementara / "media" / nama
                    terbaca.add(nama)
                else:
                    raise _gagal(f"Isi arsip tidak dikenal: {info.name}.")
                sha, ukuran = _salin_terhitung(tar.extractfile(info), tujuan)
                if sha != harapan["sha256"] or ukuran != harapan["ukuran"]:
                    raise _gagal(
                        f"Berkas {nama} di arsip tidak sama dengan manifest (SHA-256 atau ukuran berbeda)."
                    )
            if data is None:
                raise _gagal("data.json tidak ada di arsip.")
            hilang = sorted(set(media) - terbaca)
            if hilang:
                raise _gagal(f"{len(hilang)} berkas di manifest tidak ada di arsip, mis. {hilang[0]}.")
        except BaseException:
            shutil.rmtree(sementara, ignore_errors=True)
            raise
        return manifest, data, sementara

    def _periksa_migrasi(self, manifest: dict, database: str) -> None:
        executor = MigrationExecutor(connections[database])
        dikenal = set(executor.loader.disk_migrations)
        arsip = {(app, nama) for app, daftar in manifest["migrasi"].items() for nama in daftar}
        baru = sorted(arsip - dikenal)
        if baru:
            app, nama = baru[0]
            raise _gagal(
                f"Arsip dibuat oleh versi aplikasi yang lebih baru (migrasi {app}.{nama} tidak dikenal kode ini; "
                f"commit arsip {manifest.get('commit') or 'tidak diketahui'}). Perbarui kode dulu, lalu ulangi."
            )

    def _periksa_kosong(self, database: str) -> None:
        # Raw counts of the tables that exist: the schema may not be there yet, or be an older one.
        koneksi = connections[database]
        tabel = set(koneksi.introspection.table_names())
        terisi = []
        with koneksi.cursor() as cur:
            # The data tables first, their history tables after: the message names what the operator knows.
            for model in sorted(
                model_dicadangkan(), key=lambda m: m._meta.model_name.startswith("historical")
            ):
                if model._meta.label_lower in _BOLEH_ADA:
                    continue
                nama = model._meta.db_table
                if nama in tabel:
                    cur.execute(f"SELECT 1 FROM {koneksi.ops.quote_name(nama)} LIMIT 1")  # noqa: S608
                    if cur.fetchone():
                        terisi.append(model._meta.label_lower)
        if terisi:
            raise _gagal(
                f"Basis data tujuan tidak kosong: sudah berisi data ({', '.join(terisi[:5])}"
                f"{', …' if len(terisi) > 5 else ''}). Pemulihan hanya ke basis data kosong: buat basis data "
                "baru (createdb, atau berkas SQLite baru di DATABASE_URL) lalu ulangi."
            )

    def _periksa_media_tujuan(self, media: dict, akar: Path) -> None:
        for nama, isi in media.items():
            path = akar / nama
            if path.exists() and (not path.is_file() or sha256_path(path) != isi["sha256"]):
                raise _gagal(
                    f"MEDIA_ROOT ({akar}) sudah berisi berkas lain bernama {nama}. Pulihkan ke MEDIA_ROOT yang "
                    "kosong."
                )

    # -- 5: the load, in one transaction ---------------------------------------------------------------

    def _muat(self, manifest: dict, *, data: Path, media: Path, akar: Path, database: str) -> dict[str, int]:
        self._migrasi_ke_arsip(manifest, database)
        dipindah: list[Path] = []
        try:
            with transaction.atomic(using=database):
                try:
                    call_command("loaddata", str(data), database=database, verbosity=0)
                except (DeserializationError, DatabaseError) as exc:
                    raise _gagal(f"Dump tidak dapat dimuat ke basis data ini: {exc}") from None
                jumlah = self._periksa_jumlah(manifest, database)
                self._periksa_arsip_laporan(media, database)
                versi.naikkan(
                    OPD.objects.using(database).values_list("pk", flat=True), semua=True, peran=True
                )
                for nama in manifest["media"]:
                    tujuan = akar / nama
                    if tujuan.exists():
                        continue  # the same file (checked before): left as it is
                    tujuan.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(media / nama, tujuan)
                    dipindah.append(tujuan)
        except BaseException:
            for path in dipindah:
                path.unlink(missing_ok=True)
            raise
        return jumlah

    def _migrasi_ke_arsip(self, manifest: dict, database: str) -> None:
        """Migrate to the archive's own migrations: its dump matches that schema. A database already past
        them (the operator ran `migrate` with newer code) is left where it is."""
        koneksi = connections[database]
        executor = MigrationExecutor(koneksi)
        arsip = {(app, nama) for app, daftar in manifest["migrasi"].items() for nama in daftar}
        terpasang = set(executor.loader.applied_migrations)
        if not terpasang <= arsip:
            call_command("migrate", database=database, interactive=False, verbosity=0)
            return
        graf = executor.loader.graph
        target = sorted(
            kunci
            for kunci in arsip
            if not any(
                anak.key in arsip and anak.key[0] == kunci[0] for anak in graf.node_map[kunci].children
            )
        )
        executor.migrate(target, plan=executor.migration_plan(target))
        # As `migrate` does: the content types and permissions the dump refers to by natural key.
        emit_post_migrate_signal(0, False, database)

    def _periksa_jumlah(self, manifest: dict, database: str) -> dict[str, int]:
        model = {m._meta.label_lower: m for m in model_dicadangkan()}
        jumlah, beda = {}, []
        for label, harapan in sorted(manifest["jumlah_baris"].items()):
            if label not in model:
                raise _gagal(f"Model {label} dari arsip tidak ada di kode ini.")
            jumlah[label] = model[label]._base_manager.using(database).count()
            if jumlah[label] != harapan:
                beda.append(f"{label}: {jumlah[label]} dari {harapan}")
        if beda:
            raise _gagal(f"Jumlah baris setelah dimuat tidak sama dengan manifest: {'; '.join(beda)}.")
        return jumlah

    def _periksa_arsip_laporan(self, media: Path, database: str) -> None:
        # The signed PDFs are what the public verification page vouches for: each must be its stored hash.
        for r in RevisiArsip.objects.using(database).only("berkas", "sha256", "kode_pendek"):
            path = media / r.berkas.name
            if not path.is_file() or sha256_path(path) != r.sha256:
                raise _gagal(
                    f"Arsip LKjIP {r.kode_pendek} ({r.berkas.name}) tidak ada atau tidak cocok dengan SHA-256-nya."
                )
