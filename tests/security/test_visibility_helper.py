"""The visibility helper (``visibility.py``) can fail: a page that shows too much, one
that shows too little, a wrong count and a record page for everyone are all reported; and
its standard table agrees with core.editorial's rule."""

import pytest

from proeftuin.cases.models import Case
from tests.security.modules import CASES
from tests.security.visibility import EDITORIAL_LEVELS, Module, counting, detail, listing
from tests.security.world import ACTORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaky(settings):
    settings.ROOT_URLCONF = "tests.security.leaky_urls"


def _problems(world, client_for, actor, *routes):
    module = Module("case", CASES.marker_prefix, CASES.search_word, CASES.create, routes)
    return [p for probe in module.probes() for p in probe.run(world, client_for(actor), actor)]


def test_a_page_showing_too_much_is_a_leak(world, client_for, leaky):
    problems = _problems(world, client_for, "anonymous", listing("x", url="/alles/"))
    assert problems == [f"/alles/: case {key}" for key in ("org", "draft", "private")]
    assert not _problems(world, client_for, "a_editor", listing("x", url="/alles/"))


def test_a_page_showing_too_little_fails_the_positive_control(world, client_for, leaky):
    problems = _problems(world, client_for, "a_viewer", listing("x", url="/niets/"))
    assert problems == ["/niets/: case org not shown", "/niets/: case pub not shown"]


def test_a_wrong_count_is_reported(world, client_for, leaky):
    route = counting("x", url="/niets/", count=lambda body: 4)
    assert _problems(world, client_for, "b_editor", route) == ["/niets/: count 4 != 1"]
    assert not _problems(world, client_for, "platform_admin", route)


def test_a_record_page_open_to_everyone_is_reported(world, client_for, leaky):
    route = detail("x", url=lambda w, case: f"/casus/{case.slug}/")
    problems = _problems(world, client_for, "revoked", route)
    assert len(problems) == 6  # status 200 and the marker, for each of three cases
    assert any("status 200 for an invisible private" in p for p in problems)


@pytest.mark.parametrize("actor", ACTORS)
def test_the_standard_table_is_the_editorial_rule(world, actor):
    """What the table expects each actor to see is what ``editorial_rule()`` gives."""
    visible = Case.objects.visible_to(world.user(actor))
    seen = {key for key, case in world.cases.items() if visible.filter(pk=case.pk).exists()}
    assert seen == world.visible(actor, CASES)
    assert CASES.levels == EDITORIAL_LEVELS
