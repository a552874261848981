"""The monev template: what it holds, how it is protected, who may download it."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from bench.sintetis import buat_opd_sintetis
from capaian.excel import monev
from inti.ekspor import isi_xlsx
from renstra.models import Indikator
from tests.excel.conftest import K_ANGGARAN, K_NILAI, K_REALISASI, baris, buka, sel, url_template


def test_template_shows_current_values_of_tribulan_iv(template_operator):
    _, wb = template_operator
    assert wb.sheetnames == ["Petunjuk", "Indikator", "Variabel", "Tabel Pendukung", "Anggaran", "Metadata"]
    ws = wb["Indikator"]
    nomor = baris(ws, {"Kode": "S2.1-1"})
    assert sel(ws, nomor, "Nama indikator").value == "Persentase Peningkatan Produksi Sektor Unggulan"
    assert sel(ws, nomor, K_REALISASI).value == 0.094  # Tabel 3.6, as typed
    assert sel(ws, nomor, K_REALISASI).data_type == "n"
    assert sel(ws, nomor, "Target").value == 0.1  # PK Perubahan
    # Program Perizinan: target 80 (DPA Perubahan), realisasi 75 (Tabel 3.13)
    nomor = baris(ws, {"Kode": "3.30.02-1"})
    assert (sel(ws, nomor, "Target").value, sel(ws, nomor, K_REALISASI).value) == (80, 75)


def test_template_lists_formula_inputs_and_marks_table_sums_read_only(template_operator):
    _, wb = template_operator
    ws = wb["Variabel"]
    nomor = baris(ws, {"Kode indikator": "T2-1", "Nama variabel": "kontribusi_industri"})
    assert sel(ws, nomor, K_NILAI).value == 19.93
    assert sel(ws, nomor, K_NILAI).protection.locked is False
    nomor = baris(ws, {"Kode indikator": "S2.1-1", "Nama variabel": "produksi_n"})
    assert sel(ws, nomor, K_NILAI).value is None
    assert sel(ws, nomor, K_NILAI).protection.locked is True
    assert "3.835.029" in sel(ws, nomor, "Sumber nilai").value  # Σ Tabel 3.7, 2022

    ws = wb["Tabel Pendukung"]
    nomor = baris(ws, {"Kode tabel": "nilai-produksi-sektor-unggulan", "Kolom": "2022",
                       "Uraian": "Industri Kimia, Agro dan Hasil Hutan (IKAHH)"})
    assert sel(ws, nomor, "Nilai").value == 2006550


def test_template_budget_sheet_has_pagu_and_inputs_on_sub_kegiatan_only(template_operator):
    _, wb = template_operator
    ws = wb["Anggaran"]
    sub = baris(ws, {"Kode": "3.31.02.2.01.0001"})
    assert sel(ws, sub, "Pagu DPA Perubahan (Rp)").value == 26712300
    assert sel(ws, sub, K_ANGGARAN).value == 3635000
    assert sel(ws, sub, K_ANGGARAN).protection.locked is False
    program = baris(ws, {"Kode": "3.31.02"})
    assert sel(ws, program, "Pagu DPA Perubahan (Rp)").value == 15920223771  # Tabel 3.14
    assert sel(ws, program, K_ANGGARAN).protection.locked is True
    assert sel(ws, program, monev.k_terhitung(4)).value == 12570161658
    # Program Penunjang carries its own pagu, its kegiatan have none: typed on the program line.
    penunjang = baris(ws, {"Kode": "3.30.01"})
    assert sel(ws, penunjang, K_ANGGARAN).protection.locked is False


def test_structure_is_protected_and_only_input_cells_are_unlocked_and_coloured(template_operator):
    _, wb = template_operator
    for judul in ("Petunjuk", "Indikator", "Variabel", "Tabel Pendukung", "Anggaran", "Metadata"):
        assert wb[judul].protection.sheet is True
    assert wb.security.lockStructure is True
    ws = wb["Indikator"]
    nomor = baris(ws, {"Kode": "S2.1-1"})
    for judul in ("Kode", "Level", "Nama indikator", "Satuan", "Target"):
        assert sel(ws, nomor, judul).protection.locked is True
        assert sel(ws, nomor, judul).fill.fgColor.rgb != "00FFF2CC"
    for judul in (K_REALISASI, "Keterangan"):
        masukan = sel(ws, nomor, judul)
        assert masukan.protection.locked is False
        assert masukan.fill.fgColor.rgb == "00FFF2CC"
    tersembunyi = [monev.K_SEMULA, monev.K_KETERANGAN_SEMULA, monev.K_VERSI]
    for judul in tersembunyi:
        huruf = sel(ws, 1, judul).column_letter
        assert ws.column_dimensions[huruf].hidden is True


def test_metadata_sheet_is_hidden_and_names_opd_year_tribulan_and_version(template_operator):
    _, wb = template_operator
    ws = wb["Metadata"]
    assert ws.sheet_state == "hidden"
    meta = {r[0]: r[1] for r in ws.iter_rows(values_only=True)}
    assert meta["format"] == "sakip-monev-tribulan"
    assert (meta["versi_format"], meta["opd"], meta["tahun"], meta["tribulan"]) == ("1", "disperindag", "2022", "4")
    assert meta["oleh"] == "operator"


def test_text_starting_with_equals_is_written_as_text_not_formula(client_for, operator_user, opd_disperindag):
    jahat = '=HYPERLINK("http://contoh.invalid/","klik")'
    Indikator.objects.filter(opd=opd_disperindag, kode="S2.1-1").update(nama=jahat)
    response = client_for(operator_user).get(url_template())
    ws = load_workbook(io.BytesIO(response.content))["Indikator"]
    nomor = baris(ws, {"Kode": "S2.1-1"})
    nama = sel(ws, nomor, "Nama indikator")
    assert nama.data_type == "s"
    assert nama.value == jahat


def test_download_is_an_xlsx_attachment_named_after_opd_and_period(client_for, auditor_user):
    response = client_for(auditor_user).get(url_template(tribulan=3))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="monev-disperindag-2022-tw3.xlsx"'
    ws = buka(response.content)["Indikator"]
    assert sel(ws, 1, "Realisasi TW III").value == "Realisasi TW III"


@pytest.mark.parametrize("persona, status", [
    ("operator_user", 200), ("kepala_user", 200), ("auditor_user", 200), ("admin_user_demo", 200),
    ("operator2_user", 404),
])
def test_template_is_readable_by_anyone_who_reads_the_opd(request, client_for, persona, status):
    response = client_for(request.getfixturevalue(persona)).get(url_template())
    assert response.status_code == status


def test_template_of_an_unknown_tribulan_or_anonymous_user(client, client_for, operator_user):
    assert client_for(operator_user).get("/opd/disperindag/excel/2022/tw5/template.xlsx").status_code == 404
    response = client.get(url_template())
    assert response.status_code == 302
    assert "/masuk/" in response["Location"]


def _hitung_query(opd) -> int:
    with CaptureQueriesContext(connection) as konteks:
        isi_xlsx(monev.template_monev(opd, 2022, 4))
    return len(konteks.captured_queries)


def test_template_runs_the_same_number_of_queries_for_a_larger_opd(opd_disperindag):
    kecil = _hitung_query(opd_disperindag)
    besar = _hitung_query(buat_opd_sintetis("excel-sintetis", kali=3))
    assert kecil == besar == 29
