"""Writes to groups and their membership: atomic, permission-checked, audited, notified.

Meetings, documents and questions are in ``services_meetings``."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from proeftuin.accounts.service import Role, is_platform_admin, organisation_ids_with_role
from proeftuin.circles import events, permissions
from proeftuin.circles.choices import (
    CircleKind,
    ImplementationStatus,
    InvitationState,
    MemberRole,
    Openness,
    RequestState,
)
from proeftuin.circles.models import Circle, CircleMember, Invitation, JoinRequest
from proeftuin.circles.searchable import circle_indexed
from proeftuin.core.service import (
    AuditEntry,
    DuplicateError,
    NotAllowed,
    ValidationFailed,
    audit_record,
    content_changed,
)
from proeftuin.core.service import require as check
from proeftuin.notifications.service import notify

CIRCLE_FIELDS = ("title", "kind", "description", "openness", "accepts_requests")


def refuse(field: str, message: str):
    raise ValidationFailed(message, field_errors={field: [message]})


def circle_url(circle: Circle) -> str:
    return reverse("circles:detail", args=[circle.uuid])


def snapshot(obj, fields) -> dict:
    """Field values for the audit trail (dates as ISO text)."""
    values = {name: getattr(obj, name) for name in fields}
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in values.items()}


def _validate(data: dict) -> None:
    if "title" in data and not str(data["title"] or "").strip():
        refuse("title", _("Give the group a title."))
    if "kind" in data and data["kind"] not in CircleKind.values:
        refuse("kind", _("Choose a reference group or a learning circle."))
    if "openness" in data and data["openness"] not in Openness.values:
        refuse("openness", _("Choose who may read the group."))


def _organisation_for(user, organisation=None, preferred_id=None):
    """The organisation ``user`` takes part for: ``organisation`` when they hold a role
    there, else ``preferred_id`` or their first organisation."""
    from proeftuin.organisations.service import Organisation

    ids = organisation_ids_with_role(user, Role.VIEWER)
    if organisation is not None and organisation.pk not in ids:
        refuse("organisation", _("Choose an organisation you are a member of."))
    if organisation is not None:
        return organisation
    if not ids:
        refuse(
            "organisation",
            _("You take part in a group for an organisation; you are not a member of one."),
        )
    return Organisation.objects.get(pk=preferred_id if preferred_id in ids else ids[0])


def _hosts(circle: Circle) -> list:
    return [m.user for m in circle.members.filter(role=MemberRole.HOST).select_related("user")]


def _member_add(*, actor, circle, user, organisation, role=MemberRole.MEMBER) -> CircleMember:
    if circle.members.filter(user=user).exists():
        raise DuplicateError(_("This person is already a member of the group."))
    try:
        with transaction.atomic():
            member = CircleMember.objects.create(
                circle=circle, user=user, organisation=organisation, role=role
            )
    except IntegrityError as exc:
        raise DuplicateError(_("This person is already a member of the group.")) from exc
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=member,
        after={"circle": str(circle.uuid), "organisation": organisation.name, "role": role},
    )
    return member


@transaction.atomic
def circle_create(*, actor, innovation, organisation=None, **data) -> Circle:
    """A group around ``innovation`` (an initiative or a case); ``actor`` hosts it."""
    check(permissions.can_create_circle(actor, innovation))
    data = {key: value for key, value in data.items() if key in CIRCLE_FIELDS}
    data.setdefault("openness", Openness.MEMBERS)
    _validate({"title": "", "kind": "", **data})
    host_for = _organisation_for(actor, organisation, preferred_id=innovation.owner_id)
    is_initiative = type(innovation).__name__ == "Initiative"
    circle = Circle.objects.create(
        initiative=innovation if is_initiative else None,
        case=None if is_initiative else innovation,
        owner=host_for,
        created_by=actor,
        **data,
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=circle,
        after=snapshot(circle, CIRCLE_FIELDS) | {"innovation": str(innovation)},
    )
    _member_add(actor=actor, circle=circle, user=actor, organisation=host_for, role=MemberRole.HOST)
    content_changed("circles")
    circle_indexed(circle.pk)
    return circle


@transaction.atomic
def circle_update(*, actor, circle: Circle, **data) -> Circle:
    check(permissions.can_manage_circle(actor, circle))
    data = {key: value for key, value in data.items() if key in CIRCLE_FIELDS}
    _validate(data)
    before = snapshot(circle, CIRCLE_FIELDS)
    for name, value in data.items():
        setattr(circle, name, value)
    circle.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=circle,
        before=before,
        after=snapshot(circle, CIRCLE_FIELDS),
    )
    content_changed("circles")
    circle_indexed(circle.pk)
    return circle


def _may_ask(actor, circle: Circle) -> None:
    if not permissions.active(actor):
        raise NotAllowed(_("Sign in to ask to join a group."))
    if permissions.is_member(actor, circle) or circle.members.filter(user=actor).exists():
        raise DuplicateError(_("You are already a member of this group."))
    if circle.requests.filter(user=actor, state=RequestState.PENDING).exists():
        raise DuplicateError(
            _("You already asked to join this group; the hosts have not decided yet.")
        )
    if not circle.accepts_requests:
        raise NotAllowed(_("This group does not accept requests; its hosts invite members."))
    closed = circle.openness == Openness.MEMBERS
    if closed and circle.requests.filter(user=actor, state=RequestState.REFUSED).exists():
        raise NotAllowed(
            _(
                "The hosts refused your earlier request to join this closed group. Ask them "
                "for an invitation if your situation has changed."
            )
        )


@transaction.atomic
def request_join(*, actor, circle: Circle, message: str = "", organisation=None) -> JoinRequest:
    """Ask to join; the hosts approve. The group's innovation must be visible to the actor
    (that is where the request is made)."""
    circle = Circle.objects.select_for_update().get(pk=circle.pk)
    _may_ask(actor, circle)
    if not permissions.innovation_visible(actor, circle):
        raise NotAllowed(_("This group does not exist or is not visible to you."))
    organisation = _organisation_for(actor, organisation)
    join = JoinRequest.objects.create(
        circle=circle, user=actor, organisation=organisation, message=message.strip()
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=join,
        after={"circle": str(circle.uuid), "organisation": organisation.name},
    )
    notify(
        recipients=_hosts(circle),
        event=events.REQUESTED,
        title=_("%(name)s asks to join %(group)s")
        % {"name": actor.get_full_name() or actor.username, "group": circle.title},
        url=circle_url(circle),
        subject=circle,
        actor=actor,
    )
    return join


def _tell_requester(actor, join: JoinRequest, approve: bool) -> None:
    """An approved requester hears the group's name; a refused one only the innovation's
    (they asked from its page and may never read a closed group)."""
    circle = join.circle
    if approve:
        title = _("Your request to join %(group)s was approved") % {"group": circle.title}
        url, subject = circle_url(circle), circle
    else:
        title = _("Your request to join a group around %(innovation)s was not approved") % {
            "innovation": circle.innovation.title
        }
        url, subject = reverse("circles:mine"), circle.innovation
    notify(
        recipients=[join.user],
        event=events.DECIDED,
        title=title,
        url=url,
        subject=subject,
        actor=actor,
    )


@transaction.atomic
def request_decide(*, actor, join_request: JoinRequest, approve: bool) -> JoinRequest:
    join = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    circle = join.circle
    check(permissions.can_manage_circle(actor, circle))
    if join.state != RequestState.PENDING:
        raise ValidationFailed(_("This request has already been decided."))
    join.state = RequestState.APPROVED if approve else RequestState.REFUSED
    join.decided_by = actor
    join.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=join,
        before={"state": RequestState.PENDING},
        after={"state": join.state},
    )
    if approve:
        _member_add(actor=actor, circle=circle, user=join.user, organisation=join.organisation)
        content_changed("circles")
    _tell_requester(actor, join, approve)
    return join


@transaction.atomic
def invite(*, actor, circle: Circle, user, message: str = "") -> Invitation:
    check(permissions.can_manage_circle(actor, circle))
    if circle.members.filter(user=user).exists():
        raise DuplicateError(_("This person is already a member of the group."))
    if circle.invitations.filter(user=user, state=InvitationState.PENDING).exists():
        raise DuplicateError(_("This person has already been invited and has not answered yet."))
    if not user.is_active or not organisation_ids_with_role(user, Role.VIEWER):
        refuse("user", _("Invite someone who is a member of an organisation on the platform."))
    invitation = Invitation.objects.create(
        circle=circle, user=user, invited_by=actor, message=message.strip()
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=invitation,
        after={"circle": str(circle.uuid), "user": user.username},
    )
    # the invitation is the subject: the invitee may not read a closed group yet
    notify(
        recipients=[user],
        event=events.INVITED,
        title=_("You are invited to %(group)s") % {"group": circle.title},
        url=reverse("circles:mine"),
        subject=invitation,
        actor=actor,
    )
    return invitation


@transaction.atomic
def invitation_answer(*, actor, invitation: Invitation, accept: bool, organisation=None):
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not permissions.active(actor) or invitation.user_id != actor.pk:
        raise NotAllowed(_("Only the person invited can answer this invitation."))
    if invitation.state != InvitationState.PENDING:
        raise ValidationFailed(_("This invitation has already been answered."))
    member = None
    if accept:
        organisation = _organisation_for(actor, organisation)
        member = _member_add(
            actor=actor, circle=invitation.circle, user=actor, organisation=organisation
        )
        notify(
            recipients=_hosts(invitation.circle),
            event=events.JOINED,
            title=_("%(name)s joined %(group)s")
            % {"name": actor.get_full_name() or actor.username, "group": invitation.circle.title},
            url=circle_url(invitation.circle),
            subject=invitation.circle,
            actor=actor,
        )
        content_changed("circles")
    invitation.state = InvitationState.ACCEPTED if accept else InvitationState.DECLINED
    invitation.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=invitation,
        before={"state": InvitationState.PENDING},
        after={"state": invitation.state},
    )
    return member


@transaction.atomic
def member_update(*, actor, member: CircleMember, status: str, status_note: str = ""):
    """A member's implementation status (their own; hosts set everyone's)."""
    check(permissions.can_edit_member(actor, member))
    if status not in ImplementationStatus.values:
        refuse("status", _("Choose an implementation status."))
    before = snapshot(member, ("status", "status_note"))
    member.status, member.status_note = status, status_note.strip()
    member.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=member,
        before=before,
        after=snapshot(member, ("status", "status_note")),
    )
    content_changed("circles")
    return member


@transaction.atomic
def member_remove(*, actor, member: CircleMember) -> None:
    """A member leaves, or a host removes them; the last host cannot go."""
    circle = member.circle
    own = permissions.active(actor) and member.user_id == actor.pk
    if not own:
        check(permissions.can_manage_circle(actor, circle))
    hosts = circle.members.select_for_update().filter(role=MemberRole.HOST)
    if member.role == MemberRole.HOST and hosts.count() == 1 and not is_platform_admin(actor):
        raise ValidationFailed(_("A group keeps at least one host; make someone else host first."))
    audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=member,
        before={"circle": str(circle.uuid), "user": member.user.username},
    )
    member.delete()
    content_changed("circles")
