"""Conflicts of interest: a user declares (and removes) a relation with an organisation;
together with the organisations where they hold a current role these are the
organisations whose applications they may never review (``querysets.
conflicted_organisation_ids`` is the one rule; this module writes the declarations and
explains a conflict in words)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from proeftuin.accounts.service import roles_by_organisation
from proeftuin.core.service import (
    AuditEntry,
    DuplicateError,
    NotAllowed,
    ValidationFailed,
    audit_record,
)
from proeftuin.funding.common import changed
from proeftuin.funding.models import ConflictDeclaration
from proeftuin.funding.querysets import active

MAX_REASON = 300


def _refuse(field: str, message: str):
    raise ValidationFailed(message, field_errors={field: [message]})


def _require_active(actor) -> None:
    if not active(actor):
        raise NotAllowed(_("Sign in to declare a conflict of interest."))


def _audit_fields(declaration) -> dict:
    return {"organisation": declaration.organisation.name, "relation": declaration.reason}


@transaction.atomic
def conflict_declare(*, actor, organisation, reason: str) -> ConflictDeclaration:
    """``actor`` declares a relation (``reason``) with ``organisation``: from now on they
    are not assigned its applications and no longer see those they were assigned."""
    _require_active(actor)
    if organisation is None:
        _refuse("organisation", _("Choose the organisation."))
    reason = (reason or "").strip()
    if not reason:
        _refuse("reason", _("Describe your relation with the organisation."))
    if len(reason) > MAX_REASON:
        _refuse("reason", _("Describe the relation in at most 300 characters."))
    declaration = ConflictDeclaration(user=actor, organisation=organisation, reason=reason)
    try:
        with transaction.atomic():
            declaration.save()
    except IntegrityError as exc:
        message = _("You already declared a conflict of interest with %(organisation)s.") % {
            "organisation": organisation.name
        }
        raise DuplicateError(message, field_errors={"organisation": [message]}) from exc
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=declaration,
        after=_audit_fields(declaration),
    )
    changed()
    return declaration


@transaction.atomic
def conflict_remove(*, actor, declaration: ConflictDeclaration) -> None:
    """Withdraw one's own declaration (nobody else's)."""
    _require_active(actor)
    if declaration.user_id != actor.pk:
        raise NotAllowed(_("You can only remove your own declarations."))
    before = _audit_fields(declaration)
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=declaration, before=before)
    declaration.delete()
    changed()


def conflicts_of(user):
    """The declarations of ``user`` (their own organisations are not listed: they always
    count)."""
    if not active(user):
        return ConflictDeclaration.objects.none()
    return ConflictDeclaration.objects.filter(user=user).select_related("organisation")


def conflict_reason(user, organisation_id: int, declared: dict[int, str] | None = None):
    """Why ``user`` may not judge the organisation, in words (Dutch in the interface):
    "own organisation" for a current role, else the declared relation; ``None`` when
    there is no conflict. ``declared`` ({organisation_id: relation}) saves a query per
    call when explaining many."""
    if organisation_id in roles_by_organisation(user):
        return _("own organisation")
    if declared is None:
        declared = declared_relations(user)
    return declared.get(organisation_id)


def declared_relations(user) -> dict[int, str]:
    return dict(conflicts_of(user).values_list("organisation_id", "reason"))


def declared_relations_of(user_ids) -> dict[int, dict[int, str]]:
    """``{user_id: {organisation_id: relation}}`` for many users in one query."""
    found: dict[int, dict[int, str]] = {pk: {} for pk in user_ids}
    rows = ConflictDeclaration.objects.filter(user_id__in=found)
    for user_id, organisation_id, reason in rows.values_list("user", "organisation", "reason"):
        found[user_id][organisation_id] = reason
    return found


def application_organisations(application) -> list:
    """The lead organisation and the partner organisations of ``application``."""
    partners = [p.organisation for p in application.partners.select_related("organisation")]
    return [application.owner, *partners]


def explain_conflict(user, application) -> str:
    """One sentence naming every organisation of ``application`` that ``user`` has a
    conflict of interest with, and why; empty when there is none."""
    declared = declared_relations(user)
    parts = []
    for organisation in application_organisations(application):
        reason = conflict_reason(user, organisation.pk, declared)
        if reason:
            parts.append(f"{organisation.name} ({reason})")
    if not parts:
        return ""
    return _("%(user)s has a conflict of interest with %(organisations)s.") % {
        "user": user.get_full_name() or user.username,
        "organisations": ", ".join(parts),
    }
