"""The round's rules as data: parameters checked when a manager adds a rule, and one Dutch
message per failed rule for an application."""

from decimal import Decimal

import pytest
from django.utils import translation

from proeftuin.core.service import ValidationFailed
from proeftuin.funding import rules
from proeftuin.funding.models import RoundRule
from proeftuin.funding.services_rounds import rule_add
from tests.factories import OrganisationFactory
from tests.funding.factories import make_application, make_round

IDO_BANDS = {"bands": [{"up_to": 200000, "percent": 25}, {"up_to": None, "percent": 40}]}


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.fixture
def round_(db):
    return make_round()


def _rule(round_, kind, params):
    return RoundRule.objects.create(round=round_, kind=kind, params=params)


def _app(round_, **fields):
    owner = OrganisationFactory(government_layer="local", organisation_type="municipality")
    return make_application(round_, owner, **fields)


@pytest.mark.parametrize(
    "kind, params",
    [
        ("co_financing", {"bands": []}),
        ("co_financing", {"bands": [{"up_to": None, "percent": 40}, {"up_to": 5, "percent": 1}]}),
        ("co_financing", {"bands": [{"up_to": 100, "percent": 120}]}),
        ("co_financing", {"bands": [{"up_to": 500, "percent": 10}, {"up_to": 100, "percent": 20}]}),
        ("max_amount", {"amount": "veel"}),
        ("max_amount", {"amount": -5}),
        ("max_duration", {"months": 1.5}),
        ("min_government_bodies", {"count": 0}),
        ("required_attachment", {}),
        ("public_summary", {"min_chars": 500, "max_chars": 100}),
        ("unknown", {}),
    ],
)
def test_bad_parameters_are_refused_in_dutch(round_, kind, params):
    errors = rules.param_errors(kind, params)
    assert errors and all(isinstance(e, str) and e for e in errors)


def test_good_parameters_pass(round_):
    assert rules.param_errors("co_financing", IDO_BANDS) == []
    assert rules.param_errors("max_amount", {"amount": 800000}) == []
    assert rules.param_errors("public_summary", {"min_chars": 10, "max_chars": 100}) == []


def test_rule_add_refuses_bad_parameters_and_stores_nothing(round_):
    manager = round_.fund.programme.managers.get()
    with pytest.raises(ValidationFailed):
        rule_add(actor=manager, round_=round_, kind="max_amount", params={"amount": "x"})
    assert not round_.rules.exists()
    rule_add(actor=manager, round_=round_, kind="max_amount", params={"amount": 800000})
    assert round_.rules.count() == 1


@pytest.mark.parametrize(
    "requested, total, fails",
    [
        ("150000", "200000", False),  # pays 25% in the lower band: enough
        ("151000", "200000", True),  # pays 24.5%
        ("300000", "500000", False),  # upper band: pays 40%
        ("300000", "480000", True),  # upper band: pays 37.5%
    ],
)
def test_co_financing_per_band(round_, requested, total, fails):
    _rule(round_, "co_financing", IDO_BANDS)
    app = _app(round_, amount_requested=Decimal(requested), total_cost=Decimal(total))
    failed = rules.failed_rules(app)
    assert bool(failed) is fails
    if fails:
        assert "zelf" in failed[0] and "%" in failed[0]


def test_amount_duration_and_summary(round_):
    _rule(round_, "max_amount", {"amount": 800000})
    _rule(round_, "max_duration", {"months": 12})
    _rule(round_, "public_summary", {"min_chars": 20, "max_chars": 200})
    app = _app(
        round_,
        amount_requested=Decimal("900000"),
        total_cost=Decimal("2000000"),
        duration_months=18,
        public_summary="Kort.",
    )
    failed = rules.failed_rules(app)
    assert len(failed) == 3
    assert "800.000" in failed[0] and "900.000" in failed[0]
    assert "18" in failed[1]
    assert "20" in failed[2]


def test_government_bodies_count_the_lead_and_partners(round_):
    _rule(round_, "min_government_bodies", {"count": 2})
    company = OrganisationFactory(government_layer="", organisation_type="other")
    app = _app(round_, partners=[company])
    assert rules.failed_rules(app)
    app.partners.create(
        organisation=OrganisationFactory(government_layer="national", organisation_type="ministry")
    )
    assert rules.failed_rules(app) == []


def test_required_attachment_names_the_question(round_):
    round_.questions.create(key="begroting", label="Begroting", kind="file")
    _rule(round_, "required_attachment", {"question": "begroting"})
    app = _app(round_)
    assert rules.failed_rules(app) == ["Voeg de verplichte bijlage toe: Begroting."]
