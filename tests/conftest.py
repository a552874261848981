"""Shared test setup: the 2022 dataset, loaded once per session, and the one set of personas.

Every test that uses the database sees the Disperindag Kota Pasuruan 2022 data, the demo OPD
`diskopum` and the demo users; tests run inside a transaction that is rolled back, so they may
change anything.

The personas live in one place, the `dunia` fixture (a `Dunia`):

| persona       | who                                              | Disperindag | Diskopum | OPD C |
| ------------- | ------------------------------------------------ | ----------- | -------- | ----- |
| `admin`       | demo `admin`: superuser and Admin Pemda          | rw          | rw       | rw    |
| `admin_pemda` | Admin Pemda (Bappeda) only, not staff/superuser  | rw          | rw       |       |
| `admin_lain`  | Admin of the other Pemda                         |             |          | rw    |
| `operator`    | demo `operator`, operator of OPD A (Disperindag) | rw          |          |       |
| `operator2`   | demo `operator2`, operator of OPD B (Diskopum)   |             | rw       |       |
| `kepala`      | demo `kepala`, Kepala of OPD A                   | r           |          |       |
| `auditor`     | demo `auditor`, auditor of the whole Pemda       | r           | r        |       |
| `auditor_opd` | auditor (Inspektorat) of OPD A only              | r           |          |       |
| `tanpa_peran` | signed in, no role anywhere                      |             |          |       |

Places: `pemda` (Kota Pasuruan), `opd_a` (Disperindag, the seed's rich data), `opd_b` (Diskopum,
invented), `pemda_lain` (the synthetic Pemda of bench/sintetis.py) and `opd_c` (an empty OPD in it).
Everyone signs in with `dunia.sandi`.

The demo people and places are read from the loaded dataset. The others are added on top of it,
inside the test's transaction, the first time a test reads them: the shared database stays exactly
what `muat_dataset` wrote, and a test that needs no other Pemda never creates one. So read every
persona and place a page should show before requesting it.

The older fixture names (`admin_user_demo`, `operator_user`, `kepala_user`, `operator2_user`,
`auditor_user`, `pemda_pasuruan`, `opd_disperindag`, `opd_kedua`) are the same objects as
`dunia.admin`, `dunia.operator`, ... in the same test.
"""

import io
from dataclasses import dataclass
from functools import cached_property

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings
from pytest_django.plugin import blocking_manager_key

from bench import sintetis
from inti.models import OPD, AksesPemda, Keanggotaan, Pemda

# Fixtures and marker options that make pytest-django flush every table after the test.
FIXTURE_TRANSAKSIONAL = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}

PENGGUNA_DATASET = ("admin", "operator", "operator2", "kepala", "auditor")
PERSONA = (*PENGGUNA_DATASET, "admin_pemda", "admin_lain", "auditor_opd", "tanpa_peran")


def _muat_dataset() -> None:
    call_command("muat_dataset", stdout=io.StringIO())


@pytest.fixture(scope="session", autouse=True)
def _hash_sandi_cepat():
    # The default hasher spends ~0.5 s per password by design; tests need no such strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _alamat_situs():
    # The site's configured address, as the test client's requests name it.
    settings.SITE_URL = "http://testserver"


@pytest.fixture(scope="session", autouse=True)
def _tugas_langsung():
    # Tests run background tasks at once, in the test's own transaction: no worker is needed. Through
    # override_settings: it also drops the backend that a module's @task created when collection imported it.
    with override_settings(
        TASKS={
            "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
        }
    ):
        yield


