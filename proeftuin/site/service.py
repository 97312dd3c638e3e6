"""Public interface of the site app for other apps."""

from proeftuin.site.choices import PageKind
from proeftuin.site.selectors import page_get, site_identity

__all__ = ["PageKind", "page_get", "site_identity"]
