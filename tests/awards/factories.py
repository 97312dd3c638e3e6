"""Awards test data: a competition of a programme with an organiser, an edition open for
nominations with a criteria set, nominee organisations with their members."""

from __future__ import annotations

import datetime
from importlib import import_module

from django.apps import apps
from django.utils import timezone

from proeftuin.accounts.models import Role
from proeftuin.awards.models import Competition, Criterion, Edition
from proeftuin.core.service import workflow_for
from tests.factories import MembershipFactory
from tests.funding.factories import make_programme

_counter = {"n": 0}
SHIPPED = "proeftuin.awards.migrations.0002_default_award_workflow"


def _next() -> int:
    _counter["n"] += 1
    return _counter["n"]


def award_workflow():
    """The shipped default (a transactional test elsewhere may have emptied the tables)."""
    import_module(SHIPPED).create(apps, None)
    return workflow_for("award", None)


def make_competition(*, organisers=(), visibility="public") -> Competition:
    n = _next()
    programme = make_programme(managers=organisers, visibility=visibility)
    return Competition.objects.create(programme=programme, name=f"Prijs {n}", slug=f"prijs-{n}")


def make_edition(competition=None, *, criteria=("Innovatie", "Impact"), **fields) -> Edition:
    competition = competition or make_competition()
    now = timezone.now()
    values = {
        "year": 2000 + _next() % 100,
        "title": "Editie",
        "nominations_open": now - datetime.timedelta(days=1),
        "nominations_close": now + datetime.timedelta(days=10),
        "submissions_close": now + datetime.timedelta(days=20),
        "published": True,
        **fields,
    }
    values["slug"] = values.get("slug") or f"editie-{_next()}"
    edition = Edition.objects.create(competition=competition, workflow=award_workflow(), **values)
    for order, name in enumerate(criteria):
        Criterion.objects.create(edition=edition, name=name, weight=1, order=order)
    return edition


def member(organisation, role=Role.EDITOR):
    return MembershipFactory(organisation=organisation, role=role).user


def make_submitted(edition, organisation=None):
    """A self-nomination of ``organisation`` (a new one by default) whose submission, a
    text per criterion, is sent in; returns it fresh from the database."""
    from proeftuin.awards.models import Nomination
    from proeftuin.awards.services_nominations import (
        nomination_create,
        submission_save,
        submission_submit,
    )
    from tests.factories import OrganisationFactory

    organisation = organisation or OrganisationFactory()
    editor = member(organisation)
    nomination = nomination_create(
        actor=editor, edition=edition, organisation=organisation, source="self"
    )
    answers = {c.pk: f"Tekst van {organisation.name}" for c in edition.criteria.all()}
    submission_save(actor=editor, nomination=nomination, answers=answers)
    submission_submit(actor=editor, nomination=Nomination.objects.get(pk=nomination.pk))
    return Nomination.objects.get(pk=nomination.pk)
