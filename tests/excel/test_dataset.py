"""The whole OPD-year as one workbook, and its import into a database without that OPD: same figures."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection  # noqa: F401 - read by the skipif condition
from django.urls import reverse

from anggaran.models import Program
from capaian.engine import hitung_opd_tahun
from capaian.excel.dataset import isi_dataset
from capaian.models import BuktiDukung, CatatanReviu, TabelPendukung
from inti.models import OPD, Pemda, SkalaKategori
from lkjip.dataset.baris import DatasetTidakSah
from lkjip.dataset.dari_excel import impor_dataset
from lkjip.laporan.models import Laporan
from lkjip.laporan.teks import keluaran_json
from perjanjian.models import PerjanjianKinerja
from renstra.models import Indikator, Renstra
from tests.excel.conftest import baris, buka, kolom, sel, simpan


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
    Laporan.objects.filter(opd=opd).delete()  # the dataset's draft report and its narratives
    opd.delete()


def _riwayat_dengan_alasan(alasan: str) -> list:
    return [
        baris
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
        for baris in model.objects.filter(history_change_reason=alasan)
    ]


def _jumlah_semua_model() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


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

    assert hasil.tersimpan and hasil.opd_baru and not hasil.pemda_dibuat and not hasil.skala_dibuat
    # The seed's own inconsistencies are warned of (a user confirms them on the page; the command prints them).
    peringatan = [str(p) for p in hasil.peringatan]
    assert len(peringatan) == 10
    assert peringatan[0].startswith("Target, baris 53, D (Target): 0,5 memiliki 1 angka desimal, sedangkan "
                                    "indikator 3.30.05-1")
    assert sum("tidak memiliki target tahun 2022" in p for p in peringatan) == 8  # Program Penunjang's kegiatan
    assert peringatan[-1] == (  # DOMAIN.md, inconsistency 2: 433,33 against a target of 5
        "Realisasi, baris 27, D (Realisasi): Realisasi 433,33 lebih dari sepuluh kali target 5 indikator 3.31.02-1 "
        "“Persentase Peningkatan IKM Berkembang”. Periksa satuan dan letak koma."
    )
    sesudah = keluaran_json(hitung_opd_tahun(hasil.opd, 2022))
    assert sesudah == sebelum
    assert hasil.jumlah["Indikator"] == Indikator.objects.filter(opd=hasil.opd).count() > 50
    riwayat = Indikator.history.filter(opd_id=hasil.opd.pk).first()
    assert (riwayat.history_user, riwayat.history_change_reason) == (
        admin_user_demo, "Impor dataset Excel OPD disperindag tahun 2022"
    )
    # Every row written has its history row, naming the importer and the reason.
    semua = _riwayat_dengan_alasan("Impor dataset Excel OPD disperindag tahun 2022")
    assert len(semua) == sum(hasil.jumlah.values()) == 429  # with the Penunjang realisasi (fixtures)
    assert {r.history_user for r in semua} == {admin_user_demo}


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
        "Petunjuk", "Info", "Pemda", "Skala", "Periode Monev", "OPD", "Renstra", "Tujuan", "Sasaran", "Program",
        "Kegiatan", "Sub Kegiatan", "Indikator", "Target", "Variabel", "Tabel Pendukung", "Baris Tabel", "Realisasi",
        "Nilai Variabel", "Analisis", "Pagu", "Realisasi Anggaran", "Rencana Penyerapan", "PK", "Baris PK",
        "Anggaran PK", "Rencana Aksi", "Standar", "Realisasi Tahun Lalu", "Daftar Pilihan", "Capaian",
    ]
    assert wb["Daftar Pilihan"].sheet_state == "hidden"
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
    with pytest.raises(DatasetTidakSah) as exc:
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

    with pytest.raises(DatasetTidakSah) as exc:
        impor_dataset(simpan(wb))

    pesan = [str(m) for m in exc.value.masalah]
    assert "Target, baris 3, D (Target): Sel berisi rumus; yang diterima hanya nilai." in pesan
    assert "Target, baris 2, A (Indikator (Ref)): Ref “tidak-ada” tidak ada di lembar Indikator." in pesan
    assert "Pagu, baris 2, D (Pagu (Rp)): Pagu (Rp) tidak boleh negatif." in pesan
    assert OPD.objects.count() == jumlah_opd


def test_the_models_own_rules_are_reported_with_sheet_row_and_column(opd_disperindag):
    wb = buka(isi_dataset(opd_disperindag, 2022))
    _hapus_data_opd(opd_disperindag)
    wb["Renstra"]["D2"] = 2010  # Tahun akhir before Tahun awal
    wb["Indikator"]["M2"] = 7  # Desimal
    wb["Indikator"]["N3"] = "naik"  # Polaritas
    wb["Indikator"]["E4"] = "x" * 401  # Nama
    for k in "ABCD":  # the target of row 2 again on row 3
        wb["Target"][f"{k}3"] = wb["Target"][f"{k}2"].value
    wb["Variabel"]["C2"] = "2produksi"
    wb["Realisasi"]["C2"] = 5  # Tribulan
    wb["Standar"]["E2"] = 0
    sebelum = _jumlah_semua_model()

    with pytest.raises(DatasetTidakSah) as exc:
        impor_dataset(simpan(wb))

    assert [str(m) for m in exc.value.masalah] == [
        # What the reader refuses (a choice it does not know) comes first, then what the models refuse.
        "Indikator, baris 3, N (Polaritas): “naik” bukan pilihan yang dikenal. Pilih salah satu: Positif (makin "
        "tinggi makin baik); Negatif (makin rendah makin baik).",
        "Renstra, baris 2: Tahun akhir Renstra harus setelah tahun awal.",
        "Indikator, baris 2, M (Desimal): Pastikan nilai ini lebih kecil dari atau sama dengan 6.",
        "Indikator, baris 4, E (Nama): Pastikan nilai ini mengandung paling banyak 400 karakter (sekarang 401 karakter).",
        "Target, baris 3, C (Dokumen): Target indikator ini untuk tahun dan dokumen tersebut sudah ada. "
        "Sama dengan Target, baris 2.",
        "Variabel, baris 2, C (Nama di rumus): Nama variabel hanya huruf kecil, angka dan garis bawah, dan tidak "
        "diawali angka (mis. produksi_n1).",
        "Realisasi, baris 2, C (Tribulan): Nilai 5 bukan pilihan yang valid. Pilihan: 1, 2, 3, 4.",
        "Standar, baris 2, E (Nilai standar): Nilai standar harus lebih dari nol.",
    ]
    assert _jumlah_semua_model() == sebelum


def test_a_formula_the_model_refuses_rolls_the_whole_import_back(opd_disperindag):
    wb = buka(isi_dataset(opd_disperindag, 2022))
    _hapus_data_opd(opd_disperindag)
    ws = wb["Indikator"]
    nomor = baris(ws, {"Kode": "S2.1-1"})
    sel(ws, nomor, "Rumus hitung").value = "produksi_n / produksi_n2"
    sebelum = _jumlah_semua_model()

    with pytest.raises(DatasetTidakSah) as exc:
        impor_dataset(simpan(wb))

    assert [str(m) for m in exc.value.masalah] == [
        f"Indikator, baris {nomor}, J (Rumus hitung): Nama tidak dikenal: produksi_n2 (kolom 14)."
    ]
    assert _jumlah_semua_model() == sebelum


def _sebagai_tahun_2023(wb) -> None:
    """The same year's data as if it were 2023's: what another year's export of the OPD looks like."""
    wb["Info"]["B4"] = "2023"
    for judul in ("Periode Monev", "Program", "PK", "Tabel Pendukung", "Realisasi", "Nilai Variabel", "Analisis"):
        ws = wb[judul]
        for nomor in range(2, ws.max_row + 1):
            ws.cell(row=nomor, column=kolom(ws, "Tahun"), value=2023)


