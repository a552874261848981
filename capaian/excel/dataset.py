"""An OPD's year as one workbook: its format (the sheets and their columns), its export and its template.

`ekspor_dataset(opd, tahun)` writes every input the engine reads for the year, one sheet per kind of
row: the Pemda and its category scale, the monev periods, the OPD, every Renstra with its tujuan,
sasaran and indicators (Renstra indicators of every period, since earlier years' realisasi hang on
them), the year's programs, kegiatan and sub kegiatan with their indicators, targets of every year and
document, realisasi and formula inputs of the year, supporting tables, analysis, pagu per document,
realisasi and planned spending (Rencana Penyerapan) per Tribulan, PK versions with their status, rows,
budgets and Rencana Aksi, standards and earlier years' realisasi. A last sheet, "Capaian", holds the
engine's figures for a reader; an import ignores it. `template_dataset(pemda, tahun)` writes the same
sheets for a new OPD of the Pemda, with example rows (each right for its polarity) to replace.

For a person filling it in: a first sheet, "Petunjuk", explains the workbook in Indonesian; every choice
column (level, polarity, negative rule, aggregation, document, status, ...) shows the choices' labels
with a drop-down list (a hidden sheet holds the lists); the import reads a label or the internal code,
so files exported before labels (format version 1) still load. A positive indicator's negative rule is
left empty (it reads back as the default, which such an indicator never uses).

Rows refer to each other through a "Ref" column: a label unique in its sheet, built from natural keys
("2021-2026 / 2 / 2.1") so a reader can follow it; an import treats it as an opaque label. A Rencana
Aksi row names its PK row by the PK's and the indicator's Ref. Numbers are exact (see `sel`): a value
Excel would round is written as text.

The sheet definitions below (`SEMUA_LEMBAR`: title, model, columns with their kind and whether they
are required) are the format, shared by the export here and by the import, which reads a workbook into
the one dataset loader (`lkjip.dataset.dari_excel`: the upload page and the command
`impor_dataset_excel`). Figures computed from an imported workbook are those of the exported database:
`tests/excel/test_dataset.py` compares the engine's JSON output and the stored rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from anggaran.models import (
    Kegiatan,
    PaguAnggaran,
    Program,
    RealisasiAnggaran,
    RencanaPenyerapan,
    SubKegiatan,
    q_mata_anggaran,
)
from capaian.engine import hitung_opd_tahun
from capaian.excel.sel import TEBAL, tulis_angka, tulis_judul
from capaian.models import (
    AnalisisIndikator,
    BarisTabelPendukung,
    NilaiVariabel,
    RealisasiIndikator,
    TabelPendukung,
)
from inti.ekspor import (
    FORMAT_PERSEN,
    EksporXlsx,
    buku_kerja_baru,
    format_alami,
    format_angka,
    format_terukur,
    lembar_baru,
    tulis_sel,
)
from inti.models import OPD, Pemda, PeriodeMonev, RentangKategori, SkalaKategori
from perjanjian.models import AnggaranPK, BarisPK, PerjanjianKinerja, RencanaAksi
from renstra.models import (
    Indikator,
    RealisasiTahunLalu,
    Renstra,
    Sasaran,
    StandarPembanding,
    TargetIndikator,
    Tujuan,
    VariabelFormula,
)

FORMAT = "sakip-dataset-opd"
VERSI_FORMAT = "2"
# Version 1 (before the Petunjuk sheet): internal codes in the choice columns, no PK status, no Rencana Aksi
# and no Rencana Penyerapan. Such files still load; what they lack takes its default.
VERSI_DITERIMA = ("1", "2")


@dataclass(frozen=True)
class DatasetOPD(EksporXlsx):
    """An OPD's year as one workbook (see the module docstring), as a download."""

    opd: Any
    tahun: int

    def nama_berkas(self) -> str:
        return f"dataset-{self.opd.kode}-{self.tahun}.xlsx"

    def buku_kerja(self):
        return ekspor_dataset(self.opd, self.tahun)


@dataclass(frozen=True)
class TemplateDataset(EksporXlsx):
    """An empty dataset of a new OPD in the Pemda, with example rows: what the upload page offers."""

    pemda: Any
    tahun: int

    def nama_berkas(self) -> str:
        return f"template-dataset-{self.tahun}.xlsx"

    def buku_kerja(self):
        return template_dataset(self.pemda, self.tahun)


# --------------------------------------------------------------------------------------------------
# Sheets
# --------------------------------------------------------------------------------------------------

Pilihan = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Kol:
    """A column: header, key in a row dict, kind, whether the sheet requires it, and the model field it
    fills (whose digits, default, length and choices are the model's own).

    Kinds: teks, ref (the Ref label of a row of another sheet), bulat, angka (an indicator value), uang
    (Rupiah, never negative), batas (a scale bound), ya (Ya/Tidak), tanggal, pilihan (one of the model
    field's choices, or of `pilihan`: written as its label, read as label or code).
    `opsional`: the column came with format version 2; a file without it still loads (default value).
    """

    judul: str
    nama: str
    jenis: str = "teks"
    wajib: bool = False
    medan: str | None = None  # model field name, when it differs from `nama`
    pilihan: Pilihan | None = None
    opsional: bool = False


@dataclass(frozen=True)
class Lembar:
    judul: str
    model: type[models.Model] | None
    kolom: tuple[Kol, ...]
    keterangan: str = ""  # one line for the Petunjuk sheet
    opsional: bool = False  # came with format version 2: a file without the sheet has no such rows

    def medan(self, kol: Kol):
        if self.model is None or kol.jenis == "ref":
            return None
        try:
            return self.model._meta.get_field(kol.medan or kol.nama)
        except FieldDoesNotExist:  # a column that is not a model field (level, mata)
            return None

    def pilihan(self, kol: Kol) -> Pilihan:
        if kol.pilihan is not None:
            return kol.pilihan
        medan = self.medan(kol)
        return tuple((str(k), str(v)) for k, v in medan.choices) if medan is not None and medan.choices else ()


def _normal(teks: str) -> str:
    """A choice as typed, compared loosely: case, spaces and the kind of dash do not matter."""
    teks = teks.replace("\u2212", "-").replace("\u2013", "-").replace("\u00d7", "x").replace("*", "x")
    return " ".join(teks.lower().split())


def kode_pilihan(teks: str, pilihan: Pilihan) -> str | None:
    """The code of a choice typed as its label or as its code (files exported before labels); None: unknown."""
    cari = _normal(teks)
    for kode, label in pilihan:
        if cari in (_normal(kode), _normal(label)):
            return kode
    return None


def label_pilihan(kode: str, pilihan: Pilihan) -> str:
    return next((label for k, label in pilihan if k == kode), kode)


LEVEL_MATA: Pilihan = (("program", "Program"), ("kegiatan", "Kegiatan"), ("sub_kegiatan", "Sub kegiatan"))
# What an empty "Rumus polaritas negatif" means: the model's default, which a positive indicator never uses.
ATURAN_BAWAAN = Indikator._meta.get_field("aturan_negatif").default

REF = Kol("Ref", "ref", "ref", True)

