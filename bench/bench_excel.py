"""Benchmark of the monev upload: checking and writing a template of 5,000 values, against the time
openpyxl alone needs to read that file.

    .venv/bin/python bench/bench_excel.py [--nilai 5000] [--ulang 7]

Works on a fresh SQLite file in /tmp (the development database is not touched): migrates it, builds a
synthetic OPD (`bench/sintetis.py`) large enough for the number of values, downloads its Tribulan IV
template, changes `--nilai` input cells (realisasi, formula inputs, supporting tables, budget), then
times, in one run, each best of `--ulang` rounds (the three are taken in turn in every round, so a
machine busy with other work slows them alike):

- openpyxl: `load_workbook` (read-only, formulas kept) and a pass over every cell of every sheet;
- the check alone: `capaian.excel.monev.periksa_unggahan` (file checks, parsing, every rule, no write);
- the whole upload: `capaian.excel.monev.unggah_monev`, the check then every value written through the
  services' bulk forms in one transaction (rolled back after each round, so every round writes the same
  changes), as the upload page runs it.

It prints the wall-clock times and the process's CPU times (steadier on a shared machine), their ratios
to openpyxl's, and the query counts. The check reads the OPD-year with a fixed number of queries (17)
whatever the file holds. Writing locks the period and year once per kind of value, reads and locks the
stored rows in one query and sends the writes and one history row per changed value in batches of 500;
supporting-table rows, few per file, go through the single-value services. It exits with status 1 when
the whole upload takes more than 3 times openpyxl's CPU time.
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
SASARAN_RASIO = 3  # the whole upload at most this many times openpyxl's read (CPU: steady on a busy machine)


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nilai", type=int, default=5000, help="jumlah nilai yang diubah (bawaan 5000)")
    parser.add_argument("--ulang", type=int, default=7, help="jumlah pengulangan; yang dilaporkan tercepat")
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

        def baca():
            return _baca_openpyxl(data), 0

        def periksa():
            with _HitungQuery(connection) as q:
                hasil = monev.periksa_unggahan(data, user=user, opd=opd, tahun=2022, tribulan=4)
            return hasil, q.jumlah

        def unggah():
            with _HitungQuery(connection) as q, transaction.atomic():
                hasil = monev.unggah_monev(data, user=user, opd=opd, tahun=2022, tribulan=4)
                transaction.set_rollback(True)
            return hasil, q.jumlah

        langkah = {"baca": baca, "periksa": periksa, "unggah": unggah}
        waktu = dict.fromkeys(langkah, float("inf"))
        cpu = dict.fromkeys(langkah, float("inf"))
        hasil = {}
        for _ in range(args.ulang):
            for nama, fungsi in langkah.items():
                mulai, mulai_cpu = time.perf_counter(), time.process_time()
                hasil[nama] = fungsi()
                waktu[nama] = min(waktu[nama], time.perf_counter() - mulai)
                cpu[nama] = min(cpu[nama], time.process_time() - mulai_cpu)

        jumlah_sel = hasil["baca"][0]
        periksa_hasil, q_periksa = hasil["periksa"]
        if periksa_hasil.masalah or len(periksa_hasil.perubahan) != args.nilai:
            print(f"GAGAL: {len(periksa_hasil.masalah)} masalah, {len(periksa_hasil.perubahan)} perubahan")
            for m in periksa_hasil.masalah[:10]:
                print("  ", m)
            return 1
        unggah_hasil, q_unggah = hasil["unggah"]
        if not unggah_hasil.tersimpan:
            print(f"GAGAL menulis: {unggah_hasil.masalah[:3]}")
            return 1

    t_baca, t_periksa, t_unggah = waktu["baca"], waktu["periksa"], waktu["unggah"]
    q_tulis = q_unggah - q_periksa
    print(
        f"berkas: {len(data) / 1024:.0f} KB, {jumlah_sel} sel, {args.nilai} nilai diubah (OPD sintetis x{kali})"
    )
    print(f"terbaik dari {args.ulang} putaran; waktu jam dinding, dan waktu CPU proses di sebelahnya")
    print(f"{'langkah':<46} {'waktu (ms)':>10} {'CPU (ms)':>9} {'query':>7}")
    baris = [
        ("openpyxl: load_workbook + baca semua sel", "baca", "-"),
        ("pemeriksaan saja (periksa_unggahan)", "periksa", q_periksa),
        ("unggahan utuh: periksa + tulis (unggah_monev)", "unggah", q_unggah),
    ]
    for label, nama, query in baris:
        print(f"{label:<46} {waktu[nama] * 1000:>10.0f} {cpu[nama] * 1000:>9.0f} {query:>7}")
    print(f"rasio pemeriksaan/openpyxl: {t_periksa / t_baca:.2f}x (CPU {cpu['periksa'] / cpu['baca']:.2f}x)")
    print(f"rasio unggahan utuh/openpyxl: {t_unggah / t_baca:.2f}x (CPU {cpu['unggah'] / cpu['baca']:.2f}x)")
    print(f"query: pemeriksaan {q_periksa}, penulisan {q_tulis} ({q_tulis / args.nilai:.3f} per nilai)")
    rasio_cpu = cpu["unggah"] / cpu["baca"]
    if rasio_cpu > SASARAN_RASIO:
        print(
            f"GAGAL: unggahan utuh {rasio_cpu:.2f}x waktu CPU openpyxl, sasaran paling banyak {SASARAN_RASIO:.0f}x"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
