"""Every table of the LKjIP as one plain structure that the HTML, the PDF and the xlsx all render.

A `Tabel` holds header rows and body rows of `Sel` cells. A cell carries its display text (Indonesian
format, from `inti.tampilan` through `Angka.teks`) and, for a figure, the displayed value as a
Decimal, so the xlsx stores the same number the page shows. Nothing here computes a figure: values
come from the engine (`HasilOPD`) or are plain data read from the models (targets, PK rows, metadata).
The only sums made here are the totals of the budgets a PK states, which are data as signed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from capaian.engine import HasilOPD, HasilSasaran, kategori_untuk
from inti.periode import NAMA_TRIBULAN, TRIBULAN
from inti.tampilan import DESIMAL_RUPIAH, KOSONG, Angka, desimal_alami, format_angka

# --------------------------------------------------------------------------------------------
# Structure
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sel:
    """A cell: its text, and for a figure the displayed value (`nilai`) and its decimals."""

    teks: str
    nilai: Decimal | None = None
    desimal: int = 0
    jenis: str = "teks"  # teks | angka | persen | rupiah
    colspan: int = 1
    rowspan: int = 1
    tebal: bool = False
    judul: str = ""  # why a figure is missing (a tooltip on the web page)

    @property
    def angka(self) -> bool:
        return self.jenis != "teks"

    @property
    def multibaris(self) -> bool:
        return "\n" in self.teks

    @property
    def kelas(self) -> str:
        kelas = ["angka"] if self.angka or self.teks == KOSONG else []
        if self.tebal:
            kelas.append("tebal")
        return " ".join(kelas)


@dataclass(frozen=True)
class Baris:
    sel: tuple[Sel, ...]
    jenis: str = ""  # program | kegiatan | sub | jumlah | sasaran: the style of the row


@dataclass
class Tabel:
    kunci: str
    judul: str
    kepala: list[list[Sel]]
    baris: list[Baris]
    sumber: str = ""
    catatan: list[str] = field(default_factory=list)
    nama_lembar: str = ""  # sheet name of an unnumbered table
    nomor: str = ""  # "3.2", given when the table takes its place in the document
    lebar: tuple[int, ...] = ()  # relative column widths for print

    @property
    def id(self) -> str:
        return "tabel-" + self.kunci.replace(".", "-").replace("_", "-")

    @property
    def label(self) -> str:
        return f"Tabel {self.nomor}" if self.nomor else ""

    @property
    def lembar(self) -> str:
        """The xlsx sheet name: "Tabel 3.2", or the table's own short name."""
        return (self.label or self.nama_lembar)[:31]

    @property
    def jumlah_kolom(self) -> int:
        return sum(s.colspan for s in self.kepala[0]) if self.kepala else 0


# --------------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------------


def teks(isi, **kwargs) -> Sel:
    return Sel("" if isi is None else str(isi), **kwargs)


def kepala(isi: str, colspan: int = 1, rowspan: int = 1) -> Sel:
    return Sel(isi, colspan=colspan, rowspan=rowspan, tebal=True)


def angka(a: Angka | None, jenis: str = "angka", tebal: bool = False) -> Sel:
    """A figure as the engine gives it; a missing one shows "–" and keeps the reason."""
    if a is None or not a.ada:
        return Sel(KOSONG, judul=(a.alasan or "") if a is not None else "", tebal=tebal)
    return Sel(a.teks, a.tampil, a.desimal, jenis, tebal=tebal)


def persen(a: Angka | None, tebal: bool = False) -> Sel:
    return angka(a, "persen", tebal)


def rupiah(a: Angka | None, tebal: bool = False) -> Sel:
    return angka(a, "rupiah", tebal)


def nilai(d: Decimal | None, jenis: str = "angka", tebal: bool = False) -> Sel:
    """A stored value (a target, a PK budget), shown with the decimals it was written with: a target as the
    plans print it ("0,1", "1"), not padded to the decimals its realisasi is measured with."""
    if d is None:
        return Sel(KOSONG, tebal=tebal)
    desimal = DESIMAL_RUPIAH if jenis == "rupiah" else desimal_alami(d)
    return angka(Angka(d, desimal), jenis, tebal)


def nomor(n: int | str) -> Sel:
    return Sel(str(n))


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

URUTAN_TEKS = (
    "Pertama", "Kedua", "Ketiga", "Keempat", "Kelima", "Keenam", "Ketujuh", "Kedelapan", "Kesembilan", "Kesepuluh",
)


def monev(tribulan: int) -> str:
    """The monitoring the figures come from, for a table's source line: "Monev Tribulan IV"."""
    return f"Monev {NAMA_TRIBULAN[tribulan]}"


def urutan_teks(i: int) -> str:
    """1 -> "Pertama"; beyond ten, "ke-11"."""
    return URUTAN_TEKS[i - 1] if 1 <= i <= len(URUTAN_TEKS) else f"ke-{i}"


def indikator_renstra(hasil: HasilOPD, renstra) -> list[tuple[object, object, list]]:
    """(tujuan, sasaran or None, [indicators]) of a Renstra, in plan order, from the loaded data."""
    if renstra is None:
        return []
    per_tujuan: dict[int, list] = defaultdict(list)
    per_sasaran: dict[int, list] = defaultdict(list)
    for i in hasil.indikator_semua:
        if i.level == "tujuan":
            per_tujuan[i.tujuan_id].append(i)
        elif i.level == "sasaran":
            per_sasaran[i.sasaran_id].append(i)
    sasaran_per_tujuan: dict[int, list] = defaultdict(list)
    for s in hasil.sasaran_semua:
        sasaran_per_tujuan[s.tujuan_id].append(s)
    kelompok = []
    for t in hasil.tujuan_semua:
        if t.renstra_id != renstra.pk:
            continue
        kelompok.append((t, None, _urut(per_tujuan[t.pk])))
        for s in sasaran_per_tujuan[t.pk]:
            kelompok.append((t, s, _urut(per_sasaran[s.pk])))
    return kelompok


def _urut(indikator: Iterable) -> list:
    return sorted(indikator, key=lambda i: (i.urutan, i.kode, i.pk))


def _nama_pendek(obj) -> str:
    return getattr(obj, "nama", str(obj))


def _prefiks(level: str) -> str:
    return {"kegiatan": "Kegiatan: ", "sub_kegiatan": "Sub Kegiatan: "}.get(level, "")


