from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyWorkConfig(AppConfig):
    """The "Mijn werk" page: the sections come from the work item providers other apps
    register (``proeftuin.core.work``); this app names none of them."""

    name = "proeftuin.mywork"
    label = "mywork"
    verbose_name = _("My work")
