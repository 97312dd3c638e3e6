"""Reads of the awards app, scoped to what the user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from proeftuin.awards import permissions
from proeftuin.awards.models import Edition, Nomination, SubmissionAnswer


def editions_visible(*, user) -> QuerySet[Edition]:
    return Edition.objects.visible_to(user).select_related("competition")


def nominations_visible(*, user, edition=None) -> QuerySet[Nomination]:
    rows = Nomination.objects.visible_to(user).select_related("owner", "stage", "category")
    return rows.filter(edition=edition) if edition is not None else rows


def submission_of(*, user, nomination) -> list[SubmissionAnswer] | None:
    """The texts per criterion, for whoever may read them; ``None`` for anyone else."""
    if not permissions.can_read_submission(user, nomination)[0]:
        return None
    return list(nomination.answers.select_related("criterion"))