PEMDA = Lembar("Pemda", Pemda, (
    Kol("Kode", "kode", wajib=True), Kol("Nama", "nama", wajib=True), Kol("Jenis", "jenis", "pilihan", True),
    Kol("Nama kepala daerah", "kepala_daerah_nama"), Kol("Jabatan kepala daerah", "kepala_daerah_jabatan"),
    Kol("Skala sendiri", "skala", "ref"),
), "Pemerintah daerah pemilik OPD (satu baris). Pemda yang sudah ada dipakai apa adanya.")
SKALA = Lembar("Skala", RentangKategori, (
    Kol("Skala", "skala", "ref", True), Kol("Dasar", "sumber"), Kol("Bawaan", "bawaan", "ya"),
    Kol("Kategori", "nama", wajib=True), Kol("Urutan", "urutan", "bulat"),
    Kol("Batas bawah (≥)", "batas_bawah", "batas"), Kol("Batas atas (<)", "batas_atas", "batas"),
), "Skala kategori capaian Pemda (Sangat Tinggi s.d. Sangat Rendah).")
PERIODE = Lembar("Periode Monev", PeriodeMonev, (
    Kol("Tahun", "tahun", "bulat", True), Kol("Tribulan", "tribulan", "bulat", True),
    Kol("Batas waktu", "batas_waktu", "tanggal"), Kol("Terkunci", "terkunci", "ya"),
), "Periode monev Pemda tahun ini; periode yang sudah ada tidak diubah.")
KOLOM_OPD = ("kode_unit", "singkatan", "alamat", "telepon", "kepala_nama", "kepala_nip", "kepala_pangkat",
             "kepala_jabatan", "atasan_nama", "atasan_jabatan")
OPD_ = Lembar("OPD", OPD, (
    Kol("Kode", "kode", wajib=True), Kol("Nama", "nama", wajib=True),
    *(Kol(str(OPD._meta.get_field(n).verbose_name).capitalize(), n) for n in KOLOM_OPD),
    Kol("Aktif", "aktif", "ya"),
), "Identitas OPD (satu baris). Kode OPD harus sama dengan kode di lembar Info.")
RENSTRA = Lembar("Renstra", Renstra, (
    REF, Kol("Nama", "nama", wajib=True), Kol("Tahun awal", "tahun_awal", "bulat", True),
    Kol("Tahun akhir", "tahun_akhir", "bulat", True), Kol("Revisi ke", "revisi_ke", "bulat"),
    Kol("Revisi dari (Ref)", "revisi_dari", "ref"), Kol("Dasar hukum", "dasar_hukum"), Kol("Visi", "visi"),
    Kol("Misi", "misi"),
), "Renstra OPD dan revisinya.")
TUJUAN = Lembar("Tujuan", Tujuan, (
    REF, Kol("Renstra (Ref)", "renstra", "ref", True), Kol("Kode", "kode", wajib=True),
    Kol("Nama", "nama", wajib=True), Kol("Urutan", "urutan", "bulat"), Kol("Keterangan", "keterangan"),
    Kol("Berlaku mulai", "tahun_mulai", "bulat"), Kol("Berlaku sampai", "tahun_selesai", "bulat"),
), "Tujuan Renstra.")
SASARAN = Lembar("Sasaran", Sasaran, (
    REF, Kol("Tujuan (Ref)", "tujuan", "ref", True), Kol("Kode", "kode", wajib=True),
    Kol("Nama", "nama", wajib=True), Kol("Urutan", "urutan", "bulat"),
    Kol("Berlaku mulai", "tahun_mulai", "bulat"), Kol("Berlaku sampai", "tahun_selesai", "bulat"),
), "Sasaran strategis tiap tujuan.")
PROGRAM = Lembar("Program", Program, (
    REF, Kol("Tahun", "tahun", "bulat", True), Kol("Kode", "kode", wajib=True), Kol("Nama", "nama", wajib=True),
    Kol("Sasaran (Ref)", "sasaran", "ref"), Kol("Urutan", "urutan", "bulat"),
), "Program DPA tahun ini dengan kode nomenklatur Kepmendagri dan sasaran yang didukungnya.")
KEGIATAN = Lembar("Kegiatan", Kegiatan, (
    REF, Kol("Program (Ref)", "program", "ref", True), Kol("Kode", "kode", wajib=True),
    Kol("Nama", "nama", wajib=True), Kol("Urutan", "urutan", "bulat"),
), "Kegiatan tiap program.")
SUB_KEGIATAN = Lembar("Sub Kegiatan", SubKegiatan, (
    REF, Kol("Kegiatan (Ref)", "kegiatan", "ref", True), Kol("Kode", "kode", wajib=True),
    Kol("Nama", "nama", wajib=True), Kol("Urutan", "urutan", "bulat"),
), "Sub kegiatan tiap kegiatan.")
INDIKATOR = Lembar("Indikator", Indikator, (
    REF, Kol("Level", "level", "pilihan", True), Kol("Induk (Ref)", "induk", "ref", True),
    Kol("Kode", "kode", wajib=True), Kol("Nama", "nama", wajib=True), Kol("Satuan", "satuan"),
    Kol("IKU", "iku", "ya"), Kol("Definisi operasional", "definisi_operasional"),
    Kol("Formula (uraian)", "formula_uraian"), Kol("Rumus hitung", "rumus"), Kol("Sumber data", "sumber_data"),
    Kol("Penanggung jawab", "penanggung_jawab"), Kol("Desimal", "desimal", "bulat", True),
    Kol("Polaritas", "polaritas", "pilihan", True),
    # Only a negative indicator uses it; left empty on a positive one.
    Kol("Rumus polaritas negatif", "aturan_negatif", "pilihan"),
    Kol("Agregasi Tribulan", "agregasi", "pilihan", True), Kol("Urutan", "urutan", "bulat"),
), "Indikator semua level dan metadatanya (polaritas, rumus capaian, agregasi, desimal).")
TARGET = Lembar("Target", TargetIndikator, (
    Kol("Indikator (Ref)", "indikator", "ref", True), Kol("Tahun", "tahun", "bulat", True),
    Kol("Dokumen", "dokumen", "pilihan", True), Kol("Target", "nilai", "angka", True),
), "Target tahunan tiap indikator menurut dokumen (Renstra, Renja, DPA, DPA Perubahan).")
VARIABEL = Lembar("Variabel", VariabelFormula, (
    REF, Kol("Indikator (Ref)", "indikator", "ref", True), Kol("Nama di rumus", "nama", wajib=True),
    Kol("Uraian", "label", wajib=True), Kol("Satuan", "satuan"), Kol("Urutan", "urutan", "bulat"),
), "Masukan bernama rumus hitung indikator.")
TABEL = Lembar("Tabel Pendukung", TabelPendukung, (
    REF, Kol("Tahun", "tahun", "bulat", True), Kol("Kode", "kode", wajib=True), Kol("Judul", "judul", wajib=True),
    Kol("Judul kolom uraian", "judul_baris"), Kol("Satuan", "satuan"), Kol("Sumber", "sumber"),
), "Tabel data pendukung (mis. nilai produksi per kelompok industri).")
BARIS_TABEL = Lembar("Baris Tabel", BarisTabelPendukung, (
    Kol("Tabel (Ref)", "tabel", "ref", True), Kol("Urutan", "urutan", "bulat"), Kol("Uraian", "label", wajib=True),
    Kol("Kolom", "kolom", wajib=True), Kol("Nilai", "nilai", "angka", True),
), "Isi tabel pendukung, satu nilai per baris dan kolom.")
REALISASI = Lembar("Realisasi", RealisasiIndikator, (
    Kol("Indikator (Ref)", "indikator", "ref", True), Kol("Tahun", "tahun", "bulat", True),
    Kol("Tribulan", "tribulan", "bulat", True), Kol("Realisasi", "nilai", "angka", True),
    Kol("Keterangan", "keterangan"),
), "Realisasi indikator per Tribulan (1-4), diisi seperti di layar monev.")
NILAI_VARIABEL = Lembar("Nilai Variabel", NilaiVariabel, (
    Kol("Variabel (Ref)", "variabel", "ref", True), Kol("Tahun", "tahun", "bulat", True),
    Kol("Tribulan", "tribulan", "bulat", True), Kol("Nilai", "nilai", "angka"),
    Kol("Jumlah dari tabel (Ref)", "tabel", "ref"), Kol("Kolom tabel", "kolom"),
), "Nilai masukan rumus per Tribulan, atau jumlah satu kolom tabel pendukung.")
ANALISIS = Lembar("Analisis", AnalisisIndikator, (
    Kol("Indikator (Ref)", "indikator", "ref", True), Kol("Tahun", "tahun", "bulat", True),
    Kol("Faktor keberhasilan", "faktor_keberhasilan"), Kol("Hambatan", "hambatan"),
    Kol("Upaya / tindak lanjut", "tindak_lanjut"),
), "Analisis capaian indikator.")
PAGU = Lembar("Pagu", PaguAnggaran, (
    Kol("Level", "level", "pilihan", True, pilihan=LEVEL_MATA), Kol("Mata anggaran (Ref)", "mata", "ref", True),
    Kol("Dokumen", "dokumen", "pilihan", True), Kol("Pagu (Rp)", "nilai", "uang", True),
), "Pagu program, kegiatan atau sub kegiatan menurut DPA dan DPA Perubahan.")
REALISASI_ANGGARAN = Lembar("Realisasi Anggaran", RealisasiAnggaran, (
    Kol("Level", "level", "pilihan", True, pilihan=LEVEL_MATA), Kol("Mata anggaran (Ref)", "mata", "ref", True),
    Kol("S.d. Tribulan", "tribulan", "bulat", True), Kol("Realisasi kumulatif (Rp)", "nilai", "uang", True),
    Kol("Keterangan", "keterangan"),
), "Realisasi anggaran KUMULATIF s.d. Tribulan (nilai Tribulan II sudah termasuk Tribulan I).")
RENCANA_PENYERAPAN = Lembar("Rencana Penyerapan", RencanaPenyerapan, (
    Kol("Sub kegiatan (Ref)", "sub_kegiatan", "ref", True), Kol("S.d. Tribulan", "tribulan", "bulat", True),
    Kol("Rencana kumulatif (Rp)", "nilai", "uang", True),
), "Rencana penyerapan anggaran sub kegiatan, KUMULATIF s.d. Tribulan.", opsional=True)
KOLOM_PIHAK = ("pihak_pertama_nama", "pihak_pertama_jabatan", "pihak_pertama_nip", "pihak_pertama_pangkat",
               "pihak_kedua_nama", "pihak_kedua_jabatan")
