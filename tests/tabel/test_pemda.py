"""The Pemda overview: every OPD's IKU capaian, indicators per category, budget and findings."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from openpyxl import load_workbook

from capaian.selectors.tabel import ringkasan_pemda
from inti.selectors import pemda_pilihan, pemda_terpilih
from tests.tabel.conftest import sel_baris, semua_baris
from tests.tugas.bantu_tugas import ikuti, isi

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
        "Rp 38.608.434.423",
        "74,65",
        "74,65",
        "16",
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
    assert 'title="realisasi belum lengkap"' not in html  # the dataset's Penunjang realisasi completes it


def test_the_pemda_wide_auditor_sees_it_sorted_by_iku_capaian(client_for, auditor_user):
    html = client_for(auditor_user).get(URL, {"tahun": 2022, "sort": "-capaian_iku"}).content.decode()
    assert [b[1] for b in semua_baris(html)] == ["255,35", "–"]
    html = client_for(auditor_user).get(URL, {"tahun": 2022, "sort": "-jumlah_temuan"}).content.decode()
    assert [b[-1] for b in semua_baris(html)] == ["16", "0"]


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
    # Two OPDs: written by a job, downloaded from its page.
    response = ikuti(client_for(admin_user_demo).get(URL + "xlsx/", {"tahun": 2022, "sort": "-pagu"}))
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(isi(response)))["Ringkasan Pemda"]
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
    assert disperindag[-6:] == [32, 51719269154, 38608434423, 74.65, 74.65, 16]
    assert ws["A3"].value == "Dinas Koperasi dan Usaha Mikro Kota Pasuruan"


def test_the_overview_selector_opens_on_the_latest_budget_year_with_the_pemdas_scale(auditor_user):
    ringkasan = ringkasan_pemda(user=auditor_user, kode_pemda=None, tahun=None)
    assert (ringkasan.pemda.kode, ringkasan.tahun, ringkasan.tahun_pilihan) == ("kota-pasuruan", 2022, [2022])
    assert ringkasan.kategori == ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]
    assert [(b.opd.kode, b.capaian_iku.teks, b.per_kategori, b.penyerapan_terisi.teks) for b in ringkasan.baris] == [
        ("diskopum", "–", (0, 1, 0, 0, 0), "92,60"),
        ("disperindag", "255,35", (18, 0, 0, 1, 0), "74,65"),
    ]
    # A year asked without data is shown (empty figures) and offered next to the years with data.
    assert ringkasan_pemda(user=auditor_user, kode_pemda=None, tahun=2030).tahun_pilihan == [2030, 2022]


def test_pemda_choices_follow_the_users_pemda_wide_roles(auditor_user, operator_user, admin_user_demo):
    assert [p.kode for p in pemda_pilihan(auditor_user, hanya_admin=False)] == ["kota-pasuruan"]
    assert pemda_pilihan(auditor_user, hanya_admin=True) == []
    assert pemda_pilihan(operator_user, hanya_admin=False) == []
    pilihan = pemda_pilihan(admin_user_demo, hanya_admin=True)
    assert pemda_terpilih(pilihan, None, pesan_403="x").kode == "kota-pasuruan"
    with pytest.raises(Http404):
        pemda_terpilih(pilihan, "pemda-lain", pesan_403="x")
    with pytest.raises(PermissionDenied, match="hanya untuk admin"):
        pemda_terpilih([], None, pesan_403="hanya untuk admin")
