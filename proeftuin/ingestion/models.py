"""Uploaded source files, their ingestion jobs and the suggestions they produce."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from proeftuin.accounts.service import Role
from proeftuin.core.service import BaseModel, Grant, VisibilityRule, VisibleQuerySet


class SourceFileQuerySet(VisibleQuerySet):
    """Uploaded files and their suggestions: members of the owning organisation (any
    current role) and platform administrators. Having uploaded a file grants nothing."""

    rule = VisibilityRule(grants=(Grant(Role.VIEWER),))

    def visible_to(self, user):
        """A deleted file (waiting to be purged) is seen by no one, administrators
        included; they restore it in the Django admin."""
        return super().visible_to(user).filter(deleted_at__isnull=True)


class SourceFile(BaseModel):
    """One uploaded file, kept once per organisation and content hash."""

    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="source_files"
    )
    file = models.FileField(_("file"), upload_to="sources/%Y/%m/")
    filename = models.CharField(_("file name"), max_length=255)
    content_hash = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    format = models.CharField(_("format"), max_length=12, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("previous version"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    text = models.TextField(_("normalised text"), blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("deleted by"),
    )
    deleted_cases = models.JSONField(
        _("draft cases deleted with it"),
        default=list,
        blank=True,
        help_text=_("Ids of the draft cases made from this file, deleted and restored with it."),
    )

    objects = SourceFileQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "content_hash"], name="unique_source_per_owner"
            )
        ]
        verbose_name = _("source file")
        verbose_name_plural = _("source files")

    def __str__(self) -> str:
        return self.filename


class Job(BaseModel):
    """One run of the pipeline over a source file, with its visible progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("done")
        FAILED = "failed", _("failed")

    source = models.ForeignKey(SourceFile, on_delete=models.CASCADE, related_name="jobs")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField(_("step"), max_length=60, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error_code = models.CharField(max_length=40, blank=True)
    error_message = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ingestion job")
        verbose_name_plural = _("ingestion jobs")

    def __str__(self) -> str:
        return f"{self.source} ({self.get_status_display()})"


class Suggestion(BaseModel):
    """One extracted value with its source passage, waiting for a person's decision."""

    class Status(models.TextChoices):
        PENDING = "pending", _("to review")
        ACCEPTED = "accepted", _("accepted")
        EDITED = "edited", _("edited")
        REJECTED = "rejected", _("rejected")

    source = models.ForeignKey(SourceFile, on_delete=models.CASCADE, related_name="suggestions")
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, related_name="+")
    segment = models.PositiveSmallIntegerField(_("case in the document"))
    segment_title = models.CharField(max_length=300)
    field = models.CharField(_("field"), max_length=120)
    value = models.JSONField(_("suggested value"))
    edited_value = models.JSONField(_("edited value"), null=True, blank=True)
    page = models.PositiveIntegerField(_("page"), null=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField(_("quote"))
    step = models.CharField(_("step"), max_length=60)
    step_version = models.CharField(max_length=120)
    confidence = models.FloatField(_("confidence"))
    conflict = models.BooleanField(_("conflicts with another value"), default=False)
    change = models.CharField(
        _("compared with the previous version"),
        max_length=10,
        blank=True,
        choices=[("new", _("new")), ("unchanged", _("unchanged"))],
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["segment", "field", "start"]
        indexes = [models.Index(fields=["source", "segment", "status"])]

    def __str__(self) -> str:
        return f"{self.field}: {str(self.value)[:60]}"

    @property
    def final_value(self):
        return self.edited_value if self.status == self.Status.EDITED else self.value


class DuplicateChoice(BaseModel):
    """What a reviewer chose for a case in a document that may already be in the library:
    add its values to an existing case, or make a new case anyway."""

    class Choice(models.TextChoices):
        MERGED = "merged", _("added to an existing case")
        NEW = "new", _("a new case anyway")

    source = models.ForeignKey(
        SourceFile, on_delete=models.CASCADE, related_name="duplicate_choices"
    )
    segment = models.PositiveSmallIntegerField(_("case in the document"))
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    conflicts = models.JSONField(
        _("values not taken over"),
        default=list,
        blank=True,
        help_text=_("Values that differ from what the existing case has; they were left out."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "segment"], name="unique_duplicate_choice")
        ]
        verbose_name = _("duplicate choice")
        verbose_name_plural = _("duplicate choices")

    def __str__(self) -> str:
        return f"{self.source} #{self.segment}: {self.get_choice_display()}"
