"""The funding world the hostile-user suite attacks (issue 13): a public programme over A
and B with its own manager, a fund with a screener and reviewers from both organisations,
and applications of A and B in every state, each carrying made-up words.

Applications (key: owner, stage): ``adraft`` (A's draft, B its partner), ``asubmitted``,
``areview`` (in review; a reviewer of B submitted a review, a reviewer of B who declared a
conflict with A is assigned too), ``agranted`` (with its letter, a tranche and
obligations), ``arejected``, ``adecide`` (ready for decision);
``bdraft`` and ``breview`` (in review, A's viewer reviews it: a review not submitted).
A's applications are written by ``applicant`` with ``co_applicant`` (and the revoked and
the deactivated user, who no longer may) on their team; B's by B's contributor.

Every application carries ``title_marker(key)`` in its title and ``secret_marker(key)`` in
its problem; ``asubmitted`` and ``areview`` keep every case of A as a prior case (as if
their applicant found them with more rights than their readers have); a review
``REVIEW_MARKERS[...]`` in its comment, the declared conflict ``CONFLICT_MARKER`` in its
reason. ``FundingWorld.leaks`` finds those the actor may not read (the title of the
granted one is public: the round's results page shows it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from proeftuin.funding import conflicts, services_reviews
from proeftuin.funding.models import FormQuestion, Fund, FundMember
from proeftuin.funding.services_applications_parts import attachment_add
from proeftuin.funding.services_decisions import decision_make
from proeftuin.funding.services_grants import tranche_plan
from proeftuin.funding.services_reviews_scores import review_save, review_submit
from proeftuin.organisations.services import programme_save
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.funding.factories import make_application, make_round
from tests.security.world import ACTORS, World

EXTRA_ACTORS = ["fund_manager", "screener", "reviewer", "conflicted", "applicant", "co_applicant"]
FUNDING_ACTORS = [*ACTORS, *EXTRA_ACTORS]
A_APPS = ("adraft", "asubmitted", "areview", "agranted", "arejected", "adecide")
B_APPS = ("bdraft", "breview")
STAGES = {
    "adraft": "draft",
    "asubmitted": "submitted",
    "areview": "in_review",
    "agranted": "decision",
    "arejected": "decision",
    "adecide": "decision",
    "bdraft": "draft",
    "breview": "in_review",
}
A_WRITERS = {"applicant", "co_applicant"}
OFFICE = {"fund_manager", "screener", "platform_admin"}  # read every submitted one
# who reads each application (drafts: its applicants alone; conflicted never)
READERS = {
    "adraft": A_WRITERS | {"platform_admin"},
    "asubmitted": A_WRITERS | OFFICE,
    "areview": A_WRITERS | OFFICE | {"reviewer"},
    "agranted": A_WRITERS | OFFICE,
    "arejected": A_WRITERS | OFFICE,
    "adecide": A_WRITERS | OFFICE,
    "bdraft": {"b_contributor", "platform_admin"},
    "breview": {"b_contributor", "a_viewer"} | OFFICE,
}
MANAGERS = ("fund_manager", "platform_admin")
REVIEW_MARKERS = {"submitted": "xqzoordeelingediend", "draft": "xqzoordeelconcept"}
# a submitted review: its reviewer and the managers; a draft: its reviewer alone
REVIEW_READERS = {
    "submitted": {"reviewer", *MANAGERS},
    "draft": {"a_viewer", "platform_admin"},
}
CONFLICT_MARKER = "xqzbelang"
# what the funding world's own actors may see of A's other things: as the actor named
AS_FOR_A = {
    "fund_manager": "outsider",
    "screener": "outsider",
    "reviewer": "b_viewer",
    "conflicted": "b_viewer",
    "applicant": "a_contributor",
    "co_applicant": "a_contributor",
}
PUBLIC_WORD = "xqzresultaat"  # in the granted application's public summary


def title_marker(key: str) -> str:
    return f"xqzaanvraag{key}"


def secret_marker(key: str) -> str:
    return f"xqzinhoud{key}"


@dataclass
class FundingWorld:
    world: World
    round: object = None
    apps: dict = field(default_factory=dict)
    assignments: dict = field(default_factory=dict)  # "reviewer", "conflicted", "a_viewer"
    conflict: object = None
    letter: object = None
    attachment: object = None
    spare: object = None  # a reviewer nobody assigned yet
    gamma: object = None  # an organisation outside the world, to add as a partner

    @property
    def users(self) -> dict:
        return self.world.users

    def reads(self, actor: str, key: str) -> bool:
        return actor in READERS[key]

    def readable(self, actor: str) -> set[str]:
        return {key for key in READERS if self.reads(actor, key)}

    def leaks(self, actor: str, body: str) -> list[str]:
        """Markers in ``body`` the actor may not read, A's other things included."""
        found = [f"{key} text" for key in READERS if not self.reads(actor, key)]
        found = [f for f in found if secret_marker(f.split()[0]) in body]
        found += [
            f"{key} title"
            for key in READERS
            if key != "agranted" and not self.reads(actor, key) and title_marker(key) in body
        ]
        found += [
            f"{kind} review"
            for kind, marker in REVIEW_MARKERS.items()
            if actor not in REVIEW_READERS[kind] and marker in body
        ]
        if actor not in ("conflicted", "platform_admin") and CONFLICT_MARKER in body:
            found.append("someone's declared conflict")
        found += self.world.leaks(AS_FOR_A.get(actor, actor), body)
        return found


