"""The capaian engine on its own: the plain functions (capaian, category, aggregation, roll-up,
penyerapan, display rounding and formats, template filters) and the engine's rules on small OPDs
built here (target resolution, formula versus typed realisasi, which indicators belong to a year,
budget documents, sasaran, standards). The 2022 dataset is asserted in test_engine_seed.py."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from anggaran.models import PaguAnggaran, Program, RealisasiAnggaran
from bench.sintetis import TAHUN, OPDUji
from capaian.engine import (
    MataAnggaran,
    Rentang,
    agregasi_tahunan,
    gulung_anggaran,
    hitung_capaian,
    hitung_penyerapan,
    kategori_untuk,
    rata_rata,
    skala_untuk_pemda,
)
from capaian.models import BarisTabelPendukung, TabelPendukung
from inti.models import RentangKategori, SkalaKategori
from inti.tampilan import (
    Angka,
    bulatkan,
    desimal_alami,
    format_angka,
    format_mesin,
    format_persen,
    format_rupiah,
)
from renstra.models import Indikator, Renstra, Sasaran, StandarPembanding, Tujuan

D = Decimal
SKALA = (
    Rentang("Sangat Tinggi", D(91), None),
    Rentang("Tinggi", D(76), D(91)),
    Rentang("Sedang", D(66), D(76)),
    Rentang("Rendah", D(51), D(66)),
    Rentang("Sangat Rendah", None, D(51)),
)


# ---------------------------------------------------------------------------------------------
# Plain functions


def test_capaian_positive_is_realisasi_over_target():
    assert hitung_capaian(D("0.1"), D("0.094"), "positif").tampil == D("94.00")
    assert hitung_capaian(D("5.8"), D("8.1"), "positif").tampil == D("139.66")
    assert hitung_capaian(D(550), D(1695)).tampil == D("308.18")


def test_capaian_negative_uses_two_t_minus_r_by_default():
    assert hitung_capaian(D(10), D("8.26"), "negatif").tampil == D("117.40")
    assert hitung_capaian(D(20), D("6.37"), "negatif", "2t_minus_r").tampil == D("168.15")


def test_capaian_negative_t_per_r_is_available_and_gives_the_seeds_wrong_figure():
    # DOMAIN: target/realisasi would give 121,07 for the price fluctuation, which the seed does not print.
    assert hitung_capaian(D(10), D("8.26"), "negatif", "t_per_r").tampil == D("121.07")


def test_capaian_t_per_r_with_zero_realisasi_is_missing_with_reason():
    hasil = hitung_capaian(D(10), D(0), "negatif", "t_per_r")
    assert hasil.nilai is None
    assert hasil.alasan.startswith("realisasi nol")


@pytest.mark.parametrize(
    ("target", "realisasi", "alasan"),
    [
        (None, D(1), "target belum ditetapkan"),
        (D(1), None, "belum ada realisasi"),
        (D(0), D(5), "target nol"),
        (None, None, "target belum ditetapkan"),
    ],
)
def test_capaian_missing_states(target, realisasi, alasan):
    hasil = hitung_capaian(target, realisasi, "positif")
    assert hasil.nilai is None
    assert hasil.alasan == alasan
    assert hasil.teks == "–"


@pytest.mark.parametrize(
    ("persen", "kategori"),
    [
        ("416.70", "Sangat Tinggi"),
        ("91", "Sangat Tinggi"),
        ("90.99", "Tinggi"),
        ("76", "Tinggi"),
        ("75.99", "Sedang"),
        ("66", "Sedang"),
        ("65.99", "Rendah"),
        ("51", "Rendah"),
        ("50.99", "Sangat Rendah"),
        ("-20", "Sangat Rendah"),
    ],
)
def test_category_bands_are_half_open(persen, kategori):
    assert kategori_untuk(D(persen), SKALA) == kategori


def test_category_of_nothing_or_on_an_empty_scale_is_none():
    assert kategori_untuk(None, SKALA) is None
    assert kategori_untuk(D(50), ()) is None


def test_aggregation_kumulatif_takes_the_requested_tribulan():
    nilai = {1: D(10), 2: D(25), 4: D(60)}
    assert agregasi_tahunan(nilai, "kumulatif").nilai == D(60)
    assert agregasi_tahunan(nilai, "kumulatif", sampai=2).nilai == D(25)
    kosong = agregasi_tahunan(nilai, "kumulatif", sampai=3, alasan_kosong="belum ada realisasi")
    assert kosong.nilai is None and kosong.alasan == "belum ada realisasi"


def test_aggregation_jumlah_sums_what_is_entered_and_flags_gaps():
    hasil = agregasi_tahunan({1: D(10), 2: D(25), 4: D(60)}, "jumlah")
    assert hasil.nilai == D(95)
    assert hasil.lengkap is False
    assert agregasi_tahunan({1: D(10), 2: D(25)}, "jumlah", sampai=2).lengkap is True


def test_aggregation_rata_rata_and_terakhir():
    nilai = {1: D(10), 2: D(20), 3: None, 4: None}
    assert agregasi_tahunan(nilai, "rata_rata").nilai == D(15)
    assert agregasi_tahunan(nilai, "terakhir").nilai == D(20)
    assert agregasi_tahunan(nilai, "terakhir").lengkap is False
    assert agregasi_tahunan(nilai, "terakhir", sampai=2).lengkap is True
    assert agregasi_tahunan({}, "terakhir").alasan == "belum ada realisasi"


def test_mean_uses_displayed_values():
    hasil = rata_rata([Angka(D("94.004")), Angka(D("416.666")), Angka.kosong("x")])
    assert hasil.nilai == (D("94.00") + D("416.67")) / 2
    assert hasil.lengkap is False
    assert rata_rata([]).alasan == "belum ada capaian indikator"


def test_penyerapan_from_displayed_rupiah():
    assert hitung_penyerapan(Angka(D(28718900), 0), Angka(D(26327400), 0)).tampil == D("91.67")
    assert hitung_penyerapan(Angka(D("100.4"), 0), Angka(D("50.4"), 0)).nilai == D(50)


def test_penyerapan_missing_states():
    assert hitung_penyerapan(Angka(D(0), 0), Angka(D(0), 0)).alasan == "pagu nol"
    assert hitung_penyerapan(Angka.kosong("x", 0), Angka(D(1), 0)).alasan == "pagu belum ada"
    assert (
        hitung_penyerapan(Angka(D(10), 0), Angka.kosong("belum ada realisasi", 0)).alasan
        == "belum ada realisasi"
    )
    assert (
        hitung_penyerapan(Angka(D(10), 0), Angka(D(5), 0, lengkap=False)).alasan == "realisasi belum lengkap"
    )
    assert hitung_penyerapan(Angka(D(10), 0, lengkap=False), Angka(D(5), 0)).alasan == "pagu belum lengkap"


def test_rollup_sums_children_and_keeps_an_own_figure_only_without_children_figures():
    penunjang = MataAnggaran(("program", 1), D(9278235506), {}, (MataAnggaran(("kegiatan", 11)),))
    program = MataAnggaran(
        ("program", 2),
        D(999),  # own entry, overridden by the children's sum (the checker reports the difference)
        {},
        (
            MataAnggaran(
                ("kegiatan", 21),
                None,
                {},
                (
                    MataAnggaran(("sub_kegiatan", 211), D(100), {4: D(60)}),
                    MataAnggaran(("sub_kegiatan", 212), D(50), {4: D(50)}),
                ),
            ),
        ),
    )
    total = gulung_anggaran(MataAnggaran(("opd", 1), None, {}, (penunjang, program)))
    g_penunjang, g_program = total.anak
    assert g_penunjang.pagu.nilai == D(9278235506) and g_penunjang.pagu.lengkap
    assert g_program.pagu.nilai == D(150)
    assert g_program.pagu.sendiri == D(999) and g_program.pagu.anak == D(150)
    assert total.pagu.nilai == D(9278235506) + D(150)
    assert total.realisasi[4].nilai == D(110)
    assert total.realisasi[4].lengkap is False
    assert total.realisasi[4].kosong == (("program", 1),)
    # penyerapan_terisi: only the lines that have realisasi, with their own pagu.
    assert total.realisasi[4].terisi == (D(150), D(110))


def test_rollup_cumulative_realisasi_uses_the_latest_tribulan_entered():
    g = gulung_anggaran(MataAnggaran(("sub_kegiatan", 1), D(100), {1: D(10), 3: D(40)}))
    assert [g.realisasi[t].nilai for t in (1, 2, 3, 4)] == [D(10), D(10), D(40), D(40)]


def test_rollup_lists_a_missing_line_at_its_highest_level():
    kegiatan = MataAnggaran(
        ("kegiatan", 1),
        None,
        {},
        (MataAnggaran(("sub_kegiatan", 1), D(5)), MataAnggaran(("sub_kegiatan", 2))),
    )
    g = gulung_anggaran(MataAnggaran(("program", 1), None, {}, (kegiatan, MataAnggaran(("kegiatan", 2)))))
    assert g.pagu.nilai == D(5)
    assert g.pagu.kosong == (("sub_kegiatan", 2), ("kegiatan", 2))


# ---------------------------------------------------------------------------------------------
# Display


def test_angka_display_rounds_half_up_once():
    assert Angka(D("4.16666666"), 3).tampil == D("4.167")
    assert Angka(D("0.0939336"), 3).teks == "0,094"
    assert Angka(D("2.345"), 2).tampil == D("2.35")  # half-even would give 2,34
    assert Angka(D("8666.6"), 2).teks == "8.666,60"
    assert Angka(D("15920223771"), 0).rupiah == "Rp 15.920.223.771"
    assert Angka(D("94"), 2).persen == "94,00%"
    assert Angka(D("94"), 2).mesin == "94.00"
    assert Angka.kosong("belum ada realisasi").mesin is None


def test_indonesian_formats():
    assert format_angka(D("1234567.891"), 2) == "1.234.567,89"
    assert format_angka(D("-1234.5"), 1) == "-1.234,5"
    assert format_angka(D("-0.001"), 2) == "0,00"
    assert format_angka(D(0), 0) == "0"
    assert format_angka(None, 2) == "–"
    assert format_rupiah(D("8964583767")) == "Rp 8.964.583.767"
    assert format_persen(D("70.2861"), 2) == "70,29%"
    assert format_mesin(D("15920223771.00"), 0) == "15920223771"
    assert format_mesin(D("-0.001"), 2) == "0.00"
    assert bulatkan(D("0.5"), 0) == D(1)
    assert desimal_alami(D("0.10000000")) == 1
    assert desimal_alami(D("1865.00000000")) == 0
    assert desimal_alami(D("33.33")) == 2


def test_template_filters_format_without_arithmetic():
    html = Template(
        "{% load angka %}{{ a|angka }}|{{ a|persen }}|{{ p|rupiah }}|{{ x|angka:3 }}|{{ k|angka }}|{{ k|alasan }}|{{ n|angka }}"
    ).render(
        Context(
            {
                "a": Angka(D("416.7")),
                "p": Angka(D("15920223771"), 0),
                "x": D("0.09393"),
                "k": Angka.kosong("target nol"),
                "n": None,
            }
        )
    )
    assert html == "416,70|416,70%|Rp 15.920.223.771|0,094|–|target nol|–"


# ---------------------------------------------------------------------------------------------
# The engine on small OPDs


@pytest.fixture
def dunia(db):
    return OPDUji()


def test_target_comes_from_the_latest_pk_then_dpa_perubahan_dpa_renja_renstra(dunia):
    semua = dunia.indikator("A")
    for dokumen, nilai in (("renstra", 1), ("renja", 2), ("dpa", 3), ("dpa_perubahan", 4)):
        dunia.target(semua, dokumen, nilai)
    tanpa_pk = dunia.indikator("B")
    for dokumen, nilai in (("renstra", 1), ("renja", 2), ("dpa", 3)):
        dunia.target(tanpa_pk, dokumen, nilai)
    renja = dunia.indikator("C")
    dunia.target(renja, "renstra", 1)
    dunia.target(renja, "renja", 2)
    renstra = dunia.indikator("D")
    dunia.target(renstra, "renstra", "0.1")
    dunia.target(renstra, "renstra", "9", tahun=TAHUN + 1)
    dunia.indikator("E")
    dunia.pk(0, [(semua, 5)])
    dunia.pk(1, [(semua, 6)])
    hasil = dunia.hitung()
    per_kode = {h.kode: h for h in hasil.indikator}
    assert (per_kode["A"].target.nilai, per_kode["A"].sumber_target) == (D(6), "PK Perubahan")
    assert (per_kode["B"].target.nilai, per_kode["B"].sumber_target) == (D(3), "DPA")
    assert (per_kode["C"].target.nilai, per_kode["C"].sumber_target) == (D(2), "Renja")
    assert (per_kode["D"].target.teks, per_kode["D"].sumber_target) == ("0,1", "Renstra")
    assert per_kode["E"].target.alasan == "target belum ditetapkan"
    assert per_kode["E"].status == "target belum ditetapkan"


def test_an_indicator_only_in_the_original_pk_keeps_its_pk_target_and_is_not_iku(dunia):
    lama = dunia.indikator("LAMA")
    baru = dunia.indikator("BARU")
    dunia.pk(0, [(lama, "0.5")])
    dunia.pk(1, [(baru, 1)])
    hasil = dunia.hitung()
    per_kode = {h.kode: h for h in hasil.indikator}
    assert per_kode["LAMA"].sumber_target == "PK" and per_kode["LAMA"].target.nilai == D("0.5")
    assert not per_kode["LAMA"].iku and per_kode["BARU"].iku
    assert [b.hasil.kode for b in hasil.iku] == ["BARU"]


def test_formula_value_wins_over_typed_and_capaian_uses_the_displayed_realisasi(dunia):
    omset = dunia.indikator("OMSET", rumus="(omset_n - omset_n1) / omset_n1 * 100", desimal=3)
    tabel = TabelPendukung.objects.create(opd=dunia.opd, tahun=TAHUN, kode="omset", judul="Omset")
    for i, (a, b) in enumerate(
        ((221875200000, 231120000000), (11884800000, 12380000000), (35550841260, 37032126312))
    ):
        BarisTabelPendukung.objects.create(
            tabel=tabel, urutan=i, label=f"Produk {i}", kolom="2021", nilai=D(a)
        )
        BarisTabelPendukung.objects.create(
            tabel=tabel, urutan=i, label=f"Produk {i}", kolom="2022", nilai=D(b)
        )
    dunia.input(omset, "omset_n", tabel=tabel, kolom="2022")
    dunia.input(omset, "omset_n1", tabel=tabel, kolom="2021")
    dunia.realisasi(omset, "4.166")
    dunia.target(omset, "renstra", 1)
    h = dunia.hitung().indikator[0]
    assert h.realisasi.teks == "4,167"
    assert h.sumber_realisasi == "rumus"
    assert h.realisasi_diketik.teks == "4,166"
    assert h.realisasi_rumus.teks == "4,167"
    assert h.capaian.teks == "416,70"  # from the displayed 4,167, not from 4,1666...
    assert h.kategori == "Sangat Tinggi"
    assert [(i.nama, i.nilai, i.tabel.kode, i.kolom) for i in h.input] == [
        ("omset_n", D("280532126312"), "omset", "2022"),
        ("omset_n1", D("269310841260"), "omset", "2021"),
    ]


def test_typed_realisasi_is_used_when_a_formula_input_is_missing(dunia):
    ikm = dunia.indikator("IKM", rumus="ikm_berkembang / ikm_dilatih * 100", desimal=1)
    dunia.input(ikm, "ikm_berkembang", 80)
    dunia.input(ikm, "ikm_dilatih")
    dunia.realisasi(ikm, "30.3")
    dunia.target(ikm, "dpa", 30)
    h = dunia.hitung().indikator[0]
    assert h.realisasi.teks == "30,3" and h.sumber_realisasi == "diketik"
    assert h.realisasi_rumus.alasan == "input formula belum lengkap: ikm_dilatih"
    assert h.capaian.teks == "101,00"
    assert h.status == "lengkap"


def test_no_typed_value_and_incomplete_inputs_is_missing_with_the_reason(dunia):
    ikm = dunia.indikator("IKM", rumus="ikm_berkembang / ikm_dilatih * 100", desimal=1)
    dunia.input(ikm, "ikm_berkembang", 80)
    dunia.input(ikm, "ikm_dilatih")
    dunia.target(ikm, "dpa", 30)
    h = dunia.hitung().indikator[0]
    assert h.realisasi.nilai is None
    assert h.status == "input formula belum lengkap: ikm_dilatih"
    assert h.capaian.alasan == "input formula belum lengkap: ikm_dilatih"


def test_division_by_zero_in_inputs_falls_back_to_typed_and_else_says_why(dunia):
    a = dunia.indikator("A", rumus="x / y * 100")
    dunia.input(a, "x", 1)
    dunia.input(a, "y", 0)
    dunia.target(a, "dpa", 10)
    h = dunia.hitung().indikator[0]
    assert h.realisasi.alasan == "pembagian dengan nol"
    dunia.realisasi(a, 7)
    h = dunia.hitung().indikator[0]
    assert h.realisasi.nilai == D(7) and h.capaian.teks == "70,00"


def test_target_zero_is_a_state_not_an_error(dunia):
    a = dunia.indikator("A")
    dunia.target(a, "dpa", 0)
    dunia.realisasi(a, 5)
    h = dunia.hitung().indikator[0]
    assert h.capaian.nilai is None and h.status == "target nol" and h.kategori is None


def test_quarterly_aggregation_per_indicator_and_requested_tribulan(dunia):
    jumlah = dunia.indikator("J", agregasi="jumlah")
    dunia.target(jumlah, "dpa", 100)
    for t, v in ((1, 10), (2, 20), (3, 30)):
        dunia.realisasi(jumlah, v, t)
    kumulatif = dunia.indikator("K", agregasi="kumulatif")
    dunia.target(kumulatif, "dpa", 100)
    for t, v in ((1, 10), (2, 20), (3, 30)):
        dunia.realisasi(kumulatif, v, t)
    tahun = {h.kode: h for h in dunia.hitung().indikator}
    assert tahun["J"].realisasi.nilai == D(60) and tahun["J"].status == "realisasi belum lengkap"
    assert tahun["J"].capaian.teks == "60,00" and tahun["J"].capaian.lengkap is False
    assert tahun["K"].realisasi.nilai is None and tahun["K"].status == "belum ada realisasi"
    tw3 = {h.kode: h for h in dunia.hitung(tribulan=3).indikator}
    assert tw3["J"].status == "lengkap" and tw3["J"].realisasi.nilai == D(60)
    assert tw3["K"].realisasi.nilai == D(30)
    assert [tw3["K"].realisasi_tw[t].nilai.nilai for t in (1, 2, 3, 4)] == [D(10), D(20), D(30), None]


def test_indicators_of_the_year(dunia):
    lama = Tujuan.objects.create(renstra=dunia.renstra, kode="0", nama="Lama", tahun_selesai=2021)
    Indikator.objects.create(opd=dunia.opd, level="tujuan", tujuan=lama, kode="T-LAMA", nama="Tujuan lama")
    sasaran_lama = Sasaran.objects.create(tujuan=lama, kode="0.1", nama="Sasaran lama")
    di_pk = Indikator.objects.create(
        opd=dunia.opd, level="sasaran", sasaran=sasaran_lama, kode="S-LAMA-PK", nama="Lama di PK"
    )
    Indikator.objects.create(opd=dunia.opd, level="sasaran", sasaran=sasaran_lama, kode="S-LAMA", nama="Lama")
    dunia.indikator("T-BARU", level="tujuan")
    dunia.indikator("P", level="program")
    dunia.indikator("K", level="kegiatan")
    dunia.indikator("SK", level="sub_kegiatan")
    program_lain = Program.objects.create(opd=dunia.opd, tahun=TAHUN + 1, kode="1.01", nama="Program 2023")
    Indikator.objects.create(opd=dunia.opd, level="program", program=program_lain, kode="P-2023", nama="2023")
    dunia.pk(0, [(di_pk, 1)])
    hasil = dunia.hitung()
    assert [(h.level, h.kode) for h in hasil.indikator] == [
        ("tujuan", "T-BARU"),
        ("sasaran", "S-LAMA-PK"),
        ("program", "P"),
        ("kegiatan", "K"),
        ("sub_kegiatan", "SK"),
    ]
    assert [s.kode for s in hasil.sasaran] == ["1.1"]


def test_a_revised_renstra_replaces_the_one_it_revises(dunia):
    revisi = Renstra.objects.create(
        opd=dunia.opd,
        nama="Renstra",
        tahun_awal=2021,
        tahun_akhir=2026,
        revisi_ke=1,
        revisi_dari=dunia.renstra,
    )
    tujuan_baru = Tujuan.objects.create(renstra=revisi, kode="1", nama="Tujuan revisi")
    Indikator.objects.create(opd=dunia.opd, level="tujuan", tujuan=tujuan_baru, kode="T-REV", nama="Revisi")
    dunia.indikator("T-AWAL", level="tujuan")
    assert [h.kode for h in dunia.hitung().indikator] == ["T-REV"]


def test_the_pemda_scale_replaces_the_default_scale(dunia):
    skala = SkalaKategori.objects.create(nama="Skala uji")
    RentangKategori.objects.create(skala=skala, urutan=1, nama="Berhasil", batas_bawah=D(100))
    RentangKategori.objects.create(skala=skala, urutan=2, nama="Belum berhasil", batas_atas=D(100))
    a = dunia.indikator("A")
    dunia.target(a, "dpa", 100)
    dunia.realisasi(a, 95)
    assert dunia.hitung().indikator[0].kategori == "Sangat Tinggi"  # the default scale of the dataset
    dunia.pemda.skala_kategori = skala
    dunia.pemda.save()
    assert [r.nama for r in skala_untuk_pemda(dunia.pemda)] == ["Berhasil", "Belum berhasil"]
    assert dunia.hitung().indikator[0].kategori == "Belum berhasil"


def test_budget_uses_dpa_perubahan_when_present_and_each_document_on_request(dunia):
    PaguAnggaran.objects.create(program=dunia.program, dokumen="dpa", nilai=D(1000))
    PaguAnggaran.objects.create(sub_kegiatan=dunia.sub, dokumen="dpa_perubahan", nilai=D(800))
    RealisasiAnggaran.objects.create(sub_kegiatan=dunia.sub, tribulan=2, nilai=D(300))
    RealisasiAnggaran.objects.create(sub_kegiatan=dunia.sub, tribulan=4, nilai=D(600))
    hasil = dunia.hitung()
    assert hasil.dokumen_anggaran == "dpa_perubahan"
    program = hasil.anggaran.anak[0]
    assert (program.pagu.nilai, program.realisasi.nilai, program.penyerapan.teks) == (D(800), D(600), "75,00")
    assert [program.realisasi_tw[t].nilai for t in (1, 2, 3, 4)] == [None, D(300), D(300), D(600)]
    assert program.penyerapan_tw[2].teks == "37,50"
    dpa = hasil.anggaran_dokumen["dpa"].anak[0]
    assert (dpa.pagu.nilai, dpa.realisasi.nilai, dpa.penyerapan.teks) == (D(1000), D(600), "60,00")
    assert [b.level for b in hasil.baris_anggaran()] == ["program", "kegiatan", "sub_kegiatan"]
    tw2 = dunia.hitung(tribulan=2).anggaran
    assert tw2.realisasi.nilai == D(300) and tw2.penyerapan.teks == "37,50"


def test_budget_falls_back_to_dpa_without_any_dpa_perubahan(dunia):
    PaguAnggaran.objects.create(sub_kegiatan=dunia.sub, dokumen="dpa", nilai=D(500))
    hasil = dunia.hitung()
    assert hasil.dokumen_anggaran == "dpa"
    assert hasil.anggaran.pagu.nilai == D(500)
    assert hasil.anggaran.realisasi.alasan == "belum ada realisasi"
    assert hasil.anggaran.penyerapan.alasan == "belum ada realisasi"


def test_sasaran_capaian_budget_and_efficiency(dunia):
    a = dunia.indikator("A")
    b = dunia.indikator("B", desimal=3)
    dunia.target(a, "dpa", 100)
    dunia.realisasi(a, "94")
    dunia.target(b, "dpa", 1)
    dunia.realisasi(b, "4.167")
    dunia.pk(0, [(a, 100), (b, 1)])
    PaguAnggaran.objects.create(sub_kegiatan=dunia.sub, dokumen="dpa_perubahan", nilai=D(15920223771))
    RealisasiAnggaran.objects.create(sub_kegiatan=dunia.sub, tribulan=4, nilai=D(12570161658))
    Program.objects.create(opd=dunia.opd, tahun=TAHUN, kode="1.00", nama="Penunjang")  # supports no sasaran
    s = dunia.hitung().sasaran[0]
    assert [h.kode for h in s.indikator] == ["A", "B"]
    assert s.capaian.teks == "255,35"  # (94,00 + 416,70) / 2
    assert (s.pagu.teks, s.realisasi_anggaran.teks, s.penyerapan.teks) == (
        "15.920.223.771",
        "12.570.161.658",
        "78,96",
    )
    assert s.efisiensi.teks == "176,39"
    assert [p.kode for p in s.program] == ["1.01"]


def test_program_and_kegiatan_support_the_sasaran_at_100_percent(dunia):
    p = dunia.indikator("P", level="program")
    dunia.target(p, "dpa", 100)
    dunia.realisasi(p, "99.99")
    k = dunia.indikator("K", level="kegiatan")
    dunia.target(k, "dpa", 100)
    dunia.realisasi(k, "100")
    hasil = dunia.hitung()
    program, kegiatan = hasil.program_kegiatan
    assert (program.capaian.teks, program.menunjang, program.menunjang_teks) == (
        "99,99",
        False,
        "Tidak Menunjang",
    )
    assert (kegiatan.capaian.teks, kegiatan.menunjang) == ("100,00", True)
    assert hasil.sasaran[0].program_kegiatan == (program, kegiatan)


def test_progress_against_the_renstra_end_target_and_a_standard_on_one_input(dunia):
    pdrb = dunia.indikator("PDRB", level="tujuan", rumus="industri + dagang")
    industri = dunia.input(pdrb, "industri", "19.93")
    dunia.input(pdrb, "dagang", "29.70")
    dunia.target(pdrb, "renstra", "49.00")
    dunia.target(pdrb, "renstra", "49.20", tahun=2026)
    StandarPembanding.objects.create(
        indikator=pdrb,
        tahun=TAHUN,
        tingkat="nasional",
        uraian="PDB industri",
        nilai=D("17.95"),
        variabel=industri,
    )
    StandarPembanding.objects.create(
        indikator=pdrb, tahun=TAHUN, tingkat="provinsi", uraian="Gabungan", nilai=D("50")
    )
    hasil = dunia.hitung()
    (kemajuan,) = hasil.kemajuan
    assert (kemajuan.hasil.realisasi.teks, kemajuan.target_akhir.teks, kemajuan.persen.teks) == (
        "49,63",
        "49,2",
        "100,87",
    )
    assert kemajuan.tahun_akhir == 2026
    nasional, provinsi = hasil.standar
    assert (nasional.nilai.teks, nasional.pembanding.teks, nasional.persen.teks) == (
        "19,93",
        "17,95",
        "111,03",
    )
    assert nasional.variabel == industri
    assert (provinsi.nilai.teks, provinsi.persen.teks) == ("49,63", "99,26")


def test_an_unknown_tribulan_is_refused(dunia):
    with pytest.raises(ValueError):
        dunia.hitung(tribulan=5)
