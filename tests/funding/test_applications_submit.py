"""Submitting: dates, texts, required questions and every rule at once (one message each),
submitted_at once, the prior cases attached; withdrawing with a reason; who sees drafts."""

import datetime

import pytest
from django.utils import timezone, translation

from proeftuin.core.service import NotAllowed, ValidationFailed
from proeftuin.funding.models import Application
from proeftuin.funding.services_applications import application_save, application_start
from proeftuin.funding.services_applications_submit import (
    application_check_prior,
    application_submit,
    application_withdraw,
)
from proeftuin.notifications.models import Notification
from tests.funding.apply_support import build_world, complete_application
from tests.search_support import indexed_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return build_world()


def problems(excinfo) -> dict:
    return {k: [str(m) for m in v] for k, v in excinfo.value.field_errors.items()}


def test_a_complete_application_is_submitted_and_announced(w):
    app = complete_application(w)
    app = application_submit(actor=w.applicant, application=app)
    assert app.stage.key == "submitted" and app.submitted_at is not None
    assert app.prior_checked_at is not None and app.version > 1
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {w.manager.username, w.screener.username}


def test_an_empty_draft_gets_every_problem_at_once(w):
    app = application_start(actor=w.applicant, round=w.round, owner=w.lead, title="Leeg")
    with translation.override("nl"), pytest.raises(ValidationFailed) as exc:
        application_submit(actor=w.applicant, application=app)
    found = problems(exc)
    assert {"problem", "idea", "answers.motivation", "answers.plan", "rules"} <= set(found)
    assert len(found["rules"]) == 3  # max amount, co-financing, government bodies: one each
    app.refresh_from_db()
    assert app.stage.key == "draft" and app.submitted_at is None


def test_amount_above_the_maximum_is_refused_in_dutch(w):
    app = complete_application(w, amount_requested="150000", total_cost="400000")
    with translation.override("nl"), pytest.raises(ValidationFailed) as exc:
        application_submit(actor=w.applicant, application=app)
    (message,) = problems(exc)["rules"]
    assert "Er kan ten hoogste" in message or "hoogste" in message
    assert Application.objects.get().stage.key == "draft"


def test_co_financing_below_the_rule_is_refused(w):
    app = complete_application(w, amount_requested="45000", total_cost="50000")
    with translation.override("nl"), pytest.raises(ValidationFailed) as exc:
        application_submit(actor=w.applicant, application=app)
    (message,) = problems(exc)["rules"]
    assert "25" in message and "10" in message


def test_the_lead_as_only_government_body_fails_the_rule(w):
    app = complete_application(w)
    app.partners.all().delete()
    with pytest.raises(ValidationFailed) as exc:
        application_submit(actor=w.applicant, application=app)
    assert len(problems(exc)["rules"]) == 1


def test_no_submit_after_the_deadline(w):
    app = complete_application(w)
    w.round.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    w.round.save()
    app.refresh_from_db()
    with translation.override("nl"), pytest.raises(ValidationFailed) as exc:
        application_submit(actor=w.applicant, application=app)
    assert "deadline" in str(exc.value.message).lower()
    assert "round" in exc.value.field_errors
    assert Application.objects.get().submitted_at is None


def test_only_applicants_submit_and_an_old_version_conflicts(w):
    app = complete_application(w)
    with pytest.raises(NotAllowed):
        application_submit(actor=w.colleague, application=app)
    from proeftuin.core.service import ConflictError

    with pytest.raises(ConflictError):
        application_submit(actor=w.applicant, application=app, expected_version=1)


def test_prior_cases_are_kept_with_title_url_and_similarity(w):
    case = indexed_case(
        title="Waterstofbus voor ouderen",
        summary="Een buurtbus op waterstof voor ouderen op het platteland.",
    )
    app = complete_application(
        w, idea="Een waterstofbus die ouderen op het platteland naar de dokter brengt."
    )
    app = application_check_prior(actor=w.applicant, application=app)
    assert [c["title"] for c in app.prior_cases] == [case.title]
    assert app.prior_cases[0]["url"].endswith(f"/{case.slug}/")
    assert "similarity" in app.prior_cases[0]
    app = application_submit(actor=w.applicant, application=app)
    assert app.prior_cases[0]["title"] == case.title


def test_withdraw_needs_a_reason_and_an_applicant(w):
    app = complete_application(w)
    app = application_submit(actor=w.applicant, application=app)
    with pytest.raises(NotAllowed):
        application_withdraw(actor=w.manager, application=app, reason="Weg")
    with pytest.raises(ValidationFailed):
        application_withdraw(actor=w.applicant, application=app, reason=" ")
    app = application_withdraw(actor=w.applicant, application=app, reason="Geen capaciteit")
    assert app.stage.key == "withdrawn"


def test_an_applicant_never_sees_another_applicants_draft(w):
    mine = complete_application(w)
    other = application_start(actor=w.rival, round=w.round, owner=w.rival_org, title="Rivaal")
    visible = Application.objects.visible_to
    assert set(visible(w.applicant)) == {mine}
    assert set(visible(w.rival)) == {other}
    assert not visible(w.manager).exists() and not visible(w.screener).exists()
    application_submit(actor=w.applicant, application=mine)
    assert set(visible(w.screener)) == {mine}
    assert set(visible(w.rival)) == {other}


def test_submitted_application_can_no_longer_be_edited(w):
    app = application_submit(actor=w.applicant, application=complete_application(w))
    with pytest.raises(NotAllowed):
        application_save(actor=w.applicant, application=app, problem="Later")


def test_a_two_stage_round_submits_a_sketch_without_the_rules(db):
    w = build_world(two_stage=True)
    app = application_start(actor=w.applicant, round=w.round, owner=w.lead, title="Schets")
    assert app.stage.key == "sketch"
    app = application_save(
        actor=w.applicant,
        application=app,
        problem="Wachten duurt te lang.",
        idea="Een klantreis.",
        answers={"motivation": "Nu."},
    )
    from proeftuin.funding.models import FormQuestion

    FormQuestion.objects.filter(round=w.round, key="plan").update(phase="full")
    app = application_submit(actor=w.applicant, application=app)
    assert app.stage.key == "sketch_submitted" and app.submitted_at is not None
