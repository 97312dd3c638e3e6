"""Facets of the case library, as plug-ins in a registry.

Each facet says which values a case has (from the case and its organisations' profiles at
the time of the case) and how to label a value. The values are stored in
``CaseFacetValue`` whenever a case is written, so filtering and counting are a join on one
indexed table, whatever the facet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from proeftuin.cases.choices import OutcomeKind, RecognitionKind, Stage
from proeftuin.core.service import Registry
from proeftuin.organisations.service import (
    Domain,
    GovernmentLayer,
    OrganisationType,
    Province,
    SizeBand,
)

MAX_YEAR_SPAN = 40


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    values: Callable[[object], Iterable[str]]
    choices: Callable[[], list[tuple[str, str]]]
    sort_by_label: bool = False


facets: Registry[Facet] = Registry("case facets")


def _static(choices) -> Callable[[], list[tuple[str, str]]]:
    """Choices with their lazy labels, translated when they are shown."""
    return lambda: list(choices)


def _profile_values(field: str) -> Callable[[object], Iterable[str]]:
    def values(case) -> Iterable[str]:
        for link in case.case_organisations.all():
            value = link.profile_snapshot.get(field)
            if isinstance(value, list):
                yield from value
            elif value:
                yield value

    return values


def _years(case) -> Iterable[str]:
    start = case.year_start or case.year_end
    end = case.year_end or case.year_start
    if start and end and 0 <= end - start <= MAX_YEAR_SPAN:
        yield from (str(y) for y in range(start, end + 1))


def _theme_choices() -> list[tuple[str, str]]:
    from proeftuin.cases.models import Theme

    themes = list(Theme.objects.select_related("theme_set"))
    names = [t.name for t in themes]
    return [
        (t.facet_value, t.name if names.count(t.name) == 1 else f"{t.name} ({t.theme_set.name})")
        for t in themes
    ]


def _domain_choices() -> list[tuple[str, str]]:
    return list(Domain.objects.values_list("key", "name"))


def _register(key, label, values, choices, sort_by_label=False):
    facets.add(key, Facet(key, label, values, choices, sort_by_label))


_register(
    "layer",
    _("Government layer"),
    _profile_values("government_layer"),
    _static(GovernmentLayer.choices),
)
_register(
    "type",
    _("Organisation type"),
    _profile_values("organisation_type"),
    _static(OrganisationType.choices),
)
_register("size", _("Size"), _profile_values("size_band"), _static(SizeBand.choices))
_register("domain", _("Domain"), _profile_values("domains"), _domain_choices, True)
_register("province", _("Province"), _profile_values("province"), _static(Province.choices), True)
_register("year", _("Year"), _years, list)  # a year is its own label
_register(
    "theme", _("Theme"), lambda c: (s.theme.facet_value for s in c.sections.all()), _theme_choices
)
_register("stage", _("Lifecycle stage"), lambda c: [c.stage], _static(Stage.choices))
_register(
    "outcome",
    _("Outcome kind"),
    lambda c: (o.kind for o in c.outcomes.all()),
    _static(OutcomeKind.choices),
)
_register(
    "recognition",
    _("Recognition"),
    lambda c: (r.kind for r in c.recognitions.all()),
    _static(RecognitionKind.choices),
)


def facet_rows(case) -> list[tuple[str, str]]:
    """All (facet, value) pairs of one case, without duplicates."""
    rows = {(facet.key, str(value)[:80]) for facet in facets for value in facet.values(case)}
    return sorted(rows)
