"""Budget realisasi per sub kegiatan: cumulative Rupiah in, the engine's penyerapan and roll-ups out."""

import pytest

from anggaran.models import Program, RealisasiAnggaran, SubKegiatan
from tests.monev.conftest import HTMX, D, url_monev
from tests.monev.html import elemen, sel

pytestmark = pytest.mark.django_db

# Seed Tabel 3.14: Penyusunan Rencana Pembangunan Industri, pagu 26.712.300, realisasi 3.635.000 (13,61%).
PENYUSUNAN_RENCANA = "3.31.02.2.01.0001"


def _sub(opd, kode) -> SubKegiatan:
    return SubKegiatan.objects.get(kegiatan__program__opd=opd, kegiatan__program__tahun=2022, kode=kode)


def _baris(isi, kunci) -> str:
    return elemen(isi, "tr", f"anggaran-{kunci}")


def test_budget_realisasi_of_a_sub_kegiatan_changes_its_absorption_and_the_program_total(
    masuk, operator_user, opd_disperindag
):
    client = masuk(operator_user)
    sub = _sub(opd_disperindag, PENYUSUNAN_RENCANA)
    program = sub.kegiatan.program
    halaman = client.get(url_monev("anggaran")).content
    baris = _baris(halaman, f"sub_kegiatan-{sub.pk}")
    assert (sel(baris, "pagu"), sel(baris, "penyerapan")) == ("26.712.300", "13,61")
    assert sel(_baris(halaman, f"program-{program.pk}"), "penyerapan") == "78,96"

    respons = client.post(
        url_monev("anggaran", "sub_kegiatan", sub.pk), {"nilai": "13.356.150", "semula": "3.635.000"}, **HTMX
    )
    assert respons.status_code == 200
    tabel = respons.content.decode()
    assert tabel.lstrip().startswith('<div id="tabel-anggaran"')
    assert sel(_baris(tabel, f"sub_kegiatan-{sub.pk}"), "penyerapan") == "50,00"
    # Program 3.31.02: 12.570.161.658 − 3.635.000 + 13.356.150 = 12.579.882.808 of 15.920.223.771.
    program_baris = _baris(tabel, f"program-{program.pk}")
    assert (sel(program_baris, "realisasi"), sel(program_baris, "penyerapan")) == ("12.579.882.808", "79,02")
    tersimpan = RealisasiAnggaran.objects.get(sub_kegiatan=sub, tribulan=4)
    assert tersimpan.nilai == D(13356150)
    assert tersimpan.history.first().history_user == operator_user


def test_the_penunjang_program_takes_its_realisasi_on_the_program_line(masuk, operator_user, opd_disperindag):
    client = masuk(operator_user)
    penunjang = Program.objects.get(opd=opd_disperindag, tahun=2022, kode="3.30.01")
    halaman = client.get(url_monev("anggaran")).content.decode()
    assert 'name="nilai"' in _baris(halaman, f"program-{penunjang.pk}")  # no sub kegiatan carries its budget
    # BAB IV states 74,65% for the whole agency; the dataset's Penunjang realisasi is derived from it.
    jumlah = elemen(halaman, "tr", "anggaran-jumlah")
    assert (sel(jumlah, "realisasi"), sel(jumlah, "penyerapan")) == ("38.608.434.423", "74,65")

    respons = client.post(
        url_monev("anggaran", "program", penunjang.pk), {"nilai": "8.000.000.000", "semula": "8.776.437.247"}, **HTMX
    )
    assert respons.status_code == 200
    jumlah = elemen(respons.content, "tr", "anggaran-jumlah")
    # 29.831.997.176 of the seven other programs + 8.000.000.000, of 51.719.269.154.
    assert (sel(jumlah, "realisasi"), sel(jumlah, "penyerapan")) == ("37.831.997.176", "73,15")


@pytest.mark.parametrize(
    ("masukan", "pesan"),
    [
        ("-5", "Realisasi anggaran tidak boleh negatif."),
        ("1.000,123", "Paling banyak 2 angka di belakang koma."),
        ("Rp 1 juta", "Masukkan angka dengan koma sebagai pemisah desimal, mis. 0,094 atau 1.234.567,89."),
        ("1234567890123456789", "Paling banyak 18 angka sebelum koma."),
    ],
)
def test_bad_budget_input_is_refused(masuk, operator_user, opd_disperindag, masukan, pesan):
    sub = _sub(opd_disperindag, PENYUSUNAN_RENCANA)
    respons = masuk(operator_user).post(
        url_monev("anggaran", "sub_kegiatan", sub.pk), {"nilai": masukan, "semula": "3.635.000"}, **HTMX
    )
    assert respons.status_code == 422
    assert sel(_baris(respons.content, f"sub_kegiatan-{sub.pk}"), "pesan-galat") == pesan
    assert RealisasiAnggaran.objects.get(sub_kegiatan=sub, tribulan=4).nilai == D(3635000)


def test_a_stale_budget_form_is_refused_with_both_values(
    masuk, operator_user, admin_user_demo, opd_disperindag
):
    sub = _sub(opd_disperindag, PENYUSUNAN_RENCANA)
    url = url_monev("anggaran", "sub_kegiatan", sub.pk)
    assert (
        masuk(admin_user_demo).post(url, {"nilai": "4.000.000", "semula": "3.635.000"}, **HTMX).status_code
        == 200
    )
    respons = masuk(operator_user).post(url, {"nilai": "5.000.000", "semula": "3.635.000"}, **HTMX)
    assert respons.status_code == 409
    pesan = sel(_baris(respons.content, f"sub_kegiatan-{sub.pk}"), "pesan-galat")
    assert "menjadi 4.000.000; nilai Anda 5.000.000 tidak disimpan." in pesan
    assert RealisasiAnggaran.objects.get(sub_kegiatan=sub, tribulan=4).nilai == D(4000000)


def test_budget_lines_of_another_year_or_opd_are_not_found(masuk, operator_user, opd_kedua):
    lain = SubKegiatan.objects.get(kegiatan__program__opd=opd_kedua, kode="2.17.08.2.01.0001")
    client = masuk(operator_user)
    assert (
        client.post(url_monev("anggaran", "sub_kegiatan", lain.pk), {"nilai": "1"}, **HTMX).status_code == 404
    )
    assert not RealisasiAnggaran.objects.filter(sub_kegiatan=lain, tribulan=4, nilai=1).exists()
    assert client.post(url_monev("anggaran", "pagu", 1), {"nilai": "1"}, **HTMX).status_code == 404
