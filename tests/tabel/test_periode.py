"""The admin's monev periods page: deadlines and locks, recorded in the history; others are refused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from capaian.selectors.tabel import halaman_periode
from inti.models import PeriodeMonev
from inti.services import periode_batas_waktu_atur, periode_siapkan
from inti.tulis import KonflikSimpan
from tests.tabel.conftest import baris_riwayat

URL = "/capaian/periode/"
KUNCI_TW4 = "/capaian/periode/kota-pasuruan/2022/tw4/kunci/"
BATAS_TW4 = "/capaian/periode/kota-pasuruan/2022/tw4/batas-waktu/"

pytestmark = pytest.mark.django_db


def _tw4(pemda):
    return PeriodeMonev.objects.get(pemda=pemda, tahun=2022, tribulan=4)


def test_the_admin_sees_the_periods_with_deadline_and_lock(client_for, admin_user_demo):
    html = client_for(admin_user_demo).get(URL, {"tahun": 2022}).content.decode()
    assert "Periode monev Pemerintah Kota Pasuruan 2022" in html
    assert 'id="batas-tw4" name="batas_waktu" value="15/01/2023"' in html
    assert html.count("Terbuka</span>") == 4


def test_a_lock_by_the_admin_is_recorded_in_history(client_for, admin_user_demo, pemda_pasuruan):
    klien = client_for(admin_user_demo)
    response = klien.post(KUNCI_TW4, {"terkunci": "1"})
    assert response.status_code == 302
    periode = _tw4(pemda_pasuruan)
    assert periode.terkunci
    catatan = periode.history.order_by("-history_date").first()
    assert (
        catatan.history_user == admin_user_demo
        and catatan.terkunci
        and catatan.history_change_reason == "Periode dikunci"
    )
    html = klien.get(URL, {"tahun": 2022}).content.decode()
    assert "Terkunci</span>" in html and "Buka kunci" in html
    assert baris_riwayat(html)[0][1:] == [
        "Admin Pemda",
        "Tribulan IV · Terkunci",
        "tidak → ya",
        "Periode dikunci",
    ]
    klien.post(KUNCI_TW4, {"terkunci": "0"})
    assert not _tw4(pemda_pasuruan).terkunci
    html = klien.get(URL, {"tahun": 2022}).content.decode()
    assert baris_riwayat(html)[0][1:] == [
        "Admin Pemda",
        "Tribulan IV · Terkunci",
        "ya → tidak",
        "Periode dibuka",
    ]


@pytest.mark.parametrize("persona", ["operator_user", "operator2_user", "kepala_user", "auditor_user"])
def test_non_admins_get_403_and_change_nothing(request, client_for, pemda_pasuruan, persona):
    klien = client_for(request.getfixturevalue(persona))
    assert klien.get(URL, {"tahun": 2022}).status_code == 403
    assert klien.post(KUNCI_TW4, {"terkunci": "1"}).status_code == 403
    assert klien.post(BATAS_TW4, {"batas_waktu": "2023-02-01", "semula": "2023-01-15"}).status_code == 403
    periode = _tw4(pemda_pasuruan)
    assert not periode.terkunci and periode.batas_waktu == datetime.date(2023, 1, 15)


def test_an_admin_of_another_pemda_gets_404(client_for, admin_sintetis, pemda_sintetis, pemda_pasuruan):
    pemda_sintetis(1)
    assert client_for(admin_sintetis).post(KUNCI_TW4, {"terkunci": "1"}).status_code == 404
    assert not _tw4(pemda_pasuruan).terkunci


def test_lock_only_via_post(client_for, admin_user_demo):
    assert client_for(admin_user_demo).get(KUNCI_TW4).status_code == 405


def test_the_admin_sets_a_deadline(client_for, admin_user_demo, pemda_pasuruan):
    klien = client_for(admin_user_demo)
    response = klien.post(BATAS_TW4, {"batas_waktu": "2023-01-31", "semula": "2023-01-15"}, follow=True)
    assert _tw4(pemda_pasuruan).batas_waktu == datetime.date(2023, 1, 31)
    html = response.content.decode()
    assert "Batas waktu Tribulan IV 2022: 31 Januari 2023." in html
    assert "15 Januari 2023 → 31 Januari 2023" in html
    assert _tw4(pemda_pasuruan).history.first().history_user == admin_user_demo


def test_the_deadline_is_typed_day_first_whatever_the_browser(client_for, admin_user_demo, pemda_pasuruan):
    klien = client_for(admin_user_demo)
    html = klien.post(
        BATAS_TW4, {"batas_waktu": "05/02/2023", "semula": "2023-01-15"}, follow=True
    ).content.decode()
    assert _tw4(pemda_pasuruan).batas_waktu == datetime.date(2023, 2, 5)
    assert "Batas waktu Tribulan IV 2022: 5 Februari 2023." in html
    assert 'placeholder="hh/bb/tttt"' in html and 'type="date"' not in html


@pytest.mark.parametrize("isian", ["", "31/02/2023", "  "])
def test_an_empty_or_impossible_date_is_refused_and_the_deadline_kept(
    client_for, admin_user_demo, pemda_pasuruan, isian
):
    klien = client_for(admin_user_demo)
    html = klien.post(BATAS_TW4, {"batas_waktu": isian, "semula": "2023-01-15"}, follow=True).content.decode()
    assert _tw4(pemda_pasuruan).batas_waktu == datetime.date(2023, 1, 15)
    assert "alert-danger" in html and "alert-success" not in html
    assert "Tanggal tidak valid" in html or "untuk menghapusnya pilih “Hapus batas waktu”" in html


def test_the_deadline_is_cleared_only_by_its_own_button(client_for, admin_user_demo, pemda_pasuruan):
    klien = client_for(admin_user_demo)
    html = klien.post(
        BATAS_TW4, {"batas_waktu": "15/01/2023", "semula": "2023-01-15", "hapus": "1"}, follow=True
    ).content.decode()
    assert _tw4(pemda_pasuruan).batas_waktu is None
    assert "Batas waktu Tribulan IV 2022 dihapus." in html


def test_a_bad_date_or_a_stale_form_changes_nothing(client_for, admin_user_demo, pemda_pasuruan):
    klien = client_for(admin_user_demo)
    html = klien.post(
        BATAS_TW4, {"batas_waktu": "31-13-2023", "semula": "2023-01-15"}, follow=True
    ).content.decode()
    assert "Tanggal tidak valid" in html
    html = klien.post(
        BATAS_TW4, {"batas_waktu": "2023-02-01", "semula": "2023-01-10"}, follow=True
    ).content.decode()
    assert (
        "Batas waktu ini sudah diubah oleh" in html
        and "15 Januari 2023" in html
        and "1 Februari 2023" in html
    )
    assert _tw4(pemda_pasuruan).batas_waktu == datetime.date(2023, 1, 15)


def test_a_period_of_a_new_year_is_created_when_first_set(client_for, admin_user_demo, pemda_pasuruan):
    klien = client_for(admin_user_demo)
    html = klien.get(URL, {"tahun": 2023}).content.decode()
    assert html.count("belum dibuat") == 4
    klien.post("/capaian/periode/kota-pasuruan/2023/tw1/kunci/", {"terkunci": "1"})
    periode = PeriodeMonev.objects.get(pemda=pemda_pasuruan, tahun=2023, tribulan=1)
    assert periode.terkunci
    assert [h.history_change_reason for h in periode.history.order_by("history_date", "history_id")] == [
        "Periode Tribulan I 2023 dibuat",
        "Periode dikunci",
    ]


def test_period_services_refuse_non_admins(operator_user, admin_user_demo, pemda_pasuruan):
    with pytest.raises(PermissionDenied):
        periode_siapkan(user=operator_user, pemda=pemda_pasuruan, tahun=2024, tribulan=1)
    with pytest.raises(PermissionDenied):
        periode_batas_waktu_atur(
            user=operator_user,
            periode=_tw4(pemda_pasuruan),
            batas_waktu=None,
            semula=datetime.date(2023, 1, 15),
        )
    with pytest.raises(KonflikSimpan):
        periode_batas_waktu_atur(
            user=admin_user_demo, periode=_tw4(pemda_pasuruan), batas_waktu=None, semula=None
        )
    assert not PeriodeMonev.objects.filter(tahun=2024).exists()


def test_the_periods_selector_gives_four_tribulan_with_deadlines_and_the_history(
    admin_user_demo, pemda_pasuruan
):
    halaman = halaman_periode(user=admin_user_demo, kode_pemda=None, tahun=None)
    # No year asked: the latest year with periods; this year is always offered too.
    assert (halaman.pemda, halaman.tahun) == (pemda_pasuruan, 2022)
    assert halaman.tahun_pilihan == sorted({2022, timezone.localdate().year}, reverse=True)
    assert [(b.nama, b.periode.batas_waktu, b.periode.terkunci) for b in halaman.baris] == [
        ("Tribulan I", datetime.date(2022, 4, 15), False),
        ("Tribulan II", datetime.date(2022, 7, 15), False),
        ("Tribulan III", datetime.date(2022, 10, 15), False),
        ("Tribulan IV", datetime.date(2023, 1, 15), False),
    ]
    baru = halaman_periode(user=admin_user_demo, kode_pemda="kota-pasuruan", tahun=2031)
    assert [b.periode for b in baru.baris] == [None] * 4 and baru.riwayat == []


def test_the_periods_selector_refuses_an_auditor(auditor_user):
    with pytest.raises(PermissionDenied, match="hanya untuk admin Pemda"):
        halaman_periode(user=auditor_user, kode_pemda=None, tahun=2022)
