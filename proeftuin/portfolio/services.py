"""Writes to initiatives and their teams: atomic, permission-checked, audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.accounts.service import roles_by_organisation
from proeftuin.cases.service import case_visible
from proeftuin.core.service import (
    AuditEntry,
    ConflictError,
    EditorialStatus,
    ValidationFailed,
    audit_record,
    content_changed,
    unique_slug,
    workflow_for,
    workflow_initial_stage,
)
from proeftuin.core.service import require as check
from proeftuin.portfolio import permissions
from proeftuin.portfolio.choices import SINGLE_ROLES, InnovationKind, OecdFacet, TeamRole
from proeftuin.portfolio.models import Initiative, TeamMember
from proeftuin.portfolio.searchable import initiative_changed
from proeftuin.portfolio.snapshot import (
    RELATED_FIELDS,
    SCALAR_FIELDS,
    initiative_snapshot,
    part_snapshot,
)

REQUIRED_TEXT = ("title", "problem")


def refuse(field: str, message: str):
    raise ValidationFailed(message, field_errors={field: [message]})


def check_fresh(part, expected_updated_at) -> None:
    """Concurrent edit protection of a part: the ``updated_at`` the form showed must still
    be the row's (an ISO string or a datetime; ``None`` skips the check)."""
    if expected_updated_at in (None, ""):
        return
    current = type(part).objects.select_for_update().values_list("updated_at", flat=True)
    current = current.filter(pk=part.pk).first()
    expected = expected_updated_at
    if isinstance(expected, str):
        expected = datetime.datetime.fromisoformat(expected)
    if current is None or current != expected:
        raise ConflictError()


def _validate(data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    for name in REQUIRED_TEXT:
        if name in data and not str(data[name] or "").strip():
            errors.setdefault(name, []).append(_("This field is required."))
    if "kind" in data and data["kind"] not in InnovationKind.values:
        errors.setdefault("kind", []).append(_("Choose the kind of innovation."))
    unknown = set(data.get("facets") or []) - set(OecdFacet.values)
    if unknown:
        errors.setdefault("facets", []).append(_("Unknown OECD facet."))
    interval = data.get("reflection_interval_days")
    if interval is not None and not 1 <= interval <= 366:
        errors.setdefault("reflection_interval_days", []).append(
            _("Choose an interval between 1 and 366 days.")
        )
    if errors:
        raise ValidationFailed(field_errors=errors)


def _check_links(actor, data: dict, initiative: Initiative | None) -> None:
    """Inspiration may only point at cases and initiatives the actor may see (links the
    initiative already has may stay)."""
    for name, visible in (
        ("inspired_by_cases", case_visible(actor)),
        ("inspired_by", Initiative.objects.visible_to(actor)),
    ):
        chosen = {obj.pk for obj in data.get(name) or []}
        if not chosen:
            continue
        allowed = set(visible.filter(pk__in=chosen).values_list("pk", flat=True))
        if initiative is not None:
            allowed |= set(getattr(initiative, name).values_list("pk", flat=True))
            allowed.discard(initiative.pk if name == "inspired_by" else None)
        if chosen - allowed:
            refuse(name, _("Choose only cases and initiatives you can see."))


# first parts of /initiatieven/ addresses that are pages of their own, not initiatives
RESERVED_SLUGS = {"nieuw", "overzicht", "werkwijze"}


def refresh_reflection_due(initiative: Initiative) -> None:
    """Next reflection due = the last reflection (or the start) + the interval."""
    due = None
    if initiative.reflection_interval_days:
        last = initiative.reflections.aggregate(last=Max("date"))["last"]
        start = initiative.started_on or timezone.localdate(initiative.created_at)
        due = (last or start) + datetime.timedelta(days=initiative.reflection_interval_days)
    Initiative.objects.filter(pk=initiative.pk).update(reflection_due=due)
    initiative.reflection_due = due


def _apply(initiative: Initiative, data: dict) -> None:
    for name in SCALAR_FIELDS:
        if name in data:
            value = data[name]
            setattr(initiative, name, value.strip() if isinstance(value, str) else value)
    initiative.facets = sorted(set(initiative.facets or []))


def _set_related(initiative: Initiative, data: dict) -> None:
    for name in RELATED_FIELDS:
        if data.get(name) is not None:
            values = [v for v in data[name] if v.pk != initiative.pk or name != "inspired_by"]
            if name == "partners":
                values = [v for v in values if v.pk != initiative.owner_id]
            getattr(initiative, name).set(values)


def _check_status(actor, data: dict, initiative: Initiative) -> None:
    status = data.get("status")
    if status in (EditorialStatus.PUBLISHED, EditorialStatus.ARCHIVED) and (
        status != getattr(initiative, "_stored_status", None)
    ):
        check(permissions.can_publish_initiative(actor, initiative))


@transaction.atomic
def initiative_create(*, actor, owner, **data) -> Initiative:
    """Start an initiative for ``owner``; the actor becomes its owner in the team.
    ``actor=None``: a system write (loaders, demo data), no checks and no team."""
    if actor is not None:
        check(permissions.can_create_initiative(actor, owner))
    _validate({"title": "", "problem": "", "kind": "", **data})
    workflow = workflow_for("initiative", owner)
    initiative = Initiative(
        owner=owner, created_by=actor, workflow=workflow, stage=workflow_initial_stage(workflow)
    )
    if actor is not None:
        _check_links(actor, data, None)
        _check_status(actor, data, initiative)
    _apply(initiative, data)
    initiative.slug = unique_slug(
        Initiative, initiative.title, fallback="initiatief", reserved=RESERVED_SLUGS
    )
    initiative.save()
    _set_related(initiative, data)
    refresh_reflection_due(initiative)
    if actor is not None:
        TeamMember.objects.create(initiative=initiative, user=actor, role=TeamRole.OWNER)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=initiative,
        after=initiative_snapshot(initiative),
    )
    initiative_changed(initiative.pk)
    return initiative


