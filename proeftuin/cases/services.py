"""Writes to the case library: atomic, permission-checked, audited, facet-indexed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext as _

from proeftuin.cases import permissions
from proeftuin.cases.choices import EditorialStatus
from proeftuin.cases.facets import facet_rows
from proeftuin.cases.models import (
    Case,
    CaseBarrier,
    CaseFacetValue,
    CaseOrganisation,
    CasePartner,
    CasePerson,
    CaseSection,
    Citation,
    Lesson,
    Outcome,
    Recognition,
    Theme,
    ThemeSet,
)
from proeftuin.cases.snapshot import case_snapshot
from proeftuin.cases.validation import (
    Errors,
    raise_if_errors,
    validate_case_fields,
    validate_children,
)
from proeftuin.core.jobs import enqueue
from proeftuin.core.service import (
    AuditEntry,
    ConflictError,
    NotAllowed,
    audit_record,
    content_changed,
)
from proeftuin.documents.service import documents_visible

SCALAR_FIELDS = ("title", "summary", "year_start", "year_end", "stage", "status", "visibility")
CHILDREN = {
    "outcomes": (Outcome, ("measure", "value", "unit", "direction", "kind", "period", "baseline")),
    "lessons": (Lesson, ("kind", "text")),
    "barriers": (CaseBarrier, ("category", "text")),
    "people": (CasePerson, ("name", "role", "organisation_name")),
    "partners": (CasePartner, ("organisation", "name", "role")),
    "recognitions": (Recognition, ("kind", "name", "year")),
    "citations": (Citation, ("field", "document", "page", "quote")),
}


def _check(allowed_reason: tuple[bool, str]) -> None:
    allowed, reason = allowed_reason
    if not allowed:
        raise NotAllowed(reason)


def _validate(data: dict[str, Any], theme_set: ThemeSet | None) -> dict[str, Theme]:
    errors = Errors()
    validate_case_fields(data, errors)
    for name in CHILDREN:
        if data.get(name) is not None:
            validate_children(name, data[name], errors)
    themes = {t.key: t for t in theme_set.themes.all()} if theme_set else {}
    for key in sorted(set(data.get("sections") or {}) - set(themes)):
        errors.add(f"sections.{key}", _("Unknown theme “%s” for this theme set.") % key)
    raise_if_errors(errors)
    return themes


def _unique_slug(title: str, year: int | None, exclude_pk: int | None = None) -> str:
    base = slugify(f"{title} {year or ''}")[:180] or "casus"
    slug, n = base, 2
    while Case.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _set_organisations(case: Case, organisations: list) -> None:
    """Link the organisations in order; a profile snapshot is taken only when an organisation
    is first linked, so later saves keep the profile as it was at the time of the case."""
    existing = {link.organisation_id: link for link in case.case_organisations.all()}
    ordered = list({org.pk: org for org in organisations}.values())
    case.case_organisations.exclude(organisation__in=[o.pk for o in ordered]).delete()
    for order, org in enumerate(ordered):
        link = existing.get(org.pk) or CaseOrganisation(
            case=case, organisation=org, profile_snapshot=org.profile_snapshot()
        )
        link.order, link.is_lead = order, order == 0
        link.save()


def _set_sections(case: Case, sections: dict[str, str], themes: dict[str, Theme]) -> None:
    case.sections.all().delete()
    CaseSection.objects.bulk_create(
        CaseSection(case=case, theme=themes[key], body=body.strip())
        for key, body in sections.items()
        if body and body.strip()
    )


def _set_children(case: Case, name: str, items: list[dict[str, Any]]) -> None:
    model, fields = CHILDREN[name]
    getattr(case, name).all().delete()
    objects = []
    for index, item in enumerate(items):
        values = {f: item.get(f) for f in fields if item.get(f) is not None}
        if "order" in {f.name for f in model._meta.fields}:
            values["order"] = index
        objects.append(model(case=case, **values))
    for obj in objects:  # save() one by one: Outcome needs its uuid default
        obj.save()


def _apply(case: Case, data: dict[str, Any], themes: dict[str, Theme]) -> None:
    case.sections.exclude(theme__theme_set=case.theme_set_id).delete()
    if data.get("organisations") is not None:
        _set_organisations(case, data["organisations"])
    if data.get("sections") is not None:
        _set_sections(case, data["sections"], themes)
    for name in CHILDREN:
        if data.get(name) is not None:
            _set_children(case, name, data[name])
    case_reindex_facets(case)


def case_reindex_facets(case: Case) -> None:
    """Rebuild the facet rows of one case from its current state."""
    case = Case.objects.prefetch_related(
        "case_organisations", "sections__theme__theme_set", "outcomes", "recognitions"
    ).get(pk=case.pk)
    CaseFacetValue.objects.filter(case=case).delete()
    CaseFacetValue.objects.bulk_create(
        CaseFacetValue(case=case, facet=facet, value=value) for facet, value in facet_rows(case)
    )
    content_changed()
    enqueue("search.index_case", case.pk)  # passages and keyword index, then embeddings


@transaction.atomic
def case_create(*, actor, theme_set: ThemeSet, organisations: list, owner=None, **data) -> Case:
    """Create a case. ``organisations``: the first is the lead and, by default, the owner."""
    owner = owner or (organisations[0] if organisations else None)
    if actor is not None:
        _check_create_allowed(actor, owner, organisations, data)
    data["organisations"] = organisations
    themes = _validate(data, theme_set)
    case = Case(
        theme_set=theme_set,
        owner=owner,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{f: data[f] for f in SCALAR_FIELDS if f in data},
    )
    case.title, case.summary = case.title.strip(), case.summary.strip()
    case.slug = _unique_slug(case.title, case.year_start)
    case.save()
    _apply(case, data, themes)
    audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=case, after=case_snapshot(case))
    return case


def _check_create_allowed(actor, owner, organisations: list, data: dict) -> None:
    """The actor's role in the owner and in the lead organisation (the first one), and
    only documents the actor may see as sources."""
    _check(permissions.can_create_case(actor, owner))
    publish = data.get("status") == EditorialStatus.PUBLISHED
    if publish and not _may_publish_for(actor, owner):
        raise NotAllowed(_("Only editors can publish a case."))
    if organisations:
        _check(permissions.can_lead_case(actor, organisations[0], publish=publish))
    _check_citations(actor, data.get("citations"))


def _check_update_allowed(actor, current: Case, data: dict, owner) -> None:
    status = data.get("status")
    _check(permissions.can_edit_case(actor, current))
    if status == EditorialStatus.PUBLISHED != current.status:
        _check(permissions.can_publish_case(actor, current))
    if owner is not None and owner.pk != current.owner_id:
        _check(permissions.can_create_case(actor, owner))
    organisations = data.get("organisations")
    lead = current.case_organisations.filter(is_lead=True).values_list("organisation", flat=True)
    if organisations and organisations[0].pk not in lead:
        publish = (status or current.status) == EditorialStatus.PUBLISHED
        _check(permissions.can_lead_case(actor, organisations[0], publish=publish))
    _check_citations(actor, data.get("citations"), case=current)


def _check_citations(actor, citations: list | None, case: Case | None = None) -> None:
    """Refuse a source document the actor may not see, with the message of a document that
    does not exist. Documents the case already cites may stay."""
    chosen = {i: c.get("document") for i, c in enumerate(citations or []) if c.get("document")}
    if not chosen:
        return
    pks = {document.pk for document in chosen.values()}
    allowed = set(documents_visible(actor).filter(pk__in=pks).values_list("pk", flat=True))
    if case is not None:
        allowed |= set(case.citations.values_list("document_id", flat=True))
    errors = Errors()
    for index, document in chosen.items():
        if document.pk not in allowed:
            errors.add(f"citations.{index}.document", _("This document does not exist."))
    raise_if_errors(errors)


def _claim_version(pk: int, expected_version: int | None) -> None:
    """Raise the version in one conditional UPDATE: a concurrent save makes it fail."""
    version_filter = {"version": expected_version} if expected_version is not None else {}
    if not Case.objects.filter(pk=pk, **version_filter).update(version=F("version") + 1):
        raise ConflictError()


def _may_publish_for(actor, owner) -> bool:
    probe = Case(owner=owner)
    return permissions.can_publish_case(actor, probe)[0]


@transaction.atomic
def case_update(
    *,
    case: Case,
    actor,
    expected_version: int | None = None,
    theme_set: ThemeSet | None = None,
    owner=None,
    **data,
) -> Case:
    """Change a case. Lists given in ``data`` replace the case's lists wholesale.

    With ``expected_version``, a concurrent save by someone else raises ``ConflictError``
    instead of being overwritten.
    """
    current = Case.objects.get(pk=case.pk)
    if actor is not None:
        _check_update_allowed(actor, current, data, owner)
    _claim_version(case.pk, expected_version)
    before = case_snapshot(current)
    themes = _validate(data, theme_set or current.theme_set)
    for field in SCALAR_FIELDS:
        if field in data:
            setattr(current, field, data[field])
    if theme_set is not None:
        current.theme_set = theme_set
    if owner is not None:
        current.owner = owner
    current.version = Case.objects.values_list("version", flat=True).get(pk=case.pk)
    current.save()
    _apply(current, data, themes)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=current,
        before=before,
        after=case_snapshot(current),
    )
    return current
