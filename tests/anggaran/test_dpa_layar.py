"""The DPA screens: figures in Indonesian format, the forms through the services, read-only personas,
another OPD, the frozen year, the history page, and a fixed number of queries."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anggaran import services
from anggaran.models import PaguAnggaran, Program
from tests.anggaran.bantu_dpa import bekukan

pytestmark = pytest.mark.django_db
URL = "/opd/disperindag/dpa/2022/"


def test_the_dpa_page_shows_the_seed_tree_with_totals_in_indonesian_format(client_for, dunia):
    r = client_for(dunia.auditor).get(URL)
    isi = r.content.decode()
    assert r.status_code == 200
    # Program Penunjang: pagu entered on the program itself (seed BAB II).
    assert "Rp 8.964.583.767" in isi and "Rp 9.278.235.506" in isi
    # Program Perencanaan dan Pembangunan Industri: DPA Perubahan = Σ its five sub kegiatan.
    assert "Rp 15.920.223.771" in isi
    assert "3.30.02.2.06.0003" in isi and "Pengawasan Distribusi" in isi
    assert "Sasaran 2.2 Meningkatnya Penjualan Produk Sektor Unggulan" in isi
    assert "Tambah program" not in isi and "Aksi" not in isi  # read-only


def test_the_operator_adds_a_program_with_indonesian_amounts(client_for, dunia):
    c = client_for(dunia.operator)
    r = c.post(
        f"{URL}program/tambah/",
        {
            "kode": "3.30.08",
            "nama": "PROGRAM BARU",
            "sasaran": "",
            "pagu_dpa": "8.964.583.767",
            "pagu_dpa_perubahan": "",
            "alasan": "uji",
        },
    )
    program = Program.objects.get(opd=dunia.opd_a, tahun=2022, kode="3.30.08")
    assert r.status_code == 302 and r["Location"].endswith(f"#program-{program.pk}")
    assert PaguAnggaran.objects.get(program=program, dokumen="dpa").nilai == D("8964583767")
    assert "Program 3.30.08 ditambahkan." in c.get(URL).content.decode()


def test_bad_input_is_shown_on_the_form_and_nothing_is_saved(client_for, dunia):
    c = client_for(dunia.operator)
    r = c.post(f"{URL}program/tambah/", {"kode": "3.30.8", "nama": "X", "pagu_dpa": "-5"})
    isi = r.content.decode()
    assert r.status_code == 422
    assert "tidak sesuai nomenklatur Kepmendagri 050-3708/2020; contoh: 3.30.02" in isi
    r = c.post(f"{URL}program/tambah/", {"kode": "3.30.08", "nama": "X", "pagu_dpa": "1.5"})
    assert "Masukkan angka dengan koma sebagai pemisah desimal" in r.content.decode()
    r = c.post(f"{URL}program/tambah/", {"kode": "3.30.08", "nama": "X", "pagu_dpa": "-5"})
    assert "Pagu DPA tidak boleh negatif." in r.content.decode()
    assert not Program.objects.filter(opd=dunia.opd_a, kode__in=["3.30.8", "3.30.08"]).exists()


def test_the_edit_form_changes_the_pagu_and_keeps_a_stale_form_out(client_for, dunia):
    program = Program.objects.get(opd=dunia.opd_a, tahun=2022, kode="3.30.01")
    url = f"{URL}program/{program.pk}/ubah/"
    c = client_for(dunia.operator)
    form = c.get(url).content.decode()
    assert 'value="8.964.583.767"' in form
    data = {
        "kode": "3.30.01",
        "nama": program.nama,
        "sasaran": "",
        "pagu_dpa": "9.016.697.517",
        "semula_dpa": "8.964.583.767",
        "pagu_dpa_perubahan": "9.278.235.506",
        "semula_dpa_perubahan": "9.278.235.506",
        "alasan": "PK lampiran",
    }
    assert c.post(url, data).status_code == 302
    assert PaguAnggaran.objects.get(program=program, dokumen="dpa").nilai == D("9016697517")
    r = c.post(url, {**data, "pagu_dpa": "1"})  # still showing the old value
    assert r.status_code == 422 and "sudah diubah oleh" in r.content.decode()


def test_delete_page_explains_what_depends_on_the_line(client_for, dunia):
    program = Program.objects.get(opd=dunia.opd_a, tahun=2022, kode="3.30.03")
    isi = client_for(dunia.operator).get(f"{URL}program/{program.pk}/hapus/").content.decode()
    assert "Tidak dapat dihapus: masih dipakai oleh" in isi and "indikator" in isi
    r = client_for(dunia.operator).post(f"{URL}program/{program.pk}/hapus/", {"alasan": ""})
    assert r.status_code == 422 and Program.objects.filter(pk=program.pk).exists()


def test_a_frozen_year_answers_403_to_the_operator_with_the_reason(client_for, dunia):
    bekukan(dunia.opd_a, 2022)
    c = client_for(dunia.operator)
    r = c.get(f"{URL}program/tambah/")
    assert (
        r.status_code == 403
        and "hanya dapat dibaca sampai laporan dikembalikan ke draf" in r.content.decode()
    )
    assert "Tambah program" not in c.get(URL).content.decode()
    assert client_for(dunia.admin).get(f"{URL}program/tambah/").status_code == 200


def test_another_opd_is_not_found_and_a_line_of_it_neither(client_for, dunia):
    program_b = Program.objects.filter(opd=dunia.opd_b).first()
    c = client_for(dunia.operator)
    assert c.get("/opd/diskopum/dpa/2022/").status_code == 404
    # A line of OPD B under OPD A's URL: not found either.
    assert c.get(f"{URL}program/{program_b.pk}/ubah/").status_code == 404


def test_the_history_page_names_who_changed_what_and_why(client_for, dunia):
    program = Program.objects.get(opd=dunia.opd_a, tahun=2022, kode="3.30.01")
    services.pagu_simpan(
        user=dunia.operator,
        mata=program,
        dokumen="dpa",
        nilai=D("9016697517"),
        semula=D("8964583767"),
        alasan="PK",
    )
    isi = client_for(dunia.kepala).get(f"{URL}riwayat/").content.decode()
    assert "Program 3.30.01 (DPA)" in isi and "9.016.697.517" in isi
    assert "Pagu DPA 3.30.01: 8.964.583.767 → 9.016.697.517 (PK)" in isi


@pytest.mark.parametrize("halaman", ["", "rencana-penyerapan/"])
def test_the_pages_read_in_a_fixed_number_of_queries(client_for, dunia, halaman):
    c = client_for(dunia.operator)
    c.get(URL + halaman)
    with CaptureQueriesContext(connection) as sebelum:
        c.get(URL + halaman)
    kegiatan = Program.objects.get(opd=dunia.opd_a, tahun=2022, kode="3.30.02").kegiatan_set.first()
    for n in range(5):
        services.sub_kegiatan_buat(
            user=dunia.operator, kegiatan=kegiatan, kode=f"3.30.02.2.06.001{n}", nama=f"Sub {n}"
        )
    with CaptureQueriesContext(connection) as sesudah:
        c.get(URL + halaman)
    assert len(sesudah) == len(sebelum)
