"""Generated narratives state the engine's figures; charts draw them; both in HTML and PDF alike."""

import pytest

from lkjip.laporan.dokumen import dokumen_laporan
from lkjip.laporan.models import Narasi
from lkjip.laporan.narasi import BAGIAN

pytestmark = pytest.mark.django_db


@pytest.fixture
def dok(opd_disperindag):
    # The generated defaults: without the narratives the dataset stores for its report.
    Narasi.objects.filter(laporan__opd=opd_disperindag).delete()
    return dokumen_laporan(opd_disperindag, 2022)


def test_every_section_has_a_default_and_the_sasaran_have_theirs(dok):
    assert set(BAGIAN) <= set(dok.narasi)
    assert [b.hasil.kode for b in dok.sasaran] == ["2.1", "2.2"]
    assert {b.kode_narasi for b in dok.sasaran} <= set(dok.narasi)
    assert all(n.bawaan and n.html for n in dok.narasi.values())


def test_the_iku_sentence_states_target_realisasi_capaian_and_category(dok):
    teks = dok.narasi["bab3_capaian_iku"].markdown
    assert (
        "Indikator **Persentase Peningkatan Omset** ditargetkan 1% dan terealisasi 4,167%, sehingga capaiannya "
        "**416,70%** dengan kategori **Sangat Tinggi**." in teks
    )
    assert "ditargetkan 0,1% dan terealisasi 0,094%, sehingga capaiannya **94,00%**" in teks
    assert "Tabel 3.2" in teks
    sasaran = dok.narasi[dok.sasaran[0].kode_narasi].markdown
    assert "(Tabel 3.6)" in sasaran and "Tabel 3.7" in sasaran and "1 program, 1 kegiatan dan 5 sub kegiatan" in sasaran


def test_bab_iv_and_the_summary_state_the_overall_figures(dok):
    penutup = dok.narasi["bab4_penutup"].markdown
    assert "1 dari 2 sasaran strategis" in penutup
    assert "capaian 416,70% (Sangat Tinggi), efisiensi 351,61%" in penutup
    assert "Rp 51.719.269.154" in penutup and "Rp 38.608.434.423" in penutup and "**74,65%**" in penutup
    ringkasan = dok.narasi["ringkasan_eksekutif"].markdown
    assert "2 Indikator Kinerja Utama (IKU) pada 2 sasaran strategis" in ringkasan
    assert "PROGRAM PERIZINAN DAN PENDAFTARAN PERUSAHAAN (capaian 93,75%)" in ringkasan
    efisiensi = dok.narasi["bab3_efisiensi"].markdown
    assert "capaian 94,00% dengan penyerapan anggaran 78,96%, sehingga efisiensi 15,04%" in efisiensi
    keberhasilan = dok.narasi["bab3_keberhasilan"].markdown
    assert "3 di antaranya belum mencapai 100%" in keberhasilan


def test_charts_draw_the_engines_figures(dok):
    iku = str(dok.grafik["capaian_iku"].svg)
    assert iku.startswith("<svg") and "416,70%" in iku and "94,00%" in iku and ">100%<" in iku
    # Below 100% in red, above in blue.
    assert iku.count('fill="#c0504d"') == 1 and iku.count('fill="#2f6f9f"') == 1
    penyerapan = str(dok.grafik["penyerapan"].svg)
    assert "78,96%" in penyerapan and "94,59%" in penyerapan and "belum ada realisasi" not in penyerapan
    lalu = str(dok.grafik["tahun_lalu"].svg)
    assert ">2019<" in lalu and ">2022<" in lalu and "16,47" in lalu
    assert [g.nomor for g in dok.grafik.values()] == ["1.1", "3.1", "3.2", "3.3"]


def test_names_with_markup_are_escaped_in_charts_and_defaults(opd_disperindag):
    from renstra.models import Indikator

    Indikator.objects.filter(opd=opd_disperindag, kode="S2.2-1").update(nama="Omset <b>naik</b> & *laku*")
    dok = dokumen_laporan(opd_disperindag, 2022)
    assert "Omset &lt;b&gt;naik&lt;/b&gt; &amp; *laku*" in str(dok.grafik["capaian_iku"].svg)
    html = str(dok.narasi["bab3_capaian_iku"].html)
    assert "<b>naik</b>" not in html and "&lt;b&gt;naik&lt;/b&gt;" in html and "*laku*" in html


def test_tables_stay_numbered_in_order_when_two_renstra_share_sasaran_codes(opd_disperindag):
    """In 2021 both the 2016-2021 and the 2021-2026 Renstra are in force, each with a sasaran "1.1"."""
    dok = dokumen_laporan(opd_disperindag, 2021)
    nomor = [t.nomor for t in dok.daftar_tabel if t.nomor.startswith("3.")]
    assert nomor == [f"3.{i}" for i in range(1, len(nomor) + 1)]
    assert len({b.judul.id for b in dok.sasaran}) == len(dok.sasaran) == len({b.kode_narasi for b in dok.sasaran})
