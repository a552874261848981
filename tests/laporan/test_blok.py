"""The report's order is declared once, in `bangun_dokumen`: pages of blocks that every output walks."""

import pytest

from lkjip.laporan import services
from lkjip.laporan.blok import (
    BlokAnalisis,
    BlokGrafik,
    BlokJudul,
    BlokNarasi,
    BlokPK,
    BlokReviu,
    BlokSampul,
    BlokTabel,
    BlokTujuan,
    BlokVisiMisi,
)
from lkjip.laporan.dokumen import dokumen_laporan
from lkjip.laporan.models import Laporan
from tests.laporan.bantu_lengkap import lengkapi_laporan

pytestmark = pytest.mark.django_db


@pytest.fixture
def dok(opd_disperindag):
    return dokumen_laporan(opd_disperindag, 2022)


def _tabel_dicetak(dok) -> list[str]:
    kunci = []
    for b in dok.blok:
        if isinstance(b, BlokTabel):
            kunci.append(b.tabel.kunci)
        elif isinstance(b, BlokPK):
            kunci += [b.tabel_kinerja.kunci, b.tabel_anggaran.kunci]
    return kunci


def test_every_table_is_printed_once_in_the_order_of_the_xlsx_and_the_list_of_tables(dok):
    assert _tabel_dicetak(dok) == list(dok.tabel)
    assert [t.label for t in dok.daftar_tabel] == [
        f"Tabel {dok.tabel[k].nomor}" for k in _tabel_dicetak(dok) if dok.tabel[k].nomor
    ]


def test_headings_are_printed_in_the_order_of_the_contents_page(dok):
    # The PK statement prints its lampiran heading itself.
    dicetak = [b.judul.kunci for b in dok.blok if isinstance(b, BlokJudul | BlokPK)]
    assert dicetak == [j.kunci for j in dok.daftar_isi]


def test_pages_start_where_the_print_version_breaks(dok):
    kelas = [h.kelas for h in dok.halaman]
    # Lampiran on landscape pages: metadata, RKPD, Kertas Kerja and the Catatan atas Angka.
    assert kelas == ["sampul"] + ["halaman-baru"] * 4 + ["bab halaman-baru"] * 5 + ["halaman-baru halaman-lebar"] * 4
    assert isinstance(dok.halaman[0].blok[0], BlokSampul) and dok.halaman[0].id == "sampul"
    pertama = [b.judul.lengkap for h in dok.halaman[5:10] for b in h.blok[:1]]
    assert pertama == ["BAB I PENDAHULUAN", "BAB II PERENCANAAN DAN PERJANJIAN KINERJA",
                       "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP", "LAMPIRAN"]


def test_every_narrative_block_holds_its_text_and_the_defaults_cite_table_numbers(dok):
    narasi = [b for b in dok.blok if isinstance(b, BlokNarasi)]
    assert all(b.narasi is dok.narasi[b.kode] for b in narasi)
    kode = [b.kode for b in narasi]
    assert kode[:2] == ["kata_pengantar", "ringkasan_eksekutif"] and kode[-1] == "bab4_penutup"
    assert "bab2_pk_perubahan" in kode  # the year has a PK Perubahan
    assert "Tabel 3.2" in dok.narasi["bab3_capaian_iku"].markdown


def test_bab_ii_opens_with_the_vision_and_mission(dok):
    bab2 = dok.halaman[6].blok
    assert [type(b) for b in bab2[:4]] == [BlokJudul, BlokJudul, BlokVisiMisi, BlokNarasi]
    assert bab2[2].visi and len(bab2[2].misi) >= 1


def test_each_sasaran_is_heading_tujuan_measurement_analysis_data_and_programs(dok):
    blok = dok.blok
    awal = next(i for i, b in enumerate(blok) if isinstance(b, BlokJudul) and b.judul.kunci == "sasaran_1")
    jenis = [type(b) for b in blok[awal : awal + 6]]
    assert jenis == [BlokJudul, BlokTujuan, BlokTabel, BlokNarasi, BlokTabel, BlokTabel]
    ukur, narasi, pendukung, program = blok[awal + 2], blok[awal + 3], blok[awal + 4], blok[awal + 5]
    assert (ukur.tabel.label, pendukung.tabel.label, program.tabel.label) == ("Tabel 3.6", "Tabel 3.7", "Tabel 3.8")
    assert narasi.kode == dok.sasaran[0].kode_narasi and "Tabel 3.6" in narasi.narasi.markdown
    assert blok[awal + 1].nama


def test_charts_follow_their_tables(dok):
    grafik = [(i, b.grafik.label) for i, b in enumerate(dok.blok) if isinstance(b, BlokGrafik)]
    assert [g for _, g in grafik] == ["Gambar 1.1", "Gambar 3.1", "Gambar 3.2", "Gambar 3.3"]
    # The organisation chart follows the narrative of 1.2; the others their tables.
    assert dok.blok[grafik[0][0] - 1].kode == "bab1_organisasi"
    sebelum = [dok.blok[i - 1].tabel.kunci for i, _ in grafik[1:]]
    assert sebelum == ["capaian_iku", "tahun_lalu", "anggaran"]


def test_the_pk_lampiran_holds_both_versions_and_is_found_by_revision(dok):
    assert dok.blok_pk(0).pk is dok.pk_awal and dok.blok_pk(0).pertama
    assert dok.blok_pk(1).pk is dok.pk_akhir and not dok.blok_pk(1).pertama
    assert dok.blok_pk(1).tabel_anggaran.kunci == "lamp_pkp_anggaran"
    assert dok.blok_pk(5) is None


def test_the_review_statement_is_the_last_block_once_reviewed(
    opd_disperindag, operator_user, auditor_user
):
    assert not any(isinstance(b, BlokReviu) for b in dokumen_laporan(opd_disperindag, 2022).blok)
    lengkapi_laporan(user=operator_user, opd=opd_disperindag)
    services.laporan_ajukan(user=operator_user, opd=opd_disperindag, tahun=2022)
    services.laporan_reviu(user=auditor_user, opd=opd_disperindag, tahun=2022, pernyataan="Sudah direviu.")
    dok = dokumen_laporan(opd_disperindag, 2022)
    reviu = dok.blok[-1]
    assert isinstance(reviu, BlokReviu) and dok.status == Laporan.Status.DIREVIU
    assert (reviu.pernyataan, reviu.nama_auditor) == ("Sudah direviu.", auditor_user.get_full_name())
    assert dok.halaman[-1].blok[0].judul.teks == "Pernyataan Telah Direviu"


def test_the_operators_analyses_follow_the_programs_of_their_sasaran(dok):
    blok = dok.blok
    analisis = [i for i, b in enumerate(blok) if isinstance(b, BlokAnalisis)]
    assert len(analisis) == sum(len(s.analisis) for s in dok.sasaran) == 2
    for i in analisis:
        sebelum = next(b for b in reversed(blok[:i]) if isinstance(b, BlokTabel))
        assert sebelum.tabel.kunci.endswith("_program")
        assert blok[i].nama and (blok[i].faktor_keberhasilan or blok[i].hambatan or blok[i].tindak_lanjut)
