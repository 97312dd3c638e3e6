"""The demo library loads through the services, is idempotent, and holds its ground truth."""

import pytest

from proeftuin.cases.models import Case, Citation, Lesson
from proeftuin.demo.loader import load_demo, read_fixtures
from proeftuin.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_demo_loads_the_casebook_finalists_and_inaxis_experiments():
    report = load_demo()
    assert report.cases == Case.objects.count() == 17
    finalists = Case.objects.filter(
        recognitions__kind="finalist", recognitions__name__icontains="Beste Overheidsorganisatie"
    )
    assert finalists.distinct().count() == 13
    six_step = Case.objects.filter(theme_set__key="six-step")
    assert six_step.count() == 4
    assert Lesson.objects.filter(case__in=six_step, kind__in=["worked", "did_not_work"]).exists()


def test_demo_load_is_idempotent():
    load_demo()
    counts = (Organisation.objects.count(), Case.objects.count(), Citation.objects.count())
    load_demo()
    assert (Organisation.objects.count(), Case.objects.count(), Citation.objects.count()) == counts


def test_fixture_facts_match_the_registry():
    load_demo()
    hhnk = Organisation.objects.get(name__icontains="Hollands Noorderkwartier")
    assert (hhnk.staff_exact, hhnk.organisation_type) == (835, "water_board")
    for chunk in read_fixtures():
        for spec in chunk["cases"]:
            assert Case.objects.filter(title=spec["title"]).exists()


def test_demo_accounts_get_roles_and_fresh_passwords(settings, tmp_path):
    from proeftuin.accounts.models import Membership, User
    from proeftuin.demo.accounts import create_demo_accounts

    settings.DATA_DIR = tmp_path
    load_demo()
    first = {a.username: a.password for a in create_demo_accounts()}
    second = {a.username: a.password for a in create_demo_accounts()}
    assert first.keys() == second.keys() and all(first[k] != second[k] for k in first)
    editor = User.objects.get(username="redacteur-hhnk")
    assert editor.check_password(second["redacteur-hhnk"])
    assert Membership.objects.get(user=editor).role == 30
    assert User.objects.get(username="beheerder").is_platform_admin
    assert "redacteur-hhnk" in (tmp_path / "demo-accounts.txt").read_text()


def test_demo_has_one_programme_over_the_demo_organisations():
    from proeftuin.organisations.models import Programme

    report = load_demo()
    load_demo()
    programme = Programme.objects.get()
    assert programme.name == "Rijksprogramma Innovatiekracht"
    assert programme.members.count() == report.organisations
