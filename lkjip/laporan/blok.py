"""The parts the LKjIP is laid out in: pages (`Halaman`) holding blocks, in document order.

`bangun_dokumen` states the order of the report once, as a list of pages of blocks; every output walks
that list. The web page and the PDF render each block with its own partial (`Blok.templat`, under
`templates/laporan/blok/`), the xlsx writes the tables in the same order, and the `capaian` command
prints the tables as text. A page is a `<section>`: in print, its class starts a new sheet of paper
(`halaman-baru`) or a landscape one (`halaman-lebar`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from lkjip.laporan.grafik import Grafik
from lkjip.laporan.tabel import Tabel


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


class Blok:
    """One part of a page; `templat` is the partial that renders it (it reads `blok`, `dok`, `cetak`)."""

    templat: ClassVar[str]


@dataclass(frozen=True)
class BlokSampul(Blok):
    """The cover: title, agency, and the sign-off (QR code) or the draft status."""

    templat: ClassVar[str] = "laporan/blok/sampul.html"


@dataclass(frozen=True)
class BlokJudul(Blok):
    judul: Judul
    templat: ClassVar[str] = "laporan/blok/judul.html"


@dataclass
class BlokNarasi(Blok):
    """A narrative section, placed when the layout is built and filled last: its default text cites
    the numbers the tables are given, which are known only once every table has its place."""

    kode: str
    narasi: BagianNarasi | None = None
    templat: ClassVar[str] = "laporan/blok/narasi.html"


@dataclass(frozen=True)
class BlokTabel(Blok):
    tabel: Tabel
    templat: ClassVar[str] = "laporan/blok/tabel.html"


@dataclass(frozen=True)
class BlokGrafik(Blok):
    grafik: Grafik
    templat: ClassVar[str] = "laporan/blok/grafik.html"


@dataclass(frozen=True)
class BlokTandaTangan(Blok):
    """The head's signature (place, date, name), with the electronic sign-off once approved."""

    templat: ClassVar[str] = "laporan/blok/tanda_tangan.html"


@dataclass(frozen=True)
class BlokDaftarIsi(Blok):
    templat: ClassVar[str] = "laporan/blok/daftar_isi.html"


@dataclass(frozen=True)
class BlokDaftarTabel(Blok):
    templat: ClassVar[str] = "laporan/blok/daftar_tabel.html"


@dataclass(frozen=True)
class BlokVisiMisi(Blok):
    """A. Visi, B. Misi and the "C. Tujuan dan Sasaran" lead-in of Bab II, from the Renstra in force."""

    visi: str
    misi: tuple[str, ...]
    templat: ClassVar[str] = "laporan/blok/visi_misi.html"


@dataclass(frozen=True)
class BlokTujuan(Blok):
    """The tujuan a sasaran serves, under the sasaran's heading."""

    nama: str
    templat: ClassVar[str] = "laporan/blok/tujuan.html"


@dataclass(frozen=True)
class BlokAnalisis(Blok):
    """The operator's analysis of one indicator: success factors, obstacles and follow-up."""

    nama: str
    faktor_keberhasilan: str
    hambatan: str
    tindak_lanjut: str
    templat: ClassVar[str] = "laporan/blok/analisis.html"


@dataclass(frozen=True)
class BlokParagraf(Blok):
    teks: str
    templat: ClassVar[str] = "laporan/blok/paragraf.html"


@dataclass(frozen=True)
class BlokPK(Blok):
    """A PK version as signed: its statement with both signatures, then its table(s) on a page of their own.

    In the lampiran it follows the lampiran heading (`judul`); printed alone it has no heading and starts
    the document (`pertama`: no page break before it)."""

    pk: object
    judul: Judul | None
    tabel_kinerja: Tabel
    tabel_anggaran: Tabel
    pertama: bool
    templat: ClassVar[str] = "laporan/blok/pk.html"


@dataclass(frozen=True)
class BlokReviu(Blok):
    """The auditor's review statement of the current revision."""

    pernyataan: str
    catatan: str
    nama_auditor: str
    pada: datetime
    templat: ClassVar[str] = "laporan/blok/reviu.html"


@dataclass
class Halaman:
    """A `<section>` of the document and its blocks; `kelas` says how it starts in print."""

    kelas: str
    id: str = ""
    blok: list[Blok] = field(default_factory=list)
