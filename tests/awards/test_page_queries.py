"""The judging pages the awards benchmark measures (``bench/awards_pages.py``) take as many
queries with more nominations, judges, scorecards, recusals and conflicts as with few: the
judging overview, a scorecard and the scores side by side as a judge, the scores side by
side, the management page and the edition's page as an organiser, the edition's page as a
judge."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proeftuin.awards.services_judging import (
    panel_get_or_create,
    panel_member_add,
    recuse,
    scorecard_save,
)
from tests.awards.factories import make_competition, make_edition, make_submitted, member
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]))
    panels = {
        kind: panel_get_or_create(actor=organiser, edition=edition, kind=kind)
        for kind in ("selection", "jury")
    }
    judge = UserFactory(username="judge-0")
    panel_member_add(actor=organiser, panel=panels["selection"], user=judge, chair=True)
    jury = UserFactory(username="jury-0")
    panel_member_add(actor=organiser, panel=panels["jury"], user=jury, chair=True)
    world = SimpleNamespace(organiser=organiser, edition=edition, panels=panels, judge=judge)
    world.judges = {"selection": [judge], "jury": [jury]}
    return world


def _join(world, kind: str, user) -> None:
    panel_member_add(actor=world.organiser, panel=world.panels[kind], user=user)
    world.judges[kind].append(user)


def _score(world, nomination, kinds=("selection", "jury")) -> None:
    scores = {c.pk: (7, "") for c in world.edition.criteria.all()}
    for kind in kinds:
        for judge in world.judges[kind]:
            scorecard_save(
                actor=judge,
                panel=world.panels[kind],
                nomination=nomination,
                step="submission",
                scores=scores,
                submit=True,
            )


def _grow(world, n: int) -> dict:
    """``n`` more submitted nominations scored by every judge, and one that the selection
    committee has not scored yet (the scorecard page's)."""
    for _n in range(n):
        scored = make_submitted(world.edition)
        _score(world, scored)
    open_ = make_submitted(world.edition)
    _score(world, open_, kinds=("jury",))
    return {"scored": scored, "open": open_}


def _queries(client, user, url: str) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _counts(client, world, shown) -> dict[str, int]:
    slug, judge, organiser = world.edition.slug, world.judge, world.organiser
    scored, open_ = shown["scored"].uuid, shown["open"].uuid
    return {
        "judging (judge)": _queries(client, judge, f"/prijzen/{slug}/jurering/"),
        "scorecard (judge)": _queries(
            client, judge, f"/prijzen/nominaties/{open_}/scores/selection/submission/"
        ),
        "consensus (judge)": _queries(
            client, judge, f"/prijzen/nominaties/{scored}/overleg/selection/submission/"
        ),
        "consensus (organiser)": _queries(
            client, organiser, f"/prijzen/nominaties/{scored}/overleg/selection/submission/"
        ),
        "manage (organiser)": _queries(client, organiser, f"/prijzen/{slug}/beheer/"),
        "edition (organiser)": _queries(client, organiser, f"/prijzen/{slug}/"),
        "edition (judge)": _queries(client, judge, f"/prijzen/{slug}/"),
    }


def test_judging_pages_take_a_constant_number_of_queries(world, client):
    small = _counts(client, world, _grow(world, 1))
    for n in range(3):
        _join(world, "selection", UserFactory(username=f"judge-{n + 1}"))
    _join(world, "jury", UserFactory(username="jury-1"))
    conflicted = make_submitted(world.edition)  # a judge works there: they may not score it
    _join(world, "selection", member(conflicted.owner))
    shown = _grow(world, 4)
    recuse(
        actor=world.judges["selection"][1],
        panel=world.panels["selection"],
        nomination=shown["open"],
        reason="Oud-collega",
    )
    large = _counts(client, world, shown)
    assert large == small


def test_the_long_lists_are_paged(world, client, monkeypatch):
    from proeftuin.awards import selectors_judging, views, views_manage

    for module, name in (
        (selectors_judging, "JUDGING_PAGE"),
        (views, "NOMINEES_PAGE"),
        (views_manage, "NOMINATIONS_PAGE"),
    ):
        monkeypatch.setattr(module, name, 1)
    first, second = sorted(
        (make_submitted(world.edition) for _n in range(2)), key=lambda n: n.owner.name
    )
    slug = world.edition.slug
    client.force_login(world.judge)
    judging = f"/prijzen/{slug}/jurering/"
    page = client.get(judging).content.decode()
    assert first.owner.name in page and second.owner.name not in page
    assert "pagina-selection-submission=2" in page
    page = client.get(judging + "?pagina-selection-submission=2").content.decode()
    assert second.owner.name in page and first.owner.name not in page
    client.force_login(world.organiser)
    for url in (f"/prijzen/{slug}/", f"/prijzen/{slug}/beheer/"):
        listed = client.get(url + "?pagina=2").content.decode().split("Genomineerden")[-1]
        assert f"/prijzen/nominaties/{second.uuid}/" in listed, url
        assert f"/prijzen/nominaties/{first.uuid}/" not in listed, url
