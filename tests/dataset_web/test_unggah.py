"""Dataset upload in the browser: upload, preview with warnings, confirm; who may write which OPD."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from anggaran.models import Program
from capaian.engine import hitung_opd_tahun
from capaian.excel.dataset import template_dataset
from inti.models import OPD
from lkjip.laporan.teks import keluaran_json
from perjanjian.models import RencanaAksi
from renstra.models import Indikator
from tests.excel.conftest import buka, kolom, sel, simpan
from tests.excel.test_dataset import _jumlah_semua_model, _sebagai_tahun_2023

URL_UNGGAH = reverse("dataset:unggah")
URL_SIMPAN = reverse("dataset:simpan")


def _unggah(client, data: bytes, nama="dataset.xlsx"):
    berkas = io.BytesIO(data)
    berkas.name = nama
    return client.post(URL_UNGGAH, {"berkas": berkas})


def _template(client, tahun=2024):
    response = client.get(reverse("dataset:template"), {"tahun": tahun})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="template-dataset-{tahun}.xlsx"'
    return buka(response.content)


def _teks(response) -> str:
    return response.content.decode()


def test_admin_creates_a_new_opd_from_the_template_after_the_preview(client_for, dunia):
    client = client_for(dunia.admin_pemda)
    data = simpan(_template(client))
    sebelum = _jumlah_semua_model()

    pratinjau = _unggah(client, data, "template-dataset-2024.xlsx")

    assert pratinjau.status_code == 200
    teks = _teks(pratinjau)
    assert "Belum ada yang disimpan." in teks and "OPD <strong>contoh-dinas</strong> akan dibuat baru." in teks
    assert "<td>Rencana Aksi</td><td class=\"text-end\">8</td>" in teks
    assert "<td>Rencana Penyerapan</td><td class=\"text-end\">4</td>" in teks
    assert "peringatan</strong>" not in teks  # the example rows are right for their polarity
    assert _jumlah_semua_model() == sebelum  # nothing written before the confirmation

    response = client.post(URL_SIMPAN, {"alasan": "OPD baru 2024"})

    assert response.status_code == 302 and response["Location"] == reverse("lkjip:opd", args=["contoh-dinas"])
    opd = OPD.objects.get(kode="contoh-dinas")
    assert opd.pemda == dunia.pemda
    assert RencanaAksi.objects.filter(baris_pk__pk_dokumen__opd=opd).count() == 8
    riwayat = Indikator.history.filter(opd_id=opd.pk)
    assert {(r.history_user, r.history_change_reason) for r in riwayat} == {
        (dunia.admin_pemda, "Unggah dataset: OPD baru 2024")
    }
    halaman = client.get(response["Location"])
    assert "Dataset Dinas Contoh tahun 2024 disimpan:" in _teks(halaman)
    # The waiting file is gone: a second confirmation saves nothing more.
    lagi = client.post(URL_SIMPAN, follow=True)
    assert "Tidak ada unggahan yang menunggu konfirmasi." in _teks(lagi)


def test_operator_adds_the_second_year_of_their_opd_after_confirming_the_warnings(client_for, dunia):
    client = client_for(dunia.operator)
    wb = buka(client.get(reverse("excel:dataset", args=["disperindag", 2022])).content)
    _sebagai_tahun_2023(wb)

    pratinjau = _unggah(client, simpan(wb))

    teks = _teks(pratinjau)
    assert "Tahun 2023 akan ditambahkan ke OPD <strong>disperindag</strong> yang sudah ada" in teks
    # The year's own targets were not changed to 2023: every indicator of the budget tree is warned of.
    assert "<strong>45 peringatan</strong>" in teks and teks.count("tidak memiliki target tahun 2023") == 44
    assert ("Indikator 3.31.02-1 “Persentase Peningkatan IKM Berkembang” tidak memiliki target tahun 2023 "
            "(lembar Target atau Baris PK): capaiannya tidak dapat dihitung.") in teks
    assert "<td>Program</td><td class=\"text-end\">8</td>" in teks
    assert not Program.objects.filter(opd=dunia.opd_a, tahun=2023).exists()

    tanpa_centang = client.post(URL_SIMPAN, {"alasan": ""})

    assert tanpa_centang.status_code == 200
    assert "Centang pernyataan ini untuk menyimpan dataset yang memiliki peringatan." in _teks(tanpa_centang)
    assert not Program.objects.filter(opd=dunia.opd_a, tahun=2023).exists()

    response = client.post(URL_SIMPAN, {"setuju": "on"})

    assert response.status_code == 302
    assert Program.objects.filter(opd=dunia.opd_a, tahun=2023).count() == 8
    capaian = {i["kode"]: i["capaian"] for i in keluaran_json(hitung_opd_tahun(dunia.opd_a, 2023))["indikator"]}
    assert (capaian["S2.1-1"], capaian["S2.2-1"]) == ("94.00", "416.70")
    riwayat = Program.history.filter(opd_id=dunia.opd_a.pk, tahun=2023)
    assert {(r.history_user, r.history_change_reason) for r in riwayat} == {
        (dunia.operator, "Impor dataset Excel OPD disperindag tahun 2023")
    }


def _ubah_opd(wb, kode: str) -> None:
    wb["Info"]["B3"] = kode
    wb["OPD"]["A2"] = kode


def test_operator_cannot_create_an_opd(client_for, dunia):
    client = client_for(dunia.operator)
    sebelum = _jumlah_semua_model()

    response = _unggah(client, simpan(_template(client)))

    assert "OPD, baris 2, A (Kode)" in _teks(response)
    assert "OPD “contoh-dinas” belum ada. OPD baru hanya dapat dibuat oleh admin Pemda" in _teks(response)
    assert _jumlah_semua_model() == sebelum


def test_operator_cannot_write_another_opd(client_for, dunia):
    client = client_for(dunia.operator)
    wb = _template(client)
    _ubah_opd(wb, "diskopum")
    sebelum = _jumlah_semua_model()

    response = _unggah(client, simpan(wb))

    assert "Anda tidak berhak mengunggah data OPD “diskopum”" in _teks(response)
    assert "Koperasi" not in _teks(response)
    assert _jumlah_semua_model() == sebelum


def test_admin_of_another_pemda_writes_neither_its_opd_nor_a_new_opd_in_it(client_for, dunia):
    client = client_for(dunia.admin_lain)
    wb = template_dataset(dunia.pemda, 2024)  # a workbook of Kota Pasuruan
    sebelum = _jumlah_semua_model()

    baru = _unggah(client, simpan(wb))
    _ubah_opd(wb, "disperindag")
    ada = _unggah(client, simpan(wb))

    assert "Pemda “kota-pasuruan” tidak dikenal." in _teks(baru)
    assert "Anda tidak berhak mengunggah data OPD “disperindag”" in _teks(ada)
    assert _jumlah_semua_model() == sebelum


def test_every_warning_appears_and_nothing_is_saved_until_confirmed(client_for, dunia):
    client = client_for(dunia.admin)
    wb = _template(client)
    ws = wb["Indikator"]
    sel(ws, 2, "Rumus polaritas negatif").value = "T / R × 100"  # on a positive indicator
    realisasi = wb["Realisasi"]
    realisasi["D4"] = "104,7"  # Jumlah IKM (Desimal 0)
    realisasi["D2"] = 60  # against the PK target 5
    wb["Realisasi Anggaran"]["D3"] = 30000000  # TW II below TW I: typed per quarter
    target = wb["Target"]
    target.delete_rows(12)  # the only target of the sub kegiatan indicator
    assert target.max_row == 11
    sebelum = _jumlah_semua_model()

    pratinjau = _unggah(client, simpan(wb))

    teks = _teks(pratinjau)
    assert "<strong>5 peringatan</strong>" in teks
    for letak, pesan in [
        ("Indikator, baris 2, O (Rumus polaritas negatif)",
         "Indikator 1.1-1 berpolaritas positif (makin tinggi makin baik), tetapi diberi rumus polaritas negatif "
         "“T / R × 100”."),
        ("Realisasi, baris 4, D (Realisasi)",
         "104,7 memiliki 1 angka desimal, sedangkan indikator SK-1 “Jumlah IKM yang dibina” menyimpan 0 desimal: "
         "nilai ini ditampilkan dan dihitung sebagai 105."),
        ("Realisasi Anggaran, baris 3, D (Realisasi kumulatif (Rp))",
         "Realisasi anggaran s.d. Tribulan 2 (Rp 30.000.000) lebih kecil daripada s.d. Tribulan 1 (Rp 40.000.000)."),
        ("Indikator, baris 4, D (Kode)", "Indikator SK-1 “Jumlah IKM yang dibina” tidak memiliki target tahun 2024"),
        ("Realisasi, baris 2, D (Realisasi)",
         "Realisasi 60 lebih dari sepuluh kali target 5 indikator 1.1-1 “Persentase pertumbuhan omset IKM binaan”."),
    ]:
        assert f'<span class="fw-semibold">{letak}</span>: {pesan}' in teks, letak
    assert _jumlah_semua_model() == sebelum

    client.post(URL_SIMPAN, {})
    assert _jumlah_semua_model() == sebelum

    client.post(URL_SIMPAN, {"setuju": "on"})
    ikm = Indikator.objects.get(opd__kode="contoh-dinas", kode="SK-1")
    assert ikm.realisasi_set.get(tribulan=1).nilai == Decimal("104.7")  # stored as typed, warned of


def test_a_bad_file_lists_every_problem_by_cell_and_saves_nothing(client_for, dunia):
    client = client_for(dunia.admin)
    wb = _template(client)
    sel(wb["Indikator"], 3, "Polaritas").value = "naik"
    wb["Target"]["D2"] = "lima"
    ws = wb["Rencana Aksi"]
    ws.cell(row=2, column=kolom(ws, "Indikator (Ref)"), value="1.1-9")
    sebelum = _jumlah_semua_model()

    response = _unggah(client, simpan(wb))

    teks = _teks(response)
    assert "Berkas tidak disimpan." in teks
    for letak, pesan in [
        ("Indikator, baris 3, N (Polaritas)", "“naik” bukan pilihan yang dikenal. Pilih salah satu: Positif (makin "
                                              "tinggi makin baik); Negatif (makin rendah makin baik)."),
        ("Target, baris 2, D (Target)", "Bukan angka: “lima”. Masukkan angka dengan koma sebagai pemisah desimal"),
        ("Rencana Aksi, baris 2, B (Indikator (Ref))", "Indikator “1.1-9” tidak ada di PK 2024 revisi 0 (lembar "
                                                       "Baris PK)."),
    ]:
        assert f'<span class="fw-semibold">{letak}</span>: {pesan}' in teks, letak
    assert _jumlah_semua_model() == sebelum
    assert not client.post(URL_SIMPAN).url.endswith("/opd/contoh-dinas/")


def test_a_file_that_is_not_a_workbook_is_refused(client_for, dunia):
    response = _unggah(client_for(dunia.operator), b"%PDF-1.4 bukan excel", "dataset.xlsx")
    assert "Berkas bukan buku kerja Excel .xlsx" in _teks(response)


def test_another_user_cannot_confirm_an_upload_waiting_in_someone_elses_session(client_for, dunia):
    admin = client_for(dunia.admin)
    _unggah(admin, simpan(_template(admin)))

    response = client_for(dunia.operator).post(URL_SIMPAN, {"setuju": "on"}, follow=True)

    assert "Tidak ada unggahan yang menunggu konfirmasi." in _teks(response)
    assert not OPD.objects.filter(kode="contoh-dinas").exists()


def test_cancel_removes_the_waiting_upload(client_for, dunia):
    client = client_for(dunia.admin)
    _unggah(client, simpan(_template(client)))

    response = client.post(URL_SIMPAN, {"batal": ""}, follow=True)

    assert "Unggahan dibatalkan; tidak ada yang disimpan." in _teks(response)
    assert "Tidak ada unggahan" in _teks(client.post(URL_SIMPAN, {"setuju": "on"}, follow=True))
    assert not OPD.objects.filter(kode="contoh-dinas").exists()


@pytest.mark.parametrize("persona", ["kepala", "auditor"])
def test_readers_get_no_upload_page(client_for, dunia, persona):
    client = client_for(dunia.persona(persona))
    assert client.get(URL_UNGGAH).status_code == 403
    assert client.get(reverse("dataset:template")).status_code == 403
