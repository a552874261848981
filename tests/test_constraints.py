"""The data model refuses what it must, twice: `full_clean()` answers with the model's Indonesian
message, and the database itself refuses the row when validation is skipped.

Every test builds its own OPD, plan and budget lines (OPD `uji-konstrain`), so none depends on the
dataset's contents. On SQLite a unique index names its columns rather than the constraint; the check
below reads whichever the backend gives.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from anggaran.models import Kegiatan, PaguAnggaran, Program, RealisasiAnggaran, SubKegiatan
from capaian.models import NilaiVariabel, RealisasiIndikator, TabelPendukung
from inti.models import OPD, Pemda, PeriodeMonev, RentangKategori, SkalaKategori
from perjanjian.models import PerjanjianKinerja
from renstra.models import Indikator, Renstra, Sasaran, TargetIndikator, Tujuan, VariabelFormula


class Rantai:
    """One OPD with a Renstra down to a sasaran indicator, and a DPA down to a sub kegiatan."""

    def __init__(self):
        self.pemda = Pemda.objects.create(kode="uji-konstrain", nama="Pemerintah Kota Uji")
        self.opd = OPD.objects.create(
            pemda=self.pemda, kode="uji-konstrain", nama="Dinas Uji", singkatan="DU"
        )
        renstra = Renstra.objects.create(
            opd=self.opd, nama="Renstra Dinas Uji", tahun_awal=2021, tahun_akhir=2026
        )
        self.tujuan = Tujuan.objects.create(renstra=renstra, kode="1", nama="Meningkatnya Kontribusi PDRB")
        self.sasaran = Sasaran.objects.create(tujuan=self.tujuan, kode="1.1", nama="Meningkatnya Produksi")
        self.indikator = Indikator.objects.create(
            opd=self.opd,
            level=Indikator.Level.SASARAN,
            sasaran=self.sasaran,
            kode="U1.1-1",
            nama="Persentase Peningkatan Produksi Sektor Unggulan",
            satuan="%",
            desimal=3,
        )
        self.program = Program.objects.create(
            opd=self.opd, tahun=2022, kode="3.31.02", nama="Program Perencanaan dan Pembangunan Industri"
        )
        self.kegiatan = Kegiatan.objects.create(
            program=self.program,
            kode="3.31.02.2.01",
            nama="Penyusunan dan Evaluasi Rencana Pembangunan Industri",
        )
        self.sub_kegiatan = SubKegiatan.objects.create(
            kegiatan=self.kegiatan,
            kode="3.31.02.2.01.0005",
            nama="Koordinasi, Sinkronisasi, dan Pelaksanaan Pemberdayaan Industri dan Peran Serta Masyarakat",
        )
        self.variabel = VariabelFormula.objects.create(
            indikator=self.indikator, nama="produksi_n", label="Nilai produksi tahun n"
        )
        self.tabel = TabelPendukung.objects.create(
            opd=self.opd, tahun=2022, kode="tabel-3-7", judul="Total Nilai Produksi Sektor Unggulan"
        )

    def pk_awal(self) -> PerjanjianKinerja:
        return PerjanjianKinerja.objects.create(opd=self.opd, tahun=2022, **PIHAK)


PIHAK = {
    "pihak_pertama_nama": "Kepala Dinas Uji",
    "pihak_pertama_jabatan": "Kepala Dinas",
    "pihak_kedua_nama": "Walikota Uji",
    "pihak_kedua_jabatan": "Walikota",
}


@pytest.fixture
def rantai(db) -> Rantai:
    return Rantai()


def _pesan_full_clean(obj) -> list[str]:
    with pytest.raises(ValidationError) as galat:
        obj.full_clean()
    return galat.value.messages


def _constraint(model, nama: str):
    return next(c for c in model._meta.constraints if c.name == nama)


def _ditolak_database(obj, nama_constraint: str) -> None:
    """Saving `obj` without validation fails in the database, on the named constraint."""
    model = type(obj)
    constraint = _constraint(model, nama_constraint)
    with pytest.raises(IntegrityError) as galat, transaction.atomic():
        obj.save()
    pesan = str(galat.value)
    if connection.vendor == "sqlite" and hasattr(constraint, "fields") and constraint.fields:
        # SQLite reports a unique index by its columns: "UNIQUE constraint failed: tabel.kolom, ...".
        for nama_field in constraint.fields:
            kolom = model._meta.get_field(nama_field).column
            assert f"{model._meta.db_table}.{kolom}" in pesan
    else:
        assert nama_constraint in pesan


def _ditolak(obj, nama_constraint: str, pesan: str) -> None:
    """Refused by full_clean with the model's own message, then by the database."""
    assert _constraint(type(obj), nama_constraint).violation_error_message == pesan
    assert pesan in _pesan_full_clean(obj)
    _ditolak_database(obj, nama_constraint)


