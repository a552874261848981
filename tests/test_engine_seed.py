"""The engine on the 2022 dataset of Disperindag Kota Pasuruan, asserted against the figures the seed
report prints, table by table.

Where the engine differs from the seed the engine is right by the rounding policy (round half-up once,
at display; derived figures from the displayed ones) and the test names the seed's error (DOMAIN.md,
"Where the seed is inconsistent"). DOMAIN item 2 (Perencanaan 433,33/5 printed "8666") is an error in a
printed result, not in the data: there is no typed capaian to compare, so the checker cannot find it and
the engine test below covers it.
"""

from decimal import Decimal

import pytest

from capaian.engine import hitung_opd_tahun
from inti.models import OPD

D = Decimal


@pytest.fixture
def hasil(db):
    return hitung_opd_tahun(OPD.objects.get(kode="disperindag"), 2022)


@pytest.fixture
def per_kode(hasil):
    return {h.kode: h for h in hasil.indikator}


# ---------------------------------------------------------------------------------------------
# Tabel 3.2 Capaian IKU, Tabel 3.6 and 3.9 (per sasaran)


def test_tabel_3_2_lists_the_iku_of_the_pk_perubahan(hasil):
    assert hasil.pk_terakhir.revisi == 1
    assert [(b.sasaran_uraian, b.hasil.nama) for b in hasil.iku] == [
        ("Meningkatnya Produksi Sektor Unggulan", "Persentase Peningkatan Produksi Sektor Unggulan"),
        ("Meningkatnya Penjualan Produk Sektor Unggulan", "Persentase Peningkatan Omset"),
    ]


def test_tabel_3_2_production_0_094_against_0_1_is_94_sangat_tinggi(hasil):
    produksi = hasil.iku[0].hasil
    assert (produksi.target.teks, produksi.sumber_target) == ("0,1", "PK Perubahan")
    assert produksi.realisasi_rumus.nilai.quantize(D("0.00001")) == D("0.09393")
    assert produksi.realisasi.teks == "0,094"
    assert produksi.capaian.teks == "94,00"
    assert produksi.kategori == "Sangat Tinggi"
    assert produksi.status == "lengkap"


def test_omset_is_4_167_where_seed_truncates_to_4_166(hasil):
    # DOMAIN item 1: 4,1667 rounds to 4,167; the seed prints 4,166 and 416,6%.
    omset = hasil.iku[1].hasil
    assert omset.realisasi_rumus.nilai.quantize(D("0.0001")) == D("4.1667")
    assert omset.realisasi.teks == "4,167"
    assert omset.sumber_realisasi == "rumus"
    assert omset.realisasi_diketik.teks == "4,166"  # what the operator typed from the printed report
    assert omset.target.teks == "1"
    assert omset.capaian.teks == "416,70"
    assert omset.kategori == "Sangat Tinggi"


def test_tabel_3_6_rata_rata_of_sasaran_one_is_94(hasil):
    sasaran = {s.kode: s for s in hasil.sasaran}
    assert [h.kode for h in sasaran["2.1"].indikator] == ["S2.1-1"]
    assert sasaran["2.1"].capaian.teks == "94,00"
    assert sasaran["2.1"].kategori == "Sangat Tinggi"


def test_tabel_3_9_rata_rata_is_416_70_where_seed_prints_416_6(hasil):
    sasaran = {s.kode: s for s in hasil.sasaran}
    assert [h.kode for h in sasaran["2.2"].indikator] == ["S2.2-1"]
    assert sasaran["2.2"].capaian.teks == "416,70"


def test_only_the_sasaran_in_force_in_2022_are_measured(hasil):
    assert [s.kode for s in hasil.sasaran] == ["2.1", "2.2"]


def test_indicators_of_the_original_pk_are_listed_with_their_pk_target_and_no_realisasi(per_kode):
    for kode, target in (("S1.1-1", "0,5"), ("S1.2-1", "1"), ("S1.2-2", "80")):
        h = per_kode[kode]
        assert (h.target.teks, h.sumber_target, h.status) == (target, "PK", "belum ada realisasi")
        assert not h.iku
    assert "T1-1" not in per_kode  # the 2021-only tujuan of the Renstra


