"""Pipelines as data: a ``Workflow`` of ``Stage``s with ``GateQuestion``s and a table of
allowed ``Transition``s; ``WorkflowSubject`` for the records that move through one, and the
append-only ``Move`` history. Imported by ``proeftuin.core.models`` (app label ``core``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from proeftuin.core.models import BaseModel
from proeftuin.core.workflows.choices import Decision, StageCategory


class Workflow(BaseModel):
    """One pipeline for one kind of subject; ``owner`` empty: the platform default that
    organisations copy and then edit."""

    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    owner = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("Empty: the platform default for this kind."),
    )
    name = models.CharField(_("name"), max_length=200)
    based_on = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name=_("based on"),
    )
    # raised by every edit through the editing services: two administrators editing at once
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    class Meta:
        ordering = ["kind", "owner__name", "name"]
        verbose_name = _("workflow")
        verbose_name_plural = _("workflows")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(owner__isnull=True), name="core_workflow_one_default"
            ),
            models.UniqueConstraint(fields=["kind", "owner"], name="core_workflow_one_per_owner"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_default(self) -> bool:
        return self.owner_id is None


class Stage(models.Model):
    workflow = models.ForeignKey(
        Workflow, on_delete=models.CASCADE, related_name="stages", verbose_name=_("workflow")
    )
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name (Dutch)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    category = models.CharField(
        _("category"), max_length=20, choices=StageCategory.choices, default=StageCategory.OPEN
    )
    required_fields = models.JSONField(
        _("required fields"),
        default=list,
        blank=True,
        help_text=_("Fields the record must have filled in to enter this stage."),
    )
    evaluation_due_days = models.PositiveSmallIntegerField(
        _("evaluation due after (days)"), null=True, blank=True
    )
    is_initial = models.BooleanField(_("initial stage"), default=False)

    class Meta:
        ordering = ["workflow", "order", "id"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [
            models.UniqueConstraint(fields=["workflow", "key"], name="core_stage_unique_key")
        ]

    def __str__(self) -> str:
        return self.name

    def label(self, language: str | None = None) -> str:
        """The name in ``language`` (default: the active one), Dutch when no English."""
        from django.utils.translation import get_language

        language = language or get_language() or "nl"
        return self.name_en if language.startswith("en") and self.name_en else self.name

    def clean(self):
        super().clean()
        fields = self.required_fields
        if not isinstance(fields, list) or not all(isinstance(f, str) and f for f in fields):
            raise ValidationError(
                {"required_fields": gettext('Give a list of field names, e.g. ["lessons"].')}
            )


class GateQuestion(models.Model):
    """A question the gate that ends ``stage`` asks; its answer is stored with the move."""

    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="gate_questions", verbose_name=_("stage")
    )
    text = models.TextField(_("question (Dutch)"))
    text_en = models.TextField(_("question (English)"), blank=True)
    required = models.BooleanField(_("answer required"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["stage", "order", "id"]
        verbose_name = _("gate question")
        verbose_name_plural = _("gate questions")

    def __str__(self) -> str:
        return self.text[:100]

    def label(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        language = language or get_language() or "nl"
        return self.text_en if language.startswith("en") and self.text_en else self.text


class Transition(models.Model):
    """One allowed move and who may make it. ``actors`` names organisation roles ("viewer",
    "contributor", "editor", "admin": that role or higher in the subject's owner) and/or
    subject roles ("owner", "sponsor", "gatekeeper", "team") the subject resolves."""

    workflow = models.ForeignKey(
        Workflow, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("workflow")
    )
    from_stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="transitions_out", verbose_name=_("from")
    )
    to_stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="transitions_in", verbose_name=_("to")
    )
    actors = models.JSONField(
        _("who may"),
        default=list,
        help_text=_('e.g. ["editor", "owner"] or ["gatekeeper"]'),
    )
    is_gate = models.BooleanField(
        _("gate"), default=False, help_text=_("A gate decision with answers is needed.")
    )
    label = models.CharField(_("label"), max_length=100, blank=True)

    class Meta:
        ordering = ["workflow", "from_stage__order", "to_stage__order", "id"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        constraints = [
            models.UniqueConstraint(
                fields=["from_stage", "to_stage", "is_gate"], name="core_transition_unique"
            )
        ]

    def __str__(self) -> str:
        return self.label or f"{self.from_stage} → {self.to_stage}"

    def clean(self):
        super().clean()
        from proeftuin.core.workflows.validation import transition_errors

        errors = transition_errors(self)
        if errors:
            raise ValidationError(errors)


class WorkflowSubject(models.Model):
    """For a record that moves through a workflow. The model also has an ``owner``
    organisation and implements ``workflow_roles(user) -> set[str]``; it may override
    ``workflow_missing(fields)``."""

    workflow = models.ForeignKey(
        Workflow, on_delete=models.PROTECT, related_name="+", verbose_name=_("workflow")
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="+", verbose_name=_("stage")
    )
    stage_entered_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    stage_version = models.PositiveIntegerField(_("stage version"), default=0, editable=False)

    class Meta:
        abstract = True

    def workflow_roles(self, user) -> set[str]:
        """The subject roles ``user`` holds on this record, e.g. {"owner", "gatekeeper"}."""
        return set()

    def workflow_missing(self, fields) -> list[tuple[str, str]]:
        """``(field, Dutch message)`` for each of ``fields`` this record has not filled in."""
        from proeftuin.core.workflows.validation import missing_fields

        return missing_fields(self, fields)

    @classmethod
    def workflow_field_choices(cls) -> dict[str, str]:
        """``{field: label}`` a stage of this kind may require (the pipeline pages offer
        these). Default: the model's own editable fields, not the workflow's or the owner."""
        from proeftuin.core.workflows.validation import editable_fields

        return editable_fields(cls)


class Move(BaseModel):
    """One move of one subject: who, when, from where to where, the decision and why.
    Append-only: a saved move is never changed."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    from_stage = models.ForeignKey(
        Stage, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("from")
    )
    to_stage = models.ForeignKey(
        Stage, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("to")
    )
    # the stage names at the time, so the history stays readable when a stage goes
    from_name = models.CharField(_("from"), max_length=100)
    to_name = models.CharField(_("to"), max_length=100)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, blank=True, default=""
    )
    reason = models.TextField(_("reason"), blank=True)
    answers = models.JSONField(_("answers to the gate questions"), default=dict, blank=True)
    evidence = models.TextField(_("evidence looked at"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("move")
        verbose_name_plural = _("moves")
        indexes = [
            models.Index(fields=["content_type", "object_id", "-at"], name="core_move_subject")
        ]

    @classmethod
    def between(cls, subject_type, object_id, source, target, actor, at, **fields) -> Move:
        """An unsaved move of one subject from ``source`` to ``target``, with the stage names
        of the moment and the actor only when signed in (a system move has none)."""
        return cls(
            content_type=subject_type,
            object_id=object_id,
            from_stage=source,
            to_stage=target,
            from_name=source.name,
            to_name=target.name,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            at=at,
            **fields,
        )

    def __str__(self) -> str:
        return f"{self.from_name} → {self.to_name}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A move is recorded once and never changed.")
        super().save(*args, **kwargs)
