from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "proeftuin.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from proeftuin.accounts import events

        events.connect()
