from django.apps import AppConfig


class CapaianConfig(AppConfig):
    name = "capaian"
    verbose_name = "Monev dan capaian"
