"""The ingestion app's sections of "Mijn werk": documents to review, uploads running."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proeftuin.core.service import WorkItem, may_work_on, register_work, work_section
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
    return may_work_on(SourceFile.objects.visible_to(user), user, author_field="uploaded_by")


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


def _review_item(source: SourceFile) -> WorkItem:
    detail = ngettext("%(n)d suggestion to review", "%(n)d suggestions to review", source.open)
    return WorkItem(title=source.filename, url=_url(source), detail=detail % {"n": source.open})


def _running_item(source: SourceFile) -> WorkItem:
    progress = source.job_progress or 0
    return WorkItem(source.filename, _url(source), _("Being processed"), progress=progress)


@register_work("ingestion.review", order=20)
def documents_to_review(user):
    return work_section(
        "review",
        _("Documents and suggestions to review"),
        _("No documents are waiting for your review."),
        waiting_for_review(user).order_by("-created_at"),
        _review_item,
        more_url=reverse("ingestion:list"),
    )


@register_work("ingestion.processing", order=40)
def documents_processing(user):
    return work_section(
        "processing",
        _("Your documents being processed"),
        _("None of your documents is being processed."),
        still_processing(user).order_by("-created_at"),
        _running_item,
    )
