import pytest

from proeftuin.ingestion.extraction import themes
from proeftuin.ingestion.learning import train_theme_classifier
from proeftuin.ingestion.models import Suggestion
from tests.ingestion.test_review import upload

pytestmark = pytest.mark.django_db

OPEN = "De organisatie publiceert alle cijfers en besluiten openlijk voor iedere inwoner"
STAFF = "Medewerkers krijgen ruimte voor opleiding, loopbaan en een goede werkplek"


def test_classifier_learns_from_accepted_and_rejected_codings(
    make_member, django_capture_on_commit_callbacks
):
    from proeftuin.accounts.models import Role
    from tests.factories import OrganisationFactory

    user = make_member(OrganisationFactory(), Role.CONTRIBUTOR)
    source, _job, _ = upload(user, capture=django_capture_on_commit_callbacks)
    assert train_theme_classifier() is None  # too few decisions yet
    examples = (
        [("sections.openness", "accepted", OPEN)] * 6
        + [("sections.employership", "edited", STAFF)] * 6
        + [("sections.openness", "rejected", "Het weer was goed tijdens de excursie")] * 2
    )
    for field, status, quote in examples:
        Suggestion.objects.create(
            source=source,
            segment=9,
            segment_title="x",
            field=field,
            value=quote,
            start=0,
            end=1,
            quote=quote,
            step="t",
            step_version="1",
            confidence=1,
            status=status,
            page=1,
        )
    model = train_theme_classifier()
    assert model is not None and "model" in themes._installed
    assert model.predict(["Alle besluiten en cijfers worden openlijk gepubliceerd"]) == ["openness"]
    themes.install_theme_classifier(None)
