"""Permission-matrix routes of the dataset screens."""

RUTE: dict[str, tuple[str | None, str | None]] = {}


def objek(dunia, opd) -> dict:
    return {}
