"""A case found again in a document is recognised before a second one is made: candidates
with reasons on the review page, a choice between adding to the existing case and making a
new one, and no silent duplicate without that choice."""

from pathlib import Path

import pytest

from proeftuin.accounts.models import Role
from proeftuin.cases.models import Case
from proeftuin.core.models import AuditEntry
from proeftuin.ingestion.casebuilder import case_from_segment
from proeftuin.ingestion.duplicates import duplicate_candidates, overlap, source_duplicates
from proeftuin.ingestion.merging import (
    DuplicateSuspected,
    segment_add_to_case,
    segment_keep_separate,
)
from proeftuin.ingestion.models import DuplicateChoice
from proeftuin.ingestion.services import suggestion_decide, suggestions_accept_above
from tests.factories import OrganisationFactory, make_case
from tests.ingestion.test_review import STORY, upload

pytestmark = pytest.mark.django_db

CAHIER = (
    Path(__file__).resolve().parents[3]
    / "shared/corpus/cahier-inaxis-innovatie-bij-de-overheid.txt"
)
# the case the demo library has for the cahier's first story (proeftuin/demo/fixtures/inaxis.yaml)
TEN_BOER_TITLE = "Ten Boer besteedt de ambtelijke uitvoering uit aan Groningen"


@pytest.fixture
def proefstad(db):
    return OrganisationFactory(name="Gemeente Proefstad")


@pytest.fixture
def editor(make_member, proefstad):
    return make_member(proefstad, Role.EDITOR)


@pytest.fixture
def library_case(proefstad, django_capture_on_commit_callbacks):
    """The same innovation, already in the library (and in its search index)."""
    with django_capture_on_commit_callbacks(execute=True):
        return make_case(
            organisations=[proefstad],
            title="Wijkteams in Proefstad voorkomen gedwongen uithuisplaatsingen",
            summary="Proefstad zet wijkteams in; gedwongen uithuisplaatsingen dalen met 60%.",
            year_start=None,
            sections={"openness": "Alle cijfers staan op het open dataportaal."},
            lessons=[{"kind": "success_factor", "text": "Begin bij het probleem."}],
        )


def _reviewed(actor, capture, data=STORY, name="proefstad.txt"):
    """Upload, accept everything and name the organisation as the registry does."""
    source, _job, _ = upload(actor, data=data, name=name, capture=capture)
    for segment in sorted(set(source.suggestions.values_list("segment", flat=True))):
        suggestions_accept_above(actor=actor, source=source, segment=segment, threshold=0.0)
    source.refresh_from_db()  # the job stored its text
    return source


def _segment_of(source, organisation: str) -> int:
    rows = source.suggestions.filter(field="organisation.name")
    return next(r.segment for r in rows if r.value == organisation)


