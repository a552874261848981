"""Monev workbooks waiting for the user's "Tetap simpan".

An upload whose realisasi look wrong (`capaian.services.peringatan_realisasi_banyak`) saves nothing at
first: the page lists the warnings and offers "Tetap simpan". So the user need not pick the file again,
the workbook is kept under MEDIA_ROOT (`unggah_tertunda/<OPD id>/<sha256>.xlsx`, never served) and the
confirmation names it by its digest. The OPD is part of the path, so a confirmation can only reach a
file uploaded for the OPD the page belongs to, which the view has already checked the user may write.

A kept file is removed once the confirmed upload is saved; files older than `UMUR_JAM` hours are removed
whenever another file is kept, so an abandoned confirmation leaves nothing behind for long.
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "unggah_tertunda"
UMUR_JAM = 24
_SIDIK = re.compile(r"^[0-9a-f]{64}$")


def _lokasi(opd_id: int, sidik: str) -> str:
    return f"{FOLDER}/{int(opd_id)}/{sidik}.xlsx"


def simpan(opd_id: int, data: bytes) -> str:
    """Keep the workbook for the OPD; its digest (the name the confirmation sends back)."""
    sidik = hashlib.sha256(data).hexdigest()
    _bersihkan(opd_id)
    lokasi = _lokasi(opd_id, sidik)
    if not default_storage.exists(lokasi):
        default_storage.save(lokasi, ContentFile(data))
    return sidik


def baca(opd_id: int, sidik: str) -> bytes | None:
    """The kept workbook, or None when the digest is malformed, the file is gone or no longer matches."""
    if not isinstance(sidik, str) or not _SIDIK.match(sidik):
        return None
    try:
        with default_storage.open(_lokasi(opd_id, sidik), "rb") as berkas:
            data = berkas.read()
    except (FileNotFoundError, OSError):
        return None
    return data if hashlib.sha256(data).hexdigest() == sidik else None


def hapus(opd_id: int, sidik: str) -> None:
    if _SIDIK.match(sidik or ""):
        default_storage.delete(_lokasi(opd_id, sidik))


def _bersihkan(opd_id: int) -> None:
    folder = f"{FOLDER}/{int(opd_id)}"
    try:
        _, berkas = default_storage.listdir(folder)
    except (FileNotFoundError, OSError):
        return
    batas = timezone.now() - timedelta(hours=UMUR_JAM)
    for nama in berkas:
        lokasi = f"{folder}/{nama}"
        try:
            if default_storage.get_modified_time(lokasi) < batas:
                default_storage.delete(lokasi)
        except (FileNotFoundError, OSError):
            continue
