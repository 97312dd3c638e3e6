"""A finalist or winner becomes a case in the library in one step, in the uniform case
description of the casebook's theme set: the submission's text per criterion lands in the
criterion's theme, the motivation and the jury's site-visit findings make the summary, the
recognition (finalist or winner of the competition, with the year) is the case library's
recognition facet, and every value cites the submission or the site visit it came from.

The nomination and its case point at each other (``Nomination.case``). The nominee
consented to the nomination, and the case is published as the edition is public; the
organisers make it (the case is written as a system write: the organisers hold no role in
the nominee organisation; the step is audited on the nomination with their name)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from proeftuin.awards import permissions
from proeftuin.awards.choices import Consent
from proeftuin.awards.common import changed, refuse
from proeftuin.awards.models import Nomination
from proeftuin.cases.service import (
    Case,
    EditorialStatus,
    RecordSource,
    Stage,
    ThemeSet,
    case_create,
    case_extend,
    case_visible,
)
from proeftuin.core.service import AuditEntry, audit_record
from proeftuin.core.service import require as check

RECOGNISED = {"finalist": "finalist", "winner": "award"}


def _label(nomination, what: str) -> str:
    return _("%(organisation)s, %(edition)s: %(what)s") % {
        "organisation": nomination.owner.name,
        "edition": nomination.edition.title,
        "what": what,
    }


def case_data(nomination, theme_set) -> tuple[dict, list[dict]]:
    """The case's values and their record citations."""
    edition = nomination.edition
    keys = set(theme_set.themes.values_list("key", flat=True))
    sections, citations, unthemed = {}, [], []
    for answer in nomination.answers.select_related("criterion"):
        theme = answer.criterion.theme
        label = _label(nomination, answer.criterion.name)
        field = f"sections.{theme}" if theme in keys else "summary"
        if theme in keys:
            sections[theme] = "\n\n".join(filter(None, [sections.get(theme), answer.text]))
        else:  # a criterion without a theme of the set: its text goes into the summary
            unthemed.append(f"{answer.criterion.name}: {answer.text}")
        citations.append(
            {
                "field": field,
                "source_kind": RecordSource.SUBMISSION,
                "source_id": nomination.uuid,
                "label": label,
                "quote": answer.text[:500],
            }
        )
    visit = getattr(nomination, "site_visit", None)
    summary = [nomination.motivation.strip()] if nomination.motivation.strip() else []
    summary += unthemed
    if visit is not None:
        summary.append(_("Findings of the jury: %(findings)s") % {"findings": visit.findings})
        citations.append(
            {
                "field": "summary",
                "source_kind": RecordSource.SITE_VISIT,
                "source_id": visit.uuid,
                "label": _label(nomination, _("site visit")),
                "quote": visit.findings[:500],
            }
        )
    if not summary:
        summary = [next(iter(sections.values()), "")]
    data = {
        "title": _("%(organisation)s, %(recognition)s %(edition)s")
        % {
            "organisation": nomination.owner.name,
            "recognition": nomination.stage.label().lower(),
            "edition": edition.title,
        },
        "summary": "\n\n".join(summary),
        "year_start": edition.year,
        "stage": Stage.STANDARD_PRACTICE,
        "sections": sections,
        "recognitions": [
            {
                "kind": RECOGNISED[nomination.stage.key],
                "name": edition.competition.name,
                "year": edition.year,
            }
        ],
    }
    return data, citations


@transaction.atomic
def nomination_to_case(*, actor, nomination) -> Case:
    """The case a finalist or winner becomes; idempotent (its case when it has one)."""
    nomination = (
        Nomination.objects.select_for_update()
        .select_related("owner", "stage", "edition__competition")
        .get(pk=nomination.pk)
    )
    check(permissions.can_organise(actor, nomination.edition.competition))
    if nomination.case_id is not None:
        return Case.objects.get(pk=nomination.case_id)
    if nomination.stage.key not in RECOGNISED:
        refuse("nomination", _("Only finalists and winners become cases."))
    if nomination.consent != Consent.GIVEN:
        refuse("nomination", _("The nominee has not given consent yet."))
    theme_set = ThemeSet.objects.filter(is_default=True).first()
    if theme_set is None:
        refuse("nomination", _("There is no theme set for cases yet."))
    data, citations = case_data(nomination, theme_set)
    public = nomination.edition.published
    case = case_create(
        actor=None,
        theme_set=theme_set,
        organisations=[nomination.owner],
        owner=nomination.owner,
        status=EditorialStatus.PUBLISHED if public else EditorialStatus.DRAFT,
        visibility="public" if public else "organisation",
        record_citations=citations,
        **data,
    )
    Nomination.objects.filter(pk=nomination.pk).update(case=case)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=nomination,
        before={"case": None},
        after={"case": case.slug},
    )
    changed()
    return case


def linkable_cases(user, nomination):
    """The cases of the nominee organisation that ``user`` may see: a finalist already
    described in the library is linked to its case instead of getting a second one."""
    of_nominee = Q(owner_id=nomination.owner_id) | Q(organisations=nomination.owner_id)
    rows = case_visible(user).filter(of_nominee).values("pk")
    return Case.objects.filter(pk__in=rows).order_by("-year_start", "title")


@transaction.atomic
def nomination_link_case(*, actor, nomination, case) -> Case:
    """Link a finalist or winner to an existing case of the nominee: the case gets the
    recognition and, for themes it has no text on, the submission's text (cited); nothing
    on the case is replaced. The organisers make the link (a system write on the case)."""
    nomination = (
        Nomination.objects.select_for_update()
        .select_related("owner", "stage", "edition__competition")
        .get(pk=nomination.pk)
    )
    check(permissions.can_organise(actor, nomination.edition.competition))
    if nomination.case_id is not None:
        refuse("case", _("This nomination is linked to a case already."))
    if nomination.stage.key not in RECOGNISED:
        refuse("nomination", _("Only finalists and winners become cases."))
    if nomination.consent != Consent.GIVEN:
        refuse("nomination", _("The nominee has not given consent yet."))
    if case is None or not linkable_cases(actor, nomination).filter(pk=case.pk).exists():
        refuse(
            "case",
            _("Choose a case of %(organisation)s that you may see.")
            % {"organisation": nomination.owner.name},
        )
    data, citations = case_data(nomination, case.theme_set)
    written = {f"sections.{s.theme.key}" for s in case.sections.select_related("theme")}
    taken = {f"sections.{key}" for key, body in data["sections"].items() if body.strip()}
    case, _conflicts = case_extend(
        case=case,
        actor=None,
        recognitions=data["recognitions"],
        sections=data["sections"],
        record_citations=[c for c in citations if c["field"] in taken - written],
    )
    Nomination.objects.filter(pk=nomination.pk).update(case=case)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=nomination,
        before={"case": None},
        after={"case": case.slug, "linked": True},
    )
    changed()
    return case
