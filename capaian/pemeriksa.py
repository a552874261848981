"""The consistency checker: what a careful reviewer would flag in an OPD's year before the report goes out.

A report made by hand has errors (DOMAIN.md lists those of the seed); since the engine computes every
figure itself, the data it reads can be cross-checked: PK targets against the Renstra and Renja, PK
budgets against the DPA of the same version, typed realisasi against its own formula inputs, roll-ups
against figures entered on a parent line, cumulative series that go down, budget lines without
realisasi, absorption behind the quarterly benchmarks, Rencana Aksi that does not lead to the year's
target, planned spending that goes down or exceeds the pagu.

`periksa(hasil)` works on an engine result without any query (`HasilOPD.temuan` calls it). Each finding (`Temuan`) has a stable `jenis` slug, an Indonesian sentence naming the
objects and both figures, and the objects involved.

A year may carry two budgets: the original (murni: APBD murni, its DPA, the PK) and the amended one
(perubahan: APBD Perubahan, its DPA Perubahan or DPPA, the PK Perubahan). A program then has two pagu
figures, so every pagu a finding prints names the document and stage it comes from (`NAMA_DOKUMEN`,
`judul_pk`); otherwise two findings on one program would show two pagu without saying which is which.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from inti.periode import NAMA_TRIBULAN, TRIBULAN
from inti.tampilan import desimal_alami, format_angka, format_persen, format_rupiah

if TYPE_CHECKING:  # the engine calls the checker: its types only, no import at run time
    from capaian.engine import HasilAnggaran, HasilOPD

TARGET_PK_BEDA_RENSTRA = "target_pk_beda_renstra"
TARGET_PK_BEDA_RENJA = "target_pk_beda_renja"
PK_TANPA_TARGET_RENSTRA = "pk_tanpa_target_renstra"
ANGGARAN_PK_BEDA_DPA = "anggaran_pk_beda_dpa"
REALISASI_BEDA_RUMUS = "realisasi_beda_rumus"
INPUT_RUMUS_BELUM_LENGKAP = "input_rumus_belum_lengkap"
RUMUS_TIDAK_DAPAT_DIHITUNG = "rumus_tidak_dapat_dihitung"
REALISASI_KUMULATIF_TURUN = "realisasi_kumulatif_turun"
REALISASI_ANGGARAN_TURUN = "realisasi_anggaran_turun"
ANGGARAN_TANPA_REALISASI = "anggaran_tanpa_realisasi"
ANGGARAN_INDUK_BEDA_JUMLAH = "anggaran_induk_beda_jumlah"
PENYERAPAN_DI_BAWAH_PATOKAN = "penyerapan_di_bawah_patokan"
RENCANA_AKSI_BEDA_TARGET = "rencana_aksi_beda_target"
RENCANA_PENYERAPAN_TURUN = "rencana_penyerapan_turun"
RENCANA_PENYERAPAN_MELEBIHI_PAGU = "rencana_penyerapan_melebihi_pagu"

# Kinds in the order they are listed, with a heading for each.
JENIS = {
    TARGET_PK_BEDA_RENSTRA: "Target PK berbeda dengan Renstra",
    TARGET_PK_BEDA_RENJA: "Target PK berbeda dengan Renja",
    PK_TANPA_TARGET_RENSTRA: "Indikator PK tanpa target Renstra",
    ANGGARAN_PK_BEDA_DPA: "Anggaran program di PK berbeda dengan DPA",
    REALISASI_BEDA_RUMUS: "Realisasi diketik berbeda dengan hasil rumus",
    INPUT_RUMUS_BELUM_LENGKAP: "Data masukan rumus belum lengkap",
    RUMUS_TIDAK_DAPAT_DIHITUNG: "Rumus tidak dapat dihitung",
    REALISASI_KUMULATIF_TURUN: "Realisasi kumulatif menurun",
    REALISASI_ANGGARAN_TURUN: "Realisasi anggaran kumulatif menurun",
    ANGGARAN_TANPA_REALISASI: "Mata anggaran tanpa realisasi",
    ANGGARAN_INDUK_BEDA_JUMLAH: "Angka induk berbeda dengan jumlah rinciannya",
    PENYERAPAN_DI_BAWAH_PATOKAN: "Penyerapan anggaran di bawah patokan",
    RENCANA_AKSI_BEDA_TARGET: "Rencana Aksi tidak sampai pada target tahunan",
    RENCANA_PENYERAPAN_TURUN: "Rencana penyerapan kumulatif menurun",
    RENCANA_PENYERAPAN_MELEBIHI_PAGU: "Rencana penyerapan melebihi pagu",
}

# Cumulative absorption expected by the end of each Tribulan (program level).
PATOKAN_PENYERAPAN = {1: Decimal(15), 2: Decimal(40), 3: Decimal(60), 4: Decimal(90)}

NAMA_LEVEL = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub kegiatan", "opd": "OPD"}
# The budget documents as a finding names them, stage included (see the module docstring).
NAMA_DOKUMEN = {"dpa": "DPA murni", "dpa_perubahan": "DPA Perubahan (DPPA)"}


@dataclass(frozen=True)
class Temuan:
    jenis: str
    pesan: str
    objek: tuple[Any, ...] = ()

    @property
    def judul(self) -> str:
        return JENIS.get(self.jenis, self.jenis)


def periksa(hasil: HasilOPD) -> list[Temuan]:
    """All findings on a computed year, grouped by kind in the order of `JENIS`."""
    temuan: list[Temuan] = []
    temuan += _target_pk(hasil)
    temuan += _anggaran_pk(hasil)
    temuan += _realisasi_rumus(hasil)
    temuan += _kumulatif_turun(hasil)
    temuan += _anggaran(hasil)
    temuan += _rencana_aksi(hasil)
    temuan += _rencana_penyerapan(hasil)
    urutan = list(JENIS)
    return sorted(temuan, key=lambda t: urutan.index(t.jenis))


def _angka(nilai: Decimal | None, desimal: int | None = None) -> str:
    return format_angka(nilai, desimal_alami(nilai) if desimal is None else desimal)


def _nama(obj) -> str:
    return f"«{obj.nama}»"


def _mata(baris: HasilAnggaran) -> str:
    return f"{NAMA_LEVEL[baris.level]} {baris.kode} {_nama(baris)}"


def judul_pk(pk) -> str:
    """A PK version named with its stage: the original is the "murni" one; an amendment's title already
    says "Perubahan"."""
    return "Perjanjian Kinerja murni" if pk.revisi == 0 else pk.judul


def _target_pk(hasil: HasilOPD) -> list[Temuan]:
    pk_per_id = {pk.pk: pk for pk in hasil.pk_semua}
    indikator = {i.pk: i for i in hasil.indikator_semua}
    temuan = []
    for baris in hasil.baris_pk():
        pk = pk_per_id[baris.pk_dokumen_id]
        ind = indikator.get(baris.indikator_id)
        if ind is None:
            continue
        dokumen = f"{pk.judul} {hasil.tahun}"
        renstra = hasil.target(ind, hasil.tahun, "renstra")
        if renstra is None:
            temuan.append(
                Temuan(
                    PK_TANPA_TARGET_RENSTRA,
                    f"Indikator {_nama(ind)} ada di {dokumen} dengan target {_angka(baris.target)}, "
                    f"tetapi Renstra tidak menetapkan target tahun {hasil.tahun} untuk indikator ini.",
                    (pk, baris, ind),
                )
            )
        elif renstra != baris.target:
            temuan.append(
                Temuan(
                    TARGET_PK_BEDA_RENSTRA,
                    f"Target {_nama(ind)} di {dokumen} {_angka(baris.target)}, "
                    f"sedangkan target Renstra tahun {hasil.tahun} {_angka(renstra)}.",
                    (pk, baris, ind),
                )
            )
        renja = hasil.target(ind, hasil.tahun, "renja")
        if renja is not None and renja != baris.target:
            temuan.append(
                Temuan(
                    TARGET_PK_BEDA_RENJA,
                    f"Target {_nama(ind)} di {dokumen} {_angka(baris.target)}, "
                    f"sedangkan target Renja tahun {hasil.tahun} {_angka(renja)}.",
                    (pk, baris, ind),
                )
            )
    return temuan


def _anggaran_pk(hasil: HasilOPD) -> list[Temuan]:
    pk_per_id = {pk.pk: pk for pk in hasil.pk_semua}
    temuan = []
    for a in hasil.anggaran_pk():
        pk = pk_per_id[a.pk_dokumen_id]
        dokumen = pk.dokumen_anggaran
        program = {b.objek.pk: b for b in hasil.anggaran_dokumen[dokumen].anak}
        baris = program.get(a.program_id)
        if baris is None:
            continue
        if not baris.pagu.ada:
            pesan = (
                f"Anggaran {_mata(baris)} di {judul_pk(pk)} {pk.tahun} {format_rupiah(a.nilai)}, "
                f"tetapi {NAMA_DOKUMEN[dokumen]} belum mencatat pagunya."
            )
        elif baris.pagu.nilai != a.nilai:
            pesan = (
                f"Anggaran {_mata(baris)} di {judul_pk(pk)} {pk.tahun} {format_rupiah(a.nilai)}, "
                f"sedangkan pagu {NAMA_DOKUMEN[dokumen]} {format_rupiah(baris.pagu.nilai)} "
                f"(selisih {format_rupiah(abs(a.nilai - baris.pagu.nilai))})."
            )
        else:
            continue
        temuan.append(Temuan(ANGGARAN_PK_BEDA_DPA, pesan, (pk, a, baris.objek)))
    return temuan


def _realisasi_rumus(hasil: HasilOPD) -> list[Temuan]:
    temuan = []
    for h in hasil.indikator:
        if not h.indikator.rumus:
            continue
        for t in range(1, hasil.tribulan + 1):
            r = h.realisasi_tw[t]
            ada_data = r.diketik.ada or any(i.nilai is not None for i in r.input)
            if r.rumus.ada:
                if r.diketik.ada and r.diketik.tampil != r.rumus.tampil:
                    temuan.append(
                        Temuan(
                            REALISASI_BEDA_RUMUS,
                            f"Realisasi {_nama(h.indikator)} {NAMA_TRIBULAN[t]} diketik {r.diketik.teks}, "
                            f"sedangkan hasil rumus dari data masukannya {r.rumus.teks}; "
                            f"yang dipakai hasil rumus.",
                            (h.indikator,),
                        )
                    )
            elif ada_data and (r.rumus.alasan or "").startswith("input formula belum lengkap"):
                kosong = [i for i in r.input if i.nilai is None]
                uraian = ", ".join(f"{i.nama} ({i.label})" for i in kosong) or r.rumus.alasan
                dipakai = f"; yang dipakai realisasi diketik {r.diketik.teks}" if r.diketik.ada else ""
                temuan.append(
                    Temuan(
                        INPUT_RUMUS_BELUM_LENGKAP,
                        f"Data masukan rumus {_nama(h.indikator)} {NAMA_TRIBULAN[t]} belum lengkap: "
                        f"{uraian}{dipakai}.",
                        (h.indikator, *(i.variabel for i in kosong if i.variabel is not None)),
                    )
                )
            elif ada_data:
                temuan.append(
                    Temuan(
                        RUMUS_TIDAK_DAPAT_DIHITUNG,
                        f"Rumus {_nama(h.indikator)} {NAMA_TRIBULAN[t]} tidak dapat dihitung: {r.rumus.alasan}.",
                        (h.indikator,),
                    )
                )
    return temuan


def _kumulatif_turun(hasil: HasilOPD) -> list[Temuan]:
    temuan = []
    for h in hasil.indikator:
        if str(h.indikator.agregasi) != "kumulatif":
            continue
        terisi = [
            (t, h.realisasi_tw[t].nilai) for t in range(1, hasil.tribulan + 1) if h.realisasi_tw[t].nilai.ada
        ]
        for (t0, a0), (t1, a1) in zip(terisi, terisi[1:], strict=False):
            if a1.tampil < a0.tampil:
                temuan.append(
                    Temuan(
                        REALISASI_KUMULATIF_TURUN,
                        f"Realisasi kumulatif {_nama(h.indikator)} turun dari {a0.teks} ({NAMA_TRIBULAN[t0]}) "
                        f"menjadi {a1.teks} ({NAMA_TRIBULAN[t1]}).",
                        (h.indikator,),
                    )
                )
    for baris in hasil.baris_anggaran():
        sendiri = hasil.realisasi_anggaran_diisi(baris.level, baris.objek.pk)
        terisi = [(t, sendiri[t]) for t in TRIBULAN if t <= hasil.tribulan and sendiri.get(t) is not None]
        for (t0, a0), (t1, a1) in zip(terisi, terisi[1:], strict=False):
            if a1 < a0:
                temuan.append(
                    Temuan(
                        REALISASI_ANGGARAN_TURUN,
                        f"Realisasi kumulatif {_mata(baris)} turun dari {format_rupiah(a0)} ({NAMA_TRIBULAN[t0]}) "
                        f"menjadi {format_rupiah(a1)} ({NAMA_TRIBULAN[t1]}).",
                        (baris.objek,),
                    )
                )
    return temuan


def _tanpa_realisasi(baris: HasilAnggaran, tribulan: int, dokumen: str) -> list[Temuan]:
    """The highest lines with a pagu and no realisasi at all (a whole program, not each of its lines)."""
    if baris.level != "opd" and baris.pagu.ada and baris.pagu.nilai > 0 and not baris.realisasi.ada:
        return [
            Temuan(
                ANGGARAN_TANPA_REALISASI,
                f"{_mata(baris)} memiliki pagu {NAMA_DOKUMEN[dokumen]} {format_rupiah(baris.pagu.nilai)} "
                f"tetapi belum ada realisasi sampai {NAMA_TRIBULAN[tribulan]}.",
                (baris.objek,),
            )
        ]
    if baris.realisasi.ada and baris.realisasi.lengkap:
        return []
    return [t for anak in baris.anak for t in _tanpa_realisasi(anak, tribulan, dokumen)]


def _anggaran(hasil: HasilOPD) -> list[Temuan]:
    # `hasil.anggaran` and `hasil.baris_anggaran()` are under the year's budget document (DPPA if any).
    berlaku = NAMA_DOKUMEN[hasil.dokumen_anggaran]
    temuan = _tanpa_realisasi(hasil.anggaran, hasil.tribulan, hasil.dokumen_anggaran)
    # Own figure against the sum of the children: pagu of each document, realisasi of each Tribulan entered.
    for dokumen, total in hasil.anggaran_dokumen.items():
        for baris in total.baris():
            if baris.level in ("opd", "sub_kegiatan"):
                continue
            if (
                baris.pagu_sendiri is not None
                and baris.pagu_anak is not None
                and baris.pagu_sendiri != baris.pagu_anak
            ):
                temuan.append(
                    Temuan(
                        ANGGARAN_INDUK_BEDA_JUMLAH,
                        f"Pagu {NAMA_DOKUMEN[dokumen]} {_mata(baris)} tercatat {format_rupiah(baris.pagu_sendiri)}, "
                        f"sedangkan jumlah pagu {NAMA_DOKUMEN[dokumen]} rinciannya {format_rupiah(baris.pagu_anak)}.",
                        (baris.objek,),
                    )
                )
    for baris in hasil.baris_anggaran():
        if baris.level == "sub_kegiatan":
            continue
        sendiri = hasil.realisasi_anggaran_diisi(baris.level, baris.objek.pk)
        for t in range(1, hasil.tribulan + 1):
            anak = baris.realisasi_anak[t]
            if sendiri.get(t) is not None and anak is not None and sendiri[t] != anak:
                temuan.append(
                    Temuan(
                        ANGGARAN_INDUK_BEDA_JUMLAH,
                        f"Realisasi {_mata(baris)} s.d. {NAMA_TRIBULAN[t]} tercatat {format_rupiah(sendiri[t])}, "
                        f"sedangkan jumlah rinciannya {format_rupiah(anak)}.",
                        (baris.objek,),
                    )
                )
    for program in hasil.anggaran.anak:
        for t in range(1, hasil.tribulan + 1):
            serap = program.penyerapan_tw[t]
            if serap.ada and serap.tampil < PATOKAN_PENYERAPAN[t]:
                temuan.append(
                    Temuan(
                        PENYERAPAN_DI_BAWAH_PATOKAN,
                        f"Penyerapan {_mata(program)} s.d. {NAMA_TRIBULAN[t]} {format_persen(serap.nilai)}: "
                        f"realisasi {format_rupiah(program.realisasi_tw[t].nilai)} dari pagu {berlaku} "
                        f"{format_rupiah(program.pagu.nilai)}, di bawah patokan "
                        f"{format_persen(PATOKAN_PENYERAPAN[t], 0)}.",
                        (program.objek,),
                    )
                )
    return temuan


def _rencana_aksi(hasil: HasilOPD) -> list[Temuan]:
    """The Tribulan targets should lead to the year's PK target: for a cumulative (or last-value)
    indicator the Tribulan IV target is the year's, for 'jumlah' the four add up to it."""
    temuan = []
    for h in hasil.indikator:
        if not h.ada_rencana_aksi or not h.target.ada:
            continue
        target = h.target_tribulan
        agregasi = str(h.indikator.agregasi)
        if agregasi in ("kumulatif", "terakhir") and target[4].ada:
            tahunan, uraian = target[4].nilai, f"target {NAMA_TRIBULAN[4]} {target[4].teks}"
        elif agregasi == "jumlah" and all(target[t].ada for t in TRIBULAN):
            tahunan = sum((target[t].nilai for t in TRIBULAN), Decimal(0))
            uraian = f"jumlah target keempat tribulan {_angka(tahunan)}"
        else:
            continue
        if tahunan != h.target.nilai:
            temuan.append(
                Temuan(
                    RENCANA_AKSI_BEDA_TARGET,
                    f"Rencana Aksi {_nama(h.indikator)}: {uraian}, sedangkan target tahun {hasil.tahun} "
                    f"({h.sumber_target}) {h.target.teks}.",
                    (h.indikator,),
                )
            )
    return temuan


