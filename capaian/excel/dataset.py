"""An OPD's year as one workbook, and its import into a database that does not hold the OPD yet.

`ekspor_dataset(opd, tahun)` writes every input the engine reads for the year, one sheet per kind of
row: the Pemda and its category scale, the monev periods, the OPD, every Renstra with its tujuan,
sasaran and indicators (Renstra indicators of every period, since earlier years' realisasi hang on
them), the year's programs, kegiatan and sub kegiatan with their indicators, targets of every year and
document, realisasi and formula inputs of the year, supporting tables, analysis, pagu per document and
realisasi per Tribulan, PK versions with rows and budgets, standards and earlier years' realisasi. A
last sheet, "Capaian", holds the engine's figures for a reader; the import ignores it.

Rows refer to each other through a "Ref" column: a label unique in its sheet, built from natural keys
("2021-2026 / 2 / 2.1") so a reader can follow it; the import treats it as an opaque label. Numbers are
exact (see `sel`): a value Excel would round is written as text.

`impor_dataset(data)` validates every sheet first (types, choices, references, duplicates, the
constraints of the models) and reports every problem with sheet, row and column; then it creates
everything in one transaction, with history rows naming the importing user. It needs the Pemda and
its category scale: it uses those that exist (matched by code and name), or creates them from the
workbook. The OPD must be new, or exist without any data. Figures computed from the imported data are
those of the exported database: `tests/excel/test_dataset.py` compares the engine's JSON output.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from anggaran.models import Kegiatan, PaguAnggaran, Program, RealisasiAnggaran, SubKegiatan, q_mata_anggaran
from capaian.engine import hitung_opd_tahun, skala_untuk_pemda
from capaian.excel.sel import (
    AngkaTidakSah,
    BerkasDitolak,
    IsiLembar,
    baca_angka,
    baca_lembar,
    baca_pasangan,
    buka_buku_kerja,
    kosong,
    teks_sel,
    tulis_angka,
    tulis_judul,
)
from capaian.models import (
    AnalisisIndikator,
    BarisTabelPendukung,
    NilaiVariabel,
    RealisasiIndikator,
    TabelPendukung,
)
from inti.ekspor import EksporXlsx, buku_kerja_baru, lembar_baru, tulis_sel
from inti.models import OPD, Pemda, PeriodeMonev, RentangKategori, SkalaKategori
from inti.periode import NILAI_DIGITS, UANG_DIGITS
from perjanjian.models import AnggaranPK, BarisPK, PerjanjianKinerja
from renstra.formula import FormulaError, validasi_rumus
from renstra.models import (
    Indikator,
    RealisasiTahunLalu,
    Renstra,
    Sasaran,
    StandarPembanding,
    TargetIndikator,
    Tujuan,
    VariabelFormula,
    nama_variabel_validator,
)

FORMAT = "sakip-dataset-opd"
VERSI_FORMAT = "1"
MAKS_BYTE_IMPOR = 100 * 1024 * 1024  # an admin's own file, read by a command: far above the upload limit
BATAS_DIGITS = {"max_digits": 10, "decimal_places": 4}
ALASAN_RIWAYAT = "Impor dataset Excel"
LEVEL_ANGGARAN = ("program", "kegiatan", "sub_kegiatan")


@dataclass(frozen=True)
class DatasetOPD(EksporXlsx):
    """An OPD's year as one workbook (see the module docstring), as a download."""

    opd: Any
    tahun: int

    def nama_berkas(self) -> str:
        return f"dataset-{self.opd.kode}-{self.tahun}.xlsx"

    def buku_kerja(self):
        return ekspor_dataset(self.opd, self.tahun)


# --------------------------------------------------------------------------------------------------
# Sheets
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kol:
    """A column: header, key in a row dict, kind, and the model field its length and choices come from.

    Kinds: teks, ref, bulat, angka (indicator values), uang (Rupiah), batas (scale bounds), ya (Ya/Tidak),
    tanggal.
    """

    judul: str
    nama: str
    jenis: str = "teks"
    wajib: bool = False
    medan: str | None = None  # model field name, when it differs from `nama`


@dataclass(frozen=True)
class Lembar:
    judul: str
    model: type[models.Model] | None
    kolom: tuple[Kol, ...]

    def medan(self, kol: Kol):
        if self.model is None or kol.jenis == "ref":
            return None
        try:
            return self.model._meta.get_field(kol.medan or kol.nama)
        except FieldDoesNotExist:  # a column that is not a model field (level, mata)
            return None


REF = Kol("Ref", "ref", "ref", True)

PEMDA = Lembar("Pemda", Pemda, (
    Kol("Kode", "kode", wajib=True), Kol("Nama", "nama", wajib=True), Kol("Jenis", "jenis", wajib=True),
    Kol("Nama kepala daerah", "kepala_daerah_nama"), Kol("Jabatan kepala daerah", "kepala_daerah_jabatan"),
    Kol("Skala sendiri", "skala", "ref"),
))
SKALA = Lembar("Skala", RentangKategori, (
    Kol("Skala", "skala", "ref", True), Kol("Dasar", "sumber"), Kol("Bawaan", "bawaan", "ya"),
    Kol("Kategori", "nama", wajib=True), Kol("Urutan", "urutan", "bulat"),
    Kol("Batas bawah (≥)", "batas_bawah", "batas"), Kol("Batas atas (<)", "batas_atas", "batas"),
))
PERIODE = Lembar("Periode Monev", PeriodeMonev, (
    Kol("Tahun", "tahun", "bulat", True), Kol("Tribulan", "tribulan", "bulat", True),
    Kol("Batas waktu", "batas_waktu", "tanggal"), Kol("Terkunci", "terkunci", "ya"),
))
KOLOM_OPD = ("kode_unit", "singkatan", "alamat", "telepon", "kepala_nama", "kepala_nip", "kepala_pangkat",
             "kepala_jabatan", "atasan_nama", "atasan_jabatan")
