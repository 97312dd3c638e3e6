"""The demo barrier register loads through the register's services: barriers shared by
cases and initiatives of several organisations, one resolved, one assumed rather than real,
and loading twice changes nothing."""

import pytest

from proeftuin.barriers.models import Barrier, BarrierLink
from proeftuin.demo.accounts import create_demo_accounts
from proeftuin.demo.barriers import load_barriers
from proeftuin.demo.loader import load_demo
from proeftuin.demo.portfolio import load_portfolio

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    load_demo()
    create_demo_accounts()
    load_portfolio()
    return load_barriers()


def test_barriers_are_shared_by_several_organisations(register):
    assert register == 5
    shared = [
        b
        for b in Barrier.objects.all()
        if BarrierLink.objects.filter(barrier=b, status="confirmed")
        .values("organisation")
        .distinct()
        .count()
        >= 2
    ]
    assert len(shared) >= 3
    assert BarrierLink.objects.filter(initiative__isnull=False).count() >= 3


def test_one_resolved_and_one_assumed(register):
    resolved = Barrier.objects.get(state="resolved")
    assumed = Barrier.objects.get(state="assumed")
    assert resolved.resolution and assumed.resolution
    assert assumed.category == "privacy"


def test_loading_twice_changes_nothing(register):
    assert load_barriers() == 0
    assert Barrier.objects.count() == 5
