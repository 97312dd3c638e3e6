"""Migration ``search.0005``: passages of cases and documents keep their rows, now owned by
``(owner_kind, owner_id)``; migrating back restores the foreign keys."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import make_case
from tests.search_support import source_file

BEFORE = [("search", "0004_passage_identity")]
AFTER = [("search", "0005_passage_owner")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return MigrationExecutor(connection).loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_passages_move_to_their_owner_kind_and_id_and_back():
    from proeftuin.cases.models import Theme, ThemeSet
    from proeftuin.cases.themes import install_default_theme_sets

    install_default_theme_sets(ThemeSet, Theme)  # gone when a transactional test ran first
    case, source = make_case(), source_file()
    try:
        old = _migrate(BEFORE).get_model("search", "Passage")
        old.objects.all().delete()  # the case's own passages, indexed when it was written
        common = {"kind": "summary", "text": "tekst", "terms": "tekst", "text_hash": "x"}
        old.objects.create(case_id=case.pk, position=0, **common)
        old.objects.create(case_id=case.pk, position=1, **common)
        old.objects.create(source_id=source.pk, position=0, **common)

        new = _migrate(AFTER).get_model("search", "Passage")
        rows = set(new.objects.values_list("owner_kind", "owner_id", "position"))
        assert rows == {("case", case.pk, 0), ("case", case.pk, 1), ("document", source.pk, 0)}

        old = _migrate(BEFORE).get_model("search", "Passage")
        back = set(old.objects.values_list("case_id", "source_id", "position"))
        assert back == {(case.pk, None, 0), (case.pk, None, 1), (None, source.pk, 0)}
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
