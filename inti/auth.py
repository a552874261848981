"""The login backend: Django's `ModelBackend`, whose user of each request comes with the roles token.

Every page needs the user's scopes (`inti.akses`) and the navbar's OPDs: three queries when computed. They
are kept per process under the roles token (`inti.versi.PERAN`), which is read here in the same query as
the user (a subquery), so a page whose user's roles did not change since pays nothing for them.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Subquery

from inti import versi
from inti.models import VersiData

# The attribute a user read here carries: (roles token or None, `versi.generasi_peran()` when read).
ATTR_TOKEN_PERAN = "_token_peran"


class BackendPengguna(ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        generasi = versi.generasi_peran()
        token = VersiData.objects.filter(kunci=versi.PERAN).values("token")[:1]
        try:
            user = User._default_manager.annotate(_token=Subquery(token)).get(pk=user_id)
        except User.DoesNotExist:
            return None
        setattr(user, ATTR_TOKEN_PERAN, (user.__dict__.pop("_token"), generasi))
        return user if self.user_can_authenticate(user) else None
