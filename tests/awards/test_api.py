"""The awards API (read): editions with criteria, categories, timeline and the public
result; nominations with what their page shows the same caller (nothing before consent, the
submission only for who may read it, scores only for the panel and the organisers); pages
of constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from proeftuin.awards.models import Category, Nomination, Vote
from proeftuin.awards.services_decisions import panel_decide
from proeftuin.awards.services_judging import (
    panel_get_or_create,
    panel_member_add,
    scorecard_save,
)
from proeftuin.awards.services_nominations import (
    nomination_create,
    submission_save,
    submission_submit,
)
from tests.awards.factories import make_competition, make_edition, member
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

EDITIONS = "/api/v1/awards/editions"
NOMINATIONS = "/api/v1/awards/nominations"


def nominate(edition, *, submit=True):
    organisation = OrganisationFactory()
    editor = member(organisation)
    n = nomination_create(
        actor=editor,
        edition=edition,
        organisation=organisation,
        source="self",
        category=edition.categories.first(),
    )
    if submit:
        submission_save(
            actor=editor,
            nomination=n,
            answers={c.pk: f"Tekst over {c.name}" for c in edition.criteria.all()},
        )
        submission_submit(actor=editor, nomination=Nomination.objects.get(pk=n.pk))
    return Nomination.objects.get(pk=n.pk), editor


@pytest.fixture
def world():
    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]), title="Verkiezing 2017")
    Category.objects.create(edition=edition, name="Gemeenten")
    return organiser, edition


def get(client, url, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    client.logout()
    return response


def test_editions_list_and_detail_with_criteria_categories_and_timeline(client, world):
    organiser, edition = world
    hidden = make_edition(edition.competition, title="Verkiezing concept", published=False)
    response = get(client, EDITIONS)
    assert response.status_code == 200 and response["API-Version"]
    body = response.json()
    assert [e["slug"] for e in body["results"]] == [edition.slug] and body["count"] == 1
    assert body["results"][0]["timeline"]["nominationsClose"]
    detail = get(client, f"{EDITIONS}/{edition.slug}").json()
    assert [c["name"] for c in detail["criteria"]] == ["Innovatie", "Impact"]
    assert detail["categories"] == [{"name": "Gemeenten", "order": 0}]
    assert detail["scoreMax"] == 10 and detail["finalistCount"] == 3
    assert detail["winner"] is None and detail["finalists"] == [] and detail["votes"] == []
    missing = get(client, f"{EDITIONS}/{hidden.slug}")
    assert missing.status_code == 404
    assert missing["Content-Type"].startswith("application/problem+json")
    assert "bestaat niet" in missing.json()["detail"]
    assert get(client, f"{EDITIONS}/{hidden.slug}", organiser).status_code == 200
    assert get(client, EDITIONS, organiser).json()["count"] == 2


def test_the_result_finalists_winner_and_votes_once_the_vote_closed(client, world):
    organiser, edition = world
    entries = [nominate(edition)[0] for _ in range(3)]
    panel = panel_get_or_create(actor=organiser, edition=edition, kind="selection")
    jury = panel_get_or_create(actor=organiser, edition=edition, kind="jury")
    panel_decide(actor=organiser, panel=panel, decision="long_list", chosen=entries)
    panel_decide(actor=organiser, panel=panel, decision="top_ten", chosen=entries)
    panel_decide(actor=organiser, panel=jury, decision="finalist", chosen=entries[:2])
    detail = get(client, f"{EDITIONS}/{edition.slug}").json()
    assert {f["uuid"] for f in detail["finalists"]} == {str(e.uuid) for e in entries[:2]}
    assert detail["winner"] is None
    for voter in (UserFactory(), UserFactory()):
        Vote.objects.create(edition=edition, nomination=entries[1], voter=voter)
    Vote.objects.create(edition=edition, nomination=entries[0], voter=UserFactory())
    panel_decide(actor=organiser, panel=jury, decision="winner", chosen=entries[:1])
    now = timezone.now()
    edition.vote_opens, edition.vote_closes = now - datetime.timedelta(days=2), now
    edition.save()
    detail = get(client, f"{EDITIONS}/{edition.slug}").json()
    assert detail["winner"]["uuid"] == str(entries[0].uuid)
    assert [(v["nomination"]["uuid"], v["votes"]) for v in detail["votes"]] == [
        (str(entries[1].uuid), 2),
        (str(entries[0].uuid), 1),
    ]
    edition.vote_closes = now + datetime.timedelta(days=1)
    edition.save()
    assert get(client, f"{EDITIONS}/{edition.slug}").json()["votes"] == []


def test_nothing_of_a_nomination_before_consent(client, world):
    _organiser, edition = world
    nominator = UserFactory()
    nominee = OrganisationFactory(name="Gemeente Zuidhorn")
    pending = nomination_create(
        actor=nominator,
        edition=edition,
        organisation=nominee,
        source="other",
        motivation="x",
        category=edition.categories.first(),
    )
    url = f"{NOMINATIONS}/{pending.uuid}"
    assert get(client, NOMINATIONS).json()["count"] == 0
    assert "Zuidhorn" not in get(client, NOMINATIONS).content.decode()
    assert get(client, url).status_code == 404
    assert get(client, url, UserFactory()).status_code == 404
    mine = get(client, url, nominator).json()
    assert mine["consent"] == "pending" and mine["submission"] is None
    listed = get(client, f"{NOMINATIONS}?edition={edition.slug}", member(nominee)).json()
    assert [n["organisation"]["name"] for n in listed["results"]] == ["Gemeente Zuidhorn"]


def test_the_submission_and_scores_only_for_who_may_read_them(client, world):
    organiser, edition = world
    nomination, editor = nominate(edition)
    panel = panel_get_or_create(actor=organiser, edition=edition, kind="selection")
    judge, other = UserFactory(), UserFactory()
    for user in (judge, other):
        panel_member_add(actor=organiser, panel=panel, user=user)
    scores = {c.pk: (8, "Sterk") for c in edition.criteria.all()}
    scorecard_save(
        actor=judge,
        panel=panel,
        nomination=nomination,
        step="submission",
        scores=scores,
        submit=True,
    )
    url = f"{NOMINATIONS}/{nomination.uuid}"
    public = get(client, url).json()
    assert public["submission"] is None and public["scorecards"] == []
    assert public["history"] == [] and public["siteVisit"] is None
    assert "Tekst over" not in get(client, url, UserFactory()).content.decode()
    own = get(client, url, editor).json()
    assert [a["criterion"] for a in own["submission"]] == ["Innovatie", "Impact"]
    assert own["scorecards"] == [] and own["history"]
    assert get(client, url, other).json()["scorecards"] == []  # own card not submitted yet
    cards = get(client, url, organiser).json()["scorecards"]
    assert [s["value"] for s in cards[0]["scores"]] == [8, 8] and cards[0]["step"] == "submission"
    assert get(client, url, judge).json()["scorecards"][0]["scores"][0]["comment"] == "Sterk"


def count_queries(client, url) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.json()


def test_lists_take_the_same_queries_for_few_and_many(client, world):
    _organiser, edition = world
    nominate(edition, submit=False)
    few_nominations, body = count_queries(client, NOMINATIONS)
    assert body["count"] == 1
    few_editions, _ = count_queries(client, EDITIONS)
    for _ in range(4):
        nominate(edition, submit=False)
        make_edition(edition.competition)
    many_nominations, body = count_queries(client, NOMINATIONS)
    assert body["count"] == 5
    many_editions, body = count_queries(client, EDITIONS)
    assert body["count"] == 5
    assert many_nominations == few_nominations and many_editions == few_editions


def test_a_page_number_that_is_not_one_is_refused(client, world):
    response = client.get(f"{NOMINATIONS}?page=nul")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
