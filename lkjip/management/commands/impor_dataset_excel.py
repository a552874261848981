"""`python manage.py impor_dataset_excel <berkas.xlsx> --alasan TEKS [--oleh USERNAME] [--periksa]`

Imports a workbook made by "Unduh dataset" (opd/<kode>/excel/<tahun>/dataset.xlsx) or from the template of
the upload page into this database: the OPD's year with everything the capaian engine reads, through the
one import the upload page also uses (`lkjip.dataset.dari_excel.impor_dataset`). The OPD may be new, or
exist without data of that year; the Pemda and its category scale are used when they exist, else created
from the workbook (the page never creates a Pemda: that is this command's). The whole workbook is checked
first; on any problem nothing is written and every problem is listed with its sheet, row and column.
The warnings the page asks a user to confirm are printed; `--periksa` prints what would be created and
those warnings, and writes nothing. Every history row written names who ran it (the user given by
--oleh/--pengguna, else the OS user) and the required --alasan; a year of a stored OPD that is frozen or
approved is refused (`lkjip.dataset.tulis.alasan_tahun_terkunci`).
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lkjip.dataset.baris import DatasetTidakSah
from lkjip.dataset.dari_excel import impor_dataset
from lkjip.dataset.tulis import awalan_perintah


class Command(BaseCommand):
    help = "Mengimpor dataset OPD satu tahun dari berkas Excel hasil ekspor ke basis data ini."

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="berkas .xlsx hasil Unduh dataset")
        parser.add_argument(
            "--pengguna", "--oleh", dest="pengguna",
            help="nama pengguna yang dicatat di riwayat sebagai pengimpor (bawaan: pengguna sistem operasi)",
        )
        parser.add_argument("--alasan", default="", help="alasan yang dicatat di riwayat (wajib, kecuali --periksa)")
        parser.add_argument("--periksa", action="store_true", help="hanya periksa; tidak ada yang disimpan")

    def handle(self, *args, berkas: str, pengguna: str | None = None, periksa: bool = False, alasan: str = "",
               **options):
        alasan = (alasan or "").strip()
        if not alasan and not periksa:
            raise CommandError(
                "Sebutkan alasan impor dengan --alasan \"...\" (dicatat di riwayat bersama siapa yang menjalankan)."
            )
        jalur = Path(berkas)
        if not jalur.is_file():
            raise CommandError(f"Berkas {berkas} tidak ditemukan.")
        user = None
        if pengguna:
            user = get_user_model().objects.filter(username=pengguna).first()
            if user is None:
                raise CommandError(f"Pengguna {pengguna} tidak ditemukan.")
        try:
            hasil = impor_dataset(
                jalur.read_bytes(), user=user, simpan=not periksa,
                alasan=awalan_perintah("impor_dataset_excel", user, alasan or "periksa"),
            )
        except DatasetTidakSah as exc:
            baris = "\n".join(f"  - {m}" for m in exc.masalah)
            raise CommandError(f"Impor dibatalkan, tidak ada yang disimpan. {len(exc.masalah)} masalah:\n{baris}") from None
        if hasil.tersimpan:
            self.stdout.write(f"Dataset OPD {hasil.opd.kode} tahun {hasil.tahun} diimpor.")
        else:
            self.stdout.write(f"Dataset OPD {hasil.opd.kode} tahun {hasil.tahun} terbaca tanpa masalah; "
                              "tidak ada yang disimpan (--periksa).")
        dibuat = "dibuat" if hasil.tersimpan else "akan dibuat"
        if hasil.pemda_dibuat:
            self.stdout.write(f"Pemda {hasil.opd.pemda.kode} {dibuat} dari berkas.")
        if hasil.skala_dibuat:
            self.stdout.write(f"Skala kategori {dibuat} dari berkas.")
        for lembar, jumlah in hasil.jumlah.items():
            self.stdout.write(f"  {lembar}: {jumlah} baris")
        for p in hasil.peringatan:
            self.stdout.write(self.style.WARNING(f"Perhatian: {p}"))
