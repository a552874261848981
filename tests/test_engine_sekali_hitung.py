"""A page computes only what it shows, and computes it once: the engine builds each part of a result when
it is first read, so the indicator table never builds the budget tree, the budget table computes no
indicator, and the drill-down of one indicator reads and computes its OPD's year once."""

import pytest

from capaian import engine
from inti.models import OPD
from renstra.models import Indikator

pytestmark = pytest.mark.django_db


@pytest.fixture
def hitungan(monkeypatch):
    """Counts the engine's steps: a year read, an indicator computed, a budget line computed."""
    jumlah = {"muat": 0, "indikator": 0, "anggaran": 0}

    def hitung(nama, asli):
        def bungkus(*args, **kwargs):
            jumlah[nama] += 1
            return asli(*args, **kwargs)

        return bungkus

    monkeypatch.setattr(engine, "muat_data_banyak_opd", hitung("muat", engine.muat_data_banyak_opd))
    monkeypatch.setattr(engine, "_hasil_indikator", hitung("indikator", engine._hasil_indikator))
    monkeypatch.setattr(engine, "_hasil_anggaran", hitung("anggaran", engine._hasil_anggaran))
    return jumlah


def test_a_result_computes_its_indicators_without_the_budget(hitungan):
    hasil = engine.hitung_opd_tahun(OPD.objects.get(kode="disperindag"), 2022)
    assert hitungan == {"muat": 1, "indikator": 0, "anggaran": 0}
    assert hasil.hasil_indikator(Indikator.objects.get(opd__kode="disperindag", kode="S2.1-1")).capaian.teks == "94,00"
    assert hitungan["anggaran"] == 0 and hitungan["indikator"] == 1  # only the one asked for
    semua = len(hasil.indikator)
    assert hitungan["indikator"] == semua  # then the others, that one not again
    assert hasil.anggaran.penyerapan_terisi.persen == "74,65%"
    dihitung = hitungan["indikator"]
    hasil.anggaran, hasil.sasaran, hasil.indikator  # noqa: B018 - read again: nothing is computed twice
    assert hitungan["indikator"] == dihitung


def test_the_indicator_table_computes_no_budget_line(client_for, auditor_user, hitungan):
    isi = client_for(auditor_user).get("/capaian/indikator/", {"tahun": 2022}).content.decode()
    assert "94,00" in isi
    assert hitungan["anggaran"] == 0
    assert hitungan["muat"] == 1


def test_the_budget_table_computes_no_indicator(client_for, auditor_user, hitungan):
    isi = client_for(auditor_user).get("/capaian/anggaran/", {"tahun": 2022, "level": "program"}).content.decode()
    assert "15.920.223.771" in isi  # the Perencanaan program's DPA Perubahan pagu (Tabel 3.14)
    assert hitungan["indikator"] == 0
    assert hitungan["muat"] == 1


def test_the_drill_down_reads_its_opd_once_and_computes_each_indicator_once(client_for, auditor_user, hitungan):
    indikator = Indikator.objects.get(opd__kode="disperindag", kode="S2.1-1")
    isi = client_for(auditor_user).get(f"/opd/disperindag/indikator/{indikator.pk}/", {"tahun": 2022})
    assert isi.status_code == 200 and "94,00" in isi.content.decode()
    jumlah_indikator = len(engine.hitung_opd_tahun(indikator.opd, 2022).indikator)
    # One read; the year's indicators once, plus this one for each of the three other Tribulan. The call
    # just above finds the page's result in the cache: no second read, nothing computed again.
    assert hitungan["muat"] == 1
    assert hitungan["indikator"] == jumlah_indikator + 3
    assert hitungan["anggaran"] == 0
