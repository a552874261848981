"""The monev template of one Tribulan, and reading it back.

The template (`template_monev`) holds the OPD-year's structure and the values stored now, in four
sheets: Indikator (realisasi and keterangan of the Tribulan), Variabel (formula inputs), Tabel
Pendukung (the tables some inputs are summed from) and Anggaran (cumulative budget realisasi). Input
cells are unlocked and yellow; everything else is locked under sheet protection. A hidden sheet
"Metadata" names the OPD, year, Tribulan and format version; hidden columns keep, per row, the value
the file was made with (and the realisasi's version), so that reading it back can tell what the user
changed from what someone else changed in the meantime. Those values are number cells read back exactly
(`sel.baca_sistem`, which also reads the dot-decimal text of templates made before).

Numbers show as on every page of the site: a realisasi with its indicator's decimals, more when it was
stored with more (`inti.ekspor.format_terukur`: 85 shows as 85,00 at 2 decimals, in the user's locale);
a target, a formula input and a supporting-table value with the decimals they were written with
(`format_alami`); rupiah whole, with the sen when some were stored.

Rules of the file, also stated on its "Petunjuk" sheet:

- an empty input cell changes nothing (it never deletes); the word HAPUS in a cell deletes the value;
- a cell still holding the value it was downloaded with changes nothing either, so a file kept for a
  while does not put back old values over newer ones;
- a value changed both in the file and on the site since the download is a conflict: nothing is saved.

Upload (`unggah_monev`): the whole file is checked first (`periksa_unggahan`), every problem listed by
sheet, row, column and reason. Only a file without problems is written (`terapkan`), in one
transaction, through the write services (`capaian.services`, `anggaran.services`), so
access, the period lock, conflict checks and history apply to every value; any refusal there rolls the
whole upload back. A realisasi far from its target or previous value stops the upload until the user
confirms it ("Tetap simpan"), as on the monev screen.

The check reads the rows the template lists without the engine's figures (`_muat_acuan`, a fixed
number of queries) and each sheet once, decoding only the columns it reads (`sel.baca_lembar`).
bench/bench_excel.py measures a 5.000-value upload against openpyxl's own read of the file.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from openpyxl.styles import Alignment, Font
from openpyxl.workbook.protection import WorkbookProtection

from anggaran.models import Kegiatan, PaguAnggaran, Program, RealisasiAnggaran, SubKegiatan, q_mata_anggaran
from anggaran.services import (
    IsianRealisasiAnggaran,
    realisasi_anggaran_simpan,
    realisasi_anggaran_simpan_banyak,
)
from capaian.engine import (
    LEVEL_RENSTRA,
    DataOPD,
    HasilAnggaran,
    HasilIndikator,
    HasilOPD,
    _Konteks,
    _pk_berlaku,
    _terapkan_definisi,
    hitung_dari_data,
    muat_data_opd,
)
from capaian.excel.sel import (
    HAPUS,
    AngkaTidakSah,
    BerkasDitolak,
    IsiLembar,
    adalah_hapus,
    baca_angka,
    baca_lembar,
    baca_pasangan,
    baca_sistem,
    buka_buku_kerja,
    kosong,
    lindungi,
    sembunyikan_kolom,
    tandai_hitungan,
    tandai_isian,
    teks_sel,
    tulis_angka,
    tulis_judul,
)
from capaian.models import BarisTabelPendukung, NilaiVariabel, RealisasiIndikator, TabelPendukung
from capaian.services import (
    IsianRealisasi,
    IsianVariabel,
    baris_tabel_hapus,
    baris_tabel_simpan,
    baris_tabel_tambah,
    nilai_variabel_simpan,
    nilai_variabel_simpan_banyak,
    periksa_rentang,
    peringatan_realisasi_banyak,
    realisasi_simpan,
    realisasi_simpan_banyak,
)
from inti.akses import peran_pengguna
from inti.ekspor import (
    FORMAT_BULAT,
    EksporXlsx,
    buku_kerja_baru,
    format_alami,
    format_terukur,
    lembar_baru,
    tulis_sel,
)
from inti.models import PeriodeMonev
from inti.periode import NILAI_DIGITS, TRIBULAN, UANG_DIGITS, Tribulan
from inti.tampilan import DESIMAL_RUPIAH, format_angka_penuh, format_indikator
from inti.tulis import KonflikSimpan
from perjanjian.models import BarisPK, PerjanjianKinerja
from renstra.models import DefinisiIndikatorTahun, Indikator, Renstra, Sasaran, Tujuan, VariabelFormula

FORMAT = "sakip-monev-tribulan"
VERSI_FORMAT = "1"
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}

LEMBAR_PETUNJUK = "Petunjuk"
LEMBAR_INDIKATOR = "Indikator"
LEMBAR_VARIABEL = "Variabel"
LEMBAR_TABEL = "Tabel Pendukung"
LEMBAR_ANGGARAN = "Anggaran"
LEMBAR_META = "Metadata"

K_KODE = "Kode"
K_LEVEL = "Level"
K_INDUK = "Kode induk"
K_NAMA = "Nama indikator"
K_SATUAN = "Satuan"
K_TARGET = "Target"
K_KETERANGAN = "Keterangan"
K_KODE_INDIKATOR = "Kode indikator"
K_VARIABEL = "Nama variabel"
K_URAIAN = "Uraian"
K_SUMBER = "Sumber nilai"
K_KODE_TABEL = "Kode tabel"
K_JUDUL_TABEL = "Judul tabel"
K_KOLOM = "Kolom"
K_NILAI = "Nilai"
K_NAMA_ANGGARAN = "Nama program / kegiatan / sub kegiatan"
# Hidden, locked: the state the file was made from.
K_SEMULA = "semula (sistem)"
K_KETERANGAN_SEMULA = "keterangan semula (sistem)"
K_VERSI = "versi (sistem)"

BARIS_TABEL_BARU = 10  # empty input rows under the supporting tables, for values not entered yet
LABEL_LEVEL = dict(Indikator.Level.choices)


def k_realisasi(tribulan: int) -> str:
    return f"Realisasi TW {ROMAWI[tribulan]}"


def k_nilai_tw(tribulan: int) -> str:
    return f"Nilai TW {ROMAWI[tribulan]}"


def k_realisasi_anggaran(tribulan: int) -> str:
    return f"Realisasi s.d. TW {ROMAWI[tribulan]} (Rp)"


def k_terhitung(tribulan: int) -> str:
    return f"Realisasi terhitung s.d. TW {ROMAWI[tribulan]} (Rp)"


@dataclass(frozen=True)
class TemplateMonev(EksporXlsx):
    """The Tribulan's template, as a download: `template_monev` for one OPD, year and Tribulan."""

    opd: Any
    tahun: int
    tribulan: int
    user: Any = None

    def nama_berkas(self) -> str:
        return f"monev-{self.opd.kode}-{self.tahun}-tw{self.tribulan}.xlsx"

    def buku_kerja(self):
        return template_monev(self.opd, self.tahun, self.tribulan, user=self.user)


# --------------------------------------------------------------------------------------------------
# What the template shows and the upload is checked against: loaded once, with a fixed query count
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisIndikator:
    hasil: HasilIndikator
    kode_induk: str
    realisasi: RealisasiIndikator | None

    @property
    def indikator(self) -> Indikator:
        return self.hasil.indikator


@dataclass(frozen=True)
class BarisVariabel:
    indikator: Indikator
    variabel: object  # VariabelFormula
    nilai: NilaiVariabel | None
    jumlah: Decimal | None  # the column sum, when the value comes from a supporting table
    tabel: TabelPendukung | None

    @property
    def dari_tabel(self) -> bool:
        return self.nilai is not None and self.nilai.tabel_id is not None