# ---------------------------------------------------------------------------------------------
# Tabel 3.3 Perbandingan capaian dengan tahun sebelumnya


def test_tabel_3_3_earlier_years_as_printed(hasil):
    baris = {b.indikator.kode: {t: a.nilai for t, a in b.nilai.items()} for b in hasil.tahun_lalu}
    assert baris["L1-1"] == {2019: D("14.8")}
    assert baris["L1-2"] == {2019: None}  # printed "-"
    assert baris["L1-3"] == {2019: D("79.8")}
    assert baris["S1.1-1"] == {2020: D("16.47"), 2021: D("0.7")}
    assert baris["S1.2-1"] == {2020: D("25.79"), 2021: D("1")}
    assert baris["S1.2-2"] == {2020: D("80.2"), 2021: D("81.5")}
    # The 2022 IKU close the table with this year's figures.
    assert [b.indikator.kode for b in hasil.tahun_lalu][-2:] == ["S2.1-1", "S2.2-1"]
    assert [b.hasil.capaian.teks for b in hasil.tahun_lalu[-2:]] == ["94,00", "416,70"]


# ---------------------------------------------------------------------------------------------
# Tabel 3.4 Kemajuan and Tabel 3.5 Standar nasional


def test_tabel_3_4_progress_against_the_renstra_end_target(hasil):
    kemajuan = {k.hasil.kode: k for k in hasil.kemajuan}
    assert list(kemajuan) == ["T2-1", "S2.1-1", "S2.2-1"]
    assert (kemajuan["T2-1"].hasil.realisasi.teks, kemajuan["T2-1"].target_akhir.teks) == ("49,63", "49,2")
    assert kemajuan["T2-1"].tahun_akhir == 2026
    assert kemajuan["T2-1"].persen.teks == "100,87"
    assert kemajuan["S2.1-1"].persen.teks == "94,00"


def test_tabel_3_4_omset_progress_is_416_70_where_seed_prints_416_60(hasil):
    kemajuan = {k.hasil.kode: k for k in hasil.kemajuan}
    assert kemajuan["S2.2-1"].persen.teks == "416,70"


def test_tabel_3_5_industry_share_against_the_national_standard(hasil):
    (standar,) = hasil.standar
    assert standar.variabel.nama == "kontribusi_industri"
    assert (standar.nilai.teks, standar.pembanding.teks, standar.persen.teks) == ("19,93", "17,95", "111,03")


def test_the_tujuan_indicator_is_the_sum_of_its_two_shares(per_kode):
    pdrb = per_kode["T2-1"]
    assert pdrb.realisasi.teks == "49,63" and pdrb.sumber_realisasi == "rumus"
    assert [(i.nama, i.nilai) for i in pdrb.input] == [
        ("kontribusi_industri", D("19.93")),
        ("kontribusi_perdagangan", D("29.70")),
    ]
    assert (pdrb.target.teks, pdrb.sumber_target, pdrb.capaian.teks) == ("49", "Renja", "101,29")


# ---------------------------------------------------------------------------------------------
# Tabel 3.12 Efisiensi


def test_tabel_3_12_sasaran_one(hasil):
    s = hasil.sasaran[0]
    assert (s.capaian.teks, s.pagu.teks, s.realisasi_anggaran.teks) == (
        "94,00",
        "15.920.223.771",
        "12.570.161.658",
    )
    assert (s.penyerapan.teks, s.efisiensi.teks) == ("78,96", "15,04")
    assert [p.kode for p in s.program] == ["3.31.02"]


