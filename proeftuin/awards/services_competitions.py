"""Writes to competitions and editions: an edition's timeline, score scale, criteria set
and categories. Only the organisers (the programme's managers) and platform administrators;
each write is atomic and audited."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from proeftuin.awards import permissions
from proeftuin.awards.choices import WORKFLOW_KIND
from proeftuin.awards.common import changed, refuse
from proeftuin.awards.models import Category, Competition, Criterion, Edition, SubmissionAnswer
from proeftuin.awards.searchable import edition_indexed
from proeftuin.core.service import (
    AuditEntry,
    DuplicateError,
    ValidationFailed,
    audit_record,
    locked,
    snapshot,
    unique_slug,
    update_versioned,
    workflow_for,
)
from proeftuin.core.service import require as check
from proeftuin.organisations.service import can_manage_programme

EDITION_FIELDS = (
    "title",
    "description",
    "nominations_open",
    "nominations_close",
    "submissions_close",
    "selection_on",
    "pitches_on",
    "site_visits_on",
    "ceremony_on",
    "score_min",
    "score_max",
    "top_size",
    "finalists",
    "published",
    "vote_opens",
    "vote_closes",
)
MAX_SCORE = 100
MAX_CRITERIA = 20


@transaction.atomic
def competition_create(*, actor, programme, name: str, description: str = "") -> Competition:
    check(can_manage_programme(actor, programme))
    name = (name or "").strip()
    if not name:
        refuse("name", _("Give the competition a name."))
    if Competition.objects.filter(name__iexact=name).exists():
        message = _("A competition with this name already exists.")
        raise DuplicateError(message, field_errors={"name": [message]})
    competition = Competition.objects.create(
        programme=programme,
        name=name,
        slug=unique_slug(Competition, name, fallback="prijs"),
        description=(description or "").strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=competition,
        after={"name": name, "programme": programme.name},
    )
    changed()
    return competition


def _edition_errors(values: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not (values.get("title") or "").strip():
        errors["title"] = [_("Give the edition a title.")]
    opens, closes = values.get("nominations_open"), values.get("nominations_close")
    submissions = values.get("submissions_close")
    if not (opens and closes and submissions):
        errors["nominations_close"] = [
            _("Give the dates nominations open and close and the deadline for submissions.")
        ]
    elif closes <= opens:
        errors["nominations_close"] = [_("Nominations must close after they open.")]
    elif submissions < closes:
        errors["submissions_close"] = [
            _("The deadline for submissions cannot come before nominations close.")
        ]
    low, high = values.get("score_min", 1), values.get("score_max", 10)
    if not (isinstance(low, int) and isinstance(high, int) and 0 <= low < high <= MAX_SCORE):
        errors["score_max"] = [
            _("The scale runs from a lowest to a higher highest score, at most %(n)d.")
            % {"n": MAX_SCORE}
        ]
    vote_opens, vote_closes = values.get("vote_opens"), values.get("vote_closes")
    if bool(vote_opens) != bool(vote_closes) or (vote_opens and vote_closes <= vote_opens):
        errors["vote_closes"] = [
            _("A public vote needs an opening and a later closing moment (or neither).")
        ]
    top, finalists = values.get("top_size", 10), values.get("finalists", 3)
    if not (isinstance(top, int) and isinstance(finalists, int) and 1 <= finalists <= top):
        errors["finalists"] = [
            _("There are at least one and at most as many finalists as the top.")
        ]
    return errors


@transaction.atomic
def edition_create(*, actor, competition, year: int, **values) -> Edition:
    """A new edition of ``competition`` on the default award workflow."""
    check(permissions.can_organise(actor, competition))
    errors = _edition_errors(values)
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["year"] = [_("Give the year of the edition.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    if competition.editions.filter(year=year).exists():
        message = _("This competition already has an edition in %(year)d.") % {"year": year}
        raise DuplicateError(message, field_errors={"year": [message]})
    fields = {name: values[name] for name in EDITION_FIELDS if name in values}
    edition = Edition.objects.create(
        competition=competition,
        year=year,
        slug=unique_slug(Edition, f"{competition.name} {year}", fallback="editie"),
        workflow=workflow_for(WORKFLOW_KIND, None),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **fields,
    )
    edition_indexed(edition.pk)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=edition,
        after={"year": year, **snapshot(edition, EDITION_FIELDS)},
    )
    changed()
    return edition


@transaction.atomic
def edition_update(*, actor, edition, expected_version=None, **values) -> Edition:
    check(permissions.can_organise(actor, edition.competition))
    row = update_versioned(
        actor=actor,
        model=Edition,
        obj=edition,
        fields=EDITION_FIELDS,
        values=values,
        errors_of=_edition_errors,
        expected_version=expected_version,
    )
    edition_indexed(row.pk)
    changed()
    return row


def casebook_theme_keys() -> list[str]:
    from proeftuin.cases.service import ThemeSet

    theme_set = ThemeSet.objects.filter(is_default=True).first()
    return list(theme_set.themes.values_list("key", flat=True)) if theme_set else []


def _criteria_names(edition) -> list[str]:
    return [f"{c.name} ({c.weight})" for c in edition.criteria.all()]


@transaction.atomic
def criterion_add(
    *, actor, edition, name: str, description: str = "", weight: int = 1, theme: str = ""
):
    """A criterion of the edition; ``theme``: the key of the theme of the default (casebook)
    theme set it describes, so a finalist's text lands in that theme of its case."""
    check(permissions.can_organise(actor, edition.competition))
    row = locked(Edition, edition)
    name = (name or "").strip()
    if not name:
        refuse("name", _("Name the criterion."))
    if theme and theme not in casebook_theme_keys():
        refuse("theme", _("Choose a theme of the casebook's theme set."))
    if not isinstance(weight, int) or not 1 <= weight <= 100:
        refuse("weight", _("The weight is a whole number from 1 to 100."))
    if row.criteria.count() >= MAX_CRITERIA:
        refuse("name", _("At most %(n)d criteria.") % {"n": MAX_CRITERIA})
    before = {"criteria": _criteria_names(row)}
    try:
        with transaction.atomic():
            criterion = Criterion.objects.create(
                edition=row,
                name=name[:200],
                description=(description or "").strip(),
                weight=weight,
                theme=theme,
                order=row.criteria.count(),
            )
    except IntegrityError as exc:
        message = _("This edition already has this criterion.")
        raise DuplicateError(message, field_errors={"name": [message]}) from exc
    _bump(actor, row, before, {"criteria": _criteria_names(row)})
    return criterion


