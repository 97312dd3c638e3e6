"""The public vote for an audience prize: one vote per signed-in account per edition, for
a nomination the public sees in the top ten or later, while the vote is open; a flood from
one network is refused for an hour (``core.ratelimit``)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.awards.common import changed
from proeftuin.awards.models import Nomination, Vote
from proeftuin.core.service import (
    AuditEntry,
    DuplicateError,
    NotAllowed,
    TooManyRequests,
    audit_record,
    rate_allow,
)

VOTE_STAGES = ("top_ten", "finalist", "winner")
VOTES_PER_NETWORK_PER_HOUR = 30


def vote_closed_message(edition) -> str | None:
    now = timezone.now()
    if edition.vote_opens is None or not edition.published:
        return _("This edition has no public vote.")
    if not edition.vote_opens <= now <= edition.vote_closes:
        return _("The public vote is open from %(opens)s to %(closes)s.") % {
            "opens": timezone.localtime(edition.vote_opens).strftime("%d-%m-%Y %H:%M"),
            "closes": timezone.localtime(edition.vote_closes).strftime("%d-%m-%Y %H:%M"),
        }
    return None


@transaction.atomic
def vote_cast(*, actor, nomination, network: str = "") -> Vote:
    """``actor`` votes for ``nomination``; ``network``: the caller's address (the view's
    REMOTE_ADDR), counted against the hourly limit."""
    if not (getattr(actor, "is_authenticated", False) and actor.is_active):
        raise NotAllowed(_("Sign in to vote."))
    edition = nomination.edition
    closed = vote_closed_message(edition)
    if closed:
        raise NotAllowed(closed)
    public = Nomination.objects.visible_to(AnonymousUser()).filter(pk=nomination.pk)
    if not public.filter(stage__key__in=VOTE_STAGES).exists():
        raise NotAllowed(_("You can only vote for a nomination in the top ten or later."))
    if network and not rate_allow(
        "award-vote", network, limit=VOTES_PER_NETWORK_PER_HOUR, window=3600
    ):
        raise TooManyRequests(
            _("Too many votes from your network in the last hour; try again later.")
        )
    try:
        with transaction.atomic():
            vote = Vote.objects.create(edition=edition, nomination=nomination, voter=actor)
    except IntegrityError as exc:
        raise DuplicateError(_("You have already voted in this edition.")) from exc
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=nomination,
        after={"vote": actor.username},
    )
    changed()
    return vote


def vote_counts(edition) -> list[tuple[Nomination, int]]:
    """The public vote's result, most votes first (shown when the vote has closed)."""
    rows = (
        Nomination.objects.filter(edition=edition)
        .annotate(n=Count("votes"))
        .filter(n__gt=0)
        .select_related("owner")
        .order_by("-n", "owner__name")
    )
    return [(row, row.n) for row in rows]