def test_tabel_3_12_sasaran_two_efficiency_is_351_61_where_seed_prints_351_51(hasil):
    # The seed subtracts from its truncated 416,6; from 416,70 the efficiency is 351,61.
    s = hasil.sasaran[1]
    assert (s.capaian.teks, s.pagu.teks, s.realisasi_anggaran.teks) == (
        "416,70",
        "26.520.809.877",
        "17.261.835.518",
    )
    assert (s.penyerapan.teks, s.efisiensi.teks) == ("65,09", "351,61")
    assert [p.kode for p in s.program] == ["3.30.02", "3.30.03", "3.30.04", "3.30.05", "3.30.06", "3.30.07"]


# ---------------------------------------------------------------------------------------------
# Tabel 3.13 Keberhasilan dan kegagalan program dan kegiatan

TABEL_3_13 = [
    # kode, target, realisasi, capaian, menunjang
    ("3.31.02", "5", "433,33", "8.666,60", True),
    ("3.31.02.2.01", "30", "30,3", "101,00", True),
    ("3.30.02", "80", "75", "93,75", False),
    ("3.30.02.2.06", "75", "45", "60,00", False),
    ("3.30.03", "100", "93,7", "93,70", False),
    ("3.30.03.2.01", "33,33", "33,33", "100,00", True),
    ("3.30.04", "10", "8,26", "117,40", True),
    ("3.30.04.2.02", "20", "6,37", "168,15", True),
    ("3.30.05", "5", "10", "200,00", True),
    ("3.30.05.2.01", "0,4", "0,6", "150,00", True),
    ("3.30.06", "11", "13,17", "119,73", True),
    ("3.30.06.2.01", "550", "1.695", "308,18", True),
    ("3.30.07.2.01", "100", "124", "124,00", True),
]


@pytest.mark.parametrize(("kode", "target", "realisasi", "capaian", "menunjang"), TABEL_3_13)
def test_tabel_3_13_rows_as_printed(hasil, kode, target, realisasi, capaian, menunjang):
    baris = {x.objek.kode: x for x in hasil.program_kegiatan}[kode]
    (h,) = baris.indikator
    assert (h.target.teks, h.realisasi.teks, h.capaian.teks) == (target, realisasi, capaian)
    assert baris.capaian.teks == capaian
    assert baris.menunjang is menunjang


def test_perencanaan_program_is_8_666_60_from_the_displayed_433_33_where_seed_prints_8666(hasil):
    # DOMAIN item 2: 433,33 / 5 = 8.666,60 by the policy (from the displayed realisasi); from full
    # precision (433,333.../5) it would be 8.666,67, which DOMAIN quotes; the seed prints "8666".
    baris = {x.objek.kode: x for x in hasil.program_kegiatan}["3.31.02"]
    assert baris.capaian.teks == "8.666,60"
    assert baris.indikator[0].realisasi_rumus.nilai.quantize(D("0.00001")) == D("433.33333")


def test_perizinan_kegiatan_is_60_against_the_tabled_target_75_not_the_narratives_60(hasil):
    # DOMAIN item 4: the narrative of 3.1.8 computes 45/60 = 75%; the DPA tables give the target 75.
    baris = {x.objek.kode: x for x in hasil.program_kegiatan}["3.30.02.2.06"]
    assert (baris.indikator[0].target.nilai, baris.capaian.teks, baris.menunjang_teks) == (
        D(75),
        "60,00",
        "Tidak Menunjang",
    )


def test_pkl_is_8_2_where_seed_truncates_to_8_1(hasil):
    # DOMAIN item 1: 120/1469 = 8,169 shown with 1 decimal is 8,2 (seed 8,1 and 139,66).
    baris = {x.objek.kode: x for x in hasil.program_kegiatan}["3.30.03.2.02"]
    (h,) = baris.indikator
    assert (h.realisasi.teks, h.realisasi_diketik.teks, h.target.teks) == ("8,2", "8,1", "5,8")
    assert h.capaian.teks == "141,38"


def test_ikm_pemasaran_is_57_26_where_seed_truncates_to_57_25(hasil):
    # 71/124 = 57,258 rounds to 57,26 -> 190,87 (seed 57,25 -> 190,83).
    baris = {x.objek.kode: x for x in hasil.program_kegiatan}["3.30.07"]
    (h,) = baris.indikator
    assert (h.realisasi.teks, h.realisasi_diketik.teks, h.capaian.teks) == ("57,26", "57,25", "190,87")
    assert baris.menunjang is True


