"""Source documents that case values cite (reports, casebooks, web pages)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import BaseModel
from proeftuin.documents.querysets import DocumentQuerySet


class Document(BaseModel):
    key = models.SlugField(_("key"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    url = models.URLField(_("web address"), blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title
