import pytest

from proeftuin.accounts.models import Role
from proeftuin.circles.services import circle_create, invitation_answer, invite
from tests.factories import OrganisationFactory, make_initiative


@pytest.fixture
def home(db):
    return OrganisationFactory(name="Gemeente Bron", slug="gemeente-bron")


@pytest.fixture
def other(db):
    return OrganisationFactory(name="Gemeente Volger", slug="gemeente-volger")


@pytest.fixture
def host(make_member, home):
    return make_member(home, Role.EDITOR)


@pytest.fixture
def adopter(make_member, other):
    return make_member(other, Role.VIEWER)


@pytest.fixture
def stranger(make_member, other):
    return make_member(other, Role.CONTRIBUTOR)


@pytest.fixture
def pilot(home):
    """A running pilot, published for everyone."""
    return make_initiative(
        home, status="published", visibility="public", title="Proef met wijkteams"
    )


@pytest.fixture
def circle(host, pilot):
    """A closed reference group around the pilot, hosted by ``host``."""
    return circle_create(
        actor=host, innovation=pilot, title="Referentiegroep wijkteams", kind="reference_group"
    )


@pytest.fixture
def joined(circle, host, adopter):
    """``adopter`` invited and accepted: a member."""
    invitation = invite(actor=host, circle=circle, user=adopter)
    return invitation_answer(actor=adopter, invitation=invitation, accept=True)
