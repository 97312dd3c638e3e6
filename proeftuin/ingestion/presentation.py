"""Suggestions as a person reads them: Dutch field names, values as sentences, steps in words.

``field_label("organisation.name")`` is "Organisatie"; ``value_text("outcomes", {...})`` is
"afhandeltijd meldingen: van 9 naar 4 dagen (daling)". Choice codes are shown by the labels
of the cases and organisations apps, numbers as ``format_number`` writes them (the way the
review forms accept them). A value of an unexpected shape is still shown, never an error.
"""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from proeftuin.cases.service import (
    BarrierCategory,
    Direction,
    LessonKind,
    OutcomeKind,
    OutcomeUnit,
)
from proeftuin.core.service import format_number
from proeftuin.ingestion.values import Lookups, kind_of, lookups
from proeftuin.organisations.service import GovernmentLayer, OrganisationType

FIELD_LABELS = {
    "title": gettext_lazy("Title"),
    "summary": gettext_lazy("Summary"),
    "year_start": gettext_lazy("First year"),
    "year_end": gettext_lazy("Last year"),
    "organisation.name": gettext_lazy("Organisation"),
    "organisation.staff": gettext_lazy("Number of staff"),
    "organisation.government_layer": gettext_lazy("Government layer"),
    "organisation.organisation_type": gettext_lazy("Organisation type"),
    "organisation.domains": gettext_lazy("Policy domains"),
    "organisation.website": gettext_lazy("Website"),
    "outcomes": gettext_lazy("Outcome"),
    "lessons": gettext_lazy("Lesson"),
    "barriers": gettext_lazy("Barrier"),
    "people": gettext_lazy("Person"),
    "partners": gettext_lazy("Partner organisation"),
}
GROUP_LABELS = {
    "outcomes": gettext_lazy("Outcomes"),
    "lessons": gettext_lazy("Lessons"),
    "barriers": gettext_lazy("Barriers"),
    "people": gettext_lazy("People"),
    "partners": gettext_lazy("Partner organisations"),
}
# the order of the groups in the queue: who, what, when, the story, then the lists
FIELD_ORDER = [
    "organisation.name",
    "organisation.organisation_type",
    "organisation.government_layer",
    "organisation.staff",
    "organisation.domains",
    "organisation.website",
    "title",
    "summary",
    "year_start",
    "year_end",
    "sections.",
    "outcomes",
    "lessons",
    "barriers",
    "people",
    "partners",
]

JOB_STEPS = {
    "parse": gettext_lazy("reading the file"),
    "normalise": gettext_lazy("cleaning up the text"),
    "segment": gettext_lazy("finding the cases"),
    "extract": gettext_lazy("finding the values"),
    "store": gettext_lazy("saving"),
    "done": gettext_lazy("done"),
}
EXTRACTION_STEPS = {
    "organisation.name": gettext_lazy("name of the organisation"),
    "organisation.profile": gettext_lazy("profile of the organisation"),
    "organisation.overview": gettext_lazy("overview table"),
    "years": gettext_lazy("years in the text"),
    "themes.headings": gettext_lazy("headings of the themes"),
    "themes.classifier": gettext_lazy("learned theme recognition"),
    "outcomes": gettext_lazy("measured results"),
    "lessons": gettext_lazy("lessons"),
    "barriers": gettext_lazy("barriers"),
    "people": gettext_lazy("people"),
    "partners": gettext_lazy("partners"),
    "llm": gettext_lazy("language model"),
}
STEP_FAMILIES = {
    "organisation": gettext_lazy("organisation"),
    "themes": gettext_lazy("themes"),
    "llm": gettext_lazy("language model"),
}
LONG_TEXT = 400


def field_label(field_path: str, known: Lookups | None = None) -> str:
    """The Dutch name of a field, e.g. "Organisatie" or "Thema: Openheid"."""
    if field_path.startswith("sections."):
        key = field_path.split(".", 1)[1]
        name = (known or lookups()).themes.get(key) or key.replace("_", " ")
        return _("Theme: %s") % name
    label = FIELD_LABELS.get(field_path)
    return str(label) if label else field_path.replace("_", " ")


def group_label(field_path: str, known: Lookups | None = None) -> str:
    """The heading of a group of suggestions for one field (plural for the lists)."""
    label = GROUP_LABELS.get(field_path)
    return str(label) if label else field_label(field_path, known)


def field_rank(field_path: str) -> int:
    for rank, prefix in enumerate(FIELD_ORDER):
        if field_path == prefix or (prefix.endswith(".") and field_path.startswith(prefix)):
            return rank
    return len(FIELD_ORDER)


def job_step_label(step: str) -> str:
    """A job's step in words ("opslaan", not "store")."""
    label = JOB_STEPS.get(step)
    return str(label) if label else step


def step_label(step: str) -> str:
    """The extraction step that found a value, in words."""
    label = EXTRACTION_STEPS.get(step) or STEP_FAMILIES.get(step.split(".", 1)[0])
    return str(label) if label else step


def choice_label(choices, code) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return str(code)


def value_text(field_path: str, value, known: Lookups | None = None) -> str:
    """``value`` as a Dutch sentence for a reader; never fails on an odd value."""
    try:
        text = _value_text(field_path, value, known)
    except (AttributeError, KeyError, TypeError, ValueError):
        text = None
    return text if text is not None else plain_text(value)


