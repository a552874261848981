"""No refactoring moves a figure: the `capaian` command's JSON, the LKjIP page and the LKjIP xlsx of both
dataset OPDs are what they were when `tests/snapshot/` was written (see `tests/angka_tetap.py`)."""

import json

import pytest

from tests.angka_tetap import OPD_TAHUN, berkas_snapshot, keluaran

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("kode", "tahun"), OPD_TAHUN)
def test_the_command_the_report_page_and_its_xlsx_show_the_figures_of_the_snapshot(
    client_for, admin_user_demo, kode, tahun
):
    snapshot = json.loads(berkas_snapshot(kode, tahun).read_text(encoding="utf-8"))
    # Through JSON, as the snapshot was: tuples become lists, Decimals were never there.
    sekarang = json.loads(json.dumps(keluaran(client_for(admin_user_demo), kode, tahun)))
    for nama in ("json", "html", "xlsx"):
        assert sorted(sekarang[nama]) == sorted(snapshot[nama]), nama
        for kunci in snapshot[nama]:
            assert sekarang[nama][kunci] == snapshot[nama][kunci], f"{nama}: {kunci}"
