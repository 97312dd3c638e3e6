from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """Site-wide pages and the theme: footer pages, organisation theme, favicon.

    The label is "sitepages" because Django's own sites framework is called "sites"."""

    name = "proeftuin.site"
    label = "sitepages"
    verbose_name = _("Site pages")

    def ready(self):
        from proeftuin.site import checks  # noqa: F401  (registers the theme check)
