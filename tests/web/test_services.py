"""Write services for monev values (capaian.services): access, locks, validation, conflicts, history."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404

from anggaran.models import RealisasiAnggaran
from anggaran.services import realisasi_anggaran_simpan
from capaian import services
from capaian.models import AnalisisIndikator, NilaiVariabel, RealisasiIndikator, TabelPendukung
from capaian.services import TeksAnalisis
from inti.forms import NilaiField
from inti.services import periode_kunci
from inti.tulis import KonflikSimpan

# Seed figures, LKjIP Disperindag Kota Pasuruan 2022.
PERTUMBUHAN_PRODUKSI = Decimal("0.094")  # Tabel 3.6, printed rounded
PERTUMBUHAN_PRODUKSI_PENUH = Decimal("0.09393")  # (3.835.029 − 3.831.430) / 3.831.430 × 100, five decimals
PRODUKSI_2022 = Decimal("3835029")
REALISASI_PERENCANAAN = Decimal("12570161658")  # Program Perencanaan dan Pembangunan Industri, Tabel 3.14


def _simpan(user, dunia, nilai, versi=None, **kw):
    return services.realisasi_simpan(
        user=user, indikator=dunia.indikator_a, tahun=2022, tribulan=4, nilai=nilai, versi=versi, **kw
    )


def _riwayat(dunia):
    return list(
        RealisasiIndikator.history.filter(indikator=dunia.indikator_a, tahun=2022, tribulan=4).order_by("history_id")
    )


# --- realisasi_simpan ------------------------------------------------------------------------------


def test_operator_saves_realisasi_and_history_records_user_old_and_new_value(web_dunia, web_operator):
    dibuat = _simpan(web_operator, web_dunia, PERTUMBUHAN_PRODUKSI, keterangan="Angka sementara")
    assert (dibuat.nilai, dibuat.versi, dibuat.keterangan) == (PERTUMBUHAN_PRODUKSI, 1, "Angka sementara")

    diubah = _simpan(web_operator, web_dunia, PERTUMBUHAN_PRODUKSI_PENUH, versi=1, keterangan="Angka tetap")
    assert diubah.versi == 2

    tersimpan = RealisasiIndikator.objects.get(indikator=web_dunia.indikator_a, tahun=2022, tribulan=4)
    assert (tersimpan.nilai, tersimpan.versi) == (PERTUMBUHAN_PRODUKSI_PENUH, 2)
    pertama, kedua = _riwayat(web_dunia)
    assert (pertama.history_type, pertama.history_user, pertama.nilai) == ("+", web_operator, PERTUMBUHAN_PRODUKSI)
    assert (kedua.history_type, kedua.history_user, kedua.nilai) == ("~", web_operator, PERTUMBUHAN_PRODUKSI_PENUH)
    assert pertama.history_change_reason == "Realisasi TW 4 2022: kosong → 0,094"
    assert kedua.history_change_reason == "Realisasi TW 4 2022: 0,094 → 0,09393"
    perubahan = {c.field: (c.old, c.new) for c in kedua.diff_against(pertama).changes}
    assert perubahan["nilai"] == (PERTUMBUHAN_PRODUKSI, PERTUMBUHAN_PRODUKSI_PENUH)
    assert perubahan["keterangan"] == ("Angka sementara", "Angka tetap")


def test_saving_none_deletes_and_history_keeps_the_deleted_value(web_dunia, web_operator):
    _simpan(web_operator, web_dunia, PERTUMBUHAN_PRODUKSI)
    assert _simpan(web_operator, web_dunia, None, versi=1) is None
    assert not RealisasiIndikator.objects.filter(indikator=web_dunia.indikator_a).exists()
    terakhir = _riwayat(web_dunia)[-1]
    assert (terakhir.history_type, terakhir.history_user, terakhir.nilai) == ("-", web_operator, PERTUMBUHAN_PRODUKSI)
    assert terakhir.history_change_reason == "Realisasi TW 4 2022: 0,094 → kosong"


def test_admin_of_the_pemda_writes_any_opd(web_dunia, web_admin):
    assert _simpan(web_admin, web_dunia, PERTUMBUHAN_PRODUKSI).nilai == PERTUMBUHAN_PRODUKSI
    assert _riwayat(web_dunia)[-1].history_user == web_admin


@pytest.mark.parametrize(
    ("persona", "galat"),
    [
        ("web_operator2", Http404),
        ("web_admin_lain", Http404),
        ("web_tanpa_peran", Http404),
        ("web_kepala", PermissionDenied),
        ("web_auditor", PermissionDenied),
        ("web_auditor_pemda", PermissionDenied),
    ],
)
def test_other_opd_gets_404_and_read_only_roles_get_403_and_nothing_is_written(
    web_dunia, web_persona, persona, galat
):
    with pytest.raises(galat):
        _simpan(web_persona(persona), web_dunia, PERTUMBUHAN_PRODUKSI)
    assert not RealisasiIndikator.objects.filter(indikator=web_dunia.indikator_a).exists()
    assert _riwayat(web_dunia) == []


def test_stale_versi_raises_konflik_with_both_values_and_changes_nothing(web_dunia, web_operator, web_admin):
    _simpan(web_operator, web_dunia, PERTUMBUHAN_PRODUKSI)  # versi 1; both forms are opened now
    _simpan(web_admin, web_dunia, PERTUMBUHAN_PRODUKSI_PENUH, versi=1)  # versi 2
    jumlah_riwayat = len(_riwayat(web_dunia))

    with pytest.raises(KonflikSimpan) as info:
        _simpan(web_operator, web_dunia, Decimal("0.1"), versi=1)

    konflik = info.value
    assert konflik.tersimpan == PERTUMBUHAN_PRODUKSI_PENUH
    assert konflik.nilai_anda == Decimal("0.1")
    assert konflik.oleh == web_admin
    assert konflik.versi == 2
    pesan = str(konflik)
    assert pesan.startswith("Nilai ini sudah diubah oleh Admin Bappeda pada ")
    assert pesan.endswith(" menjadi 0,09393; nilai Anda 0,1 tidak disimpan.")
    tersimpan = RealisasiIndikator.objects.get(indikator=web_dunia.indikator_a)
    assert (tersimpan.nilai, tersimpan.versi) == (PERTUMBUHAN_PRODUKSI_PENUH, 2)
    assert len(_riwayat(web_dunia)) == jumlah_riwayat


def test_two_first_saves_from_empty_forms_do_not_overwrite_each_other(web_dunia, web_operator, web_admin):
    _simpan(web_admin, web_dunia, PERTUMBUHAN_PRODUKSI)
    with pytest.raises(KonflikSimpan) as info:
        _simpan(web_operator, web_dunia, PRODUKSI_2022)  # the operator's form was empty too (versi None)
    assert (info.value.tersimpan, info.value.nilai_anda) == (PERTUMBUHAN_PRODUKSI, PRODUKSI_2022)
    assert "nilai Anda 3.835.029 tidak disimpan" in str(info.value)
    assert RealisasiIndikator.objects.get(indikator=web_dunia.indikator_a).nilai == PERTUMBUHAN_PRODUKSI


def test_deleting_from_a_stale_form_is_a_conflict_too(web_dunia, web_operator, web_admin):
    _simpan(web_operator, web_dunia, PERTUMBUHAN_PRODUKSI)
    _simpan(web_admin, web_dunia, PERTUMBUHAN_PRODUKSI_PENUH, versi=1)
    with pytest.raises(KonflikSimpan) as info:
        _simpan(web_operator, web_dunia, None, versi=1)
    assert str(info.value).endswith("menjadi 0,09393; penghapusan oleh Anda tidak dilakukan.")
    assert RealisasiIndikator.objects.filter(indikator=web_dunia.indikator_a).exists()


def test_value_deleted_by_another_user_reports_who_deleted_it(web_dunia, web_operator, web_admin):
    _simpan(web_operator, web_dunia, PERTUMBUHAN_PRODUKSI)
    _simpan(web_admin, web_dunia, None, versi=1)
    with pytest.raises(KonflikSimpan) as info:
        _simpan(web_operator, web_dunia, Decimal("0.1"), versi=1)
    assert info.value.tersimpan is None and info.value.oleh == web_admin
    assert " menjadi kosong; nilai Anda 0,1 tidak disimpan." in str(info.value)


def test_saving_the_value_already_stored_is_not_a_conflict_and_writes_nothing(web_dunia, web_operator, web_admin):
    _simpan(web_operator, web_dunia, PERTUMBUHAN_PRODUKSI)
    _simpan(web_admin, web_dunia, PERTUMBUHAN_PRODUKSI_PENUH, versi=1)
    jumlah_riwayat = len(_riwayat(web_dunia))
    sama = _simpan(web_operator, web_dunia, PERTUMBUHAN_PRODUKSI_PENUH, versi=1)
    assert (sama.nilai, sama.versi) == (PERTUMBUHAN_PRODUKSI_PENUH, 2)
    assert len(_riwayat(web_dunia)) == jumlah_riwayat


def test_locked_period_refuses_the_operator_and_allows_the_admin(web_dunia, web_operator, web_admin):
    periode_kunci(user=web_admin, periode=web_dunia.periode_tw4, terkunci=True)

    with pytest.raises(ValidationError) as info:
        _simpan(web_operator, web_dunia, PERTUMBUHAN_PRODUKSI)
    assert info.value.messages == [
        "Periode Tribulan IV 2022 sudah dikunci; hanya admin yang dapat mengubah data."
    ]
    assert not RealisasiIndikator.objects.filter(indikator=web_dunia.indikator_a).exists()

    assert _simpan(web_admin, web_dunia, PERTUMBUHAN_PRODUKSI).nilai == PERTUMBUHAN_PRODUKSI
    # Other Tribulan of the same year stay open.
    services.realisasi_simpan(
        user=web_operator, indikator=web_dunia.indikator_a, tahun=2022, tribulan=3, nilai=Decimal("0.05"), versi=None
    )


def test_periode_kunci_is_admin_only_and_recorded(web_dunia, web_operator, web_admin_lain, web_admin):
    for bukan_admin in (web_operator, web_admin_lain):
        with pytest.raises(PermissionDenied):
            periode_kunci(user=bukan_admin, periode=web_dunia.periode_tw4, terkunci=True)
    periode = periode_kunci(user=web_admin, periode=web_dunia.periode_tw4, terkunci=True)
    assert periode.terkunci
    catatan = periode.history.order_by("-history_id").first()
    assert (catatan.history_user, catatan.terkunci, catatan.history_change_reason) == (
        web_admin, True, "Periode dikunci"
    )
    periode_kunci(user=web_admin, periode=periode, terkunci=False)
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
def test_invalid_input_is_refused_in_indonesian_and_nothing_changes(web_dunia, web_operator, nilai, pesan):
    _simpan(web_operator, web_dunia, PERTUMBUHAN_PRODUKSI)
    with pytest.raises(ValidationError) as info:
        _simpan(web_operator, web_dunia, nilai, versi=1)
    assert info.value.messages == [pesan]
    tersimpan = RealisasiIndikator.objects.get(indikator=web_dunia.indikator_a)
    assert (tersimpan.nilai, tersimpan.versi) == (PERTUMBUHAN_PRODUKSI, 1)
    assert len(_riwayat(web_dunia)) == 1


def test_trailing_zeros_beyond_eight_decimals_are_accepted(web_dunia, web_operator):
    assert _simpan(web_operator, web_dunia, Decimal("1.5000000000")).nilai == Decimal("1.5")


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite keeps decimals as REAL: about 15 digits")
def test_largest_value_that_fits_the_column_is_accepted(web_dunia, web_operator):
    terbesar = Decimal("99999999999999999999.99999999")
    _simpan(web_operator, web_dunia, terbesar)
    assert RealisasiIndikator.objects.get(indikator=web_dunia.indikator_a).nilai == terbesar


def test_float_is_refused_before_it_loses_digits(web_dunia, web_operator):
    with pytest.raises(TypeError):
        _simpan(web_operator, web_dunia, 0.094)


def test_tribulan_outside_one_to_four_is_refused(web_dunia, web_operator):
    with pytest.raises(ValidationError) as info:
        services.realisasi_simpan(
            user=web_operator, indikator=web_dunia.indikator_a, tahun=2022, tribulan=5, nilai=Decimal(1), versi=None
        )
    assert info.value.messages == ["Tribulan harus 1 sampai 4."]


# --- nilai_variabel_simpan --------------------------------------------------------------------------


def test_nilai_variabel_saved_then_stale_form_conflicts(web_dunia, web_operator, web_admin):
    simpan = services.nilai_variabel_simpan
    v = web_dunia.variabel_a
    simpan(user=web_operator, variabel=v, tahun=2022, tribulan=4, nilai=PRODUKSI_2022, semula=None)
    simpan(user=web_admin, variabel=v, tahun=2022, tribulan=4, nilai=Decimal("3831430"), semula=PRODUKSI_2022)
    with pytest.raises(KonflikSimpan) as info:
        simpan(user=web_operator, variabel=v, tahun=2022, tribulan=4, nilai=Decimal("3835000"), semula=PRODUKSI_2022)
    assert str(info.value).endswith("menjadi 3.831.430; nilai Anda 3.835.000 tidak disimpan.")
    tersimpan = NilaiVariabel.objects.get(variabel=v, tahun=2022, tribulan=4)
    assert tersimpan.nilai == Decimal("3831430")
    riwayat = list(tersimpan.history.order_by("history_id"))
    assert [(r.history_user, r.nilai) for r in riwayat] == [
        (web_operator, PRODUKSI_2022), (web_admin, Decimal("3831430"))
    ]


def test_nilai_variabel_of_another_opd_is_404_and_kepala_is_403(web_dunia, web_operator2, web_kepala):
    with pytest.raises(Http404):
        services.nilai_variabel_simpan(
            user=web_operator2, variabel=web_dunia.variabel_a, tahun=2022, tribulan=4, nilai=PRODUKSI_2022, semula=None
        )
    with pytest.raises(PermissionDenied):
        services.nilai_variabel_simpan(
            user=web_kepala, variabel=web_dunia.variabel_a, tahun=2022, tribulan=4, nilai=PRODUKSI_2022, semula=None
        )
    assert not NilaiVariabel.objects.filter(variabel=web_dunia.variabel_a).exists()


def test_nilai_variabel_summed_from_a_table_is_not_typed_over(web_dunia, web_operator):
    tabel = TabelPendukung.objects.create(opd=web_dunia.opd_a, tahun=2022, kode="produksi", judul="Nilai produksi")
    NilaiVariabel.objects.create(variabel=web_dunia.variabel_a, tahun=2022, tribulan=4, tabel=tabel, kolom="2022")
    with pytest.raises(ValidationError) as info:
        services.nilai_variabel_simpan(
            user=web_operator, variabel=web_dunia.variabel_a, tahun=2022, tribulan=4, nilai=PRODUKSI_2022, semula=None
        )
    assert "dijumlahkan dari tabel pendukung" in info.value.messages[0]


# --- realisasi_anggaran_simpan ----------------------------------------------------------------------


def test_realisasi_anggaran_saved_on_program_with_history(web_dunia, web_operator):
    hasil = realisasi_anggaran_simpan(
        user=web_operator, mata_anggaran=web_dunia.program_a, tribulan=4, nilai=REALISASI_PERENCANAAN, semula=None
    )
    assert hasil.program == web_dunia.program_a and hasil.nilai == REALISASI_PERENCANAAN
    catatan = hasil.history.get()
    assert catatan.history_user == web_operator
    assert catatan.history_change_reason == "Realisasi s.d. TW 4 2022: kosong → 12.570.161.658"


def test_realisasi_anggaran_on_sub_kegiatan_conflicts_on_stale_form(web_dunia, web_operator, web_admin):
    simpan = realisasi_anggaran_simpan
    sub = web_dunia.sub_kegiatan_a
    simpan(user=web_operator, mata_anggaran=sub, tribulan=2, nilai=Decimal("1000000.50"), semula=None)
    simpan(user=web_admin, mata_anggaran=sub, tribulan=2, nilai=Decimal("2000000"), semula=Decimal("1000000.5"))
    with pytest.raises(KonflikSimpan) as info:
        simpan(user=web_operator, mata_anggaran=sub, tribulan=2, nilai=Decimal("1500000"), semula=Decimal("1000000.50"))
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
def test_realisasi_anggaran_invalid_amounts_are_refused(web_dunia, web_operator, nilai, pesan):
    with pytest.raises(ValidationError) as info:
        realisasi_anggaran_simpan(
            user=web_operator, mata_anggaran=web_dunia.program_a, tribulan=4, nilai=nilai, semula=None
        )
    assert info.value.messages == [pesan]
    assert not RealisasiAnggaran.objects.filter(program=web_dunia.program_a).exists()


def test_realisasi_anggaran_respects_locks_and_roles(web_dunia, web_operator, web_auditor, web_admin):
    periode_kunci(user=web_admin, periode=web_dunia.periode_tw4, terkunci=True)
    with pytest.raises(ValidationError):
        realisasi_anggaran_simpan(
            user=web_operator, mata_anggaran=web_dunia.program_a, tribulan=4, nilai=REALISASI_PERENCANAAN, semula=None
        )
    with pytest.raises(PermissionDenied):
        realisasi_anggaran_simpan(
            user=web_auditor, mata_anggaran=web_dunia.program_a, tribulan=1, nilai=Decimal(1), semula=None
        )
    assert not RealisasiAnggaran.objects.filter(program=web_dunia.program_a).exists()


# --- analisis_simpan --------------------------------------------------------------------------------


def test_analisis_saved_updated_conflicting_and_deleted(web_dunia, web_operator, web_admin):
    simpan = services.analisis_simpan
    ind = web_dunia.indikator_a
    pertama = TeksAnalisis(
        faktor_keberhasilan="Pendampingan IKM berjalan.\r\nPameran diikuti.",
        hambatan="Harga bahan baku tidak stabil.",
    )
    a = simpan(user=web_operator, indikator=ind, tahun=2022, teks=pertama, semula=None)
    # Browsers send CRLF; the service stores one kind of line break.
    assert a.faktor_keberhasilan == "Pendampingan IKM berjalan.\nPameran diikuti."
    kedua = TeksAnalisis(pertama.faktor_keberhasilan, pertama.hambatan, "Pemantauan harga bahan baku.")
    simpan(user=web_admin, indikator=ind, tahun=2022, teks=kedua, semula=pertama)

    with pytest.raises(KonflikSimpan) as info:
        simpan(user=web_operator, indikator=ind, tahun=2022, teks=TeksAnalisis(hambatan="Lain"), semula=pertama)
    assert str(info.value).startswith("Analisis ini sudah diubah oleh Admin Bappeda pada ")
    assert AnalisisIndikator.objects.get(indikator=ind, tahun=2022).tindak_lanjut == "Pemantauan harga bahan baku."

    assert simpan(user=web_operator, indikator=ind, tahun=2022, teks=TeksAnalisis(), semula=kedua) is None
    assert not AnalisisIndikator.objects.filter(indikator=ind).exists()
    riwayat = AnalisisIndikator.history.filter(indikator=ind).order_by("history_id")
    assert [(r.history_type, r.history_user.username) for r in riwayat] == [
        ("+", "web_operator"), ("~", "web_admin"), ("-", "web_operator")
    ]


def test_analisis_by_auditor_is_refused(web_dunia, web_auditor_pemda):
    with pytest.raises(PermissionDenied):
        services.analisis_simpan(
            user=web_auditor_pemda, indikator=web_dunia.indikator_a, tahun=2022,
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