def _value_text(field_path: str, value, known: Lookups | None) -> str | None:
    kind = kind_of(field_path)
    if isinstance(value, str) and kind in ("title", "summary", "section", "organisation"):
        return shorten(value)
    if kind == "website" and isinstance(value, str):
        return value
    if kind == "year" and isinstance(value, int):
        return str(value)
    describe = {
        "staff": staff_text,
        "government_layer": lambda v: capfirst(choice_label(GovernmentLayer, v)),
        "organisation_type": lambda v: capfirst(choice_label(OrganisationType, v)),
        "domains": lambda v: ", ".join((known or lookups()).domains.get(k, k) for k in v),
        "outcome": outcome_text,
        "lesson": lambda v: _labelled(LessonKind, v.get("kind"), v["text"]),
        "barrier": lambda v: _labelled(BarrierCategory, v.get("category"), v["text"]),
        "person": lambda v: ", ".join(x for x in (v["name"], v.get("role")) if x),
        "partner": lambda v: ", ".join(x for x in (v["name"], v.get("role")) if x),
    }.get(kind)
    return describe(value) if describe else None


def shorten(text: str, limit: int = LONG_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _labelled(choices, code, text: str) -> str:
    return f"{capfirst(choice_label(choices, code))}: {shorten(text)}" if code else shorten(text)


def staff_text(value: dict) -> str:
    """Staff as read: "835 medewerkers (2016)", "500 tot 999", "ten minste 100"."""
    exact, low, high = value.get("exact"), value.get("min"), value.get("max")
    count = next((n for n in (exact, high, low) if n is not None), 0)
    staff = ngettext("staff member", "staff", count)
    if exact is not None:
        text = f"{format_number(exact)} {staff}"
    elif low is not None and high is not None:
        text = _("%(low)s to %(high)s %(staff)s") % {
            "low": format_number(low),
            "high": format_number(high),
            "staff": staff,
        }
    elif low is not None:
        text = _("at least %(n)s %(staff)s") % {"n": format_number(low), "staff": staff}
    elif high is not None:
        text = _("at most %(n)s %(staff)s") % {"n": format_number(high), "staff": staff}
    else:
        return ""
    year = value.get("year")
    return f"{text} ({year})" if year else text


def amount_text(number, unit: str) -> str:
    """A number with its unit: "60%", "€ 300.000", "4 dagen", "score 7,5"."""
    shown = format_number(number)
    if unit == OutcomeUnit.PERCENT:
        return f"{shown}%"
    if unit == OutcomeUnit.EUR:
        return f"€ {shown}"
    if unit == OutcomeUnit.SCORE:
        return _("score %s") % shown
    if unit in (OutcomeUnit.COUNT, OutcomeUnit.OTHER, "", None):
        return shown
    return f"{shown} {choice_label(OutcomeUnit, unit)}"


def outcome_text(value: dict) -> str:
    """An outcome as read: "afhandeltijd meldingen: van 9 naar 4 dagen (daling)"."""
    unit = value.get("unit") or ""
    amount = amount_text(value["value"], unit)
    if value.get("value_max") is not None:
        amount = _("%(low)s to %(high)s") % {
            "low": format_number(value["value"]),
            "high": amount_text(value["value_max"], unit),
        }
    baseline = " ".join(str(value.get("baseline") or "").split())
    if baseline.lower().startswith("van "):
        amount = _("from %(before)s to %(after)s") % {"before": baseline[4:], "after": amount}
    elif baseline:
        amount = f"{amount} {baseline}"
    text = f"{shorten(str(value.get('measure') or ''), 200)}: {amount}".lstrip(": ")
    if value.get("period"):
        text += f", {value['period']}"
    direction = value.get("direction")
    if direction and direction != Direction.NEUTRAL:
        text += f" ({choice_label(Direction, direction)})"
    return text


def details(field_path: str, value) -> str:
    """What the sentence leaves out but a reviewer accepts too (an outcome's kind)."""
    if kind_of(field_path) == "outcome" and isinstance(value, dict) and value.get("kind"):
        return _("kind: %s") % choice_label(OutcomeKind, value["kind"])
    return ""


def plain_text(value) -> str:
    """Any value as text, without field names: lists joined, records' values joined."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(plain_text(v) for v in value.values() if v not in (None, "", [], {}))
    if isinstance(value, list):
        return ", ".join(plain_text(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return format_number(value)
    return shorten(str(value))


ORGANISATION_KEYS = {
    "name": "organisation.name",
    "government_layer": "organisation.government_layer",
    "organisation_type": "organisation.organisation_type",
    "domains": "organisation.domains",
    "website": "organisation.website",
    "staff_exact": "organisation.staff",
    "staff_min": "organisation.staff",
    "staff_max": "organisation.staff",
    "staff_year": "organisation.staff",
}


def error_key_label(key: str, known: Lookups | None = None) -> str:
    """A field error's key ("year_end", "outcomes.0.value", "staff_max") as a label."""
    head, _sep, rest = key.partition(".")
    if head == "sections":
        return field_label(key, known)
    if head in FIELD_LABELS:
        number = rest.split(".", 1)[0]
        return f"{field_label(head)} {int(number) + 1}" if number.isdigit() else field_label(head)
    if head in ORGANISATION_KEYS:
        return field_label(ORGANISATION_KEYS[head])
    return key.replace("_", " ")


def error_text(exc) -> str:
    """A domain error as one Dutch sentence, its field errors named by their labels."""
    parts = [str(exc.message)]
    for key, found in (getattr(exc, "field_errors", None) or {}).items():
        if key == "edited_value":
            continue  # the same as the message
        parts.append(f"{error_key_label(key)}: {' '.join(str(m) for m in found)}")
    return " ".join(parts)
