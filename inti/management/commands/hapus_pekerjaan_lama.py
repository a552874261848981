"""`python manage.py hapus_pekerjaan_lama [--hari 30]`

Removes the background jobs (PDF renders, sign-offs, uploads, exports) that ended more than `--hari` days
ago, with the files they made for themselves under MEDIA_ROOT/pekerjaan/. Stored renders and signed
archives stay: they belong to the report. The task backend's own rows are pruned by django-tasks-db's
`prune_db_task_results`. Meant for a daily timer (cron, systemd) next to the worker.
"""

from django.core.management.base import BaseCommand, CommandError

from inti.pekerjaan import hapus_lama


class Command(BaseCommand):
    help = "Menghapus pekerjaan latar yang sudah berakhir lebih dari N hari, beserta berkasnya."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hari", type=int, default=30, help="umur minimal pekerjaan yang dihapus (bawaan 30)"
        )

    def handle(self, *args, hari: int, **options):
        if hari < 0:
            raise CommandError("--hari tidak boleh negatif.")
        jumlah = hapus_lama(hari=hari)
        self.stdout.write(f"{jumlah} pekerjaan yang berakhir lebih dari {hari} hari lalu dihapus.")
