"""The ingestion app's sections of "Mijn werk": documents to review, uploads running."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proeftuin.accounts.service import Role, is_platform_admin, organisation_ids_with_role
from proeftuin.core.service import ITEMS_SHOWN, WorkItem, WorkSection, register_work
from proeftuin.ingestion.models import Job, SourceFile, Suggestion

RUNNING = (Job.Status.QUEUED, Job.Status.RUNNING)
PENDING = Suggestion.Status.PENDING


def _with_latest_job(sources: QuerySet[SourceFile]) -> QuerySet[SourceFile]:
    latest = Job.objects.filter(source=OuterRef("pk")).order_by("-created_at", "-id")
    return sources.annotate(
        job_status=Subquery(latest.values("status")[:1]),
        job_progress=Subquery(latest.values("progress")[:1]),
    )


def reviewable(user) -> QuerySet[SourceFile]:
    """Uploaded documents ``user`` may review (``permissions.can_review``)."""
    sources = SourceFile.objects.visible_to(user)
    if is_platform_admin(user):
        return sources
    editor = organisation_ids_with_role(user, Role.EDITOR)
    contributor = organisation_ids_with_role(user, Role.CONTRIBUTOR)
    return sources.filter(Q(owner_id__in=editor) | Q(owner_id__in=contributor, uploaded_by=user))


def waiting_for_review(user) -> QuerySet[SourceFile]:
    """Processed documents with cases not yet turned into a case, and their open
    suggestions."""
    not_made = Suggestion.objects.filter(source=OuterRef("pk"), case__isnull=True)
    return (
        _with_latest_job(reviewable(user))
        .filter(job_status=Job.Status.SUCCEEDED)
        .filter(Exists(not_made))
        .annotate(
            open=Count("suggestions", filter=Q(suggestions__status=Suggestion.Status.PENDING))
        )
    )


def still_processing(user) -> QuerySet[SourceFile]:
    """The user's own uploads whose latest job has not finished."""
    mine = SourceFile.objects.visible_to(user).filter(uploaded_by=user)
    return _with_latest_job(mine).filter(job_status__in=RUNNING)


def _url(source: SourceFile) -> str:
    return reverse("ingestion:detail", kwargs={"uuid": source.uuid})


@register_work("ingestion.review", order=20)
def documents_to_review(user) -> WorkSection:
    sources = waiting_for_review(user).order_by("-created_at")
    items = [
        WorkItem(
            title=source.filename,
            url=_url(source),
            detail=ngettext(
                "%(n)d suggestion to review", "%(n)d suggestions to review", source.open
            )
            % {"n": source.open},
        )
        for source in sources[:ITEMS_SHOWN]
    ]
    return WorkSection(
        key="review",
        title=_("Documents and suggestions to review"),
        count=sources.count(),
        items=items,
        empty=_("No documents are waiting for your review."),
        more_url=reverse("ingestion:list"),
    )


@register_work("ingestion.processing", order=40)
def documents_processing(user) -> WorkSection:
    sources = still_processing(user).order_by("-created_at")
    items = [
        WorkItem(
            title=source.filename,
            url=_url(source),
            detail=_("Being processed"),
            progress=source.job_progress or 0,
        )
        for source in sources[:ITEMS_SHOWN]
    ]
    return WorkSection(
        key="processing",
        title=_("Your documents being processed"),
        count=sources.count(),
        items=items,
        empty=_("None of your documents is being processed."),
    )
