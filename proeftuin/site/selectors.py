"""Reads of the site pages and the site's identity: public content, the same for everyone."""

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.templatetags.static import static

from proeftuin.site.models import Page
from proeftuin.site.theme import organisation_css


def page_get(*, kind: str) -> Page | None:
    """The footer page of ``kind``, or None when an administrator removed it."""
    return Page.objects.filter(kind=kind).first()


@dataclass(frozen=True)
class SiteIdentity:
    name: str
    logo: str  # a URL, or "" for the word mark
    initial: str
    theme_version: str  # changes when the organisation's colours change (cache busting)


@lru_cache(maxsize=1)
def _identity(name: str, logo: str, css: str) -> SiteIdentity:
    if logo and not logo.startswith("https://"):
        logo = static(logo)
    version = hashlib.sha256(css.encode()).hexdigest()[:12]
    return SiteIdentity(
        name=name, logo=logo, initial=(name[:1] or "P").upper(), theme_version=version
    )


def site_identity() -> SiteIdentity:
    """Name, logo and theme version from the settings (computed once per configuration)."""
    return _identity(settings.SITE_NAME, settings.SITE_LOGO, organisation_css())
