"""The patents' section of "Mijn werk": open claims for the programme's managers only."""

import pytest

from proeftuin.core.service import work_for
from proeftuin.patents import services_claims

pytestmark = pytest.mark.django_db


def _section(user):
    return next((s for s in work_for(user) if s.key == "patent-claims"), None)


def test_managers_see_the_claims_to_decide(client, patent, met, editor, adopter, manager):
    assert _section(editor) is None
    assert _section(manager).count == 0
    claim = services_claims.claim_request(actor=editor, patent=patent, adopter=adopter)
    section = _section(manager)
    assert section.count == 1 and "Gemeente Volger" in section.items[0].detail
    client.force_login(manager)
    page = client.get("/mijn-werk/").content.decode()
    assert f"/patenten/{patent.uuid}/#vergoeding-{claim.uuid}" in page
    services_claims.claim_decide(actor=manager, claim=claim, decision="pay")
    assert _section(manager).count == 0
