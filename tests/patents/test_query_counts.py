"""The patent list, a patent's page and the programme report take as many queries for many
patents, meetings and claims as for few."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from proeftuin.patents import services, services_claims
from tests.diffusion.factories import make_adoption
from tests.factories import OrganisationFactory, make_initiative


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(patent, editor, manager, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        org = OrganisationFactory(name=f"Gemeente {i}", slug=f"gemeente-{i}")
        make_adoption(patent.initiative, org, status="adopted")
        services.meeting_record(
            actor=editor, patent=patent, date=datetime.date(2025, 1, i + 1), adopters=[org]
        )
        claim = services_claims.claim_request(actor=editor, patent=patent, adopter=org)
        if i % 2:
            services_claims.claim_decide(actor=manager, claim=claim, decision="pay")


def _urls(patent) -> list[str]:
    slug = patent.programme.slug
    return [
        "/patenten/",
        f"/patenten/{patent.uuid}/",
        f"/programmas/{slug}/patenten/",
        f"/programmas/{slug}/patenten/export.csv",
        "/api/v1/patents",
        f"/api/v1/patents/{patent.uuid}/claims",
        f"/api/v1/patents/{patent.uuid}/meetings",
    ]


def test_patent_pages_take_a_constant_number_of_queries(
    client, patent, editor, manager, programme, innovator
):
    client.force_login(editor)
    _grow(patent, editor, manager, 1)  # a first meeting and claim: lists not empty
    small = [_queries(client, url) for url in _urls(patent)]
    _grow(patent, editor, manager, 5, start=1)
    other = make_initiative(innovator, status="published", visibility="public", title="Tweede")
    make_adoption(other, OrganisationFactory(), status="adopted")
    services.patent_award(actor=manager, programme=programme, innovation=other)
    big = [_queries(client, url) for url in _urls(patent)]
    assert big == small
