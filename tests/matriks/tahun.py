"""Permission-matrix routes of the next-year action."""

RUTE: dict[str, tuple[str | None, str | None]] = {}


def objek(dunia, opd) -> dict:
    return {}
