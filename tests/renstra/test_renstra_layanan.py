"""The renstra write services: permission, validation, history (user and reason), freeze, dependents."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from inti.models import TahunOPD
from renstra import services
from renstra.models import (
    DefinisiIndikatorTahun,
    Indikator,
    Renstra,
    TargetIndikator,
    Tujuan,
    VariabelFormula,
)
from renstra.services import DataIndikator, DataTujuanSasaran, DataVariabel
from tests.renstra import bantu_renstra as bantu

pytestmark = pytest.mark.django_db

iku_produksi = pytest.fixture(bantu.iku_produksi)
renstra = pytest.fixture(bantu.renstra_2021)
sasaran_produksi = pytest.fixture(bantu.sasaran_produksi)


def _data(**ubah) -> DataIndikator:
    nilai = {
        "kode": "S2.1-9",
        "nama": "Persentase pasar rakyat yang dikelola baik",
        "polaritas": Indikator.Polaritas.POSITIF,
        "agregasi": Indikator.Agregasi.KUMULATIF,
        "satuan": "%",
        "desimal": 2,
    }
    return DataIndikator(**{**nilai, **ubah})


def _riwayat(obj):
    return obj.history.order_by("-history_id").first()


def test_operator_adds_a_tujuan_and_a_sasaran_with_history(dunia, renstra):
    tujuan = services.tujuan_simpan(
        user=dunia.operator, renstra=renstra, data=DataTujuanSasaran(kode="3", nama="Meningkatnya daya saing pasar")
    )
    sasaran = services.sasaran_simpan(
        user=dunia.operator, tujuan=tujuan,
        data=DataTujuanSasaran(kode="3.1", nama="Meningkatnya kualitas pasar rakyat", tahun_mulai=2023),
    )
    assert (sasaran.tujuan, sasaran.tahun_mulai) == (tujuan, 2023)
    catatan = _riwayat(sasaran)
    assert (catatan.history_user, catatan.history_change_reason) == (dunia.operator, "Sasaran 3.1 dibuat")


def test_years_in_force_must_lie_in_the_period(dunia, renstra):
    with pytest.raises(ValidationError) as e:
        services.tujuan_simpan(
            user=dunia.operator, renstra=renstra, data=DataTujuanSasaran(kode="3", nama="Tujuan", tahun_mulai=2030)
        )
    assert e.value.message_dict["tahun_mulai"] == ["Tahun berlaku tujuan harus di antara 2021 dan 2026."]
    assert not Tujuan.objects.filter(renstra=renstra, kode="3").exists()


def test_operator_of_another_opd_gets_404_and_kepala_403(dunia, renstra):
    data = DataTujuanSasaran(kode="9", nama="Tujuan")
    with pytest.raises(Http404):
        services.tujuan_simpan(user=dunia.operator2, renstra=renstra, data=data)
    with pytest.raises(PermissionDenied):
        services.tujuan_simpan(user=dunia.kepala, renstra=renstra, data=data)
    assert not Tujuan.objects.filter(renstra=renstra, kode="9").exists()


def test_renstra_created_then_changed_records_what_changed(dunia):
    r = services.renstra_simpan(
        user=dunia.operator, opd=dunia.opd_a,
        data=services.DataRenstra(nama="Renstra baru", tahun_awal=2027, tahun_akhir=2031, visi="Visi"),
    )
    services.renstra_simpan(
        user=dunia.admin, opd=dunia.opd_a, renstra=r,
        data=services.DataRenstra(nama="Renstra baru", tahun_awal=2027, tahun_akhir=2031, visi="Visi baru"),
        alasan="Perwali perubahan",
    )
    catatan = _riwayat(r)
    assert catatan.history_user == dunia.admin
    assert catatan.history_change_reason == "Perwali perubahan (Renstra diubah: visi)"


def test_renstra_period_end_before_start_is_refused(dunia):
    with pytest.raises(ValidationError) as e:
        services.renstra_simpan(
            user=dunia.operator, opd=dunia.opd_a,
            data=services.DataRenstra(nama="X", tahun_awal=2026, tahun_akhir=2021),
        )
    assert e.value.message_dict["tahun_akhir"] == ["Tahun akhir Renstra harus setelah tahun awal."]


def test_indicator_with_formula_inputs_is_created_with_history(dunia, sasaran_produksi):
    ind = services.indikator_simpan(
        user=dunia.operator, induk=sasaran_produksi,
        data=_data(rumus="baik / jumlah * 100"),
        variabel=[DataVariabel("baik", "Pasar dikelola baik", "Pasar"), DataVariabel("jumlah", "Jumlah pasar", "Pasar")],
    )
    assert (ind.level, ind.opd, ind.sasaran) == ("sasaran", dunia.opd_a, sasaran_produksi)
    assert list(ind.variabel_set.values_list("nama", "label")) == [("baik", "Pasar dikelola baik"), ("jumlah", "Jumlah pasar")]
    catatan = _riwayat(ind)
    assert (catatan.history_user, catatan.history_change_reason) == (dunia.operator, "Indikator S2.1-9 dibuat (sasaran)")


def test_negative_indicator_needs_its_rule_chosen(dunia, sasaran_produksi):
    with pytest.raises(ValidationError) as e:
        services.indikator_simpan(
            user=dunia.operator, induk=sasaran_produksi, data=_data(polaritas=Indikator.Polaritas.NEGATIF)
        )
    assert "aturan_negatif" in e.value.message_dict
    assert not Indikator.objects.filter(kode="S2.1-9").exists()

    ind = services.indikator_simpan(
        user=dunia.operator, induk=sasaran_produksi,
        data=_data(polaritas=Indikator.Polaritas.NEGATIF, aturan_negatif=Indikator.AturanNegatif.T_PER_R),
    )
    assert ind.aturan_negatif == "t_per_r"


def test_aggregation_is_never_defaulted(dunia, sasaran_produksi):
    with pytest.raises(ValidationError) as e:
        services.indikator_simpan(user=dunia.operator, induk=sasaran_produksi, data=_data(agregasi=None))
    assert e.value.message_dict["agregasi"] == ["Pilih cara menghitung nilai tahunan dari nilai Tribulan (agregasi)."]


def test_formula_naming_an_unknown_input_is_refused(dunia, sasaran_produksi):
    with pytest.raises(ValidationError) as e:
        services.indikator_simpan(
            user=dunia.operator, induk=sasaran_produksi, data=_data(rumus="baik / semua * 100"),
            variabel=[DataVariabel("baik", "Pasar baik")],
        )
    assert e.value.message_dict["rumus"] == ["Nama tidak dikenal: semua (kolom 8)."]
    assert not Indikator.objects.filter(kode="S2.1-9").exists()


def test_code_already_used_in_the_opd_is_refused(dunia, sasaran_produksi):
    with pytest.raises(ValidationError) as e:
        services.indikator_simpan(user=dunia.operator, induk=sasaran_produksi, data=_data(kode="S2.1-1"))
    assert e.value.message_dict["kode"] == ["Kode indikator sudah dipakai di OPD ini."]


def test_an_input_holding_monev_values_cannot_be_deleted(dunia, iku_produksi):
    variabel = [
        DataVariabel(v.nama, v.label, v.satuan, v.urutan, v.pk, hapus=v.nama == "produksi_n1")
        for v in iku_produksi.variabel_set.all()
    ]
    with pytest.raises(ValidationError) as e:
        services.indikator_simpan(
            user=dunia.operator, indikator=iku_produksi, data=DataIndikator.dari(iku_produksi), variabel=variabel
        )
    pesan = " ".join(e.value.message_dict["variabel"] + e.value.message_dict.get("rumus", []))
    assert "Variabel produksi_n1 tidak dapat dihapus: sudah berisi" in pesan
    assert VariabelFormula.objects.filter(indikator=iku_produksi, nama="produksi_n1").exists()


def test_editing_keeps_the_fixed_definition_of_an_approved_year(dunia, iku_produksi):
    services.definisi_bekukan(user=dunia.kepala, tahun=2022, indikator=[iku_produksi], alasan="PK 2022 disetujui")
    services.indikator_simpan(
        user=dunia.operator, indikator=iku_produksi, data=DataIndikator.dari(iku_produksi).__class__(
            **{**DataIndikator.dari(iku_produksi).__dict__, "desimal": 4, "satuan": "persen"}
        ),
    )
    iku_produksi.refresh_from_db()
    tetap = DefinisiIndikatorTahun.objects.get(indikator=iku_produksi, tahun=2022)
    assert (iku_produksi.desimal, iku_produksi.satuan) == (4, "persen")
    assert (tetap.desimal, tetap.satuan) == (3, "%")
    assert _riwayat(iku_produksi).history_change_reason == "Indikator S2.1-1 diubah: satuan, jumlah desimal"


def test_targets_are_saved_as_decimal_with_old_and_new_value(dunia, iku_produksi):
    hasil = services.target_simpan(
        user=dunia.operator, indikator=iku_produksi,
        nilai={(2023, "renstra"): Decimal("0.2"), (2023, "renja"): Decimal("0.15"), (2024, "renstra"): Decimal("0.1")},
    )
    assert hasil.diubah == ["Target Renja 2023: kosong → 0,15", "Target Renstra 2023: 0,1 → 0,2"]
    target = TargetIndikator.objects.get(indikator=iku_produksi, tahun=2023, dokumen="renstra")
    assert target.nilai == Decimal("0.2")
    catatan = _riwayat(target)
    assert (catatan.history_user, catatan.history_change_reason) == (dunia.operator, "S2.1-1 Target Renstra 2023: 0,1 → 0,2")


def test_a_target_of_a_frozen_year_cannot_change(dunia, iku_produksi):
    TahunOPD.objects.update_or_create(opd=dunia.opd_a, tahun=2022, defaults={"beku": True})
    with pytest.raises(ValidationError) as e:
        services.target_simpan(
            user=dunia.operator, indikator=iku_produksi,
            nilai={(2023, "renstra"): Decimal("0.3"), (2022, "renstra"): Decimal("0.5")},
        )
    assert "LKjIP tahun 2022 sudah diajukan" in e.value.messages[0]
    nilai = dict(TargetIndikator.objects.filter(indikator=iku_produksi, dokumen="renstra").values_list("tahun", "nilai"))
    assert (nilai[2022], nilai[2023]) == (Decimal("0.1"), Decimal("0.1"))  # nothing written, 2023 neither
    # The Pemda admin may still correct it.
    services.target_simpan(user=dunia.admin, indikator=iku_produksi, nilai={(2022, "renstra"): Decimal("0.5")})


def test_a_target_outside_the_period_is_refused(dunia, iku_produksi):
    with pytest.raises(ValidationError) as e:
        services.target_simpan(user=dunia.operator, indikator=iku_produksi, nilai={(2030, "renstra"): Decimal("1")})
    assert e.value.message_dict == {"renstra_2030": ["Target Renstra 2030: tahun di luar periode indikator ini."]}


def test_deleting_what_others_depend_on_is_refused_with_reasons(dunia, sasaran_produksi, iku_produksi):
    with pytest.raises(ValidationError) as e:
        services.sasaran_hapus(user=dunia.operator, sasaran=sasaran_produksi)
    assert e.value.messages[0].startswith("Sasaran 2.1 tidak dapat dihapus: masih dipakai oleh 1 indikator, 1 program")
    with pytest.raises(ValidationError) as e:
        services.indikator_hapus(user=dunia.operator, indikator=iku_produksi)
    assert "1 baris PK" in e.value.messages[0] and "realisasi indikator" in e.value.messages[0]
    assert Indikator.objects.filter(pk=iku_produksi.pk).exists()


def test_a_new_indicator_is_deleted_with_its_targets_on_record(dunia, sasaran_produksi):
    ind = services.indikator_simpan(user=dunia.operator, induk=sasaran_produksi, data=_data())
    services.target_simpan(user=dunia.operator, indikator=ind, nilai={(2023, "renstra"): Decimal("60")})
    target_pk = ind.target_set.get().pk
    services.indikator_hapus(user=dunia.operator, indikator=ind)
    assert not Indikator.objects.filter(pk=ind.pk).exists()
    hapus = TargetIndikator.history.filter(id=target_pk, history_type="-").get()
    assert (hapus.history_user, hapus.history_change_reason) == (dunia.operator, "Indikator S2.1-9 dihapus")


def test_a_revision_copies_tujuan_and_sasaran_and_carries_the_chosen_indicators(dunia, renstra, iku_produksi):
    omset = Indikator.objects.get(opd=dunia.opd_a, kode="S2.2-1")
    revisi = services.renstra_revisi_buat(
        user=dunia.operator, renstra=renstra, nama="Renstra perubahan", tahun_awal=2023,
        indikator_dibawa=[iku_produksi.pk],
    )
    assert (revisi.revisi_ke, revisi.revisi_dari, revisi.tahun_awal, revisi.tahun_akhir) == (1, renstra, 2023, 2026)
    # The 2021-only tujuan is not copied; tujuan 2 with both sasaran is.
    assert [(t.kode, [s.kode for s in t.sasaran_set.all()]) for t in revisi.tujuan_set.all()] == [("2", ["2.1", "2.2"])]
    iku_produksi.refresh_from_db()
    omset.refresh_from_db()
    assert iku_produksi.sasaran.tujuan.renstra == revisi
    assert omset.sasaran.tujuan.renstra == renstra
    assert iku_produksi.baris_pk_set.count() == 1  # the same indicator, its PK row with it
    with pytest.raises(ValidationError, match="sudah direvisi"):
        services.renstra_revisi_buat(user=dunia.operator, renstra=renstra, nama="Lagi", tahun_awal=2024)
    assert Renstra.objects.filter(opd=dunia.opd_a).count() == 3


def test_an_indicator_of_a_dpa_line_follows_its_year(dunia):
    program = Indikator.objects.filter(opd=dunia.opd_a, level="program").first().program
    ind = services.indikator_simpan(user=dunia.operator, induk=program, data=_data(kode="P-9"))
    assert (ind.level, ind.program) == ("program", program)
    assert services.tahun_target(ind) == [2022]
    TahunOPD.objects.update_or_create(opd=dunia.opd_a, tahun=2022, defaults={"beku": True})
    with pytest.raises(ValidationError, match="LKjIP tahun 2022 sudah diajukan"):
        services.indikator_simpan(user=dunia.operator, indikator=ind, data=_data(kode="P-9", satuan="Dokumen"))
