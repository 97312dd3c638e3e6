"""Queries per page do not grow with the adoptions: the list, the organisation page, the
lineage page and the API list make as many SQL queries with 24 adoptions (chains,
abandoned ones, cases and initiatives) as with 3."""

import pytest
from django.urls import reverse

from tests.diffusion.factories import make_adoption
from tests.factories import OrganisationFactory
from tests.portfolio.test_query_counts import _queries

pytestmark = pytest.mark.django_db
STATUSES = ("interested", "adopted", "adapted", "abandoned", "piloting")


def _grow(n: int, innovation, case, adopter) -> None:
    previous = None
    for i in range(n):
        organisation = adopter if i == 0 else OrganisationFactory(province=f"PV2{i % 10}")
        target = case if i % 3 == 2 else innovation
        source = previous if previous is not None and previous.innovation == target else None
        previous = make_adoption(
            target,
            organisation,
            source=source if i % 2 else None,
            status=STATUSES[i % len(STATUSES)],
            visibility="organisation" if i % 5 == 4 else "public",
        )


def _counts(client, innovation, adopter, user=None) -> list[int]:
    if user is not None:
        client.force_login(user)
    urls = [
        reverse("diffusion:list"),
        reverse("diffusion:organisation", args=[adopter.slug]),
        reverse("diffusion:lineage", args=["initiatief", innovation.slug]),
        reverse("diffusion:lineage", args=["initiatief", innovation.slug]) + "?per=quarter",
        "/api/v1/adoptions",
    ]
    return [_queries(client, url) for url in urls]


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_queries_do_not_grow(client, innovation, case, adopter, adopter_editor, who):
    user = adopter_editor if who == "editor" else None
    _grow(3, innovation, case, adopter)
    few = _counts(client, innovation, adopter, user)
    _grow(21, innovation, case, OrganisationFactory())
    assert _counts(client, innovation, adopter, user) == few
