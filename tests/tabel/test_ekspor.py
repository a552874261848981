"""xlsx export of the capaian tables and the safe writer behind it."""

import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from capaian.engine import hitung_opd_tahun
from inti import ekspor
from inti.tampilan import Angka
from renstra.models import Indikator
from tests.tugas.bantu_tugas import ikuti, isi

pytestmark = pytest.mark.django_db

KOLOM = {
    "OPD": 1,
    "Level": 2,
    "Kode": 3,
    "Indikator": 4,
    "Satuan": 5,
    "IKU": 6,
    "Polaritas": 7,
    "Target": 8,
    "Sumber target": 9,
    "Realisasi": 10,
    "Capaian (%)": 11,
    "Kategori": 12,
    "Status": 13,
}


def _buku(response):
    # Across OPDs the export is written by a job: its page, then its file.
    response = ikuti(response)
    assert response.status_code == 200
    assert response["Content-Type"] == ekspor.JENIS_XLSX
    assert response["Content-Disposition"].startswith("attachment;")
    return load_workbook(io.BytesIO(isi(response)))


def _indikator_rumus_excel(opd):
    sasaran = Indikator.objects.get(opd=opd, kode="S2.1-1").sasaran
    return Indikator.objects.create(
        opd=opd, level="sasaran", sasaran=sasaran, kode="X-1", nama="=1+1", satuan="@kali", urutan=99
    )


def test_the_export_writes_every_filtered_sorted_row_with_numbers_as_numbers(
    client_for, admin_user_demo, opd_disperindag
):
    _indikator_rumus_excel(opd_disperindag)
    response = ikuti(client_for(admin_user_demo).get("/capaian/indikator/xlsx/", {"tahun": 2022, "sort": "-capaian"}))
    assert 'filename="capaian-indikator-2022.xlsx"' in response["Content-Disposition"]
    ws = _buku(response)["Capaian indikator"]
    assert [c.value for c in ws[1]] == list(KOLOM)
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    baris = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(baris) == 54  # all pages: 51 + 2 + the new one
    assert baris[0][KOLOM["Kode"] - 1] == "3.31.02-1"
    assert baris[0][KOLOM["Capaian (%)"] - 1] == 8666.6
    assert baris[1][KOLOM["Capaian (%)"] - 1] == 416.7
    hasil = {h.kode: h for h in hitung_opd_tahun(opd_disperindag, 2022).indikator}
    for b in baris:
        if b[0] != "Dinas Perindustrian dan Perdagangan Kota Pasuruan":
            continue
        h = hasil[b[KOLOM["Kode"] - 1]]
        for judul, angka in (("Target", h.target), ("Realisasi", h.realisasi), ("Capaian (%)", h.capaian)):
            nilai = b[KOLOM[judul] - 1]
            if angka.ada:
                assert isinstance(nilai, int | float) and Decimal(str(nilai)) == angka.tampil, (b, judul)
            else:
                assert nilai is None
    produksi = next(r for r in ws.iter_rows(min_row=2) if r[KOLOM["Kode"] - 1].value == "S2.1-1")
    assert produksi[KOLOM["Realisasi"] - 1].value == 0.094
    assert produksi[KOLOM["Realisasi"] - 1].number_format == "#,##0.000"
    assert produksi[KOLOM["Capaian (%)"] - 1].number_format == "#,##0.00"


def test_a_name_starting_with_equals_stays_text(client_for, admin_user_demo, opd_disperindag):
    _indikator_rumus_excel(opd_disperindag)
    response = client_for(admin_user_demo).get(
        "/capaian/indikator/xlsx/", {"tahun": 2022, "opd": "disperindag"}
    )
    ws = _buku(response)["Capaian indikator"]
    sel = next(r for r in ws.iter_rows(min_row=2) if r[KOLOM["Kode"] - 1].value == "X-1")
    nama, satuan = sel[KOLOM["Indikator"] - 1], sel[KOLOM["Satuan"] - 1]
    assert (nama.value, nama.data_type, nama.quotePrefix) == ("=1+1", "s", True)
    assert (satuan.value, satuan.data_type, satuan.quotePrefix) == ("@kali", "s", True)
    with zipfile.ZipFile(io.BytesIO(response.content)) as berkas:
        xml = berkas.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "=1+1" in xml


