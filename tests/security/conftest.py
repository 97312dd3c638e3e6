import pytest
from django.test import Client

from tests.otp_support import VerifiedClient
from tests.security.world import add_decision, build_world


@pytest.fixture
def world(db, django_capture_on_commit_callbacks):
    """A's private things and every actor; background jobs (ingestion, indexing) run."""
    with django_capture_on_commit_callbacks(execute=True):
        world = build_world()
    add_decision(world)  # once the job has stored the suggestions
    return world


@pytest.fixture
def client_for(world):
    """client_for(actor) -> a test client signed in as that actor (none for anonymous)."""

    def make(actor: str) -> Client:
        client = VerifiedClient()  # an administrator has passed the second factor
        client.actor = actor
        if actor != "anonymous":
            client.force_login(world.users[actor])
        return client

    return make


@pytest.fixture
def funding(world, django_capture_on_commit_callbacks):
    """The funding world beside A and B (``funding_world.py``); its actors join
    ``world.users``, so ``client_for`` signs them in too."""
    from tests.security.funding_world import build_funding

    with django_capture_on_commit_callbacks(execute=True):
        return build_funding(world)
