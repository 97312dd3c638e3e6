from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatentsConfig(AppConfig):
    name = "proeftuin.patents"
    label = "patents"
    verbose_name = _("Innovation patents")

    def ready(self):
        from proeftuin.core.service import register_content_domain
        from proeftuin.patents import events, work  # noqa: F401

        register_content_domain("patents", _("Innovation patents"))