PK = Lembar("PK", PerjanjianKinerja, (
    REF, Kol("Tahun", "tahun", "bulat", True), Kol("Revisi", "revisi", "bulat", True),
    Kol("Menggantikan (Ref)", "menggantikan", "ref"), Kol("Dokumen anggaran", "dokumen_anggaran", "pilihan", True),
    Kol("Tempat", "tempat"), Kol("Tanggal", "tanggal", "tanggal"), Kol("Bulan", "bulan", "bulat"),
    *(Kol(str(PerjanjianKinerja._meta.get_field(n).verbose_name).capitalize(), n,
          wajib=n in ("pihak_pertama_nama", "pihak_pertama_jabatan", "pihak_kedua_nama", "pihak_kedua_jabatan"))
      for n in KOLOM_PIHAK),
    Kol("Alasan perubahan", "alasan_perubahan"),
    # Empty (and absent from version 1 files): a signed PK, as every dataset held before drafts existed.
    Kol("Status", "status", "pilihan", opsional=True),
), "Perjanjian Kinerja tahun ini: PK awal (revisi 0) dan PK Perubahan (revisi 1, 2, ...).")
BARIS_PK = Lembar("Baris PK", BarisPK, (
    Kol("PK (Ref)", "pk_dokumen", "ref", True), Kol("Urutan", "urutan", "bulat"),
    Kol("Sasaran (Ref)", "sasaran", "ref"), Kol("Sasaran strategis", "sasaran_uraian", wajib=True),
    Kol("Indikator (Ref)", "indikator", "ref", True), Kol("Target", "target", "angka", True),
    Kol("Satuan", "satuan"),
), "Indikator dan target tiap PK.")
ANGGARAN_PK = Lembar("Anggaran PK", AnggaranPK, (
    Kol("PK (Ref)", "pk_dokumen", "ref", True), Kol("Urutan", "urutan", "bulat"),
    Kol("Program (Ref)", "program", "ref", True), Kol("Anggaran (Rp)", "nilai", "uang", True),
    Kol("Sumber dana", "sumber_dana"),
), "Anggaran program tiap PK.")
RENCANA_AKSI = Lembar("Rencana Aksi", RencanaAksi, (
    Kol("PK (Ref)", "pk_dokumen", "ref", True), Kol("Indikator (Ref)", "indikator", "ref", True),
    Kol("Tribulan", "tribulan", "bulat", True), Kol("Target tribulan", "target", "angka"),
    Kol("Rencana aksi", "uraian"),
), "Target tiap Tribulan untuk indikator sebuah PK (baris PK yang sama: PK dan indikatornya).", opsional=True)
STANDAR = Lembar("Standar", StandarPembanding, (
    Kol("Indikator (Ref)", "indikator", "ref", True), Kol("Tahun", "tahun", "bulat", True),
    Kol("Tingkat", "tingkat", "pilihan", True), Kol("Uraian", "uraian", wajib=True),
    Kol("Nilai standar", "nilai", "angka", True), Kol("Sumber", "sumber"),
    Kol("Variabel (Ref)", "variabel", "ref"),
), "Standar nasional atau provinsi pembanding.")
REALISASI_LALU = Lembar("Realisasi Tahun Lalu", RealisasiTahunLalu, (
    Kol("Indikator (Ref)", "indikator", "ref", True), Kol("Tahun", "tahun", "bulat", True),
    Kol("Realisasi", "nilai", "angka"), Kol("Sumber", "sumber"),
), "Realisasi tahun-tahun sebelumnya (pembanding capaian).")

