"""The category scale and the monev periods move to the base app `inti`, the definition of a formula's
inputs (VariabelFormula) to `renstra`, beside its indicator: their tables and history tables are renamed
here; `inti` 0001 and `renstra` 0002 take them over (state only), so no row and no history row moves."""

from django.db import migrations

TABEL = {
    "skalakategori": "inti_skalakategori",
    "rentangkategori": "inti_rentangkategori",
    "periodemonev": "inti_periodemonev",
    "historicalskalakategori": "inti_historicalskalakategori",
    "historicalrentangkategori": "inti_historicalrentangkategori",
    "historicalperiodemonev": "inti_historicalperiodemonev",
    "variabelformula": "renstra_variabelformula",
    "historicalvariabelformula": "renstra_historicalvariabelformula",
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
        # The database only: these models leave capaian's state in 0005 and 0006.
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable(name=nama, table=tabel) for nama, tabel in TABEL.items()],
        ),
    ]
