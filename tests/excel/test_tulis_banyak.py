"""The upload's bulk writes: the single-value services' rules (lock, freeze, conflict, history row per
changed value with user and reason) in a number of queries that does not grow with the values."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from anggaran.models import RealisasiAnggaran, SubKegiatan
from anggaran.services import IsianRealisasiAnggaran, realisasi_anggaran_simpan_banyak
from capaian.models import RealisasiIndikator
from capaian.services import IsianRealisasi, realisasi_simpan_banyak
from inti.services import tahun_atur_beku
from inti.tulis import KonflikSimpan

pytestmark = pytest.mark.django_db


def _realisasi(opd):
    return list(
        RealisasiIndikator.objects.filter(indikator__opd=opd, tahun=2022, tribulan=4)
        .select_related("indikator__opd")
        .order_by("pk")
    )


def _isian(daftar, tambah=Decimal(1)):
    return [IsianRealisasi(indikator=r.indikator, nilai=r.nilai + tambah, versi=r.versi) for r in daftar]


def _simpan(user, opd, isian):
    with CaptureQueriesContext(connection) as q, transaction.atomic():
        galat = realisasi_simpan_banyak(user=user, opd=opd, tahun=2022, tribulan=4, isian=isian)
    return galat, len(q.captured_queries)


def test_every_changed_value_gets_one_history_row_with_user_and_reason(operator_user, opd_disperindag):
    daftar = _realisasi(opd_disperindag)
    awal = (daftar[0].nilai, daftar[0].versi)
    pertama = RealisasiIndikator.objects.get(pk=daftar[0].pk)
    riwayat_awal = RealisasiIndikator.history.filter(indikator__opd=opd_disperindag).count()
    isian = _isian(daftar[:3]) + [IsianRealisasi(indikator=d.indikator, nilai=d.nilai, versi=d.versi) for d in daftar[3:5]]
    galat, _ = _simpan(operator_user, opd_disperindag, isian)
    assert galat == {}
    pertama.refresh_from_db()
    assert (pertama.nilai, pertama.versi) == (awal[0] + 1, awal[1] + 1)
    baru = RealisasiIndikator.history.filter(indikator__opd=opd_disperindag).order_by("-history_id")[:3]
    # Three changed, two left as they were: three history rows, each naming the user and old → new.
    assert RealisasiIndikator.history.filter(indikator__opd=opd_disperindag).count() == riwayat_awal + 3
    assert {h.history_user for h in baru} == {operator_user}
    assert {h.history_type for h in baru} == {"~"}
    h = next(h for h in baru if h.id == pertama.pk)
    assert h.nilai == pertama.nilai and h.history_change_reason.startswith("Realisasi TW 4 2022: ")
    assert "→" in h.history_change_reason


def test_the_query_count_does_not_grow_with_the_values(operator_user, opd_disperindag):
    daftar = _realisasi(opd_disperindag)
    assert len(daftar) >= 10
    _simpan(operator_user, opd_disperindag, [])  # the year's lock row is made on the first write ever
    _, sedikit = _simpan(operator_user, opd_disperindag, _isian(daftar[:2]))
    daftar = _realisasi(opd_disperindag)
    _, banyak = _simpan(operator_user, opd_disperindag, _isian(daftar))
    assert banyak == sedikit


def test_a_stale_value_is_a_conflict_and_nothing_is_written(operator_user, opd_disperindag):
    daftar = _realisasi(opd_disperindag)
    isian = _isian(daftar[:3])
    isian[1] = IsianRealisasi(indikator=daftar[1].indikator, nilai=Decimal(7), versi=daftar[1].versi - 1)
    galat, _ = _simpan(operator_user, opd_disperindag, isian)
    assert list(galat) == [1] and isinstance(galat[1], KonflikSimpan)
    assert [r.nilai for r in _realisasi(opd_disperindag)[:3]] == [r.nilai for r in daftar[:3]]


def test_a_bad_value_is_refused_by_position_and_nothing_is_written(operator_user, opd_disperindag):
    daftar = _realisasi(opd_disperindag)
    isian = _isian(daftar[:2]) + [IsianRealisasi(indikator=daftar[2].indikator, nilai=Decimal("1e20"), versi=daftar[2].versi)]
    galat, _ = _simpan(operator_user, opd_disperindag, isian)
    assert list(galat) == [2] and isinstance(galat[2], ValidationError)
    assert [r.nilai for r in _realisasi(opd_disperindag)[:2]] == [r.nilai for r in daftar[:2]]


def test_a_frozen_year_refuses_the_whole_lot(operator_user, admin_user_demo, opd_disperindag):
    tahun_atur_beku(user=admin_user_demo, opd=opd_disperindag, tahun=2022, beku=True, alasan="uji")
    daftar = _realisasi(opd_disperindag)
    with pytest.raises(ValidationError):
        _simpan(operator_user, opd_disperindag, _isian(daftar[:2]))
    assert [r.nilai for r in _realisasi(opd_disperindag)[:2]] == [r.nilai for r in daftar[:2]]


def test_another_opds_indicator_is_not_found(operator2_user, opd_disperindag, dunia):
    daftar = _realisasi(opd_disperindag)
    galat, _ = _simpan(operator2_user, dunia.opd_b, _isian(daftar[:1]))
    assert list(galat) == [0] and "bukan milik" in str(galat[0])


def test_budget_realisasi_created_updated_and_deleted_with_history(operator_user, opd_disperindag):
    subs = list(SubKegiatan.objects.filter(kegiatan__program__opd=opd_disperindag, kegiatan__program__tahun=2022)
                .select_related("kegiatan__program").order_by("pk")[:3])  # fmt: skip
    ada = {r.sub_kegiatan_id: r for r in RealisasiAnggaran.objects.filter(sub_kegiatan__in=subs, tribulan=3)}
    assert not ada  # the dataset records Tribulan IV only
    isian = [IsianRealisasiAnggaran(mata_anggaran=s, nilai=Decimal(1000 * (i + 1)), semula=None) for i, s in enumerate(subs)]
    with transaction.atomic():
        galat = realisasi_anggaran_simpan_banyak(user=operator_user, opd=opd_disperindag, tahun=2022, tribulan=3, isian=isian)
    assert galat == {}
    tersimpan = {r.sub_kegiatan_id: r.nilai for r in RealisasiAnggaran.objects.filter(sub_kegiatan__in=subs, tribulan=3)}
    assert tersimpan == {s.pk: Decimal(1000 * (i + 1)) for i, s in enumerate(subs)}
    ubah = [
        IsianRealisasiAnggaran(mata_anggaran=subs[0], nilai=Decimal(1500), semula=Decimal(1000)),
        IsianRealisasiAnggaran(mata_anggaran=subs[1], nilai=None, semula=Decimal(2000)),
    ]
    with transaction.atomic():
        assert realisasi_anggaran_simpan_banyak(
            user=operator_user, opd=opd_disperindag, tahun=2022, tribulan=3, isian=ubah
        ) == {}
    riwayat = RealisasiAnggaran.history.filter(sub_kegiatan__in=subs[:2], tribulan=3).order_by("history_id")
    assert [(h.sub_kegiatan_id, h.history_type, h.nilai) for h in riwayat] == [
        (subs[0].pk, "+", Decimal(1000)), (subs[1].pk, "+", Decimal(2000)),
        (subs[0].pk, "~", Decimal(1500)), (subs[1].pk, "-", Decimal(2000)),
    ]  # fmt: skip
    assert all(h.history_user == operator_user for h in riwayat)
    assert not RealisasiAnggaran.objects.filter(sub_kegiatan=subs[1], tribulan=3).exists()
