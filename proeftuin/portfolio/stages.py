"""Initiatives in their workflow: the "stage changed" notification (an on_move listener),
reads for the stage page, evaluations overdue and the gates waiting for a gatekeeper."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proeftuin.core.service import (
    Decision,
    GateQuestion,
    StageCategory,
    Transition,
    on_move,
    subject_moves,
)
from proeftuin.notifications.service import notify, register_event
from proeftuin.portfolio.choices import TeamRole
from proeftuin.portfolio.models import Initiative
from proeftuin.portfolio.searchable import initiative_changed

STAGE_CHANGED = "initiative.stage_changed"

register_event(STAGE_CHANGED, gettext_lazy("The stage of an initiative you work on changed"))

# the decision a gate move makes, from where it leads (the mechanism checks it again)
DECISION_FOR = {
    StageCategory.OPEN: Decision.GO,
    StageCategory.CLOSED_SUCCESS: Decision.GO,
    StageCategory.CLOSED_STOPPED: Decision.NO_GO,
    StageCategory.PARKED: Decision.PARK,
}


def gate_decision(transition: Transition) -> str:
    """The decision of a move: empty for a plain move, adjust for a gate that stays."""
    if not transition.is_gate:
        return ""
    if transition.to_stage_id == transition.from_stage_id:
        return Decision.ADJUST
    return DECISION_FOR[transition.to_stage.category]


def gate_questions(initiative: Initiative) -> list[GateQuestion]:
    """The questions of the gate that ends the initiative's stage."""
    return list(GateQuestion.objects.filter(stage_id=initiative.stage_id))


def stage_history(initiative: Initiative) -> list:
    """The moves, newest first, each with its answers as (question, answer) pairs."""
    moves = list(subject_moves(initiative))
    ids = {int(k) for move in moves for k in move.answers if str(k).isdigit()}
    questions = (
        {str(q.pk): q.label() for q in GateQuestion.objects.filter(pk__in=ids)} if ids else {}
    )
    for move in moves:
        move.answer_rows = [(questions.get(k, k), text) for k, text in move.answers.items()]
    return moves


def evaluation_overdue(initiative: Initiative) -> bool:
    """An evaluation date in the past while the initiative is still in an open stage."""
    date = initiative.evaluation_date
    return bool(date and date < timezone.localdate() and _is_open(initiative))


def _is_open(initiative: Initiative) -> bool:
    return initiative.stage.category == StageCategory.OPEN


def decisions_due(user) -> QuerySet[Initiative]:
    """Visible initiatives with a decision for ``user``: a gate they are gatekeeper of, or an
    overdue evaluation of an initiative they own, sponsor or keep the gate of."""
    if not getattr(user, "is_authenticated", False):
        return Initiative.objects.none()
    mine = Initiative.objects.visible_to(user).current()
    gatekeeper = Q(team__user=user, team__role=TeamRole.GATEKEEPER)
    gates = Q(gatekeeper, stage__transitions_out__is_gate=True)
    leads = Q(team__user=user, team__role__in=[TeamRole.OWNER, TeamRole.SPONSOR]) | gatekeeper
    overdue = Q(leads, evaluation_date__lt=timezone.localdate(), stage__category=StageCategory.OPEN)
    pks = mine.filter(gates | overdue).values("pk")
    return (
        Initiative.objects.filter(pk__in=pks)
        .select_related("owner", "stage")
        .order_by("evaluation_date", "title")
    )


@on_move("portfolio.content_changed", kinds=("initiative",))
def initiative_moved(move, subject) -> None:
    """A move changes what dashboards count and the stage a search hit shows."""
    initiative_changed(subject.pk)


@on_move("portfolio.stage_changed", kinds=("initiative",))
def tell_the_team(move, subject) -> None:
    """Tell the team (owner, sponsor, gatekeeper, members) of the initiative's new stage."""
    users = [member.user for member in subject.team.select_related("user")]
    title = _("“%(initiative)s” moved from “%(from)s” to “%(to)s”") % {
        "initiative": subject.title,
        "from": move.from_name,
        "to": move.to_name,
    }
    url = reverse("portfolio:detail", args=[subject.slug])
    notify(
        recipients=users,
        event=STAGE_CHANGED,
        title=title,
        url=url,
        subject=subject,
        actor=move.actor,
    )
