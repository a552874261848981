"""Routes of the permission matrix, one module per area (tests/test_matriks_akses.py merges them).

Each module defines `RUTE` (route name -> (kind of GET, kind of POST), the kinds of
test_matriks_akses._boleh) and `objek(dunia, opd) -> dict` (route name -> URL kwargs for that OPD, or
None where the OPD has no such object).
"""

from tests.matriks import anggaran, dataset, pekerjaan, perjanjian, renstra, tahun

MODUL = (renstra, perjanjian, anggaran, dataset, tahun, pekerjaan)
