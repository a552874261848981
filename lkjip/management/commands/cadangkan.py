"""`python manage.py cadangkan <folder-atau-berkas> [--tanpa-pg-dump]`

Writes one backup archive (tar.gz) of an installation: the database as a Django dump that loads into
SQLite as well as PostgreSQL, every file under MEDIA_ROOT (signed PDF and xlsx archives, evidence uploads,
stored renders) and a manifest. `pulihkan` restores it into an empty database. docs/CADANGAN.md says
when and how.

Archive layout, in this order, so that a restore can check the manifest before reading anything else:

    manifest.json      format, app version, git commit, time, migrations, rows per model, sha256 of each file
    data.json          dumpdata --natural-foreign --all of every model except those in DIKECUALIKAN
    basisdata.pgdump   (PostgreSQL with pg_dump on PATH) pg_dump --format=custom of the whole database
    media/<path>       every file under MEDIA_ROOT except the background jobs' folder

Left out of the dump, and why (DIKECUALIKAN):
- contenttypes and auth.permission: `migrate` creates them in the new database, with ids of its own;
  the dump refers to them by natural key (app label and model, codename) so the ids need not match.
- sessions: a restored installation asks everyone to sign in again rather than reviving old logins.
- the task queue (django_tasks_db, app label django_tasks_database) and the background jobs (inti.Pekerjaan) with their files under
  MEDIA_ROOT/pekerjaan/: transient work (renders, uploads in progress, exports) whose results are either
  saved in the data already or made again on request; a queued task restored elsewhere would run twice.

Primary keys are kept (no --natural-primary): history rows, the admin log and the engine's cache keys
hold plain ids of users and OPDs, which must keep meaning the same rows after a restore. The target is
an empty database, so kept ids never collide.

The dump and the row counts are read in one transaction (REPEATABLE READ on PostgreSQL): the archive is
one consistent moment even while people keep working. The archive holds password hashes and personal
data: it is written readable by its owner only (0600).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.json"
PG_DUMP = "basisdata.pgdump"
MEDIA = "media/"
# Left out of the dump: see the module docstring.
DIKECUALIKAN = ("contenttypes", "auth.permission", "sessions", "django_tasks_database", "inti.Pekerjaan")
# Folders of MEDIA_ROOT left out (the background jobs' own files, see above).
FOLDER_DIKECUALIKAN = ("pekerjaan",)
AWALAN_SEMENTARA = ".pulihkan-"
POTONGAN = 1 << 20


def model_dicadangkan() -> list:
    """The models whose rows the dump holds, in a stable order."""
    hasil = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        if {meta.app_label, meta.label_lower} & {x.lower() for x in DIKECUALIKAN}:
            continue
        hasil.append(model)
    return sorted(hasil, key=lambda m: m._meta.label_lower)


def berkas_media(akar: Path) -> list[tuple[str, Path]]:
    """Every regular file under MEDIA_ROOT as (name relative to it with '/', path), sorted; the excluded
    folders left out."""
    hasil = []
    if not akar.is_dir():
        return hasil
    for folder, subfolder, nama_berkas in os.walk(akar):
        relatif = Path(folder).relative_to(akar)
        if relatif == Path("."):
            # Also the staging folder of a restore that was interrupted (`pulihkan`).
            subfolder[:] = [
                s for s in subfolder if s not in FOLDER_DIKECUALIKAN and not s.startswith(AWALAN_SEMENTARA)
            ]
        for nama in nama_berkas:
            path = Path(folder) / nama
            if path.is_file() and not path.is_symlink():
                hasil.append(((relatif / nama).as_posix(), path))
    return sorted(hasil)


def sha256_path(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while potongan := f.read(POTONGAN):
            h.update(potongan)
    return h.hexdigest()


def ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def versi_aplikasi() -> str:
    try:
        return metadata.version("sakip-lkjip")
    except metadata.PackageNotFoundError:
        return "tidak diketahui"


def commit_git() -> str | None:
    git = shutil.which("git")
    if not git:
        return None
    try:
        hasil = subprocess.run(  # noqa: S603 (fixed arguments)
            [git, "rev-parse", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return (hasil.stdout.strip() or None) if hasil.returncode == 0 else None


def migrasi_terpasang(alias: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    hasil: dict[str, list[str]] = {}
    for app, nama in sorted(MigrationRecorder(connections[alias]).applied_migrations()):
        hasil.setdefault(app, []).append(nama)
    return hasil


def _pg_dump(tujuan: Path, alias: str) -> None:
    """pg_dump --format=custom of the database, with the connection settings Django uses."""
    db = connections[alias].settings_dict
    perintah = [shutil.which("pg_dump"), "--format=custom", "--no-owner", "--file", str(tujuan)]
    for opsi, nilai in (
        ("--host", db.get("HOST")),
        ("--port", db.get("PORT")),
        ("--username", db.get("USER")),
    ):
        if nilai:
            perintah += [opsi, str(nilai)]
    perintah.append(db["NAME"])
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    # Arguments come from the settings, not from a request.
    hasil = subprocess.run(perintah, env=env, capture_output=True, text=True)  # noqa: S603
    if hasil.returncode != 0:
        raise CommandError(f"pg_dump gagal: {hasil.stderr.strip()}")


def _tujuan(argumen: str) -> Path:
    path = Path(argumen)
    if path.is_dir() or argumen.endswith(os.sep):
        path.mkdir(parents=True, exist_ok=True)
        cap = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        path = path / f"sakip-cadangan-{cap}.tar.gz"
    if path.exists():
        raise CommandError(f"Berkas {path} sudah ada; cadangan tidak menimpa berkas lain.")
    if not path.parent.is_dir():
        raise CommandError(f"Folder {path.parent} tidak ada.")
    return path


class Command(BaseCommand):
    help = (
        "Mencadangkan basis data (dump Django yang dapat dimuat ke SQLite maupun PostgreSQL) dan semua "
        "berkas di MEDIA_ROOT ke satu arsip tar.gz beserta manifest (jumlah baris, SHA-256 setiap berkas)."
    )

    def add_arguments(self, parser):
        parser.add_argument("tujuan", help="folder (nama arsip dibuat dari waktu) atau nama berkas .tar.gz")
        parser.add_argument(
            "--tanpa-pg-dump", action="store_true", help="di PostgreSQL: jangan sertakan berkas pg_dump"
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="alias basis data (bawaan: default)")

    def handle(
        self, *args, tujuan: str, tanpa_pg_dump: bool = False, database: str = DEFAULT_DB_ALIAS, **options
    ):
        arsip = _tujuan(tujuan)
        koneksi = connections[database]
        akar_media = Path(settings.MEDIA_ROOT)
        with tempfile.TemporaryDirectory(prefix="sakip-cadangan-", dir=arsip.parent) as kerja:
            kerja = Path(kerja)
            path_data = kerja / DATA
            luar = not koneksi.in_atomic_block
            with transaction.atomic(using=database):
                # One snapshot for the counts and the dump (only a transaction's first statement may set it;
                # called inside a caller's transaction, the caller's snapshot is the one read).
                if koneksi.vendor == "postgresql" and luar:
                    with koneksi.cursor() as cur:
                        cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                jumlah = {
                    m._meta.label_lower: m._base_manager.using(database).count() for m in model_dicadangkan()
                }
                call_command(
                    "dumpdata",
                    *[f"--exclude={x}" for x in DIKECUALIKAN],
                    natural_foreign=True,
                    use_base_manager=True,
                    database=database,
                    output=str(path_data),
                    verbosity=0,
                )
                migrasi = migrasi_terpasang(database)
            pg = None
            if koneksi.vendor == "postgresql" and not tanpa_pg_dump:
                if shutil.which("pg_dump"):
                    _pg_dump(kerja / PG_DUMP, database)
                    pg = {"berkas": PG_DUMP, "sha256": sha256_path(kerja / PG_DUMP)}
                else:
                    self.stdout.write(
                        self.style.WARNING("pg_dump tidak ditemukan: hanya dump Django yang disertakan.")
                    )

            media = berkas_media(akar_media)
            daftar_media = {nama: {"sha256": sha256_path(p), "ukuran": p.stat().st_size} for nama, p in media}
            manifest = {
                "format": FORMAT,
                "aplikasi": "sakip-lkjip",
                "versi": versi_aplikasi(),
                "commit": commit_git(),
                "dibuat": datetime.now(UTC).isoformat(timespec="seconds"),
                "basis_data": koneksi.vendor,
                "migrasi": migrasi,
                "dikecualikan": list(DIKECUALIKAN),
                "data": {
                    "berkas": DATA,
                    "sha256": sha256_path(path_data),
                    "ukuran": path_data.stat().st_size,
                },
                "pg_dump": pg,
                "jumlah_baris": jumlah,
                "media": daftar_media,
            }

            sementara = kerja / "arsip.tar.gz"
            with tarfile.open(sementara, "w:gz") as tar:
                isi = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(isi), int(datetime.now(UTC).timestamp()), 0o600
                tar.addfile(info, io.BytesIO(isi))
                tar.add(path_data, arcname=DATA, recursive=False)
                if pg:
                    tar.add(kerja / PG_DUMP, arcname=PG_DUMP, recursive=False)
                for nama, path in media:
                    tar.add(path, arcname=MEDIA + nama, recursive=False)
            os.chmod(sementara, 0o600)
            # Renamed into place only once complete: a half-written archive never carries the final name.
            os.replace(sementara, arsip)

        total_baris = sum(jumlah.values())
        ukuran_media = sum(m["ukuran"] for m in daftar_media.values())
        self.stdout.write(f"Cadangan ditulis: {arsip} ({ribuan(arsip.stat().st_size)} byte)")
        self.stdout.write(f"  basis data ({koneksi.vendor}): {total_baris} baris dari {len(jumlah)} model")
        if pg:
            self.stdout.write(f"  pg_dump: {PG_DUMP}")
        self.stdout.write(f"  media: {len(daftar_media)} berkas, {ribuan(ukuran_media)} byte")
