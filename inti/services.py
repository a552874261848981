"""Writes of the base: accounts, roles and OPDs (the Pemda admin), monev periods, and the year's freeze.

Every function checks that the acting user may do it, validates, runs in one transaction and leaves a
history row naming the actor (django-simple-history on OPD, Keanggotaan, AksesPemda, PeriodeMonev,
TahunOPD and the User model). A Pemda admin never manages a superuser or an account that holds roles in
another Pemda, so one Pemda's admin cannot lock out or take over another's people.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from inti.akses import lupakan_akses, peran_pengguna
from inti.models import OPD, AksesPemda, Keanggotaan, Pemda, PeriodeMonev, TahunOPD
from inti.periode import TAHUN_MAKS, TAHUN_MIN, Tribulan, format_tanggal, tahun_sah
from inti.tulis import KonflikSimpan, hapus, kunci_tahun, simpan, terakhir_diubah, validasi_periode

User = get_user_model()


def _pastikan_admin(admin, pemda: Pemda) -> None:
    if not peran_pengguna(admin).admin_pemda(pemda.pk):
        raise PermissionDenied("Hanya admin Pemda yang dapat mengelola pengguna dan OPD.")


def pastikan_boleh_kelola_pengguna(admin, pemda: Pemda, user) -> None:
    """403 unless `admin` administers `pemda` and `user` belongs to it alone (and is no superuser)."""
    _pastikan_admin(admin, pemda)
    if peran_pengguna(admin).superuser:
        return
    if user.is_superuser:
        raise PermissionDenied("Akun superuser hanya dapat diubah oleh superuser.")
    lain = (
        Keanggotaan.objects.filter(user=user).exclude(opd__pemda=pemda).exists()
        or AksesPemda.objects.filter(user=user).exclude(pemda=pemda).exists()
    )
    if lain:
        raise PermissionDenied("Akun ini juga memiliki peran di Pemda lain; hubungi admin Pemda tersebut.")


@transaction.atomic
def pengguna_buat(
    *,
    admin,
    pemda: Pemda,
    username: str,
    nama_depan: str = "",
    nama_belakang: str = "",
    email: str = "",
    sandi: str,
):
    """Create an account (no role yet). Raises ValidationError with Indonesian messages."""
    _pastikan_admin(admin, pemda)
    username = (username or "").strip()
    galat: dict[str, list[str]] = {}
    if not username:
        galat.setdefault("username", []).append("Nama pengguna wajib diisi.")
    elif User.objects.filter(username__iexact=username).exists():
        galat.setdefault("username", []).append(f"Nama pengguna «{username}» sudah dipakai.")
    user = User(
        username=username, first_name=nama_depan.strip(), last_name=nama_belakang.strip(), email=email.strip()
    )
    try:
        password_validation.validate_password(sandi, user)
    except ValidationError as exc:
        galat.setdefault("sandi", []).extend(exc.messages)
    if galat:
        raise ValidationError(galat)
    user.set_password(sandi)
    user.full_clean(exclude=["password"])
    simpan(user, admin, "Akun dibuat oleh admin Pemda")
    return user


@transaction.atomic
def pengguna_atur_aktif(*, admin, pemda: Pemda, user, aktif: bool):
    pastikan_boleh_kelola_pengguna(admin, pemda, user)
    if user.pk == admin.pk and not aktif:
        raise ValidationError("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active != aktif:
        user.is_active = aktif
        simpan(user, admin, "Akun diaktifkan" if aktif else "Akun dinonaktifkan", update_fields=["is_active"])
    return user


ALASAN_BUKA_KUNCI = "Kunci masuk dibuka oleh admin Pemda"


@transaction.atomic
def pengguna_buka_kunci(*, admin, pemda: Pemda, user) -> int:
    """Lift the sign-in lockout of `user` (too many wrong passwords): every address's count is cleared.

    Returns the number of lockout records removed (0: the account was not locked, nothing recorded).
    Recorded in the account's history with the admin's name.
    """
    from axes.utils import reset

    pastikan_boleh_kelola_pengguna(admin, pemda, user)
    user = User.objects.select_for_update().get(pk=user.pk)
    jumlah = reset(username=user.username)
    if jumlah:
        simpan(user, admin, ALASAN_BUKA_KUNCI, update_fields=["is_active"])
    return jumlah


@transaction.atomic
def pengguna_atur_sandi(*, admin, pemda: Pemda, user, sandi: str):
    pastikan_boleh_kelola_pengguna(admin, pemda, user)
    try:
        password_validation.validate_password(sandi, user)
    except ValidationError as exc:
        raise ValidationError({"sandi": exc.messages}) from exc
    user.set_password(sandi)
    # The history row keeps no password (excluded from the account's history); the reason says it changed.
    simpan(user, admin, "Kata sandi diganti oleh admin Pemda", update_fields=["password"])
    return user


def _atur_peran(model, *, admin, user, tempat: dict, peran: str | None):
    """Create, change or delete (`peran=None`) the one role row of `user` at `tempat` (an OPD or a Pemda)."""
    if peran is not None and peran not in model.Peran.values:
        raise ValidationError({"peran": "Peran tidak dikenal."})
    lama = model.objects.select_for_update().filter(user=user, **tempat).first()
    if peran is None:
        if lama is not None:
            hapus(lama, admin, f"Peran {lama.get_peran_display()} dicabut")
        hasil = None
    elif lama is None:
        hasil = model(user=user, peran=peran, **tempat)
        hasil.full_clean()
        simpan(hasil, admin, f"Peran {hasil.get_peran_display()} diberikan")
    else:
        if lama.peran != peran:
            semula = lama.get_peran_display()
            lama.peran = peran
            simpan(lama, admin, f"Peran {semula} → {lama.get_peran_display()}", update_fields=["peran"])
        hasil = lama
    lupakan_akses(user)
    return hasil


@transaction.atomic
def peran_opd_atur(*, admin, user, opd: OPD, peran: str | None) -> Keanggotaan | None:
    """Give `user` a role in `opd`, change it, or remove it (`peran=None`)."""
    pastikan_boleh_kelola_pengguna(admin, opd.pemda, user)
    return _atur_peran(Keanggotaan, admin=admin, user=user, tempat={"opd": opd}, peran=peran)


@transaction.atomic
def peran_pemda_atur(*, admin, user, pemda: Pemda, peran: str | None) -> AksesPemda | None:
    """Make `user` admin or Pemda-wide auditor, change it, or remove it (`peran=None`)."""
    pastikan_boleh_kelola_pengguna(admin, pemda, user)
    if user.pk == admin.pk and peran != AksesPemda.Peran.ADMIN and not peran_pengguna(admin).superuser:
        raise ValidationError("Anda tidak dapat mencabut peran admin Anda sendiri.")
    return _atur_peran(AksesPemda, admin=admin, user=user, tempat={"pemda": pemda}, peran=peran)


KOLOM_OPD = [
    "kode",
    "nama",
    "singkatan",
    "kode_unit",
    "alamat",
    "telepon",
    "kepala_nama",
    "kepala_nip",
    "kepala_pangkat",
    "kepala_jabatan",
    "atasan_nama",
    "atasan_jabatan",
    "aktif",
]


@transaction.atomic
def opd_simpan(*, admin, pemda: Pemda, opd: OPD | None, data: dict) -> OPD:
    """Create an OPD in `pemda`, or update `opd`'s identity. `data` holds KOLOM_OPD values."""
    _pastikan_admin(admin, pemda)
    if opd is not None:
        if opd.pemda_id != pemda.pk:
            raise PermissionDenied("OPD ini bukan milik Pemda Anda.")
        opd = OPD.objects.select_for_update().get(pk=opd.pk)
    else:
        opd = OPD(pemda=pemda)
    for kolom in KOLOM_OPD:
        if kolom in data:
            setattr(opd, kolom, data[kolom])
    opd.full_clean()
    simpan(opd, admin, "OPD ditambahkan" if opd.pk is None else "Data OPD diubah")
    return opd


