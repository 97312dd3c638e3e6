"""The review queue as the page shows it: where the reader is (case, filter, page) and each
suggestion with its Dutch label, its value as a sentence and its correction form."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.urls import reverse

from proeftuin.cases.service import EditorialStatus
from proeftuin.ingestion import presentation, values
from proeftuin.ingestion.forms import ValueForm, value_form
from proeftuin.ingestion.models import Suggestion
from proeftuin.ingestion.selectors import SHOW


def _int(raw, default: int | None) -> int | None:
    try:
        number = int(str(raw))
    except (TypeError, ValueError):
        return default
    return number if 0 <= number < 100_000 else default


@dataclass(frozen=True)
class Place:
    """Where the reader is in the queue: a case of the document, a filter, a page. Read
    from the address (or from the hidden fields of a decision form, to return there)."""

    segment: int | None = None
    show: str = "alle"
    page: int = 1

    @classmethod
    def read(cls, data) -> Place:
        show = data.get("toon", "alle")
        return cls(
            segment=_int(data.get("casus"), None),
            show=show if show in SHOW else "alle",
            page=_int(data.get("pagina"), 1) or 1,
        )

    def at(self, **changes) -> Place:
        return replace(self, **changes)

    def query(self) -> str:
        params = {"casus": self.segment, "toon": self.show, "pagina": self.page}
        return urlencode({k: v for k, v in params.items() if v is not None})

    def query_without_page(self) -> str:
        return urlencode({"casus": self.segment, "toon": self.show})

    def url(self, source, anchor: str = "") -> str:
        base = reverse("ingestion:detail", kwargs={"uuid": source.uuid})
        return f"{base}?{self.query()}" + (f"#{anchor}" if anchor else "")


@dataclass
class Item:
    """One suggestion as the queue shows it."""

    s: Suggestion
    label: str
    text: str
    original: str
    details: str
    step: str
    problem: str | None
    form: ValueForm | None
    locked: bool
    error: str = ""

    @property
    def anchor(self) -> str:
        return f"s-{self.s.uuid}"


def item(
    suggestion: Suggestion, known: values.Lookups, form=None, error="", with_form=True
) -> Item:
    final = suggestion.final_value
    edited = suggestion.status == Suggestion.Status.EDITED
    case = suggestion.case
    return Item(
        s=suggestion,
        label=presentation.field_label(suggestion.field, known),
        text=presentation.value_text(suggestion.field, final, known),
        original=presentation.value_text(suggestion.field, suggestion.value, known)
        if edited
        else "",
        details=presentation.details(suggestion.field, final),
        step=presentation.step_label(suggestion.step),
        problem=values.problem(suggestion.field, final, known),
        form=form or (value_form(suggestion, known=known) if with_form else None),
        locked=bool(case and case.status == EditorialStatus.PUBLISHED),
        error=error,
    )


@dataclass
class Group:
    field: str
    heading: str
    items: list[Item]


def groups(rows, known: values.Lookups, bound: dict | None = None) -> list[Group]:
    """The page's suggestions in groups of one field each, in queue order. ``bound`` maps
    a suggestion's id to a correction form with the reader's input (and its errors)."""
    found: list[Group] = []
    for row in rows:
        shown = item(row, known, form=(bound or {}).get(row.id))
        if not found or found[-1].field != row.field:
            heading = presentation.group_label(row.field, known)
            found.append(Group(field=row.field, heading=heading, items=[]))
        found[-1].items.append(shown)
    return found
