"""Placeholder replaced by the engine's formula module."""


class FormulaError(ValueError):
    pass


def validasi_rumus(rumus: str, nama_variabel: set[str]) -> None:
    return None
