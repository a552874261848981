"""Rencana Aksi: Tribulan targets of the PK rows, saved through the service, with warnings and history."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from inti.akses import peran_pengguna
from inti.models import PeriodeMonev, TahunOPD
from perjanjian import selectors, services
from perjanjian.models import BarisPK, PerjanjianKinerja, RencanaAksi
from renstra.models import Indikator

pytestmark = pytest.mark.django_db

R = services.RencanaAksiMasukan


@pytest.fixture
def pk(dunia):
    """The seed's approved PK Perubahan 2022: S2.1-1 (0,1 %) and S2.2-1 (1 %)."""
    return PerjanjianKinerja.objects.get(opd=dunia.opd_a, tahun=2022, revisi=1)


@pytest.fixture
def baris(pk):
    return {b.indikator.kode: b for b in BarisPK.objects.filter(pk_dokumen=pk).select_related("indikator")}


def _isian(baris, kode: str, nilai: list, uraian: str = ""):
    return [
        R(baris[kode].pk, tw, None if n is None else Decimal(n), uraian)
        for tw, n in enumerate(nilai, start=1)
    ]


def test_operator_saves_the_tribulan_targets_of_an_approved_pk(dunia, pk, baris):
    peringatan = services.rencana_aksi_simpan(
        user=dunia.operator,
        pk=pk,
        isian=_isian(baris, "S2.1-1", ["0.02", "0.05", "0.08", "0.1"], "Pendampingan IKM"),
        jejak=selectors.jejak_rencana_aksi(pk),
    )
    assert peringatan == []
    tersimpan = RencanaAksi.objects.filter(baris_pk=baris["S2.1-1"]).order_by("tribulan")
    assert [(r.tribulan, r.target, r.uraian) for r in tersimpan] == [
        (1, Decimal("0.02"), "Pendampingan IKM"), (2, Decimal("0.05"), "Pendampingan IKM"),
        (3, Decimal("0.08"), "Pendampingan IKM"), (4, Decimal("0.1"), "Pendampingan IKM"),
    ]  # fmt: skip
    catatan = RencanaAksi.history.filter(baris_pk_id=baris["S2.1-1"].pk, tribulan=4).get()
    assert catatan.history_user == dunia.operator
    assert catatan.history_change_reason == "Rencana aksi 2022 S2.1-1 TW 4: kosong → 0,1"
    tabel = selectors.rencana_aksi_tabel(pk=pk, akses=peran_pengguna(dunia.operator))
    assert [s.target_tampil for s in tabel.baris[0].sel] == ["0,02", "0,05", "0,08", "0,1"]
    assert tabel.baris[0].target_tahunan == "0,1"


def test_a_tw4_target_other_than_the_yearly_one_warns_but_is_saved(dunia, pk, baris):
    peringatan = services.rencana_aksi_simpan(
        user=dunia.operator, pk=pk, isian=_isian(baris, "S2.1-1", ["0.02", "0.05", "0.08", "0.09"])
    )
    assert peringatan == [
        "S2.1-1: indikator ini dihitung nilai terakhir yang diisi; target TW IV (0,09) semestinya sama "
        "dengan target tahunan (0,1)."
    ]
    assert RencanaAksi.objects.get(baris_pk=baris["S2.1-1"], tribulan=4).target == Decimal("0.09")


def test_an_indicator_summed_over_the_year_warns_when_the_tribulan_do_not_add_up(dunia, pk, baris):
    Indikator.objects.filter(pk=baris["S2.2-1"].indikator_id).update(agregasi="jumlah")
    peringatan = services.rencana_aksi_simpan(
        user=dunia.operator, pk=pk, isian=_isian(baris, "S2.2-1", ["0.25", "0.25", "0.25", "0.2"])
    )
    assert peringatan == ["S2.2-1: jumlah target TW I–IV (0,95) tidak sama dengan target tahunan (1)."]


def test_emptying_a_cell_removes_it_with_history(dunia, pk, baris):
    services.rencana_aksi_simpan(
        user=dunia.operator, pk=pk, isian=_isian(baris, "S2.1-1", ["0.02", None, None, None])
    )
    services.rencana_aksi_simpan(
        user=dunia.operator, pk=pk, isian=_isian(baris, "S2.1-1", [None, None, None, None])
    )
    assert not RencanaAksi.objects.filter(baris_pk=baris["S2.1-1"]).exists()
    assert RencanaAksi.history.filter(history_type="-").get().history_change_reason.endswith("0,02 → kosong")


