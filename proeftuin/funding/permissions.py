"""Who may do what in a fund: ``can_<verb>_<entity>(user, obj) -> (allowed, reason)``.

Roles: the programme's managers (and platform administrators) manage its funds, rounds,
assignments and decisions; screeners (``FundMember``) screen; reviewers review what they
are assigned; applicants (the one who started an application and its co-applicants, while
members of the lead or a partner organisation) write and submit."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from proeftuin.accounts.service import is_platform_admin, roles_by_organisation
from proeftuin.funding.choices import FundRole
from proeftuin.funding.querysets import active
from proeftuin.organisations.service import can_manage_programme


def is_manager(user, fund) -> bool:
    return active(user) and can_manage_programme(user, fund.programme)[0]


def is_fund_member(user, fund, role: str) -> bool:
    if not active(user):
        return False
    return fund.members.filter(user=user, role=role).exists()


def is_applicant(user, application) -> bool:
    if not active(user):
        return False
    if application.created_by_id != user.pk and not application.team.filter(pk=user.pk).exists():
        return False
    organisations = set(roles_by_organisation(user))
    if application.owner_id in organisations:
        return True
    return application.partners.filter(organisation_id__in=organisations).exists()


def application_roles(user, application) -> set[str]:
    """The workflow roles ``user`` holds on ``application``: applicant, manager, screener."""
    fund = application.round.fund
    roles = set()
    if is_applicant(user, application):
        roles.add("applicant")
    if is_manager(user, fund):
        roles.add("manager")
    if is_fund_member(user, fund, FundRole.SCREENER):
        roles.add("screener")
    return roles


def can_manage_fund(user, fund) -> tuple[bool, str]:
    if is_manager(user, fund):
        return True, ""
    return False, _("Only the managers of this programme can do this.")


def can_edit_application(user, application) -> tuple[bool, str]:
    if not is_applicant(user, application):
        return False, _("Only the applicants can change this application.")
    if application.stage.category != "open" or application.stage.key not in EDITABLE_STAGES:
        return False, _("This application can no longer be changed in its current stage.")
    return True, ""


def can_read_letters(user, application) -> tuple[bool, str]:
    """A decision letter is for the programme's managers and the applicants (the one who
    started the application and its co-applicants, while members of the lead or a partner);
    not for screeners, reviewers or other members of the organisations."""
    if is_manager(user, application.round.fund) or is_applicant(user, application):
        return True, ""
    return False, _("Only the managers of this programme and the applicants can read its letters.")


def can_screen(user, application) -> tuple[bool, str]:
    fund = application.round.fund
    if is_manager(user, fund) or is_fund_member(user, fund, FundRole.SCREENER):
        return True, ""
    return False, _("Only the screeners and managers of this fund can screen applications.")


def can_apply(user) -> tuple[bool, str]:
    if is_platform_admin(user) or (active(user) and roles_by_organisation(user)):
        return True, ""
    return False, _("Only members of a public organisation can apply.")


# stages in which the applicants write: a draft, an idea sketch, a full proposal on
# invitation, and an application returned with a question
EDITABLE_STAGES = ("draft", "sketch", "proposal", "more_info")
