"""Write services for monev values (capaian.services): access, locks, validation, conflicts, history.

They write to slots of Disperindag 2022 that the dataset leaves empty, so every sequence starts from
"kosong" with no history: the Renstra's 2021-only indicator S1.1-1 (no realisasi at all), the kegiatan
input `ikm_dilatih` (no value), program 3.31.02 (its realisasi sits on its sub kegiatan) and sub kegiatan
3.31.02.2.01.0001 before Tribulan IV.
"""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404

from anggaran.models import Program, RealisasiAnggaran, SubKegiatan
from anggaran.services import realisasi_anggaran_simpan
from capaian import services
from capaian.models import AnalisisIndikator, NilaiVariabel, RealisasiIndikator
from capaian.services import TeksAnalisis
from inti.forms import NilaiField
from inti.models import PeriodeMonev
from inti.services import periode_kunci
from inti.tulis import KonflikSimpan
from renstra.models import Indikator, VariabelFormula

# Seed figures, LKjIP Disperindag Kota Pasuruan 2022.
PERTUMBUHAN_PRODUKSI = Decimal("0.094")  # Tabel 3.6, printed rounded
PERTUMBUHAN_PRODUKSI_PENUH = Decimal("0.09393")  # (3.835.029 − 3.831.430) / 3.831.430 × 100, five decimals
PRODUKSI_2022 = Decimal("3835029")
REALISASI_PERENCANAAN = Decimal("12570161658")  # Program Perencanaan dan Pembangunan Industri, Tabel 3.14


@dataclass
class TempatTulis:
    """The empty slots of Disperindag 2022 the services write to."""

    indikator: Indikator
    variabel: VariabelFormula
    program: Program
    sub_kegiatan: SubKegiatan
    periode_tw4: PeriodeMonev


@pytest.fixture
def tulis(dunia) -> TempatTulis:
    opd = dunia.opd_a
    return TempatTulis(
        indikator=Indikator.objects.get(opd=opd, kode="S1.1-1"),
        variabel=VariabelFormula.objects.get(indikator__opd=opd, nama="ikm_dilatih"),
        program=Program.objects.get(opd=opd, tahun=2022, kode="3.31.02"),
        sub_kegiatan=SubKegiatan.objects.get(kegiatan__program__opd=opd, kode="3.31.02.2.01.0001"),
        periode_tw4=PeriodeMonev.objects.get(pemda=dunia.pemda, tahun=2022, tribulan=4),
    )


def _simpan(user, tulis, nilai, versi=None, **kw):
    return services.realisasi_simpan(
        user=user, indikator=tulis.indikator, tahun=2022, tribulan=4, nilai=nilai, versi=versi, **kw
    )


def _riwayat(tulis):
    return list(
        RealisasiIndikator.history.filter(indikator=tulis.indikator, tahun=2022, tribulan=4).order_by("history_id")
    )


# --- realisasi_simpan ------------------------------------------------------------------------------


def test_operator_saves_realisasi_and_history_records_user_old_and_new_value(dunia, tulis):
    dibuat = _simpan(dunia.operator, tulis, PERTUMBUHAN_PRODUKSI, keterangan="Angka sementara")
    assert (dibuat.nilai, dibuat.versi, dibuat.keterangan) == (PERTUMBUHAN_PRODUKSI, 1, "Angka sementara")

    diubah = _simpan(dunia.operator, tulis, PERTUMBUHAN_PRODUKSI_PENUH, versi=1, keterangan="Angka tetap")
    assert diubah.versi == 2

    tersimpan = RealisasiIndikator.objects.get(indikator=tulis.indikator, tahun=2022, tribulan=4)
    assert (tersimpan.nilai, tersimpan.versi) == (PERTUMBUHAN_PRODUKSI_PENUH, 2)
    pertama, kedua = _riwayat(tulis)
    assert (pertama.history_type, pertama.history_user, pertama.nilai) == ("+", dunia.operator, PERTUMBUHAN_PRODUKSI)
    assert (kedua.history_type, kedua.history_user, kedua.nilai) == ("~", dunia.operator, PERTUMBUHAN_PRODUKSI_PENUH)
    assert pertama.history_change_reason == "Realisasi TW 4 2022: kosong → 0,094"
    assert kedua.history_change_reason == "Realisasi TW 4 2022: 0,094 → 0,09393"
    perubahan = {c.field: (c.old, c.new) for c in kedua.diff_against(pertama).changes}
    assert perubahan["nilai"] == (PERTUMBUHAN_PRODUKSI, PERTUMBUHAN_PRODUKSI_PENUH)
    assert perubahan["keterangan"] == ("Angka sementara", "Angka tetap")


