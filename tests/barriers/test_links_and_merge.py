import datetime

import pytest

from proeftuin.barriers.links import barrier_link, link_decide, suggestions_refresh
from proeftuin.barriers.merge import barrier_merge, duplicate_candidates
from proeftuin.barriers.models import Barrier, BarrierLink
from proeftuin.core.models import AuditEntry
from proeftuin.core.service import DuplicateError, NotAllowed, ValidationFailed
from proeftuin.portfolio.services_parts import reflection_save
from tests.factories import make_case, make_initiative

PRIVACY_TEXT = "Privacyregels lijken gegevensdeling met het UWV te verbieden."


def test_a_case_barrier_is_suggested_then_confirmed(make_barrier, editor, alpha):
    barrier = make_barrier(
        title="Privacyregels verbieden gegevensdeling",
        description="Gemeenten denken dat privacyregels gegevensdeling met het UWV verbieden.",
    )
    make_barrier(
        title="Budget vervalt aan het eind van het jaar",
        category="financial",
        description="Wat niet op is, vervalt.",
    )
    case = make_case(organisations=[alpha], barriers=[{"category": "legal", "text": PRIVACY_TEXT}])
    made = suggestions_refresh(actor=editor, subject=case)
    assert [link.barrier for link in made] == [barrier]
    assert made[0].status == "suggested" and made[0].score > 0.2
    assert suggestions_refresh(actor=editor, subject=case) == []  # not twice
    link_decide(actor=editor, link=made[0], confirm=True)
    assert BarrierLink.objects.get(pk=made[0].pk).status == "confirmed"


def test_a_reflection_asking_help_is_matched(make_barrier, editor, alpha):
    barrier = make_barrier()
    initiative = make_initiative(alpha, actor=editor)
    reflection_save(
        actor=editor,
        initiative=initiative,
        date=datetime.date(2024, 3, 1),
        help_needed="Hulp bij gegevensdeling met het UWV, de AVG lijkt het te verbieden.",
    )
    made = suggestions_refresh(actor=editor, subject=initiative)
    assert [link.barrier for link in made] == [barrier]


def test_linking_needs_the_right_to_edit_the_subject(make_barrier, beta_editor, alpha, editor):
    barrier = make_barrier()
    initiative = make_initiative(alpha, actor=editor)
    with pytest.raises(NotAllowed):
        barrier_link(actor=beta_editor, barrier=barrier, subject=initiative)
    barrier_link(actor=editor, barrier=barrier, subject=initiative)
    with pytest.raises(DuplicateError):
        barrier_link(actor=editor, barrier=barrier, subject=initiative)


def _pair(make_barrier):
    keep = make_barrier()
    dup = make_barrier(title="Gegevens delen met UWV mag niet van de AVG")
    return keep, dup


def test_duplicates_are_suggested(make_barrier, editor):
    keep, dup = _pair(make_barrier)
    assert [b for _s, b in duplicate_candidates(user=editor, barrier=dup)] == [keep]


def test_merge_moves_links_and_keeps_history(make_barrier, editor, alpha, beta, beta_editor):
    keep, dup = _pair(make_barrier)
    own = make_initiative(alpha, actor=editor)
    other = make_initiative(beta, actor=beta_editor)
    barrier_link(actor=editor, barrier=dup, subject=own)
    barrier_link(actor=beta_editor, barrier=dup, subject=other)
    barrier_link(actor=editor, barrier=keep, subject=own)
    barrier_merge(actor=editor, barrier=dup, into=keep)
    dup.refresh_from_db()
    assert dup.merged_into == keep
    assert set(keep.links.values_list("initiative", flat=True)) == {own.pk, other.pk}
    assert not dup.links.exists()
    history = AuditEntry.objects.filter(object_uuid=dup.uuid)
    assert history.filter(action="create").exists()  # its history stays with it
    assert (
        history.get(action="update", changes__has_key="merged_into").changes["merged_into"][1]
        == keep.slug
    )
    assert list(Barrier.objects.current()) == [keep]


def test_merging_into_itself_or_a_duplicate_is_refused(make_barrier, editor):
    keep, dup = _pair(make_barrier)
    with pytest.raises(ValidationFailed, match=r"zichzelf|itself"):
        barrier_merge(actor=editor, barrier=keep, into=keep)
    barrier_merge(actor=editor, barrier=dup, into=keep)
    with pytest.raises(ValidationFailed) as exc:
        barrier_merge(actor=editor, barrier=keep, into=dup)
    assert "merged into this barrier" in str(exc.value.message) or "samengevoegd" in str(
        exc.value.message
    )
    assert Barrier.objects.get(pk=keep.pk).merged_into is None


def test_merge_needs_both_barriers_editable(make_barrier, beta_editor):
    keep, dup = _pair(make_barrier)
    with pytest.raises(NotAllowed):
        barrier_merge(actor=beta_editor, barrier=dup, into=keep)
    assert Barrier.objects.get(pk=dup.pk).merged_into is None
