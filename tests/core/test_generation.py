"""Content generations per domain: a write invalidates what depends on it, nothing else."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import RequestFactory

from proeftuin.cases import facet_index
from proeftuin.cases.services import case_update
from proeftuin.cases.views import SHOWN_CONTENT
from proeftuin.core.fragments import shared_fragment
from proeftuin.core.generation import content_domains
from proeftuin.core.registry import AlreadyRegistered
from proeftuin.core.service import (
    UnknownDomain,
    content_changed,
    content_generation,
    register_content_domain,
)
from proeftuin.organisations.services import organisation_update
from proeftuin.search import typos
from tests.factories import OrganisationFactory, make_case

pytestmark = pytest.mark.django_db


def test_an_organisation_write_leaves_the_cases_key_alone():
    org = OrganisationFactory(name="Gemeente Oud")
    cases_only = content_generation("cases")
    combined = content_generation("cases", "organisations")
    organisation_update(organisation=org, name="Gemeente Nieuw")
    assert content_generation("cases") == cases_only
    assert content_generation("cases", "organisations") != combined


def test_a_case_write_changes_every_key_that_names_cases():
    case = make_case(title="Eerste")
    organisations_only = content_generation("organisations")
    before = {deps: content_generation(*deps) for deps in _caches()}
    case_update(case=case, actor=None, title="Tweede")
    assert content_generation("organisations") == organisations_only
    assert all(content_generation(*deps) != key for deps, key in before.items())


def test_the_caches_name_what_they_are_built_from():
    """Case pages show organisation names, facets offer organisation domains, typo words
    come from organisation names: each of them depends on both domains."""
    for deps in _caches():
        assert set(deps) == {"cases", "organisations"}


def _caches():
    return [SHOWN_CONTENT, facet_index.DEPENDS_ON, typos.depends_on()]


def test_a_fragment_stays_cached_after_a_write_it_does_not_depend_on():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    renders = []

    def render():
        renders.append(1)
        return f"versie {len(renders)}"

    def fragment():
        return shared_fragment(request, "test-orgs", (), render, depends_on=("organisations",))

    assert fragment() == "versie 1"
    content_changed("cases")
    assert fragment() == "versie 1"
    content_changed("organisations")
    assert fragment() == "versie 2"


def test_the_bump_rolls_back_with_the_write():
    before = content_generation("cases")
    with pytest.raises(RuntimeError), transaction.atomic():
        content_changed("cases")
        assert content_generation("cases") != before  # seen inside the transaction
        raise RuntimeError
    assert content_generation("cases") == before


def test_the_key_of_a_fresh_database_changes_on_the_first_write():
    before = content_generation("organisations")
    content_changed("organisations")
    after = content_generation("organisations")
    content_changed("organisations")
    assert len({before, after, content_generation("organisations")}) == 3


@pytest.mark.parametrize(
    "call",
    [
        lambda: content_changed("casses"),
        lambda: content_generation("cases", "organisation"),
        lambda: content_generation(),
        lambda: content_changed(),
    ],
)
def test_an_unknown_domain_fails_loudly(call):
    with pytest.raises(UnknownDomain):
        call()


def test_an_unknown_domain_fails_before_anything_is_bumped():
    before = content_generation("cases")
    with pytest.raises(UnknownDomain):
        content_changed("cases", "nonsense")
    assert content_generation("cases") == before


def test_a_domain_is_registered_once():
    assert {"cases", "organisations"} <= set(content_domains.names())
    with pytest.raises(AlreadyRegistered):
        register_content_domain("cases", "Casussen")