@dataclass(frozen=True)
class BarisAnggaran:
    hasil: HasilAnggaran
    isian: bool  # typed on this line; otherwise the sum of its children
    realisasi: RealisasiAnggaran | None  # the line's own entry for the Tribulan

    @property
    def objek(self):
        return self.hasil.objek


@dataclass
class KonteksMonev:
    opd: object
    tahun: int
    tribulan: int
    hasil: HasilOPD
    indikator: list[BarisIndikator]
    variabel: list[BarisVariabel]
    tabel: list[TabelPendukung]
    baris_tabel: list[BarisTabelPendukung]
    anggaran: list[BarisAnggaran]
    periode: PeriodeMonev | None


def _anggaran_isian(b: HasilAnggaran) -> bool:
    """Sub kegiatan are typed; a program or kegiatan only where nothing below it carries a figure."""
    if b.level == "sub_kegiatan" or not b.anak:
        return True
    return b.pagu_anak is None and all(v is None for v in b.realisasi_anak.values())


def muat_konteks(opd, tahun: int, tribulan: int) -> KonteksMonev:
    """The OPD-year as the template shows it: the engine's load (22 queries) plus four, whatever the size."""
    data = muat_data_opd(opd, tahun)
    hasil = hitung_dari_data(data, tribulan=tribulan)
    opd = data.opd
    # Parents set on the loaded objects, so the write services read them without a query per row.
    program = {p.pk: p for p in data.program}
    kegiatan = {k.pk: k for k in data.kegiatan}
    for p in data.program:
        p.opd = opd
    for k in data.kegiatan:
        k.program = program[k.program_id]
    for s in data.sub_kegiatan:
        s.kegiatan = kegiatan[s.kegiatan_id]
    indikator_per_id = {i.pk: i for i in data.indikator}
    for i in data.indikator:
        i.opd = opd
    for daftar in data.variabel.values():
        for v in daftar:
            if v.indikator_id in indikator_per_id:
                v.indikator = indikator_per_id[v.indikator_id]

    baris_indikator = []
    baris_variabel = []
    for h in hasil.indikator:
        i = h.indikator
        induk = i.induk
        baris_indikator.append(BarisIndikator(h, induk.kode if induk else "", data.realisasi.get((i.pk, tribulan))))
        for v in data.variabel.get(i.pk, []):
            nv = data.nilai_variabel.get((v.pk, tribulan))
            dari_tabel = nv is not None and nv.tabel_id is not None
            baris_variabel.append(
                BarisVariabel(
                    i,
                    v,
                    nv,
                    data.jumlah_tabel.get((nv.tabel_id, nv.kolom)) if dari_tabel else None,
                    data.tabel.get(nv.tabel_id) if dari_tabel else None,
                )
            )

    tabel = list(TabelPendukung.objects.filter(opd=opd, tahun=tahun).order_by("kode", "pk"))
    for t in tabel:
        t.opd = opd
    per_tabel = {t.pk: t for t in tabel}
    baris_tabel = list(
        BarisTabelPendukung.objects.filter(tabel__in=tabel).order_by("tabel__kode", "tabel_id", "urutan", "kolom", "pk")
    )
    for b in baris_tabel:
        b.tabel = per_tabel[b.tabel_id]

    realisasi_anggaran = {
        r.kunci_mata: r
        for r in RealisasiAnggaran.objects.filter(q_mata_anggaran(opd.pk, tahun), tribulan=tribulan)
    }
    anggaran = [
        BarisAnggaran(b, _anggaran_isian(b), realisasi_anggaran.get((b.level, b.objek.pk)))
        for b in hasil.baris_anggaran()
    ]
    periode = PeriodeMonev.objects.filter(pemda_id=opd.pemda_id, tahun=tahun, tribulan=tribulan).first()
    return KonteksMonev(
        opd=opd,
        tahun=tahun,
        tribulan=tribulan,
        hasil=hasil,
        indikator=baris_indikator,
        variabel=baris_variabel,
        tabel=tabel,
        baris_tabel=baris_tabel,
        anggaran=anggaran,
        periode=periode,
    )


# --------------------------------------------------------------------------------------------------
# The template
# --------------------------------------------------------------------------------------------------


def _isian(ws, baris: int, kolom: int, nilai: Decimal | None, format_sel: str):
    """An input cell holding a stored value, with the number format it is shown with (kept on an empty
    cell too, so that what the user types shows the same way)."""
    sel = tulis_angka(ws, baris, kolom, nilai, format_sel)
    tandai_isian(sel)
    if sel.value is None:
        sel.number_format = format_sel
    return sel


def _sistem(ws, baris: int, kolom: int, nilai: Decimal | None, format_sel: str) -> None:
    """A hidden read-back value (what the file was made with): a number cell with the value's number
    format, exact as `tulis_angka` writes it (`sel.baca_sistem` reads it back), so a user who unhides
    the column sees 49,63 in their own locale rather than a dot-decimal text."""
    if nilai is not None:
        tulis_angka(ws, baris, kolom, nilai, format_sel)


def template_monev(opd, tahun: int, tribulan: int, *, user=None, konteks: KonteksMonev | None = None):
    """The workbook to fill in, pre-filled with the structure and the values stored now."""
    k = konteks or muat_konteks(opd, tahun, tribulan)
    wb = buku_kerja_baru()
    _petunjuk(wb, k)
    _lembar_indikator(wb, k)
    _lembar_variabel(wb, k)
    _lembar_tabel(wb, k)
    _lembar_anggaran(wb, k)
    _metadata(wb, k, user)
    # Locked structure: sheets cannot be renamed, removed or unhidden by accident.
    wb.security = WorkbookProtection(lockStructure=True)
    return wb


def _petunjuk(wb, k: KonteksMonev) -> None:
    ws = lembar_baru(wb, LEMBAR_PETUNJUK)
    ws.column_dimensions["A"].width = 110
    tw = Tribulan(k.tribulan).label
    judul = tulis_sel(ws, 1, 1, f"Template monev {k.opd.nama} tahun {k.tahun}, {tw}")
    judul.font = Font(bold=True, size=13)
    baris = [
        "",
        "Cara mengisi:",
        "1. Isi hanya sel berwarna kuning. Sel lain terkunci dan tidak dibaca sebagai perubahan.",
        "2. Angka boleh diketik sebagai angka Excel atau sebagai teks dengan koma desimal: 0,094 atau 1.234.567,89.",
        "   Jangan memakai rumus (=...): berkas berisi rumus ditolak. Salin lalu tempel sebagai nilai (Paste Values).",
        "3. Sel kosong berarti TIDAK DIUBAH (tidak menghapus). Untuk menghapus nilai tersimpan, ketik " + HAPUS + ".",
        "   Sel yang masih berisi nilai saat template diunduh juga tidak mengubah apa pun.",
        f"4. Realisasi indikator dan nilai variabel adalah nilai {tw}. Realisasi anggaran adalah kumulatif "
        f"sampai akhir {tw} (Rp).",
        "5. Variabel yang dijumlahkan dari tabel pendukung (sel abu-abu) diubah lewat lembar Tabel Pendukung.",
        "   Baris kosong di bawah lembar Tabel Pendukung dapat dipakai untuk uraian atau kolom baru.",
        "6. Realisasi program/kegiatan yang dijumlahkan dari rinciannya (sel abu-abu) diisi pada sub kegiatannya.",
        "7. Paling banyak 8 angka di belakang koma (Rupiah: 2). Angka Excel dibaca sampai 15 angka bermakna; "
        "angka yang lebih panjang ketik sebagai teks.",
        "8. Unggah kembali berkas ini di halaman Unggah Excel. Seluruh isi diperiksa lebih dulu; bila ada satu "
        "masalah saja, tidak ada yang disimpan dan setiap masalah ditunjukkan (lembar, baris, kolom).",
        "9. Bila nilai yang Anda ubah juga diubah orang lain di aplikasi sejak template diunduh, unggahan ditolak: "
        "unduh template terbaru lalu isi ulang.",
        "",
        f"OPD: {k.opd.nama} ({k.opd.kode})",
        f"Tahun: {k.tahun}",
        f"Tribulan: {tw}",
    ]
    if k.periode is not None and k.periode.terkunci:
        baris.append(f"Perhatian: periode {tw} {k.tahun} sudah dikunci; hanya admin yang dapat mengunggah.")
    for nomor, teks in enumerate(baris, start=2):
        tulis_sel(ws, nomor, 1, teks).alignment = Alignment(wrap_text=True, vertical="top")
    lindungi(ws)


