"""The hostile-user probes of adopter matching: "Wie heeft hier ook iets aan?" for A's
initiatives and cases (pages and API) answers who may see the innovation and refuses
everyone else; "Wat past bij ons?" (page and API) for an organisation offers A's
innovations, taken up by a third organisation, exactly to who may see them (the positive
control), and nothing of A leaks anywhere."""

from __future__ import annotations

from proeftuin.diffusion.models import Adoption
from tests.diffusion.factories import make_adoption
from tests.factories import OrganisationFactory
from tests.security.modules import INITIATIVES
from tests.security.probes import _refused_unless_seen
from tests.security.visibility import REFUSED, Probe, fetch

MATCHES = "wie-heeft-hier-ook-iets-aan/"


def _initiatives(world) -> dict:
    return world.records[INITIATIVES.name]


def _initiative_urls(initiative) -> list[str]:
    return [
        f"/overname/initiatief/{initiative.slug}/{MATCHES}",
        f"/api/v1/initiatives/{initiative.uuid}/adopter-matches",
    ]


def _initiative_matches(world, client, actor):
    problems = []
    for key, initiative in _initiatives(world).items():
        for url in _initiative_urls(initiative):
            response, body = fetch(client, url)
            body = body.replace(url, "")
            if world.sees(actor, INITIATIVES, key) and response.status_code != 200:
                problems.append(f"{url}: status {response.status_code} for who sees {key}")
            if not world.sees(actor, INITIATIVES, key) and response.status_code not in REFUSED:
                problems.append(f"{url}: status {response.status_code} for an invisible {key}")
            problems += [f"{url}: {p}" for p in world.leaks(actor, body)]
    return problems


def _taken_up_elsewhere(world) -> None:
    """Every initiative of A adopted by a third organisation (public adoptions)."""
    third, _new = OrganisationFactory._meta.model.objects.get_or_create(
        slug="gemeente-derde",
        defaults={"name": "Gemeente Derde", "government_layer": "local",
                  "organisation_type": "municipality", "province": "PV26"},
    )  # fmt: skip
    for initiative in _initiatives(world).values():
        if not Adoption.objects.filter(initiative=initiative, adopter=third).exists():
            make_adoption(initiative, third, status="adopted", visibility="public")


def _organisation_matches(world, client, actor):
    _taken_up_elsewhere(world)
    problems = []
    for url in (
        f"/overname/organisatie/{world.b.slug}/wat-past-bij-ons/",
        f"/api/v1/organisations/{world.b.uuid}/innovation-matches?limit=50",
    ):
        response, body = fetch(client, url)
        if response.status_code != 200:
            problems.append(f"{url}: status {response.status_code}")
        problems += [f"{url}: {p}" for p in world.leaks(actor, body)]
        for key in sorted(world.visible(actor, INITIATIVES)):
            if INITIATIVES.marker(key) not in body:
                problems.append(f"{url}: visible initiative {key} not offered")
    return problems


MATCHING_READS = [
    Probe(
        "adopter matches of initiatives",
        ("matching:initiative", "api:initiative-adopter-matches"),
        _initiative_matches,
    ),
    Probe(
        "adopter matches of cases",
        ("matching:case",),
        _refused_unless_seen(lambda w, c: f"/overname/casus/{c.slug}/{MATCHES}"),
    ),
    Probe(
        "api adopter matches of cases",
        ("api:case-adopter-matches",),
        _refused_unless_seen(lambda w, c: f"/api/v1/cases/{c.uuid}/adopter-matches"),
    ),
    Probe(
        "what fits an organisation",
        ("matching:organisation", "api:organisation-innovation-matches"),
        _organisation_matches,
    ),
]
