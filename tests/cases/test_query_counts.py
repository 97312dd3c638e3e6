"""Pages run a constant number of queries, whatever the size of the library."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory, make_case

pytestmark = pytest.mark.django_db

LIBRARY_URL = "/casussen/?layer=local&theme=casebook.openness&sort=title"


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(n: int) -> None:
    orgs = [OrganisationFactory(), OrganisationFactory(government_layer="regional")]
    for i in range(n):
        make_case(
            organisations=[orgs[i % 2], orgs[(i + 1) % 2]], title=f"Casus {i}", year_start=2000 + i
        )


def test_library_page_query_count_does_not_grow(client):
    _grow(3)
    small = _queries(client, LIBRARY_URL)
    _grow(25)
    assert _queries(client, LIBRARY_URL) == small


def test_case_page_query_count_does_not_grow_with_parts(client):
    small_case = make_case()
    small = _queries(client, f"/casussen/{small_case.slug}/")
    big_case = make_case(
        organisations=[OrganisationFactory(), OrganisationFactory(), OrganisationFactory()],
        outcomes=[
            {
                "measure": f"m{i}",
                "value": i,
                "unit": "count",
                "direction": "increase",
                "kind": "volume",
            }
            for i in range(10)
        ],
        lessons=[{"kind": "pitfall", "text": f"les {i}"} for i in range(10)],
    )
    assert _queries(client, f"/casussen/{big_case.slug}/") == small


def test_api_list_query_count_does_not_grow(api_client):
    _grow(3)
    small = _queries(api_client, "/api/v1/cases?layer=local")
    _grow(20)
    assert _queries(api_client, "/api/v1/cases?layer=local") == small
