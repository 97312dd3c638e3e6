from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "proeftuin.circles"
    label = "circles"
    verbose_name = _("Reference groups and learning circles")

    def ready(self):
        from proeftuin.circles import comments, events, searchable, work  # noqa: F401
        from proeftuin.core.service import register_content_domain

        register_content_domain("circles", _("Reference groups and learning circles"))
        searchable.register()  # open groups are findable in search ("circle")
