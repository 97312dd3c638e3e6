import pytest

from proeftuin.accounts.models import Role
from tests.factories import OrganisationFactory, make_initiative


@pytest.fixture
def lead(db):
    return OrganisationFactory(name="Gemeente Lead", slug="gemeente-lead")


@pytest.fixture
def partner(db):
    return OrganisationFactory(name="Waterschap Partner", slug="waterschap-partner")


@pytest.fixture
def editor(make_member, lead):
    return make_member(lead, Role.EDITOR)


@pytest.fixture
def contributor(make_member, lead):
    return make_member(lead, Role.CONTRIBUTOR)


@pytest.fixture
def initiative(lead, partner, contributor):
    """A draft shared with the lead organisation; the contributor is its owner."""
    return make_initiative(
        lead,
        actor=contributor,
        partners=[partner],
        status="draft",
        visibility="organisation",
        reflection_interval_days=30,
    )


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
