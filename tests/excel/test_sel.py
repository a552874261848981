"""Cells in and out: exact numbers, Indonesian text numbers, and the file checks before parsing."""

import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from capaian.excel.sel import (
    AngkaTidakSah,
    BerkasDitolak,
    angka_keluar,
    baca_angka,
    periksa_berkas,
    tulis_angka,
)
from inti.periode import NILAI_DIGITS, UANG_DIGITS


@pytest.mark.parametrize("mentah, hasil", [
    (0.094, Decimal("0.094")),  # Tabel 3.6
    ("0,094", Decimal("0.094")),
    (3835029, Decimal("3835029")),  # Tabel 3.7
    ("3.835.029", Decimal("3835029")),
    ("1.234.567,89", Decimal("1234567.89")),
    (0.1 + 0.2, Decimal("0.3")),  # binary noise beyond Excel's 15 digits is dropped
    (-8.26, Decimal("-8.26")),
    (Decimal("4.1667"), Decimal("4.1667")),
])
def test_numbers_are_read_exactly(mentah, hasil):
    assert baca_angka(mentah, **NILAI_DIGITS) == hasil


@pytest.mark.parametrize("mentah, pesan", [
    ("1.5", "koma sebagai pemisah desimal"),  # a dot is only a thousands separator
    ("abc", "bukan angka"),
    (True, "bukan angka"),
    (1e16, "terlalu banyak digit untuk angka Excel"),
    ("123.456.789.012.345.678.901,5", "paling banyak 20 angka sebelum koma"),
    ("0,123456789", "paling banyak 8 angka di belakang koma"),
])
def test_bad_numbers_are_refused_with_a_reason(mentah, pesan):
    with pytest.raises(AngkaTidakSah) as exc:
        baca_angka(mentah, **NILAI_DIGITS)
    assert pesan in exc.value.pesan.lower() or pesan in exc.value.pesan


def test_rupiah_is_not_rounded_silently_and_may_not_be_negative():
    assert baca_angka(12570161658, **UANG_DIGITS) == Decimal("12570161658")
    with pytest.raises(AngkaTidakSah, match="paling banyak 2 angka di belakang koma"):
        baca_angka(1234.567, **UANG_DIGITS)
    with pytest.raises(AngkaTidakSah, match="tidak boleh negatif"):
        baca_angka(-5, boleh_negatif=False, **UANG_DIGITS)


def test_values_excel_would_round_are_written_as_exact_text():
    assert angka_keluar(Decimal("0.09400000")) == Decimal("0.094")
    assert angka_keluar(Decimal("221875200000.00000000")) == 221875200000  # Tabel 3.10
    assert angka_keluar(Decimal("12345678901234567.12345678")) == "12.345.678.901.234.567,12345678"
    wb = Workbook()
    tulis_angka(wb.active, 1, 1, Decimal("12345678901234567.12345678"))
    tulis_angka(wb.active, 2, 1, Decimal("0.094"))
    keluaran = io.BytesIO()
    wb.save(keluaran)
    ws = load_workbook(io.BytesIO(keluaran.getvalue())).active
    assert ws["A1"].value == "12.345.678.901.234.567,12345678"
    assert ws["A1"].data_type == "s"
    assert baca_angka(ws["A1"].value, **NILAI_DIGITS) == Decimal("12345678901234567.12345678")
    assert baca_angka(ws["A2"].value, **NILAI_DIGITS) == Decimal("0.094")


def _zip(berkas: dict[str, bytes]) -> bytes:
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as z:
        for nama, isi in berkas.items():
            z.writestr(nama, isi)
    return keluaran.getvalue()


def test_file_checks_look_at_content_not_name():
    with pytest.raises(BerkasDitolak, match="bukan buku kerja Excel"):
        periksa_berkas(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    with pytest.raises(BerkasDitolak, match="bukan buku kerja Excel"):
        periksa_berkas(_zip({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<Types/>"}))
    makro = b'<Types><Override ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>'
    with pytest.raises(BerkasDitolak, match="bermakro"):
        periksa_berkas(_zip({"[Content_Types].xml": makro, "xl/workbook.xml": b"<workbook/>"}))
    with pytest.raises(BerkasDitolak, match="terlalu besar"):
        periksa_berkas(b"x" * 2000, maks=1000)


def test_a_zip_bomb_is_refused_before_parsing():
    bom = _zip({
        "[Content_Types].xml": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "xl/workbook.xml": b"<workbook/>",
        "xl/worksheets/sheet1.xml": b" " * (20 * 1024 * 1024),
    })
    assert len(bom) < 100 * 1024
    with pytest.raises(BerkasDitolak, match="setelah dibuka"):
        periksa_berkas(bom, maks=100 * 1024)