def _lembar_indikator(wb, k: KonteksMonev) -> None:
    ws = lembar_baru(wb, LEMBAR_INDIKATOR)
    judul = [K_KODE, K_LEVEL, K_INDUK, K_NAMA, K_SATUAN, K_TARGET, k_realisasi(k.tribulan), K_KETERANGAN,
             K_SEMULA, K_KETERANGAN_SEMULA, K_VERSI]
    tulis_judul(ws, judul, [20, 13, 20, 60, 11, 12, 18, 40, 14, 20, 10])
    for nomor, b in enumerate(k.indikator, start=2):
        i = b.indikator
        tulis_sel(ws, nomor, 1, i.kode)
        tulis_sel(ws, nomor, 2, LABEL_LEVEL.get(i.level, i.level))
        tulis_sel(ws, nomor, 3, b.kode_induk)
        tulis_sel(ws, nomor, 4, i.nama).alignment = Alignment(wrap_text=True, vertical="top")
        tulis_sel(ws, nomor, 5, i.satuan)
        # A target as it was set; the realisasi with the indicator's decimals, as every page shows it.
        tulis_angka(ws, nomor, 6, b.hasil.target.nilai, format_alami(b.hasil.target.nilai))
        realisasi = b.realisasi.nilai if b.realisasi else None
        format_realisasi = format_terukur(realisasi, i.desimal)
        _isian(ws, nomor, 7, realisasi, format_realisasi)
        tandai_isian(tulis_sel(ws, nomor, 8, b.realisasi.keterangan if b.realisasi else None))
        _sistem(ws, nomor, 9, realisasi, format_realisasi)
        tulis_sel(ws, nomor, 10, b.realisasi.keterangan if b.realisasi else None)
        tulis_sel(ws, nomor, 11, str(b.realisasi.versi) if b.realisasi else None)
    sembunyikan_kolom(ws, [9, 10, 11])
    lindungi(ws)


def _lembar_variabel(wb, k: KonteksMonev) -> None:
    ws = lembar_baru(wb, LEMBAR_VARIABEL)
    judul = [K_KODE_INDIKATOR, K_VARIABEL, K_URAIAN, K_SATUAN, k_nilai_tw(k.tribulan), K_SUMBER, K_SEMULA]
    tulis_judul(ws, judul, [20, 24, 50, 12, 20, 60, 14])
    for nomor, b in enumerate(k.variabel, start=2):
        tulis_sel(ws, nomor, 1, b.indikator.kode)
        tulis_sel(ws, nomor, 2, b.variabel.nama)
        tulis_sel(ws, nomor, 3, b.variabel.label).alignment = Alignment(wrap_text=True, vertical="top")
        tulis_sel(ws, nomor, 4, b.variabel.satuan)
        if b.dari_tabel:
            tandai_hitungan(ws.cell(row=nomor, column=5))
            kode_tabel = b.tabel.kode if b.tabel else "?"
            jumlah = format_angka_penuh(b.jumlah) if b.jumlah is not None else "kolom kosong"
            tulis_sel(ws, nomor, 6, f"Jumlah kolom {b.nilai.kolom} tabel {kode_tabel}: {jumlah} (ubah di lembar {LEMBAR_TABEL})")
        else:
            # A formula input: shown with the decimals it was written with.
            semula = b.nilai.nilai if b.nilai else None
            _isian(ws, nomor, 5, semula, format_alami(semula))
            tulis_sel(ws, nomor, 6, "Diketik")
            _sistem(ws, nomor, 7, semula, format_alami(semula))
    sembunyikan_kolom(ws, [7])
    lindungi(ws)


def _lembar_tabel(wb, k: KonteksMonev) -> None:
    ws = lembar_baru(wb, LEMBAR_TABEL)
    judul = [K_KODE_TABEL, K_JUDUL_TABEL, K_URAIAN, K_KOLOM, K_NILAI, K_SEMULA]
    tulis_judul(ws, judul, [32, 40, 50, 10, 22, 14])
    nomor = 1
    for nomor, b in enumerate(k.baris_tabel, start=2):
        tulis_sel(ws, nomor, 1, b.tabel.kode)
        tulis_sel(ws, nomor, 2, b.tabel.judul)
        tulis_sel(ws, nomor, 3, b.label).alignment = Alignment(wrap_text=True, vertical="top")
        tulis_sel(ws, nomor, 4, b.kolom)
        _isian(ws, nomor, 5, b.nilai, format_alami(b.nilai))
        _sistem(ws, nomor, 6, b.nilai, format_alami(b.nilai))
    if k.tabel:
        for baru in range(nomor + 1, nomor + 1 + BARIS_TABEL_BARU):
            for kolom in (1, 3, 4, 5):
                tandai_isian(ws.cell(row=baru, column=kolom))
    sembunyikan_kolom(ws, [6])
    lindungi(ws)


def _lembar_anggaran(wb, k: KonteksMonev) -> None:
    ws = lembar_baru(wb, LEMBAR_ANGGARAN)
    dokumen = "DPA Perubahan" if k.hasil.dokumen_anggaran == "dpa_perubahan" else "DPA"
    judul = [K_LEVEL, K_KODE, K_NAMA_ANGGARAN, f"Pagu {dokumen} (Rp)", k_realisasi_anggaran(k.tribulan),
             K_KETERANGAN, k_terhitung(k.tribulan), K_SEMULA, K_KETERANGAN_SEMULA]
    tulis_judul(ws, judul, [13, 22, 60, 20, 24, 30, 26, 16, 20])
    indentasi = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}
    for nomor, b in enumerate(k.anggaran, start=2):
        h = b.hasil
        tulis_sel(ws, nomor, 1, LABEL_LEVEL.get(h.level, h.level))
        tulis_sel(ws, nomor, 2, h.kode)
        tulis_sel(ws, nomor, 3, h.nama).alignment = Alignment(
            wrap_text=True, vertical="top", indent=indentasi.get(h.level, 0)
        )
        tulis_angka(ws, nomor, 4, h.pagu.nilai, FORMAT_BULAT)
        if b.isian:
            # Rupiah: whole, with the sen when some were stored.
            realisasi = b.realisasi.nilai if b.realisasi else None
            _isian(ws, nomor, 5, realisasi, format_terukur(realisasi, DESIMAL_RUPIAH))
            tandai_isian(tulis_sel(ws, nomor, 6, b.realisasi.keterangan if b.realisasi else None))
            _sistem(ws, nomor, 8, realisasi, format_terukur(realisasi, DESIMAL_RUPIAH))
            tulis_sel(ws, nomor, 9, b.realisasi.keterangan if b.realisasi else None)
        else:
            tandai_hitungan(ws.cell(row=nomor, column=5))
            tandai_hitungan(ws.cell(row=nomor, column=6))
        tandai_hitungan(tulis_angka(ws, nomor, 7, h.realisasi.nilai, FORMAT_BULAT))
    sembunyikan_kolom(ws, [8, 9])
    lindungi(ws)