def test_the_export_follows_the_filter_and_the_users_scope(client_for, operator2_user, admin_user_demo):
    ws = _buku(client_for(operator2_user).get("/capaian/indikator/xlsx/", {"tahun": 2022}))[
        "Capaian indikator"
    ]
    baris = list(ws.iter_rows(min_row=2, values_only=True))
    assert [(b[2], b[10]) for b in baris] == [("S1.1-1", 90), ("2.17.08.2.01.0001-1", None)]
    wb = _buku(
        client_for(admin_user_demo).get(
            "/capaian/indikator/xlsx/", {"tahun": 2022, "kategori": "Rendah", "opd": "disperindag"}
        )
    )
    ws = wb["Capaian indikator"]
    assert [(r[2], r[10]) for r in ws.iter_rows(min_row=2, values_only=True)] == [("3.30.02.2.06-1", 60)]
    keterangan = dict(wb["Keterangan"].iter_rows(min_row=2, max_col=2, values_only=True))
    assert keterangan["Filter: OPD"] == "Dinas Perindustrian dan Perdagangan Kota Pasuruan"
    assert keterangan["Filter: Tahun"] == "2022" and keterangan["Filter: Kategori"] == "Rendah"
    assert keterangan["Diekspor oleh"] == "Admin Pemda"


def test_the_budget_export_stores_rupiah_as_numbers(client_for, admin_user_demo):
    response = client_for(admin_user_demo).get(
        "/capaian/anggaran/xlsx/", {"tahun": 2022, "level": "program", "sort": "-pagu"}
    )
    ws = _buku(response)["Realisasi anggaran"]
    assert [c.value for c in ws[1]] == [
        "OPD",
        "Level",
        "Kode",
        "Program / kegiatan / sub kegiatan",
        "Pagu (Rp)",
        "Realisasi (Rp)",
        "Penyerapan (%)",
        "Keterangan",
    ]
    pertama = [c for c in ws[2]]
    assert pertama[2].value == "3.30.03"
    assert pertama[4].value == 22908713382 and pertama[4].number_format == '"Rp "#,##0'
    assert pertama[5].value == 14944306843 and pertama[6].value == 65.23
    penunjang = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[2] == "3.30.01")
    assert penunjang[4:7] == (9278235506, 8776437247, 94.59)


def test_an_invalid_filter_is_not_exported(client_for, operator2_user):
    response = client_for(operator2_user).get(
        "/capaian/indikator/xlsx/", {"tahun": 2022, "opd": "disperindag"}
    )
    assert response.status_code == 302


# --- the safe writer ------------------------------------------------------------------------------


def test_tulis_sel_keeps_formula_like_text_as_text():
    ws = Workbook().active
    for kolom, teks in enumerate(["=SUM(A1:A9)", "+62 343", "-5", "@HYPERLINK", "biasa"], start=1):
        ekspor.tulis_sel(ws, 1, kolom, teks)
    assert [c.data_type for c in ws[1]] == ["s"] * 5
    assert [c.quotePrefix for c in ws[1]] == [True, True, True, True, False]


def test_tulis_sel_writes_numbers_dates_and_drops_illegal_characters():
    import datetime

    ws = Workbook().active
    ekspor.tulis_sel(ws, 1, 1, Angka(Decimal("94.0000001"), 2), ekspor.FORMAT_PERSEN)
    ekspor.tulis_sel(ws, 1, 2, Angka.kosong("belum ada realisasi"), ekspor.FORMAT_PERSEN)
    ekspor.tulis_sel(ws, 1, 3, datetime.date(2023, 1, 15))
    ekspor.tulis_sel(ws, 1, 4, "a\x00b\x1fc")
    assert ws["A1"].value == Decimal("94.00") and ws["A1"].number_format == "#,##0.00"
    assert ws["B1"].value is None
    assert ws["C1"].number_format == ekspor.FORMAT_TANGGAL
    assert ws["D1"].value == "abc"
    with pytest.raises(TypeError):
        ekspor.tulis_sel(ws, 1, 5, 0.1)


def test_format_desimal_follows_the_indicators_decimals():
    assert ekspor.format_desimal(0) == "#,##0"
    assert ekspor.format_desimal(3) == "#,##0.000"
