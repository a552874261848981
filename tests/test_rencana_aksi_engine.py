"""Rencana Aksi in the engine: each Tribulan's realisasi judged against its own target, the planned spending
per Tribulan, and a year computed with the indicator definition frozen for it."""

from decimal import Decimal as D

import pytest

from anggaran.models import RencanaPenyerapan, SubKegiatan
from capaian.engine import (
    BELUM_ADA_REALISASI,
    DI_LUAR_PERIODE,
    RENCANA_AKSI_BELUM_ADA,
    RENCANA_PENYERAPAN_BELUM_LENGKAP,
    capaian_tribulan_dari,
    hitung_opd_tahun,
    hitung_terhadap_rencana,
)
from capaian.models import RealisasiIndikator
from inti.tampilan import DESIMAL_RUPIAH, Angka
from perjanjian.models import BarisPK, PerjanjianKinerja, RencanaAksi
from renstra.models import Indikator, VariabelFormula
from renstra.services import definisi_bekukan

pytestmark = pytest.mark.django_db


def _baris(kode: str, revisi: int) -> BarisPK:
    return BarisPK.objects.get(
        pk_dokumen__opd__kode="disperindag",
        pk_dokumen__tahun=2022,
        pk_dokumen__revisi=revisi,
        indikator__kode=kode,
    )


def _aksi(baris: BarisPK, **target) -> None:
    for tw, nilai in target.items():
        RencanaAksi.objects.create(baris_pk=baris, tribulan=int(tw[2:]), target=D(nilai), uraian=f"Aksi {tw}")


def _hasil(kode: str, tahun: int = 2022, tribulan: int = 4):
    hasil = hitung_opd_tahun(_opd(), tahun, tribulan=tribulan)
    return next(h for h in hasil.indikator if h.kode == kode)


def _opd():
    from inti.models import OPD

    return OPD.objects.get(kode="disperindag")


def _teks(angka: dict) -> dict:
    return {t: a.teks for t, a in angka.items()}


# --- pure rules ------------------------------------------------------------------------------------------


def test_a_tribulan_capaian_follows_the_yearly_rules():
    # Positive: R / T; negative: (2T - R) / T, or T / R; from the realisasi as displayed.
    assert capaian_tribulan_dari(D("0.1"), Angka(D("0.09393"), 3)).teks == "94,00"
    assert capaian_tribulan_dari(D(10), Angka(D("8.26"), 2), "negatif").teks == "117,40"
    assert capaian_tribulan_dari(D(10), Angka(D("8.26"), 2), "negatif", "t_per_r").teks == "121,07"
    # Decimals: 104,7 kept with no decimals is read as 105, as the yearly capaian reads it.
    assert capaian_tribulan_dari(D(175), Angka(D("104.7"), 0)).teks == "60,00"
    assert capaian_tribulan_dari(None, Angka(D(1))).alasan == RENCANA_AKSI_BELUM_ADA
    assert capaian_tribulan_dari(D(1), Angka.kosong(BELUM_ADA_REALISASI)).alasan == BELUM_ADA_REALISASI
    assert capaian_tribulan_dari(D(0), Angka(D(1))).alasan == "target nol"


def test_realisasi_against_the_plan_uses_the_displayed_rupiah():
    rencana = Angka(D(30000000), DESIMAL_RUPIAH)
    assert hitung_terhadap_rencana(rencana, Angka(D(26327400), DESIMAL_RUPIAH)).teks == "87,76"
    sebagian = Angka(D(30000000), DESIMAL_RUPIAH, lengkap=False)
    assert (
        hitung_terhadap_rencana(sebagian, Angka(D(1), DESIMAL_RUPIAH)).alasan
        == RENCANA_PENYERAPAN_BELUM_LENGKAP
    )


# --- Tribulan targets of the PK -----------------------------------------------------------------------


def test_each_tribulan_is_judged_against_its_rencana_aksi_target():
    _aksi(_baris("S2.1-1", 1), tw1="0.025", tw2="0.05", tw3="0.075", tw4="0.1")
    h = _hasil("S2.1-1")
    assert _teks(h.target_tribulan) == {1: "0,025", 2: "0,05", 3: "0,075", 4: "0,1"}
    # The dataset holds the year's value at Tribulan IV only: 0,094 against 0,1.
    assert h.capaian_tribulan[4].teks == "94,00"
    assert [h.capaian_tribulan[t].alasan for t in (1, 2, 3)] == [BELUM_ADA_REALISASI] * 3
    assert h.sumber_target_tribulan == "Rencana Aksi PK Perubahan"
    assert h.rencana_aksi == {1: "Aksi tw1", 2: "Aksi tw2", 3: "Aksi tw3", 4: "Aksi tw4"}
    assert h.ada_rencana_aksi
    # The yearly figures do not move.
    assert (h.target.teks, h.realisasi.teks, h.capaian.teks) == ("0,1", "0,094", "94,00")


