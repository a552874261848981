"""Writes of monev periods: creating a Tribulan's period and setting its deadline.

Locking and unlocking stay in `capaian.services.periode_kunci`. Like every write service, these check
permission (admin of the period's Pemda only: PermissionDenied otherwise), validate, run in one
transaction with the row locked, and record the acting user and old → new in the history.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from capaian.models import PeriodeMonev
from capaian.services import (
    NAMA_BULAN,
    TAHUN_MAKS,
    TAHUN_MIN,
    KonflikSimpan,
    _simpan,
    _terakhir_diubah,
)
from lkjip.akses import peran_pengguna
from lkjip.periode import Tribulan

PESAN_BUKAN_ADMIN = "Hanya admin Pemda yang dapat mengatur periode monev."


def format_tanggal(tanggal: datetime.date | None) -> str:
    """15 Januari 2023; "belum ditetapkan" when empty."""
    if tanggal is None:
        return "belum ditetapkan"
    return f"{tanggal.day} {NAMA_BULAN[tanggal.month - 1]} {tanggal.year}"


def _pastikan_admin(user, pemda_id: int) -> None:
    if not peran_pengguna(user).admin_pemda(pemda_id):
        raise PermissionDenied(PESAN_BUKAN_ADMIN)


def periode_siapkan(*, user, pemda, tahun: int, tribulan: int) -> PeriodeMonev:
    """The Pemda's period for the Tribulan, created (open, no deadline) when it does not exist yet."""
    _pastikan_admin(user, pemda.pk)
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise ValidationError(f"Tahun harus antara {TAHUN_MIN} dan {TAHUN_MAKS}.", code="tahun")
    if tribulan not in Tribulan.values:
        raise ValidationError("Tribulan harus 1 sampai 4.", code="tribulan")
    kunci = {"pemda": pemda, "tahun": tahun, "tribulan": tribulan}
    try:
        with transaction.atomic():
            periode = PeriodeMonev.objects.select_for_update().filter(**kunci).first()
            if periode is not None:
                return periode
            periode = PeriodeMonev(**kunci)
            _simpan(periode, user, f"Periode {Tribulan(tribulan).label} {tahun} dibuat")
            return periode
    except IntegrityError:
        # Two admins created it at the same moment: the other one's row is the period.
        return PeriodeMonev.objects.get(**kunci)


def periode_batas_waktu_atur(
    *,
    user,
    periode: PeriodeMonev,
    batas_waktu: datetime.date | None,
    semula: datetime.date | None,
) -> PeriodeMonev:
    """Set (or with None clear) the deadline of a period.

    `semula` is the deadline the admin's form showed: if another admin changed it in between, nothing is
    written and KonflikSimpan names both dates (as text, "15 Januari 2023").
    """
    _pastikan_admin(user, periode.pemda_id)
    if batas_waktu is not None and (
        isinstance(batas_waktu, datetime.datetime) or not isinstance(batas_waktu, datetime.date)
    ):
        raise TypeError("batas_waktu harus datetime.date atau None")
    if batas_waktu is not None and not TAHUN_MIN <= batas_waktu.year <= TAHUN_MAKS:
        raise ValidationError(
            f"Tahun batas waktu harus antara {TAHUN_MIN} dan {TAHUN_MAKS}.", code="batas_waktu"
        )
    with transaction.atomic():
        periode = PeriodeMonev.objects.select_for_update().get(pk=periode.pk)
        tersimpan = periode.batas_waktu
        if tersimpan == batas_waktu:
            return periode
        if tersimpan != semula:
            oleh, pada = _terakhir_diubah(periode.history.all())
            raise KonflikSimpan(
                tersimpan=format_tanggal(tersimpan),
                nilai_anda=format_tanggal(batas_waktu),
                oleh=oleh,
                pada=pada,
                objek=periode,
                subjek="Batas waktu ini",
            )
        periode.batas_waktu = batas_waktu
        _simpan(periode, user, f"Batas waktu: {format_tanggal(tersimpan)} → {format_tanggal(batas_waktu)}")
        return periode
