"""`python manage.py capaian <opd_kode> <tahun> [--tribulan N] [--format text|json]`

Prints the year's computed figures: IKU, every indicator, the budget tree, the sasaran table and the
checker's findings. `--format json` prints one JSON object whose numbers are strings of the displayed
value with a dot decimal separator ("94.00", "15920223771"); a missing figure is null.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from anggaran.models import Program
from capaian.engine import HasilOPD, hitung_opd_tahun
from inti.models import OPD
from inti.periode import NAMA_TRIBULAN
from perjanjian.models import PerjanjianKinerja
from renstra.models import Renstra

LEBAR_NAMA = 60


def _pendek(teks: str, lebar: int = LEBAR_NAMA) -> str:
    teks = " ".join(teks.split())
    return teks if len(teks) <= lebar else teks[: lebar - 1] + "…"


def _tabel(judul: list[str], baris: list[list[str]], kanan: set[int]) -> list[str]:
    """Plain-text table: columns padded to their widest cell; figures (indexes in `kanan`) right-aligned."""
    lebar = [max(len(x) for x in kolom) for kolom in zip(judul, *baris, strict=True)]

    def susun(sel: list[str]) -> str:
        return "  ".join(
            s.rjust(w) if i in kanan else s.ljust(w) for i, (s, w) in enumerate(zip(sel, lebar, strict=True))
        ).rstrip()

    garis = "  ".join("-" * w for w in lebar)
    return [susun(judul), garis, *(susun(b) for b in baris)]


class Command(BaseCommand):
    help = "Menghitung dan menampilkan capaian kinerja, anggaran dan temuan pemeriksaan satu OPD untuk satu tahun."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("opd_kode", help="kode OPD, mis. disperindag")
        parser.add_argument("tahun", type=int, help="tahun, mis. 2022")
        parser.add_argument(
            "--tribulan", type=int, choices=[1, 2, 3, 4], default=4, help="s.d. tribulan (bawaan 4)"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text", dest="format_keluaran")

    def handle(self, *args, **options):
        kode, tahun = options["opd_kode"], options["tahun"]
        opd = OPD.objects.filter(kode=kode).first()
        if opd is None:
            raise CommandError(f"OPD dengan kode '{kode}' tidak ditemukan.")
        ada_tahun = (
            Program.objects.filter(opd=opd, tahun=tahun).exists()
            or PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).exists()
            or Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).exists()
        )
        if not ada_tahun:
            raise CommandError(f"Tidak ada data tahun {tahun} untuk OPD '{kode}' (Renstra, PK maupun DPA).")
        hasil = hitung_opd_tahun(opd, tahun, tribulan=options["tribulan"])
        if options["format_keluaran"] == "json":
            self.stdout.write(json.dumps(keluaran_json(hasil), ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(keluaran_teks(hasil)))


def keluaran_json(hasil: HasilOPD) -> dict:
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


def keluaran_teks(hasil: HasilOPD) -> list[str]:
    baris = [
        f"Capaian kinerja {hasil.opd.nama} tahun {hasil.tahun} (s.d. {NAMA_TRIBULAN[hasil.tribulan]})",
        f"Acuan target: {hasil.pk_terakhir.judul if hasil.pk_terakhir else 'belum ada Perjanjian Kinerja'}; "
        f"anggaran: {'DPA Perubahan' if hasil.dokumen_anggaran == 'dpa_perubahan' else 'DPA'}",
        "",
        "INDIKATOR KINERJA UTAMA",
    ]
    baris += (
        _tabel(
            ["No", "Sasaran", "Indikator", "Target", "Realisasi", "Capaian (%)", "Kategori"],
            [
                [
                    str(i),
                    _pendek(b.sasaran_uraian, 40),
                    _pendek(b.hasil.nama, 45),
                    b.hasil.target.teks,
                    b.hasil.realisasi.teks,
                    b.hasil.capaian.teks,
                    b.hasil.kategori or "–",
                ]
                for i, b in enumerate(hasil.iku, start=1)
            ],
            {3, 4, 5},
        )
        if hasil.iku
        else ["(tidak ada)"]
    )

    baris += ["", "SEMUA INDIKATOR"]
    baris += _tabel(
        [
            "Level",
            "Kode",
            "Indikator",
            "Satuan",
            "Target",
            "Sumber",
            "Realisasi",
            "Capaian (%)",
            "Kategori",
            "Status",
        ],
        [
            [
                h.level,
                h.kode,
                _pendek(h.nama, 50),
                h.satuan,
                h.target.teks,
                h.sumber_target or "–",
                h.realisasi.teks,
                h.capaian.teks,
                h.kategori or "–",
                h.status,
            ]
            for h in hasil.indikator
        ],
        {4, 6, 7},
    )

    baris += ["", "REALISASI ANGGARAN"]
    indentasi = {"opd": "", "program": "", "kegiatan": "  ", "sub_kegiatan": "    "}
    total = hasil.anggaran
    baris += _tabel(
        ["Kode", "Program / Kegiatan / Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Penyerapan (%)"],
        [
            [
                b.kode if b.level != "opd" else "",
                indentasi[b.level] + (_pendek(b.nama) if b.level != "opd" else "JUMLAH"),
                b.pagu.teks,
                b.realisasi.teks + ("" if b.realisasi.lengkap or not b.realisasi.ada else " *"),
                b.penyerapan.teks if b.penyerapan.ada else f"– ({b.penyerapan.alasan})",
            ]
            for b in [*hasil.baris_anggaran(), total]
        ],
        {2, 3},
    )
    if total.tanpa_realisasi:
        baris.append(
            "* belum lengkap; tanpa realisasi: "
            + "; ".join(_pendek(o.nama, 50) for o in total.tanpa_realisasi)
            + f". Penyerapan atas mata anggaran yang terisi: {total.penyerapan_terisi.persen}."
        )

    baris += ["", "CAPAIAN DAN ANGGARAN PER SASARAN"]
    baris += _tabel(
        ["Kode", "Sasaran", "Capaian (%)", "Pagu (Rp)", "Realisasi (Rp)", "Penyerapan (%)", "Efisiensi (%)"],
        [
            [
                s.kode,
                _pendek(s.nama, 50),
                s.capaian.teks,
                s.pagu.teks,
                s.realisasi_anggaran.teks,
                s.penyerapan.teks,
                s.efisiensi.teks,
            ]
            for s in hasil.sasaran
        ],
        {2, 3, 4, 5, 6},
    )

    baris += ["", "PROGRAM DAN KEGIATAN (MENUNJANG / TIDAK MENUNJANG)"]
    baris += _tabel(
        ["Kode", "Program / Kegiatan", "Capaian (%)", "Keterangan"],
        [
            [
                x.objek.kode,
                ("" if x.level == "program" else "  ") + _pendek(x.objek.nama),
                x.capaian.teks,
                x.menunjang_teks,
            ]
            for x in hasil.program_kegiatan
        ],
        {2},
    )

    baris += ["", f"TEMUAN PEMERIKSAAN ({len(hasil.temuan)})"]
    baris += [f"{i}. [{t.jenis}] {t.pesan}" for i, t in enumerate(hasil.temuan, start=1)] or ["(tidak ada)"]
    return baris
