"""Linking what exists to the register: barriers recorded on cases (``CaseBarrier``) and the
help asked for in initiatives' reflections are matched to register entries by similarity
and suggested; a person who may change the case or initiative confirms or rejects each
suggestion, or links a barrier by hand."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.barriers import permissions
from proeftuin.barriers.choices import FROM_CASE_CATEGORY, Category, LinkSource, LinkStatus
from proeftuin.barriers.models import Barrier, BarrierLink
from proeftuin.barriers.similarity import SUGGEST_AT, ranked
from proeftuin.cases.service import Case, CaseBarrier
from proeftuin.core.service import (
    AuditEntry,
    DuplicateError,
    EditorialStatus,
    NotAllowed,
    ValidationFailed,
    Visibility,
    audit_record,
    content_changed,
)
from proeftuin.portfolio.service import Initiative, Reflection

# a legal barrier on a case may be a privacy one in the register
NEAR = {Category.LEGAL: (Category.LEGAL, Category.PRIVACY)}


def _subject_fields(subject) -> dict:
    if isinstance(subject, Case):
        return {"case": subject}
    if isinstance(subject, Initiative):
        return {"initiative": subject}
    raise ValidationFailed(_("Only initiatives and cases can be linked to a barrier."))


def candidates(subject, categories=None):
    """Register entries a subject may be linked to: shared, published, not merged; and
    those of the subject's own organisation."""
    shared = Barrier.objects.current().filter(
        status=EditorialStatus.PUBLISHED, visibility=Visibility.PUBLIC
    )
    own = Barrier.objects.current().filter(owner_id=subject.owner_id)
    rows = shared | own
    if categories:
        rows = rows.filter(category__in=categories)
    return rows.only("pk", "title", "description", "rule")


def _recorded(subject) -> list[tuple[str, int, str, tuple]]:
    """(source, source id, text, categories) of what ``subject`` recorded as a barrier."""
    if isinstance(subject, Case):
        rows = CaseBarrier.objects.filter(case=subject)
        return [
            (
                LinkSource.CASE_BARRIER,
                r.pk,
                r.text,
                NEAR.get(FROM_CASE_CATEGORY[r.category], (FROM_CASE_CATEGORY[r.category],)),
            )
            for r in rows
            if r.category in FROM_CASE_CATEGORY
        ]
    rows = Reflection.objects.filter(initiative=subject).exclude(help_needed="")
    return [(LinkSource.REFLECTION, r.pk, r.help_needed, ()) for r in rows]


def suggest_links(subject) -> list[BarrierLink]:
    """Suggest register entries for what ``subject`` recorded; links that exist (in any
    status, so a rejected one stays rejected) are left as they are."""
    made = []
    taken = set(
        BarrierLink.objects.filter(**_subject_fields(subject)).values_list("barrier_id", flat=True)
    )
    for source, source_id, text, categories in _recorded(subject):
        for score, barrier in ranked(text, candidates(subject, categories), at=SUGGEST_AT):
            if barrier.pk in taken:
                continue
            taken.add(barrier.pk)
            made.append(
                BarrierLink.objects.create(
                    barrier=barrier,
                    organisation_id=subject.owner_id,
                    source=source,
                    source_id=source_id,
                    source_text=text[:2000],
                    score=score,
                    **_subject_fields(subject),
                )
            )
    return made


@transaction.atomic
def suggestions_refresh(*, actor, subject) -> list[BarrierLink]:
    allowed, reason = permissions.can_link_subject(actor, subject)
    if not allowed:
        raise NotAllowed(reason)
    return suggest_links(subject)


def _record(actor, link, before: str) -> None:
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=link.barrier,
        before={"link": f"{link.subject} ({before})"},
        after={"link": f"{link.subject} ({link.status})"},
    )
    content_changed("barriers")


@transaction.atomic
def link_decide(*, actor, link: BarrierLink, confirm: bool) -> BarrierLink:
    link = BarrierLink.objects.select_for_update().select_related("barrier").get(pk=link.pk)
    allowed, reason = permissions.can_link_subject(actor, link.subject)
    if not allowed:
        raise NotAllowed(reason)
    before = link.status
    link.status = LinkStatus.CONFIRMED if confirm else LinkStatus.REJECTED
    link.decided_by, link.decided_at = actor, timezone.now()
    link.save()
    _record(actor, link, before)
    return link


@transaction.atomic
def barrier_link(*, actor, barrier: Barrier, subject) -> BarrierLink:
    """Link ``subject`` to ``barrier`` by hand (confirmed at once)."""
    allowed, reason = permissions.can_link_subject(actor, subject)
    if not allowed:
        raise NotAllowed(reason)
    if not Barrier.objects.visible_to(actor).current().filter(pk=barrier.pk).exists():
        raise ValidationFailed(_("This barrier does not exist or is not visible to you."))
    fields = _subject_fields(subject)
    link = BarrierLink.objects.filter(barrier=barrier, **fields).first()
    if link is not None and link.status == LinkStatus.CONFIRMED:
        raise DuplicateError(_("This barrier is already linked."))
    before = link.status if link else "-"
    if link is None:
        link = BarrierLink(barrier=barrier, organisation_id=subject.owner_id, **fields)
    link.status, link.decided_by, link.decided_at = LinkStatus.CONFIRMED, actor, timezone.now()
    link.save()
    _record(actor, link, before)
    return link