def test_saving_none_deletes_and_history_keeps_the_deleted_value(dunia, tulis):
    _simpan(dunia.operator, tulis, PERTUMBUHAN_PRODUKSI)
    assert _simpan(dunia.operator, tulis, None, versi=1) is None
    assert not RealisasiIndikator.objects.filter(indikator=tulis.indikator).exists()
    terakhir = _riwayat(tulis)[-1]
    assert (terakhir.history_type, terakhir.history_user, terakhir.nilai) == ("-", dunia.operator, PERTUMBUHAN_PRODUKSI)
    assert terakhir.history_change_reason == "Realisasi TW 4 2022: 0,094 → kosong"


def test_admin_of_the_pemda_writes_any_opd(dunia, tulis):
    assert _simpan(dunia.admin_pemda, tulis, PERTUMBUHAN_PRODUKSI).nilai == PERTUMBUHAN_PRODUKSI
    assert _riwayat(tulis)[-1].history_user == dunia.admin_pemda


@pytest.mark.parametrize(
    ("persona", "galat"),
    [
        ("operator2", Http404),
        ("admin_lain", Http404),
        ("tanpa_peran", Http404),
        ("kepala", PermissionDenied),
        ("auditor_opd", PermissionDenied),
        ("auditor", PermissionDenied),
    ],
)
def test_other_opd_gets_404_and_read_only_roles_get_403_and_nothing_is_written(dunia, tulis, persona, galat):
    with pytest.raises(galat):
        _simpan(dunia.persona(persona), tulis, PERTUMBUHAN_PRODUKSI)
    assert not RealisasiIndikator.objects.filter(indikator=tulis.indikator).exists()
    assert _riwayat(tulis) == []


def test_stale_versi_raises_konflik_with_both_values_and_changes_nothing(dunia, tulis):
    _simpan(dunia.operator, tulis, PERTUMBUHAN_PRODUKSI)  # versi 1; both forms are opened now
    _simpan(dunia.admin_pemda, tulis, PERTUMBUHAN_PRODUKSI_PENUH, versi=1)  # versi 2
    jumlah_riwayat = len(_riwayat(tulis))

    with pytest.raises(KonflikSimpan) as info:
        _simpan(dunia.operator, tulis, Decimal("0.1"), versi=1)

    konflik = info.value
    assert konflik.tersimpan == PERTUMBUHAN_PRODUKSI_PENUH
    assert konflik.nilai_anda == Decimal("0.1")
    assert konflik.oleh == dunia.admin_pemda
    assert konflik.versi == 2
    pesan = str(konflik)
    assert pesan.startswith("Nilai ini sudah diubah oleh Admin Bappeda pada ")
    assert pesan.endswith(" menjadi 0,09393; nilai Anda 0,1 tidak disimpan.")
    tersimpan = RealisasiIndikator.objects.get(indikator=tulis.indikator)
    assert (tersimpan.nilai, tersimpan.versi) == (PERTUMBUHAN_PRODUKSI_PENUH, 2)
    assert len(_riwayat(tulis)) == jumlah_riwayat