def test_another_year_of_a_stored_opd_is_added_next_to_what_it_shares(opd_disperindag, admin_user_demo):
    wb = buka(isi_dataset(opd_disperindag, 2022))
    _sebagai_tahun_2023(wb)
    renstra = list(Renstra.objects.filter(opd=opd_disperindag).values_list("pk", flat=True))
    riwayat_renstra = Indikator.history.filter(level__in=["tujuan", "sasaran"]).count()

    hasil = impor_dataset(simpan(wb), user=admin_user_demo)

    assert hasil.opd == opd_disperindag and not hasil.pemda_dibuat
    # The plan the years share is found, equal, and left as it is: nothing created, nothing rewritten.
    assert "Renstra" not in hasil.jumlah and "Tujuan" not in hasil.jumlah
    assert list(Renstra.objects.filter(opd=opd_disperindag).values_list("pk", flat=True)) == renstra
    assert Indikator.history.filter(level__in=["tujuan", "sasaran"]).count() == riwayat_renstra
    # The year's own rows are new.
    assert (hasil.jumlah["Program"], hasil.jumlah["PK"], hasil.jumlah["Periode Monev"]) == (8, 2, 4)
    assert Program.objects.filter(opd=opd_disperindag, tahun=2022).count() == 8
    capaian = {i["kode"]: i["capaian"] for i in keluaran_json(hitung_opd_tahun(opd_disperindag, 2023))["indikator"]}
    assert (capaian["S2.1-1"], capaian["S2.2-1"]) == ("94.00", "416.70")


