"""Writes to the authorities of the barrier register (who could remove a barrier):
recording and changing one. Atomic, permission-checked, audited."""

from __future__ import annotations

from urllib.parse import urlparse

from django.db import transaction
from django.utils.translation import gettext as _

from proeftuin.barriers import permissions
from proeftuin.barriers.choices import AuthorityKind
from proeftuin.barriers.models import Authority
from proeftuin.core.service import (
    AuditEntry,
    NotAllowed,
    ValidationFailed,
    audit_record,
    unique_slug,
)

NAME_LENGTH = 200


def authority_snapshot(authority: Authority) -> dict:
    return {
        "name": authority.name,
        "kind": authority.kind,
        "organisation": str(authority.organisation.uuid) if authority.organisation_id else None,
        "website": authority.website,
    }


def _check(data: dict, authority: Authority | None) -> dict:
    """The cleaned fields, or ValidationFailed with every problem at once."""
    errors: dict[str, list[str]] = {}
    name = " ".join(str(data.get("name", "")).split())
    if not name:
        errors["name"] = [_("Give the authority a name.")]
    elif len(name) > NAME_LENGTH:
        errors["name"] = [_("Keep the name under %d characters.") % NAME_LENGTH]
    else:
        clash = Authority.objects.filter(name__iexact=name)
        if authority is not None:
            clash = clash.exclude(pk=authority.pk)
        if clash.exists():
            errors["name"] = [_("This authority already exists.")]
    kind = data.get("kind", authority.kind if authority else "")
    if kind not in AuthorityKind.values:
        errors["kind"] = [_("Choose what kind of authority this is.")]
    website = str(data.get("website", authority.website if authority else "") or "").strip()
    parsed = urlparse(website)
    if website and (parsed.scheme not in ("http", "https") or not parsed.netloc):
        errors["website"] = [_("Give a web address starting with https://.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    return {"name": name, "kind": kind, "website": website}


def _allowed(actor, authority: Authority | None, data: dict) -> None:
    organisation = data.get("organisation", authority.organisation if authority else None)
    checks = [permissions.can_create_authority(actor, organisation)]
    if authority is not None:
        checks.insert(0, permissions.can_edit_authority(actor, authority))
    if data.get("contacts") is not None:
        checks.append(permissions.can_set_authority_contacts(actor))
    for allowed, reason in checks:
        if not allowed:
            raise NotAllowed(reason)


@transaction.atomic
def authority_save(*, actor, data: dict, authority: Authority | None = None) -> Authority:
    """Record an authority (``authority`` None) or change one. ``data``: name, kind,
    organisation (an Organisation or None), website and, for stewards, contacts."""
    if authority is not None:
        authority = Authority.objects.select_for_update().get(pk=authority.pk)
    _allowed(actor, authority, data)
    fields = _check(data, authority)
    if authority is None:
        authority = Authority(
            slug=unique_slug(
                Authority, fields["name"], fallback="instantie", max_length=190, reserved=("nieuw",)
            ),
            created_by=actor,
        )
        action, before = AuditEntry.Action.CREATE, None
    else:
        action, before = AuditEntry.Action.UPDATE, authority_snapshot(authority)
    for key, value in fields.items():
        setattr(authority, key, value)
    if "organisation" in data:
        authority.organisation = data["organisation"]
    authority.save()
    if data.get("contacts") is not None:
        authority.contacts.set(data["contacts"])
    after = authority_snapshot(authority)
    audit_record(actor=actor, action=action, obj=authority, before=before, after=after)
    return authority
