from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lkjip.dataset import DatasetError, muat_dataset


class Command(BaseCommand):
    help = (
        "Memuat dataset Disperindag Kota Pasuruan 2022, OPD demo kedua dan pengguna demo. "
        "Aman dijalankan berulang: tidak membuat data ganda."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tanpa-pengguna",
            action="store_true",
            help="Jangan membuat atau memperbarui pengguna demo (untuk instalasi sungguhan).",
        )
        parser.add_argument(
            "--timpa",
            action="store_true",
            help="Kembalikan semua nilai dataset, menimpa perubahan yang dibuat sejak dimuat (tercatat di riwayat).",
        )

    def handle(self, *args, tanpa_pengguna: bool = False, timpa: bool = False, **options):
        try:
            hasil = muat_dataset(dengan_pengguna=not tanpa_pengguna, timpa=timpa)
        except DatasetError as exc:
            raise CommandError(f"Dataset tidak dapat dimuat: {exc}") from exc
        if hasil.opd_dimuat:
            self.stdout.write("Dataset Disperindag Kota Pasuruan 2022 dimuat: " + ", ".join(hasil.opd_dimuat) + ".")
        if hasil.opd_dilewati:
            self.stdout.write(
                "Sudah ada, dibiarkan apa adanya (pakai --timpa untuk mengembalikan nilai dataset): "
                + ", ".join(hasil.opd_dilewati)
                + "."
            )
        if hasil.pengguna:
            self.stdout.write(f"Login demo (password: {settings.DEMO_PASSWORD}):")
            for p in hasil.pengguna:
                self.stdout.write(f"  {p.username:<10} {p.keterangan}")