def test_second_target_for_the_same_indicator_year_and_document_is_refused(rantai):
    TargetIndikator.objects.create(
        indikator=rantai.indikator, tahun=2022, dokumen="renstra", nilai=Decimal("0.1")
    )
    kembar = TargetIndikator(indikator=rantai.indikator, tahun=2022, dokumen="renstra", nilai=Decimal("0.2"))

    _ditolak(
        kembar,
        "target_unik_per_dokumen_tahun",
        "Target indikator ini untuk tahun dan dokumen tersebut sudah ada.",
    )


def test_same_indicator_and_year_may_have_a_target_per_document(rantai):
    TargetIndikator.objects.create(
        indikator=rantai.indikator, tahun=2022, dokumen="renstra", nilai=Decimal("0.1")
    )
    # Renstra and Renja differ in the seed (Tabel 2.1 against 2.3): both are kept.
    renja = TargetIndikator(indikator=rantai.indikator, tahun=2022, dokumen="renja", nilai=Decimal("0.1"))
    renja.full_clean()
    renja.save()
    assert rantai.indikator.target_set.count() == 2


def test_negative_pagu_is_refused(rantai):
    pagu = PaguAnggaran(sub_kegiatan=rantai.sub_kegiatan, dokumen="dpa", nilai=Decimal("-1"))

    _ditolak(pagu, "pagu_tidak_negatif", "Pagu tidak boleh negatif.")


def test_zero_pagu_is_accepted(rantai):
    pagu = PaguAnggaran(sub_kegiatan=rantai.sub_kegiatan, dokumen="dpa", nilai=Decimal("0"))
    pagu.full_clean()


@pytest.mark.parametrize(
    "tingkat",
    [("program", "kegiatan"), ("kegiatan", "sub_kegiatan"), ("program", "sub_kegiatan"), ()],
    ids=["program+kegiatan", "kegiatan+sub_kegiatan", "program+sub_kegiatan", "tanpa_induk"],
)
def test_pagu_must_hang_from_exactly_one_budget_line(rantai, tingkat):
    pagu = PaguAnggaran(
        dokumen="dpa", nilai=Decimal("15442908997"), **{t: getattr(rantai, t) for t in tingkat}
    )

    _ditolak(
        pagu,
        "pagu_satu_mata_anggaran",
        "Pagu harus melekat pada tepat satu: program, kegiatan, atau sub kegiatan.",
    )


def test_realisasi_anggaran_must_hang_from_exactly_one_budget_line(rantai):
    realisasi = RealisasiAnggaran(
        program=rantai.program, sub_kegiatan=rantai.sub_kegiatan, tribulan=4, nilai=Decimal("12181771758")
    )

    _ditolak(
        realisasi,
        "realisasi_anggaran_satu_mata",
        "Realisasi harus melekat pada tepat satu: program, kegiatan, atau sub kegiatan.",
    )


def test_second_realisasi_of_an_indicator_for_the_same_period_is_refused(rantai):
    RealisasiIndikator.objects.create(
        indikator=rantai.indikator, tahun=2022, tribulan=4, nilai=Decimal("0.094")
    )
    kembar = RealisasiIndikator(indikator=rantai.indikator, tahun=2022, tribulan=4, nilai=Decimal("0.1"))

    _ditolak(
        kembar,
        "realisasi_unik_per_periode",
        "Realisasi indikator ini untuk tahun dan tribulan tersebut sudah ada.",
    )


def test_the_same_tribulan_of_another_year_is_a_new_period(rantai):
    RealisasiIndikator.objects.create(
        indikator=rantai.indikator, tahun=2022, tribulan=4, nilai=Decimal("0.094")
    )
    RealisasiIndikator(indikator=rantai.indikator, tahun=2023, tribulan=4, nilai=Decimal("0.1")).full_clean()


