"""The "Catatan atas angka" lampiran: every figure of the report that differs from the one first written
for it, with both figures and the reason.

Two sources, both data:

- the consistency checker's findings (`capaian.pemeriksa`) where the data carries the first-written
  figure next to the one the report uses: a realisasi typed differently from its own formula (the
  report uses the formula), a PK budget that differs from the DPA pagu (the report prints the PK as
  signed);
- `KOREKSI_NASKAH`: documented corrections of a printed report the dataset was taken from, per OPD and
  year. Each names where the figure stands, the figure as printed there and why the report's differs.
  When it names an indicator (or a sasaran, or the OPD's budget) the report's figure is read from the
  engine, so the line always shows what the report prints; a figure of a sentence's arithmetic is stated.

Figures are text as printed (Indonesian format); nothing is computed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from capaian.engine import HasilOPD
from capaian.pemeriksa import ANGGARAN_PK_BEDA_DPA, NAMA_DOKUMEN, REALISASI_BEDA_RUMUS, judul_pk
from inti.periode import NAMA_TRIBULAN
from inti.tampilan import KOSONG, format_rupiah


@dataclass(frozen=True)
class CatatanAngka:
    """One line of the lampiran: where, the figure first written, the report's figure, why."""

    letak: str
    semula: str
    laporan: str
    alasan: str


@dataclass(frozen=True)
class Koreksi:
    """A documented difference from the printed report of a dataset year.

    `besaran` says which engine figure is the report's: "realisasi" / "capaian" of the indicator `kode`,
    "efisiensi" of the sasaran `kode`, "penyerapan" of the whole OPD; empty when `laporan` states it.
    """

    letak: str
    semula: str
    alasan: str
    kode: str = ""
    besaran: str = ""
    laporan: str = ""


# The LKjIP 2022 of Disperindag Kota Pasuruan as printed (seeds/lkjip-disperindag-kota-pasuruan-2022.txt;
# DOMAIN.md "Where the seed is inconsistent"). Realisasi typed differently from their formula and the PK
# budgets that differ from the DPA come from the checker and are not repeated here.
KOREKSI_NASKAH: dict[tuple[str, int], tuple[Koreksi, ...]] = {
    ("disperindag", 2022): (
        Koreksi(
            "Kertas Kerja, Hasil Perhitungan «Persentase Peningkatan Produksi Sektor Unggulan»",
            "94",
            "Kolom ini memuat hasil rumus, yaitu realisasi; 94 adalah capaian terhadap target 0,1 (Tabel 3.2).",
            "S2.1-1",
            "realisasi",
        ),
        Koreksi(
            "Kertas Kerja, Hasil Perhitungan «Persentase Peningkatan Omset»",
            "416,6",
            "Kolom ini memuat hasil rumus, yaitu realisasi; 416,6 adalah capaian terhadap target 1 (Tabel 3.2).",
            "S2.2-1",
            "realisasi",
        ),
        Koreksi(
            "Tabel 3.2, 3.3, 3.4, 3.5, 3.9 dan 3.13, capaian «Persentase Peningkatan Omset»",
            "416,6",
            "Capaian dihitung dari realisasi hasil rumus 4,167 (naskah asli memotong 4,1667 menjadi 4,166).",
            "S2.2-1",
            "capaian",
        ),
        Koreksi(
            "Tabel 3.12, efisiensi Sasaran «Meningkatnya Penjualan Produk Sektor Unggulan»",
            "351,51",
            "Capaian kinerja dikurangi penyerapan anggaran, dengan capaian dari realisasi 4,167.",
            "2.2",
            "efisiensi",
        ),
        Koreksi(
            "Tabel 3.13 dan lampiran RKPD, capaian «Persentase Peningkatan IKM Berkembang»",
            "8666",
            "Realisasi 433,33 sebagaimana ditampilkan dibagi target 5, dikali 100, dengan dua desimal.",
            "3.31.02-1",
            "capaian",
        ),
        Koreksi(
            "Tabel 3.13, capaian «Persentase PKL yang dibina»",
            "139,66",
            "Realisasi 120/1.469 × 100 = 8,17 dibulatkan ke satu desimal indikator menjadi 8,2 "
            "(naskah asli memotongnya menjadi 8,1); capaian 8,2 / 5,8 × 100.",
            "3.30.03.2.02-1",
            "capaian",
        ),
        Koreksi(
            "Tabel 3.13, capaian «Persentase IKM yang Mengalami Peningkatan Pemasaran»",
            "190,83",
            "Capaian dihitung dari realisasi hasil rumus 71/124 × 100 = 57,26 (naskah asli 57,25).",
            "3.30.07-1",
            "capaian",
        ),
        Koreksi(
            "Tabel 3.14, jumlah penyerapan anggaran",
            "70,29%",
            "Naskah asli tidak memuat Program Penunjang di Tabel 3.14; laporan menjumlahkan seluruh program, "
            "sama dengan penyerapan seluruh OPD yang disebut BAB IV. Realisasi Program Penunjang diturunkan "
            "dari angka itu karena naskah asli tidak mencantumkannya.",
            besaran="penyerapan",
        ),
        Koreksi(
            "BAB IV, anggaran yang tidak terserap",
            "15,35%",
            "Sisa dari penyerapan 74,65% adalah 100% − 74,65% = 25,35%.",
            laporan="25,35%",
        ),
        Koreksi(
            "Tabel 2.1, 3.4 dan lampiran Metadata, target Renstra «Persentase Kontribusi PDRB Sektor "
            "Unggulan (Kategori Perindustrian dan Perdagangan)»",
            "49,00; 49,10; 49,20",
            "Target ditampilkan dengan desimal yang ditetapkan baginya, tanpa nol di belakang koma (seperti "
            "0,1 dan 1 pada indikator lain); nilainya sama. Realisasi memakai desimal indikatornya.",
            laporan="49; 49,1; 49,2",
        ),
        Koreksi(
            "Tabel 3.5, baris yang dibandingkan",
            "3 baris (dua indikator sasaran tanpa standar, dengan capaian 94,00% dan 416,60%)",
            "Tabel ini membandingkan realisasi dengan standar nasional/provinsi; indikator tanpa standar "
            "pembanding tidak dimuat, capaiannya terhadap target ada di Tabel 3.2.",
            laporan="1 baris",
        ),
        Koreksi(
            "Lampiran Kesimpulan Evaluasi terhadap Hasil RKPD",
            "113% dan 77% (tujuh program digabung dalam satu baris); 8666% dan 79%",
            "Angka gabungan berasal dari evaluasi RKPD Pemda dan tidak dapat dihitung ulang dari data "
            "laporan; lampiran menyajikan capaian dan penyerapan tiap program dari monev yang sama dengan "
            "Tabel 3.13 dan 3.14.",
            laporan="capaian dan penyerapan per program",
        ),
    ),
}


