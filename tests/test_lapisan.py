"""The layers, bottom to top: `inti` (Pemda, OPD, roles, access, periods, the year's freeze, number display,
exports), then `renstra`, `anggaran`, `perjanjian`, `capaian`, then `lkjip` (settings, URLs, the site's
pages and the report). An app imports only itself and the layers below it; no app but `lkjip` imports
`lkjip`. Every module is read, its imports found wherever they stand (inside functions too), and the
relations between models are held to the same rule.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps

AKAR = Path(__file__).resolve().parent.parent
LAPISAN = ("inti", "renstra", "anggaran", "perjanjian", "capaian", "lkjip")
TINGKAT = {app: i for i, app in enumerate(LAPISAN)}
# App labels of the models, to the layer (package) they live in.
LAPISAN_LABEL = {"laporan": "lkjip", **{app: app for app in LAPISAN}}

# The one relation that points up, on purpose: an indicator of a budget line hangs from that line. The
# indicator keeps the foreign key so that every indicator of every level lives in one table whose parent
# is checked by one database constraint; no module of `renstra` imports `anggaran`.
RELASI_KE_ATAS = {
    "renstra.Indikator.program",
    "renstra.Indikator.kegiatan",
    "renstra.Indikator.sub_kegiatan",
}


def _modul() -> list[Path]:
    return sorted(p for app in LAPISAN for p in (AKAR / app).rglob("*.py"))


def _impor(berkas: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in the file, at any depth; relative imports made absolute."""
    paket = ".".join(berkas.relative_to(AKAR).with_suffix("").parts[:-1])
    hasil = []
    for node in ast.walk(ast.parse(berkas.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            hasil += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                dasar = paket.split(".")[: len(paket.split(".")) - node.level + 1]
                modul = ".".join([*dasar, *([node.module] if node.module else [])])
            else:
                modul = node.module or ""
            hasil.append((node.lineno, modul))
            # `from lkjip import laporan` names a module too.
            hasil += [(node.lineno, f"{modul}.{alias.name}") for alias in node.names]
    return hasil


def _lapisan(modul: str) -> str | None:
    akar = modul.split(".")[0]
    return akar if akar in TINGKAT else None


def test_every_app_has_modules_to_check():
    per_app = {app: [m for m in _modul() if m.relative_to(AKAR).parts[0] == app] for app in LAPISAN}
    assert all(len(daftar) > 3 for daftar in per_app.values()), {k: len(v) for k, v in per_app.items()}


def test_the_import_reader_sees_imports_inside_functions(tmp_path):
    berkas = AKAR / "inti" / "_contoh_uji.py"
    berkas.write_text("def f():\n    from capaian.engine import hitung_opd_tahun\n", encoding="utf-8")
    try:
        assert (2, "capaian.engine") in _impor(berkas)
    finally:
        berkas.unlink()


@pytest.mark.parametrize("berkas", _modul(), ids=lambda p: str(p.relative_to(AKAR)))
def test_a_module_imports_only_its_own_layer_and_those_below(berkas):
    sendiri = berkas.relative_to(AKAR).parts[0]
    ke_atas = [
        f"{berkas.relative_to(AKAR)}:{baris} imports {modul}"
        for baris, modul in _impor(berkas)
        if (lapisan := _lapisan(modul)) is not None and TINGKAT[lapisan] > TINGKAT[sendiri]
    ]
    assert ke_atas == []


def test_models_relate_only_to_their_own_layer_and_those_below():
    ke_atas = []
    for model in apps.get_models():
        asal = LAPISAN_LABEL.get(model._meta.app_label)
        if asal is None or model.__name__.startswith("Historical"):
            continue
        for medan in model._meta.get_fields(include_hidden=True):
            if not medan.is_relation or medan.auto_created or medan.related_model is None:
                continue
            tujuan = LAPISAN_LABEL.get(medan.related_model._meta.app_label)
            nama = f"{model._meta.label}.{medan.name}"
            if tujuan is not None and TINGKAT[tujuan] > TINGKAT[asal] and nama not in RELASI_KE_ATAS:
                ke_atas.append(f"{nama} -> {medan.related_model._meta.label}")
    assert ke_atas == []
