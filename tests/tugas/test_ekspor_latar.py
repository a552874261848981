"""Exports across OPDs are written by a task, as the page would write them; one OPD's export comes at once."""

import io

import pytest
from openpyxl import load_workbook

from inti import ekspor
from tests.tugas.bantu_tugas import halaman_pekerjaan, isi, pekerjaan_dari, unduh_hasil

pytestmark = pytest.mark.django_db


def _buku(response):
    assert response["Content-Type"] == ekspor.JENIS_XLSX
    return load_workbook(io.BytesIO(isi(response)))


def test_the_indicator_table_of_the_whole_pemda_is_exported_by_a_task(client_for, dunia):
    klien = client_for(dunia.auditor)
    response = klien.get("/capaian/indikator/xlsx/", {"tahun": 2022, "sort": "-capaian"})
    job = pekerjaan_dari(response)
    assert (job.jenis, job.status, job.opd) == ("ekspor_tabel", "selesai", None)
    html = halaman_pekerjaan(klien, response)
    assert "Ekspor xlsx tabel capaian indikator" in html and "Berkas xlsx siap diunduh." in html
    assert 'href="/capaian/indikator/?tahun=2022&amp;sort=-capaian"' in html
    unduhan = unduh_hasil(klien, response)
    assert 'filename="capaian-indikator-2022.xlsx"' in unduhan["Content-Disposition"]
    wb = _buku(unduhan)
    baris = list(wb["Capaian indikator"].iter_rows(min_row=2, values_only=True))
    assert len(baris) == 53  # both OPDs, every page
    assert (baris[0][2], baris[0][10]) == ("3.31.02-1", 8666.6)
    assert (baris[1][10], baris[1][11]) == (416.7, "Sangat Tinggi")
    assert {b[0] for b in baris} == {
        "Dinas Perindustrian dan Perdagangan Kota Pasuruan",
        "Dinas Koperasi dan Usaha Mikro Kota Pasuruan",
    }
    keterangan = dict(wb["Keterangan"].iter_rows(min_row=2, max_col=2, values_only=True))
    assert keterangan["Diekspor oleh"] == "Auditor Inspektorat"


def test_the_budget_table_and_the_pemda_overview_as_well(client_for, dunia):
    klien = client_for(dunia.admin)
    anggaran = _buku(
        unduh_hasil(klien, klien.get("/capaian/anggaran/xlsx/", {"tahun": 2022, "level": "program"}))
    )
    pertama = next(
        r for r in anggaran["Realisasi anggaran"].iter_rows(min_row=2, values_only=True) if r[2] == "3.30.03"
    )
    assert pertama[4:7] == (22908713382, 14944306843, 65.23)
    ringkasan = _buku(unduh_hasil(klien, klien.get("/capaian/pemda/xlsx/", {"tahun": 2022, "sort": "-pagu"})))
    opd = [r[0] for r in ringkasan["Ringkasan Pemda"].iter_rows(min_row=2, values_only=True)]
    assert opd[0] == "Dinas Perindustrian dan Perdagangan Kota Pasuruan" and len(opd) == 2


def test_one_opds_export_is_answered_at_once(client_for, dunia):
    response = client_for(dunia.admin).get("/capaian/indikator/xlsx/", {"tahun": 2022, "opd": "diskopum"})
    assert response.status_code == 200
    baris = list(_buku(response)["Capaian indikator"].iter_rows(min_row=2, values_only=True))
    assert [(b[2], b[10]) for b in baris] == [("S1.1-1", 90), ("2.17.08.2.01.0001-1", None)]


def test_an_invalid_filter_across_opds_fails_the_job_with_the_reason(client_for, dunia):
    klien = client_for(dunia.auditor)
    response = klien.get("/capaian/indikator/xlsx/", {"tahun": 2022, "level": "tidak-ada"})
    html = halaman_pekerjaan(klien, response)
    assert "Gagal." in html and "Filter tidak valid; perbaiki filter sebelum mengekspor." in html
    assert klien.get(f"/pekerjaan/{pekerjaan_dari(response).pk}/unduh/").status_code == 404


def test_the_pemda_overview_is_refused_at_once_to_an_opd_role(client_for, dunia):
    assert client_for(dunia.kepala).get("/capaian/pemda/xlsx/", {"tahun": 2022}).status_code == 403
