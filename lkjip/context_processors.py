"""Template context every page needs: the user's access and the OPDs for the navbar switcher."""

from django.utils.functional import SimpleLazyObject

from inti.akses import peran_pengguna
from lkjip.selectors import opd_navigasi


def akses(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: a page that never shows the navbar (a partial for htmx) does not pay for the query.
    return {
        "akses": SimpleLazyObject(lambda: peran_pengguna(user)),
        "opd_navigasi": SimpleLazyObject(lambda: opd_navigasi(user=user)),
    }
