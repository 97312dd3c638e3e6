from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "proeftuin.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from proeftuin.core.searchable import when_changed, when_deleted
        from proeftuin.search import services, tasks  # noqa: F401  (registers the tasks)

        when_changed(services.index)  # the job of a searchable kind: reindex one object
        when_deleted(services.forget)  # a deleted object takes its passages with it
