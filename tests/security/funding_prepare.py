"""The hostile-user probe of the review summary's "Ready for decision" button
(``funding:review_prepare``): an application of A in the members-only round, reviewed by
one reviewer, is moved on to "ready for decision" only by the programme's manager (A's
administrator); everyone else is refused with nothing changed and nothing revealed."""

from __future__ import annotations

from django.utils import timezone

from proeftuin.funding.models import Application, FundMember, ReviewAssignment
from proeftuin.funding.models_reviews import Review
from tests.funding.factories import make_application
from tests.security.funding import MANAGER, ROUNDS
from tests.security.world import ACTORS, World
from tests.security.writes import Write

MANAGERS = (MANAGER, "platform_admin")


def _reviewed(world: World) -> Application:
    """An application of A in review with one submitted review (made once)."""
    pk = world.records.setdefault("funding-prepare", {}).get("pk")
    if pk is not None:
        return Application.objects.get(pk=pk)
    round_ = world.records[ROUNDS.name]["org"]
    application = make_application(
        round_, world.a, stage="in_review", created_by=world.users["a_editor"]
    )
    reviewer = world.users["b_viewer"]
    FundMember.objects.get_or_create(fund=round_.fund, user=reviewer, role="reviewer")
    assignment = ReviewAssignment.objects.create(
        application=application, reviewer=reviewer, status="submitted"
    )
    Review.objects.create(assignment=assignment, recommendation="yes", submitted_at=timezone.now())
    world.records["funding-prepare"]["pk"] = application.pk
    return application


def _stage(world: World):
    application = Application.objects.get(pk=_reviewed(world).pk)
    return application.stage.key, application.version


def _prepare(world: World, client):
    application = _reviewed(world)
    url = f"/subsidies/aanvragen/{application.uuid}/beoordelingen/klaar-voor-besluit/"
    return client.post(url, {"version": application.version})


FUNDING_PREPARE_WRITES = (
    Write(
        "move a reviewed application on to ready for decision",
        ("funding:review_prepare",),
        0,
        _prepare,
        _stage,
        allowed_actor=MANAGER,
        attackers=tuple(actor for actor in ACTORS if actor not in MANAGERS),
    ),
)
