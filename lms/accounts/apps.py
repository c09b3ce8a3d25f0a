from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Accounts and teams")

    def ready(self):
        from allauth.account.signals import user_logged_in

        from lms.accounts.language import restore_language

        user_logged_in.connect(restore_language, dispatch_uid="lms.accounts.restore_language")
