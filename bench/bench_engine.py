"""Benchmark of the capaian engine: the 2022 dataset against a synthetic OPD with 20 times as many
indicators and budget lines.

    .venv/bin/python bench/bench_engine.py [--kali 20] [--ulang 5]

Works on a fresh SQLite file in /tmp (the development database is not touched): migrates it, loads the
dataset, builds the synthetic OPD, then times `hitung_opd_tahun` (best of `--ulang` runs) and counts its
queries. The query counts must be equal; the time may grow with the amount of data, not with queries.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent


def _siapkan_django(berkas_db: Path) -> None:
    sys.path.insert(0, str(AKAR))
    os.environ["DATABASE_URL"] = f"sqlite:///{berkas_db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")
    import django

    django.setup()


def _ukur(opd, tahun: int, ulang: int) -> tuple[float, int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from capaian.engine import hitung_opd_tahun

    terbaik = float("inf")
    for _ in range(ulang):
        with CaptureQueriesContext(connection) as konteks:
            mulai = time.perf_counter()
            hasil = hitung_opd_tahun(opd, tahun)
            terbaik = min(terbaik, time.perf_counter() - mulai)
    return terbaik, len(konteks.captured_queries), hasil


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kali", type=int, default=20, help="kelipatan OPD sintetis (bawaan 20)")
    parser.add_argument("--ulang", type=int, default=5, help="jumlah pengulangan; yang dilaporkan tercepat")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-capaian-") as folder:
        _siapkan_django(Path(folder) / "bench.sqlite3")
        from django.core.management import call_command

        from bench.sintetis import buat_opd_sintetis
        from inti.models import OPD

        call_command("migrate", verbosity=0, interactive=False)
        call_command("muat_dataset", "--tanpa-pengguna", stdout=io.StringIO())
        dataset = OPD.objects.get(kode="disperindag")
        sintetis = buat_opd_sintetis("bench-sintetis", kali=args.kali)

        t_data, q_data, h_data = _ukur(dataset, 2022, args.ulang)
        t_sin, q_sin, h_sin = _ukur(sintetis, 2022, args.ulang)

    baris = [
        ("dataset disperindag 2022", t_data, q_data, h_data),
        (f"OPD sintetis x{args.kali}", t_sin, q_sin, h_sin),
    ]
    print(f"{'OPD':<28} {'indikator':>9} {'mata anggaran':>13} {'waktu (ms)':>10} {'query':>6}")
    for nama, waktu, query, hasil in baris:
        print(
            f"{nama:<28} {len(hasil.indikator):>9} {len(hasil.baris_anggaran()):>13} "
            f"{waktu * 1000:>10.1f} {query:>6}"
        )
    print(f"rasio waktu sintetis/dataset: {t_sin / t_data:.1f}x")
    print(f"rasio indikator: {len(h_sin.indikator) / len(h_data.indikator):.1f}x")
    if q_data != q_sin:
        print(f"GAGAL: jumlah query berbeda ({q_data} dan {q_sin})")
        return 1
    print(f"jumlah query sama: {q_data}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
