"""The initiative page's shared parts: rendered once for viewers with the same rights,
never shown with another viewer's rights, and fresh after every change."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proeftuin.accounts.models import Role
from proeftuin.core.service import workflow_move
from proeftuin.portfolio.models import Initiative
from proeftuin.portfolio.services import team_member_add
from proeftuin.portfolio.services_parts import kpi_save, measurement_save
from tests.factories import make_initiative

PUBLIC = {"status": "published", "visibility": "public"}


@pytest.fixture
def public(lead, editor):
    return make_initiative(lead, actor=editor, title="Open pilot", **PUBLIC)


def page(client, initiative, user=None) -> str:
    if user is not None:
        client.force_login(user)
    else:
        client.logout()
    response = client.get(f"/initiatieven/{initiative.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_editor_first_does_not_give_a_viewer_the_change_links(
    client, public, editor, make_member, lead
):
    assert "/bewerken/" in page(client, public, editor) and "Wijzigen" in page(
        client, public, editor
    )
    body = page(client, public, make_member(lead, Role.VIEWER))
    assert "/bewerken/" not in body and "Wijzigen" not in body


def test_a_member_first_does_not_give_the_public_the_team_names(client, public, editor):
    assert editor.username in page(client, public, editor)
    assert editor.username not in page(client, public)


def test_the_second_viewer_does_not_load_the_parts_again(client, public, make_member, lead):
    first, second = make_member(lead, Role.VIEWER), make_member(lead, Role.VIEWER)
    page(client, public, first)
    client.force_login(second)
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/initiatieven/{public.slug}/")
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    for part in ("portfolio_kpi", "portfolio_reflection", "portfolio_budgetline", "core_move"):
        assert part not in tables


def test_every_change_shows_at_once(client, public, editor, make_member, lead):
    assert "Doorlooptijd" not in page(client, public, editor)
    kpi = kpi_save(
        actor=editor, initiative=public, measure="Doorlooptijd", unit="days", direction="lower"
    )
    assert "Doorlooptijd" in page(client, public, editor)
    measurement_save(
        actor=editor, kpi=kpi, date=datetime.date(2026, 2, 1), value=Decimal("41"), unit="days"
    )
    assert "41 dagen" in page(client, public, editor)
    workflow_move(actor=editor, subject=public, to_stage="exploration", reason="Goed idee, verder")
    assert "Goed idee, verder" in page(client, public, editor)
    newcomer = make_member(lead, Role.CONTRIBUTOR)
    team_member_add(actor=editor, initiative=public, user=newcomer, role="team")
    assert newcomer.username in page(client, public, editor)


def test_an_admin_change_moves_the_initiatives_on(public, platform_admin, rf):
    from django.contrib import admin

    from proeftuin.core.service import content_generation
    from proeftuin.portfolio.admin import InitiativeAdmin

    class SavedForm:
        instance = public

        def save_m2m(self):
            pass

    before = content_generation("initiatives")
    request = rf.post("/beheer/")
    request.user = platform_admin
    InitiativeAdmin(Initiative, admin.site).save_related(request, SavedForm(), [], True)
    assert content_generation("initiatives") != before


def test_a_write_while_the_page_reads_the_initiative_is_not_kept_as_its_new_state(
    client, public, editor, make_member, lead, monkeypatch
):
    """The page renders its missing parts from the initiative it read; a team member added
    just after that read must not leave the old team cached under the new generation."""
    from proeftuin.portfolio import selectors

    newcomer = make_member(lead, Role.VIEWER)
    newcomer.first_name, newcomer.last_name = "Noor", "Nieuwkomer"
    newcomer.save()
    real = selectors.initiative_header

    def racing(**kwargs):
        found = real(**kwargs)
        team_member_add(actor=editor, initiative=public, user=newcomer, role="team")
        return found

    monkeypatch.setattr(selectors, "initiative_header", racing)
    assert "Noor Nieuwkomer" not in page(client, public, editor)  # as read: before the write
    monkeypatch.setattr(selectors, "initiative_header", real)
    assert "Noor Nieuwkomer" in page(client, public, editor)
