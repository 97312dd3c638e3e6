"""Footer pages: contact, privacy, accessibility statement and about, in Dutch and English."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import BaseModel
from proeftuin.site.choices import PageKind

BODY_HELP = _(
    "Plain text. A blank line starts a new paragraph; a line starting with '## ' is a "
    "heading, '- ' a list item; [text](https://…) or [text](mailto:…) or [text](/path/) "
    "is a link. HTML is shown as text, never run."
)


class Page(BaseModel):
    """One footer page. The Dutch text is required; the English text falls back to Dutch."""

    kind = models.CharField(_("page"), max_length=20, choices=PageKind.choices, unique=True)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_nl = models.TextField(_("text (Dutch)"), help_text=BODY_HELP)
    body_en = models.TextField(_("text (English)"), blank=True, help_text=BODY_HELP)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")

    def __str__(self):
        return self.title_nl

    def _in_language(self, field: str) -> str:
        if (get_language() or "nl").startswith("en"):
            return getattr(self, f"{field}_en") or getattr(self, f"{field}_nl")
        return getattr(self, f"{field}_nl")

    @property
    def title(self) -> str:
        return self._in_language("title")

    @property
    def body(self) -> str:
        return self._in_language("body")
