"""Permission-matrix routes of the perjanjian screens."""

RUTE: dict[str, tuple[str | None, str | None]] = {}


def objek(dunia, opd) -> dict:
    return {}
