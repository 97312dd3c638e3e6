"""Who reads an application and a review: the one rule of ``funding/querysets.py``."""

import pytest

from proeftuin.accounts.models import Role
from proeftuin.funding.models import (
    Application,
    ConflictDeclaration,
    FundMember,
    Review,
    ReviewAssignment,
)
from tests.factories import OrganisationFactory, UserFactory
from tests.funding.factories import make_application, make_round


@pytest.fixture
def world(db, make_member):
    alpha, beta, gamma = (OrganisationFactory() for _ in range(3))
    round_ = make_round()
    fund = round_.fund
    applicant = make_member(alpha, Role.CONTRIBUTOR)
    rival = make_member(beta, Role.EDITOR)
    reviewer = make_member(gamma, Role.VIEWER)
    FundMember.objects.create(fund=fund, user=reviewer, role="reviewer")
    screener = UserFactory()
    FundMember.objects.create(fund=fund, user=screener, role="screener")
    draft = make_application(round_, alpha, stage="draft", created_by=applicant)
    submitted = make_application(round_, alpha, stage="in_review", created_by=applicant)
    other = make_application(round_, beta, stage="in_review", created_by=rival)
    return {
        "alpha": alpha,
        "beta": beta,
        "gamma": gamma,
        "round": round_,
        "applicant": applicant,
        "rival": rival,
        "reviewer": reviewer,
        "screener": screener,
        "manager": fund.programme.managers.get(),
        "draft": draft,
        "submitted": submitted,
        "other": other,
    }


def seen(user):
    return set(Application.objects.visible_to(user).values_list("title", flat=True))


def test_applicants_see_their_own_drafts_and_nobody_else_does(world, platform_admin):
    w = world
    assert seen(w["applicant"]) == {w["draft"].title, w["submitted"].title}
    assert w["draft"].title not in seen(w["rival"])
    assert w["draft"].title not in seen(w["manager"])
    assert w["draft"].title not in seen(w["screener"])
    assert w["draft"].title in seen(platform_admin)


def test_a_colleague_of_the_applicant_is_not_an_applicant(world, make_member):
    colleague = make_member(world["alpha"], Role.ORGANISATION_ADMIN)
    assert seen(colleague) == set()


def test_applicants_lose_access_with_their_role(world):
    world["applicant"].memberships.all().delete()
    assert seen(world["applicant"]) == set()


def test_managers_and_screeners_see_what_was_submitted(world):
    expected = {world["submitted"].title, world["other"].title}
    assert seen(world["manager"]) == expected
    assert seen(world["screener"]) == expected


def test_reviewers_see_only_assignments_without_conflict(world):
    w = world
    assert seen(w["reviewer"]) == set()
    ReviewAssignment.objects.create(application=w["submitted"], reviewer=w["reviewer"])
    assert seen(w["reviewer"]) == {w["submitted"].title}
    ConflictDeclaration.objects.create(
        user=w["reviewer"], organisation=w["alpha"], reason="oud-collega"
    )
    assert seen(w["reviewer"]) == set()


def test_a_reviewer_of_a_partner_organisation_is_conflicted(world):
    w = world
    w["submitted"].partners.create(organisation=w["gamma"])
    ReviewAssignment.objects.create(application=w["submitted"], reviewer=w["reviewer"])
    assert seen(w["reviewer"]) == set()


def test_recused_reviewers_no_longer_see_it(world):
    ReviewAssignment.objects.create(
        application=world["submitted"],
        reviewer=world["reviewer"],
        status="recused",
        recusal_reason="ken de aanvrager",
    )
    assert seen(world["reviewer"]) == set()


def test_reviews_of_others_only_after_submitting_ones_own(world):
    from django.utils import timezone

    w = world
    second = UserFactory()
    FundMember.objects.create(fund=w["round"].fund, user=second, role="reviewer")
    mine = Review.objects.create(
        assignment=ReviewAssignment.objects.create(
            application=w["submitted"], reviewer=w["reviewer"]
        )
    )
    theirs = Review.objects.create(
        assignment=ReviewAssignment.objects.create(application=w["submitted"], reviewer=second),
        submitted_at=timezone.now(),
    )
    assert set(Review.objects.visible_to(w["reviewer"])) == {mine}
    mine.submitted_at = timezone.now()
    mine.save()
    assert set(Review.objects.visible_to(w["reviewer"])) == {mine, theirs}
    assert set(Review.objects.visible_to(w["manager"])) == {mine, theirs}
    assert set(Review.objects.visible_to(w["applicant"])) == set()
    assert set(Review.objects.visible_to(w["screener"])) == set()
