from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "proeftuin.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from proeftuin.accounts import events
        from proeftuin.core.service import register_content_domain

        events.connect()
        # who works where: what is derived from it (a judge's conflicts, say) is cached
        register_content_domain("memberships", _("Memberships"))
