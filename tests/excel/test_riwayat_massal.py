"""The history rows of a bulk write hold what `simpan` writes for one value: every tracked field, the user,
the reason (cut to the column's length), the kind of change and one time for the lot."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from capaian.models import RealisasiIndikator
from inti.tulis import PANJANG_ALASAN, simpan, tulis_banyak
from renstra.models import Indikator

pytestmark = pytest.mark.django_db

DILACAK = ("id", "indikator_id", "tahun", "tribulan", "nilai", "keterangan", "versi")


def _medan(riwayat) -> dict:
    return {nama: getattr(riwayat, nama) for nama in DILACAK}


def test_bulk_history_rows_match_what_a_single_save_writes(operator_user, opd_disperindag):
    satu, dua, tiga = Indikator.objects.filter(opd=opd_disperindag).order_by("pk")[:3]
    RealisasiIndikator.objects.filter(indikator__in=[satu, dua, tiga], tahun=2022, tribulan=2).delete()
    lama = RealisasiIndikator.objects.create(indikator=dua, tahun=2022, tribulan=2, nilai=Decimal("1.5"))
    baru = RealisasiIndikator(
        indikator=satu, tahun=2022, tribulan=2, nilai=Decimal("12345.12345678"), keterangan="Catatan"
    )
    baru._change_reason = "x" * (PANJANG_ALASAN + 50)
    lama.nilai, lama.versi = Decimal("-0.25"), lama.versi + 1
    lama._change_reason = "Realisasi TW 2 2022: 1,5 → -0,25"
    sebelum = timezone.now()
    with transaction.atomic():
        tulis_banyak(
            RealisasiIndikator, operator_user, buat=[baru], ubah=[lama], medan_ubah=("nilai", "versi")
        )
    tunggal = RealisasiIndikator(
        indikator=tiga, tahun=2022, tribulan=2, nilai=Decimal("7"), keterangan="Satu"
    )
    simpan(tunggal, operator_user, "Realisasi TW 2 2022: kosong → 7")

    terakhir = RealisasiIndikator.history.filter(tahun=2022, tribulan=2, indikator__in=[satu, dua, tiga])
    riwayat = {h.id: h for h in terakhir.order_by("history_id")}  # the latest row of each
    h_baru, h_lama, h_tunggal = riwayat[baru.pk], riwayat[lama.pk], riwayat[tunggal.pk]
    assert _medan(h_baru) == {nama: getattr(baru, nama) for nama in DILACAK}
    assert _medan(h_lama) == {nama: getattr(lama, nama) for nama in DILACAK}
    assert (h_baru.history_type, h_lama.history_type) == ("+", "~")
    assert h_baru.history_change_reason == "x" * PANJANG_ALASAN
    assert h_lama.history_change_reason == "Realisasi TW 2 2022: 1,5 → -0,25"
    assert h_baru.history_user == h_lama.history_user == operator_user
    assert h_baru.history_date == h_lama.history_date
    assert sebelum <= h_baru.history_date <= timezone.now() + timedelta(seconds=1)
    # The same columns filled as by the single save (the history's own signal).
    kolom = [
        f.attname for f in RealisasiIndikator.history.model._meta.concrete_fields if f.attname != "history_id"
    ]
    assert [nama for nama in kolom if getattr(h_baru, nama) is None] == [
        nama for nama in kolom if getattr(h_tunggal, nama) is None
    ]
    assert h_tunggal.history_type == "+" and h_tunggal.history_user == operator_user


def test_many_history_rows_go_in_batches_and_keep_their_order(operator_user, opd_disperindag):
    daftar = list(RealisasiIndikator.objects.filter(indikator__opd=opd_disperindag, tahun=2022, tribulan=4))
    for i, r in enumerate(daftar):
        r.nilai += 1
        r._change_reason = f"perubahan {i}"
    # More rows than one INSERT holds: the same row 3 times over, as three uploads would write it.
    objek = daftar * (1200 // len(daftar) + 1)
    awal = RealisasiIndikator.history.count()
    with transaction.atomic():
        tulis_banyak(RealisasiIndikator, operator_user, ubah=objek, medan_ubah=("nilai",))
    baru = list(RealisasiIndikator.history.order_by("history_id")[awal:])
    assert len(baru) == len(objek) > 1000
    assert [h.history_change_reason for h in baru] == [o._change_reason for o in objek]
    assert [(h.id, h.nilai) for h in baru] == [(o.pk, o.nilai) for o in objek]