def test_a_tribulans_own_realisasi_is_compared_and_later_tribulan_wait(opd_disperindag):
    baris = _baris("S1.2-2", 0)
    _aksi(baris, tw1="20", tw2="40", tw3="60", tw4="80")
    RealisasiIndikator.objects.create(indikator=baris.indikator, tahun=2022, tribulan=2, nilai=D("35.456"))
    h = _hasil("S1.2-2", tribulan=2)
    # 35,456 with the indicator's 2 decimals is 35,46: 35,46 / 40 = 88,65.
    assert h.capaian_tribulan[2].teks == "88,65"
    assert h.capaian_tribulan[1].alasan == BELUM_ADA_REALISASI
    assert h.capaian_tribulan[3].alasan == h.capaian_tribulan[4].alasan == DI_LUAR_PERIODE
    assert h.target_tribulan[4].teks == "80"


def test_a_negative_indicator_is_judged_with_its_rule_each_tribulan():
    baris = _baris("S1.2-2", 0)
    Indikator.objects.filter(pk=baris.indikator_id).update(polaritas="negatif", aturan_negatif="2t_minus_r")
    _aksi(baris, tw3="10")
    RealisasiIndikator.objects.create(indikator=baris.indikator, tahun=2022, tribulan=3, nilai=D("8.26"))
    assert _hasil("S1.2-2").capaian_tribulan[3].teks == "117,40"
    indikator = Indikator.objects.get(pk=baris.indikator_id)
    indikator.aturan_negatif = "t_per_r"
    indikator.save()  # a save changes the OPD's data version: the cached result is not used
    assert _hasil("S1.2-2").capaian_tribulan[3].teks == "121,07"


def test_the_latest_pk_rows_plan_is_used_and_an_earlier_one_when_it_has_none():
    awal = _baris("S1.2-2", 0)
    perubahan = PerjanjianKinerja.objects.get(opd__kode="disperindag", tahun=2022, revisi=1)
    baru = BarisPK.objects.create(
        pk_dokumen=perubahan, urutan=9, sasaran=awal.sasaran, indikator=awal.indikator, target=D(80)
    )
    _aksi(awal, tw4="70")
    h = _hasil("S1.2-2")
    assert (h.target_tribulan[4].teks, h.sumber_target_tribulan) == ("70", "Rencana Aksi PK")
    _aksi(baru, tw4="80")
    h = _hasil("S1.2-2")
    assert (h.target_tribulan[4].teks, h.sumber_target_tribulan) == ("80", "Rencana Aksi PK Perubahan")


def test_an_indicator_without_rencana_aksi_has_empty_tribulan_figures():
    h = _hasil("S2.2-1")
    assert not h.ada_rencana_aksi and h.sumber_target_tribulan is None
    assert {a.alasan for a in h.target_tribulan.values()} == {RENCANA_AKSI_BELUM_ADA}
    assert set(h.capaian_tribulan) == {1, 2, 3, 4}
    assert {a.alasan for a in h.capaian_tribulan.values()} == {RENCANA_AKSI_BELUM_ADA}


# --- planned spending ----------------------------------------------------------------------------------


def test_budget_lines_show_the_plan_per_tribulan_and_the_realisasi_against_it():
    sub = SubKegiatan.objects.get(kode="3.30.02.2.06.0003", kegiatan__program__opd__kode="disperindag")
    RencanaPenyerapan.objects.create(sub_kegiatan=sub, tribulan=2, nilai=D(10000000))
    RencanaPenyerapan.objects.create(sub_kegiatan=sub, tribulan=4, nilai=D(30000000))
    hasil = hitung_opd_tahun(_opd(), 2022)
    baris = {(b.level, b.kode): b for b in hasil.baris_anggaran()}
    b = baris[("sub_kegiatan", "3.30.02.2.06.0003")]
    assert {t: a.rupiah for t, a in b.rencana_tw.items() if a.ada} == {2: "Rp 10.000.000", 4: "Rp 30.000.000"}
    assert b.rencana.rupiah == "Rp 30.000.000"
    # 26.327.400 of 30.000.000 planned; Tribulan II has a plan and no realisasi in the dataset.
    assert b.persen_rencana.teks == "87,76" and b.persen_rencana_tw[4].teks == "87,76"
    assert b.persen_rencana_tw[2].alasan == BELUM_ADA_REALISASI
    assert b.ada_rencana
    # A line adds its sub kegiatan's plans (this program has this one only); the agency total has other
    # sub kegiatan unplanned, so it gives no percentage against a partial plan.
    assert baris[("program", sub.kegiatan.program.kode)].persen_rencana.teks == "87,76"
    total = hasil.anggaran
    assert total.rencana.rupiah == "Rp 30.000.000" and not total.rencana.lengkap
    assert total.persen_rencana.alasan == RENCANA_PENYERAPAN_BELUM_LENGKAP
    assert not baris[("program", "3.31.02")].ada_rencana


