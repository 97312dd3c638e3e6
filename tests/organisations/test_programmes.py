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