# --------------------------------------------------------------------------------------------
# Monev periods: created on demand, a deadline each, locked and unlocked by the Pemda's admin
# --------------------------------------------------------------------------------------------

PESAN_BUKAN_ADMIN_PERIODE = "Hanya admin Pemda yang dapat mengatur periode monev."


def _pastikan_admin_periode(user, pemda_id: int) -> None:
    if not peran_pengguna(user).admin_pemda(pemda_id):
        raise PermissionDenied(PESAN_BUKAN_ADMIN_PERIODE)


def periode_siapkan(*, user, pemda, tahun: int, tribulan: int) -> PeriodeMonev:
    """The Pemda's period for the Tribulan, created (open, no deadline) when it does not exist yet."""
    _pastikan_admin_periode(user, pemda.pk)
    validasi_periode(tahun, tribulan)
    kunci = {"pemda": pemda, "tahun": tahun, "tribulan": tribulan}
    try:
        with transaction.atomic():
            periode = PeriodeMonev.objects.select_for_update().filter(**kunci).first()
            if periode is not None:
                return periode
            periode = PeriodeMonev(**kunci)
            simpan(periode, user, f"Periode {Tribulan(tribulan).label} {tahun} dibuat")
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
    _pastikan_admin_periode(user, periode.pemda_id)
    if batas_waktu is not None and (
        isinstance(batas_waktu, datetime.datetime) or not isinstance(batas_waktu, datetime.date)
    ):
        raise TypeError("batas_waktu harus datetime.date atau None")
    if batas_waktu is not None and not tahun_sah(batas_waktu.year):
        raise ValidationError(
            f"Tahun batas waktu harus antara {TAHUN_MIN} dan {TAHUN_MAKS}.", code="batas_waktu"
        )
    with transaction.atomic():
        periode = PeriodeMonev.objects.select_for_update().get(pk=periode.pk)
        tersimpan = periode.batas_waktu
        if tersimpan == batas_waktu:
            return periode
        if tersimpan != semula:
            oleh, pada = terakhir_diubah(periode.history.all())
            raise KonflikSimpan(
                tersimpan=format_tanggal(tersimpan),
                nilai_anda=format_tanggal(batas_waktu),
                oleh=oleh,
                pada=pada,
                objek=periode,
                subjek="Batas waktu ini",
            )
        periode.batas_waktu = batas_waktu
        simpan(periode, user, f"Batas waktu: {format_tanggal(tersimpan)} → {format_tanggal(batas_waktu)}")
        return periode


