"""Reads of the awards app, scoped to what the user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from proeftuin.awards import permissions
from proeftuin.awards.models import Competition, Edition, Nomination, SubmissionAnswer


def editions_visible(*, user) -> QuerySet[Edition]:
    return Edition.objects.visible_to(user).select_related("competition")


def competitions_organised(*, user) -> QuerySet[Competition]:
    """The competitions ``user`` organises (manages the programme of; platform
    administrators all of them), for setting up editions."""
    from proeftuin.accounts.service import is_platform_admin
    from proeftuin.organisations.service import programmes_managed

    rows = Competition.objects.select_related("programme")
    if is_platform_admin(user):
        return rows
    return rows.filter(programme__in=programmes_managed(user))


def programmes_organisable(*, user):
    """The programmes ``user`` may create a competition for: those they manage (platform
    administrators: all)."""
    from proeftuin.accounts.service import is_platform_admin
    from proeftuin.organisations.service import Programme, programmes_managed

    if is_platform_admin(user):
        return Programme.objects.order_by("name")
    return programmes_managed(user).order_by("name")


def casebook_themes() -> list[tuple[str, str]]:
    """(key, name) of the themes of the default (casebook) theme set, for a criterion."""
    from proeftuin.cases.service import ThemeSet

    theme_set = ThemeSet.objects.filter(is_default=True).first()
    return list(theme_set.themes.values_list("key", "name")) if theme_set else []


def nominations_visible(*, user, edition=None) -> QuerySet[Nomination]:
    rows = Nomination.objects.visible_to(user).select_related("owner", "stage", "category")
    return rows.filter(edition=edition) if edition is not None else rows


def submission_of(*, user, nomination) -> list[SubmissionAnswer] | None:
    """The texts per criterion, for whoever may read them; ``None`` for anyone else."""
    if not permissions.can_read_submission(user, nomination)[0]:
        return None
    return list(nomination.answers.select_related("criterion"))


RESULT_STAGES = ("finalist", "winner")


def edition_result(*, user, edition) -> dict:
    """The public result of ``edition`` as ``user`` may see it: the finalists and the winner
    among the nominations they see, and once the vote closed its counts (most votes first;
    only nominations they see)."""
    from django.utils import timezone

    from proeftuin.awards.services_votes import vote_counts

    nominations = list(nominations_visible(user=user, edition=edition))
    closed = edition.vote_closes is not None and edition.vote_closes < timezone.now()
    seen = {n.pk for n in nominations}
    return {
        "finalists": [n for n in nominations if n.stage.key in RESULT_STAGES],
        "winner": next((n for n in nominations if n.stage.key == "winner"), None),
        "votes": [(n, c) for n, c in vote_counts(edition) if n.pk in seen] if closed else [],
    }


def scorecards_of(*, user, nomination) -> list:
    """The submitted scorecards of ``nomination`` that ``user`` may read (only the panel and
    the organisers: ``Scorecard.objects.visible_to``), with their scores."""
    from django.db.models import Prefetch

    from proeftuin.awards.models import Score, Scorecard

    scores = Score.objects.select_related("criterion")
    return list(
        Scorecard.objects.visible_to(user)
        .filter(nomination=nomination, submitted_at__isnull=False)
        .select_related("panel", "judge")
        .prefetch_related(Prefetch("scores", queryset=scores))
        .order_by("panel__kind", "step", "judge__username")
    )


def nomination_reads(*, user, nomination) -> dict:
    """What ``user`` reads of a nomination beyond its name and stage, as its page shows."""
    from proeftuin.awards.selectors_judging import site_visit_of
    from proeftuin.core.service import subject_moves

    reader = permissions.can_read_submission(user, nomination)[0]
    return {
        "submission": submission_of(user=user, nomination=nomination),
        "site_visit": site_visit_of(user=user, nomination=nomination),
        "history": list(subject_moves(nomination)) if reader else [],
        "scorecards": scorecards_of(user=user, nomination=nomination),
    }