def _dengan_tribulan(rantai, model, tribulan: int):
    if model is RealisasiIndikator:
        return RealisasiIndikator(
            indikator=rantai.indikator, tahun=2022, tribulan=tribulan, nilai=Decimal("0.094")
        )
    if model is RealisasiAnggaran:
        return RealisasiAnggaran(
            sub_kegiatan=rantai.sub_kegiatan, tribulan=tribulan, nilai=Decimal("12181771758")
        )
    if model is NilaiVariabel:
        return NilaiVariabel(
            variabel=rantai.variabel, tahun=2022, tribulan=tribulan, nilai=Decimal("3835029")
        )
    return PeriodeMonev(pemda=rantai.pemda, tahun=2022, tribulan=tribulan)


TRIBULAN = [
    (RealisasiIndikator, "realisasi_tribulan_valid"),
    (RealisasiAnggaran, "realisasi_anggaran_tribulan"),
    (NilaiVariabel, "nilai_variabel_tribulan"),
    (PeriodeMonev, "periode_tribulan_valid"),
]


@pytest.mark.parametrize(("model", "nama_constraint"), TRIBULAN, ids=[m.__name__ for m, _ in TRIBULAN])
def test_tribulan_5_is_refused(rantai, model, nama_constraint):
    obj = _dengan_tribulan(rantai, model, 5)

    # full_clean stops at the field's choices and says so on the field, in Indonesian...
    with pytest.raises(ValidationError) as galat:
        obj.full_clean()
    assert galat.value.message_dict == {"tribulan": ["Nilai 5 bukan pilihan yang valid."]}
    # ...the constraint says it for code that validates constraints alone...
    with pytest.raises(ValidationError) as galat:
        obj.validate_constraints()
    assert galat.value.messages == ["Tribulan harus 1 sampai 4."]
    # ...and the database refuses the row whatever the code did.
    _ditolak_database(obj, nama_constraint)


@pytest.mark.parametrize(("model", "nama_constraint"), TRIBULAN, ids=[m.__name__ for m, _ in TRIBULAN])
def test_tribulan_4_is_accepted(rantai, model, nama_constraint):
    _dengan_tribulan(rantai, model, 4).full_clean()


def test_pk_perubahan_must_name_the_pk_it_replaces(rantai):
    rantai.pk_awal()
    perubahan = PerjanjianKinerja(
        opd=rantai.opd, tahun=2022, revisi=1, dokumen_anggaran="dpa_perubahan", **PIHAK
    )

    _ditolak(
        perubahan,
        "pk_perubahan_menggantikan_pk",
        "PK awal (revisi 0) tidak menggantikan PK lain; PK Perubahan harus menggantikan PK sebelumnya.",
    )


def test_original_pk_replaces_nothing(rantai):
    awal = rantai.pk_awal()
    lain = PerjanjianKinerja(opd=rantai.opd, tahun=2023, revisi=0, menggantikan=awal, **PIHAK)

    # The model's own check answers first, on the field; the constraint stands behind it.
    assert _pesan_full_clean(lain) == ["PK yang diganti harus milik OPD dan tahun yang sama."]
    with pytest.raises(ValidationError) as galat:
        lain.validate_constraints()
    assert galat.value.messages == [
        "PK awal (revisi 0) tidak menggantikan PK lain; PK Perubahan harus menggantikan PK sebelumnya."
    ]
    _ditolak_database(lain, "pk_perubahan_menggantikan_pk")


def test_pk_perubahan_that_names_the_original_is_accepted(rantai):
    awal = rantai.pk_awal()
    perubahan = PerjanjianKinerja(
        opd=rantai.opd, tahun=2022, revisi=1, menggantikan=awal, dokumen_anggaran="dpa_perubahan", **PIHAK
    )
    perubahan.full_clean()
    perubahan.save()
    assert awal.perubahan == perubahan


def test_formula_input_with_both_a_value_and_a_table_is_refused(rantai):
    nilai = NilaiVariabel(
        variabel=rantai.variabel,
        tahun=2022,
        tribulan=4,
        nilai=Decimal("3835029"),
        tabel=rantai.tabel,
        kolom="2022",
    )

    _ditolak(
        nilai,
        "nilai_variabel_isi_atau_tabel",
        "Isi nilai, atau pilih tabel pendukung dan kolomnya — salah satu saja.",
    )


