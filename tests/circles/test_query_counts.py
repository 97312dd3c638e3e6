"""The group list and a group's page take as many queries for many members, meetings and
questions as for few."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from proeftuin.accounts.models import Role
from proeftuin.circles import services, services_meetings


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(circle, host, other, make_member, n: int) -> None:
    for i in range(n):
        user = make_member(other, Role.VIEWER)
        invitation = services.invite(actor=host, circle=circle, user=user)
        services.invitation_answer(actor=user, invitation=invitation, accept=True)
        services_meetings.meeting_create(
            actor=host, circle=circle, title=f"Bijeenkomst {i}", date=datetime.date(2026, 1, i + 1)
        )
        services_meetings.question_ask(actor=host, circle=circle, title=f"Vraag {i}")


def test_a_groups_page_and_the_list_take_a_constant_number_of_queries(
    client, circle, host, other, make_member, pilot
):
    client.force_login(host)
    small = [_queries(client, f"/groepen/{circle.uuid}/"), _queries(client, "/groepen/")]
    _grow(circle, host, other, make_member, 6)
    services.circle_create(actor=host, innovation=pilot, title="Tweede", kind="learning_circle")
    big = [_queries(client, f"/groepen/{circle.uuid}/"), _queries(client, "/groepen/")]
    assert big == small
