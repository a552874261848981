"""Entry screens usable at 390 px without sideways scrolling (issue 13): the value field and "Simpan" lie
inside the viewport, and a value entered there is saved. Screenshots of each screen at both widths are
kept (tests/browser/conftest.py, FOLDER_TANGKAPAN)."""

import pytest

from capaian.models import RealisasiIndikator
from renstra.models import Indikator

pytestmark = pytest.mark.django_db(transaction=True)

KODE = "3.30.03.2.01.0001-1"  # no formula, target 3, no realisasi in the dataset
LAYAR = {
    "realisasi": "/opd/disperindag/monev/2022/tw4/realisasi/",
    "anggaran": "/opd/disperindag/monev/2022/tw4/anggaran/",
}


def _di_layar(page, kotak) -> bool:
    lebar = page.viewport_size["width"]
    return kotak is not None and kotak["x"] >= 0 and kotak["x"] + kotak["width"] <= lebar


def test_the_value_field_and_simpan_lie_inside_the_screen(peramban, live_server, masuk, tangkap):
    for lebar in (1366, 390):
        ctx = peramban.new_context(viewport={"width": lebar, "height": 900}, locale="id-ID")
        page = ctx.new_page()
        page.base_url = live_server.url
        masuk(page, "operator")
        for layar, jalur in LAYAR.items():
            page.goto(page.base_url + jalur)
            assert page.evaluate("document.documentElement.scrollWidth") <= lebar, (layar, lebar)
            baris = page.locator("table.tabel-tumpuk tbody tr:has(input[name$='nilai'])").first
            baris.scroll_into_view_if_needed()
            isian = baris.locator("input[name$='nilai']").bounding_box()
            tombol = baris.locator("button", has_text="Simpan").bounding_box()
            assert _di_layar(page, isian) and _di_layar(page, tombol), (layar, lebar, isian, tombol)
            tangkap(page, f"operator-monev-{layar}")
        ctx.close()


def test_a_value_entered_on_a_phone_is_saved_and_its_capaian_shown(peramban, live_server, masuk):
    ctx = peramban.new_context(viewport={"width": 390, "height": 844}, locale="id-ID", is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.base_url = live_server.url
    indikator = Indikator.objects.get(opd__kode="disperindag", kode=KODE)
    masuk(page, "operator")
    page.goto(page.base_url + LAYAR["realisasi"])

    baris = page.locator(f"#realisasi-{indikator.pk}")
    baris.locator("input[name$='nilai']").fill("2")
    baris.locator("button", has_text="Simpan").tap()

    page.locator(f"#realisasi-{indikator.pk} td.capaian", has_text="66,67").wait_for()
    assert RealisasiIndikator.objects.get(indikator=indikator, tahun=2022, tribulan=4).nilai == 2
    ctx.close()
