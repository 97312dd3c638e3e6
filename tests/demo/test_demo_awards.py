"""The demo awards: the Verkiezing Beste Overheidsorganisatie 2014-2017, each edition run
through the awards services from nomination to finalists who became cases; idempotent."""

import pytest

from proeftuin.awards.casebook_job import make_casebook
from proeftuin.awards.models import (
    Casebook,
    CasebookStatus,
    Criterion,
    Edition,
    Nomination,
    PanelDecision,
    SiteVisit,
)
from proeftuin.awards.models_judging import Panel, Scorecard
from proeftuin.awards.service import judging_refusal, scorecard_save
from proeftuin.core.service import NotAllowed
from proeftuin.demo.accounts import create_demo_accounts
from proeftuin.demo.awards import load_awards, read_awards
from proeftuin.demo.loader import load_demo
from proeftuin.demo.portfolio import Library

pytestmark = pytest.mark.django_db

FINALISTS = {
    2014: {
        "Jeugdbescherming Regio Amsterdam",
        "Hoogheemraadschap Hollands Noorderkwartier",
        "Rijkswaterstaat",
        "Gemeente Zaanstad",
    },
    2015: {
        "Centraal Bureau voor de Statistiek",
        "Fiscale Inlichtingen- en Opsporingsdienst",
        "Avri",
    },
    2016: {
        "Veiligheidsregio Rotterdam-Rijnmond",
        "Dienst Uitvoering Onderwijs",
        "Gemeente Leeuwarden",
    },
    2017: {"Staatsbosbeheer", "Stadsregio Parkstad Limburg", "Waterschap Brabantse Delta"},
}


@pytest.fixture
def awards(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    load_demo()
    create_demo_accounts()
    return load_awards()


def editions():
    return Edition.objects.order_by("year")


def test_four_published_editions_with_their_finalists(awards):
    assert (awards.created, awards.existing, awards.finalists) == (4, 0, 13)
    assert [e.year for e in editions()] == [2014, 2015, 2016, 2017]
    for edition in editions():
        assert edition.published
        finalists = edition.nominations.filter(stage__key="finalist")
        assert {n.owner.name for n in finalists} == FINALISTS[edition.year]
        assert edition.finalists == len(FINALISTS[edition.year])
        assert not edition.nominations.filter(stage__key="winner").exists()


def test_the_criteria_changed_in_2017(awards):
    names = {
        year: list(Criterion.objects.filter(edition__year=year).values_list("name", flat=True))
        for year in (2014, 2016, 2017)
    }
    assert len(names[2014]) == 10 and names[2014] == names[2016]
    assert len(names[2017]) == 7
    assert "Onderscheidend vermogen" in names[2017] and "Werkgeverschap" not in names[2017]
    themes = dict(Criterion.objects.filter(edition__year=2017).values_list("name", "theme"))
    assert themes["Onderscheidend vermogen"] == "authenticity"
    assert themes["Missiegedrevenheid"] == ""


def test_past_dates_and_history(awards):
    edition = Edition.objects.get(year=2015)
    assert edition.nominations_open.year == edition.ceremony_on.year == 2015
    for nomination in edition.nominations.all():
        assert nomination.submitted_at.year == 2015 and nomination.consent == "given"
        assert nomination.submitted_at < edition.submissions_close
    cards = Scorecard.objects.filter(panel__edition=edition)
    assert cards.exists() and all(c.submitted_at.year == 2015 for c in cards)


def test_panels_with_a_chair_and_decisions_step_by_step(awards):
    for edition in editions():
        panels = Panel.objects.filter(edition=edition)
        assert {p.kind for p in panels} == {"selection", "jury"}
        assert all(p.chair is not None and p.members.filter(pk=p.chair_id) for p in panels)
        decisions = PanelDecision.objects.filter(panel__edition=edition)
        assert {d.decision for d in decisions} == {"long_list", "top_ten", "finalist"}
    pitches = Scorecard.objects.filter(step="pitch")
    assert {c.panel.edition.year for c in pitches} == {2017}


def test_a_conflicted_judge_is_blocked(awards):
    judge = Library.user("jurylid-rijkswaterstaat")
    rws = Nomination.objects.get(edition__year=2014, owner__name="Rijkswaterstaat")
    jury = Panel.objects.get(edition__year=2014, kind="jury")
    assert not Scorecard.objects.filter(judge=judge, nomination=rws).exists()
    assert Scorecard.objects.filter(judge=judge, panel=jury).exists()
    assert "Rijkswaterstaat" in judging_refusal(judge, jury, rws, "site_visit")
    with pytest.raises(NotAllowed):
        scorecard_save(actor=judge, panel=jury, nomination=rws, step="site_visit", scores={})


def test_finalists_are_linked_to_their_library_cases_without_duplicates(awards):
    nominations = Nomination.objects.filter(stage__key="finalist")
    assert nominations.count() == 13 == SiteVisit.objects.count()
    library = Library()
    titles = {spec["organisation"]: spec["case"] for e in read_awards()["editions"]
              for spec in e["nominees"]}  # fmt: skip
    for nomination in nominations.select_related("case__theme_set", "owner"):
        case = nomination.case
        assert case.status == "published" and case.visibility == "public"
        recognitions = list(case.recognitions.values_list("kind", "name", "year"))
        ours = ("finalist", "Verkiezing Beste Overheidsorganisatie", nomination.edition.year)
        assert recognitions.count(ours) == 1
        key = next(k for k in titles if library.organisation(k) == nomination.owner)
        assert case == library.case(titles[key])
    assert Nomination.objects.filter(case__isnull=False).values("case").distinct().count() == 13
    staatsbosbeheer = Nomination.objects.get(owner__name="Staatsbosbeheer").case
    assert set(staatsbosbeheer.sections.values_list("theme__key", flat=True)) >= {
        "authenticity",
        "internal_learning",
        "resilience",
        "societal_engagement",
    }  # the 2017 criteria's themes, among the library case's own


def test_the_2017_finalists_casebook_is_made_by_the_worker(awards):
    assert awards.casebooks == 1
    casebook = Casebook.objects.get()
    edition = Edition.objects.get(year=2017)
    assert casebook.edition == edition and casebook.status == CasebookStatus.QUEUED
    owners = {c.owner.name for c in casebook.cases.select_related("owner")}
    assert owners == FINALISTS[2017]
    make_casebook(casebook.pk)  # what the worker runs
    casebook.refresh_from_db()
    assert casebook.status == CasebookStatus.READY, casebook.error
    version = casebook.versions.get()
    assert version.pages > 3 and version.pdf.read(5) == b"%PDF-"


def test_loading_twice_changes_nothing(awards):
    counts = (Nomination.objects.count(), Scorecard.objects.count(), Edition.objects.count())
    again = load_awards()
    assert (again.created, again.existing, again.casebooks) == (0, 4, 0)
    assert (Nomination.objects.count(), Scorecard.objects.count(), Edition.objects.count()) == (
        counts
    )


def test_the_fixture_names_accounts_that_exist(awards):
    data = read_awards()
    names = {data["competition"]["organiser"]}
    for panel in data["panels"].values():
        names |= {panel["chair"], *panel["members"]}
    for edition in data["editions"]:
        names |= {n["nominated_by"] for n in edition["nominees"]}
        names |= {n["contact"] for n in edition["nominees"]}
    for name in names:
        assert Library.user(name)
