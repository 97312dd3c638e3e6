import pytest

from proeftuin.accounts.models import Role
from tests.factories import OrganisationFactory, make_case, make_initiative


@pytest.fixture
def innovator(db):
    return OrganisationFactory(name="SVB", slug="svb", province="PV26")


@pytest.fixture
def adopter(db):
    return OrganisationFactory(name="Gemeente Almere", slug="gemeente-almere", province="PV24")


@pytest.fixture
def third(db):
    return OrganisationFactory(name="Gemeente Zwolle", slug="gemeente-zwolle", province="PV23")


@pytest.fixture
def innovation(innovator):
    """A published, public initiative of the innovator."""
    return make_initiative(
        innovator,
        title="Budgetbeheer voor mensen met een PGB",
        status="published",
        visibility="public",
    )


@pytest.fixture
def case(innovator):
    return make_case(organisations=[innovator], title="Wijkteams")


@pytest.fixture
def adopter_editor(make_member, adopter):
    return make_member(adopter, Role.EDITOR)


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
