from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "lkjip.laporan"
    label = "laporan"
    verbose_name = "Laporan Kinerja (LKjIP)"
