"""A whole SAKIP year of a new OPD, in a real Chromium, with no Django admin page and no command line.

The Pemda admin creates the OPD and its operator; the operator enters the Renstra (tujuan, sasaran, an
indicator with its definition and its 2026 target), the DPA 2026, the PK 2026 and its Rencana Aksi; the
admin approves the PK; the operator enters Tribulan I's realisasi and budget; the LKjIP 2026 comes out as
a PDF holding the OPD's name and the indicator's capaian.
"""

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from anggaran.models import Program
from capaian.models import RealisasiIndikator
from inti.models import OPD, Keanggotaan
from perjanjian.models import PerjanjianKinerja
from renstra.models import Indikator

pytestmark = pytest.mark.django_db(transaction=True)

KODE_OPD = "dinas-uji-penuh"
NAMA_OPD = "Dinas Uji Tahun Penuh Kota Pasuruan"
OPERATOR = "operator_uji_penuh"
SANDI_OPERATOR = "Rencana-Kinerja-2026!"
KODE_IND = "S1.1-1"
NAMA_IND = "Persentase pasar rakyat yang tertib ukur"
PROGRAM, KEGIATAN, SUB = "3.30.02", "3.30.02.2.06", "3.30.02.2.06.0003"


def _simpan(page, teks: str = "Simpan"):
    """Click the main form's submit button and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator("main form button", has_text=teks).first.click()


def _pesan_sukses(page) -> str:
    return page.locator("main .alert-success").first.inner_text()


def _admin_membuat_opd_dan_operator(page, masuk):
    masuk(page, "admin")
    page.goto(page.base_url + "/kelola/opd/")
    page.get_by_role("link", name="Tambah OPD").click()
    page.fill("#id_kode", KODE_OPD)
    page.fill("#id_nama", NAMA_OPD)
    page.fill("#id_singkatan", "DUTP")
    page.fill("#id_kepala_nama", "Ir. Kepala Uji, M.T.")
    page.fill("#id_kepala_jabatan", "Kepala Dinas Uji")
    page.fill("#id_atasan_nama", "Wali Kota Pasuruan")
    page.fill("#id_atasan_jabatan", "Wali Kota")
    _simpan(page)
    assert NAMA_OPD in _pesan_sukses(page)
    assert page.locator("main table", has_text=NAMA_OPD).count() == 1

    page.get_by_role("link", name="Pengguna dan peran").click()
    page.get_by_role("link", name="Tambah pengguna").click()
    page.fill("#id_username", OPERATOR)
    page.fill("#id_nama_depan", "Ratna")
    page.fill("#id_nama_belakang", "Perencana")
    page.fill("#id_sandi", SANDI_OPERATOR)
    page.fill("#id_sandi2", SANDI_OPERATOR)
    _simpan(page)
    assert OPERATOR in _pesan_sukses(page)
    page.select_option("#id_opd", label="DUTP")
    page.select_option("#id_peran", label="Operator / perencana")
    _simpan(page)
    assert page.locator("main table", has_text=NAMA_OPD).inner_text().count("Operator / perencana") == 1
    peran = Keanggotaan.objects.get(user__username=OPERATOR)
    assert (peran.opd.kode, peran.peran) == (KODE_OPD, "operator")


def _operator_mengisi_renstra(page):
    page.goto(page.base_url + f"/opd/{KODE_OPD}/")
    page.locator("#tautan-renstra").click()
    page.get_by_role("link", name="Tambah Renstra").first.click()
    page.fill("#id_nama", "Renstra Dinas Uji 2025–2029")
    page.fill("#id_tahun_awal", "2025")
    page.fill("#id_tahun_akhir", "2029")
    page.fill("#id_visi", "Pasar rakyat yang tertib dan terpercaya")
    _simpan(page)

    page.locator("main a", has_text="Tambah tujuan").first.click()
    page.fill("#id_kode", "1")
    page.fill("#id_nama", "Meningkatkan perlindungan konsumen")
    _simpan(page)
    page.locator("main a", has_text="+ Sasaran").first.click()
    page.fill("#id_kode", "1.1")
    page.fill("#id_nama", "Meningkatnya tertib ukur di pasar rakyat")
    _simpan(page)
    page.locator("tr[id^=sasaran-] a", has_text="+ Indikator").click()

    # The definition: every choice picked explicitly, by its label.
    page.fill("#id_kode", KODE_IND)
    page.fill("#id_nama", NAMA_IND)
    page.fill("#id_satuan", "%")
    page.check("#id_iku")
    page.select_option("#id_polaritas", label="Positif (makin tinggi makin baik)")
    page.select_option("#id_agregasi", label="Nilai terakhir yang diisi")
    page.fill("#id_desimal", "2")
    page.fill("#id_definisi_operasional", "Pasar rakyat yang seluruh UTTP-nya telah ditera ulang.")
    page.fill("#id_sumber_data", "Bidang Metrologi")
    _simpan(page)
    # On to the target page: the 2026 Renstra target.
    page.get_by_label("Target Renstra 2026").fill("50")
    _simpan(page, "Simpan target")
    assert "Target tersimpan" in _pesan_sukses(page)
    indikator = Indikator.objects.get(opd__kode=KODE_OPD, kode=KODE_IND)
    assert (indikator.polaritas, indikator.agregasi, indikator.satuan) == ("positif", "terakhir", "%")
    return indikator


def _operator_mengisi_dpa(page):
    page.goto(page.base_url + f"/opd/{KODE_OPD}/dpa/2026/")
    page.get_by_role("link", name="Tambah program").click()
    page.fill("#id_kode", PROGRAM)
    page.fill("#id_nama", "Program Perlindungan Konsumen")
    page.select_option("#id_sasaran", index=1)
    page.fill("#id_pagu_dpa", "150.000.000")
    _simpan(page)
    # Each line is added from its parent's action menu.
    for induk, tombol, kode, nama in (
        (PROGRAM, "Tambah kegiatan", KEGIATAN, "Pelaksanaan Metrologi Legal"),
        (KEGIATAN, "Tambah sub kegiatan", SUB, "Pelayanan Tera dan Tera Ulang"),
    ):
        page.get_by_role("button", name=f"Aksi {induk}", exact=True).click()
        page.get_by_role("link", name=tombol).click()
        page.fill("#id_kode", kode)
        page.fill("#id_nama", nama)
        page.fill("#id_pagu_dpa", "150.000.000")
        _simpan(page)
    assert "Sasaran 1.1 Meningkatnya tertib ukur" in page.locator("#tabel-dpa tr[id^=program-]").inner_text()
    assert page.locator("#total-murni").inner_text() == "Rp 150.000.000"
    assert page.locator("#jumlah-sub").inner_text() == "1"


def _operator_menyusun_pk(page, indikator):
    page.goto(page.base_url + f"/opd/{KODE_OPD}/")
    page.locator("#tautan-pk").click()
    page.fill("#tahun-baru", "2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Susun PK").click()
    # Drawn from the Renstra: the indicator already ticked with its 2026 target, the program with its pagu.
    assert page.is_checked(f"#id_ind_{indikator.pk}_pakai")
    assert page.input_value(f"#id_ind_{indikator.pk}_target") == "50"
    program = Program.objects.get(opd__kode=KODE_OPD, tahun=2026, kode=PROGRAM)
    assert page.is_checked(f"#id_prog_{program.pk}_pakai")
    assert page.input_value(f"#id_prog_{program.pk}_nilai") == "150.000.000"
    page.fill("#id_tempat", "Pasuruan")
    page.fill("#id_tanggal", "05/01/2026")  # typed day first, as the hh/bb/tttt hint asks
    page.fill("#id_pihak_pertama_nama", "Ir. Kepala Uji, M.T.")
    page.fill("#id_pihak_pertama_jabatan", "Kepala Dinas Uji")
    page.fill("#id_pihak_kedua_nama", "Wali Kota Pasuruan")
    page.fill("#id_pihak_kedua_jabatan", "Wali Kota")
    _simpan(page, "Simpan draf")
    assert page.locator("#status-draf").is_visible()
    assert "50" in page.locator("#tabel-indikator").inner_text()
    assert page.locator("#total-anggaran").inner_text().strip() == "Rp 150.000.000"
    url_pk = page.url

    page.get_by_role("link", name="Rencana Aksi (target per Tribulan)").click()
    for tw, nilai in ((1, "20"), (2, "30"), (3, "40"), (4, "50")):
        page.get_by_label(f"Target TW {tw} {KODE_IND}", exact=True).fill(nilai)
    page.get_by_label(f"Rencana aksi TW 1 {KODE_IND}", exact=True).fill("Tera ulang di dua pasar")
    _simpan(page, "Simpan Rencana Aksi")
    assert "Rencana Aksi" in _pesan_sukses(page)
    assert page.get_by_label(f"Target TW 1 {KODE_IND}", exact=True).input_value() == "20"
    return url_pk


def _admin_menyetujui_pk(page, url_pk):
    page.goto(url_pk)
    with page.expect_navigation():
        page.locator("#kartu-setujui button[type=submit]").click()
    assert "disetujui" in _pesan_sukses(page)
    assert page.locator("#status-disetujui").is_visible()
    pk = PerjanjianKinerja.objects.get(opd__kode=KODE_OPD, tahun=2026)
    assert pk.status == "disetujui"


def _operator_mengisi_monev(page, indikator):
    page.goto(page.base_url + f"/opd/{KODE_OPD}/monev/2026/tw1/realisasi/")
    baris = page.locator(f"#realisasi-{indikator.pk}")
    assert "Target TW 1: 20" in baris.locator("td.target").inner_text()
    baris.locator("input[name$='nilai']").fill("45")
    baris.locator("button[type=submit]").click()
    baris.locator("td.capaian", has_text="90,00").wait_for()
    teks = baris.locator("td.capaian").inner_text()
    # 45 against the year's 50, and against Tribulan I's 20 of the Rencana Aksi.
    assert teks.startswith("90,00") and "TW 1: 225,00" in teks
    assert RealisasiIndikator.objects.get(indikator=indikator, tahun=2026, tribulan=1).nilai == 45

    page.goto(page.base_url + f"/opd/{KODE_OPD}/monev/2026/tw1/anggaran/")
    sub = page.locator("#tabel-anggaran tbody tr", has_text=SUB)
    sub.locator("input[name$='nilai']").fill("30.000.000")
    sub.locator("button[type=submit]").click()
    page.locator("#anggaran-jumlah td.penyerapan", has_text="20,00").wait_for()


def _laporan_pdf(page):
    page.goto(page.base_url + f"/opd/{KODE_OPD}/")
    page.get_by_role("link", name=re.compile("^LKjIP 2026")).click()
    assert page.url.endswith(f"/opd/{KODE_OPD}/laporan/2026/")
    layar = page.locator("main").inner_text()
    assert NAMA_OPD in layar and "90,00" in layar
    # The draft is rendered by a job: its page shows the progress, then the file to download.
    page.locator("main a[href$='/laporan/2026/pdf/']").first.click()
    page.locator("#pekerjaan-selesai", has_text="PDF laporan siap diunduh.").wait_for()
    with page.expect_download() as unduhan:
        page.locator("#unduh-hasil").click()
    isi = Path(unduhan.value.path()).read_bytes()
    assert isi.startswith(b"%PDF")
    teks = " ".join(h.extract_text() for h in PdfReader(io.BytesIO(isi)).pages)
    return re.sub(r"\s+", " ", teks)


def test_tahun_penuh_dari_opd_baru_sampai_pdf_lkjip(halaman, masuk, peramban, live_server):
    admin = halaman
    _admin_membuat_opd_dan_operator(admin, masuk)
    assert OPD.objects.filter(kode=KODE_OPD).exists()

    ctx = peramban.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    ctx.set_default_timeout(15_000)
    operator = ctx.new_page()
    operator.base_url = live_server.url
    try:
        masuk(operator, OPERATOR, SANDI_OPERATOR)
        indikator = _operator_mengisi_renstra(operator)
        _operator_mengisi_dpa(operator)
        url_pk = _operator_menyusun_pk(operator, indikator)
        _admin_menyetujui_pk(admin, url_pk)
        _operator_mengisi_monev(operator, indikator)
        teks = _laporan_pdf(operator)
    finally:
        ctx.close()
    assert f"(LKjIP) {NAMA_OPD}" in teks
    # The engine's figures as the report states them: 45 against 50 on a positive indicator, and the budget.
    assert (
        f"Indikator {NAMA_IND} ditargetkan 50% dan terealisasi 45,00%, sehingga capaiannya 90,00% "
        "dengan kategori Tinggi." in teks
    )
    assert "Rp 150.000.000 dengan realisasi Rp 30.000.000, atau penyerapan 20,00%" in teks
    # The Rencana Aksi annex: Tribulan I's action, target 20, realisasi 45, capaian 225,00.
    assert "Tribulan I Tera ulang di dua pasar 20 45,00 225,00" in teks
