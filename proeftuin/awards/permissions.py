"""Who may do what in a competition: ``can_<verb>_<entity>(user, obj) -> (allowed, reason)``.

- organisers: the managers of the competition's programme, and platform administrators;
- the nominee: its contacts and the editors and administrators of the nominee organisation
  (they give consent and write the submission);
- a nominator: any signed-in account; a self-nomination needs editor rights in the
  organisation it nominates;
- judges: the members of the edition's panels, never on a nominee they have a conflict of
  interest with or recused themselves from."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from proeftuin.accounts.service import Role, role_in
from proeftuin.awards.querysets import active
from proeftuin.organisations.service import can_manage_programme


def can_organise(user, competition) -> tuple[bool, str]:
    allowed, _reason = can_manage_programme(user, competition.programme)
    if allowed:
        return True, ""
    return False, _("Only the organisers of this competition can do this.")


def acts_for_nominee(user, nomination) -> bool:
    if not active(user):
        return False
    role = role_in(user, nomination.owner_id)
    if role is None:
        return False
    return role >= Role.EDITOR or nomination.contacts.filter(pk=user.pk).exists()


def nomination_roles(user, nomination) -> set[str]:
    roles = set()
    if can_organise(user, nomination.edition.competition)[0]:
        roles.add("organiser")
    if acts_for_nominee(user, nomination):
        roles.add("nominee")
    return roles


def can_nominate(user) -> tuple[bool, str]:
    if active(user):
        return True, ""
    return False, _("Sign in to nominate an organisation.")


def can_self_nominate(user, organisation) -> tuple[bool, str]:
    role = role_in(user, organisation.pk) if active(user) else None
    if role is not None and role >= Role.EDITOR:
        return True, ""
    return False, _(
        "Only editors and administrators of %(organisation)s can nominate it themselves."
    ) % {"organisation": organisation.name}


def can_consent(user, nomination) -> tuple[bool, str]:
    role = role_in(user, nomination.owner_id) if active(user) else None
    if role is not None and role >= Role.EDITOR:
        return True, ""
    return False, _(
        "Only editors and administrators of the nominated organisation decide on consent."
    )


def can_edit_submission(user, nomination) -> tuple[bool, str]:
    if acts_for_nominee(user, nomination):
        return True, ""
    return False, _("Only the nominee's contacts, editors and administrators write the submission.")


def judges(user, nomination) -> bool:
    """A member of a panel of the nomination's edition without a conflict of interest with
    the nominee and not recused from it, once the submission is in."""
    from proeftuin.funding.service import conflict_reason

    if not active(user) or nomination.submitted_at is None:
        return False
    panels = nomination.edition.panels.filter(members=user)
    if not panels.exists() or nomination.recusals.filter(judge=user).exists():
        return False
    return not conflict_reason(user, nomination.owner_id)


def can_read_submission(user, nomination) -> tuple[bool, str]:
    """The nominee, the organisers and the judges without a conflict."""
    if active(user) and role_in(user, nomination.owner_id) is not None:
        return True, ""
    if can_organise(user, nomination.edition.competition)[0] or judges(user, nomination):
        return True, ""
    return False, _("The submission is only for the nominee, the organisers and the judges.")
