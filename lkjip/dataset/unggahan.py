"""A dataset workbook between its upload and the user's confirmation.

The upload page checks the workbook and shows what saving would create; nothing is written to the
domain until the user confirms. The bytes wait in a temporary file named by a random token; the token
lives in the user's session with the user's id, so only the same user in the same session can confirm
it (a file of another user or session is never found). A new upload replaces the waiting one; files
older than a day are removed whenever a new one is stored.
"""

from __future__ import annotations

import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from inti.akses import opd_tertulis, peran_pengguna
from inti.models import OPD, Pemda

KUNCI_SESI = "dataset_unggahan"
UMUR_MAKS_DETIK = 24 * 60 * 60


def direktori() -> Path:
    return Path(tempfile.gettempdir()) / "sakip-unggahan-dataset"


@dataclass(frozen=True)
class Unggahan:
    token: str
    user_id: int
    nama_berkas: str

    @property
    def jalur(self) -> Path:
        return direktori() / f"{self.user_id}-{self.token}.xlsx"

    def data(self) -> bytes:
        return self.jalur.read_bytes()


def unggahan_simpan(*, session, user, data: bytes, nama_berkas: str) -> Unggahan:
    unggahan_hapus(session=session)
    _bersihkan_lama()
    direktori().mkdir(mode=0o700, parents=True, exist_ok=True)
    unggahan = Unggahan(token=secrets.token_urlsafe(24), user_id=user.pk, nama_berkas=nama_berkas[:200])
    unggahan.jalur.write_bytes(data)
    session[KUNCI_SESI] = {"token": unggahan.token, "user_id": user.pk, "nama_berkas": unggahan.nama_berkas}
    return unggahan


def unggahan_baca(*, session, user) -> Unggahan | None:
    """The upload waiting in this session for this user, or None."""
    isi = session.get(KUNCI_SESI)
    if not isinstance(isi, dict) or isi.get("user_id") != user.pk:
        return None
    token = str(isi.get("token", ""))
    if not token or not all(c.isalnum() or c in "-_" for c in token):
        return None
    unggahan = Unggahan(token=token, user_id=user.pk, nama_berkas=str(isi.get("nama_berkas", "")))
    return unggahan if unggahan.jalur.is_file() else None


def unggahan_hapus(*, session) -> None:
    isi = session.pop(KUNCI_SESI, None)
    if isinstance(isi, dict) and isi.get("token") and isi.get("user_id"):
        token = str(isi["token"])
        if all(c.isalnum() or c in "-_" for c in token):
            (direktori() / f"{isi['user_id']}-{token}.xlsx").unlink(missing_ok=True)


def _bersihkan_lama() -> None:
    batas = time.time() - UMUR_MAKS_DETIK
    if not direktori().is_dir():
        return
    for berkas in direktori().glob("*.xlsx"):
        try:
            if berkas.stat().st_mtime < batas:
                berkas.unlink(missing_ok=True)
        except OSError:
            continue


# --- who may upload -----------------------------------------------------------------------------------


def boleh_unggah(user) -> bool:
    """An OPD's writer (its operator) or a Pemda admin: the upload page is theirs."""
    akses = peran_pengguna(user)
    return bool(akses.opd_tulis_ids or akses.admin_pemda_ids or akses.superuser)


def pemda_pengguna(user) -> Pemda | None:
    """The Pemda whose template the user downloads: the one they administer, else their OPD's."""
    akses = peran_pengguna(user)
    if akses.admin_pemda_ids:
        return Pemda.objects.filter(pk__in=akses.admin_pemda_ids).order_by("nama").first()
    opd = opd_tertulis(user).order_by("nama").first()
    if opd is not None:
        return opd.pemda
    return Pemda.objects.order_by("nama").first() if akses.superuser else None


def opd_pengguna(user) -> list[OPD]:
    """The OPDs the user writes, for the links to their last dataset."""
    return list(opd_tertulis(user).order_by("nama"))
