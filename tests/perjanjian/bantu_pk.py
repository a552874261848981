"""What the PK tests share (imported by each test module: this directory is no package, since a
package named `perjanjian` would shadow the app): the seed's PKs of 2022 removed (to create the year's PK afresh), and the
Disperindag Renstra indicators by code."""

from decimal import Decimal

import pytest

from perjanjian import services
from perjanjian.models import PerjanjianKinerja
from renstra.models import Indikator


@pytest.fixture
def tanpa_pk_2022(dunia):
    """Disperindag without its seed PK and PK Perubahan of 2022."""
    for pk in PerjanjianKinerja.objects.filter(opd=dunia.opd_a, tahun=2022).order_by("-revisi"):
        pk.delete()
    return dunia


@pytest.fixture
def indikator(dunia):
    """Disperindag's Renstra indicators by code: indikator["S2.1-1"]."""
    return {i.kode: i for i in Indikator.objects.filter(opd=dunia.opd_a, level__in=["tujuan", "sasaran"])}


KEPALA = services.KepalaPK(
    tempat="Pasuruan",
    pihak_pertama_nama="Drs. YANUAR AFRIANSYAH, MM",
    pihak_pertama_jabatan="Kepala Dinas Perindustrian dan Perdagangan",
    pihak_pertama_nip="19700101 199001 1 001",
    pihak_pertama_pangkat="Pembina Utama Muda",
    pihak_kedua_nama="Drs. H. SAIFULLAH YUSUF",
    pihak_kedua_jabatan="Wali Kota Pasuruan",
)


@pytest.fixture
def draf_2022(tanpa_pk_2022, indikator):
    """A draft PK 2022 made by the operator: the two sasaran indicators and two programs."""
    from anggaran.models import Program

    dunia = tanpa_pk_2022
    program = {p.kode: p for p in Program.objects.filter(opd=dunia.opd_a, tahun=2022)}
    return services.pk_buat(
        user=dunia.operator,
        opd=dunia.opd_a,
        tahun=2022,
        kepala=KEPALA,
        baris=[
            services.BarisMasukan(indikator["S2.1-1"].pk, Decimal("0.1")),
            services.BarisMasukan(indikator["S2.2-1"].pk, Decimal("1")),
        ],
        anggaran=[
            services.AnggaranMasukan(program["3.30.01"].pk, Decimal("8964583767")),
            services.AnggaranMasukan(program["3.31.02"].pk, Decimal("15753452971")),
        ],
    )
