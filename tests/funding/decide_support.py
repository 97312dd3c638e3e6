"""Shared data of the decision part's tests: a programme manager, a lead organisation with
an applicant and a co-applicant, a round with a budget, and applications ready for
decision."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from proeftuin.accounts.models import Role
from proeftuin.funding.models import BudgetCategory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.funding.factories import make_application, make_fund, make_programme, make_round


@dataclass
class World:
    manager: object
    other_manager: object
    applicant: object
    co_applicant: object
    outsider: object
    organisation: object
    round: object

    def application(self, *, stage="decision", **fields):
        application = make_application(
            self.round, self.organisation, stage=stage, created_by=self.applicant, **fields
        )
        application.team.add(self.co_applicant)
        return application

    def category(self, name="Klein", amount="60000"):
        return BudgetCategory.objects.create(round=self.round, name=name, amount=Decimal(amount))


def make_world(*, budget="100000") -> World:
    manager, other_manager = UserFactory(), UserFactory()
    organisation = OrganisationFactory()
    applicant = MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR).user
    co_applicant = MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR).user
    programme = make_programme(managers=[manager, other_manager])
    round_ = make_round(make_fund(programme), budget=Decimal(budget))
    return World(
        manager=manager,
        other_manager=other_manager,
        applicant=applicant,
        co_applicant=co_applicant,
        outsider=UserFactory(),
        organisation=organisation,
        round=round_,
    )