SEMUA_LEMBAR = (
    PEMDA, SKALA, PERIODE, OPD_, RENSTRA, TUJUAN, SASARAN, PROGRAM, KEGIATAN, SUB_KEGIATAN, INDIKATOR, TARGET,
    VARIABEL, TABEL, BARIS_TABEL, REALISASI, NILAI_VARIABEL, ANALISIS, PAGU, REALISASI_ANGGARAN, RENCANA_PENYERAPAN,
    PK, BARIS_PK, ANGGARAN_PK, RENCANA_AKSI, STANDAR, REALISASI_LALU,
)
LEMBAR_INFO = "Info"
LEMBAR_PETUNJUK = "Petunjuk"
LEMBAR_DAFTAR = "Daftar Pilihan"  # hidden: the lists the drop-downs read
LEMBAR_CAPAIAN = "Capaian"
LEMBAR_INDUK_LEVEL = {"tujuan": TUJUAN, "sasaran": SASARAN, "program": PROGRAM, "kegiatan": KEGIATAN,
                      "sub_kegiatan": SUB_KEGIATAN}
LEMBAR_MATA = {"program": PROGRAM, "kegiatan": KEGIATAN, "sub_kegiatan": SUB_KEGIATAN}


# --------------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------------


class _Ref:
    """Readable labels, unique per sheet, for the objects written."""

    def __init__(self):
        self.label: dict[tuple[type, int], str] = {}
        self.dipakai: set[tuple[type, str]] = set()

    def beri(self, obj, label: str) -> str:
        calon, n = label, 1
        while (type(obj), calon) in self.dipakai:
            n += 1
            calon = f"{label} ({n})"
        self.dipakai.add((type(obj), calon))
        self.label[(type(obj), obj.pk)] = calon
        return calon

    def __call__(self, model: type, pk: int | None) -> str | None:
        return None if pk is None else self.label.get((model, pk))


def _data_ekspor(opd, tahun: int) -> dict[str, list]:
    """Every row the workbook holds, read with a fixed number of queries."""
    opd = OPD.objects.select_related("pemda").get(pk=opd.pk)
    pemda = opd.pemda
    skala = _skala_pemda(pemda)
    indikator = Indikator.objects.filter(opd=opd).filter(
        Q(level__in=("tujuan", "sasaran"))
        | Q(program__tahun=tahun)
        | Q(kegiatan__program__tahun=tahun)
        | Q(sub_kegiatan__kegiatan__program__tahun=tahun)
    )
    variabel = VariabelFormula.objects.filter(indikator__in=indikator)
    nilai_variabel = NilaiVariabel.objects.filter(variabel__in=variabel, tahun=tahun)
    tabel = TabelPendukung.objects.filter(
        Q(opd=opd, tahun=tahun) | Q(pk__in=nilai_variabel.filter(tabel__isnull=False).values("tabel_id"))
    )
    pk_dokumen = PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun)
    mata = q_mata_anggaran(opd.pk, tahun)
    return {
        "opd": [opd],
        "skala": [skala] if skala else [],
        "rentang": list(RentangKategori.objects.filter(skala=skala).order_by("urutan", "pk")) if skala else [],
        "periode": list(PeriodeMonev.objects.filter(pemda=pemda, tahun=tahun).order_by("tribulan")),
        "renstra": list(Renstra.objects.filter(opd=opd).order_by("pk")),
        "tujuan": list(Tujuan.objects.filter(renstra__opd=opd).order_by("pk")),
        "sasaran": list(Sasaran.objects.filter(tujuan__renstra__opd=opd).order_by("pk")),
        "program": list(Program.objects.filter(opd=opd, tahun=tahun).order_by("pk")),
        "kegiatan": list(Kegiatan.objects.filter(program__opd=opd, program__tahun=tahun).order_by("pk")),
        "sub_kegiatan": list(
            SubKegiatan.objects.filter(kegiatan__program__opd=opd, kegiatan__program__tahun=tahun).order_by("pk")
        ),
        "indikator": list(indikator.order_by("pk")),
        "target": list(TargetIndikator.objects.filter(indikator__in=indikator).order_by("pk")),
        "variabel": list(variabel.order_by("pk")),
        "tabel": list(tabel.order_by("pk")),
        "baris_tabel": list(BarisTabelPendukung.objects.filter(tabel__in=tabel).order_by("pk")),
        "realisasi": list(RealisasiIndikator.objects.filter(indikator__in=indikator, tahun=tahun).order_by("pk")),
        "nilai_variabel": list(nilai_variabel.order_by("pk")),
        "analisis": list(AnalisisIndikator.objects.filter(indikator__in=indikator, tahun=tahun).order_by("pk")),
        "pagu": list(PaguAnggaran.objects.filter(mata).order_by("pk")),
        "realisasi_anggaran": list(RealisasiAnggaran.objects.filter(mata).order_by("pk")),
        "rencana_penyerapan": list(
            RencanaPenyerapan.objects.filter(
                sub_kegiatan__kegiatan__program__opd=opd, sub_kegiatan__kegiatan__program__tahun=tahun
            ).order_by("sub_kegiatan_id", "tribulan")
        ),
        "pk": list(pk_dokumen.order_by("revisi", "pk")),
        "baris_pk": list(BarisPK.objects.filter(pk_dokumen__in=pk_dokumen).order_by("pk")),
        "anggaran_pk": list(AnggaranPK.objects.filter(pk_dokumen__in=pk_dokumen).order_by("pk")),
        "rencana_aksi": list(
            RencanaAksi.objects.filter(baris_pk__pk_dokumen__in=pk_dokumen).order_by("baris_pk_id", "tribulan")
        ),
        "standar": list(StandarPembanding.objects.filter(indikator__in=indikator).order_by("pk")),
        "realisasi_lalu": list(RealisasiTahunLalu.objects.filter(indikator__in=indikator).order_by("pk")),
    }


