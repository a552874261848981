"""Benchmark of the capaian tables: server time of a table page for one OPD and for a 40-OPD Pemda.

    .venv/bin/python bench/bench_tabel.py [--opd 40] [--kali 1] [--ulang 5]

Works on a fresh SQLite file in /tmp (the development database is not touched): migrates it, loads the
2022 dataset, builds a synthetic Pemda of `--opd` OPDs (bench/sintetis.py, each `--kali` times the
size of the small synthetic OPD), then requests each page in-process with Django's test client, once
as Disperindag's operator (one OPD: the dataset) and once as the synthetic Pemda's admin (every OPD),
and reports the best of `--ulang` runs: the time from request to response (views, engine and
template; no network) and the number of queries, which must not depend on the number of OPDs. Each page
is measured warm (the engine's results cached, the data unchanged) and cold (the cache emptied before
each request), with the ratio 40 OPD / 1 OPD; then the drill-down of one indicator of an OPD 20 times the
small synthetic one against the dataset's IKU. Exits 1 when a goal is missed: tables <= 2x warm and
<= 5x cold, drill-down <= 2x, query counts equal.
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


def _ukur(klien, url: str, ulang: int, *, dingin: bool, berubah=None) -> tuple[float, int, int]:
    """Best time of `ulang` requests, their query count and size; `dingin`: the engine's cache emptied
    before each request (every OPD computed afresh), else warmed by one request first. `berubah`: an OPD
    whose data version changes before each request (as after a user's write: that OPD alone is computed)."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from capaian.engine import CACHE
    from capaian.views_tabel import _LOKAL  # rendered bodies and filtered rows of this process
    from inti.versi import naikkan

    terbaik = float("inf")
    if not dingin:
        klien.get(url)
    for _ in range(ulang):
        if dingin:
            CACHE.kosongkan()
            _LOKAL.kosongkan()
            caches["default"].clear()  # the table pages' bodies too
        if berubah is not None:
            naikkan([berubah.pk])
        with CaptureQueriesContext(connection) as konteks:
            mulai = time.perf_counter()
            response = klien.get(url)
            terbaik = min(terbaik, time.perf_counter() - mulai)
    if response.status_code != 200:
        raise SystemExit(f"{url}: status {response.status_code}")
    return terbaik, len(konteks.captured_queries), len(response.content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opd", type=int, default=40, help="jumlah OPD Pemda sintetis (bawaan 40)")
    parser.add_argument("--kali", type=int, default=1, help="kelipatan ukuran tiap OPD sintetis (bawaan 1)")
    parser.add_argument("--ulang", type=int, default=5, help="jumlah pengulangan; yang dilaporkan tercepat")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-tabel-") as folder:
        _siapkan_django(Path(folder) / "bench.sqlite3")
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.test import Client

        from bench.sintetis import buat_opd_sintetis
        from capaian.engine import hitung_opd_tahun
        from inti.models import OPD, AksesPemda, Pemda

        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        call_command("migrate", verbosity=0, interactive=False)
        call_command("muat_dataset", stdout=io.StringIO())
        mulai = time.perf_counter()
        for i in range(args.opd):
            buat_opd_sintetis(f"bench-{i:02d}", kali=args.kali)
        t_bangun = time.perf_counter() - mulai
        indikator = sum(
            len(hitung_opd_tahun(o, 2022).indikator) for o in OPD.objects.filter(kode__startswith="bench-")
        )

        User = get_user_model()
        # One OPD: Disperindag's operator reads only it. The Pemda: its admin reads all of its OPDs.
        operator = User.objects.get(username="operator")
        admin_sintetis = User.objects.create_user(username="bench-admin", password="x")
        AksesPemda.objects.create(
            user=admin_sintetis, pemda=Pemda.objects.get(kode="pemda-sintetis"), peran=AksesPemda.Peran.ADMIN
        )
        admin_kota = User.objects.get(username="admin")
        k_satu, k_pemda, k_kota = Client(), Client(), Client()
        k_satu.force_login(operator)
        k_pemda.force_login(admin_sintetis)
        k_kota.force_login(admin_kota)

        halaman = [
            ("tabel indikator", "/capaian/indikator/?tahun=2022", k_satu, k_pemda),
            ("indikator urut capaian", "/capaian/indikator/?tahun=2022&sort=-capaian", k_satu, k_pemda),
            ("tabel anggaran", "/capaian/anggaran/?tahun=2022", k_satu, k_pemda),
            ("ringkasan Pemda (2 / N OPD)", "/capaian/pemda/?tahun=2022", k_kota, k_pemda),
        ]
        hasil = []
        satu_opd = OPD.objects.get(kode="disperindag")
        opd_pemda = OPD.objects.filter(kode__startswith="bench-").order_by("kode").first()
        for nama, url, satu, pemda in halaman:
            for keadaan, dingin in (("hangat", False), ("dingin", True)):
                hasil.append(
                    (
                        nama,
                        keadaan,
                        _ukur(satu, url, args.ulang, dingin=dingin),
                        _ukur(pemda, url, args.ulang, dingin=dingin),
                    )
                )
            # After a write: the OPD written to is computed again, the others come from the cache.
            hasil.append(
                (
                    nama,
                    "1 ubah",
                    _ukur(satu, url, args.ulang, dingin=False, berubah=satu_opd),
                    _ukur(pemda, url, args.ulang, dingin=False, berubah=opd_pemda),
                )
            )

        # Drill-down of one indicator: the dataset's IKU against a sasaran indicator of an OPD 20x as large.
        from bench.sintetis import buat_opd_sintetis as buat
        from renstra.models import Indikator

        besar = buat("bench-rinci-20", kali=20)
        iku = Indikator.objects.get(opd__kode="disperindag", kode="S2.1-1")
        lain = Indikator.objects.filter(opd=besar, level="sasaran").order_by("pk").first()
        k_admin = Client()
        k_admin.force_login(admin_kota)
        k_besar = Client()
        k_besar.force_login(admin_sintetis)
        rinci = []
        for keadaan, dingin in (("hangat", False), ("dingin", True)):
            rinci.append(
                (
                    keadaan,
                    _ukur(
                        k_admin, f"/opd/disperindag/indikator/{iku.pk}/?tahun=2022", args.ulang, dingin=dingin
                    ),
                    _ukur(
                        k_besar,
                        f"/opd/{besar.kode}/indikator/{lain.pk}/?tahun=2022",
                        args.ulang,
                        dingin=dingin,
                    ),
                )
            )

    print(f"Pemda sintetis: {args.opd} OPD x{args.kali}, {indikator} indikator (dibangun {t_bangun:.1f} s)")
    print("Waktu server (ms, tercepat dari beberapa kali) dan jumlah query per halaman;")
    print("hangat: hasil mesin sudah di cache (data tidak berubah); dingin: cache dikosongkan sebelum tiap")
    print("permintaan (semua OPD dihitung ulang); 1 ubah: data satu OPD berubah sebelum tiap permintaan.")
    print(
        f"{'halaman':<30} {'cache':<7} {'1 OPD':>9} {'query':>6} {f'{args.opd} OPD':>9} {'query':>6} {'rasio':>6} {'KB':>6}"
    )
    gagal = []
    for nama, keadaan, (t1, q1, _), (tn, qn, ukuran) in hasil:
        rasio = tn / t1
        print(
            f"{nama:<30} {keadaan:<7} {t1 * 1000:>9.1f} {q1:>6} {tn * 1000:>9.1f} {qn:>6} {rasio:>5.1f}x {ukuran / 1024:>6.1f}"
        )
        if q1 != qn and keadaan != "1 ubah":
            gagal.append(f"{nama} ({keadaan}): jumlah query bergantung pada jumlah OPD")
        if nama in ("tabel indikator", "tabel anggaran"):
            batas = 2 if keadaan == "hangat" else 5
            if rasio > batas:
                gagal.append(f"{nama} ({keadaan}): {rasio:.1f}x > {batas}x")
    print()
    print(
        f"{'rincian indikator':<30} {'cache':<7} {'dataset':>9} {'query':>6} {'OPD x20':>9} {'query':>6} {'rasio':>6}"
    )
    for keadaan, (t1, q1, _), (tn, qn, _) in rinci:
        rasio = tn / t1
        print(f"{'':<30} {keadaan:<7} {t1 * 1000:>9.1f} {q1:>6} {tn * 1000:>9.1f} {qn:>6} {rasio:>5.1f}x")
        if q1 != qn:
            gagal.append(f"rincian ({keadaan}): jumlah query berbeda")
        if keadaan == "hangat" and rasio > 2:
            gagal.append(f"rincian ({keadaan}): {rasio:.1f}x > 2x")
    if gagal:
        print("GAGAL: " + "; ".join(gagal))
        return 1
    print("Sasaran tercapai: tabel <= 2x (hangat) dan <= 5x (dingin), rincian x20 <= 2x; jumlah query tetap.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
