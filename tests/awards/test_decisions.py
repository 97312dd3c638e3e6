"""The panels' decisions from the long list to the winner, and the site visits."""

import datetime

import pytest
from django.utils import translation

from proeftuin.awards.models import Nomination, PanelDecision
from proeftuin.awards.selectors_judging import site_visit_of
from proeftuin.awards.services_decisions import panel_decide, site_visit_save
from proeftuin.awards.services_judging import panel_get_or_create, panel_member_add
from proeftuin.awards.services_nominations import (
    nomination_create,
    submission_save,
    submission_submit,
)
from proeftuin.core.service import DuplicateError, NotAllowed, ValidationFailed
from tests.awards.factories import make_competition, make_edition, member
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2017, 9, 14)


def refusal(call, error=ValidationFailed) -> str:
    with translation.override("nl"), pytest.raises(error) as caught:
        call()
    exc = caught.value
    return " ".join([str(exc.message), *(str(m) for ms in exc.field_errors.values() for m in ms)])


def stages(edition) -> dict[str, str]:
    return {n.owner.name: n.stage.key for n in edition.nominations.select_related("owner", "stage")}


@pytest.fixture
def world():
    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]), top_size=3, finalists=2)
    for _ in range(5):
        organisation = OrganisationFactory()
        editor = member(organisation)
        n = nomination_create(
            actor=editor, edition=edition, organisation=organisation, source="self"
        )
        submission_save(
            actor=editor, nomination=n, answers={c.pk: "T" for c in edition.criteria.all()}
        )
        submission_submit(actor=editor, nomination=Nomination.objects.get(pk=n.pk))
    selection = panel_get_or_create(actor=organiser, edition=edition, kind="selection")
    jury = panel_get_or_create(actor=organiser, edition=edition, kind="jury")
    return organiser, edition, selection, jury


def nominations(edition, stage):
    return list(edition.nominations.filter(stage__key=stage).order_by("owner__name"))


def test_from_the_long_list_to_the_winner(world):
    organiser, edition, selection, jury = world
    everyone = nominations(edition, "submitted")
    panel_decide(
        actor=organiser,
        panel=selection,
        decision="long_list",
        chosen=everyone[:4],
        notes="Vier sterke inzendingen",
    )
    assert list(stages(edition).values()).count("not_selected") == 1
    assert "Kies maximaal 3" in refusal(
        lambda: panel_decide(
            actor=organiser,
            panel=selection,
            decision="top_ten",
            chosen=nominations(edition, "long_list"),
        )
    )
    top = nominations(edition, "long_list")[:3]
    panel_decide(actor=organiser, panel=selection, decision="top_ten", chosen=top)
    outside = nominations(edition, "not_selected")[0]
    message = refusal(
        lambda: panel_decide(
            actor=organiser, panel=jury, decision="finalist", chosen=[top[0], outside]
        )
    )
    assert outside.owner.name in message and "Top tien" in message
    assert "neemt dit besluit niet" in refusal(
        lambda: panel_decide(actor=organiser, panel=selection, decision="finalist", chosen=top[:2])
    )
    panel_decide(actor=organiser, panel=jury, decision="finalist", chosen=top[:2])
    finalists = nominations(edition, "finalist")
    assert len(finalists) == 2
    panel_decide(
        actor=organiser, panel=jury, decision="winner", chosen=finalists[:1], notes="Unaniem"
    )
    result = stages(edition)
    assert list(result.values()).count("winner") == 1
    assert list(result.values()).count("finalist") == 1  # the other finalist stays one
    assert list(result.values()).count("not_selected") == 3
    assert PanelDecision.objects.count() == 4
    assert "al vastgelegd" in refusal(
        lambda: panel_decide(actor=organiser, panel=jury, decision="winner", chosen=finalists[:1]),
        DuplicateError,
    )


def test_only_organisers_record_decisions(world):
    _organiser, edition, selection, _jury = world
    refusal(
        lambda: panel_decide(
            actor=UserFactory(),
            panel=selection,
            decision="long_list",
            chosen=nominations(edition, "submitted"),
        ),
        NotAllowed,
    )
    assert not PanelDecision.objects.exists()


def test_site_visits_by_the_jury_without_a_conflict(world):
    organiser, edition, selection, jury = world
    everyone = nominations(edition, "submitted")
    panel_decide(actor=organiser, panel=selection, decision="long_list", chosen=everyone)
    panel_decide(actor=organiser, panel=selection, decision="top_ten", chosen=everyone[:3])
    panel_decide(actor=organiser, panel=jury, decision="finalist", chosen=everyone[:2])
    finalist = Nomination.objects.get(pk=everyone[0].pk)
    juror, insider = UserFactory(), member(finalist.owner)
    panel_member_add(actor=organiser, panel=jury, user=juror)
    panel_member_add(actor=organiser, panel=jury, user=insider)
    assert (
        "alleen finalisten"
        in refusal(
            lambda: site_visit_save(
                actor=juror,
                nomination=Nomination.objects.get(pk=everyone[4].pk),
                visited_on=DAY,
                findings="x",
            )
        ).lower()
    )
    assert "belangenconflict" in refusal(
        lambda: site_visit_save(actor=insider, nomination=finalist, visited_on=DAY, findings="x"),
        NotAllowed,
    )
    refusal(
        lambda: site_visit_save(
            actor=UserFactory(), nomination=finalist, visited_on=DAY, findings="x"
        ),
        NotAllowed,
    )
    visit = site_visit_save(
        actor=juror,
        nomination=finalist,
        visited_on=DAY,
        findings="Medewerkers vertellen zelf over de aanpak.",
    )
    finalist = Nomination.objects.get(pk=finalist.pk)
    assert site_visit_of(user=juror, nomination=finalist) == visit
    assert site_visit_of(user=organiser, nomination=finalist) == visit
    assert site_visit_of(user=insider, nomination=finalist) is None
    assert site_visit_of(user=UserFactory(), nomination=finalist) is None
