from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "proeftuin.cases"
    label = "cases"
    verbose_name = _("Case library")

    def ready(self):
        from proeftuin.cases import searchable, work  # noqa: F401  (registers "Mijn werk")
        from proeftuin.core.service import register_content_domain

        register_content_domain("cases", _("Case library"))
        searchable.register()  # cases are findable in search ("case")