def test_two_first_saves_from_empty_forms_do_not_overwrite_each_other(dunia, tulis):
    _simpan(dunia.admin_pemda, tulis, PERTUMBUHAN_PRODUKSI)
    with pytest.raises(KonflikSimpan) as info:
        _simpan(dunia.operator, tulis, PRODUKSI_2022)  # the operator's form was empty too (versi None)
    assert (info.value.tersimpan, info.value.nilai_anda) == (PERTUMBUHAN_PRODUKSI, PRODUKSI_2022)
    assert "nilai Anda 3.835.029 tidak disimpan" in str(info.value)
    assert RealisasiIndikator.objects.get(indikator=tulis.indikator).nilai == PERTUMBUHAN_PRODUKSI


def test_deleting_from_a_stale_form_is_a_conflict_too(dunia, tulis):
    _simpan(dunia.operator, tulis, PERTUMBUHAN_PRODUKSI)
    _simpan(dunia.admin_pemda, tulis, PERTUMBUHAN_PRODUKSI_PENUH, versi=1)
    with pytest.raises(KonflikSimpan) as info:
        _simpan(dunia.operator, tulis, None, versi=1)
    assert str(info.value).endswith("menjadi 0,09393; penghapusan oleh Anda tidak dilakukan.")
    assert RealisasiIndikator.objects.filter(indikator=tulis.indikator).exists()


def test_value_deleted_by_another_user_reports_who_deleted_it(dunia, tulis):
    _simpan(dunia.operator, tulis, PERTUMBUHAN_PRODUKSI)
    _simpan(dunia.admin_pemda, tulis, None, versi=1)
    with pytest.raises(KonflikSimpan) as info:
        _simpan(dunia.operator, tulis, Decimal("0.1"), versi=1)
    assert info.value.tersimpan is None and info.value.oleh == dunia.admin_pemda
    assert " menjadi kosong; nilai Anda 0,1 tidak disimpan." in str(info.value)


def test_saving_the_value_already_stored_is_not_a_conflict_and_writes_nothing(dunia, tulis):
    _simpan(dunia.operator, tulis, PERTUMBUHAN_PRODUKSI)
    _simpan(dunia.admin_pemda, tulis, PERTUMBUHAN_PRODUKSI_PENUH, versi=1)
    jumlah_riwayat = len(_riwayat(tulis))
    sama = _simpan(dunia.operator, tulis, PERTUMBUHAN_PRODUKSI_PENUH, versi=1)
    assert (sama.nilai, sama.versi) == (PERTUMBUHAN_PRODUKSI_PENUH, 2)
    assert len(_riwayat(tulis)) == jumlah_riwayat


def test_locked_period_refuses_the_operator_and_allows_the_admin(dunia, tulis):
    periode_kunci(user=dunia.admin_pemda, periode=tulis.periode_tw4, terkunci=True)

    with pytest.raises(ValidationError) as info:
        _simpan(dunia.operator, tulis, PERTUMBUHAN_PRODUKSI)
    assert info.value.messages == [
        "Periode Tribulan IV 2022 sudah dikunci; hanya admin yang dapat mengubah data."
    ]
    assert not RealisasiIndikator.objects.filter(indikator=tulis.indikator).exists()

    assert _simpan(dunia.admin_pemda, tulis, PERTUMBUHAN_PRODUKSI).nilai == PERTUMBUHAN_PRODUKSI
    # Other Tribulan of the same year stay open.
    services.realisasi_simpan(
        user=dunia.operator, indikator=tulis.indikator, tahun=2022, tribulan=3, nilai=Decimal("0.05"), versi=None
    )


def test_periode_kunci_is_admin_only_and_recorded(dunia, tulis):
    for bukan_admin in (dunia.operator, dunia.admin_lain):
        with pytest.raises(PermissionDenied):
            periode_kunci(user=bukan_admin, periode=tulis.periode_tw4, terkunci=True)
    periode = periode_kunci(user=dunia.admin_pemda, periode=tulis.periode_tw4, terkunci=True)
    assert periode.terkunci
    catatan = periode.history.order_by("-history_id").first()
    assert (catatan.history_user, catatan.terkunci, catatan.history_change_reason) == (
        dunia.admin_pemda, True, "Periode dikunci"
    )
    periode_kunci(user=dunia.admin_pemda, periode=periode, terkunci=False)
    periode.refresh_from_db()
    assert not periode.terkunci
    assert periode.history.count() == 3  # created, locked, unlocked


