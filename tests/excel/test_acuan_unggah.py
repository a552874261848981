"""An upload is checked against exactly the rows its template lists.

The template is built from the engine's load and computation (`muat_konteks`); the check reads the same
rows lean (`_muat_acuan`), without the figures. These tests hold the two to the same indicators, formula
inputs, supporting tables and budget lines, each filled in the same way, on the dataset and on an OPD built
to exercise every rule that decides them: which Renstra and PK are in force, a frozen definition, an
input summed from a table in one Tribulan only, budget lines typed or summed under DPA and DPA Perubahan.
"""

import gc
from decimal import Decimal as D

import pytest

from anggaran.models import Kegiatan, PaguAnggaran, Program, RealisasiAnggaran, SubKegiatan
from bench.sintetis import OPDUji
from capaian.excel import monev
from capaian.models import BarisTabelPendukung, TabelPendukung
from inti.models import OPD, PeriodeMonev
from perjanjian.models import PerjanjianKinerja
from renstra.models import DefinisiIndikatorTahun, Indikator, Renstra, Sasaran, Tujuan, VariabelFormula

pytestmark = pytest.mark.django_db


def _dari_template(k: monev.KonteksMonev) -> dict:
    return {
        "indikator": sorted(
            (b.indikator.pk, b.indikator.kode, b.indikator.level, b.kode_induk, b.indikator.nama)
            for b in k.indikator
        ),
        "variabel": sorted(
            (
                b.variabel.pk,
                b.indikator.pk,
                b.variabel.nama,
                b.variabel.label,
                b.tabel.kode if b.dari_tabel else None,
            )
            for b in k.variabel
        ),
        "anggaran": [
            (
                b.hasil.level,
                b.objek.pk,
                b.objek.kode,
                b.objek.nama,
                b.isian,
                b.realisasi.keterangan if b.realisasi else "",
            )
            for b in k.anggaran
        ],
        "tabel": [t.pk for t in k.tabel],
        "baris_tabel": [b.pk for b in k.baris_tabel],
        "periode": k.periode,
    }


def _dari_acuan(a) -> dict:
    return {
        "indikator": sorted(
            (b.indikator.pk, b.indikator.kode, b.indikator.level, b.kode_induk, b.indikator.nama)
            for b in a.indikator
        ),
        "variabel": sorted(
            (b.variabel.pk, b.indikator.pk, b.variabel.nama, b.variabel.label, b.kode_tabel)
            for b in a.variabel
        ),
        "anggaran": [
            (b.level, b.objek.pk, b.objek.kode, b.objek.nama, b.isian, b.keterangan) for b in a.anggaran
        ],
        "tabel": [t.pk for t in a.tabel],
        "baris_tabel": [b.pk for b in a.baris_tabel],
        "periode": a.periode,
    }


def _sama(opd, tribulan: int) -> dict:
    template = _dari_template(monev.muat_konteks(opd, 2022, tribulan))
    assert _dari_acuan(monev._muat_acuan(opd, 2022, tribulan)) == template
    return template


@pytest.mark.parametrize("kode", ["disperindag", "diskopum"])
@pytest.mark.parametrize("tribulan", [1, 2, 3, 4])
def test_the_dataset_opds_are_checked_against_their_template_rows(kode, tribulan):
    rows = _sama(OPD.objects.get(kode=kode), tribulan)
    if kode == "disperindag":
        assert len(rows["indikator"]) > 40 and len(rows["anggaran"]) > 40