def _dari_pemeriksa(hasil: HasilOPD) -> list[CatatanAngka]:
    """The checker's findings whose first-written figure the report replaces, one line per figure."""
    per_indikator = {h.indikator.pk: h for h in hasil.indikator}
    program = {
        dokumen: {b.objek.pk: b for b in hasil.anggaran_untuk(dokumen).anak} for dokumen in NAMA_DOKUMEN
    }
    catatan, sudah = [], set()
    for t in hasil.temuan:
        if t.jenis == REALISASI_BEDA_RUMUS:
            h = per_indikator.get(t.objek[0].pk)
            if h is None or h.indikator.pk in sudah:
                continue
            r = h.realisasi_tw[hasil.tribulan]
            if not (r.diketik.ada and r.rumus.ada and r.diketik.tampil != r.rumus.tampil):
                continue  # an earlier Tribulan's slip: not a figure of the year's report
            sudah.add(h.indikator.pk)
            catatan.append(
                CatatanAngka(
                    f"Realisasi «{h.nama}» {NAMA_TRIBULAN[hasil.tribulan]} (tabel capaian, Kertas Kerja)",
                    r.diketik.teks,
                    r.rumus.teks,
                    f"Hasil rumus dari data masukannya (Kertas Kerja), dibulatkan ke {h.indikator.desimal} "
                    "desimal indikator; angka yang diketik berbeda.",
                )
            )
        elif t.jenis == ANGGARAN_PK_BEDA_DPA:
            pk, anggaran, prog = t.objek
            baris = program[pk.dokumen_anggaran].get(prog.pk)
            if baris is None or not baris.pagu.ada:
                continue
            # Both figures are pagu of one program: each named with its document and stage (murni/perubahan).
            catatan.append(
                CatatanAngka(
                    f"Anggaran {judul_pk(pk)}, {prog.nama}",
                    format_rupiah(baris.pagu.nilai),
                    format_rupiah(anggaran.nilai),
                    f"Laporan memuat anggaran sebagaimana tertulis dalam {judul_pk(pk)} yang ditandatangani; "
                    f"angka semula adalah pagu {NAMA_DOKUMEN[pk.dokumen_anggaran]}.",
                )
            )
    return catatan


def _angka_laporan(hasil: HasilOPD, k: Koreksi) -> str:
    if not k.besaran:
        return k.laporan
    if k.besaran in ("realisasi", "capaian"):
        h = next((h for h in hasil.indikator if h.kode == k.kode), None)
        if h is None:
            return KOSONG
        return h.realisasi.teks if k.besaran == "realisasi" else h.capaian.teks
    if k.besaran == "efisiensi":
        s = next((s for s in hasil.sasaran if s.kode == k.kode), None)
        return s.efisiensi.teks if s is not None else KOSONG
    if k.besaran == "penyerapan":
        return hasil.anggaran.penyerapan.persen
    raise ValueError(f"Besaran koreksi tidak dikenal: {k.besaran}")


def catatan_angka(hasil: HasilOPD) -> list[CatatanAngka]:
    """Every line of the lampiran: the checker's, then the documented corrections of the OPD-year."""
    catatan = _dari_pemeriksa(hasil)
    for k in KOREKSI_NASKAH.get((hasil.opd.kode, hasil.tahun), ()):
        catatan.append(CatatanAngka(k.letak, k.semula, _angka_laporan(hasil, k), k.alasan))
    return catatan
