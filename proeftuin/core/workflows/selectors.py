"""Reads: which workflow applies, which moves a user may make, and a subject's history."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Q, Subquery

from proeftuin.core.workflows.choices import ORGANISATION_ROLES, StageCategory
from proeftuin.core.workflows.models import Move, Stage, Transition, Workflow


def workflow_for(kind: str, organisation) -> Workflow:
    """The organisation's own workflow of ``kind``, or else the platform default."""
    owner_id = getattr(organisation, "pk", organisation)
    own = Workflow.objects.filter(kind=kind, owner_id=owner_id).first() if owner_id else None
    return own or Workflow.objects.get(kind=kind, owner__isnull=True)


def workflow_initial_stage(workflow: Workflow) -> Stage:
    """Where a new subject starts."""
    return workflow.stages.get(is_initial=True)


def actor_roles(subject, user) -> set[str]:
    """Every role name ``user`` holds for ``subject``: organisation roles in its owner ("editor"
    for an editor includes "contributor" and "viewer") and the subject's own roles. Platform
    administrators hold every organisation role, not the subject roles (a gatekeeper's
    decision stays the gatekeeper's)."""
    from proeftuin.accounts.service import Role, is_platform_admin, role_in

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    roles = set(subject.workflow_roles(user))
    if is_platform_admin(user):
        return roles | set(ORGANISATION_ROLES)
    levels = dict(
        zip(
            ORGANISATION_ROLES,
            [Role.VIEWER, Role.CONTRIBUTOR, Role.EDITOR, Role.ORGANISATION_ADMIN],
            strict=True,
        )
    )
    held = role_in(user, subject.owner_id)
    if held is not None:
        roles |= {name for name, level in levels.items() if held >= level}
    return roles


def subject_moves(subject):
    """The moves of one subject, newest first."""
    return Move.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    ).select_related("actor", "from_stage", "to_stage")


def parked_from(subject) -> Stage | None:
    """For a parked subject: the stage it was parked from (unparking returns there)."""
    if subject.stage.category != StageCategory.PARKED:
        return None
    last = _parkings(subject).first()
    return last.from_stage if last else None


def _parkings(subject):
    """The moves into the subject's (parked) stage from another one, newest first."""
    return subject_moves(subject).filter(to_stage=subject.stage).exclude(from_stage=subject.stage)


def transitions_from(subject):
    """The table's moves out of the subject's stage, with the park rule applied: leaving a
    parked stage goes back to the stage the subject was parked from."""
    transitions = Transition.objects.filter(
        workflow_id=subject.workflow_id, from_stage_id=subject.stage_id
    ).select_related("from_stage", "to_stage")
    if subject.stage.category == StageCategory.PARKED:  # as parked_from, in the same query
        back = _parkings(subject).values("from_stage")[:1]
        transitions = transitions.filter(Q(to_stage=Subquery(back)) | ~Exists(back))
    return transitions


def allowed_moves(subject, user) -> list[Transition]:
    """The moves ``user`` may make on ``subject`` now (for the buttons of the page). Required
    fields are not checked here: the page shows what is missing when one is chosen."""
    roles = actor_roles(subject, user)
    if not roles:  # an anonymous visitor, or no role in the owner nor on the subject
        return []
    return [t for t in transitions_from(subject) if roles & set(t.actors)]


def editable_pipelines(user, kind: str) -> list[tuple[object, Workflow | None]]:
    """``(organisation, its own workflow of kind or None)`` for each organisation whose
    pipeline ``user`` may edit: the ones they administer (all for a platform administrator)."""
    from proeftuin.accounts.service import Role, is_platform_admin, organisation_ids_with_role
    from proeftuin.organisations.service import Organisation

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    organisations = Organisation.objects.order_by("name")
    if not is_platform_admin(user):
        ids = organisation_ids_with_role(user, Role.ORGANISATION_ADMIN)
        organisations = organisations.filter(pk__in=ids)
    own = {w.owner_id: w for w in Workflow.objects.filter(kind=kind, owner__isnull=False)}
    return [(organisation, own.get(organisation.pk)) for organisation in organisations]