def _metadata(wb, k: KonteksMonev, user) -> None:
    ws = lembar_baru(wb, LEMBAR_META)
    isi = [
        ("format", FORMAT),
        ("versi_format", VERSI_FORMAT),
        ("opd", k.opd.kode),
        ("tahun", str(k.tahun)),
        ("tribulan", str(k.tribulan)),
        ("dibuat", timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        ("oleh", user.get_username() if user is not None else ""),
    ]
    for nomor, (kunci, nilai) in enumerate(isi, start=1):
        tulis_sel(ws, nomor, 1, kunci)
        tulis_sel(ws, nomor, 2, nilai)
    ws.sheet_state = "hidden"
    lindungi(ws)


# --------------------------------------------------------------------------------------------------
# Reading an upload back
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _IndikatorAcuan:
    indikator: Indikator
    kode_induk: str


@dataclass(frozen=True, slots=True)
class _VariabelAcuan:
    indikator: Indikator
    variabel: VariabelFormula
    kode_tabel: str | None  # the supporting table the value is summed from; None: typed


@dataclass(frozen=True, slots=True)
class _MataAcuan:
    objek: Program | Kegiatan | SubKegiatan
    level: str
    isian: bool  # typed on this line; otherwise the sum of the lines under it
    keterangan: str  # the keterangan stored for the Tribulan ("" when none)


@dataclass
class _AcuanUnggah:
    """What an upload is checked against: the rows of the template, without the engine's figures."""

    opd: Any
    tahun: int
    tribulan: int
    indikator: list[_IndikatorAcuan]
    variabel: list[_VariabelAcuan]
    tabel: list[TabelPendukung]
    baris_tabel: list[BarisTabelPendukung]
    anggaran: list[_MataAcuan]
    periode: PeriodeMonev | None


def _muat_acuan(opd, tahun: int, tribulan: int) -> _AcuanUnggah:
    """The rows `muat_konteks` lists, read lean to check an upload against: 17 queries whatever the size.

    The template shows every figure of the year (the engine's load and computation: 22 queries and most
    of a second for a big OPD); the check needs only which rows exist and how they are filled in. Which
    indicators count in the year and their frozen definitions are decided by the engine's own rules
    (`_Konteks.indikator_berlaku`, `_terapkan_definisi`) over the few rows those rules read; a budget line
    is typed when nothing under it carries a figure, as `_anggaran_isian` decides from the rolled-up tree.
    tests/excel/test_acuan_unggah.py holds the two to the same rows. The objects are what the write
    services need, with their parents set, so writing reads none of them again.
    """
    pk_dokumen = _pk_berlaku(PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).order_by("revisi"))
    berlaku_pk = {p.pk for p in pk_dokumen}
    baris_pk = [
        b
        for b in BarisPK.objects.filter(pk_dokumen__opd=opd, pk_dokumen__tahun=tahun).only(
            "id", "pk_dokumen_id", "indikator_id"
        )
        if b.pk_dokumen_id in berlaku_pk
    ]
    renstra = list(Renstra.objects.filter(opd=opd))
    tujuan = list(Tujuan.objects.filter(renstra__opd=opd))
    sasaran = list(Sasaran.objects.filter(tujuan__renstra__opd=opd))
    program = list(
        Program.objects.filter(opd=opd, tahun=tahun)
        .only("id", "opd_id", "tahun", "kode", "nama")
        .order_by("urutan", "kode")
    )
    kegiatan = list(
        Kegiatan.objects.filter(program__opd=opd, program__tahun=tahun)
        .only("id", "program_id", "kode", "nama")
        .order_by("program_id", "urutan", "kode")
    )
    sub_kegiatan = list(
        SubKegiatan.objects.filter(kegiatan__program__opd=opd, kegiatan__program__tahun=tahun)
        .only("id", "kegiatan_id", "kode", "nama")
        .order_by("kegiatan_id", "urutan", "kode")
    )
    indikator = list(
        Indikator.objects.filter(opd=opd)
        .filter(
            Q(level__in=LEVEL_RENSTRA)
            | Q(program__tahun=tahun)
            | Q(kegiatan__program__tahun=tahun)
            | Q(sub_kegiatan__kegiatan__program__tahun=tahun)
            | Q(pk__in={b.indikator_id for b in baris_pk})
        )
        .only(
            "id", "opd_id", "level", "kode", "nama", "desimal", "jenis_nilai",
            *(f"{induk}_id" for induk in _INDUK_INDIKATOR),
        )
        .annotate(kode_induk=Coalesce(*(F(f"{induk}__kode") for induk in _INDUK_INDIKATOR), Value("")))
        .order_by("urutan", "kode", "id")
    )
    variabel = list(
        VariabelFormula.objects.filter(indikator__opd=opd)
        .only("id", "indikator_id", "nama", "label", "satuan", "urutan")
        .order_by("indikator_id", "urutan", "nama")
    )
    definisi = DefinisiIndikatorTahun.objects.filter(indikator__opd=opd, tahun=tahun)
    variabel = _terapkan_definisi(indikator, variabel, {d.indikator_id: d for d in definisi})
    dari_tabel = dict(
        NilaiVariabel.objects.filter(
            variabel__indikator__opd=opd, tahun=tahun, tribulan=tribulan, tabel__isnull=False
        ).values_list("variabel_id", "tabel__kode")
    )

    # Which indicators count in the year: the engine's rule, over the rows it reads for it.
    data = DataOPD(
        opd=opd, tahun=tahun, rentang=(), renstra=renstra, tujuan=tujuan, sasaran=sasaran, program=program,
        kegiatan=kegiatan, sub_kegiatan=sub_kegiatan, pk=pk_dokumen, baris_pk=baris_pk, anggaran_pk=[],
        indikator=indikator, target={}, realisasi={}, variabel={}, nilai_variabel={}, tabel={},
        jumlah_tabel={}, pagu={}, realisasi_anggaran={}, standar=[], realisasi_lalu=[],
    )  # fmt: skip
    ktx = _Konteks(data, tribulan)
    baris_indikator = []
    per_indikator = {}
    for i in indikator:
        if ktx.indikator_berlaku(i):
            i.opd = opd
            baris_indikator.append(_IndikatorAcuan(i, i.kode_induk))
            per_indikator[i.pk] = i
    baris_variabel = []
    for v in variabel:
        i = per_indikator.get(v.indikator_id)
        if i is not None:
            v.indikator = i
            baris_variabel.append(_VariabelAcuan(i, v, dari_tabel.get(v.pk)))

    tabel = list(TabelPendukung.objects.filter(opd=opd, tahun=tahun).order_by("kode", "pk"))
    for t in tabel:
        t.opd = opd
    per_tabel = {t.pk: t for t in tabel}
    baris_tabel = list(
        BarisTabelPendukung.objects.filter(tabel__in=tabel).order_by(
            "tabel__kode", "tabel_id", "urutan", "kolom", "pk"
        )
    )
    for b in baris_tabel:
        b.tabel = per_tabel[b.tabel_id]

    return _AcuanUnggah(
        opd=opd,
        tahun=tahun,
        tribulan=tribulan,
        indikator=baris_indikator,
        variabel=baris_variabel,
        tabel=tabel,
        baris_tabel=baris_tabel,
        anggaran=_mata_acuan(opd, tahun, tribulan, program, kegiatan, sub_kegiatan),
        periode=PeriodeMonev.objects.filter(pemda_id=opd.pemda_id, tahun=tahun, tribulan=tribulan).first(),
    )


