"""The Pemda overview: every OPD's IKU capaian, indicators per category, budget and findings."""

import io

import pytest
from openpyxl import load_workbook

from tests.tabel.conftest import sel_baris, semua_baris

URL = "/capaian/pemda/"

pytestmark = pytest.mark.django_db


def test_the_admin_sees_both_opds_with_their_figures(client_for, admin_user_demo):
    html = client_for(admin_user_demo).get(URL, {"tahun": 2022, "pemda": "kota-pasuruan"}).content.decode()
    assert "Ringkasan Pemerintah Kota Pasuruan 2022" in html
    assert [b[0] for b in semua_baris(html)] == [
        "Dinas Koperasi dan Usaha Mikro Kota Pasuruan",
        "Dinas Perindustrian dan Perdagangan Kota Pasuruan",
    ]
    # OPD, capaian IKU, kategori IKU, indikator, Sangat Tinggi .. Sangat Rendah, tanpa kategori,
    # pagu, realisasi, penyerapan, penyerapan terisi, temuan.
    assert sel_baris(html, "Dinas Perindustrian dan Perdagangan") == [
        "Dinas Perindustrian dan Perdagangan Kota Pasuruan",
        "255,35",
        "Sangat Tinggi",
        "51",
        "18",
        "0",
        "0",
        "1",
        "0",
        "32",
        "Rp 51.719.269.154",
        "Rp 29.831.997.176*",
        "–",
        "70,29",
        "17",
    ]
    assert sel_baris(html, "Dinas Koperasi dan Usaha Mikro") == [
        "Dinas Koperasi dan Usaha Mikro Kota Pasuruan",
        "–",
        "–",
        "2",
        "0",
        "1",
        "0",
        "0",
        "0",
        "1",
        "Rp 250.000.000",
        "Rp 231.500.000",
        "92,60",
        "92,60",
        "0",
    ]
    assert 'title="belum ada Perjanjian Kinerja"' in html
    assert 'title="realisasi belum lengkap"' in html


def test_the_pemda_wide_auditor_sees_it_sorted_by_iku_capaian(client_for, auditor_user):
    html = client_for(auditor_user).get(URL, {"tahun": 2022, "sort": "-capaian_iku"}).content.decode()
    assert [b[1] for b in semua_baris(html)] == ["255,35", "–"]
    html = client_for(auditor_user).get(URL, {"tahun": 2022, "sort": "-jumlah_temuan"}).content.decode()
    assert [b[-1] for b in semua_baris(html)] == ["17", "0"]


@pytest.mark.parametrize("persona", ["operator_user", "operator2_user", "kepala_user"])
def test_opd_roles_get_403(request, client_for, persona):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(URL, {"tahun": 2022}).status_code == 403
    assert client_for(user).get(URL + "xlsx/", {"tahun": 2022}).status_code == 403


def test_a_pemda_the_admin_does_not_hold_answers_404(client_for, admin_sintetis, pemda_sintetis):
    pemda_sintetis(1)
    assert client_for(admin_sintetis).get(URL, {"pemda": "kota-pasuruan"}).status_code == 404


def test_a_synthetic_pemda_lists_every_opd(client_for, admin_sintetis, pemda_sintetis):
    pemda_sintetis(3)
    html = client_for(admin_sintetis).get(URL, {"tahun": 2022}).content.decode()
    baris = semua_baris(html)
    assert [b[0] for b in baris] == [
        "Dinas Sintetis sin-00",
        "Dinas Sintetis sin-01",
        "Dinas Sintetis sin-02",
    ]
    assert "Perindustrian" not in html


def test_the_overview_exports_to_xlsx(client_for, admin_user_demo):
    response = client_for(admin_user_demo).get(URL + "xlsx/", {"tahun": 2022, "sort": "-pagu"})
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content))["Ringkasan Pemda"]
    assert [c.value for c in ws[1]][:5] == [
        "OPD",
        "Capaian IKU (%)",
        "Kategori IKU",
        "Jumlah IKU",
        "Indikator",
    ]
    assert ws["A1"].font.b and ws.freeze_panes == "A2"
    disperindag = [c.value for c in ws[2]]
    assert disperindag[0] == "Dinas Perindustrian dan Perdagangan Kota Pasuruan"
    assert disperindag[1] == 255.35 and disperindag[3] == 2 and disperindag[4] == 51
    assert disperindag[-6:] == [32, 51719269154, 29831997176, None, 70.29, 17]
    assert ws["A3"].value == "Dinas Koperasi dan Usaha Mikro Kota Pasuruan"
