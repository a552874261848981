"""Permission-matrix routes of the anggaran screens."""

RUTE: dict[str, tuple[str | None, str | None]] = {}


def objek(dunia, opd) -> dict:
    return {}