@pytest.mark.parametrize(
    ("nilai", "pesan"),
    [
        (Decimal("NaN"), "Realisasi harus berupa angka (bukan NaN atau tak hingga)."),
        (Decimal("Infinity"), "Realisasi harus berupa angka (bukan NaN atau tak hingga)."),
        (Decimal("123456789012345678901"), "Realisasi terlalu besar: paling banyak 20 angka sebelum koma."),
        (Decimal("1E+30"), "Realisasi terlalu besar: paling banyak 20 angka sebelum koma."),
        (Decimal("0.123456789"), "Realisasi paling banyak 8 angka di belakang koma."),
    ],
)
def test_invalid_input_is_refused_in_indonesian_and_nothing_changes(dunia, tulis, nilai, pesan):
    _simpan(dunia.operator, tulis, PERTUMBUHAN_PRODUKSI)
    with pytest.raises(ValidationError) as info:
        _simpan(dunia.operator, tulis, nilai, versi=1)
    assert info.value.messages == [pesan]
    tersimpan = RealisasiIndikator.objects.get(indikator=tulis.indikator)
    assert (tersimpan.nilai, tersimpan.versi) == (PERTUMBUHAN_PRODUKSI, 1)
    assert len(_riwayat(tulis)) == 1


def test_trailing_zeros_beyond_eight_decimals_are_accepted(dunia, tulis):
    assert _simpan(dunia.operator, tulis, Decimal("1.5000000000")).nilai == Decimal("1.5")


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite keeps decimals as REAL: about 15 digits")
def test_largest_value_that_fits_the_column_is_accepted(dunia, tulis):
    terbesar = Decimal("99999999999999999999.99999999")
    _simpan(dunia.operator, tulis, terbesar)
    assert RealisasiIndikator.objects.get(indikator=tulis.indikator).nilai == terbesar


def test_float_is_refused_before_it_loses_digits(dunia, tulis):
    with pytest.raises(TypeError):
        _simpan(dunia.operator, tulis, 0.094)


def test_tribulan_outside_one_to_four_is_refused(dunia, tulis):
    with pytest.raises(ValidationError) as info:
        services.realisasi_simpan(
            user=dunia.operator, indikator=tulis.indikator, tahun=2022, tribulan=5, nilai=Decimal(1), versi=None
        )
    assert info.value.messages == ["Tribulan harus 1 sampai 4."]


# --- nilai_variabel_simpan --------------------------------------------------------------------------


def test_nilai_variabel_saved_then_stale_form_conflicts(dunia, tulis):
    simpan = services.nilai_variabel_simpan
    v = tulis.variabel
    simpan(user=dunia.operator, variabel=v, tahun=2022, tribulan=4, nilai=PRODUKSI_2022, semula=None)
    simpan(user=dunia.admin_pemda, variabel=v, tahun=2022, tribulan=4, nilai=Decimal("3831430"), semula=PRODUKSI_2022)
    with pytest.raises(KonflikSimpan) as info:
        simpan(user=dunia.operator, variabel=v, tahun=2022, tribulan=4, nilai=Decimal("3835000"), semula=PRODUKSI_2022)
    assert str(info.value).endswith("menjadi 3.831.430; nilai Anda 3.835.000 tidak disimpan.")
    tersimpan = NilaiVariabel.objects.get(variabel=v, tahun=2022, tribulan=4)
    assert tersimpan.nilai == Decimal("3831430")
    riwayat = list(tersimpan.history.order_by("history_id"))
    assert [(r.history_user, r.nilai) for r in riwayat] == [
        (dunia.operator, PRODUKSI_2022), (dunia.admin_pemda, Decimal("3831430"))
    ]


