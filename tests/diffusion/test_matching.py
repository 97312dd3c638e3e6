"""Adopter matching: who else would benefit (with reasons), which proven innovations fit an
organisation, what is left out, visibility, and a fixed number of queries."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proeftuin.cases.service import Theme
from proeftuin.diffusion.matching import adopter_matches
from proeftuin.diffusion.matching_criteria import neighbouring_provinces
from proeftuin.diffusion.matching_proven import innovation_matches
from proeftuin.portfolio.models import Initiative
from tests.diffusion.factories import make_adoption
from tests.factories import OrganisationFactory, UserFactory, make_case, make_initiative

pytestmark = pytest.mark.django_db
ANON = AnonymousUser()


def _org(name, **fields):
    return OrganisationFactory(name=name, slug=name.lower().replace(" ", "-"), **fields)


@pytest.fixture
def themes():
    return list(Theme.objects.order_by("pk")[:3])


@pytest.fixture
def world(innovator, innovation, themes):
    """The innovation's theme; a similar municipality working on it; a far, different one."""
    innovation.themes.set(themes[:1])
    near = _org("Gemeente Amersfoort", province="PV26")
    far = _org(
        "Waterschap Noord",
        organisation_type="water_board",
        government_layer="regional",
        province="PV20",
        staff_exact=50,
    )
    own = make_initiative(
        near, title="Schulden eerder zien", status="published", visibility="public"
    )
    own.themes.set(themes[:1])
    return {"near": near, "far": far}


def _names(matches):
    return [m.subject.name for m in matches]


def test_the_similar_organisation_on_the_same_problem_comes_first(world, innovation):
    matches = adopter_matches(innovation, user=ANON)
    assert _names(matches)[0] == "Gemeente Amersfoort"
    reasons = " | ".join(matches[0].reasons)
    assert "Schulden eerder zien" in reasons
    names = _names(adopter_matches(innovation, user=ANON, limit=100))
    far = names.index("Waterschap Noord") if "Waterschap Noord" in names else len(names)
    assert names.index("Gemeente Amersfoort") < far


def test_leaves_out_the_innovator_and_who_adopted(world, innovation, innovator, adopter):
    make_adoption(innovation, adopter, status="adopted")
    names = _names(adopter_matches(innovation, user=ANON, limit=100))
    assert "SVB" not in names and "Gemeente Almere" not in names
    assert "Gemeente Amersfoort" in names


def test_adopters_so_far_and_history_give_reasons(world, innovation, innovator, adopter):
    make_adoption(innovation, adopter, status="adopted")
    other = make_initiative(
        innovator, title="Vaste lasten betalen", status="published", visibility="public"
    )
    make_adoption(other, world["near"], status="adopted")
    match = next(
        m for m in adopter_matches(innovation, user=ANON) if m.subject.name == "Gemeente Amersfoort"
    )
    text = " | ".join(match.reasons)
    assert "Vaste lasten betalen" in text
    assert "1 van 1" in text


def test_a_private_initiative_gives_no_reason_to_who_may_not_see_it(world, innovation, themes):
    secret = _org("Gemeente Geheim")
    hidden = make_initiative(secret, title="Xqzgeheim plan", status="draft", visibility="private")
    hidden.themes.set(themes[:1])
    text = str([m.reasons for m in adopter_matches(innovation, user=ANON, limit=100)])
    assert "Xqzgeheim" not in text
    admin = UserFactory(is_platform_admin=True)
    assert "Xqzgeheim" in str(
        [m.reasons for m in adopter_matches(innovation, user=admin, limit=100)]
    )


def test_neighbouring_provinces_come_from_the_map():
    assert "PV25" in neighbouring_provinces()["PV26"]  # Utrecht – Gelderland
    assert "PV31" not in neighbouring_provinces()["PV20"]  # Groningen – Limburg


def _grow(innovator, n, themes):
    for i in range(n):
        initiative = make_initiative(
            innovator, title=f"Proef {i}", status="published", visibility="public"
        )
        initiative.themes.set(themes[:2])
        initiative.partners.set([_org(f"Partner {n}-{i}")])
        make_adoption(initiative, _org(f"Overnemer {n}-{i}"), status="adopted")
        make_case(organisations=[_org(f"Casushouder {n}-{i}")], title=f"Casus {n}-{i}")


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_queries_do_not_grow_with_adoptions(innovator, innovation, adopter, themes):
    innovation.themes.set(themes[:2])
    _grow(innovator, 2, themes)
    for_innovation = _queries(lambda: adopter_matches(innovation, user=ANON))
    for_org = _queries(lambda: innovation_matches(adopter, user=ANON))
    _grow(innovator, 6, themes)
    assert _queries(lambda: adopter_matches(innovation, user=ANON)) == for_innovation
    assert _queries(lambda: innovation_matches(adopter, user=ANON)) == for_org


def test_proven_innovations_for_an_organisation(world, innovation, innovator, adopter, case):
    make_adoption(innovation, adopter, status="adopted")
    matches = innovation_matches(world["near"], user=ANON)
    titles = [m.subject.title for m in matches]
    assert innovation.title in titles  # adopted elsewhere
    assert case.title in titles  # a case with measured outcomes
    first = matches[titles.index(innovation.title)]
    assert "Schulden eerder zien" in " | ".join(first.reasons)
    assert first.subject.url.endswith(f"/{innovation.slug}/")


def test_leaves_out_its_own_and_what_it_adopted(innovation, innovator, adopter, case):
    make_adoption(innovation, adopter, status="adopted")
    assert innovation.title not in [m.subject.title for m in innovation_matches(adopter, user=ANON)]
    assert innovation.title not in [
        m.subject.title for m in innovation_matches(innovator, user=ANON)
    ]


def test_an_invisible_innovation_is_not_offered(innovator, adopter, third):
    hidden = make_initiative(innovator, title="Xqzverborgen", status="draft", visibility="private")
    make_adoption(hidden, adopter, status="adopted", visibility="public")
    assert "Xqzverborgen" not in str(
        [m.subject.title for m in innovation_matches(third, user=ANON)]
    )
    assert Initiative.objects.filter(title="Xqzverborgen").exists()
