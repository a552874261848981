"""Formulas of indicators (renstra.formula): what is accepted, what is refused and why, and evaluation
on Decimal with missing values as reasons instead of exceptions."""

from decimal import Decimal

import pytest

from renstra.formula import FormulaError, hitung_rumus, nama_dalam_rumus, validasi_rumus

PRODUKSI = "(produksi_n - produksi_n1) / produksi_n1 * 100"


def test_seed_production_growth_is_computed_on_decimal_from_the_table_sums():
    hasil = hitung_rumus(PRODUKSI, {"produksi_n": Decimal(3835029), "produksi_n1": Decimal(3831430)})
    assert hasil.alasan is None
    assert isinstance(hasil.nilai, Decimal)
    assert hasil.nilai.quantize(Decimal("0.00001")) == Decimal("0.09393")


def test_seed_turnover_growth_is_4_1667():
    hasil = hitung_rumus(
        "(omset_n - omset_n1) / omset_n1 * 100",
        {"omset_n": Decimal("280532126312"), "omset_n1": Decimal("269310841260")},
    )
    assert hasil.nilai.quantize(Decimal("0.0001")) == Decimal("4.1667")


def test_literals_are_exact_decimals_not_floats():
    # As floats 0.1 * 3 is 0.30000000000000004.
    assert hitung_rumus("0.1 * 3", {}).nilai == Decimal("0.3")
    assert hitung_rumus("a * 0.1", {"a": Decimal(3)}).nilai == Decimal("0.3")
    assert hitung_rumus("1_000 + 0.5", {}).nilai == Decimal("1000.5")


def test_unary_minus_parentheses_and_the_three_functions():
    assert hitung_rumus("-(a - b)", {"a": Decimal(2), "b": Decimal(5)}).nilai == Decimal(3)
    assert hitung_rumus("abs(a - b)", {"a": Decimal(2), "b": Decimal(5)}).nilai == Decimal(3)
    assert hitung_rumus("min(a, b, 4)", {"a": Decimal(7), "b": Decimal(5)}).nilai == Decimal(4)
    assert hitung_rumus("max(a, b)", {"a": Decimal(7), "b": Decimal(5)}).nilai == Decimal(7)


def test_division_by_zero_is_a_missing_value_with_its_reason():
    hasil = hitung_rumus("a / b * 100", {"a": Decimal(1), "b": Decimal(0)})
    assert hasil.nilai is None
    assert hasil.alasan == "pembagian dengan nol"


def test_missing_inputs_are_named_in_the_reason():
    hasil = hitung_rumus("ikm_berkembang / ikm_dilatih * 100", {"ikm_berkembang": Decimal(80)})
    assert hasil.nilai is None
    assert hasil.alasan == "input formula belum lengkap: ikm_dilatih"


def test_an_input_set_to_none_counts_as_missing():
    hasil = hitung_rumus("a + b", {"a": None, "b": None})
    assert hasil.alasan == "input formula belum lengkap: a, b"


def test_an_invalid_formula_evaluates_to_a_reason_not_an_exception():
    hasil = hitung_rumus("open('f')", {})
    assert hasil.nilai is None
    assert hasil.alasan.startswith("rumus tidak valid: ")


def test_a_result_beyond_decimal_range_is_a_reason():
    assert hitung_rumus("1e999999999 * 10", {}).alasan == "hasil rumus di luar jangkauan"


def test_names_are_listed_in_reading_order_without_function_names():
    assert nama_dalam_rumus("max(b, a) + c * b") == ("b", "a", "c")
    assert nama_dalam_rumus(PRODUKSI) == ("produksi_n", "produksi_n1")


def test_a_valid_formula_with_declared_names_passes():
    validasi_rumus(PRODUKSI, {"produksi_n", "produksi_n1"})
    validasi_rumus("  a / b * 100  ", {"a", "b"})


def test_an_unknown_name_is_named_with_its_column():
    with pytest.raises(FormulaError) as exc:
        validasi_rumus("(produksi_n - prodksi_n) / produksi_n1 * 100", {"produksi_n", "produksi_n1"})
    assert str(exc.value) == "Nama tidak dikenal: prodksi_n (kolom 15)."