def _opd_dengan_semua_aturan() -> OPDUji:
    u = OPDUji("acuan")
    # Indicators at every level, and some that do not count in 2022.
    i_tujuan = u.indikator("T-1", level="tujuan")
    u.indikator("S-1")
    u.indikator("P-1", level="program")
    u.indikator("K-1", level="kegiatan")
    i_sub = u.indikator("SK-1", level="sub_kegiatan")
    tujuan_lama = Tujuan.objects.create(
        renstra=u.renstra, kode="9", nama="Tujuan sampai 2021", tahun_selesai=2021
    )
    Indikator.objects.create(opd=u.opd, level="tujuan", kode="T-9", nama="Selesai 2021", tujuan=tujuan_lama)
    program_2021 = Program.objects.create(opd=u.opd, tahun=2021, kode="1.01", nama="Program 2021")
    Indikator.objects.create(
        opd=u.opd, level="program", kode="P-1", nama="Program 2021", program=program_2021
    )
    # A revision of the Renstra from 2022 replaces the first one: its indicators count, the old ones
    # only through a PK in force (not through a draft amendment).
    revisi = Renstra.objects.create(
        opd=u.opd,
        nama="Renstra revisi",
        tahun_awal=2022,
        tahun_akhir=2026,
        revisi_ke=1,
        revisi_dari=u.renstra,
    )
    sasaran_baru = Sasaran.objects.create(
        tujuan=Tujuan.objects.create(renstra=revisi, kode="1", nama="Tujuan baru"),
        kode="1.1",
        nama="Sasaran baru",
    )
    Indikator.objects.create(
        opd=u.opd, level="sasaran", kode="S-9", nama="Sasaran revisi", sasaran=sasaran_baru
    )
    i_pk = u.indikator("S-2")
    i_draf = u.indikator("S-3")
    u.pk(0, [(i_pk, "10")])
    PerjanjianKinerja.objects.filter(opd=u.opd).update(status=PerjanjianKinerja.Status.DISETUJUI)
    u.pk(1, [(i_pk, "10"), (i_draf, "5")])
    # Formula inputs: one summed from a table in TW IV only and typed in TW III; an indicator not in
    # force keeps its inputs out; the frozen definition of 2022 drops one input and relabels another.
    tabel = TabelPendukung.objects.create(opd=u.opd, tahun=2022, kode="tabel-acuan", judul="Tabel")
    BarisTabelPendukung.objects.create(tabel=tabel, label="Baris", kolom="2022", nilai=D("4"))
    u.input(i_sub, "a", "1", tribulan=3)
    u.input(i_sub, "a", tribulan=4, tabel=tabel, kolom="2022")
    u.input(i_tujuan, "b", "2")
    u.input(i_pk, "lama", "3")
    u.input(i_pk, "tetap", "4")
    DefinisiIndikatorTahun.objects.create(
        indikator=i_pk, tahun=2022, nama="Nama beku 2022", desimal=2, polaritas="positif",
        aturan_negatif=i_pk.aturan_negatif, agregasi=i_pk.agregasi,
        variabel=[{"nama": "tetap", "label": "Label beku", "satuan": "%"}],
    )  # fmt: skip
    # Budget: a program summed from a sub kegiatan with a DPA pagu while the year has a DPA Perubahan
    # elsewhere, a program whose own entries stand (nothing under it has a figure), a kegiatan without
    # sub kegiatan, realisasi in TW I only, keterangan of TW IV.
    PaguAnggaran.objects.create(program=u.program, dokumen="dpa", nilai=D("100"))
    PaguAnggaran.objects.create(sub_kegiatan=u.sub, dokumen="dpa_perubahan", nilai=D("100"))
    sendiri = Program.objects.create(opd=u.opd, tahun=2022, kode="1.02", nama="Program penunjang")
    Kegiatan.objects.create(program=sendiri, kode="1.02.1", nama="Kegiatan tanpa sub")
    PaguAnggaran.objects.create(program=sendiri, dokumen="dpa_perubahan", nilai=D("50"))
    RealisasiAnggaran.objects.create(program=sendiri, tribulan=4, nilai=D("20"), keterangan="TW IV penunjang")
    ketiga = Program.objects.create(opd=u.opd, tahun=2022, kode="1.03", nama="Program ketiga")
    k3 = Kegiatan.objects.create(program=ketiga, kode="1.03.1", nama="Kegiatan ketiga")
    s3 = SubKegiatan.objects.create(kegiatan=k3, kode="1.03.1.1", nama="Sub ketiga")
    RealisasiAnggaran.objects.create(sub_kegiatan=s3, tribulan=1, nilai=D("5"), keterangan="TW I")
    keempat = Program.objects.create(opd=u.opd, tahun=2022, kode="1.04", nama="Program keempat")
    k4 = Kegiatan.objects.create(program=keempat, kode="1.04.1", nama="Kegiatan keempat")
    SubKegiatan.objects.create(kegiatan=k4, kode="1.04.1.1", nama="Sub keempat")
    PaguAnggaran.objects.create(
        kegiatan=k4, dokumen="dpa", nilai=D("9")
    )  # DPA only: not this year's document
    PeriodeMonev.objects.create(pemda=u.pemda, tahun=2022, tribulan=4)
    return u


