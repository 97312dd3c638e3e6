from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "proeftuin.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from proeftuin.core.service import register_content_domain

        register_content_domain("organisations", _("Organisations"))