# The parents of an indicator, in the order `Indikator.induk` tries them.
_INDUK_INDIKATOR = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")


def _kunci_mata(program_id, kegiatan_id, sub_kegiatan_id) -> tuple[str, int]:
    """`kunci_mata` of a pagu or realisasi row read as values."""
    if sub_kegiatan_id:
        return ("sub_kegiatan", sub_kegiatan_id)
    if kegiatan_id:
        return ("kegiatan", kegiatan_id)
    return ("program", program_id)


def _mata_acuan(opd, tahun: int, tribulan: int, program, kegiatan, sub_kegiatan) -> list[_MataAcuan]:
    """Every budget line in tree order, whether it is typed and the keterangan stored (two queries).

    A line carries a figure of its own when it has a pagu in the year's budget document (DPA Perubahan
    when there is one, else DPA) or a realisasi in any Tribulan. A program or kegiatan is typed when no
    line under it carries one: the engine's roll-up then keeps its own entry (`_anggaran_isian`).
    """
    syarat = q_mata_anggaran(opd.pk, tahun)
    kolom_mata = ("program_id", "kegiatan_id", "sub_kegiatan_id")
    pagu = list(PaguAnggaran.objects.filter(syarat).values_list(*kolom_mata, "dokumen", "nilai"))
    dokumen = "dpa_perubahan" if any(p[3] == "dpa_perubahan" for p in pagu) else "dpa"
    berangka = {_kunci_mata(*p[:3]) for p in pagu if p[3] == dokumen and p[4] is not None}
    keterangan: dict[tuple[str, int], str] = {}
    realisasi = RealisasiAnggaran.objects.filter(syarat)
    for *mata, tw, nilai, ket in realisasi.values_list(*kolom_mata, "tribulan", "nilai", "keterangan"):
        kunci = _kunci_mata(*mata)
        if nilai is not None and tw in TRIBULAN:
            berangka.add(kunci)
        if tw == tribulan:
            keterangan[kunci] = ket

    sub_per_kegiatan: dict[int, list] = defaultdict(list)
    for s in sub_kegiatan:
        sub_per_kegiatan[s.kegiatan_id].append(s)
    kegiatan_per_program: dict[int, list] = defaultdict(list)
    for k in kegiatan:
        kegiatan_per_program[k.program_id].append(k)

    def baris(objek, level: str, isian: bool) -> _MataAcuan:
        return _MataAcuan(objek, level, isian, keterangan.get((level, objek.pk), ""))

    hasil = []
    for p in program:
        p.opd = opd
        berangka_bawah = {
            k.pk: any(("sub_kegiatan", s.pk) in berangka for s in sub_per_kegiatan[k.pk])
            for k in kegiatan_per_program[p.pk]
        }
        program_isian = not any(("kegiatan", k) in berangka or bawah for k, bawah in berangka_bawah.items())
        hasil.append(baris(p, "program", program_isian))
        for k in kegiatan_per_program[p.pk]:
            k.program = p
            hasil.append(baris(k, "kegiatan", not berangka_bawah[k.pk]))
            for s in sub_per_kegiatan[k.pk]:
                s.kegiatan = k
                hasil.append(baris(s, "sub_kegiatan", True))
    return hasil


@dataclass(frozen=True)
class Masalah:
    """One reason the upload is refused. `lembar` empty: the file as a whole."""

    lembar: str
    baris: int | None
    kolom: str
    pesan: str


@dataclass(frozen=True)
class Perubahan:
    """One value the upload writes, with the value the file was made with (`semula`)."""

    jenis: str  # "realisasi", "variabel", "tabel", "anggaran"
    lembar: str
    baris: int
    kolom: str
    uraian: str
    objek: object  # tabel: the stored BarisTabelPendukung, or the TabelPendukung for a new row
    semula: Decimal | None
    baru: Decimal | None  # None: delete
    keterangan: str | None = None  # realisasi and anggaran: the keterangan to store
    versi: int | None = None  # realisasi: the version the file was made with
    label: str = ""  # tabel: row label and column
    kolom_tabel: str = ""
    desimal: int | None = None  # realisasi: the indicator's decimals, which its values are shown with

    def _teks(self, nilai: Decimal) -> str:
        if self.desimal is not None:
            return format_indikator(nilai, self.desimal)
        return format_angka_penuh(nilai)

    @property
    def semula_teks(self) -> str:
        return "kosong" if self.semula is None else self._teks(self.semula)

    @property
    def baru_teks(self) -> str:
        return "dihapus" if self.baru is None else self._teks(self.baru)


@dataclass
class HasilUnggah:
    masalah: list[Masalah] = field(default_factory=list)
    perubahan: list[Perubahan] = field(default_factory=list)
    tersimpan: bool = False
    # Realisasi that look wrong (`capaian.services.peringatan_realisasi`), each at its cell. Unconfirmed,
    # they stop the upload (`perlu_konfirmasi`, nothing saved); confirmed, they are saved and still listed.
    peringatan: list[Masalah] = field(default_factory=list)
    perlu_konfirmasi: bool = False
    # The digest of the workbook kept for "Tetap simpan" (`capaian.excel.tertunda`), set by the caller.
    tertunda: str = ""

    @property
    def masalah_berkas(self) -> list[Masalah]:
        return [m for m in self.masalah if not m.lembar]

    @property
    def masalah_baris(self) -> list[Masalah]:
        return [m for m in self.masalah if m.lembar]


@contextmanager
def _tanpa_pengumpul_siklus():
    """Python's cyclic garbage collector paused while an upload is checked or written.

    Both build tens of thousands of small objects (cells, rows, model instances, history rows) that all
    live until the step ends; each collection the allocations trigger walks them again, with every other
    object of the process, for about a quarter of the step's time. Nothing here leaves cycles to collect
    early: the collector resumes at the end, as it was (nested uses leave it to the outermost).
    """
    aktif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aktif:
            gc.enable()


def unggah_monev(data: bytes, *, user, opd, tahun: int, tribulan: int, konfirmasi: bool = False) -> HasilUnggah:
    """Check the whole file, then write it all in one transaction, or nothing.

    A realisasi far from its target or its previous value (`peringatan_realisasi_banyak`) is saved only
    with `konfirmasi`: without it nothing is written and the result lists the warnings at their cells
    (`perlu_konfirmasi`), as the monev screen asks "Tetap simpan" for one value."""
    with _tanpa_pengumpul_siklus():
        hasil = periksa_unggahan(data, user=user, opd=opd, tahun=tahun, tribulan=tribulan)
        if hasil.masalah or not hasil.perubahan:
            return hasil
        realisasi = [p for p in hasil.perubahan if p.jenis == "realisasi" and p.baru is not None]
        # A value outside the indicator's range is an error, before any question of confirming.
        for p in realisasi:
            try:
                periksa_rentang(p.objek, p.baru)
            except ValidationError as exc:
                hasil.masalah.append(Masalah(p.lembar, p.baris, p.kolom, " ".join(exc.messages)))
        if hasil.masalah:
            return hasil
        # Read before the write: "the previous realisasi" must not be the value just saved.
        curiga = peringatan_realisasi_banyak({p.objek.pk: p.baru for p in realisasi}, tahun, tribulan)
        hasil.peringatan = [
            Masalah(p.lembar, p.baris, p.kolom, " ".join(curiga[p.objek.pk])) for p in realisasi if p.objek.pk in curiga
        ]
        if hasil.peringatan and not konfirmasi:
            hasil.perlu_konfirmasi = True
            return hasil
        hasil.masalah = terapkan(hasil.perubahan, user=user, opd=opd, tahun=tahun, tribulan=tribulan)
    hasil.tersimpan = not hasil.masalah
    if not hasil.tersimpan:
        hasil.peringatan = []
    return hasil


