"""A person signs in and lands on their agency, in a real browser."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_operator_signs_in_and_sees_only_their_opd(halaman, masuk):
    masuk(halaman, "operator2")
    teks = halaman.inner_text("body")
    assert "Dinas Koperasi dan Usaha Mikro" in teks
    assert "Perindustrian" not in teks


def test_wrong_password_shows_an_indonesian_message(halaman, masuk):
    masuk(halaman, "operator", "salah-sandi")
    assert "Nama pengguna atau kata sandi salah" in halaman.inner_text("body")
