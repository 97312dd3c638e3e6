"""Casebooks: made in the background from the cases the creator may see, versioned, made
again when a case changes; refused for 0 or more than 500 cases; read only by who may see
every case."""

import pytest
from django.utils import timezone

from proeftuin.awards.models import Casebook, CasebookStatus
from proeftuin.awards.models_casebook import MAX_CASES
from proeftuin.awards.services_casebooks import (
    case_changed,
    casebook_create,
    casebook_readable,
)
from proeftuin.cases.service import Case, ThemeSet, case_update
from proeftuin.core.jobs import latest_for
from proeftuin.core.service import NotAllowed, ValidationFailed
from tests.awards.factories import make_competition, make_edition
from tests.factories import OrganisationFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db


def _theme_set():
    return ThemeSet.objects.get(key="casebook")


def _make(actor, cases, capture, **fields):
    with capture(execute=True):
        return casebook_create(
            actor=actor, title="Proef", theme_set=_theme_set(), cases=cases, **fields
        )


def test_a_casebook_is_made_in_the_background_with_its_files(
    django_capture_on_commit_callbacks,
):
    user = UserFactory()
    cases = [make_case(title=f"Casus {n}") for n in range(2)]
    casebook = _make(user, [c.pk for c in cases], django_capture_on_commit_callbacks)
    casebook.refresh_from_db()
    assert casebook.status == CasebookStatus.READY and casebook.progress == 100
    version = casebook.latest
    assert version.number == 1 and version.pages > 3
    assert version.pdf.read(5) == b"%PDF-" and version.odt.read(2) == b"PK"
    assert set(version.case_versions) == {str(c.pk) for c in cases}
    assert latest_for("awards.casebook", casebook.pk).state == "succeeded"


def test_a_changed_case_makes_a_new_version_an_unchanged_one_does_not(
    django_capture_on_commit_callbacks,
):
    user = UserFactory()
    case = make_case()
    casebook = _make(user, [case.pk], django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        case_changed(case.pk)  # nothing changed: no new version
    assert casebook.versions.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        case_update(case=case, actor=None, summary="Een nieuwe samenvatting van de casus.")
    casebook.refresh_from_db()
    assert casebook.versions.count() == 2 and casebook.status == CasebookStatus.READY
    assert casebook.latest.number == 2


def test_only_cases_the_creator_may_see_and_none_refused(django_capture_on_commit_callbacks):
    user = UserFactory()
    draft = make_case(status="draft", visibility="organisation")
    with pytest.raises(ValidationFailed) as refused:
        _make(user, [draft.pk], django_capture_on_commit_callbacks)
    assert refused.value.field_errors["cases"]
    with pytest.raises(ValidationFailed):
        _make(user, [], django_capture_on_commit_callbacks)
    public = make_case()
    casebook = _make(user, [draft.pk, public.pk], django_capture_on_commit_callbacks)
    assert list(casebook.cases.values_list("pk", flat=True)) == [public.pk]
    assert not Casebook.objects.filter(cases=draft).exists()


def test_more_than_500_cases_are_refused(django_capture_on_commit_callbacks):
    first = make_case()
    Case.objects.bulk_create(
        Case(
            slug=f"massa-{n}",
            title=f"Massa {n}",
            summary="Een casus.",
            stage=first.stage,
            theme_set=first.theme_set,
            owner=first.owner,
            status="published",
            visibility="public",
        )
        for n in range(MAX_CASES)
    )
    with pytest.raises(ValidationFailed) as refused:
        _make(UserFactory(), Case.objects.all(), django_capture_on_commit_callbacks)
    assert "500" in refused.value.field_errors["cases"][0]
    assert "501" in refused.value.field_errors["cases"][0]
    assert not Casebook.objects.exists()


def test_readers_must_see_every_case(django_capture_on_commit_callbacks):
    owner = OrganisationFactory()
    from tests.awards.factories import member

    editor = member(owner)
    draft = make_case(organisations=[owner], status="draft", visibility="organisation")
    casebook = _make(editor, [draft.pk, make_case().pk], django_capture_on_commit_callbacks)
    assert casebook.cases.count() == 2
    assert casebook_readable(editor, casebook)
    assert not casebook_readable(UserFactory(), casebook)


def test_an_edition_casebook_is_for_organisers(django_capture_on_commit_callbacks):
    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]))
    with pytest.raises(NotAllowed):
        _make(UserFactory(), [], django_capture_on_commit_callbacks, edition=edition)
    with pytest.raises(ValidationFailed):  # no finalists became cases yet
        _make(organiser, [], django_capture_on_commit_callbacks, edition=edition)


def test_a_missing_pango_fails_the_job_with_a_clear_message(
    django_capture_on_commit_callbacks, monkeypatch
):
    import builtins

    real_import = builtins.__import__

    def without_weasyprint(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_weasyprint)
    casebook = _make(UserFactory(), [make_case().pk], django_capture_on_commit_callbacks)
    casebook.refresh_from_db()
    assert casebook.status == CasebookStatus.FAILED and "Pango" in casebook.error
    job = latest_for("awards.casebook", casebook.pk)
    assert job.state == "failed" and job.attempts == 1
    assert casebook.versions.count() == 0 and timezone.now()