# --- definitions frozen per year -----------------------------------------------------------------------


def test_a_frozen_year_keeps_its_definition_and_the_next_year_takes_the_new_one(dunia):
    ind = Indikator.objects.get(opd__kode="disperindag", kode="S2.2-1")
    assert definisi_bekukan(user=dunia.admin, tahun=2022, indikator=[ind], alasan="PK 2022 disetujui") == 1
    RealisasiIndikator.objects.create(indikator=ind, tahun=2023, tribulan=4, nilai=D("4.1667"))
    Indikator.objects.filter(pk=ind.pk).update(
        nama="Omset baru",
        desimal=1,
        polaritas="negatif",
        aturan_negatif="2t_minus_r",
        rumus="omset_n / omset_n1",
    )
    VariabelFormula.objects.filter(indikator=ind, nama="omset_n").update(label="Omset tahun berjalan")

    lama = _hasil("S2.2-1", 2022)
    assert (lama.nama, lama.indikator.desimal, lama.polaritas) == (ind.nama, 3, "positif")
    assert (lama.realisasi.teks, lama.capaian.teks, lama.sumber_realisasi) == ("4,167", "416,70", "rumus")
    assert lama.definisi_beku is not None
    assert {i.nama: i.label for i in lama.input}["omset_n"] == "Omset Penjualan Produk Unggulan Tahun n"

    baru = _hasil("S2.2-1", 2023)
    assert (baru.nama, baru.indikator.desimal, baru.polaritas) == ("Omset baru", 1, "negatif")
    assert baru.definisi_beku is None
    # 4,1667 kept with one decimal is 4,2; negative against 1: (2 × 1 − 4,2) / 1 = −220.
    assert (baru.realisasi.teks, baru.capaian.teks) == ("4,2", "-220,00")


def test_an_input_removed_after_freezing_leaves_the_frozen_formula_incomplete(dunia):
    ind = Indikator.objects.get(opd__kode="disperindag", kode="S2.1-1")
    definisi_bekukan(user=dunia.admin, tahun=2022, indikator=[ind], alasan="PK 2022 disetujui")
    VariabelFormula.objects.filter(indikator=ind, nama="produksi_n1").delete()
    VariabelFormula.objects.create(indikator=ind, nama="baru", label="Variabel baru")
    hasil = hitung_opd_tahun(_opd(), 2022)
    h = next(h for h in hasil.indikator if h.kode == "S2.1-1")
    # The new input is not the frozen year's; the removed one took its values with it.
    assert [v.nama for v in hasil.variabel(ind)] == ["produksi_n"]
    assert h.realisasi_tw[4].rumus.alasan == "input formula belum lengkap: produksi_n1"
    assert h.sumber_realisasi == "diketik"


# --- the checker -------------------------------------------------------------------------------------------


def test_the_checker_flags_a_plan_that_misses_the_years_target_and_spending_plans_that_go_wrong():
    _aksi(_baris("S2.1-1", 1), tw2="0.05", tw4="0.2")
    sub = SubKegiatan.objects.get(kode="3.30.02.2.06.0003", kegiatan__program__opd__kode="disperindag")
    for tw, nilai in ((2, 20000000), (3, 15000000), (4, 30000000)):
        RencanaPenyerapan.objects.create(sub_kegiatan=sub, tribulan=tw, nilai=D(nilai))
    temuan = {t.jenis: t.pesan for t in hitung_opd_tahun(_opd(), 2022).temuan}
    assert temuan["rencana_aksi_beda_target"] == (
        "Rencana Aksi «Persentase Peningkatan Produksi Sektor Unggulan»: target Tribulan IV 0,2, "
        "sedangkan target tahun 2022 (PK Perubahan) 0,1."
    )
    assert temuan["rencana_penyerapan_turun"].endswith(
        "turun dari Rp 20.000.000 (Tribulan II) menjadi Rp 15.000.000 (Tribulan III); rencana diisi kumulatif."
    )
    assert temuan["rencana_penyerapan_melebihi_pagu"].endswith(
        "s.d. Tribulan IV Rp 30.000.000, melebihi pagu DPA Perubahan (DPPA) Rp 28.718.900."
    )
