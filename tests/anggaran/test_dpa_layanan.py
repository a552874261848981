"""The DPA write services: the tree, codes, pagu, deletion, the frozen year, history."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from anggaran import services
from anggaran.models import Kegiatan, PaguAnggaran, Program, SubKegiatan
from anggaran.selectors import dpa_get, layar_get
from inti.akses import peran_pengguna
from inti.tulis import KonflikSimpan
from tests.anggaran.bantu_dpa import bekukan

pytestmark = pytest.mark.django_db
TAHUN = 2024


def _pohon(user, opd):
    program = services.program_buat(
        user=user,
        opd=opd,
        tahun=TAHUN,
        kode="3.30.02",
        nama="PROGRAM PERIZINAN DAN PENDAFTARAN PERUSAHAAN",
        pagu={"dpa": D("65283900")},
        alasan="DPA 2024",
    )
    kegiatan = services.kegiatan_buat(
        user=user,
        program=program,
        kode="3.30.02.2.06",
        nama="Pengendalian Fasilitas Penyimpanan Bahan Berbahaya",
    )
    sub = services.sub_kegiatan_buat(
        user=user,
        kegiatan=kegiatan,
        kode="3.30.02.2.06.0003",
        nama="Pengawasan Distribusi Bahan Berbahaya",
        pagu={"dpa": D("65283900"), "dpa_perubahan": D("28718900")},
    )
    return program, kegiatan, sub


def test_operator_creates_the_tree_and_totals_roll_up(dunia):
    program, kegiatan, sub = _pohon(dunia.operator, dunia.opd_a)
    services.sub_kegiatan_buat(
        user=dunia.operator,
        kegiatan=kegiatan,
        kode="3.30.02.2.06.0001",
        nama="Sub kedua",
        pagu={"dpa": D("1000000.50")},
    )
    halaman = dpa_get(layar=layar_get(opd=dunia.opd_a, tahun=TAHUN, akses=peran_pengguna(dunia.operator)))
    (p,) = halaman.program
    assert p.kode == "3.30.02"
    # Siblings in code order: .0001 before .0003, whatever the order of entry.
    assert [s.kode for s in p.anak[0].anak] == ["3.30.02.2.06.0001", "3.30.02.2.06.0003"]
    assert p.murni.total == D("66283900.50")
    assert p.murni.beda and p.murni.sendiri == D("65283900")
    assert p.perubahan.total == D("28718900")
    assert halaman.total_murni == D("66283900.50")
    assert [s.pesan for s in halaman.selisih][:1] == [
        "Pagu DPA program 3.30.02 PROGRAM PERIZINAN DAN PENDAFTARAN PERUSAHAAN tercatat Rp 65.283.900, "
        "sedangkan jumlah rinciannya Rp 66.283.901."
    ]
    assert list(
        SubKegiatan.objects.filter(kegiatan=kegiatan).order_by("urutan").values_list("kode", flat=True)
    ) == [
        "3.30.02.2.06.0001",
        "3.30.02.2.06.0003",
    ]


@pytest.mark.parametrize(
    ("level", "kode", "pesan"),
    [
        ("program", "3.30", "tidak sesuai nomenklatur Kepmendagri 050-3708/2020; contoh: 3.30.02"),
        ("program", "3.30.2", "contoh: 3.30.02"),
        ("kegiatan", "3.30.02.06", "contoh: 3.30.02.2.06"),
        ("kegiatan", "3.30.03.2.06", "harus diawali kode program induknya (3.30.02)"),
        ("sub_kegiatan", "3.30.02.2.06.03", "contoh: 3.30.02.2.06.0003"),
        ("sub_kegiatan", "3.30.02.2.07.0003", "harus diawali kode kegiatan induknya (3.30.02.2.06)"),
    ],
)
def test_codes_are_checked_per_level_and_against_the_parent(dunia, level, kode, pesan):
    program, kegiatan, _ = _pohon(dunia.operator, dunia.opd_a)
    buat = {
        "program": lambda: services.program_buat(
            user=dunia.operator, opd=dunia.opd_a, tahun=TAHUN, kode=kode, nama="X"
        ),
        "kegiatan": lambda: services.kegiatan_buat(user=dunia.operator, program=program, kode=kode, nama="X"),
        "sub_kegiatan": lambda: services.sub_kegiatan_buat(
            user=dunia.operator, kegiatan=kegiatan, kode=kode, nama="X"
        ),
    }[level]
    with pytest.raises(ValidationError) as e:
        buat()
    assert pesan in " ".join(e.value.message_dict["kode"])


def test_a_code_is_unique_and_spaces_are_tidied(dunia):
    _pohon(dunia.operator, dunia.opd_a)
    with pytest.raises(ValidationError) as e:
        services.program_buat(
            user=dunia.operator, opd=dunia.opd_a, tahun=TAHUN, kode=" 3.30.02 ", nama="Ganda"
        )
    assert e.value.message_dict["kode"] == ["Kode program 3.30.02 sudah dipakai di OPD dan tahun ini."]
    p = services.program_buat(
        user=dunia.operator, opd=dunia.opd_a, tahun=TAHUN, kode="x.xx.01", nama="PROGRAM PENUNJANG"
    )
    assert p.kode == "X.XX.01"


def test_pagu_is_rupiah_non_negative_with_two_decimals(dunia):
    program, _, _ = _pohon(dunia.operator, dunia.opd_a)
    with pytest.raises(ValidationError) as e:
        services.pagu_simpan(
            user=dunia.operator, mata=program, dokumen="dpa", nilai=D("-1"), semula=D("65283900")
        )
    assert "Pagu DPA tidak boleh negatif." in e.value.messages
    with pytest.raises(ValidationError) as e:
        services.pagu_simpan(
            user=dunia.operator, mata=program, dokumen="dpa", nilai=D("1.005"), semula=D("65283900")
        )
    assert "Pagu DPA paling banyak 2 angka di belakang koma." in e.value.messages
    services.pagu_simpan(
        user=dunia.operator, mata=program, dokumen="dpa", nilai=D("8964583767"), semula=D("65283900")
    )
    assert PaguAnggaran.objects.get(program=program, dokumen="dpa").nilai == D("8964583767")


def test_a_stale_pagu_form_is_refused(dunia):
    program, _, _ = _pohon(dunia.operator, dunia.opd_a)
    services.pagu_simpan(user=dunia.admin, mata=program, dokumen="dpa", nilai=D("1"), semula=D("65283900"))
    with pytest.raises(KonflikSimpan):
        services.pagu_simpan(
            user=dunia.operator, mata=program, dokumen="dpa", nilai=D("2"), semula=D("65283900")
        )
    assert PaguAnggaran.objects.get(program=program, dokumen="dpa").nilai == D("1")


def test_changing_a_program_code_moves_its_lines_with_it(dunia):
    program, _, sub = _pohon(dunia.operator, dunia.opd_a)
    services.mata_anggaran_ubah(
        user=dunia.operator, mata=program, kode="3.30.04", nama=program.nama, alasan="salah ketik"
    )
    sub.refresh_from_db()
    assert sub.kode == "3.30.04.2.06.0003"
    assert Kegiatan.objects.get(program=program).kode == "3.30.04.2.06"


def test_delete_removes_the_lines_below_with_their_pagu(dunia):
    program, _, sub = _pohon(dunia.operator, dunia.opd_a)
    services.mata_anggaran_hapus(user=dunia.operator, mata=program, alasan="tidak jadi")
    assert not Program.objects.filter(pk=program.pk).exists()
    assert not PaguAnggaran.objects.filter(sub_kegiatan_id=sub.pk).exists()
    catatan = SubKegiatan.history.filter(id=sub.pk, history_type="-").get()
    assert catatan.history_user == dunia.operator
    assert catatan.history_change_reason == "Program 3.30.02 dihapus (tidak jadi)"


def test_delete_is_refused_while_realisasi_pk_budget_or_indicators_depend_on_it(dunia):
    program = Program.objects.get(opd=dunia.opd_a, tahun=2022, kode="3.30.03")
    with pytest.raises(ValidationError) as e:
        services.mata_anggaran_hapus(user=dunia.operator, mata=program)
    pesan = e.value.messages[0]
    assert pesan.startswith("Program 3.30.03 tidak dapat dihapus karena masih dipakai oleh ")
    assert (
        "realisasi anggaran" in pesan
        and "baris anggaran Perjanjian Kinerja" in pesan
        and "indikator" in pesan
    )
    assert Program.objects.filter(pk=program.pk).exists()


def test_frozen_year_is_refused_for_the_operator_but_not_the_admin(dunia):
    program, _, _ = _pohon(dunia.operator, dunia.opd_a)
    bekukan(dunia.opd_a, TAHUN)
    with pytest.raises(ValidationError) as e:
        services.pagu_simpan(
            user=dunia.operator, mata=program, dokumen="dpa", nilai=D("1"), semula=D("65283900")
        )
    assert e.value.code == "laporan_dibekukan"
    with pytest.raises(ValidationError):
        services.program_buat(user=dunia.operator, opd=dunia.opd_a, tahun=TAHUN, kode="3.30.05", nama="X")
    services.pagu_simpan(user=dunia.admin, mata=program, dokumen="dpa", nilai=D("1"), semula=D("65283900"))


def test_read_only_and_other_opd_users_cannot_write(dunia):
    with pytest.raises(PermissionDenied):
        services.program_buat(user=dunia.kepala, opd=dunia.opd_a, tahun=TAHUN, kode="3.30.05", nama="X")
    with pytest.raises(Http404):
        services.program_buat(user=dunia.operator2, opd=dunia.opd_a, tahun=TAHUN, kode="3.30.05", nama="X")


def test_history_names_the_user_and_the_reason(dunia):
    program, _, _ = _pohon(dunia.operator, dunia.opd_a)
    services.pagu_simpan(
        user=dunia.operator,
        mata=program,
        dokumen="dpa",
        nilai=D("8964583767"),
        semula=D("65283900"),
        alasan="DPA final",
    )
    catatan = (
        PaguAnggaran.history.filter(program_id=program.pk, dokumen="dpa").order_by("-history_id").first()
    )
    assert catatan.history_user == dunia.operator
    assert catatan.history_change_reason == "Pagu DPA 3.30.02: 65.283.900 → 8.964.583.767 (DPA final)"
    dibuat = Program.history.get(id=program.pk, history_type="+")
    assert (dibuat.history_user, dibuat.history_change_reason) == (
        dunia.operator,
        "Program 3.30.02 dibuat (DPA 2024)",
    )
