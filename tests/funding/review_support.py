"""A round in review for the review tests: a manager, an application of a lead with one
partner, three reviewers of the fund (one with matching expertise) and one reviewer who
works at the lead organisation."""

from __future__ import annotations

from types import SimpleNamespace

from proeftuin.accounts.models import Role
from proeftuin.funding.models import FundMember
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.funding.factories import make_application, make_fund, make_programme, make_round


def add_reviewer(fund, *, username, expertise="", organisation=None, maximum=10):
    user = UserFactory(username=username)
    if organisation is not None:
        MembershipFactory(user=user, organisation=organisation, role=Role.EDITOR)
    FundMember.objects.create(
        fund=fund, user=user, role="reviewer", expertise=expertise, max_assignments=maximum
    )
    return user


def build_world(db):
    """Use as ``world = pytest.fixture(build_world, name="world")`` in a test module."""
    manager = UserFactory(username="manager")
    programme = make_programme(managers=[manager])
    fund = make_fund(programme)
    round_ = make_round(fund)
    lead = OrganisationFactory(name="Gemeente Aanvrager")
    partner = OrganisationFactory(name="Provincie Partner")
    elsewhere = OrganisationFactory(name="Waterschap Elders")
    applicant = MembershipFactory(organisation=lead, role=Role.EDITOR).user
    application = make_application(
        round_,
        lead,
        created_by=applicant,
        partners=[partner],
        title="Klantreis voor schuldhulp",
    )
    return SimpleNamespace(
        manager=manager,
        programme=programme,
        fund=fund,
        round=round_,
        lead=lead,
        partner=partner,
        elsewhere=elsewhere,
        third_party=OrganisationFactory(name="Gemeente Derde"),
        applicant=applicant,
        application=application,
        expert=add_reviewer(
            fund, username="expert", expertise="klantreis, schuldhulp", organisation=elsewhere
        ),
        second=add_reviewer(fund, username="tweede", expertise="water, dijken"),
        third=add_reviewer(fund, username="derde"),
        insider=add_reviewer(fund, username="insider", expertise="klantreis", organisation=lead),
        criteria=list(round_.criteria.all()),
    )
