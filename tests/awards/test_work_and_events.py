"""Notifications and "Mijn werk" of the awards: consent asked, submissions to write,
scores to give (never a nomination the judge is conflicted on), steps of a nomination."""

import pytest

from proeftuin.accounts.models import Role, User
from proeftuin.awards.models import Nomination
from proeftuin.awards.services_judging import (
    panel_get_or_create,
    panel_member_add,
    scorecard_save,
)
from proeftuin.awards.services_nominations import (
    consent_decide,
    contact_add,
    nomination_create,
    submission_save,
    submission_submit,
)
from proeftuin.core.service import work_for
from proeftuin.notifications.service import Notification
from tests.awards.factories import make_competition, make_edition, member
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def sections(user) -> dict:
    """As a new request sees it (a fresh user object: roles and nominations are kept on it)."""
    return {s.key: s for s in work_for(User.objects.get(pk=user.pk))}


def test_from_consent_to_scores(django_capture_on_commit_callbacks):
    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]))
    nominee, other = OrganisationFactory(), OrganisationFactory()
    editor, viewer = member(nominee), member(nominee, Role.VIEWER)
    nomination = nomination_create(
        actor=UserFactory(), edition=edition, organisation=nominee, source="other", motivation="x"
    )
    asked = Notification.objects.filter(event="awards.consent_asked")
    assert [n.recipient for n in asked] == [editor]
    assert sections(editor)["awards-consent"].count == 1
    assert "awards-consent" not in sections(viewer)
    consent_decide(actor=editor, nomination=nomination, give=True)
    colleague = member(nominee, Role.CONTRIBUTOR)
    contact_add(actor=editor, nomination=Nomination.objects.get(pk=nomination.pk), user=colleague)
    mine = sections(editor)
    assert "awards-consent" not in mine and mine["awards-submissions"].count == 1
    criteria = {c.pk: "Tekst" for c in edition.criteria.all()}
    submission_save(
        actor=editor, nomination=Nomination.objects.get(pk=nomination.pk), answers=criteria
    )
    submission_submit(actor=editor, nomination=Nomination.objects.get(pk=nomination.pk))
    assert "awards-submissions" not in sections(editor)
    moved = Notification.objects.filter(event="awards.nomination_moved", recipient=colleague)
    assert moved.count() == 1 and "Inzending ontvangen" in moved.get().title

    panel = panel_get_or_create(actor=organiser, edition=edition, kind="selection")
    judge, insider = UserFactory(), member(nominee)
    other_entry_editor = member(other)
    entry = nomination_create(
        actor=other_entry_editor, edition=edition, organisation=other, source="self"
    )
    submission_save(actor=other_entry_editor, nomination=entry, answers=criteria)
    submission_submit(actor=other_entry_editor, nomination=Nomination.objects.get(pk=entry.pk))
    for person in (judge, insider):
        panel_member_add(actor=organiser, panel=panel, user=person)
    assert Notification.objects.filter(event="awards.panel_member", recipient=judge).exists()
    assert sections(judge)["awards-scoring"].count == 2
    assert sections(insider)["awards-scoring"].count == 1  # not their own organisation
    scorecard_save(
        actor=judge,
        panel=panel,
        nomination=Nomination.objects.get(pk=entry.pk),
        step="submission",
        scores={pk: (7, "") for pk in criteria},
        submit=True,
    )
    assert sections(judge)["awards-scoring"].count == 1
