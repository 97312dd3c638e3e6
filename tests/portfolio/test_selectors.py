"""Reflections due and overdue, initiatives owned, the KPI chart, and Mijn werk."""

import datetime
from decimal import Decimal

import pytest

from proeftuin.accounts.models import Membership, Role
from proeftuin.core.service import work_for
from proeftuin.portfolio.models import Initiative, Kpi, Measurement
from proeftuin.portfolio.selectors import (
    initiatives_owned,
    kpi_chart,
    reflections_due,
    reflections_overdue,
)
from tests.factories import OrganisationFactory, make_initiative

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


def _due(initiative, days: int):
    Initiative.objects.filter(pk=initiative.pk).update(
        reflection_due=TODAY + datetime.timedelta(days=days)
    )


def test_overdue_and_due_soon(initiative, contributor, editor, lead, make_member):
    later = make_initiative(lead, actor=contributor, title="Later")
    _due(initiative, -1)
    _due(later, 5)
    assert list(reflections_overdue(editor, today=TODAY)) == [initiative]
    assert list(reflections_due(contributor, today=TODAY)) == [initiative, later]
    assert list(reflections_due(contributor, today=TODAY, within_days=2)) == [initiative]
    # a viewer sees the (organisation-wide) initiative but may not reflect on it
    viewer = make_member(lead, Role.VIEWER)
    assert list(reflections_due(viewer, today=TODAY)) == []
    outsider_editor = make_member(OrganisationFactory(), Role.EDITOR)
    assert list(reflections_overdue(outsider_editor, today=TODAY)) == []


def test_initiatives_owned_ends_with_the_membership(initiative, contributor, editor):
    assert list(initiatives_owned(contributor)) == [initiative]
    assert list(initiatives_owned(editor)) == []
    Membership.objects.filter(user=contributor).delete()
    contributor.__dict__.pop("_proeftuin_roles", None)
    assert list(initiatives_owned(contributor)) == []


def test_my_work_sections(initiative, contributor):
    _due(initiative, -3)
    sections = {s.key: s for s in work_for(contributor)}
    assert sections["reflections"].count == 1
    assert sections["reflections"].items[0].url.endswith("/reflecties/nieuw/")
    assert sections["initiatives"].items[0].title == initiative.title


def test_kpi_chart(initiative):
    kpi = Kpi.objects.create(
        initiative=initiative,
        measure="Wachttijd",
        unit="days",
        direction="lower",
        baseline=Decimal(90),
        target=Decimal(30),
    )
    assert kpi_chart(kpi) == {}
    for day, value in ((1, 80), (11, 60), (21, 40)):
        Measurement.objects.create(kpi=kpi, date=datetime.date(2026, 1, day), value=value)
    chart = kpi_chart(Kpi.objects.prefetch_related("measurements").get(pk=kpi.pk))
    xs = [p.x for p in chart["points"]]
    ys = [p.y for p in chart["points"]]
    assert xs == sorted(xs) and xs[0] < xs[-1]
    assert ys == sorted(ys)  # lower values lower in the chart: larger y
    assert chart["baseline"] < ys[0] and chart["target"] > ys[-1]
    assert len(chart["polyline"].split()) == 3