def _claim_version(pk: int, expected_version: int | None) -> None:
    """Raise the version in one conditional UPDATE: a concurrent save makes it fail."""
    version_filter = {"version": expected_version} if expected_version is not None else {}
    if not Initiative.objects.filter(pk=pk, **version_filter).update(version=F("version") + 1):
        raise ConflictError()


def _check_update_allowed(actor, current: Initiative, data: dict, owner) -> None:
    check(permissions.can_edit_initiative(actor, current))
    if owner is not None and owner.pk != current.owner_id:
        check(permissions.can_publish_initiative(actor, current))
        check(permissions.can_create_initiative(actor, owner))
    _check_links(actor, data, current)
    _check_status(actor, data, current)


@transaction.atomic
def initiative_update(
    *, initiative: Initiative, actor, expected_version: int | None = None, owner=None, **data
) -> Initiative:
    """Change an initiative; lists given replace the current ones. With
    ``expected_version``, a concurrent save by someone else raises ``ConflictError``."""
    current = Initiative.objects.get(pk=initiative.pk)
    current._stored_status = current.status
    if actor is not None:
        _check_update_allowed(actor, current, data, owner)
    _validate(data)
    _claim_version(current.pk, expected_version)
    before = initiative_snapshot(current)
    _apply(current, data)
    if owner is not None:
        current.owner = owner
    current.version = Initiative.objects.values_list("version", flat=True).get(pk=current.pk)
    current.save()
    _set_related(current, data)
    refresh_reflection_due(current)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=current,
        before=before,
        after=initiative_snapshot(current),
    )
    initiative_changed(current.pk)
    return current


@transaction.atomic
def initiative_delete(
    *, actor, initiative: Initiative, expected_version: int | None = None
) -> None:
    """Remove an initiative with its parts (editors of the lead organisation, as for
    archiving); its search passages go in the same transaction. With
    ``expected_version``, a save by someone else since raises ``ConflictError``."""
    current = Initiative.objects.select_for_update().get(pk=initiative.pk)
    check(permissions.can_publish_initiative(actor, current))
    if expected_version is not None and current.version != expected_version:
        raise ConflictError()
    before = initiative_snapshot(current)
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=current, before=before)
    current.delete()
    content_changed("initiatives")


# --- the team ---


def _check_team_role(initiative: Initiative, role: str, member: TeamMember | None) -> None:
    if role not in TeamRole.values:
        refuse("role", _("Choose a role."))
    if role in SINGLE_ROLES:
        taken = initiative.team.filter(role=role).exclude(pk=getattr(member, "pk", None))
        if taken.exists():
            refuse("role", _("This initiative already has a %s.") % TeamRole(role).label)


def _check_team_user(initiative: Initiative, user) -> None:
    member = user is not None and user.is_active
    organisations = permissions.initiative_organisation_ids(initiative)
    if not member or not set(roles_by_organisation(user)) & organisations:
        refuse(
            "user",
            _("Only members of the lead organisation or of a chain partner can join the team."),
        )


def _audit_part(actor, part, before: dict | None, action=AuditEntry.Action.UPDATE) -> None:
    after = None if action == AuditEntry.Action.DELETE else part_snapshot(part)
    audit_record(actor=actor, action=action, obj=part, before=before, after=after)


@transaction.atomic
def team_member_add(*, actor, initiative: Initiative, user, role: str) -> TeamMember:
    initiative = Initiative.objects.get(pk=initiative.pk)
    check(permissions.can_edit_initiative(actor, initiative))
    _check_team_user(initiative, user)
    if initiative.team.filter(user=user).exists():
        refuse("user", _("This person is already on the team."))
    _check_team_role(initiative, role, None)
    member = TeamMember.objects.create(initiative=initiative, user=user, role=role)
    _audit_part(actor, member, None, AuditEntry.Action.CREATE)
    content_changed("initiatives")
    return member


@transaction.atomic
def team_member_update(
    *, actor, member: TeamMember, role: str, expected_updated_at=None
) -> TeamMember:
    member = TeamMember.objects.select_related("initiative").get(pk=member.pk)
    check(permissions.can_edit_initiative(actor, member.initiative))
    check_fresh(member, expected_updated_at)
    _check_team_role(member.initiative, role, member)
    before = part_snapshot(member)
    member.role = role
    member.save()
    _audit_part(actor, member, before)
    content_changed("initiatives")
    return member


@transaction.atomic
def team_member_remove(*, actor, member: TeamMember) -> None:
    member = TeamMember.objects.select_related("initiative").get(pk=member.pk)
    check(permissions.can_edit_initiative(actor, member.initiative))
    before = part_snapshot(member)
    member.delete()
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=member, before=before)
    content_changed("initiatives")
