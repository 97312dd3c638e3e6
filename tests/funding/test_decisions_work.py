"""What the decision part adds to "Mijn werk" and to the notifications: decisions due for
managers, obligations due for applicants (told once, a fortnight ahead)."""

import datetime

import pytest
from django.utils import timezone

from proeftuin.core.service import work_for
from proeftuin.funding.events_decide import obligations_notify
from proeftuin.funding.models import Obligation
from proeftuin.funding.services_decisions import decision_make
from proeftuin.notifications.service import Notification
from tests.funding.decide_support import make_world

pytestmark = pytest.mark.django_db


def sections(user) -> dict:
    fresh = type(user).objects.get(pk=user.pk)  # as each request has its own user
    return {s.key: s for s in work_for(fresh)}


def test_decisions_due_for_managers_only():
    world = make_world()
    world.application(title="Wacht op besluit")
    world.application(title="Nog in beoordeling", stage="in_review")
    section = sections(world.manager)["funding-decisions"]
    assert section.count == 1 and section.items[0].title == "Wacht op besluit"
    assert "funding-decisions" not in sections(world.applicant)
    assert "funding-decisions" not in sections(world.outsider)


def test_obligations_due_for_applicants_and_told_once():
    world = make_world()
    application = world.application(duration_months=6)
    decision_make(actor=world.manager, application=application, outcome="granted", amount="100")
    assert "funding-obligations" not in sections(world.applicant)  # nothing due within 30 days
    soon = timezone.localdate() + datetime.timedelta(days=10)
    first = Obligation.objects.filter(application=application).first()
    Obligation.objects.filter(pk=first.pk).update(due_on=soon)
    section = sections(world.applicant)["funding-obligations"]
    assert section.count == 1 and application.title in section.items[0].title
    assert "funding-obligations" not in sections(world.outsider)
    assert obligations_notify() == 1
    assert obligations_notify() == 0
    told = Notification.objects.filter(event="funding.obligation_due")
    assert {n.recipient for n in told} == {world.applicant, world.co_applicant}
