"""The awards' sections of "Mijn werk": nominations waiting for your organisation's consent,
submissions to write, and scores to give. A section only shows when something waits."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from proeftuin.accounts.service import Role, organisation_ids_with_role
from proeftuin.awards.choices import Consent
from proeftuin.awards.models import Nomination, Panel, Scorecard
from proeftuin.awards.services_judging import PANEL_STEPS, STEP_STAGES
from proeftuin.core.service import ITEMS_SHOWN, WorkItem, WorkSection, register_work, work_section


def _item(nomination) -> WorkItem:
    return WorkItem(
        title=nomination.owner.name,
        url=reverse("awards:nomination", args=[nomination.uuid]),
        detail=nomination.edition.title,
    )


def _nominee_rows(user):
    editor_of = organisation_ids_with_role(user, Role.EDITOR)
    mine = Q(owner_id__in=editor_of) | Q(contacts=user)
    return (
        Nomination.objects.filter(mine)
        .exclude(stage__key="withdrawn")
        .select_related("owner", "edition")
        .distinct()
        .order_by("-created_at")
    )


def _states(user) -> list[tuple]:
    """(consent, stage key, submissions close) of the user's nominations: one query per
    request for both nominee sections (kept on the user object like its roles)."""
    cached = getattr(user, "_proeftuin_nominations", None)
    if cached is None:
        cached = list(
            _nominee_rows(user).values_list("consent", "stage__key", "edition__submissions_close")
        )
        user._proeftuin_nominations = cached
    return cached


@register_work("awards.consent", order=60)
def consent_waiting(user):
    if not any(consent == Consent.PENDING for consent, _stage, _close in _states(user)):
        return None
    rows = _nominee_rows(user).filter(
        consent=Consent.PENDING, owner_id__in=organisation_ids_with_role(user, Role.EDITOR)
    )
    if not rows.exists():
        return None
    return work_section(
        "awards-consent",
        _("Nominations waiting for your consent"),
        _("No nomination waits for your consent."),
        rows,
        _item,
    )


def _submission_item(nomination) -> WorkItem:
    return WorkItem(
        title=nomination.owner.name,
        url=reverse("awards:submission", args=[nomination.uuid]),
        detail=_("%(edition)s · before %(date)s")
        % {
            "edition": nomination.edition.title,
            "date": date_format(timezone.localtime(nomination.edition.submissions_close)),
        },
    )


@register_work("awards.submissions", order=61)
def submissions_to_write(user):
    now = timezone.now()
    if not any(
        consent == Consent.GIVEN and stage == "nominated" and close > now
        for consent, stage, close in _states(user)
    ):
        return None
    rows = _nominee_rows(user).filter(
        consent=Consent.GIVEN,
        stage__key="nominated",
        edition__submissions_close__gt=timezone.now(),
    )
    if not rows.exists():
        return None
    return work_section(
        "awards-submissions",
        _("Award submissions to write"),
        _("No submission waits for you."),
        rows,
        _submission_item,
    )


def _waiting(user, panel, step, blocked: set[int]):
    """The nominations ``user`` may score at ``step`` for ``panel`` and has not submitted."""
    submitted = Scorecard.objects.filter(
        panel=panel, judge=user, step=step, submitted_at__isnull=False
    ).values("nomination_id")
    return (
        panel.edition.nominations.filter(stage__key__in=STEP_STAGES[step])
        .exclude(owner_id__in=blocked)
        .exclude(pk__in=submitted)
        .exclude(recusals__judge=user)
        .select_related("owner", "edition")
        .order_by("owner__name")
    )


@register_work("awards.scoring", order=62)
def scores_to_give(user):
    from proeftuin.funding.service import conflicted_organisation_ids

    panels = list(Panel.objects.filter(members=user).select_related("edition"))
    if not panels:
        return None
    blocked = conflicted_organisation_ids(user)
    count, items = 0, []
    for panel in panels:
        for step in PANEL_STEPS[panel.kind]:
            rows = _waiting(user, panel, step, blocked)
            count += rows.count()
            for nomination in rows[: max(0, ITEMS_SHOWN - len(items))]:
                url = reverse("awards:scorecard", args=[nomination.uuid, panel.kind, step])
                items.append(WorkItem(nomination.owner.name, url, panel.edition.title))
    if not count:
        return None
    return WorkSection(
        key="awards-scoring",
        title=_("Award scores to give"),
        count=count,
        items=items,
        empty=_("No scores wait for you."),
        more_url=reverse("awards:judging", args=[panels[0].edition.slug]),
    )
