from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "proeftuin.funding"
    label = "funding"
    verbose_name = _("Funding rounds")

    def ready(self):
        from proeftuin.core.service import register_content_domain, register_workflow_kind
        from proeftuin.funding import (  # noqa: F401
            events_apply,
            events_decide,
            events_review,
            letters,
            searchable,
            work_apply,
            work_decide,
            work_review,
        )
        from proeftuin.funding.choices import WORKFLOW_KINDS
        from proeftuin.funding.models import Application

        register_content_domain("funding", _("Funding rounds"))
        for kind in WORKFLOW_KINDS:
            register_workflow_kind(kind, Application)
        searchable.register()  # published rounds and granted experiments are findable
