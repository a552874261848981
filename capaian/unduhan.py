"""The capaian tables as xlsx downloads: indicators and budget lines across OPDs, and the Pemda overview.

Each is an `inti.ekspor.EksporXlsx`: the rows the page shows (filtered and sorted as on the page, every
page of them), the figures as the engine computed them, and a "Keterangan" sheet that says what was
exported, with which filters, by whom and when.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from capaian.selectors.tabel import BarisAnggaran, BarisIndikator, BarisPemda
from inti import ekspor
from inti.tampilan import nama_pengguna


def _lembar_keterangan(wb, judul: str, isi: Sequence[tuple[str, Any]], user) -> None:
    ws = ekspor.lembar_baru(wb, "Keterangan")
    ekspor.tulis_tabel(
        ws,
        [
            ekspor.Kolom("Keterangan", lambda b: b[0], lebar=28),
            ekspor.Kolom("Nilai", lambda b: b[1], lebar=60),
        ],
        [
            ("Tabel", judul),
            *isi,
            ("Diekspor oleh", nama_pengguna(user)),
            ("Diekspor pada", timezone.now()),
            ("Sumber angka", "Dihitung oleh sistem SAKIP dari data realisasi dan target"),
        ],
    )


KOLOM_INDIKATOR = [
    ekspor.Kolom("OPD", lambda b: b.opd_nama, lebar=40),
    ekspor.Kolom("Level", lambda b: b.level_label, lebar=14),
    ekspor.Kolom("Kode", lambda b: b.kode, lebar=22),
    ekspor.Kolom("Indikator", lambda b: b.nama, lebar=60),
    ekspor.Kolom("Satuan", lambda b: b.satuan, lebar=12),
    ekspor.Kolom("IKU", lambda b: "Ya" if b.hasil.iku else "", lebar=6),
    ekspor.Kolom("Polaritas", lambda b: b.polaritas_label, lebar=10),
    ekspor.Kolom("Target", lambda b: b.target, lambda b: ekspor.format_angka(b.target), lebar=14),
    ekspor.Kolom("Sumber target", lambda b: b.sumber_target, lebar=16),
    ekspor.Kolom("Realisasi", lambda b: b.realisasi, lambda b: ekspor.format_angka(b.realisasi), lebar=14),
    ekspor.Kolom("Capaian (%)", lambda b: b.capaian, ekspor.FORMAT_PERSEN, lebar=14),
    ekspor.Kolom("Kategori", lambda b: b.kategori or "", lebar=16),
    ekspor.Kolom("Status", lambda b: b.status, lebar=28),
]


def kolom_tribulan(tribulan: int) -> list[ekspor.Kolom]:
    """The chosen Tribulan against its Rencana Aksi target, as the page shows them."""
    return [
        ekspor.Kolom(f"Target TW {tribulan}", lambda b: b.target_tw, lambda b: ekspor.format_angka(b.target_tw), lebar=14),
        ekspor.Kolom(
            f"Realisasi TW {tribulan}", lambda b: b.realisasi_tw, lambda b: ekspor.format_angka(b.realisasi_tw), lebar=14
        ),
        ekspor.Kolom(f"Capaian TW {tribulan} (%)", lambda b: b.capaian_tw, ekspor.FORMAT_PERSEN, lebar=16),
    ]


def _keterangan_anggaran(b: BarisAnggaran) -> str:
    catatan = []
    for judul, angka in (("pagu", b.pagu), ("realisasi", b.realisasi), ("penyerapan", b.penyerapan)):
        if not angka.ada:
            catatan.append(f"{judul}: {angka.alasan}")
        elif not angka.lengkap:
            catatan.append(f"{judul}: belum lengkap")
    return "; ".join(catatan)


KOLOM_ANGGARAN = [
    ekspor.Kolom("OPD", lambda b: b.opd_nama, lebar=40),
    ekspor.Kolom("Level", lambda b: b.level_label, lebar=14),
    ekspor.Kolom("Kode", lambda b: b.kode, lebar=22),
    ekspor.Kolom("Program / kegiatan / sub kegiatan", lambda b: b.nama, lebar=60),
    ekspor.Kolom("Pagu (Rp)", lambda b: b.pagu, ekspor.FORMAT_RUPIAH, lebar=20),
    ekspor.Kolom("Realisasi (Rp)", lambda b: b.realisasi, ekspor.FORMAT_RUPIAH, lebar=20),
    ekspor.Kolom("Penyerapan (%)", lambda b: b.penyerapan, ekspor.FORMAT_PERSEN, lebar=14),
    ekspor.Kolom("Keterangan", _keterangan_anggaran, lebar=40),
]


@dataclass(frozen=True)
class TabelIndikatorXlsx(ekspor.EksporXlsx):
    """The indicator table of a year, as filtered and sorted on the page."""

    tahun: int
    baris: Sequence[BarisIndikator]
    filter: Sequence[tuple[str, str]]  # (label, value) of every filter in use
    user: Any

    def nama_berkas(self) -> str:
        return f"capaian-indikator-{self.tahun}.xlsx"

    def buku_kerja(self):
        wb = ekspor.buku_kerja_baru()
        tribulan = next((b.tribulan for b in self.baris if b.tribulan), None)
        kolom = KOLOM_INDIKATOR + (kolom_tribulan(tribulan) if tribulan else [])
        ekspor.tulis_tabel(ekspor.lembar_baru(wb, "Capaian indikator"), kolom, self.baris)
        _lembar_keterangan(wb, f"Capaian indikator {self.tahun}", self.filter, self.user)
        return wb


@dataclass(frozen=True)
class TabelAnggaranXlsx(ekspor.EksporXlsx):
    """The budget table of a year, as filtered and sorted on the page."""

    tahun: int
    baris: Sequence[BarisAnggaran]
    filter: Sequence[tuple[str, str]]
    user: Any

    def nama_berkas(self) -> str:
        return f"realisasi-anggaran-{self.tahun}.xlsx"

    def buku_kerja(self):
        wb = ekspor.buku_kerja_baru()
        ekspor.tulis_tabel(ekspor.lembar_baru(wb, "Realisasi anggaran"), KOLOM_ANGGARAN, self.baris)
        _lembar_keterangan(wb, f"Realisasi anggaran {self.tahun}", self.filter, self.user)
        return wb


@dataclass(frozen=True)
class RingkasanPemdaXlsx(ekspor.EksporXlsx):
    """The Pemda overview of a year: one row per OPD, a column per category of the scale."""

    pemda: Any
    tahun: int
    kategori: Sequence[str]
    baris: Sequence[BarisPemda]
    user: Any

    def nama_berkas(self) -> str:
        return f"ringkasan-{self.pemda.kode}-{self.tahun}.xlsx"

    def buku_kerja(self):
        kolom = [
            ekspor.Kolom("OPD", lambda b: b.opd_nama, lebar=45),
            ekspor.Kolom("Capaian IKU (%)", lambda b: b.capaian_iku, ekspor.FORMAT_PERSEN, lebar=14),
            ekspor.Kolom("Kategori IKU", lambda b: b.kategori_iku or "", lebar=14),
            ekspor.Kolom("Jumlah IKU", lambda b: b.jumlah_iku, ekspor.FORMAT_BULAT),
            ekspor.Kolom("Indikator", lambda b: b.jumlah_indikator, ekspor.FORMAT_BULAT),
            *(
                ekspor.Kolom(nama, lambda b, i=i: b.per_kategori[i], ekspor.FORMAT_BULAT)
                for i, nama in enumerate(self.kategori)
            ),
            ekspor.Kolom("Tanpa kategori", lambda b: b.tanpa_kategori, ekspor.FORMAT_BULAT),
            ekspor.Kolom("Pagu (Rp)", lambda b: b.pagu, ekspor.FORMAT_RUPIAH, lebar=20),
            ekspor.Kolom("Realisasi (Rp)", lambda b: b.realisasi, ekspor.FORMAT_RUPIAH, lebar=20),
            ekspor.Kolom("Penyerapan (%)", lambda b: b.penyerapan, ekspor.FORMAT_PERSEN, lebar=14),
            ekspor.Kolom(
                "Penyerapan mata anggaran terisi (%)", lambda b: b.penyerapan_terisi, ekspor.FORMAT_PERSEN, lebar=18
            ),
            ekspor.Kolom("Temuan", lambda b: b.jumlah_temuan, ekspor.FORMAT_BULAT),
        ]
        wb = ekspor.buku_kerja_baru()
        ekspor.tulis_tabel(ekspor.lembar_baru(wb, "Ringkasan Pemda"), kolom, self.baris)
        _lembar_keterangan(wb, f"Ringkasan {self.pemda.nama} {self.tahun}", [("Tahun", self.tahun)], self.user)
        return wb
