"""The duplicate candidates on a document's review page name only cases the reader may see:
a document of A that resembles all of A's cases lists, per actor, exactly the visible ones."""

import pytest

from proeftuin.ingestion.services import source_upload
from tests.security.probes import leaks, missing
from tests.security.world import ACTORS

pytestmark = pytest.mark.django_db

# like every case of A: its organisation, the word "casus" in the title, "wijkteams"
LOOKALIKE = (
    b"Gemeente Alfa\n\nCasus over wijkteams\n\n"
    b"Een casus over wijkteams in de gemeente, met het kenmerk van elke casus.\n"
)


def test_candidates_respect_visibility(world, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        source, _job, _created = source_upload(
            actor=world.users["a_editor"], filename="lijkt-op.txt", data=LOOKALIKE
        )
    problems = []
    for actor in ACTORS:
        body = client_for(actor).get(f"/documenten/{source.uuid}/").content.decode()
        problems += [f"{actor}: {p}" for p in leaks(world, actor, body)]
        if world.sees_source(actor):
            section = body[body.find("Al in de bibliotheek?") :]
            problems += [f"{actor}: {p}" for p in missing(world, actor, section)]
    assert not problems, "\n".join(problems)
