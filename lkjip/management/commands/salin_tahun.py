"""`python manage.py salin_tahun <opd_kode> <dari> <ke> [--pengguna USERNAME] [--alasan TEKS]`

Starts year <ke> of an OPD from year <dari> (`lkjip.tahun.salin_tahun`): the budget tree without amounts,
its indicators with their definitions, and the draft PK with its Renstra targets and empty Rencana Aksi.
A year that already holds data is refused and nothing is written, so running it twice changes nothing.
With --pengguna the run acts as that user (who must be the Pemda admin) and is recorded under their name;
without it the OS user is recorded at the start of the reason. A frozen or approved target year is refused.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from inti.models import OPD
from lkjip.dataset.tulis import alasan_tahun_terkunci, awalan_perintah
from lkjip.tahun import alasan_bawaan, salin_tahun


class Command(BaseCommand):
    help = (
        "Memulai tahun baru OPD dari tahun sebelumnya: program, kegiatan dan sub kegiatan tanpa pagu, "
        "indikatornya, dan PK draf dengan target Renstra serta Rencana Aksi kosong."
    )

    def add_arguments(self, parser):
        parser.add_argument("opd_kode", help="kode OPD, mis. disperindag")
        parser.add_argument("dari", type=int, help="tahun asal, mis. 2022")
        parser.add_argument("ke", type=int, help="tahun baru, mis. 2023")
        parser.add_argument(
            "--pengguna", "--oleh", dest="pengguna", help="nama pengguna (admin Pemda) yang dicatat di riwayat"
        )
        parser.add_argument("--alasan", help="alasan yang dicatat di riwayat (bawaan: «Mulai tahun <ke> dari tahun <dari>»)")

    def handle(self, *args, opd_kode: str, dari: int, ke: int, pengguna=None, alasan=None, **options):
        opd = OPD.objects.select_related("pemda").filter(kode=opd_kode).first()
        if opd is None:
            raise CommandError(f"OPD {opd_kode} tidak ditemukan.")
        user = None
        if pengguna:
            user = get_user_model().objects.filter(username=pengguna).first()
            if user is None:
                raise CommandError(f"Pengguna {pengguna} tidak ditemukan.")
        terkunci = alasan_tahun_terkunci({(opd.pk, ke)})
        if terkunci:
            raise CommandError(f"Tidak ada yang disimpan. {terkunci[(opd.pk, ke)]}")
        alasan = awalan_perintah("salin_tahun", user, (alasan or "").strip() or alasan_bawaan(dari, ke))
        try:
            hasil = salin_tahun(user=user, opd=opd, dari=dari, ke=ke, alasan=alasan)
        except ValidationError as exc:
            raise CommandError(f"Tidak ada yang disimpan. {' '.join(exc.messages)}") from None
        except PermissionDenied as exc:
            raise CommandError(f"Tidak ada yang disimpan. {exc}") from None
        self.stdout.write(f"Tahun {ke} {opd.nama} dimulai dari tahun {dari}:")
        for label, jumlah in (
            ("program", hasil.program),
            ("kegiatan", hasil.kegiatan),
            ("sub kegiatan", hasil.sub_kegiatan),
            ("indikator program/kegiatan/sub kegiatan", hasil.indikator),
            ("variabel formula", hasil.variabel),
            (f"baris {hasil.pk.judul} (draf)", hasil.baris_pk),
            ("baris Rencana Aksi", hasil.rencana_aksi),
        ):
            self.stdout.write(f"  {label}: {jumlah}")
        for b in hasil.dilewati:
            self.stdout.write(self.style.WARNING(f"Tidak dimasukkan ke PK: {b.kode} {b.nama} ({b.alasan})"))
        for c in hasil.catatan:
            self.stdout.write(f"Catatan: {c}")
