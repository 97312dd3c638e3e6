import pytest

from proeftuin.accounts.models import Role
from proeftuin.barriers.models import Authority
from proeftuin.barriers.services import barrier_create
from tests.factories import OrganisationFactory


@pytest.fixture
def alpha(db):
    return OrganisationFactory(name="Gemeente Alfa", slug="gemeente-alfa")


@pytest.fixture
def beta(db):
    return OrganisationFactory(
        name="UWV Beta",
        slug="uwv-beta",
        government_layer="national",
        organisation_type="executive_agency",
    )


@pytest.fixture
def editor(make_member, alpha):
    return make_member(alpha, Role.EDITOR)


@pytest.fixture
def beta_editor(make_member, beta):
    return make_member(beta, Role.EDITOR)


@pytest.fixture
def ministry(db):
    return Authority.objects.create(name="Ministerie van SZW", slug="szw", kind="ministry")


@pytest.fixture
def make_barrier(editor, alpha, ministry):
    def make(**data):
        fields = {
            "title": "Gegevensdeling tussen gemeente en UWV verboden",
            "category": "privacy",
            "description": "De AVG zou verbieden dat de gemeente gegevens van "
            "werkzoekenden met het UWV deelt.",
            "authority": ministry,
            "status": "published",
            "visibility": "public",
        }
        fields.update(data)
        return barrier_create(actor=editor, owner=alpha, data=fields)

    return make