@pytest.mark.parametrize(
    ("isian", "pesan"),
    [
        ("baris_lain", "Baris yang diisi bukan baris PK ini."),
        ("desimal", "paling banyak 8 angka di belakang koma"),
        ("tribulan", "Tribulan harus 1 sampai 4."),
        ("ganda", "diisi lebih dari sekali"),
    ],
)
def test_bad_rencana_aksi_input_is_refused_and_nothing_saved(dunia, pk, baris, isian, pesan):
    data = _isian(baris, "S2.1-1", ["0.02", "0.05", "0.08", "0.1"])
    if isian == "baris_lain":
        lain = BarisPK.objects.filter(pk_dokumen__revisi=0, pk_dokumen__opd=dunia.opd_a).first()
        data.append(R(lain.pk, 1, Decimal(1)))
    elif isian == "desimal":
        data[0] = R(baris["S2.1-1"].pk, 1, Decimal("0.123456789"))
    elif isian == "tribulan":
        data.append(R(baris["S2.1-1"].pk, 5, Decimal(1)))
    elif isian == "ganda":
        data.append(R(baris["S2.1-1"].pk, 2, Decimal(1)))
    with pytest.raises(ValidationError) as galat:
        services.rencana_aksi_simpan(user=dunia.operator, pk=pk, isian=data)
    assert any(pesan in m for m in galat.value.messages), galat.value.messages
    assert not RencanaAksi.objects.filter(baris_pk__pk_dokumen=pk).exists()


def test_the_replaced_pk_keeps_its_rencana_aksi(dunia):
    pk_awal = PerjanjianKinerja.objects.get(opd=dunia.opd_a, tahun=2022, revisi=0)
    b = pk_awal.baris_set.first()
    with pytest.raises(ValidationError, match="sudah digantikan oleh PK Perubahan"):
        services.rencana_aksi_simpan(user=dunia.operator, pk=pk_awal, isian=[R(b.pk, 1, Decimal(1))])


def test_a_locked_tribulan_keeps_its_target_for_the_operator_not_for_the_admin(dunia, pk, baris):
    services.rencana_aksi_simpan(
        user=dunia.operator, pk=pk, isian=_isian(baris, "S2.1-1", ["0.02", None, None, None])
    )
    PeriodeMonev.objects.filter(pemda=dunia.pemda, tahun=2022, tribulan=1).update(terkunci=True)
    with pytest.raises(ValidationError, match="Tribulan I 2022 sudah dikunci"):
        services.rencana_aksi_simpan(
            user=dunia.operator, pk=pk, isian=_isian(baris, "S2.1-1", ["0.03", None, None, None])
        )
    # An unchanged locked Tribulan does not stop a change of an open one.
    services.rencana_aksi_simpan(
        user=dunia.operator, pk=pk, isian=_isian(baris, "S2.1-1", ["0.02", "0.05", None, None])
    )
    services.rencana_aksi_simpan(
        user=dunia.admin, pk=pk, isian=_isian(baris, "S2.1-1", ["0.03", "0.05", None, None])
    )
    assert RencanaAksi.objects.get(baris_pk=baris["S2.1-1"], tribulan=1).target == Decimal("0.03")


def test_a_frozen_year_refuses_rencana_aksi(dunia, pk, baris):
    TahunOPD.objects.update_or_create(opd=dunia.opd_a, tahun=2022, defaults={"beku": True})
    with pytest.raises(ValidationError, match="dibekukan"):
        services.rencana_aksi_simpan(
            user=dunia.operator, pk=pk, isian=_isian(baris, "S2.1-1", ["0.02", None, None, None])
        )


def test_a_stale_rencana_aksi_form_is_refused(dunia, pk, baris):
    jejak = selectors.jejak_rencana_aksi(pk)
    services.rencana_aksi_simpan(
        user=dunia.admin, pk=pk, isian=_isian(baris, "S2.1-1", ["0.01", None, None, None])
    )
    with pytest.raises(ValidationError, match="sudah diubah orang lain"):
        services.rencana_aksi_simpan(
            user=dunia.operator, pk=pk, isian=_isian(baris, "S2.1-1", ["0.02", None, None, None]), jejak=jejak
        )


def test_kepala_reads_and_an_outsider_does_not_see_the_rencana_aksi(dunia, pk, baris):
    isian = _isian(baris, "S2.1-1", ["0.02", None, None, None])
    with pytest.raises(PermissionDenied):
        services.rencana_aksi_simpan(user=dunia.kepala, pk=pk, isian=isian)
    with pytest.raises(Http404):
        services.rencana_aksi_simpan(user=dunia.operator2, pk=pk, isian=isian)


def test_a_perubahan_carries_the_rencana_aksi_on(dunia, pk, baris):
    services.rencana_aksi_simpan(
        user=dunia.operator, pk=pk, isian=_isian(baris, "S2.2-1", ["0.2", "0.5", "0.8", "1"])
    )
    baru = services.pk_perubahan_buat(user=dunia.operator, pk=pk, alasan_perubahan="Penyesuaian")
    salinan = RencanaAksi.objects.filter(baris_pk__pk_dokumen=baru, baris_pk__indikator__kode="S2.2-1")
    assert sorted((r.tribulan, r.target) for r in salinan) == [
        (1, Decimal("0.2")), (2, Decimal("0.5")), (3, Decimal("0.8")), (4, Decimal("1"))
    ]  # fmt: skip
