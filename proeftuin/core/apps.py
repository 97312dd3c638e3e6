from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "proeftuin.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from proeftuin.core.generation import register_content_domain

        # stage names, categories and order: what dashboards over workflow subjects show
        register_content_domain("workflows", _("Pipelines"))
