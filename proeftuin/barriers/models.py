"""The barrier register: barriers (knelpunten) that block initiatives and cases in many
organisations at once, the authority that could remove each one, the links to the
initiatives and cases that ran into it, and reports of superfluous rules from the public."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from proeftuin.barriers.choices import (
    AuthorityKind,
    Category,
    LinkSource,
    LinkStatus,
    ReportStatus,
    State,
)
from proeftuin.barriers.querysets import BarrierLinkQuerySet, BarrierQuerySet
from proeftuin.core.service import BaseModel, EditorialModel, EditorialStatus


class Authority(BaseModel):
    """Who could remove a barrier: a ministry, a regulator, a legislator, an organisation's
    management; an organisation in the platform or not. Authorities are public."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=14, choices=AuthorityKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation in the platform"),
    )
    website = models.URLField(_("website"), blank=True)
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("contacts"),
        help_text=_("People told when a barrier is routed or escalated to this authority."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")

    def __str__(self) -> str:
        return self.name


class Barrier(EditorialModel, BaseModel):
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=250)
    category = models.CharField(_("category"), max_length=14, choices=Category.choices)
    description = models.TextField(_("description"))
    rule = models.CharField(_("rule or law concerned"), max_length=250, blank=True)
    rule_url = models.URLField(_("link to the article"), max_length=500, blank=True)
    change_request = models.TextField(_("requested change"), blank=True)
    authority = models.ForeignKey(
        Authority,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="barriers",
        verbose_name=_("authority that could remove it"),
    )
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.NEW)
    state_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    owner = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
        verbose_name=_("merged into"),
    )
    version = models.PositiveIntegerField(default=1)

    objects = BarrierQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("barrier")
        verbose_name_plural = _("barriers")
        indexes = [
            models.Index(fields=["status", "visibility"]),
            models.Index(fields=["category", "state"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == EditorialStatus.PUBLISHED


class BarrierLink(BaseModel):
    """An initiative or a case that ran into a barrier: suggested (by similarity to what the
    initiative or case recorded), then confirmed or rejected by a person."""

    barrier = models.ForeignKey(Barrier, on_delete=models.CASCADE, related_name="links")
    initiative = models.ForeignKey(
        "portfolio.Initiative", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation that ran into it"),
    )
    source = models.CharField(
        _("source"), max_length=14, choices=LinkSource.choices, default=LinkSource.MANUAL
    )
    source_id = models.PositiveIntegerField(null=True, blank=True)
    source_text = models.TextField(_("as recorded"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=LinkStatus.choices, default=LinkStatus.SUGGESTED
    )
    score = models.FloatField(_("similarity"), default=0)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = BarrierLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("barrier link")
        verbose_name_plural = _("barrier links")
        constraints = [
            models.CheckConstraint(
                condition=Q(initiative__isnull=True, case__isnull=False)
                | Q(initiative__isnull=False, case__isnull=True),
                name="barrier_link_one_subject",
            ),
            models.UniqueConstraint(
                fields=["barrier", "initiative"],
                condition=Q(initiative__isnull=False),
                name="unique_barrier_initiative",
            ),
            models.UniqueConstraint(
                fields=["barrier", "case"],
                condition=Q(case__isnull=False),
                name="unique_barrier_case",
            ),
        ]
        indexes = [models.Index(fields=["status", "barrier"])]

    def __str__(self) -> str:
        return f"{self.barrier} · {self.initiative or self.case}"

    @property
    def subject(self):
        return self.initiative or self.case


class BarrierReport(BaseModel):
    """A report from the public form "Overbodige regel melden". Every report is stored
    (nothing of a real report is lost when spam floods in) and shown nowhere until a
    moderator accepts it; the reporter follows it through its status link (``uuid``)."""

    rule = models.CharField(_("rule"), max_length=250)
    description = models.TextField(_("what goes wrong"))
    suggestion = models.TextField(_("what should change"), blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    sender = models.CharField(max_length=64, db_index=True)  # keyed hash of the address
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    answer = models.TextField(_("answer to the reporter"), blank=True)
    barrier = models.ForeignKey(
        Barrier, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("rule report")
        verbose_name_plural = _("rule reports")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.rule


class AuthorityReportExport(BaseModel):
    """A report per authority as a file, made on the worker (like the portfolio's exports)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("being made")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=4)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    error = models.CharField(max_length=300, blank=True)
    data = models.BinaryField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
