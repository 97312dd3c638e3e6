"""The "Meldingen" page, the unread count in the header and "Meldingsvoorkeuren"."""

import pytest

from proeftuin.accounts.models import Membership, Role
from proeftuin.core.models import AuditEntry
from proeftuin.notifications.events import events
from proeftuin.notifications.models import Notification, NotificationPreference
from proeftuin.notifications.service import notify
from tests.factories import OrganisationFactory, UserFactory, make_case
from tests.notification_support import CASE_CHANGED, DIGESTED

pytestmark = pytest.mark.django_db


def _notify(user, title="Casus gewijzigd", **extra):
    return notify(recipients=[user], event=CASE_CHANGED, title=title, url="/casussen/", **extra)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in ("/meldingen/", "/meldingen/voorkeuren/"):
        response = client.get(url)
        assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_the_list_shows_ones_own_notifications_only(client):
    me, other = UserFactory(), UserFactory()
    _notify(me, title="Mijn melding")
    _notify(other, title="Andermans melding")
    client.force_login(me)
    page = client.get("/meldingen/").content.decode()
    assert "Mijn melding" in page and "Andermans melding" not in page
    assert "1 ongelezen melding." in page


def test_the_header_says_how_many_are_unread_in_text(client):
    me = UserFactory()
    client.force_login(me)
    assert "Meldingen (" not in client.get("/casussen/").content.decode()
    _notify(me)
    _notify(me)
    page = client.get("/casussen/").content.decode()
    assert 'href="/meldingen/">Meldingen (2 ongelezen)</a>' in page


def test_mark_one_read_and_all_read(client):
    me = UserFactory()
    (first,) = _notify(me, title="Eerste")
    _notify(me, title="Tweede")
    client.force_login(me)
    response = client.post(f"/meldingen/{first.uuid}/gelezen/", {"pagina": "1"})
    assert response.status_code == 302 and response["Location"] == "/meldingen/?pagina=1"
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
    client.post("/meldingen/alles-gelezen/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert "0 ongelezen meldingen." in client.get("/meldingen/").content.decode()


def test_another_users_notification_is_not_found_and_stays_unread(client):
    (theirs,) = _notify(UserFactory())
    client.force_login(UserFactory())
    assert client.post(f"/meldingen/{theirs.uuid}/gelezen/").status_code == 404
    client.post("/meldingen/alles-gelezen/")
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_needs_a_post(client):
    me = UserFactory()
    (mine,) = _notify(me)
    client.force_login(me)
    assert client.get(f"/meldingen/{mine.uuid}/gelezen/").status_code == 405


def test_the_list_is_paginated(client):
    me = UserFactory()
    for n in range(25):
        _notify(me, title=f"Melding nummer {n:02d}")
    client.force_login(me)
    first = client.get("/meldingen/").content.decode()
    second = client.get("/meldingen/?pagina=2").content.decode()
    assert "Melding nummer 24" in first and "Melding nummer 04" not in first
    assert "Melding nummer 04" in second and "Pagina 2 van 2" in second


def test_the_list_hides_what_the_user_may_no_longer_see(client, make_member):
    org = OrganisationFactory()
    case = make_case(organisations=[org], visibility="organisation", title="Geheime proef")
    member = make_member(org, Role.VIEWER)
    _notify(member, title="Geheime proef gewijzigd", subject=case)
    Membership.objects.filter(user=member).delete()
    client.force_login(member)
    page = client.get("/meldingen/").content.decode()
    assert "Geheime proef" not in page
    assert "iets dat u niet meer kunt zien" in page


def test_preferences_are_saved_and_used(client):
    me = UserFactory()
    client.force_login(me)
    page = client.get("/meldingen/voorkeuren/").content.decode()
    assert "Een casus is gewijzigd" in page and "in een dagelijkse samenvatting" in page
    # what the browser sends: every registered event's choice, then the ones changed
    data = {f"{e.key}__email": e.email for e in events}
    data |= {f"{e.key}__platform": "on" for e in events if e.in_platform}
    data.pop(f"{CASE_CHANGED}__platform", None)
    data |= {
        f"{CASE_CHANGED}__email": "immediately",
        f"{DIGESTED}__platform": "on",
        f"{DIGESTED}__email": "never",
    }
    response = client.post("/meldingen/voorkeuren/", data)
    assert response.status_code == 302
    stored = NotificationPreference.objects.get(user=me, event=CASE_CHANGED)
    assert (stored.in_platform, stored.email) == (False, "immediately")
    (row,) = _notify(me)
    assert (row.in_platform, row.email) == (False, "immediately")
    assert "Casus gewijzigd" not in client.get("/meldingen/").content.decode()
    assert AuditEntry.objects.filter(actor=me, action="update").exists()


def test_a_wrong_choice_is_refused_with_a_message(client):
    me = UserFactory()
    client.force_login(me)
    response = client.post("/meldingen/voorkeuren/", {f"{CASE_CHANGED}__email": "hourly"})
    assert response.status_code == 200
    assert not NotificationPreference.objects.exists()