def test_formula_input_with_neither_a_value_nor_a_table_is_refused(rantai):
    nilai = NilaiVariabel(variabel=rantai.variabel, tahun=2022, tribulan=4)

    _ditolak(
        nilai,
        "nilai_variabel_isi_atau_tabel",
        "Isi nilai, atau pilih tabel pendukung dan kolomnya — salah satu saja.",
    )


def test_formula_input_from_a_table_column_is_accepted(rantai):
    NilaiVariabel(
        variabel=rantai.variabel, tahun=2022, tribulan=4, tabel=rantai.tabel, kolom="2022"
    ).full_clean()


@pytest.mark.parametrize(("bawah", "atas"), [("91", "76"), ("91", "91")], ids=["terbalik", "sama"])
def test_category_band_with_lower_bound_not_below_upper_is_refused(rantai, bawah, atas):
    skala = SkalaKategori.objects.create(nama="Skala uji")
    rentang = RentangKategori(
        skala=skala, nama="Tinggi", batas_bawah=Decimal(bawah), batas_atas=Decimal(atas)
    )

    _ditolak(rentang, "rentang_bawah_kurang_dari_atas", "Batas bawah harus lebih kecil dari batas atas.")


def test_category_bands_of_the_permendagri_scale_are_accepted(rantai):
    skala = SkalaKategori.objects.create(nama="Skala uji")
    # Tabel 3.1, as half-open intervals; the open ends have no bound.
    for nama, bawah, atas in [
        ("Sangat Tinggi", "91", None),
        ("Tinggi", "76", "91"),
        ("Sedang", "66", "76"),
        ("Rendah", "51", "66"),
        ("Sangat Rendah", None, "51"),
    ]:
        rentang = RentangKategori(
            skala=skala,
            nama=nama,
            batas_bawah=None if bawah is None else Decimal(bawah),
            batas_atas=None if atas is None else Decimal(atas),
        )
        rentang.full_clean()
        rentang.save()
    assert skala.rentang_set.count() == 5


def test_second_default_scale_is_refused(rantai):
    # Whatever the database held, this test's scale is the one default.
    SkalaKategori.objects.update(bawaan=False)
    SkalaKategori.objects.create(nama="Permendagri 86/2017 (uji)", bawaan=True)
    kedua = SkalaKategori(nama="Skala Pemda lain", bawaan=True)

    _ditolak(kedua, "hanya_satu_skala_bawaan", "Hanya boleh ada satu skala bawaan.")


def test_any_number_of_non_default_scales_is_accepted(rantai):
    SkalaKategori.objects.create(nama="Skala A")
    SkalaKategori(nama="Skala B").full_clean()


INDUK_SALAH = [
    ("program", {"sasaran": "sasaran"}),
    ("sasaran", {"tujuan": "tujuan"}),
    ("tujuan", {}),
    ("sub_kegiatan", {"kegiatan": "kegiatan"}),
    ("kegiatan", {"kegiatan": "kegiatan", "program": "program"}),
]


@pytest.mark.parametrize(
    ("level", "induk"),
    INDUK_SALAH,
    ids=[
        "program_di_sasaran",
        "sasaran_di_tujuan",
        "tujuan_tanpa_induk",
        "sub_kegiatan_di_kegiatan",
        "dua_induk",
    ],
)
def test_indicator_whose_level_does_not_match_its_parent_is_refused(rantai, level, induk):
    indikator = Indikator(
        opd=rantai.opd,
        level=level,
        kode="X-1",
        nama="Indikator salah tempat",
        **{field: getattr(rantai, atribut) for field, atribut in induk.items()},
    )

    _ditolak(
        indikator,
        "indikator_induk_sesuai_level",
        "Indikator harus punya tepat satu induk yang sesuai levelnya.",
    )


@pytest.mark.parametrize("level", ["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"])
def test_indicator_under_the_parent_its_level_names_is_accepted(rantai, level):
    Indikator(
        opd=rantai.opd, level=level, kode="X-1", nama="Indikator", **{level: getattr(rantai, level)}
    ).full_clean()
