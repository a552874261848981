from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lkjip.dataset.baris import DatasetTidakSah
from lkjip.dataset.dari_json import muat_dataset
from lkjip.dataset.tulis import alasan_perintah, awalan_perintah


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
        parser.add_argument(
            "--pengguna", "--oleh", dest="pengguna",
            help="nama pengguna yang dicatat di riwayat sebagai pemuat (bawaan: pengguna sistem operasi)",
        )
        parser.add_argument(
            "--alasan", default="",
            help="alasan yang dicatat di riwayat setiap baris yang ditulis; wajib bersama --timpa",
        )

    def handle(self, *args, tanpa_pengguna: bool = False, timpa: bool = False, pengguna: str | None = None,
               alasan: str = "", **options):
        alasan = (alasan or "").strip()
        if timpa and not alasan:
            raise CommandError(
                "--timpa menulis ulang data yang mungkin sudah diubah pengguna: sebutkan alasannya dengan "
                "--alasan \"...\" (dicatat di riwayat bersama siapa yang menjalankan)."
            )
        user = None
        if pengguna:
            user = get_user_model().objects.filter(username=pengguna).first()
            if user is None:
                raise CommandError(f"Pengguna {pengguna} tidak ditemukan.")
        awalan = awalan_perintah("muat_dataset", user, alasan)
        try:
            with alasan_perintah(awalan):
                hasil = muat_dataset(dengan_pengguna=not tanpa_pengguna, timpa=timpa, user=user)
        except DatasetTidakSah as exc:
            baris = "\n".join(f"  - {m}" for m in exc.masalah)
            raise CommandError(
                f"Dataset tidak dapat dimuat, tidak ada yang disimpan. {len(exc.masalah)} masalah:\n{baris}"
            ) from None
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