def test_ikm_berkembang_uses_the_typed_30_3_since_its_denominator_is_not_printed(hasil):
    # DOMAIN item 8: ikm_dilatih is missing; the typed 30,3 stands and the checker reports the gap.
    baris = {x.objek.kode: x for x in hasil.program_kegiatan}["3.31.02.2.01"]
    (h,) = baris.indikator
    assert h.sumber_realisasi == "diketik"
    assert h.realisasi_rumus.alasan == "input formula belum lengkap: ikm_dilatih"
    assert h.capaian.teks == "101,00"


def test_negative_polarity_indicators_use_two_t_minus_r(per_kode):
    assert per_kode["3.30.04-1"].polaritas == "negatif"
    assert per_kode["3.30.04-1"].capaian.teks == "117,40"
    assert per_kode["3.30.04.2.02-1"].realisasi_rumus.nilai.quantize(D("0.0001")) == D("6.3676")
    assert per_kode["3.30.04.2.02-1"].capaian.teks == "168,15"


def test_ikm_ekspor_share_0_644_is_shown_0_6(per_kode):
    h = per_kode["3.30.05.2.01-1"]
    assert h.realisasi_rumus.nilai.quantize(D("0.001")) == D("0.644")
    assert (h.realisasi.teks, h.capaian.teks) == ("0,6", "150,00")


def test_ekspor_program_uses_the_dpa_perubahan_target_5_not_the_dpa_0_5(per_kode):
    h = per_kode["3.30.05-1"]
    assert (h.target.teks, h.sumber_target, h.capaian.teks) == ("5", "DPA Perubahan", "200,00")


# ---------------------------------------------------------------------------------------------
# Kertas Kerja Perhitungan Capaian Outcome: every "Hasil Perhitungan"

KERTAS_KERJA = [
    # kode, hasil rumus as displayed, note
    ("S2.1-1", "0,094"),  # the Kertas Kerja prints the capaian 94 in this column
    ("S2.2-1", "4,167"),  # the Kertas Kerja prints the capaian 416,6 (from the truncated 4,166)
    ("3.30.01-1", "91"),  # 30/33
    ("3.30.01.2.01-1", "100"),
    ("3.30.01.2.02-1", "100"),
    ("3.30.01.2.03-1", "100"),
    ("3.30.01.2.05-1", "100"),
    ("3.30.01.2.06-1", "100"),
    ("3.30.01.2.07-1", "100"),
    ("3.30.01.2.08-1", "100"),
    ("3.30.01.2.09-1", "100"),
    ("3.30.02-1", "75"),
    ("3.30.02.2.06-1", "45"),
    ("3.30.03-1", "93,7"),
    ("3.30.03.2.01-1", "33,33"),
    ("3.30.03.2.02-1", "8,2"),  # printed 8.1 (truncated)
    ("3.30.04-1", "8,26"),
    ("3.30.04.2.02-1", "6,37"),
    ("3.30.05-1", "10"),
    ("3.30.05.2.01-1", "0,6"),
    ("3.30.06-1", "13,17"),
    ("3.30.06.2.01-1", "1.695"),
    ("3.30.07-1", "57,26"),  # printed 57,25 (truncated)
    ("3.30.07.2.01-1", "124"),
    ("3.31.02-1", "433,33"),
]


@pytest.mark.parametrize(("kode", "hasil_rumus"), KERTAS_KERJA)
def test_kertas_kerja_hasil_perhitungan(per_kode, kode, hasil_rumus):
    h = per_kode[kode]
    assert h.realisasi_rumus.teks == hasil_rumus
    assert h.realisasi_tw[4].sumber == "rumus"
    assert all(i.nilai is not None for i in h.input)


