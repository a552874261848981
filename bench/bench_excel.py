"""Benchmark of the monev upload: validating and writing a template of 5,000 values, against the time
openpyxl alone needs to read that file.

    .venv/bin/python bench/bench_excel.py [--nilai 5000] [--ulang 3]

Works on a fresh SQLite file in /tmp (the development database is not touched): migrates it, builds a
synthetic OPD (`bench/sintetis.py`) large enough for the number of values, downloads its Tribulan IV
template, changes `--nilai` input cells (realisasi, formula inputs, supporting tables, budget), then
times, best of `--ulang` runs:

- openpyxl: `load_workbook` (read-only, formulas kept) and a pass over every cell of every sheet;
- validation: `capaian.excel.monev.periksa_unggahan` (file checks, parsing, every rule, no write);
- writing: `capaian.excel.monev.terapkan`, the values through the services' bulk forms in one
  transaction (rolled back after each run, so every run writes the same changes).

It prints both times, their ratio and the query counts. Validation reads the OPD-year with a fixed number
of queries whatever the file holds; so does writing: the period and year are locked once, the stored
rows read and locked in one query, the writes and one history row per changed value sent in bulk.
"""

from __future__ import annotations

import argparse
import io
import math
import os
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
NILAI_PER_KALI = 100  # input cells of the synthetic OPD per multiple, roughly


def _siapkan_django(berkas_db: Path) -> None:
    sys.path.insert(0, str(AKAR))
    os.environ["DATABASE_URL"] = f"sqlite:///{berkas_db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")
    import django

    django.setup()


def _isi_template(data: bytes, jumlah: int) -> tuple[bytes, int]:
    """Change `jumlah` input cells (new numbers); returns the file and the number changed."""
    from openpyxl import load_workbook

    from capaian.excel import monev

    wb = load_workbook(io.BytesIO(data))
    kolom_isian = {
        monev.LEMBAR_INDIKATOR: monev.k_realisasi(4),
        monev.LEMBAR_VARIABEL: monev.k_nilai_tw(4),
        monev.LEMBAR_TABEL: monev.K_NILAI,
        monev.LEMBAR_ANGGARAN: monev.k_realisasi_anggaran(4),
    }
    diubah = 0
    for judul, kolom in kolom_isian.items():
        ws = wb[judul]
        nomor_kolom = next(c.column for c in ws[1] if c.value == kolom)
        for nomor in range(2, ws.max_row + 1):
            if diubah >= jumlah:
                break
            sel = ws.cell(row=nomor, column=nomor_kolom)
            if sel.protection.locked or ws.cell(row=nomor, column=1).value is None:
                continue
            sel.value = 1000 + diubah + 0.25  # never the stored value: every cell is a change
            diubah += 1
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue(), diubah


def _baca_openpyxl(data: bytes) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    sel = 0
    for ws in wb.worksheets:
        for baris in ws.iter_rows():
            for c in baris:
                _ = c.value
                sel += 1
    wb.close()
    return sel


class _HitungQuery:
    """Counts queries without keeping them (CaptureQueriesContext stops at 9,000)."""

    def __init__(self, connection):
        self.connection = connection
        self.jumlah = 0

    def __call__(self, execute, sql, params, many, context):
        self.jumlah += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self._konteks = self.connection.execute_wrapper(self)
        self._konteks.__enter__()
        return self

    def __exit__(self, *exc):
        return self._konteks.__exit__(*exc)


def _terbaik(fungsi, ulang: int):
    terbaik, hasil = float("inf"), None
    for _ in range(ulang):
        mulai = time.perf_counter()
        hasil = fungsi()
        terbaik = min(terbaik, time.perf_counter() - mulai)
    return terbaik, hasil


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nilai", type=int, default=5000, help="jumlah nilai yang diubah (bawaan 5000)")
    parser.add_argument("--ulang", type=int, default=3, help="jumlah pengulangan; yang dilaporkan tercepat")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-excel-") as folder:
        _siapkan_django(Path(folder) / "bench.sqlite3")
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.db import connection, transaction

        from bench.sintetis import buat_opd_sintetis
        from capaian.excel import monev
        from inti.ekspor import isi_xlsx
        from inti.models import Keanggotaan

        call_command("migrate", verbosity=0, interactive=False)
        kali = math.ceil(args.nilai / NILAI_PER_KALI) + 1
        opd = buat_opd_sintetis("bench-excel", kali=kali)
        user = get_user_model().objects.create_user("bench-operator", password="bench-sandi-panjang")
        Keanggotaan.objects.create(user=user, opd=opd, peran=Keanggotaan.Peran.OPERATOR)

        data, diubah = _isi_template(isi_xlsx(monev.template_monev(opd, 2022, 4)), args.nilai)
        if diubah < args.nilai:
            print(f"GAGAL: template hanya memuat {diubah} sel isian")
            return 1

        t_baca, jumlah_sel = _terbaik(lambda: _baca_openpyxl(data), args.ulang)

        def periksa():
            with _HitungQuery(connection) as q:
                hasil = monev.periksa_unggahan(data, user=user, opd=opd, tahun=2022, tribulan=4)
            return hasil, q.jumlah

        t_periksa, (hasil, q_periksa) = _terbaik(periksa, args.ulang)
        if hasil.masalah or len(hasil.perubahan) != args.nilai:
            print(f"GAGAL: {len(hasil.masalah)} masalah, {len(hasil.perubahan)} perubahan")
            for m in hasil.masalah[:10]:
                print("  ", m)
            return 1

        def tulis():
            with _HitungQuery(connection) as q, transaction.atomic():
                masalah = monev.terapkan(hasil.perubahan, user=user, opd=opd, tahun=2022, tribulan=4)
                transaction.set_rollback(True)
            return masalah, q.jumlah

        t_tulis, (masalah, q_tulis) = _terbaik(tulis, args.ulang)
        if masalah:
            print(f"GAGAL menulis: {masalah[:3]}")
            return 1

    impor = t_periksa + t_tulis
    print(f"berkas: {len(data) / 1024:.0f} KB, {jumlah_sel} sel, {args.nilai} nilai diubah (OPD sintetis x{kali})")
    print(f"{'langkah':<42} {'waktu (ms)':>10} {'query':>7}")
    print(f"{'openpyxl: load_workbook + baca semua sel':<42} {t_baca * 1000:>10.0f} {'-':>7}")
    print(f"{'validasi (periksa_unggahan)':<42} {t_periksa * 1000:>10.0f} {q_periksa:>7}")
    print(f"{'tulis (terapkan, services massal)':<42} {t_tulis * 1000:>10.0f} {q_tulis:>7}")
    print(f"{'impor = validasi + tulis':<42} {impor * 1000:>10.0f} {q_periksa + q_tulis:>7}")
    print(f"rasio validasi/openpyxl: {t_periksa / t_baca:.1f}x")
    print(f"rasio impor/openpyxl: {impor / t_baca:.1f}x")
    print(f"query tulis per nilai: {q_tulis / args.nilai:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
