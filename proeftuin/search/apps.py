from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "proeftuin.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from proeftuin.search import tasks  # noqa: F401  (registers the background tasks)
