"""The organisers' and judges' pages: panels, a conflicted judge blocked, scoring,
the scores side by side, the decisions from long list to winner, a finalist into a case."""

import pytest

from proeftuin.awards.models import Nomination, Panel
from proeftuin.awards.services_nominations import (
    nomination_create,
    submission_save,
    submission_submit,
)
from proeftuin.cases.models import Case
from proeftuin.funding.conflicts import conflict_declare
from tests.awards.factories import make_competition, make_edition, member
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]), top_size=2, finalists=1)
    entries = []
    for name in ("Gemeente Noord", "Gemeente Zuid"):
        organisation = OrganisationFactory(name=name)
        editor = member(organisation)
        n = nomination_create(
            actor=editor, edition=edition, organisation=organisation, source="self"
        )
        submission_save(
            actor=editor,
            nomination=n,
            answers={c.pk: f"Tekst van {name}" for c in edition.criteria.all()},
        )
        submission_submit(actor=editor, nomination=Nomination.objects.get(pk=n.pk))
        entries.append(Nomination.objects.get(pk=n.pk))
    return organiser, edition, entries


def test_an_edition_from_panels_to_a_winner_through_the_pages(client, world):
    organiser, edition, (north, south) = world
    judge, other = UserFactory(username="jurylid-een"), UserFactory(username="jurylid-twee")
    conflict_declare(actor=other, organisation=north.owner, reason="Oud-wethouder")
    client.force_login(organiser)
    base = f"/prijzen/{edition.slug}/beheer/"
    assert client.get(base).status_code == 200
    for person, chair in ((judge.username, "on"), (other.username, "")):
        client.post(base + "panels/selection/leden/", {"person": person, "chair": chair})
        client.post(base + "panels/jury/leden/", {"person": person})
    selection = Panel.objects.get(edition=edition, kind="selection")
    assert selection.chair == judge and selection.members.count() == 2

    client.force_login(other)
    page = client.get(f"/prijzen/{edition.slug}/jurering/").content.decode()
    assert "belangenconflict" in page and "Oud-wethouder" in page
    blocked = client.get(f"/prijzen/nominaties/{north.uuid}/scores/selection/submission/")
    assert blocked.status_code == 403
    criteria = list(edition.criteria.all())
    scores = {f"s{c.pk}": "8" for c in criteria}
    client.post(
        f"/prijzen/nominaties/{south.uuid}/scores/selection/submission/", {**scores, "submit": "1"}
    )
    client.force_login(judge)
    form = client.get(f"/prijzen/nominaties/{south.uuid}/scores/selection/submission/")
    assert "Tekst van Gemeente Zuid" in form.content.decode()  # the submission to score
    bad = client.post(
        f"/prijzen/nominaties/{south.uuid}/scores/selection/submission/",
        {**scores, f"s{criteria[0].pk}": "11", "submit": "1"},
    )
    assert bad.status_code == 400 and "tussen 1 en 10" in bad.content.decode()
    client.post(
        f"/prijzen/nominaties/{south.uuid}/scores/selection/submission/",
        {**{f"s{c.pk}": "4" for c in criteria}, "submit": "1"},
    )
    side = client.get(f"/prijzen/nominaties/{south.uuid}/overleg/selection/submission/")
    body = side.content.decode()
    assert side.status_code == 200 and "jurylid-twee" in body and "onenigheid" in body

    client.force_login(organiser)
    for decision, chosen in (
        ("long_list", [north, south]),
        ("top_ten", [north, south]),
        ("finalist", [south]),
        ("winner", [south]),
    ):
        data = {f"{decision}-chosen": [str(n.uuid) for n in chosen], f"{decision}-notes": "Ok"}
        assert client.post(base + f"besluit/{decision}/", data).status_code == 302
    assert Nomination.objects.get(pk=south.pk).stage.key == "winner"
    assert Nomination.objects.get(pk=north.pk).stage.key == "not_selected"
    made = client.post(f"/prijzen/nominaties/{south.uuid}/casus/")
    case = Case.objects.get()
    assert made.status_code == 302 and made["Location"].endswith(f"/{case.slug}/")
    public = client.get(f"/prijzen/{edition.slug}/").content.decode()
    assert "Winnaar" in public and "Gemeente Zuid" in public


def test_only_organisers_manage_and_only_judges_judge(client, world):
    _organiser, edition, (north, _south) = world
    client.force_login(member(north.owner))
    assert client.get(f"/prijzen/{edition.slug}/beheer/").status_code == 403
    assert client.get(f"/prijzen/{edition.slug}/jurering/").status_code == 403
    assert client.post(f"/prijzen/nominaties/{north.uuid}/casus/").status_code == 403
