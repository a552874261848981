"""The year's freeze becomes data of the base (`inti.TahunOPD.beku`): a year whose LKjIP is submitted,
reviewed or signed is frozen, as the report's state said until now."""

from django.db import migrations

STATUS_BEKU = ("diajukan", "direviu", "disetujui")


def bekukan(apps, schema_editor):
    Laporan = apps.get_model("laporan", "Laporan")
    TahunOPD = apps.get_model("inti", "TahunOPD")
    db = schema_editor.connection.alias
    for opd_id, tahun, status in Laporan.objects.using(db).values_list("opd_id", "tahun", "status"):
        TahunOPD.objects.using(db).update_or_create(
            opd_id=opd_id, tahun=tahun, defaults={"beku": status in STATUS_BEKU}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("inti", "0001_initial"),
        ("laporan", "0002_opd_di_inti"),
    ]

    operations = [
        migrations.RunPython(bekukan, migrations.RunPython.noop),
    ]