def test_another_year_never_overwrites_a_shared_row_that_differs(opd_disperindag):
    wb = buka(isi_dataset(opd_disperindag, 2022))
    _sebagai_tahun_2023(wb)
    ws = wb["Indikator"]
    nomor = baris(ws, {"Kode": "S2.1-1"})
    sel(ws, nomor, "Nama").value = "Persentase Produksi"
    sebelum = _jumlah_semua_model()

    with pytest.raises(DatasetTidakSah) as exc:
        impor_dataset(simpan(wb))

    assert [str(m) for m in exc.value.masalah] == [
        f"Indikator, baris {nomor}, E (Nama): Nama indikator tersimpan “Persentase Peningkatan Produksi Sektor "
        "Unggulan”, di sini “Persentase Produksi”; data yang tersimpan tidak ditimpa."
    ]
    assert _jumlah_semua_model() == sebelum


def test_command_imports_the_file_and_reports_problems(tmp_path, opd_disperindag):
    berkas = tmp_path / "dataset.xlsx"
    berkas.write_bytes(isi_dataset(opd_disperindag, 2022))
    with pytest.raises(CommandError, match="Sebutkan alasan impor dengan --alasan"):
        call_command("impor_dataset_excel", str(berkas), stdout=io.StringIO())
    with pytest.raises(CommandError, match="sudah ada di basis data ini"):
        call_command("impor_dataset_excel", str(berkas), "--alasan", "Pindah server", stdout=io.StringIO())
    sebelum = keluaran_json(hitung_opd_tahun(opd_disperindag, 2022))
    _hapus_data_opd(opd_disperindag)
    periksa = io.StringIO()
    call_command("impor_dataset_excel", str(berkas), "--periksa", stdout=periksa)
    assert "terbaca tanpa masalah; tidak ada yang disimpan (--periksa)." in periksa.getvalue()
    assert "Perhatian: Realisasi, baris 27, D (Realisasi): Realisasi 433,33 lebih dari sepuluh kali" in periksa.getvalue()
    assert not OPD.objects.filter(kode="disperindag").exists()
    keluaran = io.StringIO()
    call_command("impor_dataset_excel", str(berkas), "--oleh", "admin", "--alasan", "Pindah server", stdout=keluaran)
    assert "Dataset OPD disperindag tahun 2022 diimpor." in keluaran.getvalue()
    program = Program.history.filter(opd_id=OPD.objects.get(kode="disperindag").pk, tahun=2022).first()
    assert (program.history_user.username, program.history_change_reason) == ("admin", "Pindah server")
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


def test_pk_status_rencana_aksi_and_rencana_penyerapan_survive_the_round_trip(opd_disperindag, admin_user_demo):
    from decimal import Decimal

    from anggaran.models import RencanaPenyerapan, SubKegiatan
    from perjanjian.models import BarisPK, RencanaAksi
    from tests.test_dataset import _baris_tersimpan

    perubahan = PerjanjianKinerja.objects.get(opd=opd_disperindag, tahun=2022, revisi=1)
    PerjanjianKinerja.objects.filter(pk=perubahan.pk).update(status="draf")
    for baris_pk in BarisPK.objects.filter(pk_dokumen=perubahan):
        RencanaAksi.objects.bulk_create(
            RencanaAksi(baris_pk=baris_pk, tribulan=tw, target=baris_pk.target * tw / 4, uraian=f"Langkah TW {tw}")
            for tw in (1, 2, 3, 4)
        )
    sub = SubKegiatan.objects.filter(kegiatan__program__opd=opd_disperindag).order_by("kode")[:2]
    RencanaPenyerapan.objects.bulk_create(
        RencanaPenyerapan(sub_kegiatan=s, tribulan=tw, nilai=Decimal(1000000 * tw)) for s in sub for tw in (1, 2, 3, 4)
    )
    wb = buka(isi_dataset(opd_disperindag, 2022))
    ws = wb["Rencana Aksi"]
    assert [c.value for c in ws[1]] == ["PK (Ref)", "Indikator (Ref)", "Tribulan", "Target tribulan", "Rencana aksi"]
    assert ws.max_row == 1 + 4 * BarisPK.objects.filter(pk_dokumen=perubahan).count()
    _sebagai_instalasi_lain(wb)

    hasil = impor_dataset(simpan(wb), user=admin_user_demo)

    assert (hasil.jumlah["Rencana Aksi"], hasil.jumlah["Rencana Penyerapan"]) == (ws.max_row - 1, 8)
    assert _baris_tersimpan(hasil.opd) == _baris_tersimpan(opd_disperindag)
    assert PerjanjianKinerja.objects.get(opd=hasil.opd, revisi=1).status == "draf"
    assert PerjanjianKinerja.objects.get(opd=hasil.opd, revisi=0).status == "disetujui"


