"""The base model every domain model extends, and the audit trail."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """A uuid for URLs and the API beside the integer key, and creation/update times."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One change to one record: who, when, what (a field-by-field diff)."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_uuid = models.UUIDField(_("object"), db_index=True)
    object_repr = models.CharField(_("description"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["object_type", "object_uuid", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"


class ContentState(models.Model):
    """One row whose generation goes up with every write to cases or organisations, so
    caches in every worker process (facet index, rendered fragments) know when to refresh.
    The token changes when the row is created anew (a fresh or restored database)."""

    generation = models.PositiveBigIntegerField(default=0)
    token = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("content state")
        verbose_name_plural = _("content state")

    def __str__(self) -> str:
        return f"{self.token}:{self.generation}"
