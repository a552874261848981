"""The DPA workbook: its example template, and the all-or-nothing upload of a DPA list as a Pemda's budget
system exports it (one row per program, kegiatan or sub kegiatan: code, name, pagu).

Reading. The header row is found by its names within the first rows of the first sheet: a "Kode" column,
a name column ("Nama" or "Uraian"), a pagu column ("Pagu", "Jumlah", "Anggaran", "Murni"), and optionally
a pagu perubahan column ("Perubahan", "Setelah"). The level of a row follows from its code's shape
(3.30.02 program, 3.30.02.2.06 kegiatan, 3.30.02.2.06.0003 sub kegiatan); rows of urusan and bidang
urusan ("3", "3.30") and a closing "Jumlah" row without code are skipped. A parent must come before its
children in the file or exist already. Amounts may be numbers or text in the Indonesian format
("8.964.583.767" or "8.964.583.767,00"; "Rp" in front is allowed); an empty pagu leaves the stored one as
it is.

Checking. Every row is checked first; each problem names its row and column in Indonesian. If there is
any, nothing is saved. Otherwise every row is written through `anggaran.services.dpa_impor` in one
transaction, with a history row per change.

Bounds. The file is refused before parsing when it is too large (setting `EXCEL_MAKS_BYTE`), not an xlsx
package by its content, or unpacks to more than a bounded size and number of cells
(`inti.berkas_excel`); it is read with openpyxl in read-only mode
and at most `MAKS_BARIS` rows and `MAKS_KOLOM` columns are looked at.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from anggaran.models import LABEL_LEVEL_MATA, Kegiatan, Program, SubKegiatan
from anggaran.selectors import pohon_dpa
from anggaran.services import (
    CONTOH_KODE,
    PANJANG_NAMA,
    POLA_DI_ATAS_PROGRAM,
    BarisImpor,
    PerubahanImpor,
    dpa_impor,
    kode_induk,
    level_dari_kode,
    rapikan_kode,
)
from inti.berkas_excel import BerkasExcelDitolak, periksa_xlsx
from inti.ekspor import FORMAT_RUPIAH, EksporXlsx, buku_kerja_baru, lembar_baru, tulis_sel
from inti.periode import UANG_DIGITS
from inti.tampilan import format_angka
from inti.tulis import validasi_desimal

MAKS_BYTE_BAWAAN = 5 * 1024 * 1024
MAKS_BARIS = 5000
MAKS_KOLOM = 30
BARIS_CARI_JUDUL = 20
DIGIT_EXCEL = 15


JUDUL_TEMPLATE = ("Kode", "Nama", "Pagu Murni (Rp)", "Pagu Perubahan (Rp)")
_POLA_ANGKA_ID = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_BARIS_JUMLAH = re.compile(r"^(jumlah|total|grand total|jumlah total)\b", re.IGNORECASE)


class BerkasDitolak(Exception):
    """The file is refused as a whole; `pesan` says why, in Indonesian."""

    def __init__(self, pesan: str):
        self.pesan = pesan
        super().__init__(pesan)


@dataclass(frozen=True)
class Masalah:
    baris: int | None
    kolom: str
    pesan: str


@dataclass
class HasilUnggah:
    masalah: list[Masalah] = field(default_factory=list)
    perubahan: list[PerubahanImpor] = field(default_factory=list)
    diabaikan: list[int] = field(default_factory=list)  # rows skipped (urusan, bidang, totals)
    tersimpan: bool = False

    @property
    def masalah_berkas(self) -> list[Masalah]:
        return [m for m in self.masalah if m.baris is None]

    @property
    def masalah_baris(self) -> list[Masalah]:
        return [m for m in self.masalah if m.baris is not None]


def maks_byte() -> int:
    return int(getattr(settings, "EXCEL_MAKS_BYTE", MAKS_BYTE_BAWAAN))


# --- the file ---------------------------------------------------------------------------------------------


def _periksa_berkas(data: bytes) -> None:
    try:
        periksa_xlsx(data, maks=maks_byte())
    except BerkasExcelDitolak as exc:
        raise BerkasDitolak(exc.pesan) from None


def _mb(n: int) -> str:
    return f"{format_angka(Decimal(n) / (1024 * 1024), 1)} MB"


def _baca_baris(data: bytes) -> list[tuple[int, tuple]]:
    """(row number, cell values) of the first sheet, bounded, formulas kept as formulas."""
    _periksa_berkas(data)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of error on a damaged package
        raise BerkasDitolak("Berkas .xlsx rusak atau tidak dapat dibaca. Simpan ulang dari Excel.") from None
    try:
        ws = wb.worksheets[0]
        ws.reset_dimensions()  # a file may declare a huge sheet; read what is really there
        hasil = []
        for nomor, nilai in enumerate(ws.iter_rows(max_col=MAKS_KOLOM, values_only=True), start=1):
            if nomor > MAKS_BARIS + BARIS_CARI_JUDUL:
                raise BerkasDitolak(f"Lembar berisi lebih dari {MAKS_BARIS:,} baris.".replace(",", "."))
            hasil.append((nomor, nilai))
        return hasil
    except BerkasDitolak:
        raise
    except Exception:  # the sheet's XML is parsed only while iterating
        raise BerkasDitolak(
            "Lembar pertama rusak atau tidak dapat dibaca. Simpan ulang dari Excel."
        ) from None
    finally:
        wb.close()


# --- cells ------------------------------------------------------------------------------------------------


def _teks(nilai) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    return str(nilai).strip()


def _adalah_rumus(nilai) -> bool:
    return isinstance(nilai, str) and nilai.startswith("=")


def baca_rupiah(nilai, *, label: str) -> Decimal | None:
    """A pagu cell as an exact Decimal (None when empty), or ValueError with the reason in Indonesian."""
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        return None
    if isinstance(nilai, bool):
        raise ValueError(f"{label} bukan angka.")
    if isinstance(nilai, int):
        hasil = Decimal(nilai)
    elif isinstance(nilai, float):
        if not math.isfinite(nilai):
            raise ValueError(f"{label} bukan angka terhingga (sel berisi {'NaN' if nilai != nilai else 'tak hingga'}).")
        if abs(nilai) >= 10**DIGIT_EXCEL:
            raise ValueError(
                f"{label} terlalu besar untuk sel angka Excel; ketik sebagai teks, mis. 8.964.583.767."
            )
        # A float is read through its shortest text and Excel's 15 significant digits, which drops binary noise.
        hasil = Decimal(repr(nilai))
        if hasil:
            hasil = hasil.quantize(
                Decimal(1).scaleb(hasil.adjusted() - DIGIT_EXCEL + 1), rounding=ROUND_HALF_UP
            )
    elif isinstance(nilai, Decimal):
        hasil = nilai
    elif isinstance(nilai, str):
        teks = nilai.strip().replace("\u00a0", "").replace(" ", "")
        teks = re.sub(r"^Rp\.?", "", teks, flags=re.IGNORECASE)
        negatif = teks.startswith(("-", "\u2212"))
        if negatif:
            teks = teks[1:]
        if not _POLA_ANGKA_ID.fullmatch(teks):
            raise ValueError(
                f"{label} bukan angka: “{nilai.strip()[:40]}”. Tulis seperti 8.964.583.767 atau 8.964.583.767,50 "
                "(titik pemisah ribuan, koma pemisah desimal)."
            )
        try:
            hasil = Decimal(teks.replace(".", "").replace(",", "."))
        except InvalidOperation:
            raise ValueError(f"{label} bukan angka: “{nilai.strip()[:40]}”.") from None
        if negatif:
            hasil = -hasil
    else:
        raise ValueError(f"{label} bukan angka (sel berisi tanggal atau jenis lain).")
    # Trailing zeros carry no value (8.964.583.767,00); what remains is held to two decimals.
    hasil = hasil.quantize(Decimal(1)) if hasil == hasil.to_integral_value() else hasil.normalize()
    try:
        return validasi_desimal(hasil, label=label, boleh_negatif=False, **UANG_DIGITS)
    except ValidationError as e:
        raise ValueError(" ".join(e.messages)) from None


# --- the header ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kolom:
    kode: int
    nama: int
    pagu: int
    perubahan: int | None
    judul: dict[int, str]

    def sebut(self, indeks: int | None) -> str:
        """How a message names a column: "C (Pagu)"."""
        if indeks is None:
            return ""
        return f"{get_column_letter(indeks + 1)} ({self.judul.get(indeks, '')})"


def _normal(teks) -> str:
    return re.sub(r"\s+", " ", _teks(teks)).lower()


def _cari_kolom(sel: tuple) -> Kolom | None:
    judul = {i: _normal(v) for i, v in enumerate(sel) if _normal(v)}
    kode = next((i for i, t in judul.items() if t.startswith("kode") or t == "kd"), None)
    nama = next((i for i, t in judul.items() if i != kode and ("nama" in t or "uraian" in t)), None)
    # "Setelah Perubahan" is the amended pagu; "Sebelum Perubahan" is the original one.
    perubahan = next(
        (
            i
            for i, t in judul.items()
            if i not in (kode, nama) and ("perubahan" in t or "setelah" in t) and "sebelum" not in t
        ),
        None,
    )
    pagu = next(
        (
            i
            for i, t in judul.items()
            if i not in (kode, nama, perubahan)
            and any(k in t for k in ("pagu", "jumlah", "anggaran", "murni", "nilai", "sebelum"))
        ),
        None,
    )
    if kode is None or nama is None or pagu is None:
        return None
    return Kolom(kode, nama, pagu, perubahan, {i: _teks(sel[i]) for i in judul})


# --- checking ------------------------------------------------------------------------------------------------


@dataclass
class HasilPeriksa:
    baris: list[BarisImpor] = field(default_factory=list)
    masalah: list[Masalah] = field(default_factory=list)
    diabaikan: list[int] = field(default_factory=list)


def periksa_dpa(data: bytes, *, opd, tahun: int) -> HasilPeriksa:
    """Read and check every row; `masalah` lists every problem (nothing is written here)."""
    hasil = HasilPeriksa()
    try:
        semua = _baca_baris(data)
    except BerkasDitolak as e:
        hasil.masalah.append(Masalah(None, "", e.pesan))
        return hasil
    kolom, mulai = None, 0
    for nomor, sel in semua[:BARIS_CARI_JUDUL]:
        kolom = _cari_kolom(sel)
        if kolom is not None:
            mulai = nomor
            break
    if kolom is None:
        hasil.masalah.append(
            Masalah(
                None,
                "",
                f"Baris judul tidak ditemukan di {BARIS_CARI_JUDUL} baris pertama: perlu kolom “Kode”, "
                "kolom “Nama” (atau “Uraian”) dan kolom “Pagu” (atau “Jumlah”). Unduh contoh template bila ragu.",
            )
        )
        return hasil

    ada = {
        **{p: "program" for p in Program.objects.filter(opd=opd, tahun=tahun).values_list("kode", flat=True)},
        **{
            k: "kegiatan"
            for k in Kegiatan.objects.filter(program__opd=opd, program__tahun=tahun).values_list(
                "kode", flat=True
            )
        },
        **{
            s: "sub_kegiatan"
            for s in SubKegiatan.objects.filter(
                kegiatan__program__opd=opd, kegiatan__program__tahun=tahun
            ).values_list("kode", flat=True)
        },
    }
    dikenal = dict(ada)
    di_berkas: dict[str, int] = {}

    def ambil(sel: tuple, i: int | None):
        return sel[i] if i is not None and i < len(sel) else None

    for nomor, sel in semua:
        if nomor <= mulai:
            continue
        kode_mentah, nama_mentah = ambil(sel, kolom.kode), ambil(sel, kolom.nama)
        pagu_mentah, perubahan_mentah = ambil(sel, kolom.pagu), ambil(sel, kolom.perubahan)
        if all(
            v is None or (isinstance(v, str) and not v.strip())
            for v in (kode_mentah, nama_mentah, pagu_mentah, perubahan_mentah)
        ):
            continue
        masalah = []
        kode = rapikan_kode(_teks(kode_mentah))
        nama = re.sub(r"\s+", " ", _teks(nama_mentah))
        if not kode:
            if _BARIS_JUMLAH.match(nama) or not nama:
                hasil.diabaikan.append(nomor)
                continue
            hasil.masalah.append(Masalah(nomor, kolom.sebut(kolom.kode), f"Kode kosong untuk “{nama[:60]}”."))
            continue
        if POLA_DI_ATAS_PROGRAM.fullmatch(kode):
            hasil.diabaikan.append(nomor)  # urusan or bidang urusan: a heading, not a line of the DPA
            continue
        level = level_dari_kode(kode)
        if level is None:
            hasil.masalah.append(
                Masalah(
                    nomor,
                    kolom.sebut(kolom.kode),
                    f"Kode “{kode[:40]}” tidak dikenali. Bentuk kode menurut Kepmendagri 050-3708/2020: program "
                    f"{CONTOH_KODE['program']}, kegiatan {CONTOH_KODE['kegiatan']}, sub kegiatan "
                    f"{CONTOH_KODE['sub_kegiatan']}.",
                )
            )
            continue
        label = LABEL_LEVEL_MATA[level]
        if kode in di_berkas:
            masalah.append(
                Masalah(
                    nomor,
                    kolom.sebut(kolom.kode),
                    f"Kode {kode} sudah ada di baris {di_berkas[kode]}; setiap kode cukup satu kali.",
                )
            )
        induk = kode_induk(kode)
        if induk is not None and induk not in dikenal:
            nama_induk = "program" if level == "kegiatan" else "kegiatan"
            masalah.append(
                Masalah(
                    nomor,
                    kolom.sebut(kolom.kode),
                    f"{label} {kode}: {nama_induk} induknya ({induk}) belum ada. Tulis baris {nama_induk} itu di atasnya "
                    "atau tambahkan lebih dulu di layar DPA.",
                )
            )
        if not nama:
            masalah.append(Masalah(nomor, kolom.sebut(kolom.nama), f"Nama {label.lower()} {kode} kosong."))
        elif len(nama) > PANJANG_NAMA[level]:
            masalah.append(
                Masalah(
                    nomor,
                    kolom.sebut(kolom.nama),
                    f"Nama {label.lower()} paling panjang {PANJANG_NAMA[level]} karakter.",
                )
            )
        pagu = {}
        for kunci, indeks, mentah, nama_pagu in (
            ("murni", kolom.pagu, pagu_mentah, "Pagu DPA"),
            ("perubahan", kolom.perubahan, perubahan_mentah, "Pagu DPA Perubahan"),
        ):
            if _adalah_rumus(mentah):
                masalah.append(
                    Masalah(
                        nomor,
                        kolom.sebut(indeks),
                        "Sel berisi rumus; salin lalu tempel sebagai nilai (Paste Values).",
                    )
                )
                continue
            try:
                pagu[kunci] = baca_rupiah(mentah, label=nama_pagu)
            except ValueError as e:
                masalah.append(Masalah(nomor, kolom.sebut(indeks), f"{kode}: {e}"))
        if masalah:
            hasil.masalah.extend(masalah)
            # The line still counts as a parent: its children are not reported a second time.
            di_berkas.setdefault(kode, nomor)
            dikenal.setdefault(kode, level)
            continue
        di_berkas[kode] = nomor
        dikenal[kode] = level
        hasil.baris.append(BarisImpor(nomor, kode, nama, pagu.get("murni"), pagu.get("perubahan")))
        if len(hasil.baris) > MAKS_BARIS:
            hasil.masalah.append(Masalah(None, "", f"Berkas berisi lebih dari {MAKS_BARIS} baris DPA."))
            break
    if not hasil.baris and not hasil.masalah:
        hasil.masalah.append(
            Masalah(None, "", "Tidak ada baris program, kegiatan atau sub kegiatan di bawah baris judul.")
        )
    return hasil


def unggah_dpa(data: bytes, *, user, opd, tahun: int) -> HasilUnggah:
    """Check the workbook, then save every row or none (see the module's docstring)."""
    periksa = periksa_dpa(data, opd=opd, tahun=tahun)
    hasil = HasilUnggah(masalah=periksa.masalah, diabaikan=periksa.diabaikan)
    if hasil.masalah:
        return hasil
    try:
        hasil.perubahan = dpa_impor(user=user, opd=opd, tahun=tahun, baris=periksa.baris)
    except ValidationError as e:
        hasil.masalah = [Masalah(None, "", pesan) for pesan in e.messages]
        return hasil
    hasil.tersimpan = True
    return hasil


# --- the template -------------------------------------------------------------------------------------------

CONTOH = (
    ("3.30", "URUSAN PERDAGANGAN (baris urusan/bidang dilewati)", None, None),
    ("3.30.02", "PROGRAM PERIZINAN DAN PENDAFTARAN PERUSAHAAN", 65283900, None),
    (
        "3.30.02.2.06",
        "Pengendalian Fasilitas Penyimpanan Bahan Berbahaya dan Pengawasan Distribusi, Pengemasan dan "
        "Pelabelan Bahan Berbahaya di Tingkat Daerah Kabupaten/Kota",
        None,
        None,
    ),
    (
        "3.30.02.2.06.0003",
        "Pengawasan Distribusi, Pengemasan dan Pelabelan Bahan Berbahaya di Tingkat Daerah Kabupaten/Kota",
        65283900,
        28718900,
    ),
)

PETUNJUK = (
    "Satu baris untuk setiap program, kegiatan dan sub kegiatan; tingkatnya dibaca dari bentuk kode "
    "(Kepmendagri 050-3708/2020).",
    f"Program: {CONTOH_KODE['program']}; kegiatan: {CONTOH_KODE['kegiatan']}; sub kegiatan: {CONTOH_KODE['sub_kegiatan']}. "
    "Program penunjang boleh berkode X.XX.01.",
    "Kode kegiatan diawali kode programnya, kode sub kegiatan diawali kode kegiatannya. Induk ditulis di atas "
    "rinciannya, atau sudah ada di layar DPA.",
    "Pagu dalam Rupiah: angka biasa atau teks seperti 8.964.583.767 (titik pemisah ribuan, koma pemisah desimal, "
    "paling banyak dua angka desimal). Pagu kosong: pagu yang tersimpan tidak diubah.",
    "Kolom Pagu Perubahan boleh dihapus bila belum ada DPA Perubahan.",
    "Baris urusan (mis. 3) dan bidang urusan (mis. 3.30), serta baris Jumlah tanpa kode, dilewati.",
    "Isi seluruh berkas diperiksa lebih dulu; bila ada satu masalah saja, tidak ada yang disimpan.",
)


class TemplateDPA(EksporXlsx):
    """The DPA workbook of an OPD-year: its current lines when it has any, else example rows."""

    def __init__(self, opd, tahun: int):
        self.opd, self.tahun = opd, tahun

    def nama_berkas(self) -> str:
        return f"dpa-{self.opd.kode}-{self.tahun}.xlsx"

    def buku_kerja(self):
        wb = buku_kerja_baru()
        ws = lembar_baru(wb, "DPA")
        tebal, isi_judul = Font(bold=True), PatternFill("solid", fgColor="D9E1F2")
        for k, (judul, lebar) in enumerate(zip(JUDUL_TEMPLATE, (22, 70, 20, 22), strict=True), start=1):
            sel = tulis_sel(ws, 1, k, judul)
            sel.font, sel.fill = tebal, isi_judul
            ws.column_dimensions[get_column_letter(k)].width = lebar
        ws.freeze_panes = "A2"
        baris = [
            (b.kode, b.nama, b.murni.sendiri, b.perubahan.sendiri)
            for p in pohon_dpa(opd_id=self.opd.pk, tahun=self.tahun)
            for b in p.semua()
        ] or list(CONTOH)
        for nomor, (kode, nama, murni, perubahan) in enumerate(baris, start=2):
            tulis_sel(ws, nomor, 1, kode)
            tulis_sel(ws, nomor, 2, nama)
            tulis_sel(ws, nomor, 3, murni, FORMAT_RUPIAH)
            tulis_sel(ws, nomor, 4, perubahan, FORMAT_RUPIAH)
        petunjuk = lembar_baru(wb, "Petunjuk")
        petunjuk.column_dimensions["A"].width = 110
        tulis_sel(petunjuk, 1, 1, f"Unggah DPA {self.opd.nama} tahun {self.tahun}").font = tebal
        for nomor, teks in enumerate(PETUNJUK, start=3):
            tulis_sel(petunjuk, nomor, 1, f"{nomor - 2}. {teks}")
        return wb