def periksa_unggahan(data: bytes, *, user, opd, tahun: int, tribulan: int) -> HasilUnggah:
    """Every problem of the file (nothing is written); the changes it asks for when there is none."""
    with _tanpa_pengumpul_siklus():
        return _periksa_unggahan(data, user=user, opd=opd, tahun=tahun, tribulan=tribulan)


def _periksa_unggahan(data: bytes, *, user, opd, tahun: int, tribulan: int) -> HasilUnggah:
    try:
        wb = buka_buku_kerja(data)
    except BerkasDitolak as exc:
        return HasilUnggah(masalah=[Masalah("", None, "", exc.pesan)])
    try:
        _periksa_metadata(wb, opd=opd, tahun=tahun, tribulan=tribulan)
        acuan = _muat_acuan(opd, tahun, tribulan)
        periode = acuan.periode
        if periode is not None and periode.terkunci and not peran_pengguna(user).admin_pemda(opd.pemda_id):
            raise BerkasDitolak(
                f"Periode {Tribulan(tribulan).label} {tahun} sudah dikunci; hanya admin yang dapat mengubah data. "
                "Tidak ada yang disimpan."
            )
        pembaca = _Pembaca(wb, acuan)
        pembaca.baca()
        return HasilUnggah(masalah=pembaca.masalah, perubahan=pembaca.perubahan)
    except BerkasDitolak as exc:
        return HasilUnggah(masalah=[Masalah("", None, "", exc.pesan)])
    finally:
        wb.close()


def _periksa_metadata(wb, *, opd, tahun: int, tribulan: int) -> None:
    if LEMBAR_META not in wb.sheetnames:
        raise BerkasDitolak(
            "Berkas ini bukan template monev dari aplikasi ini (lembar Metadata tidak ada). "
            "Unduh template lalu isi di sana."
        )
    meta = baca_pasangan(wb[LEMBAR_META])
    if meta.get("format") != FORMAT:
        raise BerkasDitolak("Berkas ini bukan template monev dari aplikasi ini (format tidak dikenali).")
    if meta.get("versi_format") != VERSI_FORMAT:
        raise BerkasDitolak(
            f"Versi format template ({meta.get('versi_format') or '?'}) tidak didukung; unduh template terbaru."
        )
    berkas = (meta.get("opd"), meta.get("tahun"), meta.get("tribulan"))
    if berkas != (opd.kode, str(tahun), str(tribulan)):
        tw = meta.get("tribulan", "")
        tw_teks = f"Tribulan {ROMAWI[int(tw)]}" if tw in ("1", "2", "3", "4") else f"Tribulan {tw or '?'}"
        raise BerkasDitolak(
            f"Berkas ini template untuk OPD {berkas[0] or '?'} tahun {berkas[1] or '?'} {tw_teks}, "
            f"sedangkan unggahan ini untuk OPD {opd.kode} tahun {tahun} {Tribulan(tribulan).label}. "
            "Tidak ada yang disimpan."
        )