def _baris_ekspor(d: dict[str, list]) -> dict[str, list[dict[str, Any]]]:
    ref = _Ref()
    opd = d["opd"][0]
    pemda = opd.pemda
    skala = d["skala"][0] if d["skala"] else None
    baris: dict[str, list[dict[str, Any]]] = {}

    def salin(obj, nama: tuple[str, ...]) -> dict[str, Any]:
        return {n: getattr(obj, n) for n in nama}

    baris[PEMDA.judul] = [{
        **salin(pemda, ("kode", "nama", "jenis", "kepala_daerah_nama", "kepala_daerah_jabatan")),
        "skala": skala.nama if skala and pemda.skala_kategori_id else None,
    }]
    baris[SKALA.judul] = [
        {"skala": skala.nama, "sumber": skala.sumber, "bawaan": skala.bawaan,
         **salin(r, ("nama", "urutan", "batas_bawah", "batas_atas"))}
        for r in d["rentang"]
    ]
    baris[PERIODE.judul] = [salin(p, ("tahun", "tribulan", "batas_waktu", "terkunci")) for p in d["periode"]]
    baris[OPD_.judul] = [salin(opd, ("kode", "nama", *KOLOM_OPD, "aktif"))]

    baris[RENSTRA.judul] = []
    for r in d["renstra"]:
        label = f"{r.tahun_awal}-{r.tahun_akhir}" + (f" rev{r.revisi_ke}" if r.revisi_ke else "")
        baris[RENSTRA.judul].append({
            "ref": ref.beri(r, label), "revisi_dari": ref(Renstra, r.revisi_dari_id),
            **salin(r, ("nama", "tahun_awal", "tahun_akhir", "revisi_ke", "dasar_hukum", "visi", "misi")),
        })
    baris[TUJUAN.judul] = [
        {"ref": ref.beri(t, f"{ref(Renstra, t.renstra_id)} / {t.kode}"), "renstra": ref(Renstra, t.renstra_id),
         **salin(t, ("kode", "nama", "urutan", "keterangan", "tahun_mulai", "tahun_selesai"))}
        for t in d["tujuan"]
    ]
    baris[SASARAN.judul] = [
        {"ref": ref.beri(s, f"{ref(Tujuan, s.tujuan_id)} / {s.kode}"), "tujuan": ref(Tujuan, s.tujuan_id),
         **salin(s, ("kode", "nama", "urutan", "tahun_mulai", "tahun_selesai"))}
        for s in d["sasaran"]
    ]
    baris[PROGRAM.judul] = [
        {"ref": ref.beri(p, p.kode), "sasaran": ref(Sasaran, p.sasaran_id),
         **salin(p, ("tahun", "kode", "nama", "urutan"))}
        for p in d["program"]
    ]
    baris[KEGIATAN.judul] = [
        {"ref": ref.beri(k, f"{ref(Program, k.program_id)} / {k.kode}"), "program": ref(Program, k.program_id),
         **salin(k, ("kode", "nama", "urutan"))}
        for k in d["kegiatan"]
    ]
    baris[SUB_KEGIATAN.judul] = [
        {"ref": ref.beri(s, f"{ref(Kegiatan, s.kegiatan_id)} / {s.kode}"),
         "kegiatan": ref(Kegiatan, s.kegiatan_id), **salin(s, ("kode", "nama", "urutan"))}
        for s in d["sub_kegiatan"]
    ]
    model_induk = {"tujuan": Tujuan, "sasaran": Sasaran, "program": Program, "kegiatan": Kegiatan,
                   "sub_kegiatan": SubKegiatan}
    baris[INDIKATOR.judul] = []
    for i in d["indikator"]:
        induk = ref(model_induk[i.level], getattr(i, f"{i.level}_id"))
        label = i.kode if i.level in ("tujuan", "sasaran") else f"{induk} # {i.kode}"
        baris[INDIKATOR.judul].append({
            "ref": ref.beri(i, label), "induk": induk,
            **salin(i, ("level", "kode", "nama", "satuan", "iku", "definisi_operasional", "formula_uraian", "rumus",
                        "sumber_data", "penanggung_jawab", "desimal", "polaritas", "aturan_negatif", "agregasi",
                        "urutan")),
        })
        if i.polaritas == Indikator.Polaritas.POSITIF and i.aturan_negatif == ATURAN_BAWAAN:
            # A positive indicator does not use the rule: an empty cell, which reads back as the default.
            baris[INDIKATOR.judul][-1]["aturan_negatif"] = None
    baris[TARGET.judul] = [
        {"indikator": ref(Indikator, t.indikator_id), **salin(t, ("tahun", "dokumen", "nilai"))} for t in d["target"]
    ]
    baris[VARIABEL.judul] = [
        {"ref": ref.beri(v, f"{ref(Indikator, v.indikator_id)} : {v.nama}"),
         "indikator": ref(Indikator, v.indikator_id), **salin(v, ("nama", "label", "satuan", "urutan"))}
        for v in d["variabel"]
    ]
    baris[TABEL.judul] = [
        {"ref": ref.beri(t, f"{t.tahun} / {t.kode}"),
         **salin(t, ("tahun", "kode", "judul", "judul_baris", "satuan", "sumber"))}
        for t in d["tabel"]
    ]
    baris[BARIS_TABEL.judul] = [
        {"tabel": ref(TabelPendukung, b.tabel_id), **salin(b, ("urutan", "label", "kolom", "nilai"))}
        for b in d["baris_tabel"]
    ]
    # A measured value shows with its indicator's decimals, as on every page (the number format only).
    desimal = {i.pk: i.desimal for i in d["indikator"]}

    def terukur(obj) -> dict[str, Any]:
        return {FORMAT_NILAI: format_terukur(obj.nilai, desimal.get(obj.indikator_id, 0))}

    baris[REALISASI.judul] = [
        {"indikator": ref(Indikator, r.indikator_id), **salin(r, ("tahun", "tribulan", "nilai", "keterangan")),
         **terukur(r)}
        for r in d["realisasi"]
    ]
    baris[NILAI_VARIABEL.judul] = [
        {"variabel": ref(VariabelFormula, n.variabel_id), "tabel": ref(TabelPendukung, n.tabel_id),
         **salin(n, ("tahun", "tribulan", "nilai", "kolom"))}
        for n in d["nilai_variabel"]
    ]
    baris[ANALISIS.judul] = [
        {"indikator": ref(Indikator, a.indikator_id),
         **salin(a, ("tahun", "faktor_keberhasilan", "hambatan", "tindak_lanjut"))}
        for a in d["analisis"]
    ]
    model_mata = {"program": Program, "kegiatan": Kegiatan, "sub_kegiatan": SubKegiatan}

    def mata(obj) -> dict[str, Any]:
        level, pk = obj.kunci_mata
        return {"level": level, "mata": ref(model_mata[level], pk)}

    baris[PAGU.judul] = [{**mata(p), **salin(p, ("dokumen", "nilai"))} for p in d["pagu"]]
    baris[REALISASI_ANGGARAN.judul] = [
        {**mata(r), **salin(r, ("tribulan", "nilai", "keterangan"))} for r in d["realisasi_anggaran"]
    ]
    baris[RENCANA_PENYERAPAN.judul] = [
        {"sub_kegiatan": ref(SubKegiatan, r.sub_kegiatan_id), **salin(r, ("tribulan", "nilai"))}
        for r in d["rencana_penyerapan"]
    ]
    baris[PK.judul] = []
    for p in d["pk"]:
        baris[PK.judul].append({
            "ref": ref.beri(p, f"PK {p.tahun} revisi {p.revisi}"),
            "menggantikan": ref(PerjanjianKinerja, p.menggantikan_id),
            **salin(p, ("tahun", "revisi", "dokumen_anggaran", "tempat", "tanggal", "bulan", *KOLOM_PIHAK,
                        "alasan_perubahan", "status")),
        })
    baris[BARIS_PK.judul] = [
        {"pk_dokumen": ref(PerjanjianKinerja, b.pk_dokumen_id), "sasaran": ref(Sasaran, b.sasaran_id),
         "indikator": ref(Indikator, b.indikator_id), **salin(b, ("urutan", "sasaran_uraian", "target", "satuan"))}
        for b in d["baris_pk"]
    ]
    baris[ANGGARAN_PK.judul] = [
        {"pk_dokumen": ref(PerjanjianKinerja, a.pk_dokumen_id), "program": ref(Program, a.program_id),
         **salin(a, ("urutan", "nilai", "sumber_dana"))}
        for a in d["anggaran_pk"]
    ]
    baris_pk = {b.pk: b for b in d["baris_pk"]}
    baris[RENCANA_AKSI.judul] = [
        {"pk_dokumen": ref(PerjanjianKinerja, baris_pk[r.baris_pk_id].pk_dokumen_id),
         "indikator": ref(Indikator, baris_pk[r.baris_pk_id].indikator_id), **salin(r, ("tribulan", "target", "uraian"))}
        for r in d["rencana_aksi"]
    ]
    baris[STANDAR.judul] = [
        {"indikator": ref(Indikator, s.indikator_id), "variabel": ref(VariabelFormula, s.variabel_id),
         **salin(s, ("tahun", "tingkat", "uraian", "nilai", "sumber")), **terukur(s)}
        for s in d["standar"]
    ]
    baris[REALISASI_LALU.judul] = [
        {"indikator": ref(Indikator, r.indikator_id), **salin(r, ("tahun", "nilai", "sumber")), **terukur(r)}
        for r in d["realisasi_lalu"]
    ]
    return baris


