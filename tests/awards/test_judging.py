"""Judging: panels, the conflict-of-interest block (own organisation, declared relation),
recusal, scorecards on the edition's scale, who reads which scores, the consensus view and
the progress per judge."""

import pytest
from django.utils import translation

from proeftuin.awards.models import Nomination, Scorecard
from proeftuin.awards.selectors_judging import consensus, judge_progress
from proeftuin.awards.services_judging import (
    panel_get_or_create,
    panel_member_add,
    panel_member_remove,
    recuse,
    scorecard_save,
)
from proeftuin.awards.services_nominations import (
    nomination_create,
    submission_save,
    submission_submit,
)
from proeftuin.core.service import NotAllowed, ValidationFailed
from proeftuin.funding.conflicts import conflict_declare
from tests.awards.factories import make_competition, make_edition, member
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def refusal(call, error=ValidationFailed) -> str:
    with translation.override("nl"), pytest.raises(error) as caught:
        call()
    exc = caught.value
    return " ".join([str(exc.message), *(str(m) for ms in exc.field_errors.values() for m in ms)])


@pytest.fixture
def world():
    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]))
    nominees = [OrganisationFactory(), OrganisationFactory()]
    nominations = []
    for organisation in nominees:
        editor = member(organisation)
        n = nomination_create(
            actor=editor, edition=edition, organisation=organisation, source="self"
        )
        submission_save(
            actor=editor, nomination=n, answers={c.pk: "Tekst" for c in edition.criteria.all()}
        )
        submission_submit(actor=editor, nomination=Nomination.objects.get(pk=n.pk))
        nominations.append(Nomination.objects.get(pk=n.pk))
    panel = panel_get_or_create(actor=organiser, edition=edition, kind="selection")
    judges = [UserFactory(), UserFactory(), member(nominees[0])]
    for index, judge in enumerate(judges):
        panel_member_add(actor=organiser, panel=panel, user=judge, chair=index == 0)
    return organiser, edition, nominations, panel, judges


def full(edition, value=7):
    return {c.pk: (value, "") for c in edition.criteria.all()}


def test_a_judge_from_the_nominees_organisation_or_with_a_declared_relation_is_blocked(world):
    _organiser, edition, (first, second), panel, (chair, judge, insider) = world
    message = refusal(
        lambda: scorecard_save(
            actor=insider, panel=panel, nomination=first, step="submission", scores=full(edition)
        ),
        NotAllowed,
    )
    assert "belangenconflict" in message and "eigen organisatie" in message
    conflict_declare(actor=judge, organisation=second.owner, reason="Oud-collega van de directeur")
    assert "Oud-collega" in refusal(
        lambda: scorecard_save(
            actor=judge, panel=panel, nomination=second, step="submission", scores=full(edition)
        ),
        NotAllowed,
    )
    assert not Scorecard.objects.exists()
    progress = {row["judge"]: row for row in judge_progress(panel=panel, step="submission")}
    assert (progress[insider]["to_score"], progress[insider]["blocked"]) == (1, 1)
    assert (progress[judge]["to_score"], progress[judge]["blocked"]) == (1, 1)
    assert (progress[chair]["to_score"], progress[chair]["blocked"]) == (2, 0)


def test_scores_on_the_scale_and_every_criterion_to_submit(world):
    _organiser, edition, (first, _second), panel, (chair, _judge, _insider) = world
    criterion = edition.criteria.first()
    assert "tussen 1 en 10" in refusal(
        lambda: scorecard_save(
            actor=chair,
            panel=panel,
            nomination=first,
            step="submission",
            scores={criterion.pk: (11, "")},
        )
    )
    card = scorecard_save(
        actor=chair,
        panel=panel,
        nomination=first,
        step="submission",
        scores={criterion.pk: (8, "Sterk")},
    )
    assert not card.submitted_at and card.scores.get().value == 8
    assert "Beoordeel het criterium" in refusal(
        lambda: scorecard_save(
            actor=chair,
            panel=panel,
            nomination=first,
            step="submission",
            scores={criterion.pk: (8, "")},
            submit=True,
        )
    )
    scorecard_save(
        actor=chair,
        panel=panel,
        nomination=first,
        step="submission",
        scores=full(edition),
        submit=True,
    )
    assert "kunnen niet meer veranderen" in refusal(
        lambda: scorecard_save(
            actor=chair, panel=panel, nomination=first, step="submission", scores=full(edition, 2)
        ),
        NotAllowed,
    )


def test_only_the_panel_scores_and_only_the_steps_it_judges(world):
    _organiser, edition, (first, _second), panel, (chair, _judge, _insider) = world
    assert "leden van het panel" in refusal(
        lambda: scorecard_save(
            actor=UserFactory(),
            panel=panel,
            nomination=first,
            step="submission",
            scores=full(edition),
        ),
        NotAllowed,
    )
    assert "beoordeelt deze stap niet" in refusal(
        lambda: scorecard_save(
            actor=chair, panel=panel, nomination=first, step="pitch", scores=full(edition)
        ),
        NotAllowed,
    )


def test_a_recused_judge_no_longer_scores(world):
    _organiser, edition, (first, _second), panel, (_chair, judge, _insider) = world
    recuse(actor=judge, panel=panel, nomination=first, reason="Ik adviseerde hen vorig jaar")
    assert "teruggetrokken" in refusal(
        lambda: scorecard_save(
            actor=judge, panel=panel, nomination=first, step="submission", scores=full(edition)
        ),
        NotAllowed,
    )


def test_who_reads_which_scores_and_the_consensus(world):
    organiser, edition, (_first, second), panel, (chair, judge, insider) = world
    scorecard_save(
        actor=chair,
        panel=panel,
        nomination=second,
        step="submission",
        scores=full(edition, 9),
        submit=True,
    )
    own = lambda user: set(Scorecard.objects.visible_to(user))  # noqa: E731
    assert own(judge) == set() and own(insider) == set() and own(UserFactory()) == set()
    assert len(own(organiser)) == 1 and len(own(chair)) == 1
    scorecard_save(
        actor=judge, panel=panel, nomination=second, step="submission", scores=full(edition, 3)
    )
    assert len(own(judge)) == 1  # only their own draft until it is submitted
    scorecard_save(
        actor=judge,
        panel=panel,
        nomination=second,
        step="submission",
        scores=full(edition, 3),
        submit=True,
    )
    assert len(own(judge)) == 2
    view = consensus(user=organiser, panel=panel, nomination=second, step="submission")
    assert [s.scores for s in view.criteria] == [[9, 3], [9, 3]]
    assert view.weighted_mean == 6 and view.disagreements == ["Innovatie", "Impact"]
    assert consensus(user=insider, panel=panel, nomination=second, step="submission").cards == []


def test_a_judge_with_submitted_scores_stays_on_the_panel(world):
    organiser, edition, (first, _second), panel, (chair, judge, _insider) = world
    scorecard_save(
        actor=chair,
        panel=panel,
        nomination=first,
        step="submission",
        scores=full(edition),
        submit=True,
    )
    assert "blijft in het panel" in refusal(
        lambda: panel_member_remove(actor=organiser, panel=panel, user=chair)
    )
    panel_member_remove(actor=organiser, panel=panel, user=judge)
    assert not panel.members.filter(pk=judge.pk).exists()
    refusal(lambda: panel_member_add(actor=judge, panel=panel, user=judge), NotAllowed)
