import datetime

import pytest

from proeftuin.accounts.models import Role
from proeftuin.organisations.services import programme_save
from proeftuin.patents import services
from tests.diffusion.factories import make_adoption
from tests.factories import OrganisationFactory, UserFactory, make_initiative


@pytest.fixture
def innovator(db):
    return OrganisationFactory(name="Sociale Verzekeringsbank", slug="svb")


@pytest.fixture
def adopter(db):
    return OrganisationFactory(name="Gemeente Volger", slug="gemeente-volger")


@pytest.fixture
def bystander(db):
    return OrganisationFactory(name="Gemeente Elders", slug="gemeente-elders")


@pytest.fixture
def manager(db):
    return UserFactory(username="programmamanager")


@pytest.fixture
def programme(manager, innovator, platform_admin):
    return programme_save(
        actor=platform_admin,
        name="Programma Innovatiepatent",
        members=[innovator],
        managers=[manager],
    )


@pytest.fixture
def closed_programme(manager, innovator, platform_admin):
    return programme_save(
        actor=platform_admin,
        name="Besloten programma",
        members=[innovator],
        managers=[manager],
        visibility="organisation",
    )


@pytest.fixture
def editor(make_member, innovator):
    return make_member(innovator, Role.EDITOR)


@pytest.fixture
def innovation(innovator, adopter):
    """A public initiative of the innovator, adopted by ``adopter``: proven."""
    initiative = make_initiative(
        innovator,
        status="published",
        visibility="public",
        title="Kwijtschelding via de SVB",
    )
    make_adoption(initiative, adopter, status="adopted")
    return initiative


@pytest.fixture
def patent(manager, programme, innovation):
    return services.patent_award(
        actor=manager,
        programme=programme,
        innovation=innovation,
        conditions="Minstens één introductiegesprek per gemeente.",
        awarded_on=datetime.date(2025, 3, 1),
    )


@pytest.fixture
def met(patent, editor, adopter):
    """An introduction meeting with ``adopter`` recorded."""
    return services.meeting_record(
        actor=editor, patent=patent, date=datetime.date(2025, 4, 1), adopters=[adopter]
    )
