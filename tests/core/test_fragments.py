"""Cached fragments follow every change and never cross from one user to another."""

import pytest

from proeftuin.accounts.models import Role
from proeftuin.cases.services import case_update
from proeftuin.organisations.services import organisation_update
from tests.factories import OrganisationFactory, make_case

pytestmark = pytest.mark.django_db


def test_anonymous_pages_follow_case_and_organisation_changes(client):
    org = OrganisationFactory(name="Gemeente Oud")
    case = make_case(organisations=[org], title="Eerste titel")
    assert "Eerste titel" in client.get("/casussen/").content.decode()
    assert "Gemeente Oud" in client.get(f"/casussen/{case.slug}/").content.decode()
    case_update(case=case, actor=None, title="Tweede titel")
    organisation_update(organisation=org, name="Gemeente Nieuw")
    library = client.get("/casussen/").content.decode()
    assert "Tweede titel" in library and "Eerste titel" not in library
    assert "Gemeente Nieuw" in library
    detail = client.get(f"/casussen/{case.slug}/").content.decode()
    assert "Tweede titel" in detail and "Gemeente Nieuw" in detail


def test_member_view_is_not_served_from_the_anonymous_cache(client, make_member):
    org = OrganisationFactory()
    public = make_case(organisations=[org], title="Openbaar")
    make_case(organisations=[org], title="Intern", visibility="organisation")
    anonymous = client.get("/casussen/").content.decode()
    assert "Openbaar" in anonymous and "Intern" not in anonymous
    client.force_login(make_member(org, Role.VIEWER))
    member = client.get("/casussen/").content.decode()
    assert "Intern" in member
    assert "Jan Jansen" in client.get(f"/casussen/{public.slug}/").content.decode()
    client.logout()
    assert "Intern" not in client.get("/casussen/").content.decode()
    assert "Jan Jansen" not in client.get(f"/casussen/{public.slug}/").content.decode()


def test_shared_values_are_kept_for_everyone_until_a_write_to_their_domain():
    from proeftuin.core.fragments import shared_value
    from proeftuin.core.generation import content_changed

    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert shared_value("test.value", compute, depends_on=("organisations",)) == 1
    assert shared_value("test.value", compute, depends_on=("organisations",)) == 1
    content_changed("cases")  # another domain: still kept
    assert shared_value("test.value", compute, depends_on=("organisations",)) == 1
    content_changed("organisations")
    assert shared_value("test.value", compute, depends_on=("organisations",)) == 2


def _never():
    raise AssertionError("computed again")


def test_a_value_another_request_is_computing_is_awaited_not_computed_again():
    import threading

    from django.core.cache import cache

    from proeftuin.core import fragments

    cache.add("k:computing", 1, 30)  # another request computes "k"
    threading.Timer(
        0.1, lambda: (cache.set("k", "theirs", 60), cache.delete("k:computing"))
    ).start()
    assert fragments._cached("k", _never, 60) == "theirs"


def test_a_value_is_computed_here_when_the_other_request_stops_without_one(monkeypatch):
    import threading

    from django.core.cache import cache

    from proeftuin.core import fragments

    cache.add("failed:computing", 1, 30)
    threading.Timer(0.1, lambda: cache.delete("failed:computing")).start()  # it raised
    assert fragments._cached("failed", lambda: "mine", 60) == "mine"
    cache.add("slow:computing", 1, 30)  # still busy after the wait
    monkeypatch.setattr(fragments, "WAIT_SECONDS", 0.05)
    assert fragments._cached("slow", lambda: "mine", 60) == "mine"
    assert cache.get("slow") == "mine"


def test_the_mark_goes_when_the_computation_fails():
    from django.core.cache import cache

    from proeftuin.core import fragments

    def broken():
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        fragments._cached("broken", broken, 60)
    assert cache.get("broken:computing") is None
    assert fragments._cached("broken", lambda: "later", 60) == "later"
