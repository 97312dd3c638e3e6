"""Screening: start, eligible (to review) or not (rejected) with reasons, more information
asked (the applicants are told, answer and resubmit)."""

import pytest

from proeftuin.core.service import ConflictError, NotAllowed, ValidationFailed
from proeftuin.funding.services_applications import application_save
from proeftuin.funding.services_applications_submit import application_submit
from proeftuin.funding.services_screening import (
    screening_decide,
    screening_request_info,
    screening_start,
)
from proeftuin.notifications.models import Notification
from tests.funding.apply_support import build_world, complete_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return build_world()


@pytest.fixture
def submitted(w):
    return application_submit(actor=w.applicant, application=complete_application(w))


def test_screeners_find_an_application_eligible_with_reasons(w, submitted):
    with pytest.raises(NotAllowed):
        screening_start(actor=w.applicant, application=submitted)
    app = screening_start(actor=w.screener, application=submitted)
    with pytest.raises(ValidationFailed) as exc:
        screening_decide(actor=w.screener, application=app, eligible=True, reasons=" ")
    assert "reasons" in exc.value.field_errors
    app = screening_decide(actor=w.screener, application=app, eligible=True, reasons="Compleet")
    assert app.stage.key == "in_review" and app.screening_note == "Compleet"
    assert Notification.objects.filter(recipient=w.applicant).exists()


def test_managers_reject_an_ineligible_application(w, submitted):
    app = screening_start(actor=w.manager, application=submitted)
    app = screening_decide(
        actor=w.manager, application=app, eligible=False, reasons="Geen overheid"
    )
    assert app.stage.key == "rejected" and app.screening_note == "Geen overheid"


def test_more_information_goes_back_to_the_applicants(w, submitted):
    app = screening_start(actor=w.screener, application=submitted)
    stale_version = app.version
    app = screening_request_info(actor=w.screener, application=app, question="Welke wijk?")
    assert app.stage.key == "more_info" and app.info_request == "Welke wijk?"
    told = Notification.objects.filter(recipient=w.applicant, event="funding.info_requested")
    assert told.exists()
    with pytest.raises(ConflictError):
        screening_decide(
            actor=w.screener,
            application=app,
            eligible=True,
            reasons="x",
            expected_version=stale_version,
        )
    # the applicants complete it and resubmit with an answer
    app = application_save(actor=w.applicant, application=app, idea="Eerst in Noord.")
    first = app.submitted_at
    with pytest.raises(ValidationFailed) as exc:
        application_submit(actor=w.applicant, application=app)
    assert "answer" in exc.value.field_errors
    app = application_submit(actor=w.applicant, application=app, answer="Noord")
    assert app.stage.key == "submitted" and app.submitted_at == first


def test_a_question_is_required_and_only_from_screening(w, submitted):
    with pytest.raises(NotAllowed):
        screening_request_info(actor=w.screener, application=submitted, question="Waarom?")
    app = screening_start(actor=w.screener, application=submitted)
    with pytest.raises(ValidationFailed):
        screening_request_info(actor=w.screener, application=app, question="")
