"""Recusal, the site-visit report and the public vote through the pages."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from proeftuin.awards.models import Nomination, Recusal, SiteVisit, Vote
from proeftuin.awards.services_decisions import panel_decide
from proeftuin.awards.services_judging import panel_get_or_create, panel_member_add
from proeftuin.awards.services_nominations import (
    nomination_create,
    submission_save,
    submission_submit,
)
from tests.awards.factories import make_competition, make_edition, member
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def world():
    cache.clear()
    organiser = UserFactory()
    edition = make_edition(
        make_competition(organisers=[organiser]),
        top_size=2,
        finalists=1,
        vote_opens=NOW - datetime.timedelta(hours=1),
        vote_closes=NOW + datetime.timedelta(days=1),
    )
    entries = []
    for _ in range(2):
        organisation = OrganisationFactory()
        editor = member(organisation)
        n = nomination_create(
            actor=editor, edition=edition, organisation=organisation, source="self"
        )
        submission_save(
            actor=editor, nomination=n, answers={c.pk: "T" for c in edition.criteria.all()}
        )
        submission_submit(actor=editor, nomination=Nomination.objects.get(pk=n.pk))
        entries.append(n)
    selection = panel_get_or_create(actor=organiser, edition=edition, kind="selection")
    jury = panel_get_or_create(actor=organiser, edition=edition, kind="jury")
    return organiser, edition, entries, selection, jury


def test_a_judge_steps_aside_with_a_reason(client, world):
    organiser, edition, (first, _second), selection, _jury = world
    judge = UserFactory()
    panel_member_add(actor=organiser, panel=selection, user=judge)
    client.force_login(judge)
    url = f"/prijzen/nominaties/{first.uuid}/terugtrekken/selection/"
    assert client.post(url, {"reason": ""}).status_code == 302 and not Recusal.objects.exists()
    client.post(url, {"reason": "Ik adviseerde hen vorig jaar"})
    assert Recusal.objects.get().reason == "Ik adviseerde hen vorig jaar"
    page = client.get(f"/prijzen/{edition.slug}/jurering/").content.decode()
    assert "teruggetrokken" in page


def test_site_visit_and_vote(client, world):
    organiser, edition, entries, selection, jury = world
    panel_decide(actor=organiser, panel=selection, decision="long_list", chosen=entries)
    panel_decide(actor=organiser, panel=selection, decision="top_ten", chosen=entries)
    client.force_login(UserFactory())
    page = client.get(f"/prijzen/{edition.slug}/").content.decode()
    assert "breng uw stem uit" in page
    assert client.post(f"/prijzen/nominaties/{entries[0].uuid}/stem/").status_code == 302
    assert client.post(f"/prijzen/nominaties/{entries[1].uuid}/stem/").status_code == 302
    assert Vote.objects.count() == 1  # the second was refused: one vote per account
    panel_decide(actor=organiser, panel=jury, decision="finalist", chosen=entries[:1])
    juror = UserFactory()
    panel_member_add(actor=organiser, panel=jury, user=juror)
    client.force_login(juror)
    url = f"/prijzen/nominaties/{entries[0].uuid}/werkbezoek/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"visited_on": "2017-09-14", "findings": ""})
    assert bad.status_code == 400
    assert (
        client.post(url, {"visited_on": "2017-09-14", "findings": "Open cultuur"}).status_code
        == 302
    )
    assert SiteVisit.objects.get().findings == "Open cultuur"
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
