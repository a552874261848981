"""The registry moves to the base app `inti`: its tables and history tables are renamed here, and `inti`'s
first migration takes them over (state only), so every row and every history row stays where it is."""

from django.db import migrations

TABEL = {
    "pemda": "inti_pemda",
    "opd": "inti_opd",
    "keanggotaan": "inti_keanggotaan",
    "aksespemda": "inti_aksespemda",
    "historicalpemda": "inti_historicalpemda",
    "historicalopd": "inti_historicalopd",
    "historicalkeanggotaan": "inti_historicalkeanggotaan",
    "historicalaksespemda": "inti_historicalaksespemda",
    "historicaluser": "inti_historicaluser",
}


class Migration(migrations.Migration):
    dependencies = [
        # Every migration written before the move: on a new database they create tables whose foreign
        # keys name the old tables, so the renames must come after all of them.
        ("lkjip", "0002_riwayat_pengguna"),
        ("capaian", "0003_bukti_dukung_catatan_reviu"),
        ("renstra", "0001_initial"),
        ("anggaran", "0002_initial"),
        ("perjanjian", "0001_initial"),
        ("laporan", "0001_initial"),
    ]

    operations = [
        # The database only: these models leave lkjip's state in 0004, once every foreign key names inti.
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable(name=nama, table=tabel) for nama, tabel in TABEL.items()],
        ),
    ]
