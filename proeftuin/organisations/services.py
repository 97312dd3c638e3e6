"""Writes to the organisation registry. Every write is atomic and audited."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from proeftuin.accounts.service import is_platform_admin
from proeftuin.core.service import (
    AuditEntry,
    ConflictError,
    DuplicateError,
    NotAllowed,
    ValidationFailed,
    Visibility,
    audit_record,
    content_changed,
)
from proeftuin.organisations.choices import GovernmentLayer, OrganisationType, Province
from proeftuin.organisations.models import Domain, Organisation, Programme

EDITABLE_FIELDS = (
    "name",
    "abbreviation",
    "government_layer",
    "organisation_type",
    "staff_exact",
    "staff_min",
    "staff_max",
    "staff_year",
    "province",
    "municipality",
    "website",
    "share_review_decisions",
)


def organisation_snapshot(org: Organisation) -> dict[str, Any]:
    data = {field: getattr(org, field) for field in EDITABLE_FIELDS}
    data["domains"] = sorted(d.key for d in org.domains.all()) if org.pk else []
    return data


def _validate(data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if not (data.get("name") or "").strip():
        errors["name"] = [_("Enter the name of the organisation.")]
    if data.get("government_layer") not in GovernmentLayer.values:
        errors["government_layer"] = [_("Choose a government layer.")]
    if data.get("organisation_type") not in OrganisationType.values:
        errors["organisation_type"] = [_("Choose an organisation type.")]
    if data.get("province") and data["province"] not in Province.values:
        errors["province"] = [_("Unknown province.")]
    exact, low, high = data.get("staff_exact"), data.get("staff_min"), data.get("staff_max")
    if exact is not None and (low is not None or high is not None):
        errors["staff_exact"] = [_("Give either an exact staff number or a range, not both.")]
    if low is not None and high is not None and low > high:
        errors["staff_max"] = [_("The upper end of the staff range is below the lower end.")]
    if errors:
        raise ValidationFailed(field_errors=errors)


def _duplicate(name: str) -> DuplicateError:
    return DuplicateError(
        _("An organisation named “%s” already exists.") % name,
        field_errors={"name": [_("This name is already in the registry.")]},
    )


def _domains_from_keys(keys: list[str]) -> list[Domain]:
    domains = list(Domain.objects.filter(key__in=keys))
    unknown = sorted(set(keys) - {d.key for d in domains})
    if unknown:
        raise ValidationFailed(
            field_errors={"domains": [_("Unknown domain: %s.") % ", ".join(unknown)]}
        )
    return domains


def _unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:190] or "organisatie"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _save(org: Organisation, domains: list[Domain] | None) -> None:
    org.refresh_size_band()
    try:
        with transaction.atomic():
            org.save()
    except IntegrityError as exc:
        raise _duplicate(org.name) from exc
    if domains is not None:
        org.domains.set(domains)
    content_changed("organisations")


@transaction.atomic
def organisation_create(*, actor=None, domains: list[str] | None = None, **data) -> Organisation:
    """Create an organisation; ``domains`` are domain keys."""
    data = {k: v for k, v in data.items() if k in EDITABLE_FIELDS}
    _validate(data)
    if Organisation.objects.filter(name__iexact=data["name"].strip()).exists():
        raise _duplicate(data["name"].strip())
    domain_objs = _domains_from_keys(domains or [])
    org = Organisation(**data)
    org.name = org.name.strip()
    org.slug = _unique_slug(org.name)
    _save(org, domain_objs)
    audit_record(
        actor=actor, action=AuditEntry.Action.CREATE, obj=org, after=organisation_snapshot(org)
    )
    return org


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    actor=None,
    expected_version: int | None = None,
    domains: list[str] | None = None,
    **data,
) -> Organisation:
    """Update fields given in ``data``; refuse when someone saved a newer version meanwhile."""
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if expected_version is not None and org.version != expected_version:
        raise ConflictError()
    before = organisation_snapshot(org)
    for field, value in data.items():
        if field in EDITABLE_FIELDS:
            setattr(org, field, value)
    _validate(organisation_snapshot(org))
    if Organisation.objects.filter(name__iexact=org.name.strip()).exclude(pk=org.pk).exists():
        raise _duplicate(org.name)
    domain_objs = _domains_from_keys(domains) if domains is not None else None
    org.version += 1
    _save(org, domain_objs)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=org,
        before=before,
        after=organisation_snapshot(org),
    )
    return org


def domain_get_or_create(*, key: str, name: str) -> Domain:
    domain, _created = Domain.objects.get_or_create(key=key, defaults={"name": name})
    return domain


def programme_snapshot(programme: Programme) -> dict[str, Any]:
    members = programme.members.order_by("slug") if programme.pk else []
    managers = programme.managers.order_by("username") if programme.pk else []
    return {
        "name": programme.name,
        "slug": programme.slug,
        "description": programme.description,
        "visibility": programme.visibility,
        "members": [org.slug for org in members],
        "managers": [user.username for user in managers],
    }


@transaction.atomic
def programme_save(
    *,
    actor,
    name: str,
    members: list[Organisation],
    description: str = "",
    visibility: str = "public",
    programme: Programme | None = None,
    managers: list | None = None,
) -> Programme:
    """Create (or update) a programme over ``members`` (with its ``managers``, when
    given); platform administrators only
    (``actor=None``: a system write such as the demo loader)."""
    if actor is not None and not is_platform_admin(actor):
        raise NotAllowed(_("Only platform administrators manage programmes."))
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(field_errors={"name": [_("Enter the name of the programme.")]})
    if visibility not in (Visibility.PUBLIC, Visibility.ORGANISATION):
        raise ValidationFailed(field_errors={"visibility": [_("Choose a visibility.")]})
    if (
        Programme.objects.filter(name__iexact=name)
        .exclude(pk=getattr(programme, "pk", None))
        .exists()
    ):
        raise DuplicateError(
            _("A programme named “%s” already exists.") % name,
            field_errors={"name": [_("This name is already in use.")]},
        )
    before = programme_snapshot(programme) if programme else {}
    programme = programme or Programme(slug=_unique_programme_slug(name))
    programme.name, programme.description, programme.visibility = name, description, visibility
    programme.save()
    programme.members.set(members)
    if managers is not None:
        programme.managers.set(managers)
    content_changed("organisations")
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        obj=programme,
        before=before,
        after=programme_snapshot(programme),
    )
    return programme


def _unique_programme_slug(name: str) -> str:
    base = slugify(name)[:190] or "programma"
    slug, n = base, 2
    while Programme.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
