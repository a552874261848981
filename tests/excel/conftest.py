"""Helpers for the Excel tests: download a template as the user would, edit it, upload it back."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from capaian.excel import monev


def url_template(kode="disperindag", tahun=2022, tribulan=4):
    return reverse("excel:template", args=[kode, tahun, tribulan])


def url_unggah(kode="disperindag", tahun=2022, tribulan=4):
    return reverse("excel:unggah", args=[kode, tahun, tribulan])


def buka(data: bytes):
    """The workbook as openpyxl opens it for editing (what a user's spreadsheet program would keep)."""
    return load_workbook(io.BytesIO(data))


def simpan(wb) -> bytes:
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def kolom(ws, judul: str) -> int:
    for sel in ws[1]:
        if sel.value == judul:
            return sel.column
    raise AssertionError(f"kolom {judul!r} tidak ada di lembar {ws.title}")


def baris(ws, kunci: dict) -> int:
    """The row whose cells under the given headers hold the given values: baris(ws, {"Kode": "S2.1-1"})."""
    kolom_kunci = {kolom(ws, judul): nilai for judul, nilai in kunci.items()}
    for nomor in range(2, ws.max_row + 1):
        if all(ws.cell(row=nomor, column=k).value == v for k, v in kolom_kunci.items()):
            return nomor
    raise AssertionError(f"baris {kunci} tidak ada di lembar {ws.title}")


def sel(ws, nomor: int, judul: str):
    return ws.cell(row=nomor, column=kolom(ws, judul))


def unggah_berkas(client, data: bytes, nama="monev-disperindag-2022-tw4.xlsx", **url):
    berkas = io.BytesIO(data)
    berkas.name = nama
    return client.post(url_unggah(**url), {"berkas": berkas})


@pytest.fixture
def template_operator(client_for, operator_user):
    """(client, workbook) : the operator of Disperindag and the TW IV 2022 template they downloaded."""
    client = client_for(operator_user)
    response = client.get(url_template())
    assert response.status_code == 200
    return client, buka(response.content)


K_REALISASI = monev.k_realisasi(4)
K_NILAI = monev.k_nilai_tw(4)
K_ANGGARAN = monev.k_realisasi_anggaran(4)
