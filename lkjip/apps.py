from django.apps import AppConfig


class LkjipConfig(AppConfig):
    """The site: settings, URLs, its pages and the report (`lkjip.laporan`). It holds no models of its own;
    its migrations are kept because they moved the registry to `inti` on existing databases."""

    name = "lkjip"
    verbose_name = "Situs LKjIP"
