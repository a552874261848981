"""Whether a report is complete enough to be submitted and signed, and if not, what is missing.

Two things keep a report from being signed as it is:

- a narrative section that still shows a placeholder default (`narasi.BAWAAN_PENGISI`): generic text
  standing in for what the agency must write itself;
- a budget line of the year with no realisasi entered. An entered zero is an entry; only a line with no
  figure at all (nor a figure under it) is missing. The lines are the engine's (`HasilAnggaran
  .tanpa_realisasi` of the total the report prints): the highest line under which nothing is entered, so
  a program with no figure anywhere is named once, not with each of its sub kegiatan.

`kelengkapan(dok)` reads the built document only: no query, so the report page can show it freely.
"""

from __future__ import annotations

from dataclasses import dataclass

from anggaran.models import LABEL_LEVEL_MATA
from lkjip.laporan.dokumen import Dokumen
from lkjip.laporan.narasi import BAGIAN, BAWAAN_PENGISI


@dataclass(frozen=True)
class NarasiBelum:
    """A section still showing its placeholder default."""

    kode: str  # the section's code, for its edit page
    judul: str  # its heading as the report prints it ("1.2 Penjelasan Umum Organisasi")
    isi: str  # what is to be written


@dataclass(frozen=True)
class AnggaranBelum:
    """A budget line without any realisasi entered for the year."""

    level: str  # "program", "kegiatan", "sub_kegiatan"
    pk: int
    kode: str
    nama: str

    @property
    def label_level(self) -> str:
        return LABEL_LEVEL_MATA[self.level]

    @property
    def teks(self) -> str:
        return f"{self.label_level} {self.kode} {self.nama}"


@dataclass(frozen=True)
class Kelengkapan:
    tahun: int
    narasi: tuple[NarasiBelum, ...]
    anggaran: tuple[AnggaranBelum, ...]

    @property
    def lengkap(self) -> bool:
        return not self.narasi and not self.anggaran

    @property
    def jumlah(self) -> int:
        return len(self.narasi) + len(self.anggaran)

    def pesan(self, tindakan: str) -> str:
        """One Indonesian sentence naming everything missing: "Laporan belum dapat diajukan: ..." """
        bagian = []
        if self.narasi:
            bagian.append(
                "narasi yang masih berisi teks bawaan: " + "; ".join(f"{n.judul} ({n.kode})" for n in self.narasi)
            )
        if self.anggaran:
            bagian.append(
                f"realisasi anggaran tahun {self.tahun} yang belum diisi: " + "; ".join(a.teks for a in self.anggaran)
            )
        catatan = " Realisasi 0 (tidak ada realisasi) tetap dihitung sebagai isian." if self.anggaran else ""
        return f"Laporan belum dapat {tindakan} karena belum lengkap. Lengkapi " + ", serta ".join(bagian) + "." + catatan


def kelengkapan(dok: Dokumen) -> Kelengkapan:
    """What the report still lacks before it can be submitted or signed; no query."""
    narasi = []
    for kode, isi in BAWAAN_PENGISI.items():
        bagian = dok.narasi.get(kode)
        if bagian is None or not bagian.bawaan:
            continue
        judul = dok.judul.get(kode)
        narasi.append(NarasiBelum(kode, judul.lengkap if judul is not None else BAGIAN[kode][0], isi))
    anggaran = tuple(
        AnggaranBelum(o.level, o.pk, o.kode, o.nama) for o in dok.hasil.anggaran.tanpa_realisasi
    )
    return Kelengkapan(dok.tahun, tuple(narasi), anggaran)
