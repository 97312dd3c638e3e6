from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "proeftuin.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self):
        from proeftuin.core.service import register_content_domain, register_workflow_kind
        from proeftuin.portfolio import comments, reminders, searchable, stages, work  # noqa: F401
        from proeftuin.portfolio.models import Initiative

        register_content_domain("initiatives", _("Initiatives"))
        searchable.register()  # initiatives are findable in search ("initiative")
        register_workflow_kind("initiative", Initiative)