class _Pembaca:
    """Reads the four sheets against the rows of the OPD-year, collecting problems and changes."""

    def __init__(self, wb, acuan: _AcuanUnggah):
        self.wb = wb
        self.k = acuan
        self.masalah: list[Masalah] = []
        self.perubahan: list[Perubahan] = []

    def baca(self) -> None:
        self._indikator()
        self._variabel()
        self._tabel()
        self._anggaran()

    # --- shared steps ---

    def _lembar(self, judul: str, wajib: list[str], dibaca: list[str]) -> IsiLembar:
        """The sheet with its required headers; values read under `dibaca` only, formulas under any."""
        if judul not in self.wb.sheetnames:
            raise BerkasDitolak(f"Lembar “{judul}” tidak ada di berkas. Pakai template tanpa mengubah susunannya.")
        isi = baca_lembar(self.wb[judul], nilai=dibaca)
        hilang = [j for j in wajib if j not in isi.kolom]
        if hilang:
            raise BerkasDitolak(
                f"Lembar “{judul}” tidak memiliki kolom {', '.join('“' + j + '”' for j in hilang)}. "
                "Pakai template tanpa mengubah judul kolom."
            )
        return isi

    def _tambah(self, isi: IsiLembar, baris: int, judul_kolom: str, pesan: str) -> None:
        self.masalah.append(Masalah(isi.judul, baris, isi.nama_kolom(judul_kolom) if judul_kolom else "", pesan))

    def _ada_rumus(self, isi: IsiLembar, baris) -> bool:
        ada = False
        for judul, sel in baris.sel.items():
            if sel.rumus:
                self._tambah(
                    isi, baris.nomor, judul,
                    "Sel berisi rumus; yang diterima hanya nilai. Salin lalu tempel sebagai nilai (Paste Values).",
                )
                ada = True
        return ada

    def _angka(self, isi, baris, judul: str, *, digit: dict, boleh_negatif: bool = True, label: str = "Nilai"):
        """(ada, nilai): ada=False for an empty cell; nilai None with ada=True means HAPUS. Raises ValueError."""
        mentah = baris[judul]
        if kosong(mentah):
            return False, None
        if adalah_hapus(mentah):
            return True, None
        try:
            return True, baca_angka(mentah, boleh_negatif=boleh_negatif, label=label, **digit)
        except AngkaTidakSah as exc:
            self._tambah(isi, baris.nomor, judul, exc.pesan[:1].upper() + exc.pesan[1:])
            raise ValueError from None

    def _teks(self, isi, baris, judul: str, *, panjang: int) -> str | None:
        """New text of a text input: None when empty (no change), "" for HAPUS. Raises ValueError."""
        mentah = baris[judul]
        if kosong(mentah):
            return None
        if adalah_hapus(mentah):
            return ""
        teks = teks_sel(mentah).replace("\r\n", "\n")
        if len(teks) > panjang:
            self._tambah(isi, baris.nomor, judul, f"Teks terlalu panjang ({len(teks)} karakter); paling banyak {panjang}.")
            raise ValueError
        return teks

    def _sistem(self, isi, baris, judul: str) -> Decimal | None:
        try:
            return baca_sistem(baris[judul])
        except ValueError:
            self._tambah(isi, baris.nomor, judul, "Kolom sistem (tersembunyi) diubah; unduh template baru.")
            raise

    def _ganda(self, isi, baris, kunci, dilihat: dict, judul: str, uraian: str) -> bool:
        if kunci in dilihat:
            self._tambah(isi, baris.nomor, judul, f"Baris ganda: {uraian} sudah ada di baris {dilihat[kunci]}.")
            return True
        dilihat[kunci] = baris.nomor
        return False

    # --- sheets ---

    def _indikator(self) -> None:
        kol_realisasi = k_realisasi(self.k.tribulan)
        wajib = [K_KODE, kol_realisasi, K_KETERANGAN, K_SEMULA, K_KETERANGAN_SEMULA, K_VERSI]
        isi = self._lembar(LEMBAR_INDIKATOR, wajib, [*wajib, K_LEVEL, K_INDUK])
        per_kode: dict[str, list[_IndikatorAcuan]] = defaultdict(list)
        for b in self.k.indikator:
            per_kode[b.indikator.kode].append(b)
        dilihat: dict = {}
        for baris in isi.baris:
            if self._ada_rumus(isi, baris):
                continue
            if baris.kosong([kol_realisasi, K_KETERANGAN]):
                continue
            kode = teks_sel(baris[K_KODE])
            b = self._cari_indikator(isi, baris, kode, per_kode)
            if b is None:
                continue
            if self._ganda(isi, baris, b.indikator.pk, dilihat, K_KODE, f"indikator {kode}"):
                continue
            try:
                ada, baru = self._angka(isi, baris, kol_realisasi, digit=NILAI_DIGITS, label="Realisasi")
                keterangan = self._teks(isi, baris, K_KETERANGAN, panjang=500)
                semula = self._sistem(isi, baris, K_SEMULA)
                versi_teks = teks_sel(baris[K_VERSI])
                if versi_teks and not versi_teks.isdigit():
                    self._tambah(isi, baris.nomor, K_VERSI, "Kolom sistem (tersembunyi) diubah; unduh template baru.")
                    continue
            except ValueError:
                continue
            versi = int(versi_teks) if versi_teks else None
            keterangan_semula = teks_sel(baris[K_KETERANGAN_SEMULA])
            hapus = ada and baru is None
            nilai_berubah = (semula is not None) if hapus else (ada and baru != semula)
            keterangan_berubah = not hapus and keterangan is not None and keterangan != keterangan_semula
            if not (nilai_berubah or keterangan_berubah):
                continue
            nilai = None if hapus else (baru if ada else semula)
            if nilai is None and not hapus:
                self._tambah(
                    isi, baris.nomor, K_KETERANGAN,
                    f"Keterangan hanya disimpan bersama realisasi; isi juga kolom {kol_realisasi}.",
                )
                continue
            self.perubahan.append(
                Perubahan(
                    "realisasi", isi.judul, baris.nomor, isi.nama_kolom(kol_realisasi),
                    f"Realisasi {b.indikator.kode} {b.indikator.nama}", b.indikator, semula, nilai,
                    keterangan=keterangan if keterangan_berubah else keterangan_semula, versi=versi,
                    desimal=b.indikator.desimal,
                )
            )

    def _cari_indikator(self, isi, baris, kode: str, per_kode) -> _IndikatorAcuan | None:
        if not kode:
            self._tambah(isi, baris.nomor, K_KODE, "Kode indikator kosong.")
            return None
        calon = per_kode.get(kode, [])
        if len(calon) > 1:
            # Budget-line codes are unique only under their parent: level and parent code decide.
            level = teks_sel(baris[K_LEVEL]).lower()
            induk = teks_sel(baris[K_INDUK])
            calon = [
                b for b in calon
                if level in (b.indikator.level, LABEL_LEVEL.get(b.indikator.level, "").lower())
                and induk == b.kode_induk
            ]
        if len(calon) == 1:
            return calon[0]
        if not calon and kode not in per_kode:
            self._tambah(
                isi, baris.nomor, K_KODE,
                f"Kode indikator “{kode}” tidak dikenal untuk {self.k.opd.kode} tahun {self.k.tahun}.",
            )
        else:
            self._tambah(
                isi, baris.nomor, K_KODE,
                f"Kode indikator “{kode}” dipakai beberapa indikator; level dan kode induk tidak menunjuk satu pun.",
            )
        return None

    def _variabel(self) -> None:
        kol_nilai = k_nilai_tw(self.k.tribulan)
        wajib = [K_KODE_INDIKATOR, K_VARIABEL, kol_nilai, K_SEMULA]
        isi = self._lembar(LEMBAR_VARIABEL, wajib, wajib)
        per_kunci: dict[tuple[str, str], list[_VariabelAcuan]] = defaultdict(list)
        kode_dikenal = {b.indikator.kode for b in self.k.indikator}
        for b in self.k.variabel:
            per_kunci[(b.indikator.kode, b.variabel.nama)].append(b)
        dilihat: dict = {}
        for baris in isi.baris:
            if self._ada_rumus(isi, baris):
                continue
            if baris.kosong([kol_nilai]):
                continue
            kode, nama = teks_sel(baris[K_KODE_INDIKATOR]), teks_sel(baris[K_VARIABEL])
            calon = per_kunci.get((kode, nama), [])
            if not calon:
                if kode not in kode_dikenal:
                    pesan = f"Kode indikator “{kode}” tidak dikenal untuk {self.k.opd.kode} tahun {self.k.tahun}."
                    self._tambah(isi, baris.nomor, K_KODE_INDIKATOR, pesan)
                else:
                    self._tambah(isi, baris.nomor, K_VARIABEL, f"Variabel “{nama}” tidak ada pada indikator {kode}.")
                continue
            if len(calon) > 1:
                self._tambah(isi, baris.nomor, K_KODE_INDIKATOR, f"Kode indikator “{kode}” dipakai beberapa indikator.")
                continue
            b = calon[0]
            if self._ganda(isi, baris, b.variabel.pk, dilihat, K_VARIABEL, f"variabel {nama} indikator {kode}"):
                continue
            if b.kode_tabel is not None:
                self._tambah(
                    isi, baris.nomor, kol_nilai,
                    f"Nilai variabel ini dijumlahkan dari tabel pendukung {b.kode_tabel}; "
                    f"ubah datanya di lembar {LEMBAR_TABEL}.",
                )
                continue
            try:
                ada, baru = self._angka(isi, baris, kol_nilai, digit=NILAI_DIGITS)
                semula = self._sistem(isi, baris, K_SEMULA)
            except ValueError:
                continue
            if (semula is None) if baru is None else (baru == semula):
                continue
            self.perubahan.append(
                Perubahan(
                    "variabel", isi.judul, baris.nomor, isi.nama_kolom(kol_nilai),
                    f"Variabel {nama} ({b.variabel.label}) indikator {kode}", b.variabel, semula, baru,
                )
            )

    def _tabel(self) -> None:
        wajib = [K_KODE_TABEL, K_URAIAN, K_KOLOM, K_NILAI, K_SEMULA]
        isi = self._lembar(LEMBAR_TABEL, wajib, wajib)
        tabel = {t.kode: t for t in self.k.tabel}
        tersimpan = {(b.tabel.kode, b.label, b.kolom): b for b in self.k.baris_tabel}
        dilihat: dict = {}
        for baris in isi.baris:
            if self._ada_rumus(isi, baris):
                continue
            if baris.kosong([K_NILAI]):
                continue
            kode = teks_sel(baris[K_KODE_TABEL])
            uraian, kolom = teks_sel(baris[K_URAIAN]), teks_sel(baris[K_KOLOM])
            if kode not in tabel:
                self._tambah(
                    isi, baris.nomor, K_KODE_TABEL,
                    f"Kode tabel “{kode}” tidak dikenal untuk {self.k.opd.kode} tahun {self.k.tahun}."
                    if kode else "Kode tabel kosong.",
                )
                continue
            if not uraian or not kolom:
                self._tambah(isi, baris.nomor, K_URAIAN if not uraian else K_KOLOM, "Uraian dan kolom wajib diisi.")
                continue
            if len(uraian) > 300 or len(kolom) > 40:
                judul, batas = (K_URAIAN, 300) if len(uraian) > 300 else (K_KOLOM, 40)
                self._tambah(isi, baris.nomor, judul, f"Teks terlalu panjang; paling banyak {batas} karakter.")
                continue
            if self._ganda(isi, baris, (kode, uraian, kolom), dilihat, K_URAIAN, f"{uraian} kolom {kolom} tabel {kode}"):
                continue
            try:
                ada, baru = self._angka(isi, baris, K_NILAI, digit=NILAI_DIGITS)
                semula = self._sistem(isi, baris, K_SEMULA)
            except ValueError:
                continue
            lama = tersimpan.get((kode, uraian, kolom))
            if baru is None and lama is None:
                continue  # HAPUS on a value that was never stored: nothing to do
            if (semula is None) if baru is None else (baru == semula):
                continue
            self.perubahan.append(
                Perubahan(
                    "tabel", isi.judul, baris.nomor, isi.nama_kolom(K_NILAI),
                    f"Tabel {kode}: {uraian} [{kolom}]", lama or tabel[kode], semula, baru,
                    label=uraian, kolom_tabel=kolom,
                )
            )

    def _anggaran(self) -> None:
        kol_realisasi = k_realisasi_anggaran(self.k.tribulan)
        wajib = [K_LEVEL, K_KODE, kol_realisasi, K_KETERANGAN, K_SEMULA, K_KETERANGAN_SEMULA]
        isi = self._lembar(LEMBAR_ANGGARAN, wajib, wajib)
        per_kode: dict[str, list[_MataAcuan]] = defaultdict(list)
        for b in self.k.anggaran:
            per_kode[b.objek.kode].append(b)
        dilihat: dict = {}
        for baris in isi.baris:
            if self._ada_rumus(isi, baris):
                continue
            if baris.kosong([kol_realisasi, K_KETERANGAN]):
                continue
            kode = teks_sel(baris[K_KODE])
            calon = per_kode.get(kode, [])
            if len(calon) > 1:
                level = teks_sel(baris[K_LEVEL]).lower()
                calon = [b for b in calon if level in (b.level, LABEL_LEVEL.get(b.level, "").lower())]
            if len(calon) != 1:
                self._tambah(
                    isi, baris.nomor, K_KODE,
                    f"Kode program/kegiatan/sub kegiatan “{kode}” tidak dikenal untuk {self.k.opd.kode} "
                    f"tahun {self.k.tahun}." if not calon else f"Kode “{kode}” dipakai beberapa mata anggaran.",
                )
                continue
            b = calon[0]
            if self._ganda(isi, baris, (b.level, b.objek.pk), dilihat, K_KODE, f"{b.level} {kode}"):
                continue
            if not b.isian:
                self._tambah(
                    isi, baris.nomor, kol_realisasi,
                    "Realisasi baris ini dijumlahkan dari rinciannya; isi realisasi pada baris sub kegiatannya.",
                )
                continue
            try:
                ada, baru = self._angka(
                    isi, baris, kol_realisasi, digit=UANG_DIGITS, boleh_negatif=False, label="Realisasi anggaran"
                )
                keterangan = self._teks(isi, baris, K_KETERANGAN, panjang=300)
                semula = self._sistem(isi, baris, K_SEMULA)
            except ValueError:
                continue
            keterangan_semula = teks_sel(baris[K_KETERANGAN_SEMULA])
            hapus = ada and baru is None
            nilai_berubah = (semula is not None) if hapus else (ada and baru != semula)
            keterangan_berubah = not hapus and keterangan is not None and keterangan != keterangan_semula
            if not (nilai_berubah or keterangan_berubah):
                continue
            nilai = None if hapus else (baru if ada else semula)
            if nilai is None and not hapus:
                self._tambah(
                    isi, baris.nomor, K_KETERANGAN,
                    f"Keterangan hanya disimpan bersama realisasi; isi juga kolom {kol_realisasi}.",
                )
                continue
            self.perubahan.append(
                Perubahan(
                    "anggaran", isi.judul, baris.nomor, isi.nama_kolom(kol_realisasi),
                    f"Realisasi anggaran {kode} {b.objek.nama}", b.objek, semula, nilai,
                    keterangan=keterangan if keterangan_berubah else b.keterangan,
                )
            )


