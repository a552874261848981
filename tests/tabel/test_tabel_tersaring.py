"""A table page keeps the rows its filter keeps and the filter form apart from the page number and the
order (capaian.views_tabel._tersaring): paging or sorting the same filter builds no rows again, while a
new filter, or a write to the data, does."""

from decimal import Decimal

import pytest

from capaian.models import RealisasiIndikator
from capaian.selectors import tabel as selectors
from capaian.services import realisasi_simpan
from renstra.models import Indikator
from tests.tabel.conftest import sel_baris

pytestmark = pytest.mark.django_db


@pytest.fixture
def dihitung(monkeypatch):
    panggilan = []
    asli = selectors.tabel_indikator

    def dicatat(**kwargs):
        panggilan.append(sorted(kwargs["data"].lists()))
        return asli(**kwargs)

    monkeypatch.setattr(selectors, "tabel_indikator", dicatat)
    return panggilan


def test_paging_and_sorting_one_filter_builds_its_rows_once(client_for, admin_user_demo, dihitung):
    klien = client_for(admin_user_demo)
    halaman = [
        klien.get(f"/capaian/indikator/?tahun=2022{tambahan}").content.decode()
        for tambahan in ("", "&page=2", "&sort=-capaian", "&sort=nama&page=2")
    ]
    assert len(dihitung) == 1
    # Each page still shows its own rows, under one filter form with the chosen year.
    assert len({h[h.index("<tbody") : h.index("</tbody>")] for h in halaman}) == 4
    assert all('<option value="2022" selected>' in h for h in halaman)

    klien.get("/capaian/indikator/?tahun=2022&level=sasaran")
    assert len(dihitung) == 2


def test_a_write_shows_on_every_page_of_the_filter(client_for, admin_user_demo, operator_user, dihitung):
    klien = client_for(admin_user_demo)
    url = "/capaian/indikator/?tahun=2022&opd=disperindag&sort=kode"
    peserta = Indikator.objects.get(opd__kode="disperindag", kode="3.30.02.2.06.0003-1")
    sebelum = klien.get(url).content.decode()
    assert sel_baris(sebelum, "3.30.02.2.06.0003-1")[6:8] == ["–", "–"]
    assert not RealisasiIndikator.objects.filter(indikator=peserta, tahun=2022, tribulan=4).exists()

    realisasi_simpan(user=operator_user, indikator=peserta, tahun=2022, tribulan=4, nilai=Decimal("69"), versi=None)

    sesudah = klien.get(url).content.decode()
    assert sel_baris(sesudah, "3.30.02.2.06.0003-1")[6:8] == ["69", "92,00"]
    assert len(dihitung) == 2
