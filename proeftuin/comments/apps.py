from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "proeftuin.comments"
    label = "comments"
    verbose_name = _("Comments")

    def ready(self):
        from proeftuin.comments import registry  # noqa: F401  (registers comment.mention)