OPD_ = Lembar("OPD", OPD, (
    Kol("Kode", "kode", wajib=True), Kol("Nama", "nama", wajib=True),
    *(Kol(str(OPD._meta.get_field(n).verbose_name).capitalize(), n) for n in KOLOM_OPD),
    Kol("Aktif", "aktif", "ya"),
))
RENSTRA = Lembar("Renstra", Renstra, (
    REF, Kol("Nama", "nama", wajib=True), Kol("Tahun awal", "tahun_awal", "bulat", True),
    Kol("Tahun akhir", "tahun_akhir", "bulat", True), Kol("Revisi ke", "revisi_ke", "bulat"),
    Kol("Revisi dari (Ref)", "revisi_dari", "ref"), Kol("Dasar hukum", "dasar_hukum"), Kol("Visi", "visi"),
    Kol("Misi", "misi"),
))
TUJUAN = Lembar("Tujuan", Tujuan, (
    REF, Kol("Renstra (Ref)", "renstra", "ref", True), Kol("Kode", "kode", wajib=True),
    Kol("Nama", "nama", wajib=True), Kol("Urutan", "urutan", "bulat"), Kol("Keterangan", "keterangan"),
    Kol("Berlaku mulai", "tahun_mulai", "bulat"), Kol("Berlaku sampai", "tahun_selesai", "bulat"),
))
SASARAN = Lembar("Sasaran", Sasaran, (
    REF, Kol("Tujuan (Ref)", "tujuan", "ref", True), Kol("Kode", "kode", wajib=True),
    Kol("Nama", "nama", wajib=True), Kol("Urutan", "urutan", "bulat"),
    Kol("Berlaku mulai", "tahun_mulai", "bulat"), Kol("Berlaku sampai", "tahun_selesai", "bulat"),
))
PROGRAM = Lembar("Program", Program, (
    REF, Kol("Tahun", "tahun", "bulat", True), Kol("Kode", "kode", wajib=True), Kol("Nama", "nama", wajib=True),
    Kol("Sasaran (Ref)", "sasaran", "ref"), Kol("Urutan", "urutan", "bulat"),
))
KEGIATAN = Lembar("Kegiatan", Kegiatan, (
    REF, Kol("Program (Ref)", "program", "ref", True), Kol("Kode", "kode", wajib=True),
    Kol("Nama", "nama", wajib=True), Kol("Urutan", "urutan", "bulat"),
))
SUB_KEGIATAN = Lembar("Sub Kegiatan", SubKegiatan, (
    REF, Kol("Kegiatan (Ref)", "kegiatan", "ref", True), Kol("Kode", "kode", wajib=True),
    Kol("Nama", "nama", wajib=True), Kol("Urutan", "urutan", "bulat"),
))
INDIKATOR = Lembar("Indikator", Indikator, (
    REF, Kol("Level", "level", wajib=True), Kol("Induk (Ref)", "induk", "ref", True),
    Kol("Kode", "kode", wajib=True), Kol("Nama", "nama", wajib=True), Kol("Satuan", "satuan"),
    Kol("IKU", "iku", "ya"), Kol("Definisi operasional", "definisi_operasional"),
    Kol("Formula (uraian)", "formula_uraian"), Kol("Rumus hitung", "rumus"), Kol("Sumber data", "sumber_data"),
    Kol("Penanggung jawab", "penanggung_jawab"), Kol("Desimal", "desimal", "bulat", True),
    Kol("Polaritas", "polaritas", wajib=True), Kol("Rumus polaritas negatif", "aturan_negatif", wajib=True),
    Kol("Agregasi Tribulan", "agregasi", wajib=True), Kol("Urutan", "urutan", "bulat"),
))
TARGET = Lembar("Target", TargetIndikator, (
    Kol("Indikator (Ref)", "indikator", "ref", True), Kol("Tahun", "tahun", "bulat", True),
    Kol("Dokumen", "dokumen", wajib=True), Kol("Target", "nilai", "angka", True),
))
VARIABEL = Lembar("Variabel", VariabelFormula, (
    REF, Kol("Indikator (Ref)", "indikator", "ref", True), Kol("Nama di rumus", "nama", wajib=True),
    Kol("Uraian", "label", wajib=True), Kol("Satuan", "satuan"), Kol("Urutan", "urutan", "bulat"),
))
TABEL = Lembar("Tabel Pendukung", TabelPendukung, (
    REF, Kol("Tahun", "tahun", "bulat", True), Kol("Kode", "kode", wajib=True), Kol("Judul", "judul", wajib=True),
    Kol("Judul kolom uraian", "judul_baris"), Kol("Satuan", "satuan"), Kol("Sumber", "sumber"),
))
BARIS_TABEL = Lembar("Baris Tabel", BarisTabelPendukung, (
    Kol("Tabel (Ref)", "tabel", "ref", True), Kol("Urutan", "urutan", "bulat"), Kol("Uraian", "label", wajib=True),
    Kol("Kolom", "kolom", wajib=True), Kol("Nilai", "nilai", "angka", True),
))
REALISASI = Lembar("Realisasi", RealisasiIndikator, (
    Kol("Indikator (Ref)", "indikator", "ref", True), Kol("Tahun", "tahun", "bulat", True),
    Kol("Tribulan", "tribulan", "bulat", True), Kol("Realisasi", "nilai", "angka", True),
    Kol("Keterangan", "keterangan"),
))
NILAI_VARIABEL = Lembar("Nilai Variabel", NilaiVariabel, (
    Kol("Variabel (Ref)", "variabel", "ref", True), Kol("Tahun", "tahun", "bulat", True),
    Kol("Tribulan", "tribulan", "bulat", True), Kol("Nilai", "nilai", "angka"),
    Kol("Jumlah dari tabel (Ref)", "tabel", "ref"), Kol("Kolom tabel", "kolom"),
))
ANALISIS = Lembar("Analisis", AnalisisIndikator, (
    Kol("Indikator (Ref)", "indikator", "ref", True), Kol("Tahun", "tahun", "bulat", True),
    Kol("Faktor keberhasilan", "faktor_keberhasilan"), Kol("Hambatan", "hambatan"),
    Kol("Upaya / tindak lanjut", "tindak_lanjut"),
))
PAGU = Lembar("Pagu", PaguAnggaran, (
    Kol("Level", "level", wajib=True), Kol("Mata anggaran (Ref)", "mata", "ref", True),
    Kol("Dokumen", "dokumen", wajib=True), Kol("Pagu (Rp)", "nilai", "uang", True),
))
REALISASI_ANGGARAN = Lembar("Realisasi Anggaran", RealisasiAnggaran, (
    Kol("Level", "level", wajib=True), Kol("Mata anggaran (Ref)", "mata", "ref", True),
    Kol("S.d. Tribulan", "tribulan", "bulat", True), Kol("Realisasi kumulatif (Rp)", "nilai", "uang", True),
    Kol("Keterangan", "keterangan"),
))
KOLOM_PIHAK = ("pihak_pertama_nama", "pihak_pertama_jabatan", "pihak_pertama_nip", "pihak_pertama_pangkat",
               "pihak_kedua_nama", "pihak_kedua_jabatan")
