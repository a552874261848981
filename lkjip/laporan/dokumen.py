"""The LKjIP of an OPD-year as one structure: data gathered first, then laid out for every output.

`kumpulkan_data(opd, tahun)` reads everything with a fixed number of queries (the engine's 25 and six of
its own, whatever the size of the OPD); `bangun_dokumen(data)` lays the report out without any query, and
states its order once: pages of blocks (headings, narratives, numbered tables, charts, the per-sasaran
parts, the PK lampiran, ...; see `lkjip.laporan.blok`). The web page, the PDF, the xlsx and the `capaian`
command all walk the same `Dokumen`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from capaian.engine import HasilOPD, HasilSasaran, hitung_opd_tahun
from capaian.models import AnalisisIndikator, BarisTabelPendukung
from inti.models import UnitOrganisasi
from inti.periode import BULAN, format_tanggal
from inti.tampilan import nama_pengguna
from lkjip.laporan import grafik as g
from lkjip.laporan import tabel as t
from lkjip.laporan.bagan import bagan_organisasi
from lkjip.laporan.blok import (
    BagianNarasi,
    Blok,
    BlokAnalisis,
    BlokDaftarIsi,
    BlokDaftarTabel,
    BlokGrafik,
    BlokJudul,
    BlokNarasi,
    BlokParagraf,
    BlokPK,
    BlokReviu,
    BlokSampul,
    BlokTabel,
    BlokTandaTangan,
    BlokTujuan,
    BlokVisiMisi,
    Halaman,
    Judul,
)
from lkjip.laporan.catatan import catatan_angka
from lkjip.laporan.models import Laporan, Narasi, ReviuLaporan
from lkjip.laporan.narasi import AWALAN_SASARAN, BAGIAN, render_markdown, sasaran_bawaan
from renstra.models import TargetIndikator

JUMLAH_QUERY = 33  # hitung_opd_tahun (26, its data version first) + laporan, narasi, reviu, target Renstra, tabel pendukung, analisis, unit organisasi

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
    tanggal: date | None = None  # the report's date the kepala set (tanggal laporan)


@dataclass
class DataLaporan:
    hasil: HasilOPD
    laporan: Laporan | None  # None while the report has never been written to
    narasi: dict[str, Narasi]
    reviu: ReviuLaporan | None  # the latest review statement of the current revision
    target_renstra: dict[tuple[int, int], Decimal]  # (indikator_id, tahun) -> target
    baris_tabel: dict[int, list]  # tabel_id -> [BarisTabelPendukung]
    analisis: dict[int, AnalisisIndikator]  # indikator_id -> analysis of the year
    unit_organisasi: list = field(default_factory=list)  # the OPD's units, for the chart of 1.2

    @property
    def opd(self):
        return self.hasil.opd

    @property
    def tahun(self) -> int:
        return self.hasil.tahun


def kumpulkan_data(opd, tahun: int, *, tribulan: int = 4) -> DataLaporan:
    """Everything the report shows, read with `JUMLAH_QUERY` queries whatever the size of the OPD.

    The report is the year's (Tribulan IV); an earlier `tribulan` gives the same document with the figures
    up to the end of that Tribulan, for the `capaian` command's interim view.
    """
    hasil = hitung_opd_tahun(opd, tahun, tribulan=tribulan)
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
    unit = list(UnitOrganisasi.objects.filter(opd=opd))
    return DataLaporan(hasil, laporan, narasi, reviu, target_renstra, dict(baris_tabel), analisis, unit)


# --------------------------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------------------------


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
        return kode_narasi_sasaran(self.hasil)


def kode_narasi_sasaran(s: HasilSasaran) -> str:
    # By primary key: two Renstra in force in the same year may both have a sasaran "1.1".
    return f"{AWALAN_SASARAN}{s.sasaran.pk}"


@dataclass
class Dokumen:
    data: DataLaporan
    pengesahan: Pengesahan | None
    renstra: object
    pk_awal: object
    pk_akhir: object
    halaman: list[Halaman] = field(default_factory=list)  # the report in order: pages of blocks
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
        """Not signed off: every printed page says DRAF (draft)."""
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
    def tanggal_laporan(self) -> date | None:
        """The report's date: the one being signed, else the one stored on the report (None: not set)."""
        if self.pengesahan is not None and self.pengesahan.tanggal is not None:
            return self.pengesahan.tanggal
        return self.laporan.tanggal_laporan if self.laporan is not None else None

    @property
    def tanggal_tanda_tangan(self) -> str:
        """The date under the foreword and the signature: the report's date; unset, today marked as draft."""
        if self.tanggal_laporan is not None:
            return format_tanggal(self.tanggal_laporan)
        if self.pengesahan is None:
            return f"{format_tanggal(timezone.localdate())} (draf)"
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
    def blok(self) -> list[Blok]:
        """Every block of the report, in document order."""
        return [b for h in self.halaman for b in h.blok]

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

    def blok_pk(self, revisi: int) -> BlokPK | None:
        """The lampiran's PK version with this revision number (0: the original), if the year has it."""
        return next((b for b in self.blok if isinstance(b, BlokPK) and b.pk.revisi == revisi), None)

    # --- building ------------------------------------------------------------------------------

    def halaman_baru(self, kelas: str, id: str = "") -> None:  # noqa: A002 - the section's HTML id
        self.halaman.append(Halaman(kelas, id))

    def tambah(self, blok: Blok) -> None:
        self.halaman[-1].blok.append(blok)

    def bagian(self, kunci: str, nomor: str, teks: str, tingkat: int, *, tampil: bool = True) -> Judul:
        """A heading of the contents page; `tampil=False` when another block prints it (the PK lampiran)."""
        judul = Judul(kunci, nomor, teks, tingkat)
        self.judul[kunci] = judul
        if tampil:
            self.tambah(BlokJudul(judul))
        return judul

    def tambah_tabel(self, tabel: t.Tabel, bab: int | None, *, tampil: bool = True) -> t.Tabel:
        """Place a table; a table of a chapter takes the next number of that chapter ("3.7").

        `tampil=False` registers it (numbering, xlsx) for a block that prints it itself (the PK lampiran).
        """
        if tabel.kunci in self.tabel:
            raise ValueError(f"Kunci tabel ganda: {tabel.kunci}")
        if bab is not None:
            self._nomor_tabel[bab] = self._nomor_tabel.get(bab, 0) + 1
            tabel.nomor = f"{bab}.{self._nomor_tabel[bab]}"
        self.tabel[tabel.kunci] = tabel
        if tampil:
            self.tambah(BlokTabel(tabel))
        return tabel

    def tambah_grafik(self, grafik: g.Grafik | None, bab: int) -> None:
        if grafik is None:
            return
        self._nomor_grafik[bab] = self._nomor_grafik.get(bab, 0) + 1
        bernomor = g.Grafik(
            grafik.kunci, grafik.judul, grafik.svg, grafik.keterangan, f"{bab}.{self._nomor_grafik[bab]}"
        )
        self.grafik[grafik.kunci] = bernomor
        self.tambah(BlokGrafik(bernomor))

    def tambah_narasi(self, kode: str) -> None:
        self.tambah(BlokNarasi(kode))

    def tulis_narasi(self, kode: str, judul: str, bawaan: str) -> BagianNarasi:
        tersimpan = self.data.narasi.get(kode)
        teks = tersimpan.teks if tersimpan is not None else bawaan
        bagian = BagianNarasi(kode, judul, teks, render_markdown(teks), tersimpan is None)
        self.narasi[kode] = bagian
        return bagian


