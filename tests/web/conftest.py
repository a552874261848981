"""Personas and a small OPD world for the web foundation tests.

Two OPDs in one Pemda (A: Disperindag, B: Dinas Koperasi) and one OPD in another Pemda (C), with one
user per role. Codes and usernames carry a `web-`/`web_` prefix so they never clash with the 2022
dataset that the shared conftest may load for the whole session.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from anggaran.models import Kegiatan, Program, SubKegiatan
from inti.models import OPD, AksesPemda, Keanggotaan, Pemda, PeriodeMonev
from renstra.models import Indikator, Renstra, Sasaran, Tujuan, VariabelFormula

SANDI = "sandi-uji-Pasuruan-2022"


@dataclass
class DuniaWeb:
    pemda: Pemda
    pemda_lain: Pemda
    opd_a: OPD
    opd_b: OPD
    opd_c: OPD
    indikator_a: Indikator  # sasaran-level IKU of OPD A
    indikator_b: Indikator
    variabel_a: VariabelFormula
    program_a: Program
    sub_kegiatan_a: SubKegiatan
    periode_tw4: PeriodeMonev


def _opd(pemda, kode, nama, singkatan, **extra) -> OPD:
    return OPD.objects.create(pemda=pemda, kode=kode, nama=nama, singkatan=singkatan, **extra)


def _indikator_sasaran(opd, kode, nama, iku=True) -> Indikator:
    renstra = Renstra.objects.create(opd=opd, nama="Renstra", tahun_awal=2021, tahun_akhir=2026)
    tujuan = Tujuan.objects.create(renstra=renstra, kode="T1", nama="Meningkatkan perekonomian daerah")
    sasaran = Sasaran.objects.create(tujuan=tujuan, kode="S1", nama="Meningkatnya produksi sektor unggulan")
    Indikator.objects.create(
        opd=opd, level=Indikator.Level.TUJUAN, tujuan=tujuan, kode="T1-1",
        nama="Kontribusi PDRB sektor unggulan", satuan="%",
    )
    return Indikator.objects.create(
        opd=opd, level=Indikator.Level.SASARAN, sasaran=sasaran, kode=kode, nama=nama, satuan="%",
        desimal=3, iku=iku,
    )


@pytest.fixture
def web_dunia(db) -> DuniaWeb:
    pemda = Pemda.objects.create(kode="web-kota-pasuruan", nama="Pemerintah Kota Pasuruan (uji)")
    pemda_lain = Pemda.objects.create(
        kode="web-kab-tetangga", nama="Pemerintah Kabupaten Tetangga (uji)", jenis=Pemda.Jenis.KABUPATEN
    )
    opd_a = _opd(
        pemda, "web-disperindag", "Dinas Perindustrian dan Perdagangan (uji)", "Disperindag",
        alamat="Jl. Ir. H. Juanda No. 1, Kota Pasuruan", kepala_nama="Kepala Dinas Uji",
        kepala_jabatan="Kepala Dinas Perindustrian dan Perdagangan",
    )
    opd_b = _opd(pemda, "web-dinkop", "Dinas Koperasi dan Usaha Mikro (uji)", "Dinkop")
    opd_c = _opd(pemda_lain, "web-disdag-tetangga", "Dinas Pasar Kabupaten Tetangga (uji)", "Dispas Tetangga")
    indikator_a = _indikator_sasaran(opd_a, "S1-1", "Peningkatan Produksi Sektor Unggulan")
    indikator_b = _indikator_sasaran(opd_b, "S1-1", "Pertumbuhan koperasi aktif")
    variabel_a = VariabelFormula.objects.create(
        indikator=indikator_a, nama="produksi_n", label="Nilai produksi tahun n", satuan="Rp juta"
    )
    program_a = Program.objects.create(
        opd=opd_a, tahun=2022, kode="3.31.02", nama="PROGRAM PERENCANAAN DAN PEMBANGUNAN INDUSTRI"
    )
    kegiatan_a = Kegiatan.objects.create(
        program=program_a, kode="3.31.02.2.01", nama="Penyusunan, Penerapan dan Evaluasi Rencana Pembangunan Industri"
    )
    sub_kegiatan_a = SubKegiatan.objects.create(
        kegiatan=kegiatan_a, kode="3.31.02.2.01.01", nama="Koordinasi, Sinkronisasi dan Pelaksanaan Pembangunan Industri"
    )
    SubKegiatan.objects.create(kegiatan=kegiatan_a, kode="3.31.02.2.01.02", nama="Penyusunan Data Industri")
    periode_tw4 = PeriodeMonev.objects.create(pemda=pemda, tahun=2022, tribulan=4)
    return DuniaWeb(
        pemda=pemda, pemda_lain=pemda_lain, opd_a=opd_a, opd_b=opd_b, opd_c=opd_c,
        indikator_a=indikator_a, indikator_b=indikator_b, variabel_a=variabel_a,
        program_a=program_a, sub_kegiatan_a=sub_kegiatan_a, periode_tw4=periode_tw4,
    )


def _pengguna(username, first_name="", last_name="", **extra):
    return get_user_model().objects.create_user(
        username=username, password=SANDI, first_name=first_name, last_name=last_name, **extra
    )


@pytest.fixture
def web_operator(web_dunia):
    user = _pengguna("web_operator", "Sari", "Operator")
    Keanggotaan.objects.create(user=user, opd=web_dunia.opd_a, peran=Keanggotaan.Peran.OPERATOR)
    return user


@pytest.fixture
def web_operator2(web_dunia):
    user = _pengguna("web_operator2", "Budi", "Koperasi")
    Keanggotaan.objects.create(user=user, opd=web_dunia.opd_b, peran=Keanggotaan.Peran.OPERATOR)
    return user


@pytest.fixture
def web_kepala(web_dunia):
    user = _pengguna("web_kepala", "Kepala", "Dinas")
    Keanggotaan.objects.create(user=user, opd=web_dunia.opd_a, peran=Keanggotaan.Peran.KEPALA)
    return user


@pytest.fixture
def web_auditor(web_dunia):
    user = _pengguna("web_auditor", "Ani", "Inspektorat")
    Keanggotaan.objects.create(user=user, opd=web_dunia.opd_a, peran=Keanggotaan.Peran.AUDITOR)
    return user


@pytest.fixture
def web_auditor_pemda(web_dunia):
    user = _pengguna("web_auditor_pemda", "Tim", "Inspektorat")
    AksesPemda.objects.create(user=user, pemda=web_dunia.pemda, peran=AksesPemda.Peran.AUDITOR)
    return user


@pytest.fixture
def web_admin(web_dunia):
    user = _pengguna("web_admin", "Admin", "Bappeda")
    AksesPemda.objects.create(user=user, pemda=web_dunia.pemda, peran=AksesPemda.Peran.ADMIN)
    return user


@pytest.fixture
def web_admin_lain(web_dunia):
    user = _pengguna("web_admin_lain", "Admin", "Tetangga")
    AksesPemda.objects.create(user=user, pemda=web_dunia.pemda_lain, peran=AksesPemda.Peran.ADMIN)
    return user


@pytest.fixture
def web_superuser(web_dunia):
    return get_user_model().objects.create_superuser(username="web_super", password=SANDI, email="")


@pytest.fixture
def web_tanpa_peran(web_dunia):
    return _pengguna("web_tanpa_peran", "Tamu", "Saja")


@pytest.fixture
def web_persona(request, web_dunia):
    """A persona fixture by name, for parametrised matrices: `web_persona("web_kepala")`."""

    def ambil(nama: str):
        return request.getfixturevalue(nama)

    return ambil


@pytest.fixture
def web_sandi() -> str:
    """The password of every persona above."""
    return SANDI


@pytest.fixture
def web_masuk(client):
    """A test client signed in as the given user."""

    def masuk(user):
        client.force_login(user)
        return client

    return masuk

