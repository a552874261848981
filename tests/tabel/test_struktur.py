"""The table pages' views hold no query and no domain rule: every read is a selector's
(`capaian.selectors.tabel`, `inti.selectors`), every history line comes from `inti.riwayat`, and the
selectors reach the engine's results only through their typed fields."""

import ast
from pathlib import Path

AKAR = Path(__file__).resolve().parents[2]
VIEWS = AKAR / "capaian" / "views_tabel.py"
SELECTORS = AKAR / "capaian" / "selectors" / "tabel.py"


def _pohon(berkas: Path) -> ast.Module:
    return ast.parse(berkas.read_text(encoding="utf-8"))


def _atribut(berkas: Path, nama: str) -> list[int]:
    return [n.lineno for n in ast.walk(_pohon(berkas)) if isinstance(n, ast.Attribute) and n.attr == nama]


def test_the_views_use_no_model_manager():
    assert _atribut(VIEWS, "objects") == []


def test_the_views_read_no_history_table():
    assert _atribut(VIEWS, "history") == []


def test_the_views_import_no_model():
    impor = [
        (n.lineno, n.module)
        for n in ast.walk(_pohon(VIEWS))
        if isinstance(n, ast.ImportFrom) and n.module and n.module.split(".")[-1] == "models"
    ]
    assert impor == []


def test_the_views_define_no_history_builder_formatter_or_year_rule_of_their_own():
    nama = {
        n.name
        for n in ast.walk(_pohon(VIEWS))
        if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
    }
    assert nama.isdisjoint({"riwayat", "tampil_nilai", "_nama_pengguna", "BarisRiwayat", "_tahun_indikator"})


def test_the_selectors_never_read_the_engines_raw_rows():
    assert _atribut(SELECTORS, "_data") == []