def test_nilai_variabel_of_another_opd_is_404_and_kepala_is_403(dunia, tulis):
    with pytest.raises(Http404):
        services.nilai_variabel_simpan(
            user=dunia.operator2, variabel=tulis.variabel, tahun=2022, tribulan=4, nilai=PRODUKSI_2022, semula=None
        )
    with pytest.raises(PermissionDenied):
        services.nilai_variabel_simpan(
            user=dunia.kepala, variabel=tulis.variabel, tahun=2022, tribulan=4, nilai=PRODUKSI_2022, semula=None
        )
    assert not NilaiVariabel.objects.filter(variabel=tulis.variabel).exists()


def test_nilai_variabel_summed_from_a_table_is_not_typed_over(dunia):
    # produksi_n of the IKU S2.1-1 is the sum of Tabel 3.7's 2022 column.
    produksi_n = VariabelFormula.objects.get(indikator__opd=dunia.opd_a, indikator__kode="S2.1-1", nama="produksi_n")
    with pytest.raises(ValidationError) as info:
        services.nilai_variabel_simpan(
            user=dunia.operator, variabel=produksi_n, tahun=2022, tribulan=4, nilai=PRODUKSI_2022, semula=None
        )
    assert "dijumlahkan dari tabel pendukung" in info.value.messages[0]
    tersimpan = NilaiVariabel.objects.get(variabel=produksi_n, tahun=2022, tribulan=4)
    assert (tersimpan.nilai, tersimpan.kolom) == (None, "2022")


# --- realisasi_anggaran_simpan ----------------------------------------------------------------------


def test_realisasi_anggaran_saved_on_program_with_history(dunia, tulis):
    hasil = realisasi_anggaran_simpan(
        user=dunia.operator, mata_anggaran=tulis.program, tribulan=4, nilai=REALISASI_PERENCANAAN, semula=None
    )
    assert hasil.program == tulis.program and hasil.nilai == REALISASI_PERENCANAAN
    catatan = hasil.history.get()
    assert catatan.history_user == dunia.operator
    assert catatan.history_change_reason == "Realisasi s.d. TW 4 2022: kosong → 12.570.161.658"


def test_realisasi_anggaran_on_sub_kegiatan_conflicts_on_stale_form(dunia, tulis):
    simpan = realisasi_anggaran_simpan
    sub = tulis.sub_kegiatan
    simpan(user=dunia.operator, mata_anggaran=sub, tribulan=2, nilai=Decimal("1000000.50"), semula=None)
    simpan(user=dunia.admin_pemda, mata_anggaran=sub, tribulan=2, nilai=Decimal("2000000"), semula=Decimal("1000000.5"))
    with pytest.raises(KonflikSimpan) as info:
        simpan(user=dunia.operator, mata_anggaran=sub, tribulan=2, nilai=Decimal("1500000"), semula=Decimal("1000000.50"))
    assert str(info.value).endswith("menjadi 2.000.000; nilai Anda 1.500.000 tidak disimpan.")
    assert RealisasiAnggaran.objects.get(sub_kegiatan=sub, tribulan=2).nilai == Decimal("2000000")


@pytest.mark.parametrize(
    ("nilai", "pesan"),
    [
        (Decimal("-1"), "Realisasi anggaran tidak boleh negatif."),
        (Decimal("0.001"), "Realisasi anggaran paling banyak 2 angka di belakang koma."),
        (Decimal("1E+18"), "Realisasi anggaran terlalu besar: paling banyak 18 angka sebelum koma."),
    ],
)
def test_realisasi_anggaran_invalid_amounts_are_refused(dunia, tulis, nilai, pesan):
    with pytest.raises(ValidationError) as info:
        realisasi_anggaran_simpan(
            user=dunia.operator, mata_anggaran=tulis.program, tribulan=4, nilai=nilai, semula=None
        )
    assert info.value.messages == [pesan]
    assert not RealisasiAnggaran.objects.filter(program=tulis.program).exists()


def test_realisasi_anggaran_respects_locks_and_roles(dunia, tulis):
    periode_kunci(user=dunia.admin_pemda, periode=tulis.periode_tw4, terkunci=True)
    with pytest.raises(ValidationError):
        realisasi_anggaran_simpan(
            user=dunia.operator, mata_anggaran=tulis.program, tribulan=4, nilai=REALISASI_PERENCANAAN, semula=None
        )
    with pytest.raises(PermissionDenied):
        realisasi_anggaran_simpan(
            user=dunia.auditor_opd, mata_anggaran=tulis.program, tribulan=1, nilai=Decimal(1), semula=None
        )
    assert not RealisasiAnggaran.objects.filter(program=tulis.program).exists()


