"""Permission-matrix routes of the next-year action: the Pemda admin's alone (everyone else 403)."""

RUTE: dict[str, tuple[str | None, str | None]] = {
    "lkjip:tahun_mulai": ("admin_umum", "admin_umum"),
}


def objek(dunia, opd) -> dict:
    return {"lkjip:tahun_mulai": {"kode": opd.kode}}
