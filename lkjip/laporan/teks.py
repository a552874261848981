"""What the `capaian` command prints: the report's own tables as plain text, or the engine's figures as JSON.

Text: the command builds the LKjIP's `Dokumen` and prints its tables in document order (label and title,
header rows, body rows, notes, source), under the chapter they stand in, then the checker's findings.
It assembles no table of its own, so the terminal shows exactly the rows and figures the web page, the
PDF and the xlsx show. Long text wraps inside its column; figures never wrap and are right-aligned.

JSON: one object whose numbers are strings of the displayed value with a dot decimal separator
("94.00", "15920223771"); a missing figure is null. Scripts read it; its keys are a contract.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from capaian.engine import HasilOPD
from inti.periode import NAMA_TRIBULAN, TRIBULAN
from inti.tampilan import KOSONG, Angka
from lkjip.laporan.blok import BlokJudul, BlokPK, BlokTabel
from lkjip.laporan.dokumen import Dokumen
from lkjip.laporan.tabel import Sel, Tabel

LEBAR_TEKS = 32  # the widest a text column gets; longer text wraps onto more lines of the row
JARAK = "  "


# --------------------------------------------------------------------------------------------
# A table as text
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Letak:
    """A cell placed on the column grid."""

    kolom: int
    sel: Sel

    @property
    def sampai(self) -> int:
        return self.kolom + self.sel.colspan


def _letak_kepala(kepala: list[list[Sel]]) -> list[list[_Letak]]:
    """Header cells on the grid; a slot a rowspan from an earlier row covers stays blank."""
    terisi: set[tuple[int, int]] = set()
    hasil = []
    for r, baris in enumerate(kepala):
        c, letak = 0, []
        for sel in baris:
            while (r, c) in terisi:
                c += 1
            letak.append(_Letak(c, sel))
            terisi.update((r + dr, c + dc) for dr in range(sel.rowspan) for dc in range(sel.colspan))
            c += sel.colspan
        hasil.append(letak)
    return hasil


def _letak_baris(sel_baris) -> list[_Letak]:
    letak, c = [], 0
    for sel in sel_baris:
        letak.append(_Letak(c, sel))
        c += sel.colspan
    return letak


def _kata_terpanjang(teks: str) -> int:
    return max((len(k) for k in teks.split()), default=0)


def _lebar_kepala(sel: Sel) -> int:
    """A header wraps at word boundaries: its column needs room for its longest word."""
    return min(_kata_terpanjang(sel.teks), LEBAR_TEKS)


def _lebar_isi(sel: Sel) -> int:
    """A figure needs its full text; body text wraps at `LEBAR_TEKS`."""
    if sel.angka:
        return len(sel.teks)
    return max((min(len(b), LEBAR_TEKS) for b in sel.teks.split("\n")), default=0)


def _baris_sel(sel: Sel, lebar: int) -> list[str]:
    """The lines a cell takes at this width: a figure as it is, text wrapped (its own line breaks kept)."""
    if sel.angka:
        return [sel.teks]
    baris = []
    for bagian in sel.teks.split("\n"):
        baris += textwrap.wrap(bagian, lebar, break_on_hyphens=False) or [""]
    return baris or [""]


def _susun(letak: list[_Letak], lebar: list[int], kanan: Callable[[_Letak], bool]) -> list[str]:
    """The text lines of one row: every column padded to its width, cells wrapped within their span."""
    per_kolom = {lt.kolom: lt for lt in letak}
    segmen = []  # (width, lines, right-aligned)
    c = 0
    while c < len(lebar):
        lt = per_kolom.get(c)
        if lt is None:
            segmen.append((lebar[c], [""], False))
            c += 1
            continue
        w = sum(lebar[c : lt.sampai]) + len(JARAK) * (lt.sel.colspan - 1)
        segmen.append((w, _baris_sel(lt.sel, w), kanan(lt)))
        c = lt.sampai
    tinggi = max(len(b) for _, b, _ in segmen)
    keluaran = []
    for i in range(tinggi):
        bagian = []
        for w, baris, ke_kanan in segmen:
            isi = baris[i] if i < len(baris) else ""
            bagian.append(isi.rjust(w) if ke_kanan else isi.ljust(w))
        keluaran.append(JARAK.join(bagian).rstrip())
    return keluaran


def tabel_teks(tabel: Tabel) -> list[str]:
    """A report table as plain-text lines: title, header, a rule, body rows, notes and source."""
    kepala = _letak_kepala(tabel.kepala)
    badan = [_letak_baris(b.sel) for b in tabel.baris]
    jumlah = max([tabel.jumlah_kolom, *(lt.sampai for baris in (*kepala, *badan) for lt in baris)], default=0)
    lebar = [0] * jumlah
    for baris in badan:
        for lt in baris:
            if lt.sel.colspan == 1:
                lebar[lt.kolom] = max(lebar[lt.kolom], _lebar_isi(lt.sel))
    for baris in kepala:
        for lt in baris:
            if lt.sel.colspan == 1:
                lebar[lt.kolom] = max(lebar[lt.kolom], _lebar_kepala(lt.sel))
    # A spanning cell widens the last column it covers when its columns are too narrow for it.
    for perlu, daftar in ((_lebar_kepala, kepala), (_lebar_isi, badan)):
        for baris in daftar:
            for lt in baris:
                if lt.sel.colspan > 1:
                    ada = sum(lebar[lt.kolom : lt.sampai]) + len(JARAK) * (lt.sel.colspan - 1)
                    lebar[lt.sampai - 1] += max(0, perlu(lt.sel) - ada)

    # A column of figures (and "–" for a missing one) is right-aligned, its header too.
    angka = [False] * jumlah
    teks = [False] * jumlah
    for baris in badan:
        for lt in baris:
            if lt.sel.colspan == 1 and lt.sel.teks:
                if lt.sel.angka or lt.sel.teks == KOSONG:
                    angka[lt.kolom] = True
                else:
                    teks[lt.kolom] = True
    kolom_angka = [a and not t for a, t in zip(angka, teks, strict=True)]

    def kanan_kepala(lt: _Letak) -> bool:
        return lt.sel.colspan == 1 and kolom_angka[lt.kolom]

    def kanan_badan(lt: _Letak) -> bool:
        return lt.sel.angka or (lt.sel.teks == KOSONG and lt.sel.colspan == 1 and kolom_angka[lt.kolom])

    garis = JARAK.join("-" * w for w in lebar)
    keluaran = [f"{tabel.label} {tabel.judul}".strip()]
    for baris in kepala:
        keluaran += _susun(baris, lebar, kanan_kepala)
    keluaran.append(garis)
    for b, baris in zip(tabel.baris, badan, strict=True):
        if b.jenis == "jumlah":
            keluaran.append(garis)
        keluaran += _susun(baris, lebar, kanan_badan)
    if not tabel.baris:
        keluaran.append("Belum ada data.")
    keluaran += [f"Catatan: {c}" for c in tabel.catatan]
    if tabel.sumber:
        keluaran.append(f"Sumber: {tabel.sumber}")
    return keluaran


# --------------------------------------------------------------------------------------------
# The command's outputs
# --------------------------------------------------------------------------------------------


def keluaran_teks(dok: Dokumen) -> list[str]:
    """The report's tables in document order, each under its chapter, then the checker's findings."""
    hasil = dok.hasil
    acuan = hasil.pk_terakhir.judul if hasil.pk_terakhir else "belum ada Perjanjian Kinerja"
    anggaran = "DPA Perubahan" if hasil.dokumen_anggaran == "dpa_perubahan" else "DPA"
    baris = [
        f"Capaian kinerja {dok.opd.nama} tahun {dok.tahun} (s.d. {NAMA_TRIBULAN[hasil.tribulan]})",
        f"Acuan target: {acuan}; anggaran: {anggaran}",
    ]
    if hasil.tribulan != 4:
        baris.append(
            f"Angka sementara s.d. {NAMA_TRIBULAN[hasil.tribulan]}; LKjIP tahunan memakai angka Tribulan IV."
        )
    bab = None  # the chapter heading not printed yet: printed above the first table it holds
    for blok in dok.blok:
        if isinstance(blok, BlokJudul) and blok.judul.tingkat == 1:
            bab = blok.judul.lengkap
        elif isinstance(blok, BlokTabel | BlokPK):
            tabel = [blok.tabel] if isinstance(blok, BlokTabel) else [blok.tabel_kinerja, blok.tabel_anggaran]
            for tb in tabel:
                if bab is not None:
                    baris += ["", bab, "=" * len(bab)]
                    bab = None
                baris += ["", *tabel_teks(tb)]
    baris += ["", f"TEMUAN PEMERIKSAAN ({len(hasil.temuan)})"]
    baris += [f"{i}. [{t.jenis}] {t.pesan}" for i, t in enumerate(hasil.temuan, start=1)] or ["(tidak ada)"]
    return baris


def _per_tribulan(angka: Mapping[int, Angka]) -> dict[str, str | None]:
    """Tribulan 1-4 as keys "1".."4", each the displayed value or null."""
    return {str(t): angka[t].mesin if t in angka else None for t in TRIBULAN}


def keluaran_json(hasil: HasilOPD) -> dict:
    """The engine's figures as one JSON object. Per indicator, `target_tribulan` and `capaian_tribulan`
    hold the Rencana Aksi target of each Tribulan and that Tribulan's realisasi judged against it."""
    return {
        "opd": hasil.opd.kode,
        "tahun": hasil.tahun,
        "indikator": [
            {
                "kode": h.kode,
                "nama": h.nama,
                "level": h.level,
                "satuan": h.satuan,
                "polaritas": h.polaritas,
                "target": h.target.mesin,
                "realisasi": h.realisasi.mesin,
                "capaian": h.capaian.mesin,
                "kategori": h.kategori,
                "status": h.status,
                "target_tribulan": _per_tribulan(h.target_tribulan),
                "capaian_tribulan": _per_tribulan(h.capaian_tribulan),
            }
            for h in hasil.indikator
        ],
        "anggaran": [
            {
                "kode": b.kode,
                "nama": b.nama,
                "level": b.level,
                "pagu": b.pagu.mesin,
                "realisasi": b.realisasi.mesin,
                "penyerapan": b.penyerapan.mesin,
            }
            for b in hasil.baris_anggaran()
        ],
        "sasaran": [
            {
                "kode": s.kode,
                "nama": s.nama,
                "capaian": s.capaian.mesin,
                "pagu": s.pagu.mesin,
                "realisasi_anggaran": s.realisasi_anggaran.mesin,
                "penyerapan": s.penyerapan.mesin,
                "efisiensi": s.efisiensi.mesin,
            }
            for s in hasil.sasaran
        ],
        "temuan": [{"jenis": t.jenis, "pesan": t.pesan} for t in hasil.temuan],
    }
