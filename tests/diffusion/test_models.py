"""The adoption record: its constraints, the one-innovation rule for an initiative and its
case, the invariants (not one's own, not twice, no cycle) and the visibility rule."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from proeftuin.accounts.models import Role
from proeftuin.core.service import DuplicateError, ValidationFailed
from proeftuin.diffusion import validation
from proeftuin.diffusion.innovations import canonical, innovation_key, innovator_ids
from proeftuin.diffusion.models import Adoption
from proeftuin.diffusion.selectors import adoption_counts, adoption_counts_by_adopter, adoptions_of
from proeftuin.portfolio.models import Initiative
from tests.diffusion.factories import make_adoption
from tests.factories import OrganisationFactory, UserFactory, make_initiative

pytestmark = pytest.mark.django_db


def _fails(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Adoption.objects.create(started_on="2024-01-01", **fields)


def test_exactly_one_innovation(innovation, case, adopter):
    _fails(adopter=adopter)
    _fails(adopter=adopter, initiative=innovation, case=case)
    assert make_adoption(innovation, adopter).innovation == innovation
    assert make_adoption(case, adopter).innovation == case


def test_unique_per_innovation_and_adopter(innovation, adopter):
    make_adoption(innovation, adopter)
    _fails(adopter=adopter, initiative=innovation)


def test_abandoned_needs_a_reason_in_the_database(innovation, adopter):
    _fails(adopter=adopter, initiative=innovation, status="abandoned")


def test_not_its_own_source(innovation, adopter):
    adoption = make_adoption(innovation, adopter)
    adoption.source_id = adoption.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        adoption.save()


def _twins(innovator, case):
    initiative = make_initiative(innovator, title="Met casus", status="published")
    Initiative.objects.filter(pk=initiative.pk).update(case=case)
    initiative.refresh_from_db()
    return initiative


def test_an_initiative_and_its_case_are_one_innovation(innovator, case, adopter, third):
    initiative = _twins(innovator, case)
    first = make_adoption(initiative, adopter)
    second = make_adoption(case, third, source=first)
    admin = UserFactory(is_platform_admin=True)
    assert set(adoptions_of(initiative, user=admin)) == {first, second}
    assert set(adoptions_of(case, user=admin)) == {first, second}
    assert canonical(case) == initiative
    assert innovation_key(case) == innovation_key(initiative) == f"initiative:{initiative.uuid}"
    assert adoption_counts(user=admin) == {("initiative", initiative.pk): 2}
    # the same adopter cannot adopt the case after adopting its initiative
    with pytest.raises(DuplicateError):
        validation.check_not_twice(case, adopter)
    validation.check_not_twice(case, OrganisationFactory())


def test_counts_of_cases_without_initiative_and_per_adopter(case, innovation, adopter, third):
    make_adoption(case, adopter, status="adopted")
    make_adoption(innovation, adopter, status="abandoned")
    make_adoption(innovation, third, status="adapted")
    admin = UserFactory(is_platform_admin=True)
    assert adoption_counts(user=admin) == {("case", case.pk): 1, ("initiative", innovation.pk): 2}
    assert adoption_counts(user=admin, taken_up_only=True) == {
        ("case", case.pk): 1,
        ("initiative", innovation.pk): 1,
    }
    assert adoption_counts_by_adopter(user=admin) == {adopter.pk: 2, third.pk: 1}


def test_own_innovation_is_refused(innovation, innovator, adopter, case):
    with pytest.raises(ValidationFailed) as refused:
        validation.check_not_own(innovation, innovator)
    assert "eigen innovatie" in str(refused.value.message)
    validation.check_not_own(innovation, adopter)
    # the lead of the case an initiative became is the innovator too
    initiative = make_initiative(OrganisationFactory(), title="Ander", status="published")
    Initiative.objects.filter(pk=initiative.pk).update(case=case)
    initiative.refresh_from_db()
    assert innovator_ids(initiative) == {initiative.owner_id, innovator.pk}
    with pytest.raises(ValidationFailed):
        validation.check_not_own(initiative, innovator)


def test_a_cycle_in_the_lineage_is_refused(innovation, adopter, third):
    fourth = OrganisationFactory()
    a = make_adoption(innovation, adopter)
    b = make_adoption(innovation, third, source=a)
    c = make_adoption(innovation, fourth, source=b)
    assert validation.lineage_above(c) == [c.pk, b.pk, a.pk]
    with pytest.raises(ValidationFailed) as refused:
        validation.check_source(innovation, adopter, c, adoption=a)
    assert "cirkel" in str(refused.value.message)
    # learning from another adopter further down another branch is fine
    validation.check_source(innovation, fourth, a, adoption=c)


def test_the_source_is_of_the_same_innovation_and_another_adopter(innovation, case, adopter):
    other = make_adoption(case, OrganisationFactory())
    with pytest.raises(ValidationFailed):
        validation.check_source(innovation, adopter, other)
    own = make_adoption(innovation, adopter)
    with pytest.raises(ValidationFailed):
        validation.check_source(innovation, adopter, own)


def _seen(user) -> set[str]:
    user.__dict__.pop("_proeftuin_roles", None)
    return set(Adoption.objects.visible_to(user).values_list("adopter__name", flat=True))


def test_visibility(innovation, innovator, adopter, third, make_member):
    private_org = OrganisationFactory(name="Privé")
    make_adoption(innovation, adopter, visibility="public")
    make_adoption(innovation, third, visibility="organisation")
    make_adoption(innovation, private_org, visibility="private")
    assert _seen(AnonymousUser()) == {"Gemeente Almere"}
    assert _seen(UserFactory()) == {"Gemeente Almere"}
    assert _seen(make_member(third, Role.VIEWER)) == {"Gemeente Almere", "Gemeente Zwolle"}
    assert _seen(make_member(private_org, Role.VIEWER)) == {"Gemeente Almere"}
    assert _seen(make_member(private_org, Role.EDITOR)) == {"Gemeente Almere", "Privé"}
    # the innovator's members see shared adoptions of their innovation, not private ones
    assert _seen(make_member(innovator, Role.VIEWER)) == {"Gemeente Almere", "Gemeente Zwolle"}
    assert _seen(UserFactory(is_platform_admin=True)) == {
        "Gemeente Almere",
        "Gemeente Zwolle",
        "Privé",
    }


def test_a_public_adoption_of_an_unpublished_innovation_is_not_public(
    innovator, adopter, make_member
):
    draft = make_initiative(innovator, title="Concept", status="draft", visibility="organisation")
    make_adoption(draft, adopter, visibility="public")
    assert _seen(AnonymousUser()) == set()
    assert _seen(make_member(adopter, Role.VIEWER)) == {"Gemeente Almere"}
    assert _seen(make_member(innovator, Role.VIEWER)) == {"Gemeente Almere"}


def test_inactive_member_sees_only_public(innovation, adopter, make_member):
    make_adoption(innovation, adopter, visibility="organisation")
    member = make_member(adopter, Role.EDITOR)
    member.is_active = False
    member.save()
    assert _seen(member) == set()
