from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestionConfig(AppConfig):
    name = "proeftuin.ingestion"
    label = "ingestion"
    verbose_name = _("Document ingestion")

    def ready(self):
        from proeftuin.ingestion import searchable, tasks, work  # noqa: F401  (registers tasks)

        searchable.register()  # uploaded documents are findable in search ("document")
        from proeftuin.ingestion.llm.step import register_if_configured

        register_if_configured()  # optional step "llm"; only when LLM_ENDPOINT_URL is set