# --- analisis_simpan --------------------------------------------------------------------------------


def test_analisis_saved_updated_conflicting_and_deleted(dunia, tulis):
    simpan = services.analisis_simpan
    ind = tulis.indikator
    pertama = TeksAnalisis(
        faktor_keberhasilan="Pendampingan IKM berjalan.\r\nPameran diikuti.",
        hambatan="Harga bahan baku tidak stabil.",
    )
    a = simpan(user=dunia.operator, indikator=ind, tahun=2022, teks=pertama, semula=None)
    # Browsers send CRLF; the service stores one kind of line break.
    assert a.faktor_keberhasilan == "Pendampingan IKM berjalan.\nPameran diikuti."
    kedua = TeksAnalisis(pertama.faktor_keberhasilan, pertama.hambatan, "Pemantauan harga bahan baku.")
    simpan(user=dunia.admin_pemda, indikator=ind, tahun=2022, teks=kedua, semula=pertama)

    with pytest.raises(KonflikSimpan) as info:
        simpan(user=dunia.operator, indikator=ind, tahun=2022, teks=TeksAnalisis(hambatan="Lain"), semula=pertama)
    assert str(info.value).startswith("Analisis ini sudah diubah oleh Admin Bappeda pada ")
    assert AnalisisIndikator.objects.get(indikator=ind, tahun=2022).tindak_lanjut == "Pemantauan harga bahan baku."

    assert simpan(user=dunia.operator, indikator=ind, tahun=2022, teks=TeksAnalisis(), semula=kedua) is None
    assert not AnalisisIndikator.objects.filter(indikator=ind).exists()
    riwayat = AnalisisIndikator.history.filter(indikator=ind).order_by("history_id")
    assert [(r.history_type, r.history_user.username) for r in riwayat] == [
        ("+", "operator"), ("~", "admin_pemda"), ("-", "operator")
    ]


def test_analisis_by_auditor_is_refused(dunia, tulis):
    with pytest.raises(PermissionDenied):
        services.analisis_simpan(
            user=dunia.auditor, indikator=tulis.indikator, tahun=2022,
            teks=TeksAnalisis(hambatan="x"), semula=None,
        )


# --- NilaiField: how a typed value reaches the services ---------------------------------------------


@pytest.mark.parametrize(
    ("ketikan", "nilai"),
    [
        ("0,094", Decimal("0.094")),
        ("3.835.029", Decimal("3835029")),
        ("12.570.161.658", Decimal("12570161658")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("-2,5", Decimal("-2.5")),
        ("416,60000000000", Decimal("416.6")),
        ("", None),
    ],
)
def test_nilai_field_reads_indonesian_numbers_whatever_the_browser_language(ketikan, nilai):
    assert NilaiField(max_digits=28, decimal_places=8).clean(ketikan) == nilai


@pytest.mark.parametrize(
    ("ketikan", "pesan"),
    [
        ("0.094", "Masukkan angka dengan koma sebagai pemisah desimal, mis. 0,094 atau 1.234.567,89."),
        ("1.5", "Masukkan angka dengan koma sebagai pemisah desimal, mis. 0,094 atau 1.234.567,89."),
        ("NaN", "Masukkan angka dengan koma sebagai pemisah desimal, mis. 0,094 atau 1.234.567,89."),
        ("0,123456789", "Paling banyak 8 angka di belakang koma."),
        ("123456789012345678901", "Paling banyak 20 angka sebelum koma."),
    ],
)
def test_nilai_field_refuses_ambiguous_or_oversized_input_in_indonesian(ketikan, pesan):
    with pytest.raises(ValidationError) as info:
        NilaiField(max_digits=28, decimal_places=8).clean(ketikan)
    assert info.value.messages == [pesan]
