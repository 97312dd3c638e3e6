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
    """One change to one record (who, when, a field-by-field diff), or one account event
    such as a sign-in, a failed sign-in or a lockout (who, when, from where, details).

    Records are named by their uuid; models without one (the user model) by their primary
    key in ``object_pk``. An event without a record (a failed sign-in for an unknown user
    name) has neither."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")
        LOGIN = "login", _("signed in")
        LOGIN_FAILED = "login_failed", _("sign-in failed")
        LOCKOUT = "lockout", _("locked out")
        LOGOUT = "logout", _("signed out")
        SECOND_FACTOR_VERIFIED = "otp_verified", _("second factor verified")
        SECOND_FACTOR_ADDED = "otp_added", _("two-factor authentication set up")
        SECOND_FACTOR_REMOVED = "otp_removed", _("two-factor authentication removed")
        RECOVERY_CODES = "recovery_codes", _("new recovery codes")
        PASSWORD_CHANGED = "password_changed", _("password changed")
        PASSWORD_RESET_REQUESTED = "password_reset_requested", _("password reset requested")
        PASSWORD_RESET = "password_reset", _("password reset")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_uuid = models.UUIDField(_("object"), null=True, blank=True, db_index=True)
    object_pk = models.CharField(_("object key"), max_length=64, blank=True, default="")
    object_repr = models.CharField(_("description"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(fields=["object_type", "object_uuid", "-created_at"]),
            models.Index(
                fields=["object_type", "object_pk", "-created_at"], name="core_audit_object_pk"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"


class ContentState(models.Model):
    """One row per content domain (``core.generation``) whose generation goes up with every
    write to that domain, so caches in every worker process (facet index, rendered
    fragments) know when to refresh. The token changes when the row is created anew (a
    fresh or restored database)."""

    domain = models.CharField(max_length=50, unique=True)
    generation = models.PositiveBigIntegerField(default=0)
    token = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("content state")
        verbose_name_plural = _("content state")

    def __str__(self) -> str:
        return f"{self.domain}={self.token}:{self.generation}"


class BackgroundJob(models.Model):
    """One run of a background task: the durable record every backend works from.

    The web process only inserts rows (in the transaction that made the work necessary);
    a worker claims one with a conditional UPDATE, holds a lease it renews with a heartbeat
    while the task runs, and records the outcome. A row whose lease ran out belongs to a
    worker that died; the next worker takes it again, up to ``max_attempts``.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    name = models.CharField(_("task"), max_length=100)
    args = models.JSONField(_("arguments"), default=list)
    key = models.CharField(_("task and arguments"), max_length=200, db_index=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    priority = models.SmallIntegerField(_("priority"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("maximum attempts"), default=3)
    run_after = models.DateTimeField(_("run after"))
    lease_token = models.CharField(max_length=32, blank=True)
    lease_expires_at = models.DateTimeField(_("lease expires at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    worker = models.CharField(_("worker"), max_length=120, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [
            models.Index(fields=["state", "priority", "run_after"], name="core_job_due"),
            models.Index(fields=["state", "lease_expires_at"], name="core_job_lease"),
        ]
        constraints = [  # one waiting copy of the same task with the same arguments
            models.UniqueConstraint(
                fields=["key"], condition=models.Q(state="queued"), name="core_job_one_queued"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.get_state_display()})"

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None


# Workflows (stages, transitions, gate questions, moves) keep their models in their package.
from proeftuin.core.workflows.models import (  # noqa: E402
    GateQuestion,
    Move,
    Stage,
    Transition,
    Workflow,
    WorkflowSubject,
)

__all__ = [
    "AuditEntry",
    "BackgroundJob",
    "BaseModel",
    "ContentState",
    "GateQuestion",
    "Move",
    "Stage",
    "Transition",
    "Workflow",
    "WorkflowSubject",
]