@pytest.fixture(autouse=True)
def _cache_engine_kosong():
    # Every test starts with the engine's cache empty: its query counts do not depend on the tests before.
    from django.core.cache import caches

    from capaian.engine import CACHE
    from capaian.selectors.tabel import _LAMPIRAN
    from capaian.views_tabel import _LOKAL
    from inti.akses import _PER_PERAN

    for cache in (CACHE, _LOKAL, _PER_PERAN, _LAMPIRAN):
        cache.kosongkan()
    caches["default"].clear()  # the table pages' bodies
    yield
    for cache in (CACHE, _LOKAL, _PER_PERAN, _LAMPIRAN):
        cache.kosongkan()
    caches["default"].clear()


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
    return bool(
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences") or marker.args[:1] == (True,)
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    hasil = yield
    # A transactional test ends by flushing every table; put the dataset back for the tests after it.
    # Not after the last test: the test database is already gone by then.
    if nextitem is not None and _mengosongkan_database(item):
        with item.config.stash[blocking_manager_key].unblock():
            _muat_dataset()
    return hasil


@dataclass
class Dunia:
    """The people and places every test shares (see the module docstring for who may do what)."""

    sandi: str
    pemda: Pemda
    opd_a: OPD
    opd_b: OPD
    admin: object
    operator: object
    operator2: object
    kepala: object
    auditor: object

    def persona(self, nama: str):
        """A persona by name, for parametrised tests: `dunia.persona("kepala")`."""
        if nama not in PERSONA:
            raise AttributeError(f"tidak ada persona {nama!r}")
        return getattr(self, nama)

    def _pengguna_baru(self, username: str, nama_depan: str, nama_belakang: str):
        return get_user_model().objects.create_user(
            username=username, password=self.sandi, first_name=nama_depan, last_name=nama_belakang
        )

    @cached_property
    def pemda_lain(self) -> Pemda:
        return sintetis.pemda_sintetis()

    @cached_property
    def opd_c(self) -> OPD:
        return OPD.objects.create(
            pemda=self.pemda_lain, kode="dinas-pasar-lain", nama="Dinas Pasar Kota Sintetis"
        )

    @cached_property
    def admin_pemda(self):
        # Named as the admin in the services' conflict messages: "diubah oleh Admin Bappeda".
        user = self._pengguna_baru("admin_pemda", "Admin", "Bappeda")
        AksesPemda.objects.create(user=user, pemda=self.pemda, peran=AksesPemda.Peran.ADMIN)
        return user

    @cached_property
    def admin_lain(self):
        user = self._pengguna_baru("admin_lain", "Admin", "Kota Sintetis")
        AksesPemda.objects.create(user=user, pemda=self.pemda_lain, peran=AksesPemda.Peran.ADMIN)
        return user

    @cached_property
    def auditor_opd(self):
        user = self._pengguna_baru("auditor_opd", "Ani", "Inspektorat")
        Keanggotaan.objects.create(user=user, opd=self.opd_a, peran=Keanggotaan.Peran.AUDITOR)
        return user

    @cached_property
    def tanpa_peran(self):
        return self._pengguna_baru("tanpa_peran", "Tamu", "Saja")


@pytest.fixture
def dunia(db) -> Dunia:
    """The shared personas and places, read from the loaded dataset in two queries."""
    pengguna = {u.username: u for u in get_user_model().objects.filter(username__in=PENGGUNA_DATASET)}
    opd = {
        o.kode: o for o in OPD.objects.select_related("pemda").filter(kode__in=("disperindag", "diskopum"))
    }
    return Dunia(
        sandi=settings.DEMO_PASSWORD,
        pemda=opd["disperindag"].pemda,
        opd_a=opd["disperindag"],
        opd_b=opd["diskopum"],
        **{nama: pengguna[nama] for nama in PENGGUNA_DATASET},
    )


@pytest.fixture
def admin_user_demo(dunia):
    return dunia.admin


@pytest.fixture
def operator_user(dunia):
    return dunia.operator


@pytest.fixture
def kepala_user(dunia):
    return dunia.kepala


@pytest.fixture
def operator2_user(dunia):
    return dunia.operator2


@pytest.fixture
def auditor_user(dunia):
    return dunia.auditor


@pytest.fixture
def pemda_pasuruan(dunia):
    return dunia.pemda


@pytest.fixture
def opd_disperindag(dunia):
    return dunia.opd_a


@pytest.fixture
def opd_kedua(dunia):
    return dunia.opd_b


@pytest.fixture
def client_for(db):
    """`client_for(user)` returns a fresh django.test.Client logged in as that user."""

    def masuk(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return masuk