YA_TIDAK: Pilihan = (("ya", "Ya"), ("tidak", "Tidak"))
BARIS_PILIHAN_TERAKHIR = 1048576  # a drop-down covers the whole column, however many rows a user adds


# The number format of a row's "nilai" cell, where it is not the one of its kind (a measured value).
FORMAT_NILAI = "_format_nilai"


def _tulis_nilai(ws, nomor: int, kolom: int, lembar: Lembar, kol: Kol, nilai, format_sel: str | None = None) -> None:
    if nilai is None or nilai == "":
        return
    if kol.jenis in ("angka", "uang", "batas"):
        tulis_angka(ws, nomor, kolom, nilai, format_sel)
    elif kol.jenis == "ya":
        tulis_sel(ws, nomor, kolom, "Ya" if nilai else "Tidak")
    elif kol.jenis == "pilihan":
        tulis_sel(ws, nomor, kolom, label_pilihan(str(nilai), lembar.pilihan(kol)))
    else:
        tulis_sel(ws, nomor, kolom, nilai)


def _tulis_buku_kerja(info: list[tuple[str, str]], isi: dict[str, list[dict[str, Any]]]):
    """Petunjuk, Info, then one sheet per kind of row, each choice column with its drop-down of labels."""
    wb = buku_kerja_baru()
    _lembar_petunjuk(wb)
    ws_info = lembar_baru(wb, LEMBAR_INFO)
    ws_info.column_dimensions["A"].width = 16
    ws_info.column_dimensions["B"].width = 100
    for nomor, (kunci, nilai) in enumerate(info, start=1):
        tulis_sel(ws_info, nomor, 1, kunci)
        tulis_sel(ws_info, nomor, 2, nilai)
    daftar = _DaftarPilihan()
    for lembar in SEMUA_LEMBAR:
        ws = lembar_baru(wb, lembar.judul)
        tulis_judul(ws, [k.judul for k in lembar.kolom], [_lebar(lembar, k) for k in lembar.kolom])
        for nomor, baris in enumerate(isi.get(lembar.judul, []), start=2):
            for kolom, kol in enumerate(lembar.kolom, start=1):
                format_sel = baris.get(FORMAT_NILAI) if kol.nama == "nilai" else None
                _tulis_nilai(ws, nomor, kolom, lembar, kol, baris.get(kol.nama), format_sel)
        for kolom, kol in enumerate(lembar.kolom, start=1):
            if kol.jenis in ("pilihan", "ya"):
                daftar.pasang(ws, kolom, kol, lembar.pilihan(kol) if kol.jenis == "pilihan" else YA_TIDAK)
    daftar.tulis(wb)
    return wb


def _lebar(lembar: Lembar, kol: Kol) -> int:
    if kol.jenis == "pilihan":
        return max(16, min(max(len(label) for _, label in lembar.pilihan(kol)) + 4, 48))
    return max(12, min(len(kol.judul) + 4, 40))


class _DaftarPilihan:
    """The drop-down lists: each list of labels once, in a hidden sheet the validations point at."""

    def __init__(self):
        self.daftar: dict[Pilihan, int] = {}  # list -> its column in the hidden sheet
        self.validasi: list[tuple[Any, int, Kol, Pilihan]] = []

    def pasang(self, ws, kolom: int, kol: Kol, pilihan: Pilihan) -> None:
        self.daftar.setdefault(pilihan, len(self.daftar) + 1)
        self.validasi.append((ws, kolom, kol, pilihan))

    def tulis(self, wb) -> None:
        ws_daftar = lembar_baru(wb, LEMBAR_DAFTAR)
        ws_daftar.sheet_state = "hidden"
        for pilihan, kolom in self.daftar.items():
            for nomor, (_, label) in enumerate(pilihan, start=1):
                tulis_sel(ws_daftar, nomor, kolom, label)
        for ws, kolom, kol, pilihan in self.validasi:
            huruf = get_column_letter(self.daftar[pilihan])
            dv = DataValidation(
                type="list",
                formula1=f"'{LEMBAR_DAFTAR}'!${huruf}$1:${huruf}${len(pilihan)}",
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",  # a code typed by hand (files of before) is still accepted on upload
                errorTitle=kol.judul,
                error="Pilih salah satu isian dari daftar.",
            )
            ws.add_data_validation(dv)
            huruf_kolom = get_column_letter(kolom)
            dv.add(f"{huruf_kolom}2:{huruf_kolom}{BARIS_PILIHAN_TERAKHIR}")


