"""Applying: start (open round, member of the lead, from an initiative), save the draft
with a version check, answers per kind, partners, co-applicants and attachments."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from proeftuin.core.service import AuditEntry, ConflictError, NotAllowed, ValidationFailed
from proeftuin.funding.models import Application
from proeftuin.funding.services_applications import application_save, application_start
from proeftuin.funding.services_applications_parts import (
    attachment_add,
    attachment_remove,
    co_applicant_add,
    partner_add,
    partner_remove,
)
from tests.factories import UserFactory, make_initiative
from tests.funding.apply_support import build_world, member, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return build_world()


def start(w, **kwargs):
    values = {"actor": w.applicant, "round": w.round, "owner": w.lead, "title": "Wijkloket"}
    return application_start(**(values | kwargs))


def errors_of(excinfo) -> dict:
    return {k: [str(m) for m in v] for k, v in excinfo.value.field_errors.items()}


def test_a_member_starts_a_draft_in_an_open_round(w):
    app = start(w)
    assert app.stage.key == "draft" and app.created_by == w.applicant and app.version == 1
    assert AuditEntry.objects.filter(object_uuid=app.uuid, action="create").exists()


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"closes_at": timezone.now() - datetime.timedelta(days=1)}, "deadline"),
        (
            {
                "opens_at": timezone.now() + datetime.timedelta(days=1),
                "closes_at": timezone.now() + datetime.timedelta(days=9),
            },
            "opens on",
        ),
        ({"published": False}, "not open"),
    ],
)
def test_no_start_outside_the_open_round(w, fields, text):
    for name, value in fields.items():
        setattr(w.round, name, value)
    w.round.save()
    with pytest.raises(ValidationFailed) as exc:
        start(w)
    assert text in str(exc.value.message).lower() or "ronde" in str(exc.value.message).lower()
    assert not Application.objects.exists()


def test_only_members_of_the_lead_start(w):
    with pytest.raises(ValidationFailed) as exc:
        start(w, owner=w.rival_org)
    assert "owner" in exc.value.field_errors
    with pytest.raises(NotAllowed):
        start(w, actor=UserFactory())
    with pytest.raises(ValidationFailed):
        start(w, title="  ")
    assert not Application.objects.exists()


def test_start_from_a_visible_initiative_copies_it(w):
    initiative = make_initiative(owner=w.lead)
    initiative.intended_result = "Binnen een week een besluit."
    initiative.save()
    app = start(w, title="", initiative=initiative)
    assert app.title == initiative.title and app.problem == initiative.problem
    assert "Binnen een week" in app.idea and app.initiative == initiative


def test_start_from_an_initiative_one_may_not_see_is_refused(w):
    hidden = make_initiative(owner=w.rival_org, visibility="organisation")
    with pytest.raises(ValidationFailed) as exc:
        start(w, initiative=hidden)
    assert "initiative" in exc.value.field_errors


def test_save_checks_each_field_and_saves_nothing_on_a_bad_one(w):
    app = start(w)
    with pytest.raises(ValidationFailed) as exc:
        application_save(
            actor=w.applicant,
            application=app,
            problem="Nieuw probleem",
            amount_requested="veel",
            total_cost="-5",
            duration_months="0",
        )
    assert set(exc.value.field_errors) == {"amount_requested", "total_cost", "duration_months"}
    app.refresh_from_db()
    assert app.problem == "" and app.version == 1


def test_save_with_an_old_version_is_a_conflict(w):
    app = start(w)
    stale = Application.objects.get(pk=app.pk)
    application_save(actor=w.applicant, application=app, problem="Eerste")
    with pytest.raises(ConflictError):
        application_save(actor=w.applicant, application=stale, problem="Tweede")
    with pytest.raises(ConflictError):
        application_save(actor=w.applicant, application=app, expected_version=1, idea="x")
    app.refresh_from_db()
    assert app.problem == "Eerste" and app.version == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (TEST_DATABASE_URL)"
)
def test_two_saves_at_once_one_wins(db):
    w = build_world()
    app = start(w)
    results = []

    def save(text):
        try:
            application_save(actor=w.applicant, application=app, expected_version=1, problem=text)
            results.append("ok")
        except ConflictError:
            results.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(t,)) for t in ("Een", "Twee")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["conflict", "ok"]
    assert Application.objects.get().version == 2


def test_answers_are_checked_per_kind(w):
    app = start(w)
    bad = {
        "motivation": 12,
        "people": "veel",
        "own_money": "12.345",
        "scale": "land",
        "plan": "plan.pdf",
        "knowledge": "bestaat-niet",
        "crew": ["niemand-hier"],
        "unknown": "x",
    }
    with pytest.raises(ValidationFailed) as exc:
        application_save(actor=w.applicant, application=app, answers=bad)
    errors = errors_of(exc)
    for key in ("motivation", "people", "own_money", "scale", "plan", "knowledge", "crew"):
        assert f"answers.{key}" in errors, key
    assert "answers" in errors  # the unknown question
    app.refresh_from_db()
    assert app.answers == {}


def test_good_answers_are_stored_clean(w):
    app = start(w)
    good = {
        "motivation": "  Nu of nooit. ",
        "people": "1200",
        "own_money": "1.250,50",
        "scale": "stad",
        "knowledge": w.partner.slug,
        "crew": f"{w.colleague.username}, {w.partner_member.email}",
    }
    app = application_save(actor=w.applicant, application=app, answers=good)
    assert app.answers == {
        "motivation": "Nu of nooit.",
        "people": "1200",
        "own_money": "1250.50",
        "scale": "stad",
        "knowledge": str(w.partner.uuid),
        "crew": [str(w.colleague.uuid), str(w.partner_member.uuid)],
    }
    app = application_save(actor=w.applicant, application=app, answers={"scale": ""})
    assert "scale" not in app.answers and app.answers["people"] == "1200"


def test_the_lead_is_never_its_own_partner(w):
    app = start(w)
    with pytest.raises(ValidationFailed) as exc:
        partner_add(actor=w.applicant, application=app, organisation=w.lead)
    assert "partner" in " ".join(errors_of(exc)["organisation"]).lower() or errors_of(exc)
    partner_add(actor=w.applicant, application=app, organisation=w.partner)
    app.refresh_from_db()
    with pytest.raises(ValidationFailed):
        partner_add(actor=w.applicant, application=app, organisation=w.partner)
    partner_remove(actor=w.applicant, application=app, organisation=w.partner)
    assert not app.partners.exists()


def test_co_applicants_belong_to_the_lead_or_a_partner(w):
    app = start(w)
    with pytest.raises(ValidationFailed):
        co_applicant_add(actor=w.applicant, application=app, user=w.partner_member)
    partner_add(actor=w.applicant, application=app, organisation=w.partner)
    app.refresh_from_db()
    co_applicant_add(actor=w.applicant, application=app, user=w.partner_member)
    app.refresh_from_db()
    assert list(app.team.all()) == [w.partner_member]
    # the co-applicant may now write
    application_save(actor=w.partner_member, application=app, idea="Samen")
    with pytest.raises(NotAllowed):
        application_save(actor=w.colleague, application=app, expected_version=app.version + 1)


def test_attachments_have_limits_with_dutch_messages(w, settings):
    settings.LANGUAGE_CODE = "nl"
    from django.utils import translation

    app = start(w)
    with translation.override("nl"):
        with pytest.raises(ValidationFailed) as big:
            attachment_add(
                actor=w.applicant,
                application=app,
                question_key="plan",
                upload=pdf(size=11 * 1024 * 1024),
            )
        with pytest.raises(ValidationFailed) as kind:
            attachment_add(
                actor=w.applicant,
                application=app,
                question_key="plan",
                upload=pdf(name="virus.exe", content_type="application/x-msdownload"),
            )
        with pytest.raises(ValidationFailed) as question:
            attachment_add(
                actor=w.applicant, application=app, question_key="motivation", upload=pdf()
            )
    assert "te groot" in errors_of(big)["file"][0]
    assert "soort bestand" in errors_of(kind)["file"][0]
    assert "question" in question.value.field_errors
    attachment = attachment_add(
        actor=w.applicant, application=app, question_key="plan", upload=pdf()
    )
    assert attachment.size == 100 and attachment.file.read().startswith(b"%PDF")
    app.refresh_from_db()
    attachment_remove(actor=w.applicant, application=app, attachment=attachment)
    assert not app.attachments.exists()


def test_others_cannot_write(w):
    app = start(w)
    for outsider in (w.colleague, w.rival, w.screener, w.manager, member(w.partner)):
        with pytest.raises(NotAllowed):
            application_save(actor=outsider, application=app, problem="Overgenomen")
