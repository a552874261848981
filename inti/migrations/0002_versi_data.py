import secrets

from django.db import migrations, models


def isi_versi(apps, schema_editor):
    """Every existing OPD, and the installation, start with a token of their own."""
    VersiData = apps.get_model("inti", "VersiData")
    OPD = apps.get_model("inti", "OPD")
    kunci = ["*", *(f"opd:{pk}" for pk in OPD.objects.values_list("pk", flat=True))]
    VersiData.objects.bulk_create([VersiData(kunci=k, token=secrets.token_hex(8)) for k in kunci])


class Migration(migrations.Migration):

    dependencies = [
        ('inti', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='VersiData',
            fields=[
                ('kunci', models.CharField(help_text='`*` atau `opd:<id>`', max_length=24, primary_key=True, serialize=False, verbose_name='kunci')),
                ('token', models.CharField(max_length=32, verbose_name='token')),
                ('diubah', models.DateTimeField(auto_now=True, verbose_name='diubah')),
            ],
            options={
                'verbose_name': 'versi data',
                'verbose_name_plural': 'versi data',
            },
        ),
        migrations.RunPython(isi_versi, migrations.RunPython.noop),
    ]
