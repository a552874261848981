"""Helpers for the monev screen tests: URLs, htmx headers, the dataset's indicators, period locks.

Uploaded evidence goes to a temporary MEDIA_ROOT, never into the project's media directory.
"""

from decimal import Decimal

import pytest

from inti.akses import lupakan_akses
from inti.models import PeriodeMonev
from renstra.models import Indikator

HTMX = {"HTTP_HX_REQUEST": "true"}
D = Decimal

# Indicators of the 2022 dataset the tests write to (seed: LKjIP Disperindag Kota Pasuruan 2022).
REHABILITASI_PASAR = "3.30.03.2.01.0001-1"  # sub kegiatan, target 3 Pasar (DPA Perubahan), no formula
RETRIBUSI_PASAR = "3.30.03-1"  # program, target 100, realisasi_pad / target_pad * 100 = 93,7
PRODUKSI_UNGGULAN = "S2.1-1"  # IKU, target 0,1, growth of the sum of Tabel 3.7


@pytest.fixture(autouse=True)
def _media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def indikator(opd_disperindag):
    def ambil(kode: str) -> Indikator:
        return Indikator.objects.get(opd=opd_disperindag, kode=kode)

    return ambil


def url_monev(layar: str, *extra, kode: str = "disperindag", tahun: int = 2022, tribulan: int = 4) -> str:
    """`/opd/<kode>/monev/<tahun>/tw<n>/<layar>/...`: the screens' own URL layout, written out."""
    bagian = "/".join(str(x) for x in extra)
    return f"/opd/{kode}/monev/{tahun}/tw{tribulan}/{layar}/" + (f"{bagian}/" if bagian else "")


@pytest.fixture
def kunci_periode(pemda_pasuruan):
    """`kunci_periode(4)` locks Tribulan IV 2022 of Kota Pasuruan (as the admin would)."""

    def kunci(tribulan: int, terkunci: bool = True) -> PeriodeMonev:
        periode = PeriodeMonev.objects.get(pemda=pemda_pasuruan, tahun=2022, tribulan=tribulan)
        periode.terkunci = terkunci
        periode.save()
        return periode

    return kunci


@pytest.fixture
def masuk(client_for):
    """A logged-in client whose role cache is fresh (tests change roles and locks in between)."""

    def buat(user):
        lupakan_akses(user)
        return client_for(user)

    return buat
