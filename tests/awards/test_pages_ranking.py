"""The candidates of a decision on the management page, ranked by the panels' scores: each
submitted scorecard keeps its weighted mean, the page orders the candidates by the mean of
those, shows the best-scored first and all of them when asked."""

import pytest
from django.core.cache import cache

from proeftuin.awards import views_manage
from proeftuin.awards.models import Scorecard
from proeftuin.awards.services_judging import (
    panel_get_or_create,
    panel_member_add,
    scorecard_save,
)
from tests.awards.factories import make_competition, make_edition, make_submitted
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    cache.clear()
    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]))
    edition.criteria.filter(name="Impact").update(weight=3)
    names = ("Gemeente Aalst", "Gemeente Beek", "Gemeente Cuijk")
    entries = [make_submitted(edition, OrganisationFactory(name=name)) for name in names]
    panel = panel_get_or_create(actor=organiser, edition=edition, kind="selection")
    judges = [UserFactory(), UserFactory()]
    for judge in judges:
        panel_member_add(actor=organiser, panel=panel, user=judge)
    return organiser, edition, entries, panel, judges


def _score(judge, panel, nomination, innovation, impact, submit=True):
    criteria = {c.name: c.pk for c in panel.edition.criteria.all()}
    scores = {criteria["Innovatie"]: (innovation, ""), criteria["Impact"]: (impact, "")}
    return scorecard_save(
        actor=judge,
        panel=panel,
        nomination=nomination,
        step="submission",
        scores=scores,
        submit=submit,
    )


def _scored(world):
    organiser, _edition, (aalst, beek, _cuijk), panel, (one, two) = world
    _score(one, panel, aalst, 10, 2)  # (10*1 + 2*3) / 4 = 4.0
    _score(one, panel, beek, 2, 8)  # (2 + 24) / 4 = 6.5
    _score(two, panel, beek, 2, 4)  # (2 + 12) / 4 = 3.5: Beek 5.0 on average
    _score(two, panel, aalst, 9, 9, submit=False)  # a draft does not count
    return organiser


def test_a_submitted_scorecard_keeps_its_weighted_mean_and_a_draft_none(world):
    _scored(world)
    means = sorted(
        (c.nomination.owner.name, c.weighted_mean or 0.0) for c in Scorecard.objects.all()
    )
    assert means == [
        ("Gemeente Aalst", 0.0),  # the draft: None
        ("Gemeente Aalst", 4.0),
        ("Gemeente Beek", 3.5),
        ("Gemeente Beek", 6.5),
    ]
    assert not Scorecard.objects.filter(submitted_at__isnull=True, weighted_mean__isnull=False)


def test_the_candidates_are_ranked_by_the_panels_scores_unscored_last(client, world):
    client.force_login(_scored(world))
    page = client.get(f"/prijzen/{world[1].slug}/beheer/").content.decode()
    decision = page[page.index('id="besluit-long_list"') :]
    places = [decision.index(name) for name in ("Beek", "Aalst", "Cuijk")]
    assert places == sorted(places)
    assert "Gemeente Beek: gemiddeld 5,0 over 2 scorekaarten" in decision
    assert "Gemeente Aalst: 4,0 op 1 scorekaart" in decision
    assert "Gemeente Cuijk: nog niet gescoord" in decision
    assert "De kandidaten, de best gescoorde eerst" in decision
    assert "Toon alle" not in decision


def test_the_best_scored_are_shown_and_all_when_asked(client, world, monkeypatch):
    monkeypatch.setattr(views_manage, "CANDIDATES_SHOWN", 2)
    client.force_login(_scored(world))
    url = f"/prijzen/{world[1].slug}/beheer/"
    page = client.get(url).content.decode()
    decision = page[page.index('id="besluit-long_list"') : page.index('id="besluit-top_ten"')]
    assert "Beek" in decision and "Aalst" in decision and "Cuijk" not in decision
    assert "De 2 best gescoorde van 3 kandidaten" in decision
    assert 'href="?alle=long_list#besluit-long_list"' in decision
    assert "Toon alle 3 kandidaten" in decision
    everything = client.get(url, {"alle": "long_list"}).content.decode()
    decision = everything[everything.index('id="besluit-long_list"') :]
    assert "Cuijk" in decision


def test_a_candidate_left_out_of_the_page_can_still_be_chosen(client, world, monkeypatch):
    monkeypatch.setattr(views_manage, "CANDIDATES_SHOWN", 1)
    _organiser, edition, (_aalst, _beek, cuijk), _panel, _judges = world
    client.force_login(_scored(world))
    url = f"/prijzen/{edition.slug}/beheer/besluit/long_list/"
    client.post(url, {"long_list-chosen": [str(cuijk.uuid)], "long_list-notes": ""})
    cuijk.refresh_from_db()
    assert cuijk.stage.key == "long_list"
