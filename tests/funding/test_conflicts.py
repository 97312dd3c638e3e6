import pytest
from django.utils import translation

from proeftuin.core.models import AuditEntry
from proeftuin.core.service import DuplicateError, NotAllowed, ValidationFailed
from proeftuin.funding import conflicts
from proeftuin.funding.models import ConflictDeclaration
from proeftuin.funding.querysets import conflicted_organisation_ids
from tests.funding.review_support import build_world

world = pytest.fixture(build_world, name="world")


def test_declare_records_the_relation_and_audits(world):
    declaration = conflicts.conflict_declare(
        actor=world.second, organisation=world.partner, reason="  oud-werkgever tot 2024 "
    )
    assert declaration.reason == "oud-werkgever tot 2024"
    assert world.partner.pk in conflicted_organisation_ids(world.second)
    entry = AuditEntry.objects.get(object_uuid=declaration.uuid)
    assert entry.action == "create"
    assert entry.changes["relation"] == [None, "oud-werkgever tot 2024"]


def test_declare_without_relation_is_refused(world):
    with pytest.raises(ValidationFailed) as refused:
        conflicts.conflict_declare(actor=world.second, organisation=world.partner, reason="  ")
    assert "reason" in refused.value.field_errors
    assert not ConflictDeclaration.objects.exists()


def test_declare_without_organisation_is_refused(world):
    with pytest.raises(ValidationFailed) as refused:
        conflicts.conflict_declare(actor=world.second, organisation=None, reason="familie")
    assert "organisation" in refused.value.field_errors


def test_declaring_twice_is_refused(world):
    conflicts.conflict_declare(actor=world.second, organisation=world.partner, reason="familie")
    with pytest.raises(DuplicateError):
        conflicts.conflict_declare(actor=world.second, organisation=world.partner, reason="ook")
    assert ConflictDeclaration.objects.count() == 1


def test_remove_own_declaration_audited(world):
    declaration = conflicts.conflict_declare(
        actor=world.second, organisation=world.partner, reason="familie"
    )
    conflicts.conflict_remove(actor=world.second, declaration=declaration)
    assert not ConflictDeclaration.objects.exists()
    assert AuditEntry.objects.filter(object_uuid=declaration.uuid, action="delete").exists()


def test_nobody_removes_another_users_declaration(world):
    declaration = conflicts.conflict_declare(
        actor=world.second, organisation=world.partner, reason="familie"
    )
    with pytest.raises(NotAllowed):
        conflicts.conflict_remove(actor=world.third, declaration=declaration)
    assert ConflictDeclaration.objects.filter(pk=declaration.pk).exists()


def test_explain_conflict_in_dutch(world):
    conflicts.conflict_declare(actor=world.insider, organisation=world.partner, reason="adviseur")
    with translation.override("nl"):
        text = conflicts.explain_conflict(world.insider, world.application)
        own = conflicts.conflict_reason(world.insider, world.lead.pk)
    assert own == "eigen organisatie"
    assert "Gemeente Aanvrager (eigen organisatie)" in text
    assert "Provincie Partner (adviseur)" in text
    assert text.startswith("insider heeft een belangenconflict met")
    assert conflicts.explain_conflict(world.third, world.application) == ""
