"""Formulas of indicators: stored as text, checked and evaluated on Decimal without `eval`.

A formula is arithmetic over the indicator's named inputs (`VariabelFormula.nama`):
`+ - * /`, unary minus and plus, parentheses, numeric literals and three functions (`abs`, `min`,
`max`). Python's own parser reads the text; a whitelist walk over the tree rejects anything else
(attributes, subscripts, other calls, lambdas, comparisons, `**`), so a formula can neither reach
Python objects nor make the server compute a huge power. Literals are read from the source text
into Decimal, never through float. A division by zero is a missing value with its reason, not an
exception: the operator sees "pembagian dengan nol" next to the indicator.
"""

from __future__ import annotations

import ast
import decimal
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

__all__ = [
    "FormulaError",
    "HasilRumus",
    "hitung_rumus",
    "nama_dalam_rumus",
    "validasi_rumus",
]

PANJANG_MAKS = 500  # Indikator.rumus max_length; also bounds the work one formula can cause.
FUNGSI = {"abs", "min", "max"}

_OPERATOR_BINER = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_OPERATOR_UNER = {ast.USub: "-", ast.UAdd: "+"}

# Division results keep 28 significant digits, far beyond any display precision (6 at most).
_KONTEKS = decimal.Context(
    prec=28,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

_URAIAN_NODE = {
    ast.Attribute: "akses atribut (titik)",
    ast.Subscript: "indeks atau potongan ([...])",
    ast.Lambda: "lambda",
    ast.Compare: "perbandingan",
    ast.BoolOp: "operator logika",
    ast.IfExp: "ekspresi if",
    ast.List: "daftar",
    ast.Tuple: "koma (pemisah desimal ditulis dengan titik, mis. 0.5)",
    ast.Dict: "kamus",
    ast.Set: "himpunan",
    ast.ListComp: "comprehension",
    ast.GeneratorExp: "comprehension",
    ast.DictComp: "comprehension",
    ast.SetComp: "comprehension",
    ast.JoinedStr: "teks",
    ast.NamedExpr: "penugasan (:=)",
    ast.Starred: "bintang (*)",
    ast.Await: "await",
}


class FormulaError(ValueError):
    """The formula cannot be used; the message (Indonesian) says what and where."""


@dataclass(frozen=True)
class HasilRumus:
    """The value of a formula, or None with the reason it has no value."""

    nilai: Decimal | None
    alasan: str | None = None


@dataclass(frozen=True)
class _Sumber:
    """The text handed to the parser, and how far its first line was shifted by stripping."""

    teks: str
    geser: int

    def letak(self, baris: int, kolom0: int) -> str:
        kolom = kolom0 + 1 + (self.geser if baris == 1 else 0)
        return f"kolom {kolom}" if baris == 1 else f"baris {baris} kolom {kolom}"


def _tolak(node: ast.AST, sumber: _Sumber, apa: str) -> FormulaError:
    letak = sumber.letak(getattr(node, "lineno", 1), getattr(node, "col_offset", 0))
    return FormulaError(f"Bagian rumus tidak diizinkan di {letak}: {apa}.")


def _literal(node: ast.Constant, sumber: _Sumber) -> Decimal:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _tolak(node, sumber, "hanya angka yang boleh ditulis langsung")
    teks = ast.get_source_segment(sumber.teks, node)
    if teks is None:  # pragma: no cover - Constant nodes from parse() always carry positions
        raise _tolak(node, sumber, "angka tidak terbaca")
    try:
        hasil = Decimal(teks.replace("_", ""))
    except decimal.InvalidOperation as exc:
        raise _tolak(node, sumber, f"angka {teks!r} tidak terbaca") from exc
    if not hasil.is_finite():
        raise _tolak(node, sumber, f"angka {teks!r} tidak terbaca")
    return hasil


def _periksa(node: ast.AST, sumber: _Sumber) -> None:
    """Whitelist walk: raise FormulaError on the first node outside the formula language."""
    if isinstance(node, ast.Expression):
        _periksa(node.body, sumber)
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _OPERATOR_BINER:
            simbol = "**" if isinstance(node.op, ast.Pow) else type(node.op).__name__
            raise _tolak(node, sumber, f"operator {simbol} (yang boleh: + - * /)")
        _periksa(node.left, sumber)
        _periksa(node.right, sumber)
    elif isinstance(node, ast.UnaryOp):
        if type(node.op) not in _OPERATOR_UNER:
            raise _tolak(node, sumber, "operator uner selain - dan +")
        _periksa(node.operand, sumber)
    elif isinstance(node, ast.Constant):
        _literal(node, sumber)
    elif isinstance(node, ast.Name):
        if node.id.startswith("_"):
            raise _tolak(node, sumber, f"nama {node.id!r}")
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNGSI:
            nama = node.func.id if isinstance(node.func, ast.Name) else "ekspresi"
            raise _tolak(node, sumber, f"pemanggilan fungsi {nama!r} (yang boleh: abs, min, max)")
        if node.keywords:
            raise _tolak(node, sumber, "argumen bernama")
        if not node.args:
            raise _tolak(node, sumber, f"{node.func.id}() tanpa argumen")
        if node.func.id == "abs" and len(node.args) != 1:
            raise _tolak(node, sumber, "abs() menerima tepat satu argumen")
        for arg in node.args:
            _periksa(arg, sumber)
    else:
        raise _tolak(node, sumber, _URAIAN_NODE.get(type(node), type(node).__name__))


@dataclass(frozen=True)
class _Terkompilasi:
    pohon: ast.Expression
    sumber: _Sumber
    nama: tuple[str, ...]  # input names in reading order
    simpul_nama: tuple[ast.Name, ...]


_SEBAB_SINTAKS = (
    ("was never closed", "kurung buka tanpa pasangan"),
    ("unmatched", "kurung tutup tanpa pasangan"),
    ("does not match", "pasangan kurung tidak cocok"),
    ("invalid decimal literal", "angka tidak terbaca"),
    ("unterminated string", "tanda kutip tanpa pasangan"),
)


def _pesan_sintaks(exc: SyntaxError, sumber: _Sumber) -> str:
    baris = exc.lineno or 1
    if exc.offset and exc.offset > 0:
        kolom0 = exc.offset - 1
    else:
        # The parser reports the end of the text as offset 0: the formula stops too early.
        kolom0 = len(sumber.teks.splitlines()[baris - 1]) if sumber.teks else 0
    sebab = next((arti for kunci, arti in _SEBAB_SINTAKS if kunci in (exc.msg or "")), None)
    tambahan = f" ({sebab})" if sebab else ""
    return f"Rumus tidak dapat dibaca di {sumber.letak(baris, kolom0)}{tambahan}."


@lru_cache(maxsize=1024)
def _kompilasi(rumus: str) -> _Terkompilasi:
    """Parse and whitelist-check once per distinct formula text."""
    if not rumus or not rumus.strip():
        raise FormulaError("Rumus kosong.")
    if len(rumus) > PANJANG_MAKS:
        raise FormulaError(f"Rumus terlalu panjang ({len(rumus)} karakter, paling banyak {PANJANG_MAKS}).")
    # The parser refuses leading spaces in eval mode; strip them and shift reported columns back.
    teks = rumus.lstrip().rstrip()
    sumber = _Sumber(teks, len(rumus) - len(rumus.lstrip()))
    try:
        pohon = ast.parse(teks, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(_pesan_sintaks(exc, sumber)) from exc
    except (RecursionError, MemoryError, ValueError) as exc:
        raise FormulaError("Rumus terlalu rumit untuk dibaca.") from exc
    try:
        _periksa(pohon, sumber)
    except RecursionError as exc:
        raise FormulaError("Rumus terlalu rumit untuk dibaca.") from exc
    fungsi = {id(n.func) for n in ast.walk(pohon) if isinstance(n, ast.Call)}
    simpul = sorted(
        (n for n in ast.walk(pohon) if isinstance(n, ast.Name) and id(n) not in fungsi),
        key=lambda n: (n.lineno, n.col_offset),
    )
    return _Terkompilasi(pohon, sumber, tuple(dict.fromkeys(n.id for n in simpul)), tuple(simpul))


def nama_dalam_rumus(rumus: str) -> tuple[str, ...]:
    """Input names the formula uses, in reading order (function names excluded)."""
    return _kompilasi(rumus).nama


def validasi_rumus(rumus: str, nama_variabel: set[str]) -> None:
    """Raise FormulaError unless `rumus` is valid and uses only the declared input names."""
    hasil = _kompilasi(rumus)
    tak_dikenal = [n for n in hasil.simpul_nama if n.id not in nama_variabel]
    if tak_dikenal:
        nama = ", ".join(dict.fromkeys(n.id for n in tak_dikenal))
        letak = hasil.sumber.letak(tak_dikenal[0].lineno, tak_dikenal[0].col_offset)
        raise FormulaError(f"Nama tidak dikenal: {nama} ({letak}).")


class _NolPembagi(Exception):
    pass


def _nilai(node: ast.AST, sumber: _Sumber, masukan: Mapping[str, Decimal]) -> Decimal:
    if isinstance(node, ast.Expression):
        return _nilai(node.body, sumber, masukan)
    if isinstance(node, ast.Constant):
        return _literal(node, sumber)
    if isinstance(node, ast.Name):
        return masukan[node.id]
    if isinstance(node, ast.UnaryOp):
        nilai = _nilai(node.operand, sumber, masukan)
        return -nilai if isinstance(node.op, ast.USub) else +nilai
    if isinstance(node, ast.BinOp):
        kiri = _nilai(node.left, sumber, masukan)
        kanan = _nilai(node.right, sumber, masukan)
        if isinstance(node.op, ast.Add):
            return kiri + kanan
        if isinstance(node.op, ast.Sub):
            return kiri - kanan
        if isinstance(node.op, ast.Mult):
            return kiri * kanan
        if kanan == 0:
            raise _NolPembagi
        return kiri / kanan
    if isinstance(node, ast.Call):
        argumen = [_nilai(arg, sumber, masukan) for arg in node.args]
        if node.func.id == "abs":
            return abs(argumen[0])
        return min(argumen) if node.func.id == "min" else max(argumen)
    raise _tolak(node, sumber, type(node).__name__)  # pragma: no cover - _periksa already refused it


def hitung_rumus(rumus: str, masukan: Mapping[str, Decimal | None]) -> HasilRumus:
    """Evaluate `rumus` on `masukan`. Never raises: a missing value carries its reason.

    Reasons: "rumus tidak valid: ...", "input formula belum lengkap: a, b", "pembagian dengan nol",
    "hasil rumus di luar jangkauan".
    """
    try:
        kompilasi = _kompilasi(rumus)
    except FormulaError as exc:
        return HasilRumus(None, f"rumus tidak valid: {exc}")
    kosong = [n for n in kompilasi.nama if masukan.get(n) is None]
    if kosong:
        return HasilRumus(None, f"input formula belum lengkap: {', '.join(kosong)}")
    nilai = {n: Decimal(masukan[n]) for n in kompilasi.nama}
    try:
        with decimal.localcontext(_KONTEKS):
            hasil = _nilai(kompilasi.pohon, kompilasi.sumber, nilai)
            hasil = +hasil  # applies the context precision to a bare literal or input
    except (_NolPembagi, decimal.DivisionByZero):
        return HasilRumus(None, "pembagian dengan nol")
    except (decimal.Overflow, decimal.InvalidOperation):
        return HasilRumus(None, "hasil rumus di luar jangkauan")
    return HasilRumus(hasil)
