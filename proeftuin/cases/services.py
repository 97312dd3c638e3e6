"""Writes to the case library: atomic, permission-checked, audited, facet-indexed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
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
    RecordCitation,
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
    ValidationFailed,
    audit_record,
    content_changed,
    unique_slug,
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
    "record_citations": (RecordCitation, ("field", "source_kind", "source_id", "label", "quote")),
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
    content_changed("cases")
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
    case.slug = unique_slug(Case, f"{case.title} {case.year_start or ''}", fallback="casus")
    case.save()
    _apply(case, data, themes)
    audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=case, after=case_snapshot(case))
    return case


def _check_status(data: dict, current: Case | None) -> None:
    """Archiving has its own step (``lifecycle.case_archive``); an archived case keeps its
    status through edits until it is un-archived."""
    status, archived = data.get("status"), EditorialStatus.ARCHIVED
    was_archived = current is not None and current.status == archived
    if status == archived and not was_archived:
        message = _("Archive a case with the “Archive” action.")
    elif was_archived and status not in (None, archived):
        message = _("This case is archived: un-archive it first.")
    else:
        return
    raise ValidationFailed(message, field_errors={"status": [message]})


def _check_create_allowed(actor, owner, organisations: list, data: dict) -> None:
    """The actor's role in the owner and in the lead organisation (the first one), and
    only documents the actor may see as sources."""
    _check_status(data, None)
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
    _check_status(data, current)
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


# --- adding to an existing case (e.g. the same innovation found again in a document) ---

SINGLE_FIELDS = ("title", "summary", "year_start", "year_end")
ITEM_KEYS = {
    "outcomes": ("measure", "value", "unit"),
    "lessons": ("text",),
    "barriers": ("text",),
    "people": ("name",),
    "partners": ("name",),
    "recognitions": ("kind", "name", "year"),
    "citations": ("field", "document", "page", "quote"),
    "record_citations": ("field", "source_kind", "source_id"),
}


def _same(value) -> object:
    """A value as compared when merging: text without case and spacing, numbers exact."""
    if isinstance(value, str):
        return " ".join(value.casefold().split())
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value)).normalize()
    return getattr(value, "pk", value)


def _item_key(name: str, item: dict) -> tuple:
    return tuple(_same(item.get(f)) for f in ITEM_KEYS[name])


def _current_items(case: Case, name: str) -> list[dict[str, Any]]:
    _model, fields = CHILDREN[name]
    return [{f: getattr(row, f) for f in fields} for row in getattr(case, name).all()]


def _new_items(case: Case, name: str, offered: list[dict]) -> list[dict]:
    seen = {_item_key(name, item) for item in _current_items(case, name)}
    new = []
    for item in offered:
        key = _item_key(name, item)
        if key not in seen:
            seen.add(key)
            new.append(item)
    return new


def _conflict(field: str, current, offered) -> dict[str, str]:
    return {"field": field, "current": str(current or "")[:500], "offered": str(offered)[:500]}


def _extend_single(current: Case, offered: dict, changes: dict, conflicts: list) -> None:
    for field in SINGLE_FIELDS:
        value = offered.get(field)
        if value in (None, ""):
            continue
        have = getattr(current, field)
        if have in (None, ""):
            changes[field] = value
        elif _same(have) != _same(value):
            conflicts.append(_conflict(field, have, value))


def _extend_sections(current: Case, offered: dict, changes: dict, conflicts: list) -> set[str]:
    have = {s.theme.key: s.body for s in current.sections.select_related("theme")}
    themes = set(current.theme_set.themes.values_list("key", flat=True))
    added = {}
    for key, body in (offered.get("sections") or {}).items():
        if not (body or "").strip():
            continue
        if key in themes and key not in have:
            added[key] = body
        elif key not in themes or _same(have[key]) != _same(body):
            conflicts.append(_conflict(f"sections.{key}", have.get(key), body))
    if added:
        changes["sections"] = {**have, **added}
    return {f"sections.{key}" for key in added}


@transaction.atomic
def case_extend(*, case: Case, actor, **offered) -> tuple[Case, list[dict[str, str]]]:
    """Add to ``case`` what ``offered`` has and the case lacks, never replacing anything:
    list items not yet on the case (outcomes, lessons, barriers, people, partners,
    recognitions) are appended, sections of themes without text are added, single fields
    (title, summary, years) are filled only where empty, and citations are added for the
    fields that took something. Returns the case and the conflicts: offered values that
    differ from what the case has (``field``, ``current``, ``offered``), left out."""
    current = Case.objects.select_related("theme_set").get(pk=case.pk)
    if actor is not None:
        _check(permissions.can_edit_case(actor, current))
    changes: dict[str, Any] = {}
    conflicts: list[dict[str, str]] = []
    _extend_single(current, offered, changes, conflicts)
    taken = set(changes) | _extend_sections(current, offered, changes, conflicts)
    for name in CHILDREN:
        new = [] if name == "citations" else _new_items(current, name, offered.get(name) or [])
        if new:
            changes[name] = _current_items(current, name) + new
            taken.add(name)
    cited = [c for c in offered.get("citations") or [] if c.get("field") in taken]
    new_citations = _new_items(current, "citations", cited)
    if new_citations:
        changes["citations"] = _current_items(current, "citations") + new_citations
    if not changes:
        return current, conflicts
    return case_update(case=current, actor=actor, **changes), conflicts
