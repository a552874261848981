"""The budget-line table across OPDs: roll-ups from the engine, level filter, sorting on Rupiah values."""

import pytest
from django.http import QueryDict

from capaian.selectors.tabel import tabel_anggaran
from tests.tabel.conftest import sel_baris, semua_baris

URL = "/capaian/anggaran/"
# Columns: OPD, level, kode, nama, pagu, realisasi, penyerapan.
PAGU, PENYERAPAN = 4, 6

pytestmark = pytest.mark.django_db


def test_program_lines_show_pagu_realisasi_and_penyerapan(client_for, kepala_user):
    html = client_for(kepala_user).get(URL, {"tahun": 2022, "level": "program"}).content.decode()
    assert sel_baris(html, "PROGRAM PERENCANAAN DAN PEMBANGUNAN INDUSTRI")[1:] == [
        "Program",
        "3.31.02",
        "PROGRAM PERENCANAAN DAN PEMBANGUNAN INDUSTRI",
        "Rp 15.920.223.771",
        "Rp 12.570.161.658",
        "78,96",
    ]
    # The Penunjang realisasi is derived from the original's 74,65 % for the whole OPD (fixtures).
    assert sel_baris(html, "PROGRAM PENUNJANG URUSAN")[4:] == ["Rp 9.278.235.506", "Rp 8.776.437.247", "94,59"]
    assert len(semua_baris(html)) == 8  # the kepala reads Disperindag only


def test_level_filter_and_penyerapan_sort(client_for, admin_user_demo):
    klien = client_for(admin_user_demo)
    sub = semua_baris(
        klien.get(URL, {"tahun": 2022, "level": "sub_kegiatan", "sort": "-penyerapan"}).content.decode()
    )
    assert {b[1] for b in sub} == {"Sub kegiatan"}
    assert [b[PENYERAPAN] for b in sub[:3]] == ["100,00", "97,92", "94,96"]
    assert sub[-1][PENYERAPAN] == "13,61"
    pagu = semua_baris(klien.get(URL, {"tahun": 2022, "level": "program", "sort": "-pagu"}).content.decode())
    assert [b[PAGU] for b in pagu[:2]] == ["Rp 22.908.713.382", "Rp 15.920.223.771"]
    assert [b[0] for b in pagu].count("Diskopum") == 1


def test_operator2_sees_the_diskopum_lines_only(client_for, operator2_user):
    html = client_for(operator2_user).get(URL, {"tahun": 2022}).content.decode()
    assert [b[2] for b in semua_baris(html)] == ["2.17.08", "2.17.08.2.01", "2.17.08.2.01.0001"]
    assert sel_baris(html, "2.17.08.2.01.0001")[4:] == ["Rp 250.000.000", "Rp 231.500.000", "92,60"]
    assert "Perindustrian" not in html and "Disperindag" not in html


def test_a_line_links_to_its_drill_down(client_for, admin_user_demo):
    from anggaran.models import Program

    program = Program.objects.get(opd__kode="disperindag", tahun=2022, kode="3.31.02")
    html = (
        client_for(admin_user_demo)
        .get(URL, {"tahun": 2022, "opd": "disperindag", "level": "program"})
        .content.decode()
    )
    assert f'href="/opd/disperindag/anggaran/program/{program.pk}/?tahun=2022"' in html


def test_the_selector_keeps_the_level_and_opd_asked(auditor_user):
    tabel = tabel_anggaran(user=auditor_user, data=QueryDict("level=program&opd=diskopum"))
    assert [(b.kode, b.pagu.rupiah, b.realisasi.rupiah, b.penyerapan.teks) for b in tabel.baris] == [
        ("2.17.08", "Rp 250.000.000", "Rp 231.500.000", "92,60")
    ]
    assert tabel.filter.isi_terpakai() == [
        ("Filter: OPD", "Dinas Koperasi dan Usaha Mikro Kota Pasuruan"),
        ("Filter: Tahun", "2022"),
        ("Filter: Level", "Program"),
    ]