PK = Lembar("PK", PerjanjianKinerja, (
    REF, Kol("Tahun", "tahun", "bulat", True), Kol("Revisi", "revisi", "bulat", True),
    Kol("Menggantikan (Ref)", "menggantikan", "ref"), Kol("Dokumen anggaran", "dokumen_anggaran", wajib=True),
    Kol("Tempat", "tempat"), Kol("Tanggal", "tanggal", "tanggal"), Kol("Bulan", "bulan", "bulat"),
    *(Kol(str(PerjanjianKinerja._meta.get_field(n).verbose_name).capitalize(), n,
          wajib=n in ("pihak_pertama_nama", "pihak_pertama_jabatan", "pihak_kedua_nama", "pihak_kedua_jabatan"))
      for n in KOLOM_PIHAK),
    Kol("Alasan perubahan", "alasan_perubahan"),
))
BARIS_PK = Lembar("Baris PK", BarisPK, (
    Kol("PK (Ref)", "pk_dokumen", "ref", True), Kol("Urutan", "urutan", "bulat"),
    Kol("Sasaran (Ref)", "sasaran", "ref"), Kol("Sasaran strategis", "sasaran_uraian", wajib=True),
    Kol("Indikator (Ref)", "indikator", "ref", True), Kol("Target", "target", "angka", True),
    Kol("Satuan", "satuan"),
))
ANGGARAN_PK = Lembar("Anggaran PK", AnggaranPK, (
    Kol("PK (Ref)", "pk_dokumen", "ref", True), Kol("Urutan", "urutan", "bulat"),
    Kol("Program (Ref)", "program", "ref", True), Kol("Anggaran (Rp)", "nilai", "uang", True),
    Kol("Sumber dana", "sumber_dana"),
))
STANDAR = Lembar("Standar", StandarPembanding, (
    Kol("Indikator (Ref)", "indikator", "ref", True), Kol("Tahun", "tahun", "bulat", True),
    Kol("Tingkat", "tingkat", wajib=True), Kol("Uraian", "uraian", wajib=True),
    Kol("Nilai standar", "nilai", "angka", True), Kol("Sumber", "sumber"),
    Kol("Variabel (Ref)", "variabel", "ref"),
))
REALISASI_LALU = Lembar("Realisasi Tahun Lalu", RealisasiTahunLalu, (
    Kol("Indikator (Ref)", "indikator", "ref", True), Kol("Tahun", "tahun", "bulat", True),
    Kol("Realisasi", "nilai", "angka"), Kol("Sumber", "sumber"),
))

