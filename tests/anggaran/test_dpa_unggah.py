"""The DPA workbook: a good file builds the tree with the right totals, a bad one lists every problem in
Indonesian and saves nothing; the template is formula-safe and loads back unchanged."""

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from anggaran import services
from anggaran.dpa_excel import TemplateDPA, baca_rupiah, unggah_dpa
from anggaran.models import PaguAnggaran, Program, SubKegiatan
from anggaran.selectors import dpa_get, layar_get
from inti.akses import peran_pengguna
from tests.anggaran.bantu_dpa import buku_kerja

pytestmark = pytest.mark.django_db
TAHUN = 2023

# Laid out like a budget system's DPA list: title rows, urusan and bidang headings, a closing total.
DI_ATAS = (
    ("DOKUMEN PELAKSANAAN ANGGARAN (DPA)",),
    ("Dinas Perindustrian dan Perdagangan Kota Pasuruan",),
    (),
)
JUDUL = ("Kode", "Uraian", "Jumlah (Rp)", "Setelah Perubahan (Rp)")
BAIK = [
    ("3", "URUSAN PEMERINTAHAN BIDANG PERDAGANGAN", None, None),
    ("3.30", "BIDANG PERDAGANGAN", None, None),
    (
        "3.30.01",
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        "8.964.583.767",
        "9.278.235.506",
    ),
    ("3.30.03", "PROGRAM PENINGKATAN SARANA DISTRIBUSI PERDAGANGAN", "Rp 17.971.726.783", None),
    ("3.30.03.2.01", "Pembangunan dan Pengelolaan Sarana Distribusi Perdagangan", None, None),
    ("3.30.03.2.01.0001", "Penyediaan Sarana Distribusi Perdagangan", None, 11049570500),
    ("3.30.03.2.01.0002", "Fasilitasi Pengelolaan Sarana Distribusi Perdagangan", None, 1011788502.0),
    ("3.30.03.2.02", "Pembinaan Terhadap Pengelola Sarana Distribusi Perdagangan Masyarakat", None, None),
    ("3.30.03.2.02.0001", "Pembinaan dan Pengendalian Pengelola Sarana Distribusi", None, "7.884.331.400,00"),
    ("3.30.03.2.02.0002", "Pemberdayaan Pengelola Sarana Distribusi Perdagangan", None, "2963022980"),
    (None, "JUMLAH", "26.936.310.550", None),
]


def _halaman(dunia, opd, tahun=TAHUN):
    return dpa_get(layar=layar_get(opd=opd, tahun=tahun, akses=peran_pengguna(dunia.operator)))


def test_a_good_file_creates_the_tree_with_the_right_totals(dunia):
    hasil = unggah_dpa(
        buku_kerja(BAIK, JUDUL, di_atas=DI_ATAS), user=dunia.operator, opd=dunia.opd_a, tahun=TAHUN
    )
    assert hasil.masalah == [] and hasil.tersimpan
    assert hasil.diabaikan == [5, 6, 15]  # urusan, bidang, the total row
    halaman = _halaman(dunia, dunia.opd_a)
    assert [p.kode for p in halaman.program] == ["3.30.01", "3.30.03"]
    distribusi = halaman.program[1]
    assert distribusi.murni.total == D("17971726783")
    assert distribusi.perubahan.total == D("22908713382")  # Σ four sub kegiatan
    assert halaman.total_murni == D("26936310550")
    assert halaman.total_perubahan == D("32186948888")
    assert halaman.jumlah == {"program": 2, "kegiatan": 2, "sub_kegiatan": 4}
    # Each line and pagu has its history row with the uploader and the reason.
    sub = SubKegiatan.objects.get(
        kegiatan__program__opd=dunia.opd_a, kegiatan__program__tahun=TAHUN, kode="3.30.03.2.01.0002"
    )
    catatan = PaguAnggaran.history.get(sub_kegiatan_id=sub.pk)
    assert catatan.history_user == dunia.operator
    assert (
        catatan.history_change_reason
        == "Pagu DPA Perubahan 3.30.03.2.01.0002: kosong → 1.011.788.502 (Unggah DPA)"
    )