@transaction.atomic
def criterion_remove(*, actor, edition, criterion) -> None:
    check(permissions.can_organise(actor, edition.competition))
    row = locked(Edition, edition)
    if criterion.edition_id != row.pk:
        refuse("criterion", _("This criterion is not part of this edition."))
    if SubmissionAnswer.objects.filter(criterion=criterion).exists():
        refuse("criterion", _("Nominees have already written about this criterion; it stays."))
    before = {"criteria": _criteria_names(row)}
    criterion.delete()
    _bump(actor, row, before, {"criteria": _criteria_names(row)})


@transaction.atomic
def category_add(*, actor, edition, name: str) -> Category:
    check(permissions.can_organise(actor, edition.competition))
    row = locked(Edition, edition)
    name = (name or "").strip()
    if not name:
        refuse("name", _("Name the category."))
    if row.categories.filter(name__iexact=name).exists():
        message = _("This edition already has this category.")
        raise DuplicateError(message, field_errors={"name": [message]})
    before = {"categories": [c.name for c in row.categories.all()]}
    category = Category.objects.create(edition=row, name=name[:150], order=row.categories.count())
    _bump(actor, row, before, {"categories": [c.name for c in row.categories.all()]})
    return category


@transaction.atomic
def category_remove(*, actor, edition, category) -> None:
    """Remove a category no nomination chose; one in use stays."""
    check(permissions.can_organise(actor, edition.competition))
    row = locked(Edition, edition)
    if category.edition_id != row.pk:
        refuse("category", _("This category is not part of this edition."))
    if category.nominations.exists():
        refuse("category", _("Nominations were made in this category; it stays."))
    before = {"categories": [c.name for c in row.categories.all()]}
    category.delete()
    _bump(actor, row, before, {"categories": [c.name for c in row.categories.all()]})


def _bump(actor, row, before, after) -> None:
    row.version += 1
    row.save(update_fields=["version", "updated_at"])
    audit_record(actor=actor, action=AuditEntry.Action.UPDATE, obj=row, before=before, after=after)
    changed()
