from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "proeftuin.cases"
    label = "cases"
    verbose_name = _("Case library")

    def ready(self):
        from proeftuin.cases import work  # noqa: F401  (registers the "Mijn werk" sections)
        from proeftuin.core.service import register_content_domain

        register_content_domain("cases", _("Case library"))