@pytest.mark.parametrize("tribulan", [1, 3, 4])
def test_every_rule_that_decides_the_rows_gives_the_template_rows(tribulan):
    u = _opd_dengan_semua_aturan()
    rows = _sama(u.opd, tribulan)
    # Not the old Renstra's T-1 and S-1, T-9 ended in 2021, the 2021 program's P-1, the draft's S-3.
    assert sorted((r[1], r[4]) for r in rows["indikator"]) == [
        ("K-1", "Indikator K-1"), ("P-1", "Indikator P-1"), ("S-2", "Nama beku 2022"),
        ("S-9", "Sasaran revisi"), ("SK-1", "Indikator SK-1"),
    ]  # fmt: skip
    assert sorted((r[2], r[3], r[4]) for r in rows["variabel"]) == [
        ("a", "a", "tabel-acuan" if tribulan == 4 else None), ("tetap", "Label beku", None),
    ]  # fmt: skip
    isian = {(r[0], r[2]): (r[4], r[5]) for r in rows["anggaran"]}
    assert isian[("program", "1.01")] == (False, "")  # summed from its sub kegiatan
    assert isian[("program", "1.02")] == (True, "TW IV penunjang" if tribulan == 4 else "")
    assert isian[("kegiatan", "1.02.1")] == (True, "")
    assert isian[("program", "1.03")][0] is False and isian[("kegiatan", "1.03.1")][0] is False
    assert isian[("sub_kegiatan", "1.03.1.1")] == (True, "TW I" if tribulan == 1 else "")
    assert isian[("program", "1.04")][0] is True and isian[("kegiatan", "1.04.1")][0] is True
    assert (rows["periode"] is not None) == (tribulan == 4)


def test_a_frozen_definition_names_the_inputs_of_the_year():
    u = OPDUji("beku")
    i = u.indikator("S-1")
    u.input(i, "lama", "3")
    tetap = u.input(i, "tetap", "4")
    DefinisiIndikatorTahun.objects.create(
        indikator=i, tahun=2022, nama="Nama beku 2022", desimal=2, polaritas="positif",
        aturan_negatif=i.aturan_negatif, agregasi=i.agregasi,
        variabel=[{"nama": "tetap", "label": "Label beku", "satuan": "%"}],
    )  # fmt: skip
    rows = _sama(u.opd, 4)
    assert [r[4] for r in rows["indikator"]] == ["Nama beku 2022"]
    assert [(r[0], r[3]) for r in rows["variabel"]] == [(tetap.pk, "Label beku")]
    assert VariabelFormula.objects.get(pk=tetap.pk).label == "tetap"  # only the year's reading changes


@pytest.mark.parametrize("aktif", [True, False])
def test_the_garbage_collector_is_left_as_it_was(opd_disperindag, operator_user, aktif):
    semula = gc.isenabled()
    (gc.enable if aktif else gc.disable)()
    try:
        hasil = monev.unggah_monev(
            b"bukan excel", user=operator_user, opd=opd_disperindag, tahun=2022, tribulan=4
        )
        assert hasil.masalah_berkas
        assert gc.isenabled() is aktif
        with pytest.raises(ZeroDivisionError), monev._tanpa_pengumpul_siklus():
            assert not gc.isenabled()
            1 / 0  # noqa: B018
        assert gc.isenabled() is aktif
    finally:
        (gc.enable if semula else gc.disable)()
