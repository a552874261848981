"""The site's URLs plus a view that fails, to see the 500 page (tests/web/test_galat.py)."""

from django.urls import path

from lkjip.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def _gagal(request):
    raise RuntimeError("kegagalan uji")


urlpatterns = [*urlpatterns, path("uji-galat-500/", _gagal)]
