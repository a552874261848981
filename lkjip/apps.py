from django.apps import AppConfig


class LkjipConfig(AppConfig):
    name = "lkjip"
    verbose_name = "Pemda, OPD dan pengguna"
