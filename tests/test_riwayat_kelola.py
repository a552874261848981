"""The Pemda admin's changes to accounts, roles and OPDs are on record with the admin and a reason."""

import pytest

from inti import services
from inti.models import Keanggotaan

pytestmark = pytest.mark.django_db


def _terakhir(qs):
    baris = qs.order_by("-history_date", "-history_id").first()
    return baris.history_user, baris.history_change_reason


def test_role_changes_name_the_admin_and_the_role(admin_user_demo, operator2_user, opd_disperindag):
    services.peran_opd_atur(admin=admin_user_demo, user=operator2_user, opd=opd_disperindag, peran="auditor")
    riwayat = Keanggotaan.history.filter(user_id=operator2_user.pk, opd_id=opd_disperindag.pk)
    assert _terakhir(riwayat) == (admin_user_demo, "Peran Auditor diberikan")

    services.peran_opd_atur(admin=admin_user_demo, user=operator2_user, opd=opd_disperindag, peran="kepala")
    assert _terakhir(riwayat) == (admin_user_demo, "Peran Auditor → Kepala OPD")

    services.peran_opd_atur(admin=admin_user_demo, user=operator2_user, opd=opd_disperindag, peran=None)
    assert _terakhir(riwayat) == (admin_user_demo, "Peran Kepala OPD dicabut")


def test_account_changes_name_the_admin_and_what_changed(admin_user_demo, operator2_user, pemda_pasuruan):
    services.pengguna_atur_aktif(admin=admin_user_demo, pemda=pemda_pasuruan, user=operator2_user, aktif=False)
    assert _terakhir(operator2_user.history) == (admin_user_demo, "Akun dinonaktifkan")
    services.pengguna_atur_sandi(
        admin=admin_user_demo, pemda=pemda_pasuruan, user=operator2_user, sandi="sandi-baru-Pasuruan-77"
    )
    assert _terakhir(operator2_user.history) == (admin_user_demo, "Kata sandi diganti oleh admin Pemda")


def test_opd_changes_name_the_admin(admin_user_demo, pemda_pasuruan, opd_kedua):
    services.opd_simpan(admin=admin_user_demo, pemda=pemda_pasuruan, opd=opd_kedua, data={"telepon": "0343 123"})
    assert _terakhir(opd_kedua.history) == (admin_user_demo, "Data OPD diubah")
