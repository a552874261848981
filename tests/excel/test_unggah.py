"""Uploading a filled-in template: everything is checked first, then all is written in one go, or nothing."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anggaran.models import RealisasiAnggaran, SubKegiatan
from bench.sintetis import buat_opd_sintetis
from capaian import services
from capaian.engine import hitung_opd_tahun
from capaian.excel import monev
from capaian.models import BarisTabelPendukung, NilaiVariabel, RealisasiIndikator
from inti.ekspor import isi_xlsx
from inti.models import PeriodeMonev
from renstra.models import Indikator
from tests.excel.conftest import (
    K_ANGGARAN,
    K_NILAI,
    K_REALISASI,
    baris,
    buka,
    sel,
    simpan,
    unggah_berkas,
    url_template,
    url_unggah,
)

IKAHH = "Industri Kimia, Agro dan Hasil Hutan (IKAHH)"


def _hasil(opd, kode):
    return next(h for h in hitung_opd_tahun(opd, 2022).indikator if h.kode == kode)


def _realisasi(kode):
    return RealisasiIndikator.objects.filter(indikator__kode=kode, indikator__opd__kode="disperindag", tahun=2022,
                                             tribulan=4).first()


def _isi_baik(wb) -> None:
    """Four changes, one per sheet, that move figures of the 2022 report."""
    ws = wb["Indikator"]
    sel(ws, baris(ws, {"Kode": "S1.2-2"}), K_REALISASI).value = 82.5  # IKM Layanan Pasar, target 80 (PK)
    sel(ws, baris(ws, {"Kode": "S1.2-2"}), "Keterangan").value = "Survei IKM pasar 2022"
    ws = wb["Variabel"]
    sel(ws, baris(ws, {"Kode indikator": "T2-1", "Nama variabel": "kontribusi_industri"}), K_NILAI).value = "20,5"
    ws = wb["Tabel Pendukung"]
    nomor = baris(ws, {"Kode tabel": "nilai-produksi-sektor-unggulan", "Uraian": IKAHH, "Kolom": "2022"})
    sel(ws, nomor, "Nilai").value = 2010000
    ws = wb["Anggaran"]
    sel(ws, baris(ws, {"Kode": "3.31.02.2.01.0001"}), K_ANGGARAN).value = 26712300  # the whole pagu


def test_a_good_upload_writes_every_value_and_the_engine_computes_from_them(template_operator, opd_disperindag,
                                                                            operator_user):
    client, wb = template_operator
    assert _hasil(opd_disperindag, "S1.2-2").capaian.alasan == "belum ada realisasi"
    _isi_baik(wb)

    response = unggah_berkas(client, simpan(wb))

    assert response.status_code == 200
    hasil = response.context["hasil"]
    assert hasil.masalah == []
    assert hasil.tersimpan
    assert len(hasil.perubahan) == 4
    assert "Tersimpan." in response.content.decode()
    # IKM Layanan Pasar: 82,5 / 80 = 103,13 %.
    ikm = _hasil(opd_disperindag, "S1.2-2")
    assert (ikm.realisasi.tampil, ikm.capaian.tampil, ikm.kategori) == (Decimal("82.50"), Decimal("103.13"),
                                                                      "Sangat Tinggi")
    assert _realisasi("S1.2-2").keterangan == "Survei IKM pasar 2022"
    # PDRB contribution = industri 20,5 + perdagangan 29,7 = 50,2; against the target 49: 102,45 %.
    pdrb = _hasil(opd_disperindag, "T2-1")
    assert (pdrb.realisasi.tampil, pdrb.capaian.tampil) == (Decimal("50.20"), Decimal("102.45"))
    # Production n = 2.010.000 + 1.828.479 = 3.838.479 against 3.831.430: growth 0,184 %, capaian 184 %.
    produksi = _hasil(opd_disperindag, "S2.1-1")
    assert produksi.realisasi_rumus.tampil == Decimal("0.184")
    assert produksi.capaian.tampil == Decimal("184.00")
    # Program Perencanaan: 12.570.161.658 + (26.712.300 − 3.635.000) over pagu 15.920.223.771.
    hasil_opd = hitung_opd_tahun(opd_disperindag, 2022)
    perencanaan = next(b for b in hasil_opd.baris_anggaran() if b.kode == "3.31.02")
    assert perencanaan.realisasi.tampil == Decimal("12593238958")
    assert perencanaan.penyerapan.tampil == Decimal("79.10")
    # History names the uploader.
    assert _realisasi("S1.2-2").history.first().history_user == operator_user
    # The result page shows the new capaian the engine computed.
    assert {h.kode for h in response.context["capaian"]} == {"T2-1", "S2.1-1", "S1.2-2"}
    assert "103,13%" in response.content.decode()


def _nilai_tersimpan():
    return (
        list(RealisasiIndikator.objects.filter(tahun=2022).order_by("pk").values_list("nilai", "keterangan")),
        list(NilaiVariabel.objects.order_by("pk").values_list("nilai", flat=True)),
        list(BarisTabelPendukung.objects.order_by("pk").values_list("nilai", flat=True)),
        list(RealisasiAnggaran.objects.order_by("pk").values_list("nilai", flat=True)),
    )


def test_one_bad_row_writes_nothing_and_names_sheet_row_column_and_reason(template_operator):
    client, wb = template_operator
    _isi_baik(wb)
    ws = wb["Indikator"]
    nomor = baris(ws, {"Kode": "3.30.03-1"})
    sel(ws, nomor, K_REALISASI).value = "sembilan puluh"
    sebelum = _nilai_tersimpan()

    response = unggah_berkas(client, simpan(wb))

    assert _nilai_tersimpan() == sebelum
    hasil = response.context["hasil"]
    assert not hasil.tersimpan
    assert [(m.lembar, m.baris, m.kolom) for m in hasil.masalah] == [("Indikator", nomor, "G (Realisasi TW IV)")]
    assert hasil.masalah[0].pesan.startswith("Bukan angka: “sembilan puluh”")
    halaman = response.content.decode()
    assert "Berkas tidak disimpan." in halaman
    assert "G (Realisasi TW IV)" in halaman


def test_every_kind_of_row_problem_is_reported_at_once(template_operator):
    client, wb = template_operator
    ws = wb["Indikator"]
    akhir = ws.max_row
    ws.cell(row=akhir + 1, column=1, value="X9.9-9")
    ws.cell(row=akhir + 1, column=7, value=5)
    ws.cell(row=akhir + 2, column=1, value="3.30.02-1")  # already on its own row
    ws.cell(row=akhir + 2, column=7, value=81)
    sel(ws, baris(ws, {"Kode": "3.30.02-1"}), K_REALISASI).value = 80
    sel(ws, baris(ws, {"Kode": "3.30.04-1"}), K_REALISASI).value = "1.234.567.890.123.456.789.012,5"
    wv = wb["Variabel"]
    wv.cell(row=wv.max_row + 1, column=1, value="T2-1")
    wv.cell(row=wv.max_row, column=2, value="tidak_ada")
    wv.cell(row=wv.max_row, column=5, value=1)
    sel(wv, baris(wv, {"Kode indikator": "S2.1-1", "Nama variabel": "produksi_n"}), K_NILAI).value = 3835029
    wa = wb["Anggaran"]
    sel(wa, baris(wa, {"Kode": "3.30.05.2.01.0001"}), K_ANGGARAN).value = -5
    sel(wa, baris(wa, {"Kode": "3.30.05"}), K_ANGGARAN).value = 802889820
    sebelum = _nilai_tersimpan()

    hasil = unggah_berkas(client, simpan(wb)).context["hasil"]

    assert _nilai_tersimpan() == sebelum
    assert len(hasil.masalah) == 7
    teks = [f"{m.lembar}|{m.baris}|{m.pesan}" for m in hasil.masalah]
    assert f"Indikator|{akhir + 1}|Kode indikator “X9.9-9” tidak dikenal untuk disperindag tahun 2022." in teks
    assert any(t.startswith(f"Indikator|{akhir + 2}|Baris ganda: indikator 3.30.02-1 sudah ada di baris") for t in teks)
    assert any(t.startswith("Indikator|") and t.endswith("|Paling banyak 20 angka sebelum koma.") for t in teks)
    assert f"Variabel|{wv.max_row}|Variabel “tidak_ada” tidak ada pada indikator T2-1." in teks
    assert any(t.startswith("Variabel|") and "dijumlahkan dari tabel pendukung nilai-produksi-sektor-unggulan" in t
               for t in teks)
    assert any(t.startswith("Anggaran|") and "Realisasi anggaran tidak boleh negatif." in t for t in teks)
    assert any(t.startswith("Anggaran|") and "dijumlahkan dari rinciannya" in t for t in teks)


def test_formula_cells_are_refused(template_operator):
    client, wb = template_operator
    ws = wb["Indikator"]
    nomor = baris(ws, {"Kode": "3.30.02-1"})
    sel(ws, nomor, K_REALISASI).value = "=75+5"
    assert sel(ws, nomor, K_REALISASI).data_type == "f"

    hasil = unggah_berkas(client, simpan(wb)).context["hasil"]

    assert not hasil.tersimpan
    assert [(m.lembar, m.baris, m.kolom) for m in hasil.masalah] == [("Indikator", nomor, "G (Realisasi TW IV)")]
    assert "rumus" in hasil.masalah[0].pesan
    assert _realisasi("3.30.02-1").nilai == Decimal("75")


def test_a_pdf_renamed_xlsx_is_refused(client_for, operator_user):
    pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    response = unggah_berkas(client_for(operator_user), pdf, nama="monev.xlsx")
    hasil = response.context["hasil"]
    assert len(hasil.masalah_berkas) == 1
    assert hasil.masalah_berkas[0].pesan.startswith("Berkas bukan buku kerja Excel .xlsx")
    assert "Berkas bukan buku kerja Excel .xlsx" in response.content.decode()


def test_a_file_over_the_size_limit_is_refused(template_operator, settings):
    client, wb = template_operator
    _isi_baik(wb)
    settings.EXCEL_MAKS_BYTE = 4 * 1024
    sebelum = _nilai_tersimpan()
    hasil = unggah_berkas(client, simpan(wb)).context["hasil"]
    assert _nilai_tersimpan() == sebelum
    assert "Berkas terlalu besar" in hasil.masalah[0].pesan
    assert "paling besar 0,0 MB" in hasil.masalah[0].pesan


def test_empty_cell_changes_nothing_and_hapus_deletes(template_operator):
    client, wb = template_operator
    ws = wb["Indikator"]
    sel(ws, baris(ws, {"Kode": "3.30.02-1"}), K_REALISASI).value = None
    sel(ws, baris(ws, {"Kode": "3.30.03-1"}), K_REALISASI).value = "hapus"
    wt = wb["Tabel Pendukung"]
    sel(wt, baris(wt, {"Kode tabel": "nilai-produksi-sektor-unggulan", "Uraian": IKAHH, "Kolom": "2022"}),
        "Nilai").value = "HAPUS"

    hasil = unggah_berkas(client, simpan(wb)).context["hasil"]

    assert hasil.tersimpan, hasil.masalah
    assert _realisasi("3.30.02-1").nilai == Decimal("75")
    assert _realisasi("3.30.03-1") is None
    assert not BarisTabelPendukung.objects.filter(label=IKAHH, kolom="2022").exists()


def test_new_supporting_table_row_is_added_from_an_empty_row(template_operator):
    client, wb = template_operator
    ws = wb["Tabel Pendukung"]
    nomor = next(r for r in range(2, ws.max_row + 2) if ws.cell(row=r, column=1).value is None)
    for judul, nilai in (("Kode tabel", "nilai-omset-produk-unggulan"), ("Uraian", "Produk Olahan Rotan"),
                         ("Kolom", "2022"), ("Nilai", "1.000.000")):
        sel(ws, nomor, judul).value = nilai
    assert sel(ws, nomor, "Nilai").protection.locked is False

    hasil = unggah_berkas(client, simpan(wb)).context["hasil"]

    assert hasil.tersimpan, hasil.masalah
    baru = BarisTabelPendukung.objects.get(label="Produk Olahan Rotan")
    assert (baru.kolom, baru.nilai) == ("2022", Decimal("1000000"))


def test_a_value_changed_on_the_site_since_the_download_is_a_conflict_and_nothing_is_saved(
    template_operator, admin_user_demo, opd_disperindag
):
    client, wb = template_operator
    indikator = Indikator.objects.get(opd=opd_disperindag, kode="S1.2-2")
    services.realisasi_simpan(user=admin_user_demo, indikator=indikator, tahun=2022, tribulan=4,
                              nilai=Decimal("77"), versi=None)
    _isi_baik(wb)

    hasil = unggah_berkas(client, simpan(wb)).context["hasil"]

    assert not hasil.tersimpan
    assert len(hasil.masalah) == 1
    assert hasil.masalah[0].lembar == "Indikator"
    assert hasil.masalah[0].pesan.startswith("Nilai ini sudah diubah oleh Admin")
    assert "menjadi 77; nilai Anda 82,5 tidak disimpan. Unduh template terbaru" in hasil.masalah[0].pesan
    assert _realisasi("S1.2-2").nilai == Decimal("77")
    assert NilaiVariabel.objects.get(variabel__nama="kontribusi_industri").nilai == Decimal("19.93")


def test_a_cell_left_as_downloaded_does_not_put_back_an_old_value(template_operator, admin_user_demo,
                                                                  opd_disperindag):
    client, wb = template_operator
    indikator = Indikator.objects.get(opd=opd_disperindag, kode="3.30.02-1")
    services.realisasi_simpan(user=admin_user_demo, indikator=indikator, tahun=2022, tribulan=4,
                              nilai=Decimal("77"), versi=_realisasi("3.30.02-1").versi)
    ws = wb["Indikator"]
    sel(ws, baris(ws, {"Kode": "3.30.03-1"}), K_REALISASI).value = 95

    hasil = unggah_berkas(client, simpan(wb)).context["hasil"]

    assert hasil.tersimpan, hasil.masalah
    assert _realisasi("3.30.02-1").nilai == Decimal("77")
    assert _realisasi("3.30.03-1").nilai == Decimal("95")


def test_uploading_the_same_file_twice_is_harmless(template_operator):
    client, wb = template_operator
    _isi_baik(wb)
    data = simpan(wb)
    assert unggah_berkas(client, data).context["hasil"].tersimpan
    kedua = unggah_berkas(client, data).context["hasil"]
    assert kedua.masalah == []
    assert _realisasi("S1.2-2").nilai == Decimal("82.5")


def test_locked_period_refuses_the_upload_for_the_operator_but_not_the_admin(template_operator, client_for,
                                                                            admin_user_demo):
    client, wb = template_operator
    _isi_baik(wb)
    data = simpan(wb)
    PeriodeMonev.objects.filter(pemda__kode="kota-pasuruan", tahun=2022, tribulan=4).update(terkunci=True)

    hasil = unggah_berkas(client, data).context["hasil"]

    assert not hasil.tersimpan
    assert [m.pesan for m in hasil.masalah] == [
        "Periode Tribulan IV 2022 sudah dikunci; hanya admin yang dapat mengubah data. Tidak ada yang disimpan."
    ]
    assert _realisasi("S1.2-2") is None
    assert unggah_berkas(client_for(admin_user_demo), data).context["hasil"].tersimpan
    assert _realisasi("S1.2-2").nilai == Decimal("82.5")


def test_metadata_of_another_opd_or_tribulan_is_refused(template_operator, client_for, operator_user):
    client, wb = template_operator
    _isi_baik(wb)
    wb["Metadata"]["B3"] = "diskopum"
    hasil = unggah_berkas(client, simpan(wb)).context["hasil"]
    assert hasil.masalah[0].pesan.startswith(
        "Berkas ini template untuk OPD diskopum tahun 2022 Tribulan IV, sedangkan unggahan ini untuk OPD "
        "disperindag tahun 2022 Tribulan IV."
    )
    tw3 = buka(client.get(url_template(tribulan=3)).content)
    hasil = unggah_berkas(client, simpan(tw3)).context["hasil"]
    assert "template untuk OPD disperindag tahun 2022 Tribulan III" in hasil.masalah[0].pesan
    assert _realisasi("S1.2-2") is None


def test_a_workbook_that_is_not_the_template_is_refused(client_for, operator_user):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "Kode"
    hasil = unggah_berkas(client_for(operator_user), simpan(wb)).context["hasil"]
    assert hasil.masalah[0].pesan.startswith("Berkas ini bukan template monev dari aplikasi ini")


@pytest.mark.parametrize("persona, status", [
    ("operator_user", 200), ("admin_user_demo", 200),
    ("kepala_user", 403), ("auditor_user", 403),
    ("operator2_user", 404),
])
def test_only_writers_of_the_opd_reach_the_upload(request, client_for, persona, status):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url_unggah()).status_code == status
    assert unggah_berkas(client, b"bukan excel").status_code == status


def test_operator_of_another_opd_cannot_upload_into_disperindag(template_operator, client_for, operator2_user):
    _, wb = template_operator
    _isi_baik(wb)
    response = unggah_berkas(client_for(operator2_user), simpan(wb))
    assert response.status_code == 404
    assert _realisasi("S1.2-2") is None


def test_auditor_upload_is_forbidden_and_writes_nothing(template_operator, client_for, auditor_user):
    _, wb = template_operator
    _isi_baik(wb)
    response = unggah_berkas(client_for(auditor_user), simpan(wb))
    assert response.status_code == 403
    assert _realisasi("S1.2-2") is None


def test_upload_page_shows_the_form(client_for, operator_user):
    response = client_for(operator_user).get(url_unggah())
    halaman = response.content.decode()
    assert 'enctype="multipart/form-data"' in halaman
    assert "Unggah template monev Tribulan IV 2022" in halaman
    assert "Ukuran paling besar 5,0 MB" in halaman


def _query_periksa(opd, user) -> int:
    data = isi_xlsx(monev.template_monev(opd, 2022, 4))
    with CaptureQueriesContext(connection) as konteks:
        hasil = monev.periksa_unggahan(data, user=user, opd=opd, tahun=2022, tribulan=4)
    assert hasil.masalah == []
    return len(konteks.captured_queries)


def test_validation_runs_a_fixed_number_of_queries_whatever_the_size(opd_disperindag, admin_user_demo):
    kecil = _query_periksa(opd_disperindag, admin_user_demo)
    sintetis = buat_opd_sintetis("unggah-sintetis", kali=3)
    assert SubKegiatan.objects.filter(kegiatan__program__opd=sintetis).count() > 60
    from django.contrib.auth import get_user_model

    super_user = get_user_model().objects.create_superuser("unggah-super", password="x", email="")
    assert _query_periksa(sintetis, super_user) == kecil


def test_a_damaged_sheet_is_refused_as_a_whole(template_operator):
    import io
    import zipfile

    client, wb = template_operator
    _isi_baik(wb)
    asli = zipfile.ZipFile(io.BytesIO(simpan(wb)))
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w") as rusak:
        for info in asli.infolist():
            isi = asli.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                isi = isi[: len(isi) // 2]  # cut in the middle of the Indikator sheet
            rusak.writestr(info, isi)

    hasil = unggah_berkas(client, keluaran.getvalue()).context["hasil"]

    assert [m.pesan for m in hasil.masalah] == ["Lembar “Indikator” rusak atau tidak dapat dibaca. Simpan ulang dari Excel."]
    assert _realisasi("S1.2-2") is None


def test_excel_page_links_downloads_and_uploads_by_role(client_for, operator_user, auditor_user):
    halaman = client_for(operator_user).get("/opd/disperindag/excel/2022/").content.decode()
    assert url_template(tribulan=1) in halaman and url_unggah(tribulan=4) in halaman
    assert "/opd/disperindag/excel/2022/dataset.xlsx" in halaman
    halaman = client_for(auditor_user).get("/opd/disperindag/excel/2022/").content.decode()
    assert url_template(tribulan=4) in halaman and url_unggah(tribulan=4) not in halaman
