from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "proeftuin.awards"
    label = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from proeftuin.awards import casebook_job, events, listeners, reminders, searchable, work  # noqa: F401
        from proeftuin.awards.choices import WORKFLOW_KIND
        from proeftuin.awards.models import Nomination
        from proeftuin.core.service import register_content_domain, register_workflow_kind

        register_content_domain("awards", _("Awards"))
        register_workflow_kind(WORKFLOW_KIND, Nomination)
        searchable.register()  # published editions are findable
        listeners.connect()
