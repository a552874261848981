"""The LKjIP of an OPD-year as one structure: data gathered first, then laid out for every output.

`kumpulkan_data(opd, tahun)` reads everything with a fixed number of queries (the engine's 22 and six of
its own, whatever the size of the OPD); `bangun_dokumen(data)` lays the report out without any query:
headings, numbered tables, charts and narratives, in document order. The web page, the PDF and the xlsx
all render the same `Dokumen`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from capaian.engine import HasilOPD, HasilSasaran, hitung_opd_tahun
from capaian.models import AnalisisIndikator, BarisTabelPendukung
from inti.periode import BULAN
from lkjip.laporan import grafik as g
from lkjip.laporan import tabel as t
from lkjip.laporan.models import Laporan, Narasi, ReviuLaporan
from lkjip.laporan.narasi import AWALAN_SASARAN, BAGIAN, render_markdown, sasaran_bawaan
from renstra.models import TargetIndikator

JUMLAH_QUERY = 28  # hitung_opd_tahun (22) + laporan, narasi, reviu, target Renstra, tabel pendukung, analisis

SUMBER_SKALA = "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017"


@dataclass(frozen=True)
class Pengesahan:
    """The sign-off a signed revision carries: number, verification code and URL, signer and time."""

    nomor: int
    kode_pendek: str
    url_verifikasi: str
    nama: str
    jabatan: str
    waktu: datetime


@dataclass
class DataLaporan:
    hasil: HasilOPD
    laporan: Laporan | None  # None while the report has never been written to
    narasi: dict[str, Narasi]
    reviu: ReviuLaporan | None  # the latest review statement of the current revision
    target_renstra: dict[tuple[int, int], Decimal]  # (indikator_id, tahun) -> target
    baris_tabel: dict[int, list]  # tabel_id -> [BarisTabelPendukung]
    analisis: dict[int, AnalisisIndikator]  # indikator_id -> analysis of the year

    @property
    def opd(self):
        return self.hasil.opd

    @property
    def tahun(self) -> int:
        return self.hasil.tahun


def kumpulkan_data(opd, tahun: int) -> DataLaporan:
    """Everything the report shows, read with `JUMLAH_QUERY` queries whatever the size of the OPD."""
    hasil = hitung_opd_tahun(opd, tahun)
    opd = hasil.opd
    laporan = Laporan.objects.filter(opd=opd, tahun=tahun).first()
    narasi = {n.bagian: n for n in Narasi.objects.filter(laporan__opd=opd, laporan__tahun=tahun)}
    reviu = (
        ReviuLaporan.objects.filter(laporan__opd=opd, laporan__tahun=tahun)
        .select_related("auditor")
        .order_by("-revisi", "-pada", "-id")
        .first()
    )
    if reviu is not None and (laporan is None or reviu.revisi != laporan.revisi):
        reviu = None
    target_renstra = {
        (ti.indikator_id, ti.tahun): ti.nilai
        for ti in TargetIndikator.objects.filter(indikator__opd=opd, dokumen=TargetIndikator.Dokumen.RENSTRA)
    }
    baris_tabel: dict[int, list] = defaultdict(list)
    for b in BarisTabelPendukung.objects.filter(tabel__opd=opd, tabel__tahun=tahun).order_by("urutan", "id"):
        baris_tabel[b.tabel_id].append(b)
    analisis = {a.indikator_id: a for a in AnalisisIndikator.objects.filter(indikator__opd=opd, tahun=tahun)}
    return DataLaporan(hasil, laporan, narasi, reviu, target_renstra, dict(baris_tabel), analisis)


# --------------------------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Judul:
    kunci: str
    nomor: str
    teks: str
    tingkat: int  # 1 = chapter, 2 = section, 3 = subsection, 4 = per-sasaran part

    @property
    def id(self) -> str:
        return "bagian-" + self.kunci.replace("_", "-").replace(".", "-")

    @property
    def lengkap(self) -> str:
        return f"{self.nomor} {self.teks}".strip()

    @property
    def tag(self) -> str:
        return f"h{min(self.tingkat, 4)}"


@dataclass(frozen=True)
class BagianNarasi:
    kode: str
    judul: str
    markdown: str
    html: str
    bawaan: bool  # the generated default is in use


@dataclass
class BagianSasaran:
    """The analysis of one sasaran in 3.1.6: its measurement, supporting data, programs and analysis."""

    urutan: int
    hasil: HasilSasaran
    judul: Judul
    tujuan: str
    tabel_ukur: t.Tabel
    tabel_program: t.Tabel
    tabel_pendukung: list[t.Tabel]
    analisis: list[tuple[str, AnalisisIndikator]]
    narasi: BagianNarasi | None = None

    @property
    def kode_narasi(self) -> str:
        # By primary key: two Renstra in force in the same year may both have a sasaran "1.1".
        return f"{AWALAN_SASARAN}{self.hasil.sasaran.pk}"


@dataclass
class Dokumen:
    data: DataLaporan
    pengesahan: Pengesahan | None
    renstra: object
    pk_awal: object
    pk_akhir: object
    judul: dict[str, Judul] = field(default_factory=dict)
    tabel: dict[str, t.Tabel] = field(default_factory=dict)
    grafik: dict[str, g.Grafik] = field(default_factory=dict)
    narasi: dict[str, BagianNarasi] = field(default_factory=dict)
    sasaran: list[BagianSasaran] = field(default_factory=list)
    _nomor_tabel: dict[int, int] = field(default_factory=dict)
    _nomor_grafik: dict[int, int] = field(default_factory=dict)

    # --- identity ------------------------------------------------------------------------------

    @property
    def hasil(self) -> HasilOPD:
        return self.data.hasil

    @property
    def opd(self):
        return self.data.opd

    @property
    def tahun(self) -> int:
        return self.data.tahun

    @property
    def laporan(self) -> Laporan | None:
        return self.data.laporan

    @property
    def status(self) -> str:
        return self.laporan.status if self.laporan else Laporan.Status.DRAFT

    @property
    def status_label(self) -> str:
        return Laporan.Status(self.status).label

    @property
    def revisi(self) -> int:
        return self.pengesahan.nomor if self.pengesahan else (self.laporan.revisi if self.laporan else 1)

    @property
    def draft(self) -> bool:
        """Not signed off: every printed page says DRAFT."""
        return self.pengesahan is None

    @property
    def reviu(self) -> ReviuLaporan | None:
        return self.data.reviu

    @property
    def tempat(self) -> str:
        for pk in (self.pk_akhir, self.pk_awal):
            if pk is not None and pk.tempat:
                return pk.tempat
        return self.opd.pemda.nama

    @property
    def tanggal_tanda_tangan(self) -> str:
        if self.pengesahan is None:
            return "…………………… " + str(self.tahun + 1)
        waktu = timezone.localtime(self.pengesahan.waktu)
        return f"{waktu.day} {dict(BULAN)[waktu.month]} {waktu.year}"

    @property
    def visi(self) -> str:
        return self.renstra.visi if self.renstra is not None else ""

    @property
    def misi(self) -> list[str]:
        if self.renstra is None:
            return []
        return [m.strip() for m in self.renstra.misi.splitlines() if m.strip()]

    # --- contents ------------------------------------------------------------------------------

    @property
    def daftar_isi(self) -> list[Judul]:
        return list(self.judul.values())

    @property
    def daftar_tabel(self) -> list[t.Tabel]:
        return [tb for tb in self.tabel.values() if tb.nomor]

    def ref(self, kunci: str) -> str:
        """"Tabel 3.2" for a table of the document, for the generated texts."""
        tabel = self.tabel.get(kunci)
        return tabel.label if tabel is not None and tabel.label else "tabel terkait"

    # --- building ------------------------------------------------------------------------------

    def bagian(self, kunci: str, nomor: str, teks: str, tingkat: int) -> Judul:
        judul = Judul(kunci, nomor, teks, tingkat)
        self.judul[kunci] = judul
        return judul

    def tambah_tabel(self, tabel: t.Tabel, bab: int | None) -> t.Tabel:
        """Place a table; a table of a chapter takes the next number of that chapter ("3.7")."""
        if tabel.kunci in self.tabel:
            raise ValueError(f"Kunci tabel ganda: {tabel.kunci}")
        if bab is not None:
            self._nomor_tabel[bab] = self._nomor_tabel.get(bab, 0) + 1
            tabel.nomor = f"{bab}.{self._nomor_tabel[bab]}"
        self.tabel[tabel.kunci] = tabel
        return tabel

    def tambah_grafik(self, grafik: g.Grafik | None, bab: int) -> None:
        if grafik is None:
            return
        self._nomor_grafik[bab] = self._nomor_grafik.get(bab, 0) + 1
        self.grafik[grafik.kunci] = g.Grafik(
            grafik.kunci, grafik.judul, grafik.svg, grafik.keterangan, f"{bab}.{self._nomor_grafik[bab]}"
        )

    def tulis_narasi(self, kode: str, judul: str, bawaan: str) -> BagianNarasi:
        tersimpan = self.data.narasi.get(kode)
        teks = tersimpan.teks if tersimpan is not None else bawaan
        bagian = BagianNarasi(kode, judul, teks, render_markdown(teks), tersimpan is None)
        self.narasi[kode] = bagian
        return bagian


def _pk_versi(hasil: HasilOPD):
    """The original PK of the year and its latest amendment (None without one)."""
    return hasil.pk_awal, hasil.pk_akhir


def bangun_dokumen(data: DataLaporan, *, pengesahan: Pengesahan | None = None) -> Dokumen:
    """Lay the report out in document order; no query."""
    hasil = data.hasil
    opd = hasil.opd
    renstra = t.renstra_berlaku(hasil)
    pk_awal, pk_akhir = _pk_versi(hasil)
    dok = Dokumen(data, pengesahan, renstra, pk_awal, pk_akhir)
    tahun = hasil.tahun

    dok.bagian("kata_pengantar", "", "KATA PENGANTAR", 1)
    dok.bagian("ringkasan_eksekutif", "", "RINGKASAN EKSEKUTIF", 1)
    dok.bagian("daftar_isi", "", "DAFTAR ISI", 1)
    dok.bagian("daftar_tabel", "", "DAFTAR TABEL", 1)

    dok.bagian("bab1", "BAB I", "PENDAHULUAN", 1)
    for kode, nomor, teks in (
        ("bab1_latar_belakang", "1.1", "Latar Belakang"),
        ("bab1_organisasi", "1.2", "Penjelasan Umum Organisasi"),
        ("bab1_isu_strategis", "1.3", "Permasalahan dan Isu Strategis"),
        ("bab1_dasar_hukum", "1.4", "Dasar Hukum"),
        ("bab1_sistematika", "1.5", "Sistematika Laporan Kinerja"),
    ):
        dok.bagian(kode, nomor, teks, 2)

    dok.bagian("bab2", "BAB II", "PERENCANAAN DAN PERJANJIAN KINERJA", 1)
    dok.bagian("bab2_tujuan_sasaran", "2.1", f"Tujuan dan Sasaran {opd.nama}", 2)
    dok.tambah_tabel(t.tabel_renstra(hasil, renstra, data.target_renstra), 2)
    dok.tambah_tabel(t.tabel_metadata_iku(hasil, opd), 2)
    dok.bagian("bab2_renja", "2.2", f"Rencana Kinerja Tahun {tahun}", 2)
    dok.tambah_tabel(t.tabel_renja(hasil, opd), 2)
    dok.bagian("bab2_pk", "2.3", f"Perjanjian Kinerja Tahun {tahun}", 2)
    if pk_awal is not None:
        dok.tambah_tabel(t.tabel_pk(hasil, opd, pk_awal, "pk"), 2)
        dok.tambah_tabel(t.tabel_anggaran_pk(hasil, pk_awal, "anggaran_pk", "Anggaran PK"), None)
    dok.tambah_tabel(t.tabel_dpa(hasil, opd, "dpa", "dpa"), 2)
    if pk_akhir is not None:
        dok.tambah_tabel(t.tabel_pk(hasil, opd, pk_akhir, "pk_perubahan"), 2)
        dok.tambah_tabel(
            t.tabel_anggaran_pk(hasil, pk_akhir, "anggaran_pk_perubahan", "Anggaran PK Perubahan"), None
        )
    if hasil.ada_dpa_perubahan or pk_akhir is not None:
        dok.tambah_tabel(t.tabel_dpa(hasil, opd, "dpa_perubahan", "dpa_perubahan"), 2)

    dok.bagian("bab3", "BAB III", "AKUNTABILITAS KINERJA", 1)
    dok.bagian("bab3_capaian", "3.1", "Capaian Kinerja", 2)
    dok.bagian("bab3_pengantar", "3.1.1", "Skala Capaian Kinerja", 3)
    dok.tambah_tabel(t.tabel_skala(hasil, SUMBER_SKALA), 3)
    dok.bagian("bab3_capaian_iku", "3.1.2", "Capaian Indikator Kinerja Utama", 3)
    dok.tambah_tabel(t.tabel_capaian_iku(hasil), 3)
    dok.tambah_grafik(g.grafik_capaian_iku(hasil), 3)
    dok.bagian(
        "bab3_tahun_lalu", "3.1.3", f"Perbandingan Capaian Kinerja Tahun {tahun} dengan Tahun Sebelumnya", 3
    )
    dok.tambah_tabel(t.tabel_tahun_lalu(hasil, opd), 3)
    dok.tambah_grafik(g.grafik_tahun_lalu(hasil), 3)
    dok.bagian(
        "bab3_kemajuan", "3.1.4", f"Perbandingan Capaian Kinerja Tahun {tahun} dengan Target Jangka Menengah", 3
    )
    dok.tambah_tabel(t.tabel_kemajuan(hasil, opd, renstra), 3)
    dok.bagian("bab3_standar", "3.1.5", "Perbandingan Realisasi Kinerja dengan Standar Nasional", 3)
    dok.tambah_tabel(t.tabel_standar(hasil), 3)
    dok.bagian("bab3_sasaran", "3.1.6", "Analisis Capaian Indikator Kinerja Utama Sasaran Strategis", 3)
    _bangun_sasaran(dok)
    dok.bagian("bab3_efisiensi", "3.1.7", "Analisis Efisiensi Penggunaan Sumber Daya", 3)
    dok.tambah_tabel(t.tabel_efisiensi(hasil), 3)
    dok.bagian("bab3_keberhasilan", "3.1.8", "Analisis Keberhasilan", 3)
    dok.tambah_tabel(t.tabel_keberhasilan(hasil, opd), 3)
    dok.bagian("bab3_anggaran", "3.2", "Realisasi Anggaran", 2)
    dok.tambah_tabel(t.tabel_anggaran(hasil, opd), 3)
    dok.tambah_grafik(g.grafik_penyerapan(hasil), 3)

    dok.bagian("bab4_penutup", "BAB IV", "PENUTUP", 1)

    dok.bagian("lampiran", "", "LAMPIRAN", 1)
    for pk, awalan in ((pk_awal, "pk"), (pk_akhir, "pkp")):
        if pk is None:
            continue
        dok.bagian(f"lampiran_{awalan}", "", f"Pernyataan {pk.judul}", 2)
        nama = "PK" if awalan == "pk" else "PKP"
        dok.tambah_tabel(t.tabel_lampiran_pk(hasil, pk, f"lamp_{awalan}_kinerja", f"Lamp {nama} Kinerja"), None)
        dok.tambah_tabel(
            t.tabel_lampiran_anggaran_pk(hasil, pk, f"lamp_{awalan}_anggaran", f"Lamp {nama} Anggaran"), None
        )
    dok.bagian("lampiran_metadata", "", "Metadata Indikator Kinerja Utama", 2)
    dok.tambah_tabel(t.tabel_lampiran_metadata(hasil, opd, renstra, data.target_renstra), None)
    dok.bagian("lampiran_rkpd", "", "Kesimpulan Evaluasi terhadap Hasil RKPD", 2)
    dok.tambah_tabel(t.tabel_lampiran_rkpd(hasil), None)
    dok.bagian("lampiran_kertas_kerja", "", "Kertas Kerja Perhitungan Capaian", 2)
    dok.tambah_tabel(t.tabel_kertas_kerja(hasil, opd), None)
    if data.reviu is not None:
        dok.bagian("lampiran_reviu", "", "Pernyataan Telah Direviu", 2)

    # Narratives last: their defaults cite the numbers the tables have just been given.
    for kode, (judul, bawaan) in BAGIAN.items():
        dok.tulis_narasi(kode, judul, bawaan(dok))
    for bagian in dok.sasaran:
        bagian.narasi = dok.tulis_narasi(
            bagian.kode_narasi, f"Analisis Sasaran {bagian.hasil.kode}", sasaran_bawaan(dok, bagian)
        )
    return dok


def _bangun_sasaran(dok: Dokumen) -> None:
    hasil = dok.hasil
    tujuan = {tj.pk: tj for tj in hasil.tujuan_semua}
    urutan = 0
    for s in hasil.sasaran:
        if not s.indikator:
            continue
        urutan += 1
        kode = str(urutan)  # keys by place in the document: sasaran codes repeat across Renstra
        judul = dok.bagian(f"sasaran_{kode}", "", f"Sasaran {t.urutan_teks(urutan)}: {s.nama}", 4)
        ukur = dok.tambah_tabel(t.tabel_ukur_sasaran(s, urutan, f"sasaran_{kode}_ukur"), 3)
        pendukung = []
        for j, tb in enumerate(t.tabel_pendukung_sasaran(s), start=1):
            baris = dok.data.baris_tabel.get(tb.pk, [])
            pendukung.append(
                dok.tambah_tabel(t.tabel_data_pendukung(hasil, tb, baris, f"sasaran_{kode}_pendukung_{j}"), 3)
            )
        program = dok.tambah_tabel(t.tabel_program_sasaran(s, urutan, f"sasaran_{kode}_program"), 3)
        analisis = [(h.nama, dok.data.analisis[h.indikator.pk]) for h in s.indikator if h.indikator.pk in dok.data.analisis]
        nama_tujuan = tujuan[s.sasaran.tujuan_id].nama if s.sasaran.tujuan_id in tujuan else ""
        dok.sasaran.append(
            BagianSasaran(urutan, s, judul, nama_tujuan, ukur, program, pendukung, analisis)
        )


def dokumen_laporan(opd, tahun: int, *, pengesahan: Pengesahan | None = None) -> Dokumen:
    return bangun_dokumen(kumpulkan_data(opd, tahun), pengesahan=pengesahan)
