"""Notifications in the hostile-user world: the one about A's private draft reached only
A's editor, although the revoked author, B's editor, A's viewer and a deactivated editor
were named too."""

import pytest

from proeftuin.notifications.models import Notification
from tests.security.world import NOTIFICATION_MARKER

pytestmark = pytest.mark.django_db


def test_only_who_may_see_the_subject_was_notified(world):
    rows = Notification.objects.filter(title__contains=NOTIFICATION_MARKER)
    assert [n.recipient for n in rows] == [world.users["a_editor"]]


def test_the_header_count_is_ones_own(world, client_for):
    mine = client_for("a_editor").get("/casussen/").content.decode()
    assert "Meldingen (1 ongelezen)" in mine
    for actor in ("a_admin", "platform_admin", "b_editor"):
        assert "ongelezen)" not in client_for(actor).get("/casussen/").content.decode()
