"""Casebooks: a chosen set of cases (an edition's finalists or any set of library cases
the creator may see) written out in a theme set, with a cross-case analysis, as PDF/A and
ODT. Each generation is a ``CasebookVersion`` that keeps its files and the versions of the
cases it used; a change to one of those cases makes a new version."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import BaseModel

MIN_CASES, MAX_CASES = 1, 500


class CasebookStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to be generated")
    RUNNING = "running", _("being generated")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


class Casebook(BaseModel):
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edition = models.ForeignKey(
        "awards.Edition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="casebooks",
        verbose_name=_("edition"),
    )
    library_filter = models.CharField(_("library filter"), max_length=500, blank=True)
    theme_set = models.ForeignKey(
        "cases.ThemeSet", on_delete=models.PROTECT, related_name="+", verbose_name=_("theme set")
    )
    cases = models.ManyToManyField("cases.Case", related_name="+", verbose_name=_("cases"))
    status = models.CharField(
        _("status"), max_length=10, choices=CasebookStatus.choices, default=CasebookStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (percent)"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("casebook")
        verbose_name_plural = _("casebooks")

    def __str__(self):
        return self.title

    @property
    def latest(self):
        return self.versions.order_by("-number").first()


class CasebookVersion(models.Model):
    casebook = models.ForeignKey(Casebook, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    pdf = models.FileField(upload_to="awards/casebooks/%Y/", blank=True)
    odt = models.FileField(upload_to="awards/casebooks/%Y/", blank=True)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    case_versions = models.JSONField(_("case versions used"), default=dict)
    # the cross-case analysis as written into the files: per theme its shared and distinct
    # statements, each with its sources (case id, title, field, passage)
    analysis = models.JSONField(_("cross-case analysis"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["casebook", "number"], name="casebook_version_once")
        ]
        verbose_name = _("casebook version")

    def __str__(self):
        return f"{self.casebook.title} v{self.number}"
