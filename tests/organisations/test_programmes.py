"""Programmes: saved by platform administrators only, audited, and visible as their
visibility says."""

import pytest

from proeftuin.accounts.models import Role
from proeftuin.core.service import NotAllowed, ValidationFailed, audit_history
from proeftuin.organisations.models import Programme
from proeftuin.organisations.services import programme_save
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_only_platform_administrators_save_programmes(make_member, platform_admin):
    org = OrganisationFactory()
    with pytest.raises(NotAllowed):
        programme_save(actor=make_member(org, Role.EDITOR), name="P", members=[org])
    with pytest.raises(ValidationFailed):
        programme_save(actor=platform_admin, name="  ", members=[org])
    assert not Programme.objects.exists()
    programme = programme_save(actor=platform_admin, name="Rijksprogramma X", members=[org])
    assert programme.slug == "rijksprogramma-x"
    assert audit_history(programme)


def test_an_organisation_only_programme_is_seen_by_its_members(make_member, platform_admin):
    inside, outside = OrganisationFactory(), OrganisationFactory()
    programme = programme_save(
        actor=platform_admin, name="Besloten", members=[inside], visibility="organisation"
    )
    assert list(Programme.objects.visible_to(make_member(inside))) == [programme]
    assert not Programme.objects.visible_to(make_member(outside)).exists()
    assert not Programme.objects.visible_to(UserFactory()).exists()
    assert Programme.objects.visible_to(platform_admin).exists()


def test_managers_see_and_manage_their_programme(make_member, platform_admin):
    from proeftuin.organisations.service import (
        can_manage_programme,
        is_programme_manager,
        programmes_managed,
    )

    org = OrganisationFactory()
    manager, other = UserFactory(), make_member(org, Role.ORGANISATION_ADMIN)
    programme = programme_save(
        actor=platform_admin,
        name="Besloten beheer",
        members=[org],
        visibility="organisation",
        managers=[manager],
    )
    assert list(Programme.objects.visible_to(manager)) == [programme]
    assert is_programme_manager(manager, programme) and not is_programme_manager(other, programme)
    assert can_manage_programme(manager, programme)[0]
    assert can_manage_programme(platform_admin, programme)[0]
    assert not can_manage_programme(other, programme)[0]
    assert list(programmes_managed(manager)) == [programme]
    assert audit_history(programme)[0].changes["managers"] == [None, [manager.username]]
    manager.is_active = False
    manager.save()
    assert not Programme.objects.visible_to(manager).exists()
    assert not can_manage_programme(manager, programme)[0]