def _user(world: World, name: str, organisation=None, role=10):
    if organisation is None:
        user = UserFactory(username=f"fonds-{name}")
    else:
        user = MembershipFactory(
            organisation=organisation, role=role, user=UserFactory(username=f"fonds-{name}")
        ).user
    world.users[name] = user
    return user


def _round(fw: FundingWorld, manager):
    world = fw.world
    programme = programme_save(
        actor=None,
        name="Programma Proeven",
        members=[world.a, world.b],
        visibility="public",
        managers=[manager],
    )
    fund = Fund.objects.create(programme=programme, name="Fonds Proeven", slug="fonds-proeven")
    round_ = make_round(fund, title="Ronde Proeven", slug="ronde-proeven")
    FormQuestion.objects.create(
        round=round_, key="plan", label="Projectplan", kind="file", required=False, order=1
    )
    return round_


def _applications(fw: FundingWorld) -> None:
    world, users = fw.world, fw.world.users
    for key, stage in STAGES.items():
        a = key in A_APPS
        app = make_application(
            fw.round,
            world.a if a else world.b,
            stage=stage,
            created_by=users["applicant" if a else "b_contributor"],
            title=f"Aanvraag {title_marker(key)}",
            problem=f"Het probleem {secret_marker(key)} van deze aanvraag.",
            public_summary=f"Een proef {PUBLIC_WORD} in de wijk." if key == "agranted" else "",
            amount_requested="40000",
        )
        if key in ("asubmitted", "areview"):  # what its applicant found: all of A's cases
            app.prior_cases = [_prior(case) for case in world.cases.values()]
            app.save(update_fields=["prior_cases"])
        if a:
            app.team.add(users["co_applicant"], users["revoked"], users["deactivated"])
        fw.apps[key] = app
    fw.apps["adraft"].partners.create(organisation=world.b)
    fw.apps["adraft"].kpis.create(measure="Doorlooptijd", unit="days", direction="lower")


def _prior(case) -> dict:
    return {"title": case.title, "url": f"/casussen/{case.slug}/", "uuid": str(case.uuid)}


def _reviews(fw: FundingWorld) -> None:
    users, fund = fw.users, fw.round.fund
    for name in ("reviewer", "conflicted", "a_viewer"):
        FundMember.objects.create(fund=fund, user=users[name], role="reviewer")
    # a reviewer of no organisation, not assigned yet: for the managers to assign
    fw.spare = UserFactory(username="fonds-reserve")
    FundMember.objects.create(fund=fund, user=fw.spare, role="reviewer")
    manager = users["fund_manager"]
    for name, key in (("reviewer", "areview"), ("conflicted", "areview"), ("a_viewer", "breview")):
        fw.assignments[name] = services_reviews.assignment_create(
            actor=manager, application=fw.apps[key], reviewer=users[name]
        )
    criteria = list(fw.round.criteria.all())
    for name, kind, save in (
        ("reviewer", "submitted", review_submit),
        ("a_viewer", "draft", review_save),
    ):
        save(
            actor=users[name],
            assignment=fw.assignments[name],
            scores={c.pk: 4 for c in criteria},
            recommendation="yes",
            comment=f"Mijn oordeel {REVIEW_MARKERS[kind]}.",
        )
    fw.conflict = conflicts.conflict_declare(
        actor=users["conflicted"], organisation=fw.world.a, reason=f"Familie {CONFLICT_MARKER}"
    )


def _decisions(fw: FundingWorld) -> None:
    manager = fw.users["fund_manager"]
    granted = fw.apps["agranted"]
    decision_make(actor=manager, application=granted, outcome="granted", amount="30000")
    decision_make(
        actor=manager, application=fw.apps["arejected"], outcome="rejected", reasons="Te duur."
    )
    tranche_plan(actor=manager, application=granted, milestone="Start", amount="10000")
    for key in ("agranted", "arejected"):
        fw.apps[key].refresh_from_db()
    fw.letter = granted.letters.get()


def build_funding(world: World) -> FundingWorld:
    """Call inside ``django_capture_on_commit_callbacks(execute=True)``: the letter is made."""
    fw = FundingWorld(world=world)
    manager = _user(world, "fund_manager")
    _user(world, "screener")
    _user(world, "reviewer", world.b)
    _user(world, "conflicted", world.b)
    _user(world, "applicant", world.a, role=20)
    _user(world, "co_applicant", world.a, role=20)
    fw.round = _round(fw, manager)
    fw.gamma = OrganisationFactory(name="Waterschap Gamma", slug="waterschap-gamma-fonds")
    FundMember.objects.create(fund=fw.round.fund, user=world.users["screener"], role="screener")
    _applications(fw)
    fw.attachment = attachment_add(
        actor=world.users["applicant"],
        application=fw.apps["adraft"],
        question_key="plan",
        upload=SimpleUploadedFile(
            f"plan-{secret_marker('adraft')}.pdf", b"%PDF-1.4 plan", "application/pdf"
        ),
    )
    _reviews(fw)
    _decisions(fw)
    return fw
