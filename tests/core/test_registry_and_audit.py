import pytest

from proeftuin.core.audit import audit_history, diff_snapshots
from proeftuin.core.models import AuditEntry
from proeftuin.core.registry import AlreadyRegistered, Registry
from proeftuin.organisations.services import organisation_create, organisation_update


def test_registry_keeps_order_and_refuses_duplicates():
    registry: Registry[int] = Registry("numbers")
    registry.add("one", 1)

    @registry.register("two")
    def two():
        return 2

    assert registry.names() == ["one", "two"]
    assert registry["two"]() == 2 and "one" in registry and len(registry) == 2
    with pytest.raises(AlreadyRegistered):
        registry.add("one", 3)


def test_diff_snapshots_lists_only_changed_fields():
    assert diff_snapshots({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {
        "b": [2, 3],
        "c": [None, 4],
    }


@pytest.mark.django_db
def test_every_change_is_audited_with_who_and_what(outsider):
    org = organisation_create(
        actor=outsider,
        name="Waterschap Test",
        government_layer="regional",
        organisation_type="water_board",
    )
    organisation_update(organisation=org, actor=outsider, staff_exact=500)
    organisation_update(organisation=org, actor=outsider, staff_exact=500)  # no change
    entries = list(audit_history(org))
    assert [e.action for e in entries] == [AuditEntry.Action.UPDATE, AuditEntry.Action.CREATE]
    assert entries[0].actor == outsider
    assert entries[0].changes == {"staff_exact": [None, 500]}
