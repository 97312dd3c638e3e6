"""The steps of one demo edition (``demo.awards``): nominations with consent, submissions,
panels with a chair, scorecards (a conflicted judge is blocked and scores nothing of that
nominee), the panels' decisions, site visits, and the finalists into cases; then the dating
of what happened, by direct update as the demo funding does it."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from proeftuin.awards.service import (
    Nomination,
    Scorecard,
    consent_decide,
    judging_refusal,
    nomination_create,
    nomination_link_case,
    panel_decide,
    panel_get_or_create,
    panel_member_add,
    scorecard_save,
    site_visit_save,
    submission_save,
    submission_submit,
)
from proeftuin.core.service import Move

SELF, OTHER = "self", "other"


def _text(value: str) -> str:
    return " ".join((value or "").split())


class Edition:
    """Runs one edition of the fixture through the awards services."""

    def __init__(self, edition, spec, library, organiser, sections) -> None:
        self.edition, self.spec, self.library = edition, spec, library
        self.organiser, self.sections = organiser, sections
        self.criteria = list(edition.criteria.all())

    def run(self) -> None:
        nominations = [self.nominate(item) for item in self.spec["nominees"]]
        selection, jury = self.panel("selection"), self.panel("jury")
        self.score(selection, nominations, "submission")
        self.decide(selection, "long_list", nominations)
        self.decide(selection, "top_ten", nominations)
        if self.spec.get("pitches"):
            self.score(jury, nominations, "pitch")
        self.decide(jury, "finalist", nominations)
        for nomination, item in zip(nominations, self.spec["nominees"], strict=True):
            self.visit(nomination, item)
        self.score(jury, nominations, "site_visit")
        for nomination, item in zip(nominations, self.spec["nominees"], strict=True):
            nomination_link_case(
                actor=self.organiser,
                nomination=self.fresh(nomination),
                case=self.library.case(item["case"]),
            )

    @staticmethod
    def fresh(nomination) -> Nomination:
        return Nomination.objects.select_related("stage", "owner", "edition").get(pk=nomination.pk)

    def nominate(self, item: dict) -> Nomination:
        nominator = self.library.user(item["nominated_by"])
        contact = self.library.user(item["contact"])
        source = SELF if nominator == contact else OTHER
        nomination = nomination_create(
            actor=nominator,
            edition=self.edition,
            organisation=self.library.organisation(item["organisation"]),
            source=source,
            motivation=_text(item["motivation"]),
        )
        if source == OTHER:
            nomination = consent_decide(actor=contact, nomination=nomination, give=True)
        answers = {c.pk: self.answer(c, item) for c in self.criteria}
        submission_save(actor=contact, nomination=self.fresh(nomination), answers=answers)
        return submission_submit(actor=contact, nomination=self.fresh(nomination))

    def answer(self, criterion, item: dict) -> str:
        """The text for ``criterion``: the theme's section of the finalist's library case,
        or the fixture's own text for a criterion without a theme."""
        if criterion.theme:
            return self.sections[item["case"]][criterion.theme]
        return _text(item["answers"][criterion.name])

    def panel(self, kind: str):
        spec = self.spec["panels"][kind]
        panel = panel_get_or_create(actor=self.organiser, edition=self.edition, kind=kind)
        chair = self.library.user(spec["chair"])
        panel_member_add(actor=self.organiser, panel=panel, user=chair, chair=True)
        for username in spec["members"]:
            panel_member_add(actor=self.organiser, panel=panel, user=self.library.user(username))
        return panel

    def score(self, panel, nominations, step: str) -> None:
        """Every member scores every nominee at ``step``, except where they are blocked (a
        conflict of interest): scores round the nominee's fixture score, no comments."""
        low, high = self.edition.score_min, self.edition.score_max
        judges = sorted(panel.members.all(), key=lambda user: user.username)
        for nomination, item in zip(nominations, self.spec["nominees"], strict=True):
            nomination = self.fresh(nomination)
            for index, judge in enumerate(judges):
                if judging_refusal(judge, panel, nomination, step):
                    continue
                scores = {
                    c.pk: (min(high, max(low, item["score"] + (index + n) % 3 - 1)), "")
                    for n, c in enumerate(self.criteria)
                }
                scorecard_save(
                    actor=judge,
                    panel=panel,
                    nomination=nomination,
                    step=step,
                    scores=scores,
                    submit=True,
                )

    def decide(self, panel, decision: str, nominations) -> None:
        notes = {
            "long_list": "Alle inzendingen voldoen aan de voorwaarden en gaan door.",
            "top_ten": "De selectiecommissie koos in overleg met de jury de beste inzendingen.",
            "finalist": "De jury koos de finalisten op basis van de inzendingen en de scores.",
        }[decision]
        panel_decide(
            actor=self.organiser,
            panel=panel,
            decision=decision,
            chosen=[self.fresh(n) for n in nominations],
            notes=notes,
        )

    def visit(self, nomination, item: dict) -> None:
        visited = datetime.date.fromisoformat(self.spec["dates"]["site_visits_on"])
        chair = self.library.user(self.spec["panels"]["jury"]["chair"])
        site_visit_save(
            actor=chair,
            nomination=self.fresh(nomination),
            visited_on=visited,
            findings=_text(item["findings"]),
        )


def _at(value: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time(hour)))


def date_history(edition) -> None:
    """Date what happened: consent and submission a week before the deadline, the long list
    and the top ten on the selection day, the finalists on the day of the pitches (or the
    selection day), the scorecards on the day of the step they score."""
    submitted = edition.submissions_close - datetime.timedelta(days=7)
    selected = _at(edition.selection_on)
    chosen = _at(edition.pitches_on or edition.selection_on, 16)
    at = {"submitted": submitted, "long_list": selected, "top_ten": selected, "finalist": chosen}
    kind = ContentType.objects.get_for_model(Nomination)
    for nomination in edition.nominations.select_related("stage"):
        for move in Move.objects.filter(content_type=kind, object_id=nomination.pk):
            Move.objects.filter(pk=move.pk).update(at=at.get(move.to_stage.key, chosen))
        Nomination.objects.filter(pk=nomination.pk).update(
            consent_at=submitted - datetime.timedelta(days=14),
            submitted_at=submitted,
            stage_entered_at=at.get(nomination.stage.key, chosen),
        )
    visits = _at(edition.site_visits_on)
    step_at = {"submission": selected, "pitch": chosen, "site_visit": visits}
    for step, moment in step_at.items():
        Scorecard.objects.filter(panel__edition=edition, step=step).update(submitted_at=moment)