def _rencana_penyerapan(hasil: HasilOPD) -> list[Temuan]:
    """A sub kegiatan's planned spending is cumulative: it never goes down, and ends within the pagu."""
    berlaku = NAMA_DOKUMEN[hasil.dokumen_anggaran]  # the document of `hasil.baris_anggaran()`
    temuan = []
    for baris in hasil.baris_anggaran():
        if baris.level != "sub_kegiatan" or not baris.ada_rencana:
            continue
        terisi = [(t, baris.rencana_tw[t].nilai) for t in TRIBULAN if baris.rencana_tw[t].ada]
        for (t0, a0), (t1, a1) in zip(terisi, terisi[1:], strict=False):
            if a1 < a0:
                temuan.append(
                    Temuan(
                        RENCANA_PENYERAPAN_TURUN,
                        f"Rencana penyerapan {_mata(baris)} turun dari {format_rupiah(a0)} ({NAMA_TRIBULAN[t0]}) "
                        f"menjadi {format_rupiah(a1)} ({NAMA_TRIBULAN[t1]}); rencana diisi kumulatif.",
                        (baris.objek,),
                    )
                )
        t_akhir, akhir = terisi[-1]
        if baris.pagu.ada and akhir > baris.pagu.nilai:
            temuan.append(
                Temuan(
                    RENCANA_PENYERAPAN_MELEBIHI_PAGU,
                    f"Rencana penyerapan {_mata(baris)} s.d. {NAMA_TRIBULAN[t_akhir]} {format_rupiah(akhir)}, "
                    f"melebihi pagu {berlaku} {format_rupiah(baris.pagu.nilai)}.",
                    (baris.objek,),
                )
            )
    return temuan
