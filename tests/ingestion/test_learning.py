"""The theme classifier learns from review decisions, per organisation: one organisation's
decisions read another's documents only when it chose to share them."""

import threading

import pytest

from proeftuin.accounts.models import Role
from proeftuin.ingestion import learning
from proeftuin.ingestion.extraction import themes
from proeftuin.ingestion.learning import classifier_for, train_theme_classifier
from proeftuin.ingestion.models import Suggestion
from proeftuin.ingestion.services import job_start, suggestion_decide
from proeftuin.organisations.services import organisation_update
from tests.factories import OrganisationFactory
from tests.ingestion.test_review import upload

pytestmark = pytest.mark.django_db

OPEN = "De organisatie publiceert alle cijfers en besluiten openlijk voor iedere inwoner"
STAFF = "Medewerkers krijgen ruimte voor opleiding, loopbaan en een goede werkplek"
WEATHER = "Het weer was goed tijdens de excursie"
# no theme headings: only a trained classifier can find a theme passage here
UNHEADED = (
    "GEMEENTE TWEEDORP\n\nVerhaal\n\n"
    + " ".join(["Alle besluiten en cijfers worden openlijk gepubliceerd voor iedere inwoner."] * 6)
    + "\n"
).encode()


@pytest.fixture(autouse=True)
def fresh_models():
    learning.forget_models()
    yield
    learning.forget_models()
    themes.install_theme_classifier(None)


def _codings(source, examples) -> None:
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


TRAINING = (
    [("sections.openness", "accepted", OPEN)] * 6
    + [("sections.employership", "edited", STAFF)] * 6
    + [("sections.openness", "rejected", WEATHER)] * 2
)


def _classified(source) -> list[str]:
    return sorted(
        source.suggestions.filter(step="themes.classifier").values_list("field", flat=True)
    )


@pytest.fixture
def two_organisations(make_member, django_capture_on_commit_callbacks):
    """O1 has a reviewed document with enough codings; O2 has none."""
    o1, o2 = OrganisationFactory(), OrganisationFactory()
    u1 = make_member(o1, Role.CONTRIBUTOR)
    u2 = make_member(o2, Role.CONTRIBUTOR)
    reviewed, _job, _ = upload(u1, capture=django_capture_on_commit_callbacks)
    _codings(reviewed, TRAINING)
    return o1, o2, u1, u2


def test_classifier_learns_from_accepted_and_rejected_codings(two_organisations):
    o1, _o2, _u1, _u2 = two_organisations
    model = train_theme_classifier(o1)
    assert model is not None and "model" in themes._installed
    assert model.predict(["Alle besluiten en cijfers worden openlijk gepubliceerd"]) == ["openness"]
    assert model.predict([WEATHER]) == [None]


def test_too_few_decisions_train_nothing(make_member, django_capture_on_commit_callbacks):
    org = OrganisationFactory()
    source, _job, _ = upload(
        make_member(org, Role.CONTRIBUTOR), capture=django_capture_on_commit_callbacks
    )
    _codings(source, TRAINING[:5])
    assert classifier_for(org) is None


def test_one_organisations_decisions_stay_out_of_anothers_documents(
    two_organisations, django_capture_on_commit_callbacks
):
    _o1, o2, u1, u2 = two_organisations
    # O1's own new document is read with what O1's reviewers taught it ...
    own, _job, _ = upload(
        u1, data=UNHEADED, name="eigen.txt", capture=django_capture_on_commit_callbacks
    )
    assert _classified(own) == ["sections.openness"]
    # ... O2's document is not (with one model for everyone it would be)
    other, _job, _ = upload(
        u2, data=UNHEADED, name="ander.txt", capture=django_capture_on_commit_callbacks
    )
    assert _classified(other) == []
    assert classifier_for(o2) is None


def test_sharing_is_opt_in_and_counts_at_the_next_run(
    two_organisations, django_capture_on_commit_callbacks
):
    o1, o2, _u1, u2 = two_organisations
    other, _job, _ = upload(
        u2, data=UNHEADED, name="ander.txt", capture=django_capture_on_commit_callbacks
    )
    assert _classified(other) == []
    organisation_update(organisation=o1, share_review_decisions=True)
    with django_capture_on_commit_callbacks(execute=True):
        job_start(source=other)
    assert _classified(other) == ["sections.openness"]
    # O2 shares nothing: its decisions never reach O1 (O1's scope is O1 and the sharers)
    assert learning.learning_scope(o1.pk) == (o1.pk,)
    assert learning.learning_scope(o2.pk) == (o2.pk, o1.pk)


def test_a_model_is_trained_again_only_after_a_new_decision(two_organisations, monkeypatch):
    o1, _o2, u1, _u2 = two_organisations
    fits = []
    original = learning._fit
    monkeypatch.setattr(learning, "_fit", lambda scope: fits.append(scope) or original(scope))
    first = classifier_for(o1)
    assert classifier_for(o1) is first and len(fits) == 1  # nothing new: the cached model
    pending = Suggestion.objects.create(
        source=Suggestion.objects.filter(source__owner=o1).first().source,
        segment=9,
        segment_title="x",
        field="sections.openness",
        value=WEATHER,
        start=0,
        end=1,
        quote="De gemeente nodigt inwoners uit om mee te praten over besluiten",
        step="t",
        step_version="1",
        confidence=1,
        page=1,
    )
    assert classifier_for(o1) is first  # a pending suggestion teaches nothing
    suggestion_decide(actor=u1, suggestion=pending, decision="accepted")
    again = classifier_for(o1)
    assert again is not first and len(fits) == 2
    assert again.class_counts["openness"] == first.class_counts["openness"] + 1


def test_each_thread_reads_with_its_own_organisations_model(two_organisations):
    o1, o2, _u1, _u2 = two_organisations
    models = {1: classifier_for(o1), 2: classifier_for(o2)}
    both_inside = threading.Barrier(2, timeout=5)
    seen = {}

    def read(key):
        with themes.theme_classifier(models[key]):
            both_inside.wait()  # the two blocks overlap in time
            seen[key] = "model" in themes._installed

    threads = [threading.Thread(target=read, args=(key,)) for key in models]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert models[1] is not None and seen == {1: True, 2: False}
    assert "model" not in themes._installed  # nothing left behind outside the block
