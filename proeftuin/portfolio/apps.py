from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "proeftuin.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self):
        from proeftuin.portfolio import work  # noqa: F401  (registers the "Mijn werk" sections)
