"""Helpers of the DPA tests (this folder has no __init__.py: a package named `anggaran` would shadow the app): the seed's DPA codes and a workbook builder."""

import io

from openpyxl import Workbook

from inti.models import TahunOPD


def buku_kerja(
    baris: list[tuple], judul: tuple = ("Kode", "Uraian", "Pagu", "Pagu Perubahan"), *, di_atas=()
) -> bytes:
    """An xlsx whose first sheet holds optional title rows, the header row, then `baris`."""
    wb = Workbook()
    ws = wb.active
    for b in di_atas:
        ws.append(list(b))
    ws.append(list(judul))
    for b in baris:
        ws.append(list(b))
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def bekukan(opd, tahun: int) -> None:
    """Freeze the OPD-year, as submitting its LKjIP does."""
    TahunOPD.objects.update_or_create(opd=opd, tahun=tahun, defaults={"beku": True})