def test_the_inaxis_duplicate_is_now_detected(make_member, django_capture_on_commit_callbacks):
    """Issue 9: importing the InAxis cahier made a second case of one already in the
    library, without a word. The library case: same organisation, similar title."""
    if not CAHIER.exists():
        pytest.skip("../shared/corpus is not available")
    ten_boer = OrganisationFactory(name="Gemeente Ten Boer")
    editor = make_member(ten_boer, Role.EDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        existing = make_case(organisations=[ten_boer], title=TEN_BOER_TITLE)
    source = _reviewed(editor, django_capture_on_commit_callbacks, CAHIER.read_bytes(), CAHIER.name)
    segment = _segment_of(source, "Gemeente Ten Boer")
    found = duplicate_candidates(user=editor, source=source, segment=segment)
    assert [c.case for c in found] == [existing]
    assert found[0].strong and found[0].organisation and found[0].title >= 0.5
    assert any("Gemeente Ten Boer" in reason for reason in found[0].reasons)
    before = Case.objects.count()
    with pytest.raises(DuplicateSuspected) as refused:
        case_from_segment(actor=editor, source=source, segment=segment)
    assert TEN_BOER_TITLE in str(refused.value.message)
    assert Case.objects.count() == before  # no second case without a choice
    # the other stories of the cahier are other innovations: no false alarm there
    others = [g for g in source_duplicates(user=editor, source=source) if g.segment != segment]
    assert not [g for g in others if g.strong]


def test_a_strong_duplicate_asks_for_a_choice_on_the_review_page(
    client, editor, library_case, django_capture_on_commit_callbacks
):
    source = _reviewed(editor, django_capture_on_commit_callbacks)
    client.force_login(editor)
    before = Case.objects.count()
    response = client.post(f"/documenten/{source.uuid}/casus/0/", {"action": "case"}, follow=True)
    page = response.content.decode()
    assert Case.objects.count() == before
    assert "Al in de bibliotheek?" in page and library_case.title in page
    assert "Dezelfde organisatie: Gemeente Proefstad" in page
    assert "Voeg toe aan bestaande casus" in page and "Maak toch een nieuwe casus" in page
    assert f'value="{library_case.uuid}"' in page


def test_make_a_new_case_anyway(client, editor, library_case, django_capture_on_commit_callbacks):
    source = _reviewed(editor, django_capture_on_commit_callbacks)
    client.force_login(editor)
    url = f"/documenten/{source.uuid}/casus/0/dubbel/"
    response = client.post(url, {"action": "new"})
    made = Case.objects.exclude(pk=library_case.pk).get()
    assert response.status_code == 302 and response["Location"] == f"/casussen/{made.slug}/"
    choice = DuplicateChoice.objects.get(source=source, segment=0)
    assert choice.choice == "new" and choice.decided_by == editor
    assert AuditEntry.objects.filter(object_uuid=choice.uuid, action="create").exists()
    # making the draft again updates that case and asks nothing
    assert case_from_segment(actor=editor, source=source, segment=0) == made


def test_add_to_the_existing_case_appends_and_lists_conflicts(
    client, editor, library_case, django_capture_on_commit_callbacks
):
    source = _reviewed(editor, django_capture_on_commit_callbacks)
    name = source.suggestions.get(segment=0, field="organisation.name")
    suggestion_decide(
        actor=editor, suggestion=name, decision="edited", edited_value="Gemeente Proefstad"
    )
    version = library_case.version
    client.force_login(editor)
    url = f"/documenten/{source.uuid}/casus/0/dubbel/"
    response = client.post(url, {"action": "merge", "case": str(library_case.uuid)}, follow=True)
    assert Case.objects.count() == 1  # no second case
    case = Case.objects.get(pk=library_case.pk)
    assert case.version > version
    lessons = list(case.lessons.values_list("text", flat=True))
    assert lessons[0] == "Begin bij het probleem."  # what the case had stays, first
    assert len(lessons) > 1  # the document's other lessons are appended
    assert case.title == library_case.title and case.summary == library_case.summary
    assert case.citations.filter(document=source.document).exists()
    choice = DuplicateChoice.objects.get(source=source, segment=0)
    assert choice.choice == "merged" and choice.case == case
    assert set(source.suggestions.filter(segment=0).values_list("case", flat=True)) == {case.pk}
    page = response.content.decode()
    assert "De geaccepteerde waarden zijn toegevoegd aan" in page
    conflicts = {c["field"] for c in choice.conflicts}
    assert "sections.openness" in conflicts  # a different text for a theme it has: listed
    assert "Openheid" in page and "Alle cijfers staan op het open dataportaal." in page
    audits = AuditEntry.objects.filter(object_uuid__in=[case.uuid, choice.uuid])
    assert {(a.object_type, a.action) for a in audits} >= {
        ("cases.case", "update"),
        ("ingestion.duplicatechoice", "create"),
    }
    # adding again (or "make draft case" after the choice) doubles nothing
    lessons_before = case.lessons.count()
    again = case_from_segment(actor=editor, source=source, segment=0)
    assert again == case and case.lessons.count() == lessons_before


def test_single_fields_are_filled_only_where_empty(
    editor, library_case, django_capture_on_commit_callbacks
):
    from proeftuin.cases.service import case_extend

    case, conflicts = case_extend(
        case=library_case,
        actor=editor,
        title="Een andere titel",
        summary=library_case.summary,
        year_start=2017,
        lessons=[{"kind": "pitfall", "text": "Vergeet de wethouder niet."}],
        sections={"employership": "Medewerkers krijgen ruimte om te leren."},
    )
    assert case.title == library_case.title and case.year_start == 2017
    assert conflicts == [
        {"field": "title", "current": library_case.title, "offered": "Een andere titel"}
    ]
    assert set(case.sections.values_list("theme__key", flat=True)) == {"openness", "employership"}
    assert case.lessons.count() == 2


def test_only_cases_the_reviewer_may_see_are_candidates(
    make_member, editor, proefstad, django_capture_on_commit_callbacks
):
    hidden_owner = OrganisationFactory(name="Gemeente Elders")
    with django_capture_on_commit_callbacks(execute=True):
        hidden = make_case(
            organisations=[hidden_owner],
            title="Wijkteams in Proefstad voorkomen gedwongen uithuisplaatsingen",
            status="draft",
            visibility="private",
        )
    source = _reviewed(editor, django_capture_on_commit_callbacks)
    assert duplicate_candidates(user=editor, source=source, segment=0) == []
    # nor can one add to it by sending its id
    with pytest.raises(Exception):  # noqa: B017 - NotAllowed from the case service
        segment_add_to_case(actor=editor, source=source, segment=0, case=hidden)
    assert hidden.lessons.count() == 1
    assert case_from_segment(actor=editor, source=source, segment=0).pk != hidden.pk


def test_merging_into_an_invisible_case_by_its_id_is_refused(
    client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        hidden = make_case(
            organisations=[OrganisationFactory()], status="draft", visibility="private"
        )
    source = _reviewed(editor, django_capture_on_commit_callbacks)
    client.force_login(editor)
    url = f"/documenten/{source.uuid}/casus/0/dubbel/"
    response = client.post(url, {"action": "merge", "case": str(hidden.uuid)}, follow=True)
    assert "Deze casus bestaat niet of is niet zichtbaar voor u." in response.content.decode()
    assert hidden.title not in response.content.decode()
    assert not DuplicateChoice.objects.exists() and hidden.lessons.count() == 1


def test_another_innovation_of_the_same_organisation_is_no_duplicate(
    editor, proefstad, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_case(
            organisations=[proefstad],
            title="Nieuwe parkeerapp voor bezoekers van de binnenstad",
            summary="Bezoekers betalen hun parkeerplaats met een app.",
            lessons=[],
        )
    source = _reviewed(editor, django_capture_on_commit_callbacks)
    assert duplicate_candidates(user=editor, source=source, segment=0) == []
    assert case_from_segment(actor=editor, source=source, segment=0).status == "draft"


def test_keeping_separate_after_adding_is_refused(
    editor, library_case, django_capture_on_commit_callbacks
):
    source = _reviewed(editor, django_capture_on_commit_callbacks)
    segment_add_to_case(actor=editor, source=source, segment=0, case=library_case)
    with pytest.raises(Exception, match="al toegevoegd"):
        segment_keep_separate(actor=editor, source=source, segment=0)


def test_title_overlap_weighs_rare_words():
    same, shared = overlap("Ten Boer besteedt zich uit", TEN_BOER_TITLE)
    assert same >= 0.6 and {"ten", "boer", "besteedt"} <= set(shared)
    other, _ = overlap("Gemeente Enschede doorbreekt de hulpverlenerscarrousel", TEN_BOER_TITLE)
    assert other == 0.0


def test_every_story_of_the_cahier_is_found_in_the_demo_library(
    make_member, django_capture_on_commit_callbacks
):
    """The whole example of the issue: the demo library (both demo sets) and the cahier."""
    if not CAHIER.exists():
        pytest.skip("../shared/corpus is not available")
    from proeftuin.demo.loader import load_demo
    from proeftuin.organisations.models import Organisation

    with django_capture_on_commit_callbacks(execute=True):
        load_demo()
    inaxis = Organisation.objects.get(name="InAxis")
    editor = make_member(inaxis, Role.EDITOR)
    source = _reviewed(editor, django_capture_on_commit_callbacks, CAHIER.read_bytes(), CAHIER.name)
    groups = source_duplicates(user=editor, source=source)
    stories = source.suggestions.values("segment").distinct().count()
    assert len(groups) == stories == 4
    best = [g.candidates[0] for g in groups]
    assert all(c.strong for c in best), [(c.case.title, c.score) for c in best]
    assert len({c.case.pk for c in best}) == 4  # each story its own case
    cited = Case.objects.filter(citations__document__key="inaxis-cahier").distinct()
    assert {c.case.pk for c in best} <= set(cited.values_list("pk", flat=True))
    # no case of the other demo set (the casebook) is taken for a strong duplicate
    assert not [c for g in groups for c in g.candidates if c.strong and c.case not in cited]
