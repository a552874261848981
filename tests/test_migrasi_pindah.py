"""The move of the registry, the scale, the periods and the formula inputs into `inti` and `renstra` keeps
every row and every history row: a database at the schema before the move, with data, is migrated
forward and read through the models as they are now."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from inti.models import OPD, PeriodeMonev, SkalaKategori, TahunOPD
from renstra.models import VariabelFormula

SEBELUM = [
    ("lkjip", "0002_riwayat_pengguna"),
    ("capaian", "0003_bukti_dukung_catatan_reviu"),
    ("renstra", "0001_initial"),
    ("anggaran", "0002_initial"),
    ("perjanjian", "0001_initial"),
    ("laporan", "0001_initial"),
    ("inti", None),
]


def _migrasi(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state([t for t in target if t[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_rows_and_history_survive_the_move_into_inti_and_renstra():
    terakhir = MigrationExecutor(connection).loader.graph.leaf_nodes()
    lama = _migrasi(SEBELUM)
    try:
        m = {nama: lama.get_model(app, nama) for app, nama in (
            ("lkjip", "Pemda"), ("lkjip", "OPD"), ("lkjip", "HistoricalOPD"), ("capaian", "SkalaKategori"),
            ("capaian", "PeriodeMonev"), ("capaian", "VariabelFormula"), ("renstra", "Renstra"),
            ("renstra", "Tujuan"), ("renstra", "Sasaran"), ("renstra", "Indikator"), ("laporan", "Laporan"),
        )}  # fmt: skip
        skala = m["SkalaKategori"].objects.create(nama="Skala uji migrasi", sumber="uji")
        pemda = m["Pemda"].objects.create(kode="migrasi", nama="Pemda Migrasi", skala_kategori=skala)
        opd = m["OPD"].objects.create(pemda=pemda, kode="opd-migrasi", nama="Dinas Migrasi")
        m["HistoricalOPD"].objects.create(
            id=opd.pk, pemda_id=pemda.pk, kode=opd.kode, nama=opd.nama, kode_unit="", singkatan="", alamat="",
            telepon="", kepala_nama="", kepala_nip="", kepala_pangkat="", kepala_jabatan="", atasan_nama="",
            atasan_jabatan="", aktif=True, history_date=timezone.now(), history_type="+",
            history_change_reason="dibuat sebelum pindah",
        )  # fmt: skip
        m["PeriodeMonev"].objects.create(pemda=pemda, tahun=2022, tribulan=4, batas_waktu=datetime.date(2023, 1, 15))
        renstra = m["Renstra"].objects.create(opd=opd, nama="Renstra", tahun_awal=2021, tahun_akhir=2026)
        tujuan = m["Tujuan"].objects.create(renstra=renstra, kode="T1", nama="Tujuan")
        sasaran = m["Sasaran"].objects.create(tujuan=tujuan, kode="S1", nama="Sasaran")
        indikator = m["Indikator"].objects.create(opd=opd, level="sasaran", sasaran=sasaran, kode="S1-1", nama="I")
        m["VariabelFormula"].objects.create(indikator=indikator, nama="produksi_n", label="Produksi tahun n")
        m["Laporan"].objects.create(opd=opd, tahun=2022, status="diajukan")
    finally:
        _migrasi(terakhir)
    ContentType.objects.clear_cache()

    opd = OPD.objects.select_related("pemda__skala_kategori").get(kode="opd-migrasi")
    assert (opd.pemda.kode, opd.pemda.skala_kategori.nama) == ("migrasi", "Skala uji migrasi")
    assert list(opd.history.values_list("history_change_reason", flat=True)) == ["dibuat sebelum pindah"]
    assert PeriodeMonev.objects.get(pemda=opd.pemda).batas_waktu == datetime.date(2023, 1, 15)
    variabel = VariabelFormula.objects.get(indikator__opd=opd)
    assert (variabel.nama, variabel.indikator.kode) == ("produksi_n", "S1-1")
    # The year of a submitted report is frozen, as the report's state said before.
    assert TahunOPD.objects.get(opd=opd, tahun=2022).beku is True
    assert SkalaKategori.objects.filter(nama="Skala uji migrasi").count() == 1
    # Permissions and log entries follow their models.
    assert ContentType.objects.get_for_model(OPD).app_label == "inti"
    assert not ContentType.objects.filter(app_label="lkjip", model__in=["opd", "pemda"]).exists()
    assert not ContentType.objects.filter(app_label="capaian", model="variabelformula").exists()
