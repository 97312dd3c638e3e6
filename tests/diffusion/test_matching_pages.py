"""The pages "Wie heeft hier ook iets aan?" and "Wat past bij ons?": reasons in Dutch,
links from the initiative, case and organisation pages, 404 for what one may not see."""

import pytest

from tests.diffusion.factories import make_adoption
from tests.factories import OrganisationFactory, make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def nl(client):
    client.cookies["django_language"] = "nl"
    return client


@pytest.fixture
def similar():
    return OrganisationFactory(name="Gemeente Amersfoort", slug="gemeente-amersfoort")


def test_the_initiative_page_links_to_its_matches(nl, innovation, similar):
    page = nl.get(f"/initiatieven/{innovation.slug}/").content.decode()
    url = f"/overname/initiatief/{innovation.slug}/wie-heeft-hier-ook-iets-aan/"
    assert url in page
    body = nl.get(url).content.decode()
    assert "Wie heeft hier ook iets aan?" in body
    assert "Organisaties die het meest aan" in body
    assert "Gemeente Amersfoort" in body and "lijkt op de vernieuwer SVB" in body
    assert 'href="/organisaties/gemeente-amersfoort/"' in body


def test_the_case_page_links_to_its_matches(nl, case, similar):
    url = f"/overname/casus/{case.slug}/wie-heeft-hier-ook-iets-aan/"
    assert url in nl.get(f"/casussen/{case.slug}/").content.decode()
    body = nl.get(url).content.decode()
    assert "Gemeente Amersfoort" in body


def test_what_fits_us(nl, innovation, adopter, similar, case):
    make_adoption(innovation, adopter, status="adopted")
    url = f"/overname/organisatie/{similar.slug}/wat-past-bij-ons/"
    assert url in nl.get(f"/organisaties/{similar.slug}/").content.decode()
    body = nl.get(url).content.decode()
    assert "Wat past bij ons?" in body and "Bewezen vernieuwingen" in body
    assert innovation.title in body and case.title in body
    assert "van SVB" in body


def test_an_invisible_innovation_is_not_found(client, innovator):
    draft = make_initiative(innovator, title="Xqzconcept", status="draft", visibility="private")
    response = client.get(f"/overname/initiatief/{draft.slug}/wie-heeft-hier-ook-iets-aan/")
    assert response.status_code == 404
    assert "Xqzconcept" not in response.content.decode()
    assert (
        client.get("/overname/casus/bestaat-niet/wie-heeft-hier-ook-iets-aan/").status_code == 404
    )
    assert client.get("/overname/organisatie/nee/wat-past-bij-ons/").status_code == 404


def _page_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _adopters(innovation, start, n):
    for i in range(start, start + n):
        org = OrganisationFactory(name=f"Overnemer {i}", slug=f"overnemer-{i}")
        make_adoption(innovation, org, status="adopted")
        other = make_initiative(org, title=f"Eigen {i}", status="published", visibility="public")
        make_adoption(other, OrganisationFactory(), status="adopted")


def test_queries_per_page_do_not_grow_with_adoptions(client, innovation, similar):
    pages = [
        f"/overname/initiatief/{innovation.slug}/wie-heeft-hier-ook-iets-aan/",
        f"/overname/organisatie/{similar.slug}/wat-past-bij-ons/",
    ]
    _adopters(innovation, 0, 2)
    before = [_page_queries(client, url) for url in pages]
    _adopters(innovation, 2, 8)
    assert [_page_queries(client, url) for url in pages] == before


def test_cached_matches_follow_writes_and_viewers(nl, innovation, similar, make_member):
    """Kept per group of viewers who see the same adoptions: an organisation that started
    an adoption seen only by its own members drops out of its members' matches at once,
    and stays in the public's."""
    from proeftuin.accounts.models import Role
    from proeftuin.diffusion.services import adoption_start

    url = f"/overname/initiatief/{innovation.slug}/wie-heeft-hier-ook-iets-aan/"
    assert "Gemeente Amersfoort" in nl.get(url).content.decode()
    adoption_start(actor=None, innovation=innovation, adopter=similar, visibility="organisation")
    nl.force_login(make_member(similar, Role.VIEWER))
    assert 'href="/organisaties/gemeente-amersfoort/"' not in nl.get(url).content.decode()
    nl.logout()
    assert 'href="/organisaties/gemeente-amersfoort/"' in nl.get(url).content.decode()
