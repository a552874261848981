"""No placeholder can be signed: a report whose sections still show a placeholder default, or whose budget
lines lack realisasi, is refused at submission and at sign-off with the list of what is missing, and the
operator's page shows that list while drafting."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anggaran.models import RealisasiAnggaran, SubKegiatan
from anggaran.services import realisasi_anggaran_simpan
from inti.tulis import tahun_dibekukan
from lkjip.laporan import services
from lkjip.laporan.dokumen import dokumen_laporan
from lkjip.laporan.kelengkapan import kelengkapan
from lkjip.laporan.models import Laporan, Narasi, RevisiArsip, TransisiLaporan
from lkjip.laporan.narasi import BAGIAN, BAWAAN_PENGISI
from tests.laporan.bantu_lengkap import laporan_berstatus, lengkapi_laporan

pytestmark = pytest.mark.django_db
S = Laporan.Status

KODE_SUB = "3.31.02.2.01.0006"  # a sub kegiatan whose siblings have realisasi
HALAMAN = "/opd/disperindag/laporan/2022/"


def _kosongkan(operator, opd) -> SubKegiatan:
    """Back to the placeholders (the dataset may carry the texts) and one sub kegiatan without realisasi."""
    for kode in BAWAAN_PENGISI:
        services.narasi_simpan(user=operator, opd=opd, tahun=2022, bagian=kode, teks="")
    sub = SubKegiatan.objects.get(kegiatan__program__opd=opd, kegiatan__program__tahun=2022, kode=KODE_SUB)
    for r in RealisasiAnggaran.objects.filter(sub_kegiatan=sub):
        realisasi_anggaran_simpan(user=operator, mata_anggaran=sub, tribulan=r.tribulan, nilai=None, semula=r.nilai)
    return sub


def test_the_placeholder_registry_names_sections_of_the_report():
    assert set(BAWAAN_PENGISI) <= set(BAGIAN)
    assert {"kata_pengantar", "bab1_organisasi", "bab1_isu_strategis", "bab4_penutup"} <= set(BAWAAN_PENGISI)


def test_the_check_lists_placeholder_sections_and_budget_lines_without_realisasi(operator_user, opd_disperindag):
    sub = _kosongkan(operator_user, opd_disperindag)
    kurang = kelengkapan(dokumen_laporan(opd_disperindag, 2022))
    assert [(n.kode, n.judul) for n in kurang.narasi] == [
        ("kata_pengantar", "KATA PENGANTAR"),
        ("bab1_organisasi", "1.2 Penjelasan Umum Organisasi"),
        ("bab1_isu_strategis", "1.3 Permasalahan dan Isu Strategis"),
        ("bab1_dasar_hukum", "1.4 Dasar Hukum"),
        ("bab4_penutup", "BAB IV PENUTUP"),
    ]
    baris = {(a.level, a.kode): a for a in kurang.anggaran}
    assert ("sub_kegiatan", KODE_SUB) in baris
    assert baris[("sub_kegiatan", KODE_SUB)].teks == f"Sub kegiatan {KODE_SUB} {sub.nama}"


def test_an_explicit_zero_is_an_entry_and_a_written_section_is_no_longer_listed(operator_user, opd_disperindag):
    sub = _kosongkan(operator_user, opd_disperindag)
    realisasi_anggaran_simpan(
        user=operator_user, mata_anggaran=sub, tribulan=4, nilai=Decimal(0), semula=None, keterangan="tidak ada realisasi"
    )
    services.narasi_simpan(
        user=operator_user, opd=opd_disperindag, tahun=2022, bagian="bab1_organisasi", teks="Dinas terdiri atas tiga bidang."
    )
    kurang = kelengkapan(dokumen_laporan(opd_disperindag, 2022))
    assert ("sub_kegiatan", KODE_SUB) not in {(a.level, a.kode) for a in kurang.anggaran}
    assert "bab1_organisasi" not in {n.kode for n in kurang.narasi}


def test_submitting_an_incomplete_report_is_refused_with_the_list_and_changes_nothing(operator_user, opd_disperindag):
    sub = _kosongkan(operator_user, opd_disperindag)
    with pytest.raises(ValidationError) as galat:
        services.laporan_ajukan(user=operator_user, opd=opd_disperindag, tahun=2022)
    pesan = galat.value.messages[0]
    assert pesan.startswith("Laporan belum dapat diajukan karena belum lengkap.")
    assert "1.2 Penjelasan Umum Organisasi (bab1_organisasi)" in pesan
    assert "KATA PENGANTAR (kata_pengantar)" in pesan
    assert f"Sub kegiatan {KODE_SUB} {sub.nama}" in pesan
    assert "Realisasi 0 (tidak ada realisasi) tetap dihitung sebagai isian." in pesan
    assert Laporan.objects.get(opd=opd_disperindag, tahun=2022).status == S.DRAFT
    assert not TransisiLaporan.objects.filter(laporan__opd=opd_disperindag).exists()
    assert tahun_dibekukan(opd_disperindag.pk, 2022) is False


def test_a_completed_report_is_submitted(operator_user, opd_disperindag):
    _kosongkan(operator_user, opd_disperindag)
    kurang = lengkapi_laporan(user=operator_user, opd=opd_disperindag)
    assert not kurang.lengkap  # the helper had something to fill
    assert kelengkapan(dokumen_laporan(opd_disperindag, 2022)).lengkap
    assert services.laporan_ajukan(user=operator_user, opd=opd_disperindag, tahun=2022).status == S.DIAJUKAN


def test_sign_off_refuses_a_report_that_became_incomplete(kepala_user, operator_user, opd_disperindag):
    lengkapi_laporan(user=operator_user, opd=opd_disperindag)
    laporan = laporan_berstatus(opd_disperindag, S.DIREVIU)
    Narasi.objects.filter(laporan=laporan, bagian="bab4_penutup").delete()  # outside the services: "somehow"
    with pytest.raises(ValidationError, match=r"belum dapat disetujui karena belum lengkap.*BAB IV PENUTUP"):
        services.laporan_setujui(user=kepala_user, opd=opd_disperindag, tahun=2022)
    laporan.refresh_from_db()
    assert laporan.status == S.DIREVIU and not RevisiArsip.objects.exists()


def test_the_operators_page_lists_what_is_missing_with_links_to_fix_it(client_for, operator_user, opd_disperindag):
    sub = _kosongkan(operator_user, opd_disperindag)
    isi = client_for(operator_user).get(HALAMAN).content.decode()
    assert 'id="kelengkapan"' in isi and "Belum dapat diajukan" in isi
    assert f'href="{HALAMAN}narasi/bab1_organisasi/">1.2 Penjelasan Umum Organisasi</a>' in isi
    assert f'href="/opd/disperindag/monev/2022/tw4/anggaran/#anggaran-sub_kegiatan-{sub.pk}">' in isi
    assert f"Sub kegiatan {KODE_SUB} {sub.nama}" in isi
    assert isi.count("perlu dilengkapi sebelum diajukan") == len(BAWAAN_PENGISI)


def test_the_list_costs_the_page_no_query(client_for, operator_user, opd_disperindag):
    klien = client_for(operator_user)
    klien.get(HALAMAN)  # sign-in and session settled
    _kosongkan(operator_user, opd_disperindag)
    with CaptureQueriesContext(connection) as dengan_daftar:
        assert 'id="kelengkapan"' in klien.get(HALAMAN).content.decode()
    lengkapi_laporan(user=operator_user, opd=opd_disperindag)
    with CaptureQueriesContext(connection) as tanpa_daftar:
        assert 'id="kelengkapan"' not in klien.get(HALAMAN).content.decode()
    assert len(dengan_daftar) == len(tanpa_daftar)


def test_a_complete_draft_shows_no_list(client_for, operator_user, opd_disperindag):
    lengkapi_laporan(user=operator_user, opd=opd_disperindag)
    isi = client_for(operator_user).get(HALAMAN).content.decode()
    assert 'id="kelengkapan"' not in isi and "Ajukan untuk direviu" in isi


def test_submitting_through_the_page_shows_the_reason(client_for, operator_user, opd_disperindag):
    _kosongkan(operator_user, opd_disperindag)
    r = client_for(operator_user).post(f"{HALAMAN}langkah/ajukan/", {"catatan": ""}, follow=True)
    assert "Laporan belum dapat diajukan karena belum lengkap." in r.content.decode()
    assert Laporan.objects.get(opd=opd_disperindag, tahun=2022).status == S.DRAFT