# --------------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------------


def terapkan(perubahan: list[Perubahan], *, user, opd, tahun: int, tribulan: int) -> list[Masalah]:
    """Write every change in one transaction; any refusal rolls all of them back.

    Realisasi, formula inputs and budget realisasi go through the services' bulk forms (the same checks,
    locks and one history row per changed value, in a few queries for the lot); supporting-table rows,
    few per file, through the single-value services.
    """
    with _tanpa_pengumpul_siklus():
        return _terapkan(perubahan, user=user, opd=opd, tahun=tahun, tribulan=tribulan)


def _terapkan(perubahan: list[Perubahan], *, user, opd, tahun: int, tribulan: int) -> list[Masalah]:
    masalah: list[Masalah] = []

    def catat(p: Perubahan, exc: Exception) -> None:
        if isinstance(exc, KonflikSimpan):
            masalah.append(Masalah(p.lembar, p.baris, p.kolom, f"{exc.pesan} Unduh template terbaru lalu isi ulang."))
        elif isinstance(exc, ValidationError):
            masalah.append(Masalah(p.lembar, p.baris, p.kolom, " ".join(exc.messages)))
        elif isinstance(exc, PermissionDenied | Http404):
            masalah.append(Masalah(p.lembar, p.baris, p.kolom, str(exc) or "Anda tidak boleh mengubah data ini."))
        else:
            raise exc

    per_jenis: dict[str, list[Perubahan]] = defaultdict(list)
    for p in perubahan:
        per_jenis[p.jenis].append(p)
    dasar = {"user": user, "opd": opd, "tahun": tahun, "tribulan": tribulan}
    banyak = (
        ("realisasi", realisasi_simpan_banyak,
         lambda p: IsianRealisasi(indikator=p.objek, nilai=p.baru, versi=p.versi, keterangan=p.keterangan or "")),
        ("variabel", nilai_variabel_simpan_banyak,
         lambda p: IsianVariabel(variabel=p.objek, nilai=p.baru, semula=p.semula)),
        ("anggaran", realisasi_anggaran_simpan_banyak,
         lambda p: IsianRealisasiAnggaran(
             mata_anggaran=p.objek, nilai=p.baru, semula=p.semula, keterangan=p.keterangan or "")),
    )  # fmt: skip
    with transaction.atomic():
        for jenis, simpan_banyak, isian in banyak:
            daftar = per_jenis.pop(jenis, [])
            if not daftar:
                continue
            try:
                galat = simpan_banyak(**dasar, isian=[isian(p) for p in daftar])
            except (ValidationError, PermissionDenied, Http404) as exc:
                galat = {0: exc}  # the period or the year as a whole: named once, on the first cell
            for i, exc in sorted(galat.items()):
                catat(daftar[i], exc)
        for p in [p for daftar in per_jenis.values() for p in daftar]:
            try:
                _simpan_satu(p, user=user, tahun=tahun, tribulan=tribulan)
            except (KonflikSimpan, ValidationError, PermissionDenied, Http404) as exc:
                catat(p, exc)
        if masalah:
            transaction.set_rollback(True)
    return masalah


def _simpan_satu(p: Perubahan, *, user, tahun: int, tribulan: int) -> None:
    if p.jenis == "realisasi":
        realisasi_simpan(
            user=user, indikator=p.objek, tahun=tahun, tribulan=tribulan, nilai=p.baru, versi=p.versi,
            keterangan=p.keterangan or "",
        )
    elif p.jenis == "variabel":
        nilai_variabel_simpan(user=user, variabel=p.objek, tahun=tahun, tribulan=tribulan, nilai=p.baru, semula=p.semula)
    elif p.jenis == "anggaran":
        realisasi_anggaran_simpan(
            user=user, mata_anggaran=p.objek, tribulan=tribulan, nilai=p.baru, semula=p.semula,
            keterangan=p.keterangan or "",
        )
    elif p.jenis == "tabel" and isinstance(p.objek, TabelPendukung):
        baris_tabel_tambah(
            user=user, tabel=p.objek, label=p.label, kolom=p.kolom_tabel, nilai=p.baru, tribulan=tribulan
        )
    elif p.jenis == "tabel" and p.baru is None:
        baris_tabel_hapus(user=user, baris=p.objek, semula=p.semula, tribulan=tribulan)
    elif p.jenis == "tabel":
        baris_tabel_simpan(user=user, baris=p.objek, nilai=p.baru, semula=p.semula, tribulan=tribulan)
    else:
        raise ValueError(f"jenis perubahan tidak dikenal: {p.jenis}")