def test_uploading_again_updates_names_and_pagu_and_leaves_empty_pagu_alone(dunia):
    unggah_dpa(buku_kerja(BAIK, JUDUL), user=dunia.operator, opd=dunia.opd_a, tahun=TAHUN)
    kedua = [
        ("3.30.01", "PROGRAM PENUNJANG (nama baru)", None, "9.300.000.000"),
        ("3.30.03.2.01.0001", "Penyediaan Sarana Distribusi Perdagangan", None, 11049570500),
    ]
    hasil = unggah_dpa(buku_kerja(kedua, JUDUL), user=dunia.operator, opd=dunia.opd_a, tahun=TAHUN)
    assert [p.uraian for p in hasil.perubahan] == [
        "Nama Program 3.30.01 diubah",
        "Pagu DPA Perubahan 3.30.01: Rp 9.278.235.506 → Rp 9.300.000.000",
    ]
    program = Program.objects.get(opd=dunia.opd_a, tahun=TAHUN, kode="3.30.01")
    assert PaguAnggaran.objects.get(program=program, dokumen="dpa").nilai == D("8964583767")


def test_a_bad_file_lists_every_problem_in_indonesian_and_saves_nothing(dunia):
    buruk = [
        ("3.30.03", "PROGRAM PENINGKATAN SARANA DISTRIBUSI PERDAGANGAN", "17.971.726.783", None),
        ("3.30.03.2", "Kode terpotong", None, None),
        ("3.30.09.2.01", "Kegiatan tanpa program", None, None),
        ("3.30.03.2.01", "", "1,234.5", None),
        ("3.30.03.2.01.0001", "Penyediaan Sarana Distribusi Perdagangan", "-5", "1.000,505"),
        ("3.30.03.2.01.0001", "Ganda", None, "=SUM(C2:C3)"),
        (None, "Baris tanpa kode", "100", None),
    ]
    sebelum = Program.objects.count()
    hasil = unggah_dpa(buku_kerja(buruk, JUDUL), user=dunia.operator, opd=dunia.opd_a, tahun=TAHUN)
    assert not hasil.tersimpan and hasil.perubahan == []
    assert Program.objects.count() == sebelum
    masalah = [(m.baris, m.kolom, m.pesan) for m in hasil.masalah]
    assert masalah == [
        (
            3,
            "A (Kode)",
            "Kode “3.30.03.2” tidak dikenali. Bentuk kode menurut Kepmendagri 050-3708/2020: program "
            "3.30.02, kegiatan 3.30.02.2.06, sub kegiatan 3.30.02.2.06.0003.",
        ),
        (
            4,
            "A (Kode)",
            "Kegiatan 3.30.09.2.01: program induknya (3.30.09) belum ada. Tulis baris program itu di atasnya "
            "atau tambahkan lebih dulu di layar DPA.",
        ),
        (5, "B (Uraian)", "Nama kegiatan 3.30.03.2.01 kosong."),
        (
            5,
            "C (Jumlah (Rp))",
            "3.30.03.2.01: Pagu DPA bukan angka: “1,234.5”. Tulis seperti 8.964.583.767 atau "
            "8.964.583.767,50 (titik pemisah ribuan, koma pemisah desimal).",
        ),
        (6, "C (Jumlah (Rp))", "3.30.03.2.01.0001: Pagu DPA tidak boleh negatif."),
        (
            6,
            "D (Setelah Perubahan (Rp))",
            "3.30.03.2.01.0001: Pagu DPA Perubahan paling banyak 2 angka di belakang koma.",
        ),
        (7, "A (Kode)", "Kode 3.30.03.2.01.0001 sudah ada di baris 6; setiap kode cukup satu kali."),
        (
            7,
            "D (Setelah Perubahan (Rp))",
            "Sel berisi rumus; salin lalu tempel sebagai nilai (Paste Values).",
        ),
        (8, "A (Kode)", "Kode kosong untuk “Baris tanpa kode”."),
    ]


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"%PDF-1.4 bukan excel", "Berkas bukan buku kerja Excel .xlsx"),
        (buku_kerja([("3.30.01", "X", 1)], ("Nomor", "Nama", "Pagu")), "Baris judul tidak ditemukan"),
        (buku_kerja([], JUDUL), "Tidak ada baris program, kegiatan atau sub kegiatan"),
    ],
)
def test_a_refused_file_says_why(dunia, isi, pesan):
    hasil = unggah_dpa(isi, user=dunia.operator, opd=dunia.opd_a, tahun=TAHUN)
    assert not hasil.tersimpan
    assert pesan in hasil.masalah[0].pesan and hasil.masalah[0].baris is None


