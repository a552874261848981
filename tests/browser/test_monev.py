"""Issue 4's browser scenarios, in a real Chromium: entry, read-only auditing, a refused upload."""

from decimal import Decimal

import pytest

from capaian.models import RealisasiIndikator
from renstra.models import Indikator
from tests.excel.conftest import K_REALISASI, baris, buka, sel, simpan, url_template

pytestmark = pytest.mark.django_db(transaction=True)

# A sub kegiatan indicator with no formula: target 3 (DPA Perubahan), no realisasi in the dataset.
KODE = "3.30.03.2.01.0001-1"
LAYAR = "/opd/disperindag/monev/2022/tw4/realisasi/"


def _baris(page, indikator):
    return page.locator(f"#realisasi-{indikator.pk}")


def test_operator_enters_a_tribulan_iv_value_and_sees_the_new_capaian(halaman, masuk):
    indikator = Indikator.objects.get(opd__kode="disperindag", kode=KODE)
    masuk(halaman, "operator")
    halaman.goto(halaman.base_url + LAYAR)
    baris_ = _baris(halaman, indikator)
    assert baris_.locator("td.capaian").inner_text().startswith("–")
    baris_.locator("input[name$='nilai']").fill("2")
    baris_.locator("button[type=submit]").click()
    # htmx swaps the row: the engine's capaian and category for 2 against a target of 3.
    baris_ = _baris(halaman, indikator)
    baris_.locator("td.capaian", has_text="66,67").wait_for()
    assert baris_.locator("td.kategori").inner_text().strip() == "Sedang"
    assert RealisasiIndikator.objects.get(indikator=indikator, tahun=2022, tribulan=4).nilai == 2


def test_auditor_sees_the_same_figure_and_has_no_way_to_edit_it(halaman, masuk):
    indikator = Indikator.objects.get(opd__kode="disperindag", kode=KODE)
    RealisasiIndikator.objects.create(indikator=indikator, tahun=2022, tribulan=4, nilai=2)
    masuk(halaman, "auditor")
    halaman.goto(halaman.base_url + LAYAR)
    baris_ = _baris(halaman, indikator)
    assert baris_.locator("td.capaian").inner_text().strip() == "66,67"
    assert baris_.locator("td.kategori").inner_text().strip() == "Sedang"
    assert halaman.locator("form.form-realisasi").count() == 0
    assert halaman.locator("main input[name$='nilai']").count() == 0
    assert halaman.locator("main button[type=submit]", has_text="Simpan").count() == 0


def test_an_upload_with_a_bad_row_shows_the_error_and_saves_nothing(
    halaman, masuk, client_for, operator_user, tmp_path
):
    wb = buka(client_for(operator_user).get(url_template()).content)
    ws = wb["Indikator"]
    sel(ws, baris(ws, {"Kode": "S2.1-1"}), K_REALISASI).value = "0,5"
    nomor_buruk = baris(ws, {"Kode": KODE})
    sel(ws, nomor_buruk, K_REALISASI).value = "dua"
    berkas = tmp_path / "monev-disperindag-2022-tw4.xlsx"
    berkas.write_bytes(simpan(wb))

    masuk(halaman, "operator")
    halaman.goto(halaman.base_url + "/opd/disperindag/excel/2022/tw4/unggah/")
    halaman.set_input_files("input[type=file]", str(berkas))
    halaman.click("button:has-text('Periksa dan simpan')")
    tabel = halaman.locator("table", has_text="Masalah per baris")
    tabel.wait_for()
    teks = tabel.inner_text()
    assert "Indikator" in teks and str(nomor_buruk) in teks
    produksi = Indikator.objects.get(opd__kode="disperindag", kode="S2.1-1")
    assert RealisasiIndikator.objects.get(indikator=produksi, tahun=2022, tribulan=4).nilai == Decimal(
        "0.094"
    )