def periode_kunci(*, user, periode: PeriodeMonev, terkunci: bool) -> PeriodeMonev:
    """Lock or unlock a monev period. Admin of the period's Pemda only (PermissionDenied otherwise)."""
    if not peran_pengguna(user).admin_pemda(periode.pemda_id):
        raise PermissionDenied("Hanya admin Pemda yang dapat mengunci atau membuka periode monev.")
    with transaction.atomic():
        periode = PeriodeMonev.objects.select_for_update().get(pk=periode.pk)
        if periode.terkunci == terkunci:
            return periode
        periode.terkunci = terkunci
        simpan(periode, user, "Periode dikunci" if terkunci else "Periode dibuka")
        return periode


# --------------------------------------------------------------------------------------------
# The year's freeze
# --------------------------------------------------------------------------------------------


def tahun_atur_beku(*, user, opd: OPD, tahun: int, beku: bool, alasan: str) -> TahunOPD:
    """Freeze or unfreeze an OPD-year's data; the caller has checked that `user` may take the step.

    Called by the report's workflow inside its own transaction (submission freezes, a return to draft
    unfreezes), so the flag and the report's state change together or not at all.
    """
    validasi_periode(tahun)
    with transaction.atomic():
        tahun_opd = kunci_tahun(opd.pk, tahun)
        if tahun_opd.beku != beku:
            tahun_opd.beku = beku
            simpan(tahun_opd, user, alasan)
        return tahun_opd
