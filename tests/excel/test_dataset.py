"""The whole OPD-year as one workbook, and its import into a database without that OPD: same figures."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection  # noqa: F401 - read by the skipif condition
from django.urls import reverse

from anggaran.models import Program
from capaian.engine import hitung_opd_tahun
from capaian.excel.dataset import ImporGagal, impor_dataset, isi_dataset
from capaian.management.commands.capaian import keluaran_json
from capaian.models import BuktiDukung, CatatanReviu, TabelPendukung
from inti.models import OPD, Pemda, SkalaKategori
from perjanjian.models import PerjanjianKinerja
from renstra.models import Indikator, Renstra
from tests.excel.conftest import baris, buka, sel, simpan


def _hapus_data_opd(opd) -> None:
    """Remove the OPD and everything hanging on it, in the order its PROTECT keys allow."""
    BuktiDukung.objects.filter(indikator__opd=opd).delete()
    CatatanReviu.objects.filter(opd=opd).delete()
    for pk in PerjanjianKinerja.objects.filter(opd=opd).order_by("-revisi"):
        pk.delete()
    Indikator.objects.filter(opd=opd).delete()
    TabelPendukung.objects.filter(opd=opd).delete()
    Program.objects.filter(opd=opd).delete()
    for renstra in Renstra.objects.filter(opd=opd).order_by("-revisi_ke", "-pk"):
        renstra.delete()
    opd.delete()


def _unduh(client_for, user, kode="disperindag", tahun=2022) -> bytes:
    response = client_for(user).get(reverse("excel:dataset", args=[kode, tahun]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="dataset-{kode}-{tahun}.xlsx"'
    return response.content


def test_export_import_round_trip_gives_the_same_figures(client_for, auditor_user, admin_user_demo,
                                                         opd_disperindag):
    sebelum = keluaran_json(hitung_opd_tahun(opd_disperindag, 2022))
    assert any(i["kode"] == "S2.1-1" and i["capaian"] == "94.00" for i in sebelum["indikator"])  # Tabel 3.6
    data = _unduh(client_for, auditor_user)

    _hapus_data_opd(opd_disperindag)
    assert not OPD.objects.filter(kode="disperindag").exists()
    assert not Indikator.objects.filter(kode="S2.1-1").exists()

    hasil = impor_dataset(data, user=admin_user_demo)

    assert not hasil.pemda_dibuat and not hasil.skala_dibuat and hasil.peringatan == []
    sesudah = keluaran_json(hitung_opd_tahun(hasil.opd, 2022))
    assert sesudah == sebelum
    assert hasil.jumlah["Indikator"] == Indikator.objects.filter(opd=hasil.opd).count() > 50
    riwayat = Indikator.history.filter(opd_id=hasil.opd.pk).first()
    assert (riwayat.history_user, riwayat.history_change_reason) == (admin_user_demo, "Impor dataset Excel")


def _sebagai_instalasi_lain(wb) -> None:
    """The same year as it would arrive from another installation: codes this database lacks."""
    wb["Info"]["B3"] = "disperindag-baru"
    wb["OPD"]["A2"] = "disperindag-baru"
    wb["Pemda"]["A2"] = "kota-baru"


def test_import_creates_the_pemda_and_uses_the_default_scale_with_the_same_bands(opd_disperindag):
    sebelum = keluaran_json(hitung_opd_tahun(opd_disperindag, 2022))
    wb = buka(isi_dataset(opd_disperindag, 2022))
    _sebagai_instalasi_lain(wb)
    jumlah_skala = SkalaKategori.objects.count()

    hasil = impor_dataset(simpan(wb))

    assert hasil.pemda_dibuat and not hasil.skala_dibuat
    pemda = Pemda.objects.get(kode="kota-baru")
    assert pemda.skala_kategori is None
    assert SkalaKategori.objects.count() == jumlah_skala
    assert keluaran_json(hitung_opd_tahun(hasil.opd, 2022)) == {**sebelum, "opd": "disperindag-baru"}


def test_import_creates_the_pemda_own_scale_when_it_had_one(opd_disperindag):
    sebelum = keluaran_json(hitung_opd_tahun(opd_disperindag, 2022))
    wb = buka(isi_dataset(opd_disperindag, 2022))
    _sebagai_instalasi_lain(wb)
    ws = wb["Skala"]
    for nomor in range(2, ws.max_row + 1):
        ws.cell(row=nomor, column=1, value="Skala Kota Baru")
    wb["Pemda"]["F2"] = "Skala Kota Baru"

    hasil = impor_dataset(simpan(wb))

    assert hasil.pemda_dibuat and hasil.skala_dibuat
    skala = Pemda.objects.get(kode="kota-baru").skala_kategori
    assert (skala.nama, skala.bawaan) == ("Skala Kota Baru", False)
    assert list(skala.rentang_set.order_by("urutan").values_list("nama", flat=True)) == [
        "Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"
    ]
    assert keluaran_json(hitung_opd_tahun(hasil.opd, 2022)) == {**sebelum, "opd": "disperindag-baru"}


def test_dataset_workbook_holds_every_kind_of_input(opd_disperindag):
    wb = buka(isi_dataset(opd_disperindag, 2022))
    assert wb.sheetnames == [
        "Info", "Pemda", "Skala", "Periode Monev", "OPD", "Renstra", "Tujuan", "Sasaran", "Program", "Kegiatan",
        "Sub Kegiatan", "Indikator", "Target", "Variabel", "Tabel Pendukung", "Baris Tabel", "Realisasi",
        "Nilai Variabel", "Analisis", "Pagu", "Realisasi Anggaran", "PK", "Baris PK", "Anggaran PK", "Standar",
        "Realisasi Tahun Lalu", "Capaian",
    ]
    ws = wb["Baris Tabel"]
    nomor = baris(ws, {"Uraian": "Produk Olahan Kayu", "Kolom": "2022"})
    assert sel(ws, nomor, "Nilai").value == 231120000000  # Tabel 3.10
    ws = wb["Anggaran PK"]
    assert sum(ws.cell(row=r, column=4).value for r in range(2, ws.max_row + 1)) > 0
    ws = wb["Capaian"]
    nomor = baris(ws, {"Kode": "S2.2-1"})
    assert (sel(ws, nomor, "Realisasi").value, sel(ws, nomor, "Capaian (%)").value) == (4.167, 416.7)


def test_indicator_name_starting_with_equals_is_exported_as_text(opd_disperindag):
    Indikator.objects.filter(opd=opd_disperindag, kode="S2.1-1").update(nama='=HYPERLINK("http://x.invalid")')
    ws = buka(isi_dataset(opd_disperindag, 2022))["Indikator"]
    nama = sel(ws, baris(ws, {"Kode": "S2.1-1"}), "Nama")
    assert (nama.value, nama.data_type) == ('=HYPERLINK("http://x.invalid")', "s")


def test_import_refuses_an_opd_that_already_holds_data(opd_disperindag):
    with pytest.raises(ImporGagal) as exc:
        impor_dataset(isi_dataset(opd_disperindag, 2022))
    assert "OPD disperindag sudah ada di basis data ini dan berisi data" in str(exc.value)


def test_import_checks_everything_first_and_writes_nothing_on_a_problem(opd_disperindag):
    wb = buka(isi_dataset(opd_disperindag, 2022))
    _hapus_data_opd(opd_disperindag)
    ws = wb["Target"]
    ws["A2"] = "tidak-ada"
    ws["D3"] = "=1+1"
    wb["Pagu"]["D2"] = -1
    jumlah_opd = OPD.objects.count()

    with pytest.raises(ImporGagal) as exc:
        impor_dataset(simpan(wb))

    pesan = [str(m) for m in exc.value.masalah]
    assert "Target, baris 3, D (Target): Sel berisi rumus; yang diterima hanya nilai." in pesan
    assert "Target, baris 2, A (Indikator (Ref)): Ref “tidak-ada” tidak ada di lembar Indikator." in pesan
    assert "Pagu, baris 2, D (Pagu (Rp)): Pagu (Rp) tidak boleh negatif." in pesan
    assert OPD.objects.count() == jumlah_opd


def test_command_imports_the_file_and_reports_problems(tmp_path, opd_disperindag):
    berkas = tmp_path / "dataset.xlsx"
    berkas.write_bytes(isi_dataset(opd_disperindag, 2022))
    with pytest.raises(CommandError, match="sudah ada di basis data ini"):
        call_command("impor_dataset_excel", str(berkas), stdout=io.StringIO())
    sebelum = keluaran_json(hitung_opd_tahun(opd_disperindag, 2022))
    _hapus_data_opd(opd_disperindag)
    keluaran = io.StringIO()
    call_command("impor_dataset_excel", str(berkas), "--pengguna", "admin", stdout=keluaran)
    assert "Dataset OPD disperindag tahun 2022 diimpor." in keluaran.getvalue()
    assert keluaran_json(hitung_opd_tahun(OPD.objects.get(kode="disperindag"), 2022)) == sebelum


@pytest.mark.parametrize("persona, status", [("auditor_user", 200), ("kepala_user", 200), ("operator2_user", 404)])
def test_dataset_download_follows_read_access(request, client_for, persona, status):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("excel:dataset", args=["disperindag", 2022])).status_code == status


def _query_ekspor(opd) -> int:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as konteks:
        isi_dataset(opd, 2022)
    return len(konteks.captured_queries)


def test_export_runs_the_same_number_of_queries_for_a_larger_opd(opd_disperindag):
    from bench.sintetis import buat_opd_sintetis

    assert _query_ekspor(opd_disperindag) == _query_ekspor(buat_opd_sintetis("dataset-sintetis", kali=3))


@pytest.mark.skipif("connection.vendor == 'sqlite'", reason="SQLite keeps decimals as floats")
def test_values_longer_than_excel_keeps_survive_the_round_trip_exactly(opd_disperindag):
    from decimal import Decimal

    from capaian.models import BarisTabelPendukung

    panjang = Decimal("12345678901234567.12345678")
    BarisTabelPendukung.objects.filter(label="Produk Logam", kolom="2021").update(nilai=panjang)
    data = isi_dataset(opd_disperindag, 2022)
    _hapus_data_opd(opd_disperindag)
    impor_dataset(data)
    assert BarisTabelPendukung.objects.get(label="Produk Logam", kolom="2021").nilai == panjang