PETUNJUK = (
    ("Petunjuk pengisian dataset OPD", "judul"),
    ("Buku kerja ini memuat seluruh data satu OPD untuk satu tahun: Renstra, indikator dan metadatanya, target, "
     "DPA (program, kegiatan, sub kegiatan, pagu), Perjanjian Kinerja dan Rencana Aksi, realisasi per Tribulan. "
     "Unggah melalui menu Dataset > Unggah dataset. Seluruh isi diperiksa lebih dulu; bila ada satu masalah saja, "
     "tidak ada yang disimpan dan setiap masalah disebutkan dengan lembar, baris dan kolomnya.", ""),
    ("Langkah", "judul"),
    ("1. Lembar Info: isi kode OPD dan tahun dataset. Kode OPD di lembar OPD harus sama.", ""),
    ("2. OPD baru dibuat oleh admin Pemda. Operator OPD hanya dapat menambah tahun bagi OPD-nya sendiri: unduh "
     "dataset tahun sebelumnya (halaman Excel OPD, Unduh dataset), ubah tahun di lembar Info, lalu ganti isi "
     "tahunan (program, pagu, PK, realisasi). Renstra, indikator dan target yang sudah tersimpan harus sama persis; "
     "data yang tersimpan tidak pernah ditimpa.", ""),
    ("3. Kolom Ref adalah label bebas yang unik dalam satu lembar; kolom “... (Ref)” di lembar lain menunjuk "
     "baris itu dengan label yang sama (mis. Indikator (Ref) di lembar Target).", ""),
    ("4. Kolom pilihan (Level, Polaritas, Rumus polaritas negatif, Agregasi Tribulan, Dokumen, Status, ...) "
     "berisi daftar turun: pilih isiannya. Kode lama (mis. 2t_minus_r, t_per_r, jumlah, sub_kegiatan, "
     "dpa_perubahan) tetap diterima.", ""),
    ("5. Angka diketik sebagai angka, atau sebagai teks cara Indonesia (1.234.567,89). Jangan memakai rumus: "
     "sel berisi rumus ditolak.", ""),
    ("6. Setelah diunggah, halaman pratinjau menampilkan jumlah baris yang akan dibuat per lembar dan peringatan "
     "yang harus Anda periksa. Tidak ada yang disimpan sebelum Anda menekan Simpan.", ""),
    ("Aturan yang sering keliru", "judul"),
    ("• Polaritas positif: makin tinggi makin baik, capaian = R / T × 100; kosongkan Rumus polaritas negatif.", ""),
    ("• Polaritas negatif: makin rendah makin baik; Rumus polaritas negatif wajib dipilih: "
     "(2T − R) / T × 100 atau T / R × 100, sesuai yang dipakai Pemda.", ""),
    ("• Desimal: jumlah angka di belakang koma yang disimpan untuk indikator. Realisasi dan target dibulatkan ke "
     "desimal ini sebelum capaian dihitung: realisasi 104,7 pada indikator ber-Desimal 0 dihitung sebagai 105.", ""),
    ("• Agregasi Tribulan: cara nilai tahunan diperoleh dari nilai Tribulan: Kumulatif (nilai Tribulan IV = "
     "nilai tahunan), Jumlah keempat Tribulan, Rata-rata Tribulan yang terisi, atau Nilai terakhir yang diisi.", ""),
    ("• Realisasi anggaran dan rencana penyerapan diisi KUMULATIF s.d. Tribulan: nilai Tribulan III sudah "
     "termasuk Tribulan I dan II, sehingga tidak pernah lebih kecil dari Tribulan sebelumnya.", ""),
    ("• Rencana Aksi: target tiap Tribulan untuk indikator sebuah PK, diisi seperti realisasinya (untuk indikator "
     "kumulatif: nilai yang direncanakan sampai akhir Tribulan itu).", ""),
    ("• Status PK: Draf atau Disetujui kepala OPD. Bila dikosongkan, PK dianggap sudah disetujui (ditandatangani).",
     ""),
    ("Peringatan sebelum menyimpan", "judul"),
    ("Halaman pratinjau memperingatkan: rumus polaritas negatif yang diisi untuk indikator positif; angka dengan "
     "desimal lebih banyak daripada Desimal indikatornya; realisasi anggaran kumulatif yang turun antar-Tribulan; "
     "indikator tahun ini tanpa target; realisasi lebih dari sepuluh kali targetnya.", ""),
    ("Lembar", "judul"),
)


