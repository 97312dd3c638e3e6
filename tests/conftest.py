import pytest

from proeftuin.accounts.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.otp_support import VerifiedAPIClient, VerifiedClient


@pytest.fixture
def client():
    """Django's test client; ``force_login`` of an administrator also passes the second
    factor (see tests/otp_support.py)."""
    return VerifiedClient()


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's admin client, signed in with the second factor passed."""
    client = VerifiedClient()
    client.force_login(admin_user)
    return client


@pytest.fixture
def api_client():
    return VerifiedAPIClient()


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def make_member(db):
    """make_member(organisation, role) -> a user with that role in that organisation."""

    def factory(organisation, role=Role.VIEWER):
        return MembershipFactory(organisation=organisation, role=role).user

    return factory


@pytest.fixture
def platform_admin(db):
    return UserFactory(is_platform_admin=True)


@pytest.fixture
def outsider(db):
    """A signed-in user without any membership."""
    return UserFactory()


@pytest.fixture
def client_factory():
    return VerifiedClient


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a figure cached by an earlier test, keyed on
    content generations that a rolled-back database gives again, cannot leak into it."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def search_index(tmp_path, settings):
    """Each test gets its own keyword index folder and fresh in-process indexes."""
    from proeftuin.search import runtime
    from tests.search_support import register

    register()
    settings.SEARCH_INDEX_DIR = str(tmp_path / "search-index")
    settings.EMBEDDING_PROVIDER = "test-hashing"
    runtime.reset()
    yield
    runtime.reset()
