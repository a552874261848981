"""The template offered on the upload page: instructions, drop-downs of labels, examples right for their polarity."""

from django.urls import reverse

from tests.excel.conftest import buka, kolom


def _template(client_for, user, tahun=2024):
    response = client_for(user).get(reverse("dataset:template"), {"tahun": tahun})
    assert response.status_code == 200
    return buka(response.content)


def _daftar(wb, ws, judul: str) -> list[str]:
    """The labels the drop-down of a column offers."""
    huruf = ws.cell(row=1, column=kolom(ws, judul)).column_letter
    for dv in ws.data_validations.dataValidation:
        if any(str(r).startswith(f"{huruf}2:") for r in dv.sqref.ranges):
            lembar, rentang = dv.formula1.split("!")
            assert dv.type == "list" and lembar == "'Daftar Pilihan'"
            return [c.value for baris in wb["Daftar Pilihan"][rentang.replace("$", "")] for c in baris]
    raise AssertionError(f"kolom {judul} tanpa daftar pilihan")


def test_template_opens_on_the_instructions_in_indonesian(client_for, dunia):
    wb = _template(client_for, dunia.operator)
    assert wb.sheetnames[:2] == ["Petunjuk", "Info"]
    petunjuk = [c.value for c in wb["Petunjuk"]["A"] if c.value]
    assert petunjuk[0] == "Petunjuk pengisian dataset OPD"
    assert any("Kode lama (mis. 2t_minus_r, t_per_r, jumlah, sub_kegiatan, dpa_perubahan) tetap diterima" in t
               for t in petunjuk)
    assert "Rencana Aksi" in petunjuk and "Realisasi Anggaran" in petunjuk  # every sheet explained
    info = {wb["Info"].cell(row=r, column=1).value: wb["Info"].cell(row=r, column=2).value for r in range(1, 7)}
    assert (info["versi_format"], info["opd"], info["tahun"]) == ("2", "contoh-dinas", "2024")
    assert wb["Pemda"]["A2"].value == "kota-pasuruan"  # the user's own Pemda


def test_choice_columns_offer_labels_in_drop_down_lists(client_for, dunia):
    wb = _template(client_for, dunia.admin)
    ws = wb["Indikator"]
    assert _daftar(wb, ws, "Polaritas") == ["Positif (makin tinggi makin baik)", "Negatif (makin rendah makin baik)"]
    assert _daftar(wb, ws, "Rumus polaritas negatif") == ["(2T − R) / T × 100", "T / R × 100"]
    assert _daftar(wb, ws, "Agregasi Tribulan")[0] == "Kumulatif (nilai Tribulan IV = nilai tahunan)"
    assert "Sub kegiatan" in _daftar(wb, ws, "Level")
    assert _daftar(wb, wb["Target"], "Dokumen") == ["Renstra", "Renja", "DPA", "DPA Perubahan"]
    assert _daftar(wb, wb["Pagu"], "Level") == ["Program", "Kegiatan", "Sub kegiatan"]
    assert _daftar(wb, wb["PK"], "Dokumen anggaran") == ["DPA", "DPA Perubahan"]
    assert _daftar(wb, wb["PK"], "Status") == ["Draf", "Disetujui kepala OPD"]
    assert _daftar(wb, ws, "IKU") == ["Ya", "Tidak"]
    assert wb["Daftar Pilihan"].sheet_state == "hidden"


def test_example_rows_are_right_for_their_polarity(client_for, dunia):
    ws = _template(client_for, dunia.admin)["Indikator"]
    contoh = [
        [ws.cell(row=r, column=kolom(ws, j)).value for j in ("Kode", "Polaritas", "Rumus polaritas negatif", "Level")]
        for r in range(2, ws.max_row + 1)
    ]
    assert contoh == [
        ["1.1-1", "Positif (makin tinggi makin baik)", None, "Sasaran"],
        ["1.1-2", "Negatif (makin rendah makin baik)", "(2T − R) / T × 100", "Sasaran"],
        ["SK-1", "Positif (makin tinggi makin baik)", None, "Sub kegiatan"],
    ]


def test_the_dataset_export_carries_the_same_instructions_and_labels(client_for, dunia):
    wb = buka(client_for(dunia.auditor).get(reverse("excel:dataset", args=["disperindag", 2022])).content)
    assert wb.sheetnames[0] == "Petunjuk"
    ws = wb["Indikator"]
    baris = {ws.cell(row=r, column=kolom(ws, "Kode")).value: r for r in range(2, ws.max_row + 1)}
    harga = baris["3.30.04-1"]  # price fluctuation: negative (Tabel 3.9)
    produksi = baris["S2.1-1"]
    nilai = lambda r, j: ws.cell(row=r, column=kolom(ws, j)).value  # noqa: E731
    assert (nilai(harga, "Polaritas"), nilai(harga, "Rumus polaritas negatif")) == (
        "Negatif (makin rendah makin baik)", "(2T − R) / T × 100"
    )
    assert (nilai(produksi, "Polaritas"), nilai(produksi, "Rumus polaritas negatif")) == (
        "Positif (makin tinggi makin baik)", None
    )
    assert _daftar(wb, ws, "Polaritas")[1] == "Negatif (makin rendah makin baik)"


def test_template_year_outside_the_supported_range_is_not_found(client_for, dunia):
    assert client_for(dunia.admin).get(reverse("dataset:template"), {"tahun": "1800"}).status_code == 404
