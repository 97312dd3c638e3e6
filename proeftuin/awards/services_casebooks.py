"""Making casebooks: who may, from which cases, and queuing their generation.

Who may create one:
- for an edition (its finalists and winner that became cases): the organisers;
- from the library (any filter, or a list of cases): any signed-in user, with the cases
  they may see; cases they may not see are left out, never shown.

Who may read one and download its files: whoever may see every one of its cases now
(``casebook_readable``). The creator saw them when choosing, so a casebook of public cases
is public; one with a draft case is read only by who may read that draft. A casebook whose
cases the reader can no longer all see is not shown to them at all (not even its title).

A casebook is made in the background (``casebook_job``); when one of its cases changes,
a new version follows (``case_changed``)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proeftuin.awards import permissions
from proeftuin.awards.common import refuse
from proeftuin.awards.models import Casebook, CasebookStatus
from proeftuin.awards.models_casebook import MAX_CASES, MIN_CASES
from proeftuin.awards.querysets import active
from proeftuin.cases.service import Case, ThemeSet, case_visible
from proeftuin.core.jobs import enqueue
from proeftuin.core.service import AuditEntry, NotAllowed, audit_record

JOB = "awards.casebook"
FINAL_STAGES = ("finalist", "winner")


def edition_cases(edition):
    """The cases of an edition's finalists and winner."""
    return Case.objects.filter(
        pk__in=edition.nominations.filter(stage__key__in=FINAL_STAGES, case__isnull=False).values(
            "case"
        )
    )


def can_create_casebook(user, edition=None) -> tuple[bool, str]:
    if not active(user):
        return False, _("Sign in to make a casebook.")
    if edition is not None:
        allowed, reason = permissions.can_organise(user, edition.competition)
        if not allowed:
            return False, reason
    return True, ""


def casebooks_readable(user):
    """The casebooks ``user`` may read: those of which they may see every case."""
    hidden = Casebook.cases.through.objects.exclude(case__in=case_visible(user)).values(
        "casebook_id"
    )
    return Casebook.objects.exclude(pk__in=hidden).filter(cases__isnull=False).distinct()


def casebook_readable(user, casebook) -> bool:
    return casebooks_readable(user).filter(pk=casebook.pk).exists()


def can_regenerate_casebook(user, casebook) -> tuple[bool, str]:
    if not casebook_readable(user, casebook):
        return False, _("You may not see this casebook.")
    if casebook.created_by_id == getattr(user, "pk", None):
        return True, ""
    if casebook.edition_id and permissions.can_organise(user, casebook.edition.competition)[0]:
        return True, ""
    return False, _("Only who made this casebook, or the edition's organisers, can do this.")


def _check_size(count: int) -> None:
    if count < MIN_CASES:
        refuse(
            "cases",
            _("A casebook needs at least one case you may see. Choose other cases."),
        )
    if count > MAX_CASES:
        refuse(
            "cases",
            ngettext(
                "A casebook holds at most %(max)d case; you chose %(count)d. Narrow the choice.",
                "A casebook holds at most %(max)d cases; you chose %(count)d. Narrow the choice.",
                MAX_CASES,
            )
            % {"max": MAX_CASES, "count": count},
        )


@transaction.atomic
def casebook_create(
    *, actor, title: str, theme_set: ThemeSet, cases, edition=None, library_filter: str = ""
) -> Casebook:
    """A casebook of ``cases`` (a queryset or ids; for an edition: its final cases),
    restricted to those ``actor`` may see, queued for generation."""
    allowed, reason = can_create_casebook(actor, edition)
    if not allowed:
        raise NotAllowed(reason)
    title = (title or "").strip()
    if not title:
        refuse("title", _("Give the casebook a title."))
    chosen = edition_cases(edition) if edition is not None else cases
    if not isinstance(chosen, type(Case.objects.all())):
        chosen = Case.objects.filter(pk__in=list(chosen))
    seen = case_visible(actor).filter(pk__in=chosen.values("pk"))
    _check_size(seen.count())
    ids = list(seen.values_list("pk", flat=True))
    casebook = Casebook.objects.create(
        title=title[:200],
        created_by=actor,
        edition=edition,
        library_filter=(library_filter or "")[:500],
        theme_set=theme_set,
    )
    casebook.cases.set(ids)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=casebook,
        after={"title": casebook.title, "cases": len(ids), "theme_set": theme_set.key},
    )
    enqueue(JOB, casebook.pk)
    return casebook


@transaction.atomic
def casebook_regenerate(*, actor, casebook) -> Casebook:
    """Queue a failed casebook again (or make it again now)."""
    allowed, reason = can_regenerate_casebook(actor, casebook)
    if not allowed:
        raise NotAllowed(reason)
    Casebook.objects.filter(pk=casebook.pk).update(
        status=CasebookStatus.QUEUED, progress=0, error=""
    )
    audit_record(
        actor=actor, action=AuditEntry.Action.UPDATE, obj=casebook, after={"regenerate": True}
    )
    enqueue(JOB, casebook.pk)
    return casebook


def case_changed(case_id: int) -> int:
    """Queue a new version of every casebook that holds the case (called when a case is
    saved, in its transaction); the job makes one only when a case really changed."""
    ids = list(
        Casebook.cases.through.objects.filter(case_id=case_id).values_list("casebook_id", flat=True)
    )
    for casebook_id in ids:
        Casebook.objects.filter(pk=casebook_id).exclude(status=CasebookStatus.RUNNING).update(
            status=CasebookStatus.QUEUED
        )
        enqueue(JOB, casebook_id)
    return len(ids)
