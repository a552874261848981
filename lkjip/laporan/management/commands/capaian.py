"""`python manage.py capaian <opd_kode> <tahun> [--tribulan N] [--format text|json]`

Text (the default) prints the LKjIP's own tables, in document order, as plain text, then the checker's
findings: the same rows and figures as the report page, its PDF and its xlsx. `--tribulan` 1 to 3 prints
the same document with the figures up to the end of that Tribulan (the report itself is Tribulan IV's).
`--format json` prints the engine's figures as one JSON object whose numbers are strings of the displayed
value with a dot decimal separator ("94.00", "15920223771"); a missing figure is null.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from capaian.engine import hitung_opd_tahun
from inti.periode import TRIBULAN
from lkjip.laporan import selectors
from lkjip.laporan.dokumen import dokumen_laporan
from lkjip.laporan.ekspor import CapaianJSON, CapaianTeks


class Command(BaseCommand):
    help = "Menampilkan tabel-tabel LKjIP (capaian kinerja, anggaran) dan temuan pemeriksaan satu OPD untuk satu tahun."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("opd_kode", help="kode OPD, mis. disperindag")
        parser.add_argument("tahun", type=int, help="tahun, mis. 2022")
        parser.add_argument(
            "--tribulan", type=int, choices=list(TRIBULAN), default=4, help="s.d. tribulan (bawaan 4)"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text", dest="format_keluaran")

    def handle(self, *args, **options):
        kode, tahun, tribulan = options["opd_kode"], options["tahun"], options["tribulan"]
        opd = selectors.opd_dengan_kode(kode)
        if opd is None:
            raise CommandError(f"OPD dengan kode '{kode}' tidak ditemukan.")
        if not selectors.tahun_ada_data(opd, tahun):
            raise CommandError(f"Tidak ada data tahun {tahun} untuk OPD '{kode}' (Renstra, PK maupun DPA).")
        if options["format_keluaran"] == "json":
            ekspor = CapaianJSON(hitung_opd_tahun(opd, tahun, tribulan=tribulan))
        else:
            ekspor = CapaianTeks(dokumen_laporan(opd, tahun, tribulan=tribulan))
        self.stdout.write(ekspor.isi().decode("utf-8"), ending="")
