"""The notification events of the awards (registered when the app is ready) and who hears
of them: a nomination by another party goes to the nominee's editors (consent asked); a
step of the nomination (submitted, long list, top ten, finalist, winner, not selected,
withdrawn) to its contacts and the nominee's editors; a new panel member to that judge."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proeftuin.accounts.service import Role, User
from proeftuin.core.service import on_move
from proeftuin.notifications.service import EmailFrequency, notify, register_event

CONSENT_ASKED = "awards.consent_asked"
MOVED = "awards.nomination_moved"
PANEL = "awards.panel_member"

register_event(
    CONSENT_ASKED,
    gettext_lazy("Your organisation was nominated for an award and is asked for consent"),
    email=EmailFrequency.IMMEDIATELY,
)
register_event(MOVED, gettext_lazy("A nomination of your organisation went a step further"))
register_event(PANEL, gettext_lazy("You were added to the panel of an award"))


def nominee_people(nomination) -> list:
    editors = User.objects.filter(
        is_active=True,
        memberships__organisation_id=nomination.owner_id,
        memberships__role__gte=Role.EDITOR,
    )
    return list(dict.fromkeys([*nomination.contacts.all(), *editors]))


def _url(nomination) -> str:
    return reverse("awards:nomination", args=[nomination.uuid])


def consent_asked(nomination, actor) -> None:
    notify(
        recipients=nominee_people(nomination),
        event=CONSENT_ASKED,
        title=_("%(organisation)s is nominated for %(edition)s: do you take part?")
        % {"organisation": nomination.owner.name, "edition": nomination.edition.title},
        url=_url(nomination),
        subject=nomination,
        actor=actor,
    )


def panel_member_added(panel, user, actor) -> None:
    notify(
        recipients=[user],
        event=PANEL,
        title=_("You are on the %(panel)s of %(edition)s")
        % {"panel": panel.get_kind_display(), "edition": panel.edition.title},
        url=reverse("awards:judging", args=[panel.edition.slug]),
        actor=actor,
    )


@on_move("awards.notify", kinds=("award",))
def nomination_moved(move, subject) -> None:
    notify(
        recipients=nominee_people(subject),
        event=MOVED,
        title=_("%(organisation)s, %(edition)s: %(stage)s")
        % {
            "organisation": subject.owner.name,
            "edition": subject.edition.title,
            "stage": move.to_stage.label(),
        },
        url=_url(subject),
        subject=subject,
        actor=move.actor,
    )
