"""Planned cumulative absorption per sub kegiatan per Tribulan: save, warnings, conflicts, the screen."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from anggaran import services
from anggaran.models import RencanaPenyerapan, SubKegiatan
from anggaran.selectors import layar_get, peringatan_rencana, rencana_list
from inti.akses import peran_pengguna
from inti.tulis import KonflikSimpan

pytestmark = pytest.mark.django_db
KOSONG = {1: None, 2: None, 3: None, 4: None}
PENYEDIAAN = "3.30.03.2.01.0001"  # seed: pagu DPA Perubahan Rp 11.049.570.500


@pytest.fixture
def sub(dunia):
    return SubKegiatan.objects.select_related("kegiatan__program__opd").get(
        kegiatan__program__opd=dunia.opd_a, kegiatan__program__tahun=2022, kode=PENYEDIAAN
    )


def test_a_plan_is_saved_with_history_and_no_warning_when_it_rises_within_the_pagu(dunia, sub):
    rencana = {1: D("1000000000"), 2: D("4000000000"), 3: D("8000000000"), 4: D("11049570500")}
    peringatan = services.rencana_penyerapan_simpan(
        user=dunia.operator, sub_kegiatan=sub, nilai=rencana, semula=KOSONG, alasan="Rencana Aksi 2022"
    )
    assert peringatan == []
    assert (
        dict(RencanaPenyerapan.objects.filter(sub_kegiatan=sub).values_list("tribulan", "nilai")) == rencana
    )
    catatan = RencanaPenyerapan.history.get(sub_kegiatan_id=sub.pk, tribulan=4)
    assert catatan.history_user == dunia.operator
    assert catatan.history_change_reason == (
        "Rencana s.d. TW 4 3.30.03.2.01.0001: kosong → 11.049.570.500 (Rencana Aksi 2022)"
    )


def test_a_falling_plan_and_a_year_above_the_pagu_are_warned_but_saved(dunia, sub):
    rencana = {1: D("3000000000"), 2: D("2000000000"), 3: D("8000000000"), 4: D("12000000000")}
    peringatan = services.rencana_penyerapan_simpan(
        user=dunia.operator, sub_kegiatan=sub, nilai=rencana, semula=KOSONG
    )
    assert peringatan == [
        "Rencana s.d. Tribulan II (Rp 2.000.000.000) lebih kecil daripada s.d. Tribulan I (Rp 3.000.000.000); "
        "rencana penyerapan kumulatif tidak turun (isi jumlah sejak awal tahun, bukan per tribulan).",
        "Rencana s.d. Tribulan IV (Rp 12.000.000.000) melebihi pagu DPA Perubahan (Rp 11.049.570.500).",
    ]
    assert RencanaPenyerapan.objects.filter(sub_kegiatan=sub).count() == 4


def test_warnings_skip_empty_tribulan():
    assert peringatan_rencana(pagu=D(10), rencana={1: D(5), 3: D(4)}) == [
        "Rencana s.d. Tribulan III (Rp 4) lebih kecil daripada s.d. Tribulan I (Rp 5); rencana penyerapan kumulatif "
        "tidak turun (isi jumlah sejak awal tahun, bukan per tribulan)."
    ]
    assert peringatan_rencana(pagu=None, rencana={4: D(5)}) == []


def test_bad_values_and_stale_forms_save_nothing(dunia, sub):
    with pytest.raises(ValidationError) as e:
        services.rencana_penyerapan_simpan(
            user=dunia.operator, sub_kegiatan=sub, nilai={1: D("-1"), 2: D("0.001")}, semula=KOSONG
        )
    assert e.value.messages == [
        "Rencana s.d. TW 1 tidak boleh negatif.",
        "Rencana s.d. TW 2 paling banyak 2 angka di belakang koma.",
    ]
    services.rencana_penyerapan_simpan(user=dunia.admin, sub_kegiatan=sub, nilai={1: D(5)}, semula=KOSONG)
    with pytest.raises(KonflikSimpan):
        services.rencana_penyerapan_simpan(
            user=dunia.operator, sub_kegiatan=sub, nilai={1: D(6)}, semula=KOSONG
        )
    assert RencanaPenyerapan.objects.get(sub_kegiatan=sub, tribulan=1).nilai == D(5)


def test_the_screen_lists_every_sub_kegiatan_with_pagu_plan_and_warnings(client_for, dunia, sub):
    services.rencana_penyerapan_simpan(
        user=dunia.operator, sub_kegiatan=sub, nilai={2: D("500000000"), 4: D("12000000000")}, semula=KOSONG
    )
    halaman = rencana_list(layar=layar_get(opd=dunia.opd_a, tahun=2022, akses=peran_pengguna(dunia.kepala)))
    assert halaman.dokumen == "dpa_perubahan" and len(halaman.baris) == 18
    assert halaman.jumlah_peringatan == 1
    isi = client_for(dunia.kepala).get("/opd/disperindag/dpa/2022/rencana-penyerapan/").content.decode()
    assert "Rp 11.049.570.500" in isi and "Rp 12.000.000.000" in isi
    assert "melebihi pagu DPA Perubahan (Rp 11.049.570.500)" in isi
    assert 'name="tw1"' not in isi  # the kepala reads; no form


def test_the_operator_saves_a_row_by_htmx_and_sees_the_warning(client_for, dunia, sub):
    url = f"/opd/disperindag/dpa/2022/rencana-penyerapan/{sub.pk}/"
    data = {
        "tw1": "3.000.000.000",
        "tw2": "2.000.000.000",
        "tw3": "",
        "tw4": "",
        "semula1": "",
        "semula2": "",
    }
    r = client_for(dunia.operator).post(url, data, HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    isi = r.content.decode()
    assert "Rencana penyerapan 3.30.03.2.01.0001 tersimpan dengan peringatan." in isi
    assert "lebih kecil daripada s.d. Tribulan I (Rp 3.000.000.000)" in isi
    r = client_for(dunia.operator).post(url, {**data, "tw1": "1,5,5"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 422 and "Masukkan angka dengan koma" in r.content.decode()
    assert RencanaPenyerapan.objects.get(sub_kegiatan=sub, tribulan=1).nilai == D("3000000000")
