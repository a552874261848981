"""The sign-in page: Django's, telling the visitor when the connection cannot carry the session cookie."""

from django.conf import settings
from django.contrib.auth.views import LoginView

from inti.forms import FormulirMasuk


class Masuk(LoginView):
    authentication_form = FormulirMasuk
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        konteks = super().get_context_data(**kwargs)
        # A Secure cookie is never sent back over plain HTTP: signing in would fail without a word.
        konteks["cookie_perlu_https"] = settings.SESSION_COOKIE_SECURE and not self.request.is_secure()
        return konteks
