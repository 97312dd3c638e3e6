"""Turn the accepted suggestions of one case in a document into a draft case.

Every accepted value lands on the case with a citation (document, page, quote). The
organisation is matched in the registry by name, or added with the accepted profile. It
leads the case only when the actor may lead for it; otherwise the uploading organisation
leads and owns the draft, and the document's organisation is named as a partner.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from proeftuin.cases.service import Case, ThemeSet, can_lead_case, case_create, case_update
from proeftuin.core.service import NotAllowed, ValidationFailed
from proeftuin.ingestion.models import Suggestion
from proeftuin.ingestion.permissions import can_review
from proeftuin.ingestion.types import LIST_FIELDS
from proeftuin.organisations.service import Organisation, organisation_create

PROFILE = {"government_layer", "organisation_type", "website", "domains"}


def _accepted(source, segment: int) -> list[Suggestion]:
    decided = (Suggestion.Status.ACCEPTED, Suggestion.Status.EDITED)
    return list(
        source.suggestions.filter(segment=segment, status__in=decided).order_by(
            "-confidence", "start"
        )
    )


def _first(rows, field: str):
    return next((r for r in rows if r.field == field), None)


def _organisation(rows, actor) -> Organisation:
    name_row = _first(rows, "organisation.name")
    if name_row is None:
        raise ValidationFailed(_("Accept the name of the organisation first."))
    name = str(name_row.final_value).strip()
    found = Organisation.objects.filter(name__iexact=name).first()
    if found:
        return found
    profile = {f: _first(rows, f"organisation.{f}") for f in PROFILE}
    if not (profile["government_layer"] and profile["organisation_type"]):
        raise ValidationFailed(
            _("“%s” is not in the registry yet: accept its government layer and type first.") % name
        )
    staff = _first(rows, "organisation.staff")
    staff_value = staff.final_value if staff else {}
    return organisation_create(
        actor=actor,
        name=name,
        government_layer=profile["government_layer"].final_value,
        organisation_type=profile["organisation_type"].final_value,
        website=profile["website"].final_value if profile["website"] else "",
        domains=profile["domains"].final_value if profile["domains"] else [],
        staff_exact=staff_value.get("exact"),
        staff_min=staff_value.get("min"),
        staff_max=staff_value.get("max"),
        staff_year=staff_value.get("year"),
    )


def _case_data(rows, document) -> dict:
    data: dict = {"sections": {}, "citations": []}
    for name in LIST_FIELDS:
        data[name] = [r.final_value for r in rows if r.field == name]
    for row in rows:
        if row.field.startswith("sections."):
            data["sections"].setdefault(row.field.split(".", 1)[1], row.final_value)
        elif row.field in ("title", "summary", "year_start", "year_end"):
            data.setdefault(row.field, row.final_value)
        data["citations"].append(
            {"field": row.field, "document": document, "page": row.page, "quote": row.quote[:2000]}
        )
    return data


def _lead(actor, source, organisation: Organisation, data: dict) -> Organisation:
    """The document's organisation when the actor may lead for it; else the uploading
    organisation, with the document's organisation named as a partner (no ownership)."""
    if source.owner is None or can_lead_case(actor, organisation)[0]:
        return organisation
    if organisation.pk != source.owner_id:
        data["partners"] = [
            {"organisation": organisation, "name": organisation.name, "role": ""},
            *[p for p in data.get("partners", []) if isinstance(p, dict)],
        ]
    return source.owner


def _refuse_duplicate(actor, source, segment: int) -> None:
    """A case that looks like one already in the library is not made without a choice
    ("add to the existing case" or "make a new case anyway"; see ``merging``)."""
    from proeftuin.ingestion.duplicates import strong_duplicates
    from proeftuin.ingestion.merging import DuplicateSuspected

    found = strong_duplicates(user=actor, source=source, segment=segment)
    if found:
        raise DuplicateSuspected(found)


@transaction.atomic
def case_from_segment(*, actor, source, segment: int) -> Case:
    """Create (or update) the draft case of one segment from its accepted suggestions.
    A segment whose values were added to an existing case adds to that case again."""
    from proeftuin.ingestion.merging import segment_add_to_case, segment_choice

    if actor is not None:
        allowed, reason = can_review(actor, source)
        if not allowed:
            raise NotAllowed(reason)
    choice = segment_choice(source, segment)
    if choice is not None and choice.choice == choice.Choice.MERGED and choice.case:
        return segment_add_to_case(
            actor=actor, source=source, segment=segment, case=choice.case
        ).case
    rows = _accepted(source, segment)
    existing = next((r.case for r in rows if r.case_id), None)
    if existing is None and choice is None:
        _refuse_duplicate(actor, source, segment)
    organisation = _organisation(rows, actor)
    data = _case_data(rows, source.document)
    data.setdefault("title", rows[0].segment_title if rows else source.filename)
    data.setdefault(
        "summary", _("Imported from %s; summary still to be written.") % source.filename
    )
    theme_set = ThemeSet.objects.get(key="casebook")
    if existing:
        case = case_update(case=existing, actor=actor, theme_set=theme_set, **data)
    else:
        lead = _lead(actor, source, organisation, data)
        case = case_create(
            actor=actor,
            theme_set=theme_set,
            organisations=[lead],
            owner=source.owner or lead,
            stage="standard_practice",
            status="draft",
            visibility="organisation",
            **data,
        )
    source.suggestions.filter(segment=segment).update(case=case)
    return case
