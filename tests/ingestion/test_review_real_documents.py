"""The review queue over real documents (read from ../shared, skipped when absent): every
case and page renders, in Dutch, at most a page of suggestions at a time, and a decision
and its undo work on each kind of value found. Only documents developed against are used."""

import re
import time
from pathlib import Path

import pytest
from django.utils import translation

from proeftuin.accounts.models import Role
from proeftuin.ingestion.models import Suggestion
from proeftuin.ingestion.selectors import PAGE_SIZE
from proeftuin.ingestion.services import source_upload
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
SHARED = Path(__file__).resolve().parents[3] / "shared"
DOCUMENTS = [
    SHARED / "corpus" / "casebook-beste-overheidsorganisatie-2014-2017.txt",
    SHARED / "realdocs" / "logius-ebms3-as4-eindrapport.pdf",
]
RAW = re.compile(r"organisation\.\w+|sections\.\w+|\b(?:unit|direction|kind|exact): ")


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_every_case_and_page_of_a_real_document(
    path, client, make_member, django_capture_on_commit_callbacks
):
    if not path.exists():
        pytest.skip(f"{path} is not available")
    editor = make_member(OrganisationFactory(name="Gemeente Lezer"), Role.EDITOR)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        source, _job, _ = source_upload(actor=editor, filename=path.name, data=path.read_bytes())
    segments = sorted(set(source.suggestions.values_list("segment", flat=True)))
    assert segments, "nothing to review"
    slowest = 0.0
    with translation.override("nl"):
        for segment in segments:
            total = source.suggestions.filter(segment=segment).count()
            for number in range(1, (total - 1) // PAGE_SIZE + 2):
                started = time.perf_counter()
                response = client.get(
                    f"/documenten/{source.uuid}/?casus={segment}&toon=alle&pagina={number}"
                )
                slowest = max(slowest, time.perf_counter() - started)
                html = response.content.decode()
                assert response.status_code == 200
                shown = html.count("<article")
                assert 0 < shown <= PAGE_SIZE
                values = re.findall(r'class="pt-review-item__(?:label|value)"[^>]*>([^<]*)<', html)
                raw = [v for v in values if RAW.search(v)]
                assert not raw, raw[:3]
        for field in set(source.suggestions.values_list("field", flat=True)):
            row = source.suggestions.filter(field=field).first()
            url = f"/documenten/suggesties/{row.uuid}/"
            client.post(url, {"decision": "rejected"}, HTTP_HX_REQUEST="true")
            client.post(f"{url}ongedaan/", HTTP_HX_REQUEST="true")
            row.refresh_from_db()
            assert row.status == Suggestion.Status.PENDING, field
    print(
        f"{path.name}: {source.suggestions.count()} suggestions, {len(segments)} cases, "
        f"slowest page {slowest:.2f} s"
    )