def test_a_syntax_error_says_where():
    with pytest.raises(FormulaError) as exc:
        validasi_rumus("produksi_n - ) produksi_n1", {"produksi_n", "produksi_n1"})
    assert str(exc.value) == "Rumus tidak dapat dibaca di kolom 14 (kurung tutup tanpa pasangan)."


def test_a_formula_that_stops_too_early_points_past_its_end():
    with pytest.raises(FormulaError) as exc:
        validasi_rumus("a +", {"a"})
    assert str(exc.value) == "Rumus tidak dapat dibaca di kolom 4."


def test_an_unclosed_parenthesis_is_explained():
    with pytest.raises(FormulaError, match=r"kolom 1 \(kurung buka tanpa pasangan\)"):
        validasi_rumus("(a + b", {"a", "b"})


def test_columns_count_leading_spaces_the_user_typed():
    with pytest.raises(FormulaError, match="kolom 3"):
        validasi_rumus("  a.b", {"a"})


def test_a_decimal_comma_is_refused_with_a_hint():
    with pytest.raises(FormulaError, match="pemisah desimal ditulis dengan titik"):
        validasi_rumus("a * 1,5", {"a"})


def test_empty_and_overlong_formulas_are_refused():
    with pytest.raises(FormulaError, match="Rumus kosong"):
        validasi_rumus("   ", set())
    with pytest.raises(FormulaError, match="terlalu panjang"):
        validasi_rumus("a + " * 200 + "a", {"a"})


@pytest.mark.parametrize(
    ("rumus", "pesan"),
    [
        ("__import__('os')", "pemanggilan fungsi '__import__'"),
        ("a.__class__", "akses atribut"),
        ("x[0]", "indeks atau potongan"),
        ("open('f')", "pemanggilan fungsi 'open'"),
        ("lambda: 1", "lambda"),
        ("(1).real", "akses atribut"),
        ("9**9**9", "operator **"),
        ("a ** 2", "operator **"),
        ("a // 2", "operator FloorDiv"),
        ("a % 2", "operator Mod"),
        ("a if x else 1", "ekspresi if"),
        ("a < x", "perbandingan"),
        ("a and x", "operator logika"),
        ("[a, x]", "daftar"),
        ("'teks'", "hanya angka"),
        ("True", "hanya angka"),
        ("(a := 1)", "penugasan"),
        ("max(a, key=x)", "argumen bernama"),
        ("max()", "tanpa argumen"),
        ("abs(a, x)", "tepat satu argumen"),
        ("(lambda: 1)()", "pemanggilan fungsi 'ekspresi'"),
        ("_a + 1", "nama '_a'"),
        ("[c for c in x]", "comprehension"),
        ("~a", "operator uner"),
    ],
)
def test_unsafe_or_foreign_formulas_are_refused(rumus, pesan):
    with pytest.raises(FormulaError) as exc:
        validasi_rumus(rumus, {"a", "x"})
    assert pesan in str(exc.value)
    assert "kolom" in str(exc.value)


def test_nesting_within_the_length_limit_works_and_beyond_the_parser_limit_is_refused():
    assert hitung_rumus("(" * 150 + "a" + ")" * 150, {"a": Decimal(2)}).nilai == Decimal(2)
    assert hitung_rumus("-" * 400 + "a", {"a": Decimal(2)}).nilai == Decimal(2)
    with pytest.raises(FormulaError, match="tidak dapat dibaca"):
        validasi_rumus("(" * 240 + "a" + ")" * 240, {"a"})


def test_indikator_clean_reports_the_formula_error_on_the_rumus_field(db):
    from django.core.exceptions import ValidationError

    from inti.models import OPD
    from renstra.models import Indikator

    opd = OPD.objects.get(kode="disperindag")
    indikator = Indikator.objects.get(opd=opd, kode="S2.1-1")
    indikator.rumus = "(produksi_n - prodksi_n) / produksi_n1 * 100"
    with pytest.raises(ValidationError) as exc:
        indikator.clean()
    assert exc.value.message_dict["rumus"] == ["Nama tidak dikenal: prodksi_n (kolom 15)."]
