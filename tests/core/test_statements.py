"""Queries compiled once per process (core/statements.py): the same rows as the queryset,
fresh on every run, and no parameter frozen that should vary."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proeftuin.core.models import ContentState
from proeftuin.core.statements import CompiledQuery, FrozenParameter

pytestmark = pytest.mark.django_db


def by_domain(domain):
    return ContentState.objects.filter(domain=domain).order_by().values_list("generation")


def test_each_run_reads_the_database_again_with_its_own_values():
    query = CompiledQuery(by_domain, domain="~stand-in~")
    ContentState.objects.create(domain="een", generation=1)
    ContentState.objects.create(domain="twee", generation=7)
    assert query.rows(domain="een") == [(1,)] == list(by_domain("een"))
    ContentState.objects.filter(domain="een").update(generation=2)
    with CaptureQueriesContext(connection) as queries:
        assert query.rows(domain="een") == [(2,)]
        assert query.rows(domain="twee") == [(7,)]
        assert query.rows(domain="drie") == []
    assert len(queries) == 3


def test_a_fixed_parameter_is_refused_rather_than_frozen():
    newer = CompiledQuery(
        lambda domain: by_domain(domain).filter(generation__gt=5), domain="~stand-in~"
    )
    with pytest.raises(FrozenParameter):
        newer.rows(domain="een")


def test_stand_ins_must_differ_and_every_value_be_given():
    with pytest.raises(ValueError):
        CompiledQuery(lambda a, b: by_domain(a), a="x", b="x")
    query = CompiledQuery(by_domain, domain="~stand-in~")
    with pytest.raises(TypeError):
        query.rows()
    with pytest.raises(TypeError):
        query.rows(domain="een", other=1)
