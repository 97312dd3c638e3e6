"""Writes of the site pages, by platform administrators only, each audited."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from proeftuin.accounts.service import is_platform_admin
from proeftuin.core.service import AuditEntry, NotAllowed, ValidationFailed, audit_record
from proeftuin.site.models import Page

FIELDS = ("kind", "title_nl", "title_en", "body_nl", "body_en")


def page_snapshot(page: Page) -> dict:
    return {field: getattr(page, field) for field in FIELDS}


@transaction.atomic
def page_save(*, actor, page: Page, before: dict | None = None) -> Page:
    """Store ``page`` (new or changed) and record the change; ``before``: its snapshot as
    it was read, for an update."""
    if not is_platform_admin(actor):
        raise NotAllowed(_("Only platform administrators may change the site pages."))
    if not page.title_nl.strip() or not page.body_nl.strip():
        raise ValidationFailed(_("A page needs a Dutch title and text."))
    created = page.pk is None
    page.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        obj=page,
        before=before or {},
        after=page_snapshot(page),
    )
    return page
