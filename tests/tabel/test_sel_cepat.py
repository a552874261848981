"""The capaian tables render their page's cells without django-tables2's per-cell path
(`capaian.tables.SelCepat`): every cell of every page must be exactly the HTML django-tables2 gives."""

import pytest
from django.http import QueryDict

from capaian.selectors import tabel as selectors
from capaian.tables import DataBaris, TabelAnggaran, TabelIndikator, atur_tabel

pytestmark = pytest.mark.django_db


def _bandingkan(tabel_kelas, baris, query: str) -> int:
    """Every page of the table, fast cells against django-tables2's; the number of cells compared."""
    dibandingkan = 0
    halaman = 1
    while True:
        q = QueryDict(f"{query}&page={halaman}")
        cepat = atur_tabel(tabel_kelas(DataBaris(list(baris))), q).sel_halaman()
        asli_tabel = atur_tabel(tabel_kelas(DataBaris(list(baris))), q)
        asli = [
            (r.attrs.as_html(), [(bc.attrs["td"].as_html(), str(sel)) for bc, sel in r.items()])
            for r in asli_tabel.paginated_rows
        ]
        assert len(cepat) == len(asli)
        for (attrs_c, sel_c), (attrs_a, sel_a) in zip(cepat, asli, strict=True):
            assert attrs_c == attrs_a
            assert [(a, str(s)) for a, s in sel_c] == sel_a
            dibandingkan += len(sel_c)
        if halaman >= asli_tabel.paginator.num_pages:
            return dibandingkan
        halaman += 1


@pytest.mark.parametrize("query", ["tahun=2022", "tahun=2022&sort=-capaian", "tahun=2022&tribulan=2"])
def test_indicator_table_cells_equal_django_tables2s(admin_user_demo, query):
    data = QueryDict(query)
    tabel = selectors.tabel_indikator(user=admin_user_demo, data=data)
    assert _bandingkan(TabelIndikator, tabel.baris, query) > 400


@pytest.mark.parametrize("query", ["tahun=2022", "tahun=2022&sort=-penyerapan"])
def test_budget_table_cells_equal_django_tables2s(admin_user_demo, query):
    tabel = selectors.tabel_anggaran(user=admin_user_demo, data=QueryDict(query))
    assert _bandingkan(TabelAnggaran, tabel.baris, query) > 300


def test_the_page_takes_its_cells_from_the_fast_path_once(client_for, admin_user_demo, monkeypatch):
    panggilan = []
    asli = TabelIndikator.sel_halaman

    def dihitung(self):
        hasil = asli(self)
        panggilan.append(len(hasil))
        return hasil

    monkeypatch.setattr(TabelIndikator, "sel_halaman", dihitung)
    html = client_for(admin_user_demo).get("/capaian/indikator/?tahun=2022&opd=disperindag").content.decode()
    assert panggilan == [25]
    assert html.count('<td class="text-end text-nowrap">') >= 25
