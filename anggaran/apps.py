from django.apps import AppConfig


class AnggaranConfig(AppConfig):
    name = "anggaran"
    verbose_name = "Anggaran (DPA)"