def _jenis_baris(level: str) -> str:
    return {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub"}.get(level, "")


# --------------------------------------------------------------------------------------------
# BAB II: planning and the Perjanjian Kinerja
# --------------------------------------------------------------------------------------------


def tabel_renstra(hasil: HasilOPD, renstra, target_renstra: dict) -> Tabel:
    """Tabel 2.1: tujuan, sasaran, indicators and the Renstra target of every year of the period."""
    tahun = list(range(renstra.tahun_awal, renstra.tahun_akhir + 1)) if renstra else []
    kepala_atas = [
        kepala("No", rowspan=2),
        kepala("Tujuan", rowspan=2),
        kepala("Sasaran", rowspan=2),
        kepala("Indikator Kinerja", rowspan=2),
        kepala("Satuan", rowspan=2),
    ]
    if tahun:
        kepala_atas.append(kepala("Target Kinerja pada Tahun", colspan=len(tahun)))
    baris = []
    no_tujuan = 0
    tujuan_terakhir = None
    for tujuan, sasaran, indikator in indikator_renstra(hasil, renstra):
        if tujuan is not tujuan_terakhir:
            no_tujuan += 1
        for n, ind in enumerate(indikator or [None]):
            pertama_tujuan = tujuan is not tujuan_terakhir
            tujuan_terakhir = tujuan
            sel = [
                nomor(no_tujuan) if pertama_tujuan else teks(""),
                teks(tujuan.nama) if pertama_tujuan else teks(""),
                teks(f"{sasaran.kode} {sasaran.nama}" if sasaran is not None and n == 0 else ""),
                teks(ind.nama if ind else KOSONG),
                teks(ind.satuan if ind else ""),
            ]
            sel += [nilai(target_renstra.get((ind.pk, th)) if ind else None) for th in tahun]
            baris.append(Baris(tuple(sel), "sasaran" if sasaran is None else ""))
    sumber = f"{renstra.nama} Periode {renstra.tahun_awal}-{renstra.tahun_akhir}" if renstra else ""
    return Tabel(
        "renstra",
        "Tujuan, Sasaran, Indikator dan Target Kinerja Perangkat Daerah Periode Rencana Strategis",
        [kepala_atas, [kepala(str(t)) for t in tahun]] if tahun else [kepala_atas],
        baris,
        sumber=sumber,
        lebar=(4, 18, 18, 24, 7, *(6,) * len(tahun)),
    )


def _induk_renstra(indikator) -> str:
    if indikator.level == "tujuan" and indikator.tujuan is not None:
        return indikator.tujuan.nama
    if indikator.level == "sasaran" and indikator.sasaran is not None:
        return indikator.sasaran.nama
    return ""


def indikator_berlaku(hasil: HasilOPD) -> list:
    """The tujuan and sasaran indicators in force this year (those the engine measures progress of)."""
    return [k.hasil.indikator for k in hasil.kemajuan]


def tabel_metadata_iku(hasil: HasilOPD, opd) -> Tabel:
    """Tabel 2.2: the metadata of the tujuan and sasaran indicators in force."""
    baris = []
    for n, ind in enumerate(indikator_berlaku(hasil), start=1):
        baris.append(
            Baris(
                (
                    nomor(n),
                    teks(_induk_renstra(ind)),
                    teks(ind.nama),
                    teks(ind.satuan),
                    teks(ind.definisi_operasional or KOSONG),
                    teks(ind.formula_uraian or ind.rumus or KOSONG),
                    teks(ind.sumber_data or KOSONG),
                )
            )
        )
    return Tabel(
        "iku",
        f"Indikator Kinerja Utama {opd.nama}",
        [
            [
                kepala("No"),
                kepala("Tujuan/Sasaran Strategis"),
                kepala("Indikator Kinerja"),
                kepala("Satuan"),
                kepala("Definisi Operasional"),
                kepala("Formulasi/Rumus Perhitungan"),
                kepala("Sumber Data"),
            ]
        ],
        baris,
        sumber=f"Indikator Kinerja Utama {opd.nama} Tahun {hasil.tahun}",
        lebar=(4, 16, 18, 7, 20, 20, 15),
    )


def tabel_renja(hasil: HasilOPD, opd) -> Tabel:
    """Tabel 2.3: the Renja targets of the year for the indicators in force."""
    baris = []
    n = 0
    for ind in indikator_berlaku(hasil):
        target = hasil.target(ind, hasil.tahun, "renja")
        if target is None:
            continue
        n += 1
        baris.append(
            Baris((nomor(n), teks(_induk_renstra(ind)), teks(ind.nama), teks(ind.satuan), nilai(target)))
        )
    return Tabel(
        "renja",
        f"Rencana Kinerja Tahun {hasil.tahun} {opd.nama}",
        [[kepala("No"), kepala("Tujuan/Sasaran"), kepala("Indikator Kinerja"), kepala("Satuan"), kepala("Target")]],
        baris,
        sumber=f"Rencana Kerja {opd.nama} Tahun {hasil.tahun}",
        lebar=(4, 32, 40, 10, 10),
    )


def sasaran_strategis(b, ind) -> bool:
    """Whether a PK row states a sasaran strategis of the Renstra (an IKU), not a supporting commitment
    such as the tata kelola line of the Program Penunjang: Bab II and the before/after table list only
    those, as the seed does; the signed PK in the lampiran keeps every row it was signed with."""
    return bool(getattr(b, "sasaran_id", None)) or (ind is not None and ind.level in ("tujuan", "sasaran"))


def tabel_pk(hasil: HasilOPD, opd, pk, kunci: str, *, lengkap: bool = False) -> Tabel:
    """Tabel 2.4 / 2.6: the sasaran, indicators and targets of a PK version (`lengkap`: every signed row)."""
    indikator = {i.pk: i for i in hasil.indikator_semua}
    baris = []
    terakhir = None
    n = 0
    for b in hasil.baris_pk(pk):
        if not lengkap and not sasaran_strategis(b, indikator.get(b.indikator_id)):
            continue
        sasaran_baru = b.sasaran_uraian != terakhir
        if sasaran_baru:
            n += 1
        terakhir = b.sasaran_uraian
        ind = indikator.get(b.indikator_id)
        baris.append(
            Baris(
                (
                    nomor(n) if sasaran_baru else teks(""),
                    teks(b.sasaran_uraian if sasaran_baru else ""),
                    teks(ind.nama if ind else KOSONG),
                    teks(b.satuan or (ind.satuan if ind else "")),
                    nilai(b.target),
                )
            )
        )
    judul = "Perjanjian Kinerja" if pk.revisi == 0 else "Perubahan Perjanjian Kinerja"
    return Tabel(
        kunci,
        f"{judul} {opd.nama} Tahun {hasil.tahun}",
        [[kepala("No"), kepala("Sasaran Strategis"), kepala("Indikator Kinerja"), kepala("Satuan"), kepala("Target")]],
        baris,
        sumber=f"{pk.judul} {opd.nama} Tahun {hasil.tahun}",
        lebar=(4, 34, 40, 10, 10),
    )


def _program_per_id(hasil: HasilOPD) -> dict:
    return {p.pk: p for p in hasil.program_semua}


def tabel_anggaran_pk(hasil: HasilOPD, pk, kunci: str, nama_lembar: str) -> Tabel:
    """The budget per program a PK version states (unnumbered, as in the seed)."""
    program = _program_per_id(hasil)
    baris = []
    daftar = hasil.anggaran_pk(pk)
    for n, a in enumerate(daftar, start=1):
        p = program.get(a.program_id)
        baris.append(Baris((nomor(n), teks(p.nama if p else KOSONG), nilai(a.nilai, "rupiah"), teks(a.sumber_dana))))
    total = hasil.total_anggaran_pk(pk)
    baris.append(Baris((teks(""), teks("JUMLAH", tebal=True), nilai(total, "rupiah", tebal=True), teks("")), "jumlah"))
    return Tabel(
        kunci,
        f"Anggaran Program dalam {pk.judul} Tahun {hasil.tahun}",
        [[kepala("No"), kepala("Program"), kepala("Anggaran (Rp)"), kepala("Sumber Dana")]],
        baris,
        sumber=f"{pk.judul} Tahun {hasil.tahun}",
        nama_lembar=nama_lembar,
        lebar=(4, 60, 20, 12),
    )


def _indikator_per_induk(hasil: HasilOPD) -> dict:
    per_induk: dict[tuple[str, int], list] = defaultdict(list)
    for i in hasil.indikator_semua:
        if i.level == "program":
            per_induk[("program", i.program_id)].append(i)
        elif i.level == "kegiatan":
            per_induk[("kegiatan", i.kegiatan_id)].append(i)
        elif i.level == "sub_kegiatan":
            per_induk[("sub_kegiatan", i.sub_kegiatan_id)].append(i)
    return {k: _urut(v) for k, v in per_induk.items()}


def _pohon(hasil: HasilOPD) -> list[tuple[str, object, int | None]]:
    """Program, kegiatan and sub kegiatan in tree order: (level, object, program number)."""
    kegiatan_per_program: dict[int, list] = defaultdict(list)
    for k in hasil.kegiatan_semua:
        kegiatan_per_program[k.program_id].append(k)
    sub_per_kegiatan: dict[int, list] = defaultdict(list)
    for s in hasil.sub_kegiatan_semua:
        sub_per_kegiatan[s.kegiatan_id].append(s)
    pohon = []
    for p in hasil.program_semua:
        pohon.append(("program", p, p.pk))
        for k in kegiatan_per_program[p.pk]:
            pohon.append(("kegiatan", k, p.pk))
            for s in sub_per_kegiatan[k.pk]:
                pohon.append(("sub_kegiatan", s, p.pk))
    return pohon


def tabel_dpa(hasil: HasilOPD, opd, dokumen: str, kunci: str) -> Tabel:
    """Tabel 2.5 / 2.7: program, kegiatan and sub kegiatan indicators with their DPA targets.

    A program appears when at least one indicator under it has a target in this document (the
    Program Penunjang of the dataset has none and is left out, as in the seed).
    """
    per_induk = _indikator_per_induk(hasil)
    pohon = _pohon(hasil)
    ada_target: set[int] = set()
    for level, obj, program_id in pohon:
        if any(hasil.target(i, hasil.tahun, dokumen) is not None for i in per_induk.get((level, obj.pk), [])):
            ada_target.add(program_id)
    baris = []
    n = 0
    for level, obj, program_id in pohon:
        if program_id not in ada_target:
            continue
        if level == "program":
            n += 1
        indikator = per_induk.get((level, obj.pk), []) or [None]
        for j, ind in enumerate(indikator):
            baris.append(
                Baris(
                    (
                        nomor(n) if level == "program" and j == 0 else teks(""),
                        teks(_prefiks(level) + obj.nama if j == 0 else ""),
                        teks(ind.nama if ind else KOSONG),
                        teks(ind.satuan if ind else ""),
                        nilai(hasil.target(ind, hasil.tahun, dokumen) if ind else None),
                    ),
                    _jenis_baris(level),
                )
            )
    nama_dokumen = "Dokumen Pelaksanaan Anggaran" + (" Perubahan" if dokumen == "dpa_perubahan" else "")
    return Tabel(
        kunci,
        f"Program, Kegiatan, dan Sub Kegiatan {opd.nama} Tahun {hasil.tahun}"
        + (" (Perubahan)" if dokumen == "dpa_perubahan" else ""),
        [
            [
                kepala("No"),
                kepala("Program/ Kegiatan/ Sub Kegiatan"),
                kepala("Indikator Kinerja"),
                kepala("Satuan"),
                kepala("Target"),
            ]
        ],
        baris,
        sumber=f"{nama_dokumen} {opd.nama} Tahun {hasil.tahun}",
        lebar=(4, 42, 34, 10, 10),
    )


# --------------------------------------------------------------------------------------------
# BAB III: performance accountability
# --------------------------------------------------------------------------------------------


def _batas(nilai_batas: Decimal | None) -> str:
    return format_angka(nilai_batas, desimal_alami(nilai_batas))


def teks_rentang(rentang) -> str:
    """A band of the scale in words: "≥ 91", "76 s.d. < 91", "< 51"."""
    if rentang.batas_bawah is not None and rentang.batas_atas is not None:
        return f"{_batas(rentang.batas_bawah)} s.d. < {_batas(rentang.batas_atas)}"
    if rentang.batas_bawah is not None:
        return f"≥ {_batas(rentang.batas_bawah)}"
    if rentang.batas_atas is not None:
        return f"< {_batas(rentang.batas_atas)}"
    return "semua nilai"


def tabel_skala(hasil: HasilOPD, sumber_skala: str) -> Tabel:
    """Tabel 3.1: the category scale of the Pemda."""
    baris = [
        Baris((nomor(n), teks(r.nama), teks(teks_rentang(r)))) for n, r in enumerate(hasil.rentang, start=1)
    ]
    return Tabel(
        "skala",
        "Pengkategorian Capaian Kinerja",
        [[kepala("No"), kepala("Kategori/Interpretasi"), kepala("Capaian (%)")]],
        baris,
        sumber=sumber_skala,
        lebar=(6, 50, 44),
    )


def tabel_capaian_iku(hasil: HasilOPD) -> Tabel:
    """Tabel 3.2: each row of the latest PK with target, realisasi, capaian and category."""
    baris = []
    for n, b in enumerate(hasil.iku, start=1):
        h = b.hasil
        baris.append(
            Baris(
                (
                    nomor(n),
                    teks(b.sasaran_uraian),
                    teks(h.nama),
                    teks(b.baris.satuan or h.satuan),
                    angka(h.target),
                    angka(h.realisasi),
                    persen(h.capaian),
                    teks(h.kategori or KOSONG),
                    teks(h.indikator.sumber_data or KOSONG),
                )
            )
        )
    return Tabel(
        "capaian_iku",
        "Capaian IKU Perangkat Daerah",
        [
            [
                kepala("No", rowspan=2),
                kepala("Sasaran Strategis", rowspan=2),
                kepala("Indikator Kinerja", rowspan=2),
                kepala("Satuan", rowspan=2),
                kepala(f"Tahun {hasil.tahun}", colspan=3),
                kepala("Kategori", rowspan=2),
                kepala("Sumber Data", rowspan=2),
            ],
            [kepala("Target"), kepala("Realisasi"), kepala("Capaian (%)")],
        ],
        baris,
        sumber=(
            f"{hasil.pk_terakhir.judul} dan {monev(hasil.tribulan)} Tahun {hasil.tahun}" if hasil.pk_terakhir else ""
        ),
        lebar=(4, 18, 22, 7, 9, 9, 9, 10, 12),
    )


def tahun_tabel_lalu(hasil: HasilOPD) -> list[int]:
    return sorted({th for b in hasil.tahun_lalu for th in b.nilai})


def tabel_tahun_lalu(hasil: HasilOPD, opd) -> Tabel:
    """Tabel 3.3: realisasi of earlier years next to this year's target, realisasi and capaian."""
    tahun = tahun_tabel_lalu(hasil)
    sasaran = {s.pk: s for s in hasil.sasaran_semua}
    tujuan = {t.pk: t for t in hasil.tujuan_semua}
    # The year's columns are those of the indicators the year measures (its latest PK): an IKU the PK
    # Perubahan dropped keeps its earlier years and leaves the year empty, as the seed's table does.
    diukur = {baris_iku.hasil.indikator.pk for baris_iku in hasil.iku}
    baris = []
    terakhir = object()
    n = 0
    for b in hasil.tahun_lalu:
        ind = b.indikator
        induk = sasaran.get(ind.sasaran_id) or tujuan.get(ind.tujuan_id)
        induk_baru = induk is not terakhir
        terakhir = induk
        if induk_baru:
            n += 1
        h = b.hasil if ind.pk in diukur else None
        sel = [
            nomor(n) if induk_baru else teks(""),
            teks(induk.nama if induk is not None and induk_baru else ""),
            teks(ind.nama),
            teks(ind.satuan),
        ]
        sel += [angka(b.nilai.get(th)) for th in tahun]
        sel += [angka(h.target if h else None), angka(h.realisasi if h else None), persen(h.capaian if h else None)]
        baris.append(Baris(tuple(sel)))
    kepala_atas = [
        kepala("No", rowspan=2),
        kepala("Sasaran Strategis", rowspan=2),
        kepala("Indikator Kinerja", rowspan=2),
        kepala("Satuan", rowspan=2),
    ]
    if tahun:
        kepala_atas.append(kepala("Realisasi", colspan=len(tahun)))
    kepala_atas.append(kepala(f"Tahun {hasil.tahun}", colspan=3))
    return Tabel(
        "tahun_lalu",
        "Perbandingan Capaian Kinerja",
        [kepala_atas, [kepala(str(t)) for t in tahun] + [kepala("Target"), kepala("Realisasi"), kepala("Capaian (%)")]],
        baris,
        sumber=(
            f"LKjIP {opd.nama} Tahun {tahun[0]} – {hasil.tahun}" if tahun else f"LKjIP {opd.nama} Tahun {hasil.tahun}"
        ),
        lebar=(4, 20, 24, 7, *(7,) * len(tahun), 8, 8, 8),
    )


def _label_induk(ind) -> str:
    if ind.level == "tujuan" and ind.tujuan is not None:
        return f"Tujuan: {ind.tujuan.nama}"
    if ind.level == "sasaran" and ind.sasaran is not None:
        return f"Sasaran: {ind.sasaran.nama}"
    return ""


def tabel_kemajuan(hasil: HasilOPD, opd, renstra) -> Tabel:
    """Tabel 3.4: realisasi of the year against the target of the Renstra's last year."""
    baris = []
    for n, k in enumerate(hasil.kemajuan, start=1):
        h = k.hasil
        baris.append(
            Baris(
                (
                    nomor(n),
                    teks(_label_induk(h.indikator)),
                    teks(h.nama),
                    teks(h.satuan),
                    angka(h.realisasi),
                    angka(k.target_akhir),
                    persen(k.persen),
                )
            )
        )
    tahun_akhir = renstra.tahun_akhir if renstra else ""
    return Tabel(
        "kemajuan",
        "Kemajuan Capaian Sasaran Strategis",
        [
            [
                kepala("No"),
                kepala("Tujuan/ Sasaran"),
                kepala("Indikator Kinerja"),
                kepala("Satuan"),
                kepala(f"Realisasi Kinerja Tahun {hasil.tahun}"),
                kepala(f"Target Akhir Renstra ({tahun_akhir})"),
                kepala("Tingkat Kemajuan (%)"),
            ]
        ],
        baris,
        sumber=f"{renstra.nama} Periode {renstra.tahun_awal}-{renstra.tahun_akhir}" if renstra else "",
        lebar=(4, 26, 28, 7, 11, 11, 11),
    )


def tabel_standar(hasil: HasilOPD) -> Tabel:
    """Tabel 3.5: realisasi (or one formula input) against national or provincial standards."""
    baris = []
    sumber = []
    for n, s in enumerate(hasil.standar, start=1):
        h = s.hasil
        dibanding = s.variabel.label if s.variabel is not None else "Realisasi indikator"
        baris.append(
            Baris(
                (
                    nomor(n),
                    teks(_label_induk(h.indikator)),
                    teks(h.nama),
                    teks(dibanding),
                    angka(s.nilai),
                    teks(f"{s.standar.get_tingkat_display()}: {s.standar.uraian}"),
                    angka(s.pembanding),
                    persen(s.persen),
                )
            )
        )
        if s.standar.sumber and s.standar.sumber not in sumber:
            sumber.append(s.standar.sumber)
    return Tabel(
        "standar",
        "Perbandingan Capaian dengan Standar Nasional/Provinsi",
        [
            [
                kepala("No"),
                kepala("Tujuan/ Sasaran"),
                kepala("Indikator Kinerja"),
                kepala("Yang Dibandingkan"),
                kepala(f"Realisasi Tahun {hasil.tahun}"),
                kepala("Standar Nasional/ Provinsi"),
                kepala("Nilai Standar"),
                kepala("% Capaian"),
            ]
        ],
        baris,
        sumber="; ".join(sumber),
        lebar=(4, 18, 18, 14, 10, 18, 9, 9),
    )


def tabel_ukur_sasaran(s: HasilSasaran, urutan: int, kunci: str, tribulan: int) -> Tabel:
    """Tabel 3.6 / 3.9: the indicators measuring one sasaran and their mean capaian."""
    baris = [
        Baris(
            (
                nomor(n),
                teks(h.nama),
                teks(h.satuan),
                angka(h.target),
                angka(h.realisasi),
                persen(h.capaian),
                teks(h.kategori or KOSONG),
            )
        )
        for n, h in enumerate(s.indikator, start=1)
    ]
    baris.append(
        Baris(
            (
                teks(""),
                teks("RATA-RATA", tebal=True),
                teks(""),
                teks(""),
                teks(""),
                persen(s.capaian, tebal=True),
                teks(s.kategori or KOSONG, tebal=True),
            ),
            "jumlah",
        )
    )
    return Tabel(
        kunci,
        f"Pengukuran Kinerja Sasaran {urutan_teks(urutan)}",
        [
            [
                kepala("No"),
                kepala("Indikator Kinerja Utama"),
                kepala("Satuan"),
                kepala("Target"),
                kepala("Realisasi"),
                kepala("Capaian (%)"),
                kepala("Kategori"),
            ]
        ],
        baris,
        sumber=monev(tribulan),
        lebar=(4, 40, 8, 10, 10, 12, 14),
    )


def tabel_pendukung_sasaran(s: HasilSasaran) -> list:
    """The supporting tables whose column sums feed the formula inputs of the sasaran's indicators."""
    tabel = []
    for h in s.indikator:
        for i in h.input:
            if i.tabel is not None and all(t.pk != i.tabel.pk for t in tabel):
                tabel.append(i.tabel)
    return tabel


def tabel_data_pendukung(hasil: HasilOPD, tabel, baris_tabel: Sequence, kunci: str) -> Tabel:
    """Tabel 3.7 / 3.10: a supporting table; its totals are the engine's sums (the formula inputs)."""
    kolom = sorted({b.kolom for b in baris_tabel})
    label: list[str] = []
    isi: dict[tuple[str, str], Decimal] = {}
    for b in sorted(baris_tabel, key=lambda b: (b.urutan, b.label, b.kolom)):
        if b.label not in label:
            label.append(b.label)
        isi[(b.label, b.kolom)] = b.nilai
    baris = [
        Baris((nomor(n), teks(lbl), *(nilai(isi.get((lbl, k))) for k in kolom)))
        for n, lbl in enumerate(label, start=1)
    ]
    baris.append(
        Baris(
            (
                teks(""),
                teks("Jumlah Total", tebal=True),
                *(nilai(hasil.jumlah_kolom(tabel.pk, k), tebal=True) for k in kolom),
            ),
            "jumlah",
        )
    )
    satuan = f"Jumlah ({tabel.satuan})" if tabel.satuan else "Jumlah"
    return Tabel(
        kunci,
        tabel.judul,
        [
            [kepala("No", rowspan=2), kepala(tabel.judul_baris, rowspan=2), kepala(satuan, colspan=len(kolom))],
            [kepala(k) for k in kolom],
        ]
        if kolom
        else [[kepala("No"), kepala(tabel.judul_baris)]],
        baris,
        sumber=tabel.sumber,
        lebar=(6, 54, *(20,) * len(kolom)),
    )


def tabel_program_sasaran(s: HasilSasaran, urutan: int, kunci: str) -> Tabel:
    """Tabel 3.8 / 3.11: the programs mapped to the sasaran, with their kegiatan and sub kegiatan."""
    baris = []
    for n, p in enumerate(s.program, start=1):
        for b in p.baris():
            baris.append(
                Baris(
                    (nomor(n) if b.level == "program" else teks(""), teks(b.kode), teks(_prefiks(b.level) + b.nama)),
                    _jenis_baris(b.level),
                )
            )
    return Tabel(
        kunci,
        f"Program, Kegiatan dan Sub Kegiatan Pendukung Kinerja Sasaran {urutan_teks(urutan)}",
        [[kepala("No"), kepala("Kode"), kepala("Program, Kegiatan dan Sub Kegiatan")]],
        baris,
        sumber="Dokumen Pelaksanaan Anggaran",
        lebar=(6, 18, 76),
    )


def _gabung(angka_list: Sequence[Angka]) -> Sel:
    """One figure as a number; several (a sasaran with more indicators) as text, one per indicator."""
    if len(angka_list) == 1:
        return angka(angka_list[0])
    return teks("; ".join(a.teks for a in angka_list) or KOSONG)


def tabel_efisiensi(hasil: HasilOPD) -> Tabel:
    """Tabel 3.12: capaian of each sasaran against the absorption of the programs that fund it."""
    baris = []
    for n, s in enumerate(hasil.sasaran, start=1):
        baris.append(
            Baris(
                (
                    nomor(n),
                    teks(s.nama),
                    _gabung([h.target for h in s.indikator]),
                    _gabung([h.realisasi for h in s.indikator]),
                    persen(s.capaian),
                    rupiah(s.pagu),
                    rupiah(s.realisasi_anggaran),
                    persen(s.penyerapan),
                    persen(s.efisiensi),
                )
            )
        )
    return Tabel(
        "efisiensi",
        "Perbandingan Pencapaian Kinerja dan Anggaran Tujuan dan Sasaran",
        [
            [
                kepala("No", rowspan=2),
                kepala("Sasaran", rowspan=2),
                kepala("Indikator Kinerja", colspan=3),
                kepala("Anggaran", colspan=3),
                kepala("Efisiensi (%)", rowspan=2),
            ],
            [
                kepala("Target"),
                kepala("Realisasi"),
                kepala("Capaian (%)"),
                kepala("Pagu (Rp)"),
                kepala("Realisasi (Rp)"),
                kepala("Penyerapan (%)"),
            ],
        ],
        baris,
        sumber=f"{monev(hasil.tribulan)} dan DPA Tahun {hasil.tahun}",
        lebar=(4, 20, 8, 8, 9, 14, 14, 9, 9),
    )


def tabel_keberhasilan(hasil: HasilOPD, opd) -> Tabel:
    """Tabel 3.13: programs and kegiatan supporting each sasaran, and whether they reached 100%."""
    baris = []
    for n, s in enumerate(hasil.sasaran, start=1):
        daftar = list(s.program_kegiatan) or [None]
        for j, pk in enumerate(daftar):
            awal = j == 0
            sel = [
                nomor(n) if awal else teks(""),
                teks(s.nama if awal else ""),
                teks("; ".join(h.nama for h in s.indikator) if awal else ""),
                persen(s.capaian) if awal else teks(""),
            ]
            if pk is None:
                sel += [teks(KOSONG), teks(KOSONG), teks(KOSONG), teks(KOSONG)]
            else:
                sel += [
                    teks(_prefiks(pk.level) + pk.objek.nama),
                    teks("; ".join(h.nama for h in pk.indikator) or KOSONG),
                    persen(pk.capaian),
                    teks(pk.menunjang_teks),
                ]
            baris.append(Baris(tuple(sel), _jenis_baris(pk.level) if pk else ""))
    return Tabel(
        "keberhasilan",
        "Keberhasilan dan Kegagalan Program dan Kegiatan",
        [
            [
                kepala("No"),
                kepala("Sasaran"),
                kepala("Indikator Kinerja"),
                kepala("Capaian (%)"),
                kepala("Program/ Kegiatan"),
                kepala("Indikator Kinerja"),
                kepala("Capaian (%)"),
                kepala("Menunjang/ Tidak Menunjang"),
            ]
        ],
        baris,
        sumber=f"{monev(hasil.tribulan)} {opd.nama} Tahun {hasil.tahun}",
        lebar=(4, 14, 14, 8, 22, 20, 8, 10),
    )


def tabel_anggaran(hasil: HasilOPD, opd) -> Tabel:
    """Tabel 3.14: pagu, realisasi and absorption of every program, kegiatan and sub kegiatan."""
    baris = []
    n = 0
    for b in hasil.baris_anggaran():
        if b.level == "program":
            n += 1
        baris.append(
            Baris(
                (
                    nomor(n) if b.level == "program" else teks(""),
                    teks(b.kode),
                    teks(_prefiks(b.level) + b.nama),
                    rupiah(b.pagu),
                    rupiah(b.realisasi),
                    persen(b.penyerapan),
                ),
                _jenis_baris(b.level),
            )
        )
    total = hasil.anggaran
    baris.append(
        Baris(
            (
                teks(""),
                teks(""),
                teks("JUMLAH", tebal=True),
                rupiah(total.pagu, tebal=True),
                rupiah(total.realisasi, tebal=True),
                persen(total.penyerapan, tebal=True),
            ),
            "jumlah",
        )
    )
    catatan = []
    if total.tanpa_realisasi:
        nama = ", ".join(_nama_pendek(o) for o in total.tanpa_realisasi)
        catatan.append(
            f"Realisasi belum lengkap: belum ada realisasi untuk {nama}; penyerapan seluruh OPD belum dapat "
            f"dihitung. Penyerapan atas mata anggaran yang sudah terisi: {total.penyerapan_terisi.persen}."
        )
    if total.tanpa_pagu:
        nama = ", ".join(_nama_pendek(o) for o in total.tanpa_pagu)
        catatan.append(f"Pagu belum lengkap: belum ada pagu untuk {nama}.")
    dokumen = "DPA Perubahan" if hasil.dokumen_anggaran == "dpa_perubahan" else "DPA"
    return Tabel(
        "anggaran",
        f"Capaian Realisasi Anggaran Tahun {hasil.tahun}",
        [
            [
                kepala("No"),
                kepala("Kode"),
                kepala("Program / Kegiatan / Sub Kegiatan"),
                kepala(f"Pagu {dokumen} (Rp)"),
                kepala("Realisasi (Rp)"),
                kepala("Capaian (%)"),
            ]
        ],
        baris,
        sumber=f"{monev(hasil.tribulan)} {opd.nama} Tahun {hasil.tahun}",
        catatan=catatan,
        lebar=(4, 14, 44, 14, 14, 10),
    )


# --------------------------------------------------------------------------------------------
# Lampiran
# --------------------------------------------------------------------------------------------


def tabel_lampiran_pk(hasil: HasilOPD, pk, kunci: str, nama_lembar: str) -> Tabel:
    """The table of a signed PK: the original, or for a PK Perubahan the targets before and after."""
    indikator = {i.pk: i for i in hasil.indikator_semua}
    lama = hasil.pk_sebelum(pk)
    if not lama:
        tabel = tabel_pk(hasil, hasil.opd, pk, kunci, lengkap=True)
        tabel.judul = f"{pk.judul} Tahun {hasil.tahun}: Sasaran, Indikator dan Target"
        tabel.nama_lembar = nama_lembar
        return tabel
    # Before and after: every sasaran-indicator pair of either version, the old order first.
    sebelum = {b.indikator_id: b for b in hasil.baris_pk(lama)}
    sesudah = {b.indikator_id: b for b in hasil.baris_pk(pk)}
    urutan = [
        i
        for i in list(sebelum) + [i for i in sesudah if i not in sebelum]
        if sasaran_strategis(sesudah.get(i) or sebelum[i], indikator.get(i))
    ]
    baris = []
    terakhir = None
    n = 0
    for ind_id in urutan:
        b = sesudah.get(ind_id) or sebelum[ind_id]
        ind = indikator.get(ind_id)
        baru = b.sasaran_uraian != terakhir
        terakhir = b.sasaran_uraian
        if baru:
            n += 1
        baris.append(
            Baris(
                (
                    nomor(n) if baru else teks(""),
                    teks(b.sasaran_uraian if baru else ""),
                    teks(ind.nama if ind else KOSONG),
                    teks(b.satuan or (ind.satuan if ind else "")),
                    nilai(sebelum[ind_id].target if ind_id in sebelum else None),
                    nilai(sesudah[ind_id].target if ind_id in sesudah else None),
                )
            )
        )
    return Tabel(
        kunci,
        f"{pk.judul} Tahun {hasil.tahun}: Target Sebelum dan Sesudah Perubahan",
        [
            [
                kepala("No"),
                kepala("Sasaran Strategis"),
                kepala("Indikator Kinerja"),
                kepala("Satuan"),
                kepala("Target Sebelum Perubahan"),
                kepala("Target Setelah Perubahan"),
            ]
        ],
        baris,
        sumber=f"{pk.judul} Tahun {hasil.tahun}",
        nama_lembar=nama_lembar,
        lebar=(4, 28, 34, 8, 13, 13),
    )


def tabel_lampiran_anggaran_pk(hasil: HasilOPD, pk, kunci: str, nama_lembar: str) -> Tabel:
    """The budgets of a signed PK; for a PK Perubahan, before and after the change."""
    lama = hasil.pk_sebelum(pk)
    if not lama:
        tabel = tabel_anggaran_pk(hasil, pk, kunci, nama_lembar)
        return tabel
    program = _program_per_id(hasil)
    sebelum = {a.program_id: a.nilai for a in hasil.anggaran_pk(lama)}
    sesudah = {a.program_id: a.nilai for a in hasil.anggaran_pk(pk)}
    urutan = list(sebelum) + [p for p in sesudah if p not in sebelum]
    baris = []
    for n, pid in enumerate(urutan, start=1):
        p = program.get(pid)
        baris.append(
            Baris(
                (
                    nomor(n),
                    teks(p.nama if p else KOSONG),
                    nilai(sebelum.get(pid), "rupiah"),
                    nilai(sesudah.get(pid), "rupiah"),
                )
            )
        )
    total_lama = hasil.total_anggaran_pk(lama)
    total_baru = hasil.total_anggaran_pk(pk)
    baris.append(
        Baris(
            (teks(""), teks("JUMLAH", tebal=True), nilai(total_lama, "rupiah", True), nilai(total_baru, "rupiah", True)),
            "jumlah",
        )
    )
    return Tabel(
        kunci,
        f"Anggaran Program dalam {pk.judul} Tahun {hasil.tahun}: Sebelum dan Sesudah Perubahan",
        [[kepala("No"), kepala("Program"), kepala("Sebelum Perubahan (Rp)"), kepala("Sesudah Perubahan (Rp)")]],
        baris,
        sumber=f"{pk.judul} Tahun {hasil.tahun}",
        nama_lembar=nama_lembar,
        lebar=(4, 56, 20, 20),
    )


def ada_rencana_aksi(hasil: HasilOPD) -> bool:
    """Some indicator of the latest PK has a Rencana Aksi target: the lampiran then lists them."""
    return any(b.hasil.ada_rencana_aksi for b in hasil.iku)


def tabel_lampiran_rencana_aksi(hasil: HasilOPD) -> Tabel:
    """Rencana Aksi of the latest PK: per indicator and Tribulan the planned action, the Tribulan's target,
    its realisasi and the capaian against that target (the engine's, with the yearly rules). A Tribulan
    after the report's own shows no realisasi yet."""
    baris = []
    for n, b in enumerate(hasil.iku, start=1):
        h = b.hasil
        for t in TRIBULAN:
            pertama = t == TRIBULAN[0]
            realisasi = h.realisasi_tw[t].nilai if t <= hasil.tribulan else None
            baris.append(
                Baris(
                    (
                        nomor(n) if pertama else teks(""),
                        teks(h.nama if pertama else ""),
                        teks((b.baris.satuan or h.satuan) if pertama else ""),
                        angka(h.target) if pertama else teks(""),
                        teks(NAMA_TRIBULAN[t]),
                        teks(h.rencana_aksi.get(t) or KOSONG),
                        angka(h.target_tribulan[t]),
                        angka(realisasi),
                        persen(h.capaian_tribulan[t]),
                    )
                )
            )
    pk = hasil.pk_terakhir
    return Tabel(
        "lamp_rencana_aksi",
        f"Rencana Aksi {pk.judul if pk else 'Perjanjian Kinerja'} Tahun {hasil.tahun}",
        [
            [
                kepala("No"),
                kepala("Indikator Kinerja"),
                kepala("Satuan"),
                kepala("Target Tahunan"),
                kepala("Tribulan"),
                kepala("Rencana Aksi"),
                kepala("Target Tribulan"),
                kepala("Realisasi Tribulan"),
                kepala("Capaian Tribulan (%)"),
            ]
        ],
        baris,
        sumber=f"Rencana Aksi dan {monev(hasil.tribulan)} Tahun {hasil.tahun}",
        catatan=[
            "Realisasi tribulan: nilai yang dipakai pada tribulan itu (kumulatif sampai akhir tribulan untuk "
            "indikator kumulatif); capaian dihitung terhadap target tribulan dengan aturan capaian tahunan."
        ],
        nama_lembar="Lamp Rencana Aksi",
        lebar=(4, 26, 7, 9, 10, 20, 8, 8, 8),
    )


def tabel_lampiran_metadata(hasil: HasilOPD, opd, renstra, target_renstra: dict) -> Tabel:
    """The metadata of every sasaran indicator of the Renstra in force, with its yearly targets."""
    tahun = list(range(renstra.tahun_awal, renstra.tahun_akhir + 1)) if renstra else []
    baris = []
    n = 0
    for _tujuan, sasaran, indikator in indikator_renstra(hasil, renstra):
        if sasaran is None:
            continue
        for j, ind in enumerate(indikator):
            if j == 0:
                n += 1
            baris.append(
                Baris(
                    (
                        nomor(n) if j == 0 else teks(""),
                        teks(sasaran.nama if j == 0 else ""),
                        teks(ind.nama),
                        teks(ind.satuan),
                        teks(ind.definisi_operasional or KOSONG),
                        teks(ind.formula_uraian or ind.rumus or KOSONG),
                        *(nilai(target_renstra.get((ind.pk, th))) for th in tahun),
                        teks(ind.sumber_data or KOSONG),
                        teks(ind.penanggung_jawab or KOSONG),
                    )
                )
            )
    judul_periode = f"Tahun {renstra.tahun_awal} – {renstra.tahun_akhir}" if renstra else ""
    return Tabel(
        "lamp_metadata",
        f"Metadata Indikator Kinerja Utama {opd.nama} {judul_periode}".strip(),
        [
            [
                kepala("No"),
                kepala("Sasaran Renstra"),
                kepala("Indikator"),
                kepala("Satuan"),
                kepala("Definisi Operasional"),
                kepala("Formulasi Perhitungan"),
                *(kepala(f"Target {t}") for t in tahun),
                kepala("Sumber Data"),
                kepala("Penanggung Jawab"),
            ]
        ],
        baris,
        sumber=f"{renstra.nama} Periode {renstra.tahun_awal}-{renstra.tahun_akhir}" if renstra else "",
        nama_lembar="Lamp Metadata IKU",
        lebar=(3, 11, 11, 5, 14, 14, *(5,) * len(tahun), 9, 9),
    )


def tabel_lampiran_rkpd(hasil: HasilOPD) -> Tabel:
    """The RKPD evaluation summary per program: mean capaian of its indicators and its absorption."""
    capaian = {pk.objek.pk: pk for pk in hasil.program_kegiatan if pk.level == "program"}
    baris = []
    for n, p in enumerate(hasil.anggaran.anak, start=1):
        c = capaian.get(p.objek.pk)
        baris.append(
            Baris(
                (
                    nomor(n),
                    teks(p.nama),
                    persen(c.capaian if c else None),
                    teks((c.kategori if c else None) or KOSONG),
                    persen(p.penyerapan),
                    teks(kategori_untuk(p.penyerapan.tampil, hasil.rentang) or KOSONG),
                )
            )
        )
    return Tabel(
        "lamp_rkpd",
        f"Kesimpulan Evaluasi terhadap Hasil RKPD {NAMA_TRIBULAN[hasil.tribulan]} Tahun {hasil.tahun}",
        [
            [
                kepala("No"),
                kepala("Program"),
                kepala("Rata-rata Capaian Kinerja Program (%)"),
                kepala("Predikat Capaian Kinerja"),
                kepala("Realisasi Anggaran (%)"),
                kepala("Predikat Capaian Anggaran"),
            ]
        ],
        baris,
        sumber=f"{monev(hasil.tribulan)} Tahun {hasil.tahun}, dihitung dari data monev",
        nama_lembar="Lamp Evaluasi RKPD",
        lebar=(4, 44, 13, 13, 13, 13),
    )


NAMA_LEVEL = {
    "tujuan": "Tujuan",
    "sasaran": "Sasaran",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "Sub Kegiatan",
}


def _induk_indikator(ind) -> str:
    induk = ind.induk
    return getattr(induk, "nama", "") if induk is not None else ""


def _teks_input(masukan) -> str:
    baris = []
    for i in masukan:
        satuan = f" {i.satuan}" if i.satuan else ""
        asal = f" (jumlah tabel {i.tabel.judul}, kolom {i.kolom})" if i.tabel is not None else ""
        nilai_teks = i.angka.teks if i.nilai is not None else f"{KOSONG} ({i.alasan})"
        baris.append(f"{i.label} = {nilai_teks}{satuan}{asal}")
    return "\n".join(baris)


def tabel_kertas_kerja(hasil: HasilOPD, opd) -> Tabel:
    """The Kertas Kerja: formula, inputs and result of every indicator the year measures."""
    baris = []
    for n, h in enumerate(hasil.indikator, start=1):
        ind = h.indikator
        sumber = {"rumus": "dihitung dari rumus", "diketik": "diisi langsung", "campuran": "rumus dan isian"}
        keterangan = NAMA_LEVEL.get(h.level, h.level)
        if h.sumber_realisasi:
            keterangan += f"; {sumber.get(h.sumber_realisasi, h.sumber_realisasi)}"
        baris.append(
            Baris(
                (
                    nomor(n),
                    teks(_induk_indikator(ind)),
                    teks(ind.nama),
                    teks(ind.formula_uraian or ind.rumus or KOSONG),
                    teks(_teks_input(h.input) or KOSONG),
                    angka(h.realisasi),
                    teks(keterangan),
                ),
                _jenis_baris(h.level) or "sasaran",
            )
        )
    return Tabel(
        "kertas_kerja",
        f"Kertas Kerja Perhitungan Capaian Outcome {opd.nama}",
        [
            [
                kepala("No"),
                kepala("Nama Tujuan/ Sasaran/ Program/ Kegiatan"),
                kepala("Indikator"),
                kepala("Formula Perhitungan"),
                kepala("Data Masukan"),
                kepala("Hasil Perhitungan"),
                kepala("Keterangan"),
            ]
        ],
        baris,
        sumber=f"{monev(hasil.tribulan)} Tahun {hasil.tahun}",
        nama_lembar="Kertas Kerja",
        lebar=(3, 17, 17, 20, 22, 9, 12),
    )


def tabel_catatan_angka(catatan: Sequence) -> Tabel:
    """The "Catatan atas angka" lampiran: each figure that differs from the one first written for it
    (`lkjip.laporan.catatan`), with both figures and the reason."""
    baris = [
        Baris((nomor(n), teks(c.letak), teks(c.semula), teks(c.laporan), teks(c.alasan)))
        for n, c in enumerate(catatan, start=1)
    ]
    return Tabel(
        "lamp_catatan_angka",
        "Catatan atas Angka",
        [
            [
                kepala("No"),
                kepala("Letak (Tabel/Bagian)"),
                kepala("Angka Semula"),
                kepala("Angka dalam Laporan"),
                kepala("Alasan"),
            ]
        ],
        baris,
        sumber="Pemeriksaan konsistensi data dan naskah laporan yang dicetak sebelumnya",
        nama_lembar="Lamp Catatan Angka",
        lebar=(4, 30, 16, 16, 34),
    )