def test_a_file_too_large_is_refused_before_reading(dunia, settings):
    settings.EXCEL_MAKS_BYTE = 100
    hasil = unggah_dpa(buku_kerja(BAIK, JUDUL), user=dunia.operator, opd=dunia.opd_a, tahun=TAHUN)
    assert hasil.masalah[0].pesan.startswith("Berkas terlalu besar")


@pytest.mark.parametrize(
    ("sel", "nilai"),
    [
        ("8.964.583.767", D("8964583767")),
        ("8.964.583.767,50", D("8964583767.5")),
        ("Rp 65.283.900", D("65283900")),
        ("8964583767", D("8964583767")),
        (8964583767, D("8964583767")),
        (0.1 + 0.2, D("0.3")),
        (None, None),
    ],
)
def test_amounts_are_read_the_indonesian_way_and_as_plain_numbers(sel, nilai):
    assert baca_rupiah(sel, label="Pagu") == nilai


def test_the_template_is_formula_safe_and_loads_back_unchanged(dunia):
    services.program_buat(
        user=dunia.operator,
        opd=dunia.opd_a,
        tahun=TAHUN,
        kode="3.30.02",
        nama='=HYPERLINK("http://contoh")',
        pagu={"dpa": D("65283900")},
    )
    isi = TemplateDPA(dunia.opd_a, TAHUN).isi()
    ws = load_workbook(io.BytesIO(isi))["DPA"]
    assert [c.value for c in ws[1]] == ["Kode", "Nama", "Pagu Murni (Rp)", "Pagu Perubahan (Rp)"]
    assert ws["B2"].data_type == "s" and ws["B2"].quotePrefix
    assert ws["C2"].value == 65283900
    hasil = unggah_dpa(isi, user=dunia.operator, opd=dunia.opd_a, tahun=TAHUN)
    # The name cell starts with "=" as text: read back as a formula would be refused; it is text.
    assert hasil.masalah == [] and hasil.perubahan == []


def test_the_example_template_of_an_empty_year_uploads_cleanly(dunia):
    isi = TemplateDPA(dunia.opd_b, 2030).isi()
    hasil = unggah_dpa(isi, user=dunia.operator2, opd=dunia.opd_b, tahun=2030)
    assert hasil.tersimpan, hasil.masalah
    assert _halaman(dunia, dunia.opd_b, 2030).total_perubahan == D("28718900")


def test_the_upload_page_shows_the_problems_or_the_result(client_for, dunia):
    c = client_for(dunia.operator)
    url = f"/opd/disperindag/dpa/{TAHUN}/unggah/"
    r = c.post(url, {"berkas": SimpleUploadedFile("dpa.xlsx", buku_kerja([("3.30.9", "X", "1")], JUDUL))})
    assert r.status_code == 422
    assert (
        "Berkas tidak disimpan." in r.content.decode()
        and "Kode “3.30.9” tidak dikenali" in r.content.decode()
    )
    r = c.post(url, {"berkas": SimpleUploadedFile("dpa.xlsx", buku_kerja(BAIK, JUDUL))})
    assert r.status_code == 200 and "Tersimpan." in r.content.decode()
    halaman = c.get(f"/opd/disperindag/dpa/{TAHUN}/").content.decode()
    assert "Rp 32.186.948.888" in halaman and "Rp 22.908.713.382" in halaman


def test_readers_may_download_the_template_but_not_upload(client_for, dunia):
    c = client_for(dunia.kepala)
    assert c.get(f"/opd/disperindag/dpa/{TAHUN}/template.xlsx").status_code == 200
    assert c.get(f"/opd/disperindag/dpa/{TAHUN}/unggah/").status_code == 403
