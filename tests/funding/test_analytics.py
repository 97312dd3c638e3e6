"""A round's figures (per stage, budget, payments, time to decision, reviewer load, close
prior cases), their CSV/XLSX/ODS files and the public results (public summaries only)."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.utils import timezone
from odf.opendocument import load
from openpyxl import load_workbook

from proeftuin.funding.analytics import analytics_file, public_results, round_analytics
from proeftuin.funding.models import Application, Review, ReviewAssignment
from proeftuin.funding.services_decisions import decision_make
from proeftuin.funding.services_grants import tranche_pay, tranche_plan
from tests.factories import UserFactory
from tests.funding.decide_support import make_world

pytestmark = pytest.mark.django_db
CLOSE = [{"case": "abc", "similarity": 0.91}]
FAR = [{"case": "def", "similarity": 0.80}]


@pytest.fixture
def world():
    world = make_world(budget="100000")
    category = world.category("Klein", "50000")
    now = timezone.now()
    a = world.application(
        title="A",
        category=category,
        prior_cases=CLOSE,
        public_summary="Samenvatting A",
        problem="Geheim probleem",
    )
    b = world.application(title="B", prior_cases=CLOSE)
    world.application(title="C", prior_cases=FAR)
    world.application(title="D", stage="in_review")
    world.application(title="E", stage="draft", submitted_at=None, prior_cases=CLOSE)
    Application.objects.filter(pk=a.pk).update(submitted_at=now - datetime.timedelta(days=10))
    Application.objects.filter(pk=b.pk).update(submitted_at=now - datetime.timedelta(days=20))
    decision_make(
        actor=world.manager,
        application=Application.objects.get(pk=a.pk),
        outcome="granted",
        amount="30000",
    )
    decision_make(
        actor=world.manager,
        application=Application.objects.get(pk=b.pk),
        outcome="rejected",
        reasons="Nee",
    )
    granted = Application.objects.get(pk=a.pk)
    first = tranche_plan(
        actor=world.manager, application=granted, milestone="Start", amount="10000"
    )
    tranche_plan(actor=world.manager, application=granted, milestone="Eind", amount="20000")
    tranche_pay(actor=world.manager, tranche=first)
    reviewer = UserFactory(first_name="Rita", last_name="Reviewer")
    done = ReviewAssignment.objects.create(
        application=granted, reviewer=reviewer, status="submitted"
    )
    Review.objects.create(assignment=done, submitted_at=now, recommendation="yes")
    ReviewAssignment.objects.create(
        application=Application.objects.get(title="C"), reviewer=reviewer
    )
    ReviewAssignment.objects.create(
        application=Application.objects.get(title="D"),
        reviewer=reviewer,
        status="recused",
        recusal_reason="Ken ze",
    )
    return world


def tables(world):
    return {t.key: t for t in round_analytics(world.round)}


def test_applications_per_stage(world):
    counts = dict(tables(world)["stages"].rows)
    assert counts["Concept"] == 1 and counts["In beoordeling"] == 1
    assert counts["Klaar voor besluit"] == 1 and counts["Toegekend"] == 1
    assert counts["Afgewezen"] == 1 and counts["Ingetrokken"] == 0


def test_granted_against_budget_total_and_per_category(world):
    rows = tables(world)["budget"].rows
    assert rows[0][1:] == [Decimal("100000.00"), Decimal("30000.00"), Decimal("70000.00")]
    assert rows[1] == ["Klein", Decimal("50000.00"), Decimal("30000.00"), Decimal("20000.00")]


def test_committed_and_paid(world):
    assert tables(world)["payments"].rows == [
        [Decimal("30000.00"), Decimal("30000.00"), Decimal("10000.00")]
    ]


def test_time_to_decision_is_the_median(world):
    count, median, fewest, most = tables(world)["time_to_decision"].rows[0]
    assert (
        count == 2 and fewest == pytest.approx(10, abs=0.1) and most == pytest.approx(20, abs=0.1)
    )
    assert median == pytest.approx(15, abs=0.1)


def test_reviewer_load(world):
    assert tables(world)["reviewers"].rows == [["Rita Reviewer", 2, 1, 1]]


def test_close_prior_cases_and_what_happened(world):
    rows = tables(world)["prior_cases"].rows
    # submitted only: A (close, granted), B (close, rejected), C (far), D (none)
    assert rows[0][1:] == [2, 1, 1, 0]
    assert rows[1][1:] == [2, 0, 0, 2]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_exports_hold_every_table(world, fmt):
    data, _content_type, name = analytics_file(world.round, fmt)
    assert name.endswith({"csv": ".zip", "xlsx": ".xlsx", "ods": ".ods"}[fmt])
    keys = ["stages", "budget", "payments", "time_to_decision", "reviewers", "prior_cases"]
    if fmt == "csv":
        archive = zipfile.ZipFile(io.BytesIO(data))
        assert archive.namelist() == [f"{k}.csv" for k in keys]
        assert "Rita Reviewer,2,1,1" in archive.read("reviewers.csv").decode()
    elif fmt == "xlsx":
        book = load_workbook(io.BytesIO(data))
        assert book.sheetnames == keys
        assert list(book["payments"].iter_rows(values_only=True))[1] == (30000, 30000, 10000)
    else:
        document = load(io.BytesIO(data))
        from odf.table import Table

        assert [t.getAttribute("name") for t in document.getElementsByType(Table)] == keys


def test_public_results_show_granted_public_summaries_only(world):
    assert public_results(world.round) == [{"title": "A", "public_summary": "Samenvatting A"}]