SEMUA_LEMBAR = (
    PEMDA, SKALA, PERIODE, OPD_, RENSTRA, TUJUAN, SASARAN, PROGRAM, KEGIATAN, SUB_KEGIATAN, INDIKATOR, TARGET,
    VARIABEL, TABEL, BARIS_TABEL, REALISASI, NILAI_VARIABEL, ANALISIS, PAGU, REALISASI_ANGGARAN, PK, BARIS_PK,
    ANGGARAN_PK, STANDAR, REALISASI_LALU,
)
LEMBAR_INFO = "Info"
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
    if pemda.skala_kategori_id:
        skala = SkalaKategori.objects.filter(pk=pemda.skala_kategori_id).first()
    else:
        skala = SkalaKategori.objects.filter(bawaan=True).first()
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
        "pk": list(pk_dokumen.order_by("revisi", "pk")),
        "baris_pk": list(BarisPK.objects.filter(pk_dokumen__in=pk_dokumen).order_by("pk")),
        "anggaran_pk": list(AnggaranPK.objects.filter(pk_dokumen__in=pk_dokumen).order_by("pk")),
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
    baris[REALISASI.judul] = [
        {"indikator": ref(Indikator, r.indikator_id), **salin(r, ("tahun", "tribulan", "nilai", "keterangan"))}
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
    baris[PK.judul] = []
    for p in d["pk"]:
        baris[PK.judul].append({
            "ref": ref.beri(p, f"PK {p.tahun} revisi {p.revisi}"),
            "menggantikan": ref(PerjanjianKinerja, p.menggantikan_id),
            **salin(p, ("tahun", "revisi", "dokumen_anggaran", "tempat", "tanggal", "bulan", *KOLOM_PIHAK,
                        "alasan_perubahan")),
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
    baris[STANDAR.judul] = [
        {"indikator": ref(Indikator, s.indikator_id), "variabel": ref(VariabelFormula, s.variabel_id),
         **salin(s, ("tahun", "tingkat", "uraian", "nilai", "sumber"))}
        for s in d["standar"]
    ]
    baris[REALISASI_LALU.judul] = [
        {"indikator": ref(Indikator, r.indikator_id), **salin(r, ("tahun", "nilai", "sumber"))}
        for r in d["realisasi_lalu"]
    ]
    return baris


def _tulis_nilai(ws, nomor: int, kolom: int, kol: Kol, nilai) -> None:
    if nilai is None or nilai == "":
        return
    if kol.jenis in ("angka", "uang", "batas"):
        tulis_angka(ws, nomor, kolom, nilai)
    elif kol.jenis == "ya":
        tulis_sel(ws, nomor, kolom, "Ya" if nilai else "Tidak")
    else:
        tulis_sel(ws, nomor, kolom, nilai)


def ekspor_dataset(opd, tahun: int):
    """The workbook of the OPD's year (see the module docstring)."""
    d = _data_ekspor(opd, tahun)
    isi = _baris_ekspor(d)
    wb = buku_kerja_baru()
    info = lembar_baru(wb, LEMBAR_INFO)
    info.column_dimensions["A"].width = 16
    info.column_dimensions["B"].width = 100
    for nomor, (kunci, nilai) in enumerate(
        [
            ("format", FORMAT),
            ("versi_format", VERSI_FORMAT),
            ("opd", d["opd"][0].kode),
            ("tahun", str(tahun)),
            ("diekspor", timezone.localtime().strftime("%Y-%m-%d %H:%M")),
            ("keterangan", "Seluruh data masukan perhitungan capaian OPD tahun ini. Impor ke basis data lain: "
                           "python manage.py impor_dataset_excel <berkas>. Kolom Ref menghubungkan baris antarlembar."),
        ],
        start=1,
    ):
        tulis_sel(info, nomor, 1, kunci)
        tulis_sel(info, nomor, 2, nilai)
    for lembar in SEMUA_LEMBAR:
        ws = lembar_baru(wb, lembar.judul)
        tulis_judul(ws, [k.judul for k in lembar.kolom], [max(12, min(len(k.judul) + 4, 40)) for k in lembar.kolom])
        for nomor, baris in enumerate(isi[lembar.judul], start=2):
            for kolom, kol in enumerate(lembar.kolom, start=1):
                _tulis_nilai(ws, nomor, kolom, kol, baris.get(kol.nama))
    _lembar_capaian(wb, d["opd"][0], tahun)
    return wb


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
        for kolom, v in enumerate(nilai, start=1):
            if v is not None:
                (tulis_angka if kolom in (5, 7, 8) else tulis_sel)(ws, nomor, kolom, v)


def isi_dataset(opd, tahun: int) -> bytes:
    return DatasetOPD(opd, tahun).isi()


# --------------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Masalah:
    lembar: str
    baris: int | None
    kolom: str
    pesan: str

    def __str__(self) -> str:
        letak = ", ".join(x for x in (self.lembar, f"baris {self.baris}" if self.baris else "", self.kolom) if x)
        return f"{letak}: {self.pesan}" if letak else self.pesan


class ImporGagal(Exception):
    def __init__(self, masalah: list[Masalah]):
        self.masalah = masalah
        super().__init__("\n".join(str(m) for m in masalah))


@dataclass
class HasilImpor:
    opd: OPD
    tahun: int
    jumlah: dict[str, int] = field(default_factory=dict)
    pemda_dibuat: bool = False
    skala_dibuat: bool = False
    peringatan: list[str] = field(default_factory=list)


@dataclass
class _Baris:
    nomor: int
    nilai: dict[str, Any]

    def __getitem__(self, nama: str):
        return self.nilai.get(nama)


def impor_dataset(data: bytes, *, user=None, maks: int = MAKS_BYTE_IMPOR) -> HasilImpor:
    """Validate the whole workbook, then create the OPD's year in one transaction (ImporGagal: nothing written)."""
    try:
        wb = buka_buku_kerja(data, maks=maks)
    except BerkasDitolak as exc:
        raise ImporGagal([Masalah("", None, "", exc.pesan)]) from None
    try:
        pengimpor = _Pengimpor(wb)
        pengimpor.baca()
    finally:
        wb.close()
    if pengimpor.masalah:
        raise ImporGagal(pengimpor.masalah)
    try:
        with transaction.atomic():
            hasil = pengimpor.tulis(user)
            if pengimpor.masalah:
                raise ImporGagal(pengimpor.masalah)  # raised inside the block: everything is rolled back
    except IntegrityError as exc:
        # The checks above mirror the models' constraints; this is the database's word if one slipped by.
        raise ImporGagal([Masalah("", None, "", f"Data ditolak basis data, tidak ada yang disimpan: {exc}")]) from None
    return hasil


def _pilihan(medan) -> tuple[str, ...] | None:
    return tuple(str(v) for v, _ in medan.choices) if medan is not None and medan.choices else None


class _Pengimpor:
    def __init__(self, wb):
        self.wb = wb
        self.masalah: list[Masalah] = []
        self.baris: dict[str, list[_Baris]] = {}
        self.isi: dict[str, IsiLembar] = {}
        self.ref: dict[str, dict[str, _Baris]] = {}
        self.opd_kode = ""
        self.tahun = 0
        self.struktur_rusak = False  # a sheet or a column is missing: rows cannot be cross-checked

    # --- reading and checking, nothing written ---

    def galat(self, lembar: Lembar | str, baris: int | None, kolom: str, pesan: str) -> None:
        judul = lembar if isinstance(lembar, str) else lembar.judul
        isi = self.isi.get(judul)
        nama_kolom = isi.nama_kolom(kolom) if isi and kolom else kolom
        self.masalah.append(Masalah(judul, baris, nama_kolom, pesan))

    def baca(self) -> None:
        self._info()
        if self.masalah:
            return
        for lembar in SEMUA_LEMBAR:
            self._lembar(lembar)
        if not self.struktur_rusak:
            self._periksa()

    def _info(self) -> None:
        if LEMBAR_INFO not in self.wb.sheetnames:
            self.galat("", None, "", "Berkas ini bukan dataset OPD dari aplikasi ini (lembar Info tidak ada).")
            return
        try:
            meta = baca_pasangan(self.wb[LEMBAR_INFO])
        except BerkasDitolak as exc:
            self.galat(LEMBAR_INFO, None, "", exc.pesan)
            return
        if meta.get("format") != FORMAT:
            self.galat(LEMBAR_INFO, None, "", "Berkas ini bukan dataset OPD dari aplikasi ini (format tidak dikenali).")
        elif meta.get("versi_format") != VERSI_FORMAT:
            self.galat(LEMBAR_INFO, None, "", f"Versi format {meta.get('versi_format') or '?'} tidak didukung.")
        elif not meta.get("opd") or not (meta.get("tahun") or "").isdigit():
            self.galat(LEMBAR_INFO, None, "", "OPD atau tahun dataset tidak tercantum.")
        else:
            self.opd_kode, self.tahun = meta["opd"], int(meta["tahun"])

    def _lembar(self, lembar: Lembar) -> None:
        if lembar.judul not in self.wb.sheetnames:
            self.galat(lembar, None, "", f"Lembar “{lembar.judul}” tidak ada di berkas.")
            self.struktur_rusak = True
            return
        try:
            isi = baca_lembar(self.wb[lembar.judul], maks_kolom=len(lembar.kolom) + 5)
        except BerkasDitolak as exc:
            self.galat(lembar, None, "", exc.pesan)
            self.struktur_rusak = True
            return
        self.isi[lembar.judul] = isi
        hilang = [k.judul for k in lembar.kolom if k.judul not in isi.kolom]
        if hilang:
            self.galat(lembar, 1, "", f"Kolom tidak ada: {', '.join(hilang)}.")
            self.struktur_rusak = True
            return
        hasil = []
        for b in isi.baris:
            nilai: dict[str, Any] = {}
            for kol in lembar.kolom:
                sel = b.sel.get(kol.judul)
                if sel is not None and sel.rumus:
                    self.galat(lembar, b.nomor, kol.judul, "Sel berisi rumus; yang diterima hanya nilai.")
                    continue
                nilai[kol.nama] = self._nilai(lembar, kol, b.nomor, None if sel is None else sel.nilai)
            hasil.append(_Baris(b.nomor, nilai))
        self.baris[lembar.judul] = hasil
        if any(k.nama == "ref" for k in lembar.kolom):
            per_ref: dict[str, _Baris] = {}
            for b in hasil:
                if b["ref"] in per_ref:
                    self.galat(lembar, b.nomor, "Ref", f"Ref “{b['ref']}” sudah dipakai di baris {per_ref[b['ref']].nomor}.")
                elif b["ref"]:
                    per_ref[b["ref"]] = b
            self.ref[lembar.judul] = per_ref

    def _nilai(self, lembar: Lembar, kol: Kol, nomor: int, mentah):
        medan = lembar.medan(kol)
        if kosong(mentah):
            if kol.wajib:
                self.galat(lembar, nomor, kol.judul, "Wajib diisi.")
            if kol.jenis in ("teks",) and medan is not None and not medan.null:
                return ""
            return False if kol.jenis == "ya" else None
        try:
            if kol.jenis in ("angka", "uang", "batas"):
                digit = {"angka": NILAI_DIGITS, "uang": UANG_DIGITS, "batas": BATAS_DIGITS}[kol.jenis]
                return baca_angka(mentah, label=kol.judul, **digit)
            if kol.jenis == "bulat":
                return _bulat(mentah)
            if kol.jenis == "ya":
                return _ya(mentah)
            if kol.jenis == "tanggal":
                return _tanggal(mentah)
        except AngkaTidakSah as exc:
            self.galat(lembar, nomor, kol.judul, exc.pesan[:1].upper() + exc.pesan[1:])
            return None
        teks = teks_sel(mentah)
        pilihan = _pilihan(medan)
        if pilihan and teks not in pilihan:
            self.galat(lembar, nomor, kol.judul, f"“{teks}” bukan salah satu dari: {', '.join(pilihan)}.")
        panjang = getattr(medan, "max_length", None)
        if panjang and len(teks) > panjang:
            self.galat(lembar, nomor, kol.judul, f"Teks terlalu panjang ({len(teks)}); paling banyak {panjang} karakter.")
        return teks

    def _cari(self, lembar: Lembar, b: _Baris, kol: str, tujuan: Lembar, *, wajib: bool = True) -> _Baris | None:
        nilai = b[kol]
        if not nilai:
            return None
        ditemukan = self.ref.get(tujuan.judul, {}).get(nilai)
        if ditemukan is None and wajib:
            judul = next(k.judul for k in lembar.kolom if k.nama == kol)
            self.galat(lembar, b.nomor, judul, f"Ref “{nilai}” tidak ada di lembar {tujuan.judul}.")
        return ditemukan

    def _unik(self, lembar: Lembar, kunci, uraian: str, judul_kolom: str) -> None:
        dilihat: dict = {}
        for b in self.baris.get(lembar.judul, []):
            k = kunci(b)
            if k in dilihat:
                self.galat(lembar, b.nomor, judul_kolom, f"Baris ganda: {uraian} sama dengan baris {dilihat[k]}.")
            else:
                dilihat[k] = b.nomor

    def _periksa(self) -> None:
        """References, duplicates and the models' constraints, checked in Python before anything is written."""
        b = self.baris
        if len(b[OPD_.judul]) != 1 or b[OPD_.judul][0]["kode"] != self.opd_kode:
            self.galat(OPD_, None, "", f"Lembar OPD harus berisi tepat satu baris, OPD {self.opd_kode}.")
        if len(b[PEMDA.judul]) != 1:
            self.galat(PEMDA, None, "", "Lembar Pemda harus berisi tepat satu baris.")
        nama_skala = {r["skala"] for r in b[SKALA.judul]}
        if len(nama_skala) > 1:
            self.galat(SKALA, None, "", "Lembar Skala hanya boleh berisi satu skala.")
        for r in b[SKALA.judul]:
            if r["batas_bawah"] is not None and r["batas_atas"] is not None and r["batas_bawah"] >= r["batas_atas"]:
                self.galat(SKALA, r.nomor, "Batas bawah (≥)", "Batas bawah harus lebih kecil dari batas atas.")
        self._unik(SKALA, lambda r: r["nama"], "kategori", "Kategori")
        for p in b[PERIODE.judul]:
            if p["tribulan"] not in (1, 2, 3, 4):
                self.galat(PERIODE, p.nomor, "Tribulan", "Tribulan harus 1 sampai 4.")
        self._unik(PERIODE, lambda p: (p["tahun"], p["tribulan"]), "periode", "Tribulan")

        sebelumnya: set[str] = set()
        for r in b[RENSTRA.judul]:
            if r["tahun_awal"] is not None and r["tahun_akhir"] is not None and r["tahun_akhir"] <= r["tahun_awal"]:
                self.galat(RENSTRA, r.nomor, "Tahun akhir", "Tahun akhir Renstra harus setelah tahun awal.")
            if r["revisi_dari"] and r["revisi_dari"] not in sebelumnya:
                self.galat(RENSTRA, r.nomor, "Revisi dari (Ref)",
                           f"Renstra “{r['revisi_dari']}” harus tercantum di baris sebelumnya.")
            sebelumnya.add(r["ref"])
        self._unik(RENSTRA, lambda r: (r["tahun_awal"], r["tahun_akhir"], r["revisi_ke"] or 0), "periode dan revisi",
                   "Tahun awal")
        for t in b[TUJUAN.judul]:
            self._cari(TUJUAN, t, "renstra", RENSTRA)
        self._unik(TUJUAN, lambda t: (t["renstra"], t["kode"]), "kode tujuan di Renstra ini", "Kode")
        for s in b[SASARAN.judul]:
            self._cari(SASARAN, s, "tujuan", TUJUAN)
        self._unik(SASARAN, lambda s: (s["tujuan"], s["kode"]), "kode sasaran di tujuan ini", "Kode")
        for p in b[PROGRAM.judul]:
            if p["tahun"] != self.tahun:
                self.galat(PROGRAM, p.nomor, "Tahun", f"Program harus tahun {self.tahun}, tahun dataset ini.")
            self._cari(PROGRAM, p, "sasaran", SASARAN)
        self._unik(PROGRAM, lambda p: p["kode"], "kode program", "Kode")
        for k in b[KEGIATAN.judul]:
            self._cari(KEGIATAN, k, "program", PROGRAM)
        self._unik(KEGIATAN, lambda k: (k["program"], k["kode"]), "kode kegiatan di program ini", "Kode")
        for s in b[SUB_KEGIATAN.judul]:
            self._cari(SUB_KEGIATAN, s, "kegiatan", KEGIATAN)
        self._unik(SUB_KEGIATAN, lambda s: (s["kegiatan"], s["kode"]), "kode sub kegiatan di kegiatan ini", "Kode")

        variabel_per_indikator: dict[str, set[str]] = {}
        for v in b[VARIABEL.judul]:
            self._cari(VARIABEL, v, "indikator", INDIKATOR)
            try:
                nama_variabel_validator(v["nama"] or "")
            except ValidationError as exc:
                self.galat(VARIABEL, v.nomor, "Nama di rumus", " ".join(exc.messages))
            variabel_per_indikator.setdefault(v["indikator"], set()).add(v["nama"])
        self._unik(VARIABEL, lambda v: (v["indikator"], v["nama"]), "nama variabel di indikator ini", "Nama di rumus")
        for i in b[INDIKATOR.judul]:
            level = i["level"]
            if level in LEMBAR_INDUK_LEVEL:
                self._cari(INDIKATOR, i, "induk", LEMBAR_INDUK_LEVEL[level])
            if i["desimal"] is not None and not 0 <= i["desimal"] <= 6:
                self.galat(INDIKATOR, i.nomor, "Desimal", "Jumlah desimal 0 sampai 6.")
            if i["rumus"]:
                try:
                    validasi_rumus(i["rumus"], variabel_per_indikator.get(i["ref"], set()))
                except FormulaError as exc:
                    self.galat(INDIKATOR, i.nomor, "Rumus hitung", str(exc))
        self._unik(INDIKATOR, lambda i: i["kode"] if i["level"] in ("tujuan", "sasaran") else (i["induk"], i["kode"]),
                   "kode indikator", "Kode")
        for t in b[TARGET.judul]:
            self._cari(TARGET, t, "indikator", INDIKATOR)
        self._unik(TARGET, lambda t: (t["indikator"], t["tahun"], t["dokumen"]), "target", "Dokumen")
        for t in b[TABEL.judul]:
            if t["kode"] and not t["kode"].replace("-", "").replace("_", "").isalnum():
                self.galat(TABEL, t.nomor, "Kode", "Kode tabel hanya huruf, angka, tanda hubung dan garis bawah.")
        self._unik(TABEL, lambda t: (t["tahun"], t["kode"]), "kode tabel", "Kode")
        for r in b[BARIS_TABEL.judul]:
            self._cari(BARIS_TABEL, r, "tabel", TABEL)
        self._unik(BARIS_TABEL, lambda r: (r["tabel"], r["label"], r["kolom"]), "uraian dan kolom", "Uraian")
        for lembar in (REALISASI, NILAI_VARIABEL):
            for r in b[lembar.judul]:
                if r["tribulan"] not in (1, 2, 3, 4):
                    self.galat(lembar, r.nomor, "Tribulan", "Tribulan harus 1 sampai 4.")
        for r in b[REALISASI.judul]:
            self._cari(REALISASI, r, "indikator", INDIKATOR)
        self._unik(REALISASI, lambda r: (r["indikator"], r["tahun"], r["tribulan"]), "realisasi", "Tribulan")
        for n in b[NILAI_VARIABEL.judul]:
            self._cari(NILAI_VARIABEL, n, "variabel", VARIABEL)
            self._cari(NILAI_VARIABEL, n, "tabel", TABEL)
            if (n["nilai"] is None) == (n["tabel"] is None) or bool(n["tabel"]) != bool(n["kolom"]):
                self.galat(NILAI_VARIABEL, n.nomor, "Nilai",
                           "Isi nilai, atau tabel pendukung dan kolomnya — salah satu saja.")
        self._unik(NILAI_VARIABEL, lambda n: (n["variabel"], n["tahun"], n["tribulan"]), "nilai variabel", "Tribulan")
        for a in b[ANALISIS.judul]:
            self._cari(ANALISIS, a, "indikator", INDIKATOR)
        self._unik(ANALISIS, lambda a: (a["indikator"], a["tahun"]), "analisis", "Tahun")
        for lembar in (PAGU, REALISASI_ANGGARAN):
            for r in b[lembar.judul]:
                if r["level"] not in LEMBAR_MATA:
                    self.galat(lembar, r.nomor, "Level", "Level harus program, kegiatan atau sub_kegiatan.")
                else:
                    self._cari(lembar, r, "mata", LEMBAR_MATA[r["level"]])
                if r["nilai"] is not None and r["nilai"] < 0:
                    self.galat(lembar, r.nomor, lembar.kolom[3].judul, f"{lembar.kolom[3].judul} tidak boleh negatif.")
        self._unik(PAGU, lambda r: (r["level"], r["mata"], r["dokumen"]), "pagu", "Dokumen")
        for r in b[REALISASI_ANGGARAN.judul]:
            if r["tribulan"] not in (1, 2, 3, 4):
                self.galat(REALISASI_ANGGARAN, r.nomor, "S.d. Tribulan", "Tribulan harus 1 sampai 4.")
        self._unik(REALISASI_ANGGARAN, lambda r: (r["level"], r["mata"], r["tribulan"]), "realisasi", "S.d. Tribulan")

        sebelumnya = set()
        for p in b[PK.judul]:
            if p["tahun"] != self.tahun:
                self.galat(PK, p.nomor, "Tahun", f"PK harus tahun {self.tahun}, tahun dataset ini.")
            if (p["revisi"] == 0) != (not p["menggantikan"]):
                self.galat(PK, p.nomor, "Menggantikan (Ref)",
                           "PK awal (revisi 0) tidak menggantikan PK lain; PK Perubahan harus menggantikan PK sebelumnya.")
            elif p["menggantikan"] and p["menggantikan"] not in sebelumnya:
                self.galat(PK, p.nomor, "Menggantikan (Ref)",
                           f"PK “{p['menggantikan']}” harus tercantum di baris sebelumnya.")
            if p["bulan"] is not None and not 1 <= p["bulan"] <= 12:
                self.galat(PK, p.nomor, "Bulan", "Bulan 1 sampai 12.")
            sebelumnya.add(p["ref"])
        self._unik(PK, lambda p: p["revisi"], "revisi PK", "Revisi")
        for r in b[BARIS_PK.judul]:
            self._cari(BARIS_PK, r, "pk_dokumen", PK)
            self._cari(BARIS_PK, r, "sasaran", SASARAN)
            self._cari(BARIS_PK, r, "indikator", INDIKATOR)
        self._unik(BARIS_PK, lambda r: (r["pk_dokumen"], r["indikator"]), "indikator di PK ini", "Indikator (Ref)")
        for a in b[ANGGARAN_PK.judul]:
            self._cari(ANGGARAN_PK, a, "pk_dokumen", PK)
            self._cari(ANGGARAN_PK, a, "program", PROGRAM)
            if a["nilai"] is not None and a["nilai"] < 0:
                self.galat(ANGGARAN_PK, a.nomor, "Anggaran (Rp)", "Anggaran tidak boleh negatif.")
        self._unik(ANGGARAN_PK, lambda a: (a["pk_dokumen"], a["program"]), "program di PK ini", "Program (Ref)")
        for s in b[STANDAR.judul]:
            self._cari(STANDAR, s, "indikator", INDIKATOR)
            self._cari(STANDAR, s, "variabel", VARIABEL)
            if s["nilai"] is not None and s["nilai"] <= 0:
                self.galat(STANDAR, s.nomor, "Nilai standar", "Nilai standar harus lebih dari nol.")
        self._unik(STANDAR, lambda s: (s["indikator"], s["tahun"], s["tingkat"], s["uraian"]), "standar", "Uraian")
        for r in b[REALISASI_LALU.judul]:
            self._cari(REALISASI_LALU, r, "indikator", INDIKATOR)
        self._unik(REALISASI_LALU, lambda r: (r["indikator"], r["tahun"]), "realisasi tahun ini", "Tahun")

    # --- writing, inside the caller's transaction ---

    def tulis(self, user) -> HasilImpor:
        b = self.baris
        pemda, pemda_dibuat, skala_dibuat, peringatan = self._pemda(user)
        if self.masalah:
            return HasilImpor(opd=None, tahun=self.tahun)
        for p in b[PERIODE.judul]:
            if not PeriodeMonev.objects.filter(pemda=pemda, tahun=p["tahun"], tribulan=p["tribulan"]).exists():
                self._simpan(PeriodeMonev(pemda=pemda, tahun=p["tahun"], tribulan=p["tribulan"],
                                          batas_waktu=p["batas_waktu"], terkunci=p["terkunci"]), user)
        opd = self._opd(pemda, user)
        if opd is None:
            return HasilImpor(opd=None, tahun=self.tahun)
        obj: dict[str, dict[str, Any]] = {}
        jumlah: Counter = Counter()

        def buat(lembar: Lembar, model, daftar: list[tuple[_Baris, models.Model]], *, per_ref: bool = False) -> None:
            dibuat = bulk_create_with_history(
                [o for _, o in daftar], model, default_user=user, default_change_reason=ALASAN_RIWAYAT
            )
            if per_ref:
                obj[lembar.judul] = {r["ref"]: o for (r, _), o in zip(daftar, dibuat, strict=True)}
            jumlah[lembar.judul] += len(dibuat)

        def ref(lembar: Lembar, nilai):
            return obj[lembar.judul][nilai] if nilai else None

        obj[RENSTRA.judul] = {}
        for r in b[RENSTRA.judul]:
            renstra = Renstra(opd=opd, revisi_dari=ref(RENSTRA, r["revisi_dari"]), revisi_ke=r["revisi_ke"] or 0,
                              **_ambil(r, "nama", "tahun_awal", "tahun_akhir", "dasar_hukum", "visi", "misi"))
            self._simpan(renstra, user)
            obj[RENSTRA.judul][r["ref"]] = renstra
            jumlah[RENSTRA.judul] += 1
        buat(TUJUAN, Tujuan, [
            (t, Tujuan(renstra=ref(RENSTRA, t["renstra"]), urutan=t["urutan"] or 0,
                       **_ambil(t, "kode", "nama", "keterangan", "tahun_mulai", "tahun_selesai")))
            for t in b[TUJUAN.judul]
        ], per_ref=True)
        buat(SASARAN, Sasaran, [
            (s, Sasaran(tujuan=ref(TUJUAN, s["tujuan"]), urutan=s["urutan"] or 0,
                        **_ambil(s, "kode", "nama", "tahun_mulai", "tahun_selesai")))
            for s in b[SASARAN.judul]
        ], per_ref=True)
        buat(PROGRAM, Program, [
            (p, Program(opd=opd, sasaran=ref(SASARAN, p["sasaran"]), urutan=p["urutan"] or 0,
                        **_ambil(p, "tahun", "kode", "nama")))
            for p in b[PROGRAM.judul]
        ], per_ref=True)
        buat(KEGIATAN, Kegiatan, [
            (k, Kegiatan(program=ref(PROGRAM, k["program"]), urutan=k["urutan"] or 0, **_ambil(k, "kode", "nama")))
            for k in b[KEGIATAN.judul]
        ], per_ref=True)
        buat(SUB_KEGIATAN, SubKegiatan, [
            (s, SubKegiatan(kegiatan=ref(KEGIATAN, s["kegiatan"]), urutan=s["urutan"] or 0,
                            **_ambil(s, "kode", "nama")))
            for s in b[SUB_KEGIATAN.judul]
        ], per_ref=True)
        buat(INDIKATOR, Indikator, [
            (i, Indikator(opd=opd, **{i["level"]: ref(LEMBAR_INDUK_LEVEL[i["level"]], i["induk"])},
                          urutan=i["urutan"] or 0,
                          **_ambil(i, "level", "kode", "nama", "satuan", "iku", "definisi_operasional",
                                   "formula_uraian", "rumus", "sumber_data", "penanggung_jawab", "desimal",
                                   "polaritas", "aturan_negatif", "agregasi")))
            for i in b[INDIKATOR.judul]
        ], per_ref=True)
        buat(TARGET, TargetIndikator, [
            (t, TargetIndikator(indikator=ref(INDIKATOR, t["indikator"]), **_ambil(t, "tahun", "dokumen", "nilai")))
            for t in b[TARGET.judul]
        ])
        buat(VARIABEL, VariabelFormula, [
            (v, VariabelFormula(indikator=ref(INDIKATOR, v["indikator"]), urutan=v["urutan"] or 0,
                                **_ambil(v, "nama", "label", "satuan")))
            for v in b[VARIABEL.judul]
        ], per_ref=True)
        buat(TABEL, TabelPendukung, [
            (t, TabelPendukung(opd=opd, judul_baris=t["judul_baris"] or "Uraian",
                               **_ambil(t, "tahun", "kode", "judul", "satuan", "sumber")))
            for t in b[TABEL.judul]
        ], per_ref=True)
        buat(BARIS_TABEL, BarisTabelPendukung, [
            (r, BarisTabelPendukung(tabel=ref(TABEL, r["tabel"]), urutan=r["urutan"] or 0,
                                    **_ambil(r, "label", "kolom", "nilai")))
            for r in b[BARIS_TABEL.judul]
        ])
        buat(REALISASI, RealisasiIndikator, [
            (r, RealisasiIndikator(indikator=ref(INDIKATOR, r["indikator"]),
                                   **_ambil(r, "tahun", "tribulan", "nilai", "keterangan")))
            for r in b[REALISASI.judul]
        ])
        buat(NILAI_VARIABEL, NilaiVariabel, [
            (n, NilaiVariabel(variabel=ref(VARIABEL, n["variabel"]), tabel=ref(TABEL, n["tabel"]),
                              **_ambil(n, "tahun", "tribulan", "nilai", "kolom")))
            for n in b[NILAI_VARIABEL.judul]
        ])
        buat(ANALISIS, AnalisisIndikator, [
            (a, AnalisisIndikator(indikator=ref(INDIKATOR, a["indikator"]),
                                  **_ambil(a, "tahun", "faktor_keberhasilan", "hambatan", "tindak_lanjut")))
            for a in b[ANALISIS.judul]
        ])
        buat(PAGU, PaguAnggaran, [
            (p, PaguAnggaran(**{p["level"]: ref(LEMBAR_MATA[p["level"]], p["mata"])}, **_ambil(p, "dokumen", "nilai")))
            for p in b[PAGU.judul]
        ])
        buat(REALISASI_ANGGARAN, RealisasiAnggaran, [
            (r, RealisasiAnggaran(**{r["level"]: ref(LEMBAR_MATA[r["level"]], r["mata"])},
                                  **_ambil(r, "tribulan", "nilai", "keterangan")))
            for r in b[REALISASI_ANGGARAN.judul]
        ])
        obj[PK.judul] = {}
        for p in b[PK.judul]:
            dokumen = PerjanjianKinerja(opd=opd, menggantikan=ref(PK, p["menggantikan"]),
                                        **_ambil(p, "tahun", "revisi", "dokumen_anggaran", "tempat", "tanggal", "bulan",
                                                 *KOLOM_PIHAK, "alasan_perubahan"))
            self._simpan(dokumen, user)
            obj[PK.judul][p["ref"]] = dokumen
            jumlah[PK.judul] += 1
        buat(BARIS_PK, BarisPK, [
            (r, BarisPK(pk_dokumen=ref(PK, r["pk_dokumen"]), sasaran=ref(SASARAN, r["sasaran"]),
                        indikator=ref(INDIKATOR, r["indikator"]), urutan=r["urutan"] or 0,
                        **_ambil(r, "sasaran_uraian", "target", "satuan")))
            for r in b[BARIS_PK.judul]
        ])
        buat(ANGGARAN_PK, AnggaranPK, [
            (a, AnggaranPK(pk_dokumen=ref(PK, a["pk_dokumen"]), program=ref(PROGRAM, a["program"]),
                           urutan=a["urutan"] or 0, sumber_dana=a["sumber_dana"] or "APBD", nilai=a["nilai"]))
            for a in b[ANGGARAN_PK.judul]
        ])
        buat(STANDAR, StandarPembanding, [
            (s, StandarPembanding(indikator=ref(INDIKATOR, s["indikator"]), variabel=ref(VARIABEL, s["variabel"]),
                                  **_ambil(s, "tahun", "tingkat", "uraian", "nilai", "sumber")))
            for s in b[STANDAR.judul]
        ])
        buat(REALISASI_LALU, RealisasiTahunLalu, [
            (r, RealisasiTahunLalu(indikator=ref(INDIKATOR, r["indikator"]), **_ambil(r, "tahun", "nilai", "sumber")))
            for r in b[REALISASI_LALU.judul]
        ])
        return HasilImpor(opd=opd, tahun=self.tahun, jumlah=dict(jumlah), pemda_dibuat=pemda_dibuat,
                          skala_dibuat=skala_dibuat, peringatan=peringatan)

    @staticmethod
    def _simpan(obj: models.Model, user) -> None:
        obj._history_user = user
        obj._change_reason = ALASAN_RIWAYAT
        obj.save()

    def _pemda(self, user):
        """The Pemda (found by code, or created with its scale from the workbook)."""
        spek = self.baris[PEMDA.judul][0]
        rentang = [(r["nama"], r["batas_bawah"], r["batas_atas"]) for r in self.baris[SKALA.judul]]
        pemda = Pemda.objects.filter(kode=spek["kode"]).first()
        if pemda is not None:
            peringatan = []
            dipakai = [(r.nama, r.batas_bawah, r.batas_atas) for r in skala_untuk_pemda(pemda)]
            if rentang and _urut(dipakai) != _urut(rentang):
                peringatan.append(
                    f"Pemda {pemda.kode} sudah ada dan memakai skala kategori yang berbeda dari berkas; "
                    "kategori capaian dihitung dengan skala yang ada."
                )
            return pemda, False, False, peringatan
        pemda = Pemda(**_ambil(spek, "kode", "nama", "jenis", "kepala_daerah_nama", "kepala_daerah_jabatan"))
        skala_dibuat = False
        bawaan = [(r.nama, r.batas_bawah, r.batas_atas) for r in skala_untuk_pemda(None)]
        # A Pemda that used the default scale keeps doing so here when this database's default has the
        # same bands; otherwise it gets the workbook's scale, found by name or created.
        if rentang and (spek["skala"] or _urut(bawaan) != _urut(rentang)):
            skala, skala_dibuat = self._skala(user)
            if skala is not None and (spek["skala"] or not skala.bawaan):
                pemda.skala_kategori = skala
        self._simpan(pemda, user)
        return pemda, True, skala_dibuat, []

    def _skala(self, user):
        baris = self.baris[SKALA.judul]
        if not baris:
            return None, False
        nama = baris[0]["skala"]
        rentang = [(r["nama"], r["batas_bawah"], r["batas_atas"]) for r in baris]
        ada = SkalaKategori.objects.filter(nama=nama).first()
        if ada is not None:
            milik = [(r.nama, r.batas_bawah, r.batas_atas) for r in ada.rentang_set.all()]
            if _urut(milik) != _urut(rentang):
                self.galat(SKALA, None, "", f"Skala “{nama}” sudah ada dengan rentang yang berbeda; ubah nama skala di berkas.")
            return ada, False
        skala = SkalaKategori(nama=nama, sumber=baris[0]["sumber"] or "",
                              bawaan=bool(baris[0]["bawaan"]) and not SkalaKategori.objects.filter(bawaan=True).exists())
        self._simpan(skala, user)
        bulk_create_with_history(
            [RentangKategori(skala=skala, urutan=r["urutan"] or 0, nama=r["nama"], batas_bawah=r["batas_bawah"],
                             batas_atas=r["batas_atas"]) for r in baris],
            RentangKategori, default_user=user, default_change_reason=ALASAN_RIWAYAT,
        )
        return skala, True

    def _opd(self, pemda, user) -> OPD | None:
        spek = self.baris[OPD_.judul][0]
        opd = OPD.objects.filter(kode=spek["kode"]).first()
        if opd is None:
            opd = OPD(pemda=pemda, **_ambil(spek, "kode", "nama", *KOLOM_OPD, "aktif"))
            self._simpan(opd, user)
            return opd
        ada_data = (
            Renstra.objects.filter(opd=opd).exists()
            or Program.objects.filter(opd=opd).exists()
            or Indikator.objects.filter(opd=opd).exists()
            or PerjanjianKinerja.objects.filter(opd=opd).exists()
            or TabelPendukung.objects.filter(opd=opd).exists()
        )
        if ada_data or opd.pemda_id != pemda.pk:
            self.galat(OPD_, None, "", f"OPD {opd.kode} sudah ada di basis data ini dan berisi data; "
                                       "impor hanya ke basis data yang belum memuat OPD ini.")
            return None
        return opd


def _ambil(baris: _Baris, *nama: str) -> dict[str, Any]:
    return {n: baris[n] for n in nama}


def _urut(rentang) -> list:
    return sorted((nama, bawah, atas) for nama, bawah, atas in rentang)


def _bulat(nilai) -> int:
    if isinstance(nilai, bool):
        raise AngkaTidakSah("bukan bilangan bulat")
    if isinstance(nilai, int):
        return nilai
    if isinstance(nilai, float) and nilai.is_integer():
        return int(nilai)
    teks = teks_sel(nilai)
    if teks.lstrip("-").isdigit():
        return int(teks)
    raise AngkaTidakSah(f"bukan bilangan bulat: “{teks[:40]}”")


def _ya(nilai) -> bool:
    if isinstance(nilai, bool):
        return nilai
    teks = teks_sel(nilai).lower()
    if teks in ("ya", "y", "true", "1", "benar"):
        return True
    if teks in ("tidak", "t", "false", "0", "salah"):
        return False
    raise AngkaTidakSah(f"isi “Ya” atau “Tidak”, bukan “{teks[:40]}”")


def _tanggal(nilai) -> datetime.date:
    if isinstance(nilai, datetime.datetime):
        return nilai.date()
    if isinstance(nilai, datetime.date):
        return nilai
    teks = teks_sel(nilai)
    for pola in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(teks, pola).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise AngkaTidakSah(f"bukan tanggal (tulis 2022-10-03 atau 03/10/2022): “{teks[:40]}”")