def test_kertas_kerja_production_inputs_are_the_sums_of_tabel_3_7(per_kode):
    assert [(i.nama, i.nilai, i.tabel.kode, i.kolom) for i in per_kode["S2.1-1"].input] == [
        ("produksi_n", D(3835029), "nilai-produksi-sektor-unggulan", "2022"),
        ("produksi_n1", D(3831430), "nilai-produksi-sektor-unggulan", "2021"),
    ]


def test_kertas_kerja_turnover_inputs_are_the_sums_of_tabel_3_10(per_kode):
    assert [(i.nama, i.nilai) for i in per_kode["S2.2-1"].input] == [
        ("omset_n", D("280532126312")),
        ("omset_n1", D("269310841260")),
    ]


def test_kertas_kerja_penunjang_is_91_against_the_original_pk_target_98(per_kode):
    h = per_kode["3.30.01-1"]
    assert (h.realisasi.teks, h.target.teks, h.sumber_target, h.capaian.teks) == ("91", "98", "PK", "92,86")


# ---------------------------------------------------------------------------------------------
# Tabel 3.14 Capaian realisasi anggaran

TABEL_3_14 = [
    # kode, pagu, realisasi, whole percent printed by the seed
    ("3.30.02", 28718900, 26327400, 92),
    ("3.30.02.2.06", 28718900, 26327400, 92),
    ("3.30.02.2.06.0003", 28718900, 26327400, 92),
    ("3.30.03", 22908713382, 14944306843, 65),
    ("3.30.03.2.01", 12061359002, 5018382543, 42),
    ("3.30.03.2.01.0001", 11049570500, 4126852910, 37),
    ("3.30.03.2.01.0002", 1011788502, 891529633, 88),
    ("3.30.03.2.02", 10847354380, 9925924300, 92),
    ("3.30.03.2.02.0001", 7884331400, 7024467400, 89),
    ("3.30.03.2.02.0002", 2963022980, 2901456900, 98),
    ("3.30.04", 924957000, 768956605, 83),
    ("3.30.04.2.02", 924957000, 768956605, 83),
    ("3.30.04.2.02.0002", 100437000, 67005405, 67),
    ("3.30.04.2.02.0003", 824520000, 701951200, 85),
    ("3.30.05", 897742753, 802889820, 89),
    ("3.30.05.2.01", 897742753, 802889820, 89),
    ("3.30.05.2.01.0001", 322667000, 306139000, 95),
    ("3.30.05.2.01.0002", 575075753, 496750820, 86),
    ("3.30.06", 164228497, 122672200, 75),
    ("3.30.06.2.01", 164228497, 122672200, 75),
    ("3.30.06.2.01.0001", 147763997, 110374500, 75),
    ("3.30.06.2.01.0002", 16464500, 12297700, 75),
    ("3.30.07", 1596449345, 596682650, 37),
    ("3.30.07.2.01", 1596449345, 596682650, 37),
    ("3.30.07.2.01.0005", 1355747545, 369305900, 27),
    ("3.30.07.2.01.0006", 240701800, 227376750, 94),
    ("3.31.02", 15920223771, 12570161658, 79),
    ("3.31.02.2.01", 15920223771, 12570161658, 79),
    ("3.31.02.2.01.0001", 26712300, 3635000, 14),
    ("3.31.02.2.01.0002", 232219274, 176941700, 76),
    ("3.31.02.2.01.0003", 209624500, 199054500, 95),
    ("3.31.02.2.01.0005", 15442908997, 12181771758, 79),
    ("3.31.02.2.01.0006", 8758700, 8758700, 100),
]


@pytest.mark.parametrize(("kode", "pagu", "realisasi", "persen"), TABEL_3_14)
def test_tabel_3_14_lines_as_printed(hasil, kode, pagu, realisasi, persen):
    baris = {b.kode: b for b in hasil.baris_anggaran()}[kode]
    assert (baris.pagu.nilai, baris.realisasi.nilai) == (D(pagu), D(realisasi))
    assert baris.pagu.lengkap and baris.realisasi.lengkap
    assert baris.penyerapan.tampil == (D(realisasi) / D(pagu) * 100).quantize(
        D("0.01"), rounding="ROUND_HALF_UP"
    )
    assert baris.penyerapan.tampil.quantize(D(1), rounding="ROUND_HALF_UP") == persen