def _lembar_petunjuk(wb) -> None:
    ws = lembar_baru(wb, LEMBAR_PETUNJUK)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 110
    nomor = 0
    for teks, gaya in PETUNJUK:
        nomor += 1
        sel = tulis_sel(ws, nomor, 1, teks)
        if gaya == "judul":
            sel.font = TEBAL
        else:
            ws.merge_cells(start_row=nomor, start_column=1, end_row=nomor, end_column=2)
            sel.alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[nomor].height = 15 * (1 + len(teks) // 120)
    for lembar in SEMUA_LEMBAR:
        nomor += 1
        tulis_sel(ws, nomor, 1, lembar.judul)
        tulis_sel(ws, nomor, 2, lembar.keterangan).alignment = Alignment(wrap_text=True, vertical="top")
    nomor += 1
    tulis_sel(ws, nomor, 1, LEMBAR_CAPAIAN)
    tulis_sel(ws, nomor, 2, "Angka capaian hasil hitungan aplikasi, untuk dibaca; tidak diimpor.")


def _info(kode_opd: str, tahun: int, keterangan: str) -> list[tuple[str, str]]:
    return [
        ("format", FORMAT),
        ("versi_format", VERSI_FORMAT),
        ("opd", kode_opd),
        ("tahun", str(tahun)),
        ("diekspor", timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        ("keterangan", keterangan),
    ]


def ekspor_dataset(opd, tahun: int):
    """The workbook of the OPD's year (see the module docstring)."""
    d = _data_ekspor(opd, tahun)
    wb = _tulis_buku_kerja(
        _info(d["opd"][0].kode, tahun, "Seluruh data masukan perhitungan capaian OPD tahun ini. Baca lembar "
              "Petunjuk. Unggah melalui menu Dataset > Unggah dataset."),
        _baris_ekspor(d),
    )
    _lembar_capaian(wb, d["opd"][0], tahun)
    return wb


KODE_OPD_CONTOH = "contoh-dinas"


def template_dataset(pemda, tahun: int):
    """A new OPD's dataset for the Pemda: its Pemda and scale, and example rows to replace (see PETUNJUK)."""
    skala = _skala_pemda(pemda)
    rentang = list(RentangKategori.objects.filter(skala=skala).order_by("urutan", "pk")) if skala else []
    isi = _contoh(tahun)
    isi[PEMDA.judul] = [{
        **{n: getattr(pemda, n) for n in ("kode", "nama", "jenis", "kepala_daerah_nama", "kepala_daerah_jabatan")},
        "skala": skala.nama if skala and pemda.skala_kategori_id else None,
    }]
    isi[SKALA.judul] = [
        {"skala": skala.nama, "sumber": skala.sumber, "bawaan": skala.bawaan, "nama": r.nama, "urutan": r.urutan,
         "batas_bawah": r.batas_bawah, "batas_atas": r.batas_atas}
        for r in rentang
    ]
    keterangan = (f"Contoh OPD baru {pemda.nama} tahun {tahun}: ganti baris contoh dengan data OPD Anda. "
                  "Baca lembar Petunjuk.")
    return _tulis_buku_kerja(_info(KODE_OPD_CONTOH, tahun, keterangan), isi)


def _contoh(t: int) -> dict[str, list[dict[str, Any]]]:
    """Example rows of one OPD-year, each right for its polarity, with no warning to confirm on upload."""
    D = Decimal
    renstra, tujuan, sasaran = f"{t}-{t + 4}", f"{t}-{t + 4} / 1", f"{t}-{t + 4} / 1 / 1.1"
    program, kegiatan = "3.31.02", "3.31.02 / 3.31.02.2.01"
    sub = f"{kegiatan} / 3.31.02.2.01.0001"
    pk = f"PK {t} revisi 0"
    ind_omset, ind_harga, ind_ikm = "1.1-1", "1.1-2", f"{sub} # SK-1"
    nama_sasaran = "Meningkatnya pertumbuhan usaha dan stabilnya harga bahan pokok"
    umum = {"iku": False, "definisi_operasional": "", "formula_uraian": "", "rumus": "", "sumber_data": "",
            "penanggung_jawab": "", "aturan_negatif": None}
    return {
        OPD_.judul: [{"kode": KODE_OPD_CONTOH, "nama": "Dinas Contoh", "singkatan": "Dincontoh", "aktif": True,
                      "kepala_nama": "NAMA KEPALA DINAS", "kepala_jabatan": "Kepala Dinas Contoh"}],
        RENSTRA.judul: [{"ref": renstra, "nama": f"Renstra Dinas Contoh {t}-{t + 4}", "tahun_awal": t,
                         "tahun_akhir": t + 4, "revisi_ke": 0, "visi": "Visi OPD sesuai Renstra",
                         "misi": "Misi pertama\nMisi kedua"}],
        TUJUAN.judul: [{"ref": tujuan, "renstra": renstra, "kode": "1", "urutan": 1,
                        "nama": "Meningkatnya daya saing ekonomi daerah"}],
        SASARAN.judul: [{"ref": sasaran, "tujuan": tujuan, "kode": "1.1", "urutan": 1, "nama": nama_sasaran}],
        PROGRAM.judul: [{"ref": program, "tahun": t, "kode": "3.31.02", "sasaran": sasaran, "urutan": 1,
                         "nama": "Program Pengembangan Industri"}],
        KEGIATAN.judul: [{"ref": kegiatan, "program": program, "kode": "3.31.02.2.01", "urutan": 1,
                          "nama": "Penyusunan Rencana Pembangunan Industri"}],
        SUB_KEGIATAN.judul: [{"ref": sub, "kegiatan": kegiatan, "kode": "3.31.02.2.01.0001", "urutan": 1,
                              "nama": "Pembinaan Industri Kecil dan Menengah"}],
        INDIKATOR.judul: [
            {**umum, "ref": ind_omset, "level": "sasaran", "induk": sasaran, "kode": ind_omset, "urutan": 1,
             "nama": "Persentase pertumbuhan omset IKM binaan", "satuan": "%", "iku": True,
             "formula_uraian": "(omset tahun n − omset tahun n-1) / omset tahun n-1 × 100",
             "sumber_data": "Bidang Perindustrian", "penanggung_jawab": "Kepala Bidang Perindustrian",
             "desimal": 2, "polaritas": "positif", "agregasi": "kumulatif"},
            {**umum, "ref": ind_harga, "level": "sasaran", "induk": sasaran, "kode": ind_harga, "urutan": 2,
             "nama": "Persentase fluktuasi harga bahan pokok", "satuan": "%", "iku": True,
             "sumber_data": "Bidang Perdagangan", "penanggung_jawab": "Kepala Bidang Perdagangan",
             "desimal": 2, "polaritas": "negatif", "aturan_negatif": "2t_minus_r", "agregasi": "rata_rata"},
            {**umum, "ref": ind_ikm, "level": "sub_kegiatan", "induk": sub, "kode": "SK-1", "urutan": 1,
             "nama": "Jumlah IKM yang dibina", "satuan": "Unit usaha", "desimal": 0, "polaritas": "positif",
             "agregasi": "jumlah"},
        ],
        TARGET.judul: [
            *({"indikator": ind_omset, "tahun": t + i, "dokumen": "renstra", "nilai": D("5") + D("0.5") * i}
              for i in range(5)),
            *({"indikator": ind_harga, "tahun": t + i, "dokumen": "renstra", "nilai": D("10") - D("0.5") * i}
              for i in range(5)),
            {"indikator": ind_ikm, "tahun": t, "dokumen": "dpa", "nilai": D("120")},
        ],
        REALISASI.judul: [
            {"indikator": ind_omset, "tahun": t, "tribulan": 1, "nilai": D("1.25")},
            {"indikator": ind_harga, "tahun": t, "tribulan": 1, "nilai": D("8.4")},
            {"indikator": ind_ikm, "tahun": t, "tribulan": 1, "nilai": D("30")},
        ],
        PAGU.judul: [
            {"level": level, "mata": mata, "dokumen": "dpa", "nilai": D("250000000")}
            for level, mata in (("program", program), ("kegiatan", kegiatan), ("sub_kegiatan", sub))
        ],
        REALISASI_ANGGARAN.judul: [
            {"level": "sub_kegiatan", "mata": sub, "tribulan": 1, "nilai": D("40000000")},
            {"level": "sub_kegiatan", "mata": sub, "tribulan": 2, "nilai": D("95000000")},
        ],
        RENCANA_PENYERAPAN.judul: [
            {"sub_kegiatan": sub, "tribulan": tw, "nilai": D(nilai)}
            for tw, nilai in ((1, "50000000"), (2, "110000000"), (3, "180000000"), (4, "250000000"))
        ],
        PK.judul: [{"ref": pk, "tahun": t, "revisi": 0, "dokumen_anggaran": "dpa", "tempat": "Kota Contoh",
                    "bulan": 1, "pihak_pertama_nama": "NAMA KEPALA DINAS",
                    "pihak_pertama_jabatan": "Kepala Dinas Contoh", "pihak_kedua_nama": "NAMA KEPALA DAERAH",
                    "pihak_kedua_jabatan": "Kepala Daerah", "status": "disetujui"}],
        BARIS_PK.judul: [
            {"pk_dokumen": pk, "urutan": 1, "sasaran": sasaran, "sasaran_uraian": nama_sasaran,
             "indikator": ind_omset, "target": D("5"), "satuan": "%"},
            {"pk_dokumen": pk, "urutan": 2, "sasaran": sasaran, "sasaran_uraian": nama_sasaran,
             "indikator": ind_harga, "target": D("10"), "satuan": "%"},
        ],
        ANGGARAN_PK.judul: [{"pk_dokumen": pk, "urutan": 1, "program": program, "nilai": D("250000000"),
                             "sumber_dana": "APBD"}],
        RENCANA_AKSI.judul: [
            *({"pk_dokumen": pk, "indikator": ind_omset, "tribulan": tw, "target": D("1.25") * tw,
               "uraian": "Pendataan dan pendampingan IKM binaan"} for tw in (1, 2, 3, 4)),
            *({"pk_dokumen": pk, "indikator": ind_harga, "tribulan": tw, "target": D("10"),
               "uraian": "Pemantauan harga bahan pokok mingguan"} for tw in (1, 2, 3, 4)),
        ],
    }


def _skala_pemda(pemda):
    if pemda.skala_kategori_id:
        return SkalaKategori.objects.filter(pk=pemda.skala_kategori_id).first()
    return SkalaKategori.objects.filter(bawaan=True).first()


def _lembar_capaian(wb, opd, tahun: int) -> None:
    """The engine's figures, for a reader of the workbook; not read back."""
    hasil = hitung_opd_tahun(opd, tahun)
    ws = lembar_baru(wb, LEMBAR_CAPAIAN)
    judul = ["Level", "Kode", "Indikator", "Satuan", "Target", "Sumber target", "Realisasi", "Capaian (%)",
             "Kategori", "Status"]
    tulis_judul(ws, judul, [13, 20, 60, 10, 12, 16, 12, 12, 15, 30])
    for nomor, h in enumerate(hasil.indikator, start=2):
        nilai = [h.level, h.kode, h.nama, h.satuan, h.target.tampil, h.sumber_target, h.realisasi.tampil,
                 h.capaian.tampil, h.kategori, h.status]
        # As every page shows them: the target as set, the realisasi with the indicator's decimals.
        format_sel = {5: format_alami(h.target.nilai), 7: format_angka(h.realisasi), 8: FORMAT_PERSEN}
        for kolom, v in enumerate(nilai, start=1):
            if v is not None:
                if kolom in format_sel:
                    tulis_angka(ws, nomor, kolom, v, format_sel[kolom])
                else:
                    tulis_sel(ws, nomor, kolom, v)


def isi_dataset(opd, tahun: int) -> bytes:
    return DatasetOPD(opd, tahun).isi()
