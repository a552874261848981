"""Submission and monev writes at the same instant, on PostgreSQL: every write is either saved before the
submission is recorded or refused because the year is frozen. Before: 4 of 12 writes racing a submission
were saved 4–12 ms after it was recorded (the step took its time before taking the year's lock)."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from capaian.models import RealisasiIndikator
from capaian.services import realisasi_simpan
from inti.models import OPD
from lkjip.laporan import services
from lkjip.laporan.models import TransisiLaporan
from renstra.models import Indikator
from tests.laporan.bantu_lengkap import lengkapi_laporan

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks under real concurrency: PostgreSQL"
    ),
]

PENULIS = 12


def test_no_write_lands_after_the_submission_it_raced(dunia):
    opd = OPD.objects.get(kode="disperindag")
    terisi = RealisasiIndikator.objects.filter(indikator__opd=opd, tahun=2022, tribulan=4).values(
        "indikator_id"
    )
    kosong = list(
        Indikator.objects.filter(opd=opd, level="sub_kegiatan", sub_kegiatan__kegiatan__program__tahun=2022)
        .exclude(pk__in=terisi)
        .order_by("pk")[:PENULIS]
    )
    assert len(kosong) == PENULIS
    operator = dunia.operator
    lengkapi_laporan(user=operator, opd=opd)
    mulai = threading.Barrier(PENULIS + 1)
    hasil: dict[int, object] = {}

    def tulis(i: int, indikator) -> None:
        try:
            mulai.wait()
            realisasi_simpan(
                user=operator, indikator=indikator, tahun=2022, tribulan=4, nilai=Decimal(i + 1), versi=None
            )
            hasil[i] = "tersimpan"
        except ValidationError as exc:
            hasil[i] = exc
        finally:
            connections.close_all()

    def ajukan() -> None:
        try:
            mulai.wait()
            services.laporan_ajukan(user=operator, opd=opd, tahun=2022)
            hasil["ajukan"] = "diajukan"
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            hasil["ajukan"] = exc
        finally:
            connections.close_all()

    utas = [threading.Thread(target=tulis, args=(i, ind)) for i, ind in enumerate(kosong)]
    utas.append(threading.Thread(target=ajukan))
    for u in utas:
        u.start()
    for u in utas:
        u.join(timeout=60)

    assert hasil["ajukan"] == "diajukan", repr(hasil["ajukan"])
    pengajuan = TransisiLaporan.objects.get(laporan__opd=opd, laporan__tahun=2022, ke="diajukan")
    for i, ind in enumerate(kosong):
        if hasil[i] == "tersimpan":
            riwayat = RealisasiIndikator.history.get(
                indikator_id=ind.pk, tahun=2022, tribulan=4, history_type="+"
            )
            assert riwayat.history_date <= pengajuan.pada, (i, riwayat.history_date, pengajuan.pada)
        else:
            assert isinstance(hasil[i], ValidationError) and hasil[i].code == "laporan_dibekukan", hasil[i]
            assert not RealisasiIndikator.objects.filter(indikator=ind, tahun=2022, tribulan=4).exists()
    assert len(hasil) == PENULIS + 1
