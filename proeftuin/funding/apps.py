from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "proeftuin.funding"
    label = "funding"
    verbose_name = _("Funding rounds")

    def ready(self):
        from proeftuin.core.service import register_content_domain, register_workflow_kind
        from proeftuin.funding import events_apply, work_apply  # noqa: F401
        from proeftuin.funding import events_review, work_review  # noqa: F401
        from proeftuin.funding import events_decide, letters, work_decide  # noqa: F401
        from proeftuin.funding.choices import WORKFLOW_KINDS
        from proeftuin.funding.models import Application

        register_content_domain("funding", _("Funding rounds"))
        for kind in WORKFLOW_KINDS:
            register_workflow_kind(kind, Application)
