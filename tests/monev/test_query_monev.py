"""Every monev screen runs a fixed number of queries: the same for the 2022 dataset and for a synthetic
OPD with 20 times its indicators and budget lines (bench/sintetis.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.sintetis import buat_opd_sintetis
from capaian.engine import CACHE
from capaian.models import RealisasiIndikator
from renstra.models import Indikator
from tests.monev.conftest import HTMX, url_monev

pytestmark = pytest.mark.django_db

# session, user (with the roles token), the OPD, its period and the year's freeze, the engine's 26 (data
# version and rows), and each screen's own (evidence and note counts; supporting tables and rows; stored
# budget rows; ...). The user's roles and the navbar's OPD list are kept per process under the roles token
# (`inti.akses.per_peran`): the client opens a page first, as a user who just logged in has.
JUMLAH_QUERY = {
    "opd": 36,  # + the page's counts (3), the periods, analyses and notes of the year
    "realisasi": 33,
    "kertas-kerja": 33,
    "anggaran": 32,
    "analisis": 32,
    "indikator": 34,
}


def _alamat(layar: str, opd) -> str:
    if layar == "opd":
        return f"/opd/{opd.kode}/?tahun=2022&tribulan=4"
    if layar == "indikator":
        iku = Indikator.objects.filter(opd=opd, iku=True).order_by("pk").first()
        return url_monev("indikator", iku.pk, kode=opd.kode)
    return url_monev(layar, kode=opd.kode)


def _hitung(client, alamat) -> tuple[int, int]:
    CACHE.kosongkan()  # both OPDs computed afresh: the same queries whatever their size
    with CaptureQueriesContext(connection) as konteks:
        respons = client.get(alamat)
    assert respons.status_code == 200, alamat
    return len(konteks.captured_queries), len(respons.content)


@pytest.mark.parametrize("layar", list(JUMLAH_QUERY))
def test_each_screen_runs_the_same_queries_for_the_dataset_and_a_twenty_times_larger_opd(
    masuk, admin_user_demo, opd_disperindag, layar
):
    besar = buat_opd_sintetis("sintetis-monev", kali=20)
    client = masuk(admin_user_demo)
    assert client.get("/").status_code == 200  # the user's roles, kept from here on
    n_dataset, ukuran_dataset = _hitung(client, _alamat(layar, opd_disperindag))
    n_besar, ukuran_besar = _hitung(client, _alamat(layar, besar))
    assert n_dataset == n_besar == JUMLAH_QUERY[layar]
    if layar not in ("opd", "indikator"):
        assert ukuran_besar > 5 * ukuran_dataset  # the page did grow with the rows


def test_saving_a_row_runs_the_same_queries_whatever_the_size_of_the_opd(
    masuk, admin_user_demo, opd_disperindag
):
    besar = buat_opd_sintetis("sintetis-monev", kali=20)
    client = masuk(admin_user_demo)
    assert client.get("/").status_code == 200  # the user's roles, kept from here on
    jumlah = []
    for opd in (opd_disperindag, besar):
        realisasi = (
            RealisasiIndikator.objects.filter(indikator__opd=opd, tahun=2022, tribulan=4)
            .order_by("pk")
            .first()
        )
        with CaptureQueriesContext(connection) as konteks:
            respons = client.post(
                url_monev("realisasi", realisasi.indikator_id, kode=opd.kode),
                {"nilai": "7", "versi": str(realisasi.versi), "konfirmasi": "1"},  # "Tetap simpan": no check
                **HTMX,
            )
        assert respons.status_code == 200
        jumlah.append(len(konteks.captured_queries))
    assert jumlah[0] == jumlah[1]
