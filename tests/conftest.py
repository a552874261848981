"""Shared test setup: the 2022 dataset, loaded once per session, and the demo personas.

Every test that uses the database sees the Disperindag Kota Pasuruan 2022 data, the demo OPD
`diskopum` and the demo users; tests run inside a transaction that is rolled back, so they may
change anything. Personas: `admin_user_demo` (Admin Pemda), `operator_user` and `kepala_user`
(Disperindag), `operator2_user` (the other OPD), `auditor_user` (reads every OPD).
"""

import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from pytest_django.plugin import blocking_manager_key

from inti.models import OPD, Pemda

# Fixtures and marker options that make pytest-django flush every table after the test.
FIXTURE_TRANSAKSIONAL = {"transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}


def _muat_dataset() -> None:
    call_command("muat_dataset", stdout=io.StringIO())


@pytest.fixture(scope="session", autouse=True)
def _hash_sandi_cepat():
    # The default hasher spends ~0.5 s per password by design; tests need no such strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(_hash_sandi_cepat, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _muat_dataset()


def _mengosongkan_database(item: pytest.Item) -> bool:
    if FIXTURE_TRANSAKSIONAL & set(getattr(item, "fixturenames", ())):
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    return bool(marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences") or marker.args[:1] == (True,))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    hasil = yield
    # A transactional test ends by flushing every table; put the dataset back for the tests after it.
    # Not after the last test: the test database is already gone by then.
    if nextitem is not None and _mengosongkan_database(item):
        with item.config.stash[blocking_manager_key].unblock():
            _muat_dataset()
    return hasil


def _pengguna(username: str):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def admin_user_demo(db):
    """Admin Pemda (Bappeda): staff and superuser, AksesPemda ADMIN of Kota Pasuruan."""
    return _pengguna("admin")


@pytest.fixture
def operator_user(db):
    """Operator of Disperindag."""
    return _pengguna("operator")


@pytest.fixture
def kepala_user(db):
    """Kepala of Disperindag."""
    return _pengguna("kepala")


@pytest.fixture
def operator2_user(db):
    """Operator of the second (demo) OPD, diskopum: an outsider to Disperindag."""
    return _pengguna("operator2")


@pytest.fixture
def auditor_user(db):
    """Auditor with AksesPemda AUDITOR: reads every OPD of Kota Pasuruan, writes nothing."""
    return _pengguna("auditor")


@pytest.fixture
def pemda_pasuruan(db):
    return Pemda.objects.get(kode="kota-pasuruan")


@pytest.fixture
def opd_disperindag(db):
    return OPD.objects.get(kode="disperindag")


@pytest.fixture
def opd_kedua(db):
    """The demo OPD diskopum (invented data), for cross-OPD access tests."""
    return OPD.objects.get(kode="diskopum")


@pytest.fixture
def client_for(db):
    """`client_for(user)` returns a fresh django.test.Client logged in as that user."""

    def masuk(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return masuk