def bangun_dokumen(data: DataLaporan, *, pengesahan: Pengesahan | None = None) -> Dokumen:
    """Lay the report out in document order; no query."""
    hasil = data.hasil
    opd = hasil.opd
    renstra = hasil.renstra_berlaku
    pk_awal, pk_akhir = hasil.pk_awal, hasil.pk_akhir
    dok = Dokumen(data, pengesahan, renstra, pk_awal, pk_akhir)
    tahun = hasil.tahun

    dok.halaman_baru("sampul", id="sampul")
    dok.tambah(BlokSampul())

    dok.halaman_baru("halaman-baru")
    dok.bagian("kata_pengantar", "", "KATA PENGANTAR", 1)
    dok.tambah_narasi("kata_pengantar")
    dok.tambah(BlokTandaTangan())
    dok.halaman_baru("halaman-baru")
    dok.bagian("ringkasan_eksekutif", "", "RINGKASAN EKSEKUTIF", 1)
    dok.tambah_narasi("ringkasan_eksekutif")
    dok.halaman_baru("halaman-baru")
    dok.bagian("daftar_isi", "", "DAFTAR ISI", 1)
    dok.tambah(BlokDaftarIsi())
    dok.halaman_baru("halaman-baru")
    dok.bagian("daftar_tabel", "", "DAFTAR TABEL", 1)
    dok.tambah(BlokDaftarTabel())

    dok.halaman_baru("bab halaman-baru")
    dok.bagian("bab1", "BAB I", "PENDAHULUAN", 1)
    for kode, nomor, teks in (
        ("bab1_latar_belakang", "1.1", "Latar Belakang"),
        ("bab1_organisasi", "1.2", "Penjelasan Umum Organisasi"),
        ("bab1_isu_strategis", "1.3", "Permasalahan dan Isu Strategis"),
        ("bab1_dasar_hukum", "1.4", "Dasar Hukum"),
        ("bab1_sistematika", "1.5", "Sistematika Laporan Kinerja"),
    ):
        dok.bagian(kode, nomor, teks, 2)
        dok.tambah_narasi(kode)
        if kode == "bab1_organisasi":
            dok.tambah_grafik(bagan_organisasi(opd, data.unit_organisasi), 1)

    dok.halaman_baru("bab halaman-baru")
    dok.bagian("bab2", "BAB II", "PERENCANAAN DAN PERJANJIAN KINERJA", 1)
    dok.bagian("bab2_tujuan_sasaran", "2.1", f"Tujuan dan Sasaran {opd.nama}", 2)
    if dok.visi or dok.misi:
        dok.tambah(BlokVisiMisi(dok.visi, tuple(dok.misi)))
    dok.tambah_narasi("bab2_tujuan_sasaran")
    dok.tambah_tabel(t.tabel_renstra(hasil, renstra, data.target_renstra), 2)
    dok.tambah_tabel(t.tabel_metadata_iku(hasil, opd), 2)
    dok.bagian("bab2_renja", "2.2", f"Rencana Kinerja Tahun {tahun}", 2)
    dok.tambah_narasi("bab2_renja")
    dok.tambah_tabel(t.tabel_renja(hasil, opd), 2)
    dok.bagian("bab2_pk", "2.3", f"Perjanjian Kinerja Tahun {tahun}", 2)
    dok.tambah_narasi("bab2_pk")
    if pk_awal is not None:
        dok.tambah_tabel(t.tabel_pk(hasil, opd, pk_awal, "pk"), 2)
        dok.tambah_tabel(t.tabel_anggaran_pk(hasil, pk_awal, "anggaran_pk", "Anggaran PK"), None)
    dok.tambah_tabel(t.tabel_dpa(hasil, opd, "dpa", "dpa"), 2)
    if pk_akhir is not None:
        dok.tambah_narasi("bab2_pk_perubahan")
        dok.tambah_tabel(t.tabel_pk(hasil, opd, pk_akhir, "pk_perubahan"), 2)
        dok.tambah_tabel(
            t.tabel_anggaran_pk(hasil, pk_akhir, "anggaran_pk_perubahan", "Anggaran PK Perubahan"), None
        )
    if hasil.ada_dpa_perubahan or pk_akhir is not None:
        dok.tambah_tabel(t.tabel_dpa(hasil, opd, "dpa_perubahan", "dpa_perubahan"), 2)

    dok.halaman_baru("bab halaman-baru")
    dok.bagian("bab3", "BAB III", "AKUNTABILITAS KINERJA", 1)
    dok.bagian("bab3_capaian", "3.1", "Capaian Kinerja", 2)
    dok.bagian("bab3_pengantar", "3.1.1", "Skala Capaian Kinerja", 3)
    dok.tambah_narasi("bab3_pengantar")
    dok.tambah_tabel(t.tabel_skala(hasil, SUMBER_SKALA), 3)
    dok.bagian("bab3_capaian_iku", "3.1.2", "Capaian Indikator Kinerja Utama", 3)
    dok.tambah_narasi("bab3_capaian_iku")
    dok.tambah_tabel(t.tabel_capaian_iku(hasil), 3)
    dok.tambah_grafik(g.grafik_capaian_iku(hasil), 3)
    dok.bagian(
        "bab3_tahun_lalu", "3.1.3", f"Perbandingan Capaian Kinerja Tahun {tahun} dengan Tahun Sebelumnya", 3
    )
    dok.tambah_narasi("bab3_tahun_lalu")
    dok.tambah_tabel(t.tabel_tahun_lalu(hasil, opd), 3)
    dok.tambah_grafik(g.grafik_tahun_lalu(hasil), 3)
    dok.bagian(
        "bab3_kemajuan", "3.1.4", f"Perbandingan Capaian Kinerja Tahun {tahun} dengan Target Jangka Menengah", 3
    )
    dok.tambah_narasi("bab3_kemajuan")
    dok.tambah_tabel(t.tabel_kemajuan(hasil, opd, renstra), 3)
    dok.bagian("bab3_standar", "3.1.5", "Perbandingan Realisasi Kinerja dengan Standar Nasional", 3)
    dok.tambah_narasi("bab3_standar")
    dok.tambah_tabel(t.tabel_standar(hasil), 3)
    dok.bagian("bab3_sasaran", "3.1.6", "Analisis Capaian Indikator Kinerja Utama Sasaran Strategis", 3)
    _bangun_sasaran(dok)
    dok.bagian("bab3_efisiensi", "3.1.7", "Analisis Efisiensi Penggunaan Sumber Daya", 3)
    dok.tambah_narasi("bab3_efisiensi")
    dok.tambah_tabel(t.tabel_efisiensi(hasil), 3)
    dok.bagian("bab3_keberhasilan", "3.1.8", "Analisis Keberhasilan", 3)
    dok.tambah_narasi("bab3_keberhasilan")
    dok.tambah_tabel(t.tabel_keberhasilan(hasil, opd), 3)
    dok.bagian("bab3_anggaran", "3.2", "Realisasi Anggaran", 2)
    dok.tambah_narasi("bab3_anggaran")
    dok.tambah_tabel(t.tabel_anggaran(hasil, opd), 3)
    dok.tambah_grafik(g.grafik_penyerapan(hasil), 3)

    dok.halaman_baru("bab halaman-baru")
    dok.bagian("bab4_penutup", "BAB IV", "PENUTUP", 1)
    dok.tambah_narasi("bab4_penutup")
    dok.tambah(BlokTandaTangan())

    dok.halaman_baru("bab halaman-baru")
    dok.bagian("lampiran", "", "LAMPIRAN", 1)
    for pk, awalan in ((pk_awal, "pk"), (pk_akhir, "pkp")):
        if pk is None:
            continue
        # The statement block prints its heading and tables itself, around the signatures.
        judul = dok.bagian(f"lampiran_{awalan}", "", f"Pernyataan {pk.judul}", 2, tampil=False)
        nama = "PK" if awalan == "pk" else "PKP"
        kinerja = dok.tambah_tabel(
            t.tabel_lampiran_pk(hasil, pk, f"lamp_{awalan}_kinerja", f"Lamp {nama} Kinerja"), None, tampil=False
        )
        anggaran = dok.tambah_tabel(
            t.tabel_lampiran_anggaran_pk(hasil, pk, f"lamp_{awalan}_anggaran", f"Lamp {nama} Anggaran"),
            None,
            tampil=False,
        )
        dok.tambah(BlokPK(pk, judul, kinerja, anggaran, pertama=pk is pk_awal))
    if t.ada_rencana_aksi(hasil):
        # Only a year with Rencana Aksi gets the section, so a report without keeps its layout.
        dok.halaman_baru("halaman-baru halaman-lebar")
        dok.bagian("lampiran_rencana_aksi", "", "Rencana Aksi Perjanjian Kinerja", 2)
        dok.tambah_tabel(t.tabel_lampiran_rencana_aksi(hasil), None)
    dok.halaman_baru("halaman-baru halaman-lebar")
    dok.bagian("lampiran_metadata", "", "Metadata Indikator Kinerja Utama", 2)
    dok.tambah_tabel(t.tabel_lampiran_metadata(hasil, opd, renstra, data.target_renstra), None)
    dok.halaman_baru("halaman-baru halaman-lebar")
    dok.bagian("lampiran_rkpd", "", "Kesimpulan Evaluasi terhadap Hasil RKPD", 2)
    dok.tambah_tabel(t.tabel_lampiran_rkpd(hasil), None)
    dok.halaman_baru("halaman-baru halaman-lebar")
    dok.bagian("lampiran_kertas_kerja", "", "Kertas Kerja Perhitungan Capaian", 2)
    dok.tambah_tabel(t.tabel_kertas_kerja(hasil, opd), None)
    catatan = catatan_angka(hasil)
    if catatan:
        dok.halaman_baru("halaman-baru halaman-lebar")
        dok.bagian("lampiran_catatan_angka", "", "Catatan atas Angka", 2)
        dok.tambah(
            BlokParagraf(
                "Angka berikut berbeda dengan angka yang semula tertulis untuknya (data yang diketik, "
                "dokumen sumber, atau naskah laporan yang dicetak sebelumnya). Laporan ini memuat angka "
                "yang dihitung sistem; setiap baris menyebut letaknya, kedua angka dan alasannya."
            )
        )
        dok.tambah_tabel(t.tabel_catatan_angka(catatan), None)
    if data.reviu is not None:
        reviu = data.reviu
        dok.halaman_baru("halaman-baru")
        dok.bagian("lampiran_reviu", "", "Pernyataan Telah Direviu", 2)
        dok.tambah(BlokReviu(reviu.pernyataan, reviu.catatan, nama_pengguna(reviu.auditor), reviu.pada))

    _tulis_narasi(dok)
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
        nama_tujuan = tujuan[s.sasaran.tujuan_id].nama if s.sasaran.tujuan_id in tujuan else ""
        dok.tambah(BlokTujuan(nama_tujuan))
        ukur = dok.tambah_tabel(t.tabel_ukur_sasaran(s, urutan, f"sasaran_{kode}_ukur", hasil.tribulan), 3)
        dok.tambah_narasi(kode_narasi_sasaran(s))
        pendukung = [
            dok.tambah_tabel(
                t.tabel_data_pendukung(hasil, tb, dok.data.baris_tabel.get(tb.pk, []), f"sasaran_{kode}_pendukung_{j}"),
                3,
            )
            for j, tb in enumerate(t.tabel_pendukung_sasaran(s), start=1)
        ]
        program = dok.tambah_tabel(t.tabel_program_sasaran(s, urutan, f"sasaran_{kode}_program"), 3)
        analisis = [
            (h.nama, dok.data.analisis[h.indikator.pk]) for h in s.indikator if h.indikator.pk in dok.data.analisis
        ]
        for nama, a in analisis:
            dok.tambah(BlokAnalisis(nama, a.faktor_keberhasilan, a.hambatan, a.tindak_lanjut))
        bagian = BagianSasaran(urutan, s, judul, nama_tujuan, ukur, program, pendukung, analisis)
        dok.sasaran.append(bagian)
    if not dok.sasaran:
        dok.tambah(BlokParagraf("Belum ada sasaran strategis yang diukur pada tahun ini."))


def _tulis_narasi(dok: Dokumen) -> None:
    """Narratives last: their defaults cite the numbers the tables have just been given.

    Every section of `BAGIAN` is written, shown or not (the editor opens any of them); the narrative
    blocks placed in the layout then take theirs.
    """
    for kode, (judul, bawaan) in BAGIAN.items():
        dok.tulis_narasi(kode, judul, bawaan(dok))
    for bagian in dok.sasaran:
        bagian.narasi = dok.tulis_narasi(
            bagian.kode_narasi, f"Analisis Sasaran {bagian.hasil.kode}", sasaran_bawaan(dok, bagian)
        )
    for blok in dok.blok:
        if isinstance(blok, BlokNarasi):
            blok.narasi = dok.narasi[blok.kode]


def dokumen_laporan(
    opd, tahun: int, *, tribulan: int = 4, pengesahan: Pengesahan | None = None
) -> Dokumen:
    """The report of the OPD-year (`tribulan` < 4: the same document with interim figures)."""
    return bangun_dokumen(kumpulkan_data(opd, tahun, tribulan=tribulan), pengesahan=pengesahan)
