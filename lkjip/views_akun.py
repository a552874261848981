"""The sign-in page: Django's, telling the visitor when the connection cannot carry the session cookie, and
the address a sign-in attempt is counted against (django-axes)."""

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.shortcuts import render

from inti.forms import FormulirMasuk


class Masuk(LoginView):
    authentication_form = FormulirMasuk
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        konteks = super().get_context_data(**kwargs)
        # A Secure cookie is never sent back over plain HTTP: signing in would fail without a word.
        konteks["cookie_perlu_https"] = settings.SESSION_COOKIE_SECURE and not self.request.is_secure()
        return konteks


def alamat_klien(request) -> str:
    """The address a sign-in attempt comes from: the connection's, or behind the site's reverse proxy
    (DI_BELAKANG_PROXY) the last address the proxy added to X-Forwarded-For. Never an address the client
    could choose: it would then dodge the lockout by sending another one each time."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        diteruskan = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if diteruskan.strip():
            return diteruskan.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def terkunci(request, credentials, *args, **kwargs):
    """The page a locked-out sign-in gets (HTTP 429), in Indonesian, with the way out."""
    konteks = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "menit": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/terkunci.html", konteks, status=429)
