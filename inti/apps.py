from django.apps import AppConfig


class IntiConfig(AppConfig):
    name = "inti"
    verbose_name = "Pemda, OPD dan pengguna"

    def ready(self):
        from django.contrib.auth import user_logged_in
        from django.contrib.auth.models import update_last_login
        from django.utils import timezone

        # Django saves the whole user on every login to stamp last_login, and that save would add a
        # row to the account's audit trail each time. Stamp it with an update instead: no history noise.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")

        def stempel_login(sender, user, **kwargs):
            type(user).objects.filter(pk=user.pk).update(last_login=timezone.now())

        user_logged_in.connect(stempel_login, dispatch_uid="lkjip_stempel_login", weak=False)

        # Every write to an OPD's data changes its data version in the same transaction (inti.versi).
        from inti import versi

        versi.sambungkan()
