"""Permission-matrix routes of the dataset upload: any OPD's writer (operator, admin); readers 403.

Which OPD a workbook may write is checked on its content (tests/dataset_web/).
"""

RUTE: dict[str, tuple[str | None, str | None]] = {
    "dataset:unggah": ("penulis_umum", "penulis_umum"),
    "dataset:simpan": (None, "penulis_umum"),
    "dataset:template": ("penulis_umum", None),
}


def objek(dunia, opd) -> dict:
    return {"dataset:unggah": {}, "dataset:simpan": {}, "dataset:template": {}}