def test_tabel_3_14_perizinan_penyerapan_is_91_67_printed_92(hasil):
    baris = {b.kode: b for b in hasil.baris_anggaran()}["3.30.02"]
    assert (baris.penyerapan.teks, baris.penyerapan.persen) == ("91,67", "91,67%")


def test_tabel_3_14_roll_ups_add_up(hasil):
    for program in hasil.anggaran.anak:
        if not program.anak or program.pagu_anak is None:
            continue
        assert program.pagu.nilai == sum(k.pagu.nilai for k in program.anak)
        assert program.realisasi.nilai == sum(k.realisasi.nilai for k in program.anak)
        for kegiatan in program.anak:
            assert kegiatan.pagu.nilai == sum(s.pagu.nilai for s in kegiatan.anak)
            assert kegiatan.realisasi.nilai == sum(s.realisasi.nilai for s in kegiatan.anak)


def test_the_seven_programs_of_tabel_3_14_total_70_29_percent(hasil):
    # DOMAIN item 6: Tabel 3.14 leaves out Program Penunjang; its seven programs absorb 70,29%.
    tujuh = [p for p in hasil.anggaran.anak if p.kode != "3.30.01"]
    assert len(tujuh) == 7
    pagu = sum(p.pagu.nilai for p in tujuh)
    realisasi = sum(p.realisasi.nilai for p in tujuh)
    assert (pagu, realisasi) == (D(42441033648), D(29831997176))
    assert round(realisasi / pagu * 100, 2) == D("70.29")


def test_agency_total_pagu_51_719_269_154_absorbs_the_74_65_percent_of_bab_iv(hasil):
    total = hasil.anggaran
    assert hasil.dokumen_anggaran == "dpa_perubahan"
    assert total.pagu.teks == "51.719.269.154" and total.pagu.lengkap
    assert total.realisasi.nilai == D(38608434423) and total.realisasi.lengkap
    assert total.tanpa_realisasi == ()
    # BAB IV prints 74,65% for the whole agency; the dataset's Penunjang realisasi is derived from it.
    assert total.penyerapan.teks == "74,65"


def test_penunjang_has_its_pagu_and_its_derived_realisasi_at_program_level(hasil):
    penunjang = hasil.anggaran.anak[0]
    assert (penunjang.kode, penunjang.pagu.teks) == ("3.30.01", "9.278.235.506")
    assert penunjang.pagu_anak is None and penunjang.pagu_sendiri == D(9278235506)
    assert penunjang.realisasi.teks == "8.776.437.247"
    assert penunjang.penyerapan.teks == "94,59"


def test_the_original_dpa_totals_44_676_285_271_as_tabel_2_4(hasil):
    dpa = hasil.anggaran_dokumen["dpa"]
    assert dpa.pagu.teks == "44.676.285.271"
    program = {p.kode: p.pagu.nilai for p in dpa.anak}
    assert program["3.30.01"] == D(8964583767) and program["3.31.02"] == D(15753452971)


def test_the_pk_perubahan_budget_table_matches_the_dpa_perubahan_per_program(hasil):
    anggaran_pk = {
        a.program_id: a.nilai for a in hasil.anggaran_pk(hasil.pk_terakhir)
    }
    assert {p.objek.pk: p.pagu.nilai for p in hasil.anggaran.anak} == anggaran_pk
    assert sum(anggaran_pk.values()) == D(51719269154)


def test_pk_budget_totals_are_the_signed_jumlah_rows(hasil):
    # Lampiran: the signed PK states Rp 45.560.165.117; the PK Perubahan's "sesudah" column 51.719.269.154.
    awal, perubahan = hasil.pk_semua
    assert hasil.total_anggaran_pk(awal) == Decimal("45560165117")
    assert hasil.total_anggaran_pk(perubahan) == Decimal("51719269154")
    assert len(hasil.anggaran_pk(awal)) == 8
