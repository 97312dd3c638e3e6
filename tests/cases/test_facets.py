import pytest
from django.contrib.auth.models import AnonymousUser

from proeftuin.cases.facets import facets
from proeftuin.cases.models import CaseFacetValue
from proeftuin.cases.selectors import case_facet_counts, case_filter
from tests.factories import OrganisationFactory, make_case

pytestmark = pytest.mark.django_db


def test_every_facet_of_the_issue_is_registered():
    assert facets.names() == [
        "layer",
        "type",
        "size",
        "domain",
        "province",
        "year",
        "theme",
        "stage",
        "outcome",
        "recognition",
    ]


def test_facet_rows_come_from_profile_at_the_time_of_the_case():
    org = OrganisationFactory(staff_exact=450, government_layer="regional", province="PV27")
    case = make_case(
        organisations=[org],
        year_start=2014,
        year_end=2016,
        recognitions=[{"kind": "finalist", "name": "Verkiezing", "year": 2014}],
    )
    rows = set(CaseFacetValue.objects.filter(case=case).values_list("facet", "value"))
    assert {
        ("layer", "regional"),
        ("size", "s"),
        ("province", "PV27"),
        ("year", "2014"),
        ("year", "2015"),
        ("year", "2016"),
        ("theme", "casebook.openness"),
        ("stage", "pilot"),
        ("outcome", "quality"),
        ("recognition", "finalist"),
    } <= rows
    org.staff_exact = 20000
    org.save()
    assert ("size", "s") in set(
        CaseFacetValue.objects.filter(case=case).values_list("facet", "value")
    )


def test_or_within_a_facet_and_across_facets():
    local = OrganisationFactory(government_layer="local")
    national = OrganisationFactory(government_layer="national", organisation_type="ministry")
    a = make_case(organisations=[local], title="A", stage="pilot")
    b = make_case(organisations=[national], title="B", stage="scaling")
    make_case(organisations=[national], title="C", stage="pilot")
    either = case_filter(user=AnonymousUser(), data={"layer": ["local", "national"]}).qs
    assert either.count() == 3
    both = case_filter(
        user=AnonymousUser(), data={"layer": ["local", "national"], "stage": ["pilot"]}
    ).qs
    assert {c.title for c in both} == {"A", "C"}
    assert a.title != b.title


def test_counts_of_an_active_facet_ignore_its_own_choice():
    make_case(organisations=[OrganisationFactory(government_layer="local")], title="A")
    make_case(organisations=[OrganisationFactory(government_layer="national")], title="B")
    results = {
        f.key: f
        for f in case_facet_counts(
            user=AnonymousUser(), text="", selection={"layer": ["local"]}
        ).facets
    }
    layer = {c.value: (c.count, c.selected) for c in results["layer"].choices}
    assert layer == {"local": (1, True), "national": (1, False)}
    assert {c.value: c.count for c in results["stage"].choices} == {"pilot": 1}


def test_unknown_facet_value_matches_nothing_and_is_shown_selected():
    make_case()
    results = {
        f.key: f
        for f in case_facet_counts(
            user=AnonymousUser(), text="", selection={"stage": ["bestaat-niet"]}
        ).facets
    }
    assert [(c.value, c.count, c.selected) for c in results["stage"].choices] == [
        ("pilot", 1, False),
        ("bestaat-niet", 0, True),
    ]
