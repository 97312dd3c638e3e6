from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications: a shared mechanism. Apps register their event kinds
    (``register_event``) and call ``notify``; this app names none of them."""

    name = "proeftuin.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from proeftuin.notifications import tasks  # noqa: F401  (registers the mail tasks)
