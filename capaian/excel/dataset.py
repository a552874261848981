"""An OPD's year as one workbook: its format (the sheets and their columns) and its export.

`ekspor_dataset(opd, tahun)` writes every input the engine reads for the year, one sheet per kind of
row: the Pemda and its category scale, the monev periods, the OPD, every Renstra with its tujuan,
sasaran and indicators (Renstra indicators of every period, since earlier years' realisasi hang on
them), the year's programs, kegiatan and sub kegiatan with their indicators, targets of every year and
document, realisasi and formula inputs of the year, supporting tables, analysis, pagu per document and
realisasi per Tribulan, PK versions with rows and budgets, standards and earlier years' realisasi. A
last sheet, "Capaian", holds the engine's figures for a reader; an import ignores it.

Rows refer to each other through a "Ref" column: a label unique in its sheet, built from natural keys
("2021-2026 / 2 / 2.1") so a reader can follow it; an import treats it as an opaque label. Numbers are
exact (see `sel`): a value Excel would round is written as text.

The sheet definitions below (`SEMUA_LEMBAR`: title, model, columns with their kind and whether they
are required) are the format, shared by the export here and by the import, which reads a workbook into
the one dataset loader (`lkjip.dataset.dari_excel`, command `impor_dataset_excel`). Figures computed
from an imported workbook are those of the exported database: `tests/excel/test_dataset.py` compares
the engine's JSON output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone

from anggaran.models import Kegiatan, PaguAnggaran, Program, RealisasiAnggaran, SubKegiatan, q_mata_anggaran
from capaian.engine import hitung_opd_tahun
from capaian.excel.sel import tulis_angka, tulis_judul
from capaian.models import (
    AnalisisIndikator,
    BarisTabelPendukung,
    NilaiVariabel,
    RealisasiIndikator,
    TabelPendukung,
)
from inti.ekspor import EksporXlsx, buku_kerja_baru, lembar_baru, tulis_sel
from inti.models import OPD, Pemda, PeriodeMonev, RentangKategori, SkalaKategori
from perjanjian.models import AnggaranPK, BarisPK, PerjanjianKinerja
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
VERSI_FORMAT = "1"


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
    """A column: header, key in a row dict, kind, whether the sheet requires it, and the model field it
    fills (whose digits, default, length and choices are the model's own).

    Kinds: teks, ref (the Ref label of a row of another sheet), bulat, angka (an indicator value), uang
    (Rupiah, never negative), batas (a scale bound), ya (Ya/Tidak), tanggal.
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
