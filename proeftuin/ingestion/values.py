"""What a value of each field must look like, so no decision can store one that breaks a case.

Every suggestion's field path has a *kind* (year, staff, outcome, lesson, ...). ``problem``
says in Dutch what is wrong with a value of that kind (None when it is fine); the review
forms, the API and the services refuse an edited value with a problem, the review page marks
stored ones, and the case builder leaves them out instead of failing on them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from proeftuin.cases.service import (
    BarrierCategory,
    Direction,
    LessonKind,
    OutcomeKind,
    OutcomeUnit,
    ThemeSet,
)
from proeftuin.core.service import ValidationFailed
from proeftuin.organisations.service import Domain, GovernmentLayer, OrganisationType

MIN_YEAR, MAX_YEAR = 1900, 2100
MIN_STAFF_YEAR = 1800
MAX_OUTCOME = Decimal(10) ** 14  # the case's outcome value: 16 digits, 2 after the mark
THEME_SET = "casebook"  # the theme set draft cases from documents use

KINDS = {
    "title": "title",
    "summary": "summary",
    "year_start": "year",
    "year_end": "year",
    "organisation.name": "organisation",
    "organisation.staff": "staff",
    "organisation.government_layer": "government_layer",
    "organisation.organisation_type": "organisation_type",
    "organisation.domains": "domains",
    "organisation.website": "website",
    "outcomes": "outcome",
    "lessons": "lesson",
    "barriers": "barrier",
    "people": "person",
    "partners": "partner",
}
TEXT_LIMITS = {"title": 250, "organisation": 200}


def kind_of(field_path: str) -> str | None:
    """The kind of value a field holds; None for a field the review does not know."""
    if field_path.startswith("sections."):
        return "section"
    return KINDS.get(field_path)


@dataclass
class Lookups:
    """Names from the database the review needs, read once per page."""

    themes: dict[str, str] = field(default_factory=dict)
    domains: dict[str, str] = field(default_factory=dict)


def lookups() -> Lookups:
    themes: dict[str, str] = {}
    theme_set = ThemeSet.objects.filter(key=THEME_SET).prefetch_related("themes").first()
    if theme_set is not None:
        themes = {t.key: t.name for t in theme_set.themes.all()}
    domains = dict(Domain.objects.values_list("key", "name"))
    return Lookups(themes=themes, domains=domains)


def _text(value, limit: int | None = None) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return _("Enter a text.")
    if limit and len(value.strip()) > limit:
        return _("Use at most %d characters.") % limit
    return None


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _year(value) -> str | None:
    if not _whole(value) or not MIN_YEAR <= value <= MAX_YEAR:
        return _("Enter a year between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
    return None


def _staff(value) -> str | None:
    if not isinstance(value, dict):
        return _("Enter a number of staff.")
    numbers = {k: value.get(k) for k in ("exact", "min", "max") if value.get(k) is not None}
    if not numbers:
        return _("Enter a number of staff or a range.")
    if any(not _whole(n) or n < 0 for n in numbers.values()):
        return _("A number of staff is a whole number of 0 or more.")
    if "exact" in numbers and len(numbers) > 1:
        return _("Give either an exact staff number or a range, not both.")
    if "min" in numbers and "max" in numbers and numbers["min"] > numbers["max"]:
        return _("The upper end of the staff range is below the lower end.")
    year = value.get("year")
    if year is not None and (not _whole(year) or not MIN_STAFF_YEAR <= year <= MAX_YEAR):
        return _("Enter a year between %(min)s and %(max)s.") % {
            "min": MIN_STAFF_YEAR,
            "max": MAX_YEAR,
        }
    return None


def _choice(value, choices) -> str | None:
    return None if isinstance(value, str) and value in choices.values else _("Choose a value.")


def _domains(value, known: dict[str, str]) -> str | None:
    if not isinstance(value, list) or not value:
        return _("Choose at least one domain.")
    if any(not isinstance(key, str) or key not in known for key in value):
        return _("Choose domains from the list.")
    return None


def web_address(value: str) -> str:
    """A web address with its scheme ("www.proefstad.nl" -> "https://www.proefstad.nl")."""
    value = value.strip()
    return value if "://" in value else f"https://{value}"


def _website(value) -> str | None:
    problem = _text(value, 200)
    if problem:
        return problem
    try:
        URLValidator(schemes=["http", "https"])(web_address(value))
    except ValidationError:
        return _("Enter a web address, for example https://www.example.nl.")
    return None


def number_problem(value) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return _("Enter a number.")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return _("Enter a number.")
    if not number.is_finite() or (isinstance(value, float) and math.isnan(value)):
        return _("Enter a number.")
    if abs(number) >= MAX_OUTCOME:
        return _("The number is too large.")
    return None


def _outcome(value) -> str | None:
    if not isinstance(value, dict):
        return _("An outcome needs what is measured, a value, a unit and a direction.")
    problems = [
        _text(value.get("measure"), 250) and _("Describe what is measured."),
        number_problem(value.get("value")),
        value.get("value_max") is not None and number_problem(value.get("value_max")),
        _choice(value.get("unit"), OutcomeUnit) and _("Choose a unit."),
        _choice(value.get("direction"), Direction) and _("Choose a direction."),
        _choice(value.get("kind"), OutcomeKind) and _("Choose the kind of outcome."),
        _optional_text(value.get("period"), 60),
        _optional_text(value.get("baseline"), 120),
    ]
    return next((p for p in problems if p), None)


def _optional_text(value, limit: int) -> str | None:
    if value in (None, ""):
        return None
    return _text(value, limit)


def _pair(value, key: str, choices, missing_choice: str) -> str | None:
    if not isinstance(value, dict):
        return _("Enter a text.")
    if _choice(value.get(key), choices):
        return missing_choice
    return _text(value.get("text"))


def _person(value) -> str | None:
    if not isinstance(value, dict):
        return _("Enter a name and a role.")
    if _text(value.get("name"), 200):
        return _("Enter the person's name.")
    if _text(value.get("role"), 200):
        return _("Enter the person's role.")
    return None


def _partner(value) -> str | None:
    if not isinstance(value, dict) or _text(value.get("name"), 200):
        return _("Enter the name of the partner.")
    return _optional_text(value.get("role"), 200)


def problem(field_path: str, value, known: Lookups | None = None) -> str | None:
    """What is wrong with ``value`` for ``field_path``, in Dutch; None when it is fine."""
    kind = kind_of(field_path)
    if kind is None:
        return None  # a field the review does not know is passed on as it is
    if kind in ("title", "organisation"):
        return _text(value, TEXT_LIMITS[kind])
    if kind == "summary":
        return _text(value)
    if kind == "section":
        known = known or lookups()
        if field_path.split(".", 1)[1] not in known.themes:
            return _("This theme is not part of the theme set of draft cases.")
        return _text(value)
    checks = {
        "year": _year,
        "staff": _staff,
        "government_layer": lambda v: _choice(v, GovernmentLayer),
        "organisation_type": lambda v: _choice(v, OrganisationType),
        "domains": lambda v: _domains(v, (known or lookups()).domains),
        "website": _website,
        "outcome": _outcome,
        "lesson": lambda v: _pair(v, "kind", LessonKind, _("Choose the kind of lesson.")),
        "barrier": lambda v: _pair(v, "category", BarrierCategory, _("Choose a category.")),
        "person": _person,
        "partner": _partner,
    }
    return checks[kind](value)


def clean(field_path: str, value, known: Lookups | None = None):
    """``value`` tidied (texts stripped), or ValidationFailed with the problem in Dutch."""
    found = problem(field_path, value, known)
    if found:
        raise ValidationFailed(found, field_errors={"edited_value": [found]})
    if kind_of(field_path) == "website":
        return web_address(value)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return {k: v.strip() if isinstance(v, str) else v for k, v in value.items()}
    return value