def _sebagai_versi_1(wb) -> None:
    """What a file exported before this format version holds: codes in the choice columns, a negative rule on
    every indicator, no PK status, no Rencana Aksi and no Rencana Penyerapan."""
    from capaian.excel.dataset import SEMUA_LEMBAR, kode_pilihan

    wb["Info"]["B2"] = "1"
    for judul in ("Petunjuk", "Rencana Aksi", "Rencana Penyerapan", "Daftar Pilihan"):
        del wb[judul]
    for lembar in SEMUA_LEMBAR:
        if lembar.judul not in wb.sheetnames:
            continue
        ws = wb[lembar.judul]
        ws.data_validations.dataValidation = []
        for k in lembar.kolom:
            if k.jenis != "pilihan":
                continue
            nomor_kolom = kolom(ws, k.judul)
            for nomor in range(2, ws.max_row + 1):
                sel_ = ws.cell(row=nomor, column=nomor_kolom)
                if sel_.value:
                    sel_.value = kode_pilihan(sel_.value, lembar.pilihan(k))
                elif k.nama == "aturan_negatif":
                    sel_.value = "2t_minus_r"
    wb["PK"].delete_cols(kolom(wb["PK"], "Status"))


def test_a_file_of_the_first_format_with_codes_still_loads(dunia):
    from capaian.excel.dataset import template_dataset
    from perjanjian.models import RencanaAksi

    wb = template_dataset(dunia.pemda, 2024)
    _sebagai_versi_1(wb)
    ws = wb["Indikator"]
    assert [ws.cell(row=r, column=kolom(ws, "Rumus polaritas negatif")).value for r in (2, 3, 4)] == ["2t_minus_r"] * 3
    assert ws.cell(row=4, column=kolom(ws, "Level")).value == "sub_kegiatan"
    assert ws.cell(row=4, column=kolom(ws, "Agregasi Tribulan")).value == "jumlah"

    hasil = impor_dataset(simpan(wb), user=dunia.admin)

    assert hasil.tersimpan and hasil.peringatan == []  # v1 wrote a rule on every indicator: nothing to warn of
    assert "Rencana Aksi" not in hasil.jumlah
    assert PerjanjianKinerja.objects.get(opd=hasil.opd, tahun=2024).status == "disetujui"
    indikator = {i.kode: (i.level, i.polaritas, i.aturan_negatif, i.agregasi) for i in Indikator.objects.filter(opd=hasil.opd)}
    assert indikator == {
        "1.1-1": ("sasaran", "positif", "2t_minus_r", "kumulatif"),
        "1.1-2": ("sasaran", "negatif", "2t_minus_r", "rata_rata"),
        "SK-1": ("sub_kegiatan", "positif", "2t_minus_r", "jumlah"),
    }
    assert not RencanaAksi.objects.filter(baris_pk__pk_dokumen__opd=hasil.opd).exists()


def test_labels_and_codes_mixed_in_one_file_import_alike(dunia):
    from capaian.excel.dataset import template_dataset

    wb = template_dataset(dunia.pemda, 2024)
    ws = wb["Indikator"]
    sel(ws, 3, "Rumus polaritas negatif").value = "t_per_r"  # a code where the drop-down wrote a label
    sel(ws, 3, "Agregasi Tribulan").value = "  terakhir "
    sel(ws, 4, "Level").value = "SUB KEGIATAN"
    wb["Pagu"]["C2"] = "dpa_perubahan"

    hasil = impor_dataset(simpan(wb), user=dunia.admin)

    harga = Indikator.objects.get(opd=hasil.opd, kode="1.1-2")
    assert (harga.aturan_negatif, harga.agregasi) == ("t_per_r", "terakhir")
    assert Indikator.objects.get(opd=hasil.opd, kode="SK-1").level == "sub_kegiatan"
    from anggaran.models import PaguAnggaran

    assert PaguAnggaran.objects.get(program__opd=hasil.opd).dokumen == "dpa_perubahan"


def test_a_negative_indicator_without_its_rule_is_refused(dunia):
    from capaian.excel.dataset import template_dataset

    wb = template_dataset(dunia.pemda, 2024)
    sel(wb["Indikator"], 3, "Rumus polaritas negatif").value = None

    with pytest.raises(DatasetTidakSah) as exc:
        impor_dataset(simpan(wb), user=dunia.admin)

    assert [str(m) for m in exc.value.masalah] == [
        "Indikator, baris 3, O (Rumus polaritas negatif): Wajib diisi untuk indikator berpolaritas negatif: "
        "(2T − R) / T × 100 atau T / R × 100."
    ]
