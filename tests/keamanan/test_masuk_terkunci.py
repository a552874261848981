"""Sign-in throttling: a handful of wrong passwords locks the account from that address, on the site's
sign-in page and the Django admin's, with an Indonesian page; the Pemda admin unlocks it, and the unlock
is in the account's history. Before django-axes, 25 wrong passwords then the right one signed in at once."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

SALAH = "bukan-sandinya"


def _masuk(klien, username, sandi, url="/masuk/"):
    return klien.post(url, {"username": username, "password": sandi})


def test_wrong_passwords_lock_the_account_then_even_the_right_one_is_refused(dunia):
    klien = Client(REMOTE_ADDR="10.0.0.5")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _masuk(klien, dunia.operator.username, SALAH).status_code == 200
    terkunci = _masuk(klien, dunia.operator.username, SALAH)
    assert terkunci.status_code == 429
    html = terkunci.content.decode()
    assert "Masuk terkunci sementara" in html and "admin Pemda" in html
    assert f"salah {settings.AXES_FAILURE_LIMIT} kali" in html

    benar = _masuk(klien, dunia.operator.username, dunia.sandi)
    assert benar.status_code == 429
    assert "_auth_user_id" not in klien.session

    # Another address is not locked out of the account (the lock is per account and address).
    lain = Client(REMOTE_ADDR="10.0.0.6")
    assert _masuk(lain, dunia.operator.username, dunia.sandi).status_code == 302


def test_a_success_resets_the_count(dunia):
    klien = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _masuk(klien, dunia.operator.username, SALAH)
    assert _masuk(klien, dunia.operator.username, dunia.sandi).status_code == 302
    klien.post("/keluar/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _masuk(klien, dunia.operator.username, SALAH).status_code == 200


def test_the_django_admin_sign_in_is_throttled_too(dunia):
    klien = Client(REMOTE_ADDR="10.0.0.8")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _masuk(klien, dunia.admin.username, SALAH, url="/admin/login/")
    assert _masuk(klien, dunia.admin.username, dunia.sandi, url="/admin/login/").status_code == 429


def test_the_pemda_admin_sees_the_lock_and_lifts_it(client_for, dunia):
    kunci = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _masuk(kunci, dunia.operator.username, SALAH)
    assert _masuk(kunci, dunia.operator.username, dunia.sandi).status_code == 429

    admin = client_for(dunia.admin_pemda)
    url = f"/kelola/pengguna/{dunia.operator.pk}/?pemda={dunia.pemda.kode}"
    assert 'id="akun-terkunci"' in admin.get(url).content.decode()

    # An admin of another Pemda cannot reach the account at all.
    lain = client_for(dunia.admin_lain)
    ditolak = lain.post(url, {"pemda": dunia.pemda.kode, "aksi": "buka_kunci"})
    assert ditolak.status_code in (403, 404)
    assert _masuk(kunci, dunia.operator.username, dunia.sandi).status_code == 429

    jawab = admin.post(url, {"pemda": dunia.pemda.kode, "aksi": "buka_kunci"}, follow=True)
    html = jawab.content.decode()
    assert "Kunci masuk dibuka" in html and 'id="akun-terkunci"' not in html
    assert "Kunci masuk" in html and "terkunci → dibuka" in html  # the history names the unlock
    assert _masuk(kunci, dunia.operator.username, dunia.sandi).status_code == 302
