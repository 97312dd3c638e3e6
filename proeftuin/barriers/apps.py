from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BarriersConfig(AppConfig):
    name = "proeftuin.barriers"
    label = "barriers"
    verbose_name = _("Barrier register")

    def ready(self):
        from proeftuin.barriers import exports, reports, searchable, work  # noqa: F401
        from proeftuin.barriers.panel import case_barriers
        from proeftuin.cases.service import register_case_origin
        from proeftuin.core.service import register_content_domain
        from proeftuin.notifications.service import EmailFrequency, register_event

        register_content_domain("barriers", _("Barriers"))
        register_case_origin("barriers", case_barriers)  # "Knelpuntenregister:" on a case
        searchable.register()  # barriers are findable in search ("barrier")
        register_event(
            "barrier.routed",
            _("A barrier was routed to an authority you are a contact of"),
            email=EmailFrequency.IMMEDIATELY,
        )
        register_event("barrier.state", _("A barrier you follow changed status"))
