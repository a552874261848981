import secrets

from django.db import migrations, models


def isi_peran(apps, schema_editor):
    """The roles token (`inti.versi.PERAN`) starts with a value: users' scopes can be kept from the start."""
    VersiData = apps.get_model("inti", "VersiData")
    VersiData.objects.get_or_create(kunci="peran", defaults={"token": secrets.token_hex(8)})


class Migration(migrations.Migration):
    dependencies = [
        ("inti", "0004_unit_organisasi"),
    ]

    operations = [
        migrations.AlterField(
            model_name="versidata",
            name="kunci",
            field=models.CharField(
                help_text="`*`, `peran` atau `opd:<id>`",
                max_length=24,
                primary_key=True,
                serialize=False,
                verbose_name="kunci",
            ),
        ),
        migrations.RunPython(isi_peran, migrations.RunPython.noop),
    ]
