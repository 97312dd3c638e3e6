"""The dashboards are computed once per group of viewers who see the same initiatives and
follow every write they are built from: a move, a measurement, a stage renamed, a
programme's members, a role taken away."""

import datetime
from decimal import Decimal

import pytest

from proeftuin.accounts.models import Membership, Role
from proeftuin.accounts.services import membership_revoke, membership_set
from proeftuin.core.service import workflow_copy_default, workflow_editing, workflow_move
from proeftuin.organisations.services import programme_save
from proeftuin.portfolio import dashboard as dashboards
from proeftuin.portfolio.dashboard import dashboard_for
from proeftuin.portfolio.services import team_member_add
from proeftuin.portfolio.services_parts import kpi_save, measurement_save
from tests.factories import make_initiative

PUBLIC = {"status": "published", "visibility": "public"}


def funnel(figures) -> dict:
    chart = next(c for c in figures["charts"] if c.key == "funnel")
    return dict((row[0], row[1]) for row in chart.rows)


@pytest.fixture
def counted(monkeypatch):
    """How often the dashboard was computed."""
    calls = []
    real = dashboards.dashboard

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(dashboards, "dashboard", counting)
    return calls


@pytest.fixture
def published(lead, editor):
    return make_initiative(lead, actor=editor, title="Gepubliceerd", **PUBLIC)


def test_viewers_who_see_the_same_share_one_computation(
    make_member, lead, editor, published, counted
):
    make_initiative(lead, actor=editor, title="Concept", status="draft", visibility="private")
    viewers = [make_member(lead, Role.VIEWER) for _ in range(3)]
    scope = f"organisation:{lead.pk}"
    totals = [dashboard_for(v, scope, [lead.pk])["total"] for v in viewers]
    assert totals == [1, 1, 1] and len(counted) == 1
    assert dashboard_for(editor, scope, [lead.pk])["total"] == 2  # the draft too
    assert len(counted) == 2


def test_a_move_shows_at_once(lead, editor, published):
    scope = f"organisation:{lead.pk}"
    before = funnel(dashboard_for(editor, scope, [lead.pk]))
    workflow_move(actor=editor, subject=published, to_stage="exploration", reason="Verder")
    after = funnel(dashboard_for(editor, scope, [lead.pk]))
    assert after["Verkenning"] == before["Verkenning"] + 1
    assert after["Idee"] == before["Idee"] - 1


def _budget(figures):
    chart = next(c for c in figures["charts"] if c.key == "budget")
    return [(row[4], row[5]) for row in chart.rows]


def test_a_measurement_shows_at_once(lead, editor, published):
    kpi = kpi_save(
        actor=editor,
        initiative=published,
        measure="Wachttijd",
        unit="days",
        target=Decimal("10"),
        direction="lower",
    )
    scope = f"organisation:{lead.pk}"
    assert _budget(dashboard_for(editor, scope, [lead.pk])) == [(1, 0)]
    measurement_save(
        actor=editor, kpi=kpi, date=datetime.date(2026, 1, 5), value=Decimal("8"), unit="days"
    )
    assert _budget(dashboard_for(editor, scope, [lead.pk])) == [(1, 1)]


def test_a_renamed_stage_shows_at_once(make_member, lead, editor, published):
    admin = make_member(lead, Role.ORGANISATION_ADMIN)
    own = workflow_copy_default("initiative", lead, admin)
    assert "Pilot" in funnel(dashboard_for(editor, "all"))
    pilot = own.stages.get(key="pilot")
    workflow_editing.stage_update(
        actor=admin,
        workflow=own,
        expected_version=own.version,
        stage=pilot,
        name="Proef",
        category=pilot.category,
    )
    names = funnel(dashboard_for(editor, "all"))
    assert "Proef" in names and "Pilot" not in names


def test_a_programme_member_added_shows_at_once(lead, partner, editor, published, platform_admin):
    make_initiative(partner, title="Van de partner", **PUBLIC)
    programme = programme_save(actor=platform_admin, name="Programma", members=[lead])
    members = programme.members.values("pk")
    assert dashboard_for(editor, f"programme:{programme.pk}", members)["total"] == 1
    programme_save(
        actor=platform_admin, name="Programma", members=[lead, partner], programme=programme
    )
    assert dashboard_for(editor, f"programme:{programme.pk}", members)["total"] == 2


def test_a_revoked_editor_loses_the_drafts_at_once(lead, editor, published):
    make_initiative(lead, actor=editor, title="Concept", status="draft", visibility="organisation")
    assert dashboard_for(editor, "all")["total"] == 2
    membership_revoke(actor=None, membership=Membership.objects.get(user=editor))
    editor = type(editor).objects.get(pk=editor.pk)
    assert dashboard_for(editor, "all")["total"] == 1


def test_a_team_member_does_not_share_with_colleagues_who_are_not_on_the_team(
    make_member, lead, partner, editor, counted
):
    """A partner's member on the team sees the lead's private draft; colleagues of theirs
    with the same role do not, so they share no dashboard with them."""
    draft = make_initiative(
        lead,
        actor=editor,
        title="Concept",
        partners=[partner],
        status="draft",
        visibility="private",
    )
    on_team, *colleagues = (make_member(partner, Role.VIEWER) for _ in range(3))
    team_member_add(actor=editor, initiative=draft, user=on_team, role="team")
    assert dashboard_for(colleagues[0], "all")["total"] == 0
    assert dashboard_for(on_team, "all")["total"] == 1
    assert dashboard_for(colleagues[1], "all")["total"] == 0
    assert len(counted) == 2  # the colleagues share theirs


def test_joining_a_team_shows_at_once_for_the_same_user_object(make_member, lead, partner, editor):
    """The team's initiatives are kept on the user object for a request; after a team write
    in between (the same object, as in a long request or a test) the member's figures are
    kept apart from their colleagues' all the same."""
    draft = make_initiative(
        lead, actor=editor, partners=[partner], status="draft", visibility="private"
    )
    member, colleague = make_member(partner, Role.VIEWER), make_member(partner, Role.VIEWER)
    assert dashboard_for(member, "all")["total"] == 0
    team_member_add(actor=editor, initiative=draft, user=member, role="team")
    assert dashboard_for(member, "all")["total"] == 1
    assert dashboard_for(colleague, "all")["total"] == 0  # not served the member's figures


def test_a_membership_given_back_to_the_same_user_object_keeps_their_figures_apart(
    make_member, lead, partner, editor
):
    """On the team of a partner's private draft, without a role in the partner and then
    with one again on the same user object: their figures with the draft are never shared
    with a colleague who is not on the team."""
    draft = make_initiative(
        lead, actor=editor, partners=[partner], status="draft", visibility="private"
    )
    member, colleague = make_member(partner, Role.VIEWER), make_member(partner, Role.VIEWER)
    team_member_add(actor=editor, initiative=draft, user=member, role="team")
    membership_revoke(actor=None, membership=Membership.objects.get(user=member))
    member = type(member).objects.get(pk=member.pk)  # from here on one object
    assert dashboard_for(member, "all")["total"] == 0
    membership_set(user=member, organisation=partner, role=Role.VIEWER)
    assert dashboard_for(member, "all")["total"] == 1
    assert dashboard_for(colleague, "all")["total"] == 0
