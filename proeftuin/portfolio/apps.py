from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "proeftuin.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self):
        from proeftuin.cases.service import register_case_origin
        from proeftuin.core.service import register_content_domain, register_workflow_kind
        from proeftuin.portfolio import (  # noqa: F401
            comments,
            dashboard_exports,
            reminders,
            searchable,
            stages,
            work,
        )
        from proeftuin.portfolio.models import Initiative
        from proeftuin.portfolio.to_case import case_origin

        register_content_domain("initiatives", _("Initiatives"))
        searchable.register()  # initiatives are findable in search ("initiative")
        register_workflow_kind("initiative", Initiative)
        register_case_origin("initiative", case_origin)  # "Ontstaan uit initiatief" on a case
