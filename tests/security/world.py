"""The world the hostile-user suite attacks: organisation A with private cases, an
uploaded document with suggestions and an audit history; organisation B beside it; and
every kind of actor, each with the level of access it should have to A's things.

Each private thing carries a marker (a made-up word) in its title or text, so a leak shows
up as the marker in a response body, and a positive control (someone who may see it)
shows the suite can fail. The records of each module (cases, ...) are made from its
declaration in ``modules.py`` (see ``visibility.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

from proeftuin.accounts.models import Membership, Role
from proeftuin.cases.services import case_update
from proeftuin.ingestion.models import SourceFile, Suggestion
from proeftuin.ingestion.services import source_upload
from proeftuin.notifications.models import Notification
from proeftuin.notifications.service import notify
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.notification_support import CASE_CHANGED
from tests.notification_support import register as register_notification_events
from tests.security.modules import CASES as CASE_MODULE
from tests.security.modules import MODULES

ADMIN = 100  # a platform administrator may see everything

# what each of A's cases is and needs: status, visibility, the role in A (0 = anyone)
CASES = {
    level.key: (level.fields["status"], level.fields["visibility"], level.needs)
    for level in CASE_MODULE.levels
}
SOURCE_NEEDS = Role.VIEWER  # the uploaded file, its suggestions, its document
REVIEW_NEEDS = Role.EDITOR  # the uploader lost their role, so only editors review
EDIT_NEEDS = Role.EDITOR  # none of A's drafts is the acting contributor's own
AUDIT_NEEDS = Role.EDITOR  # history is shown to who may edit the (published) case

AUDIT_MARKER = "xqzaudit"
NOTIFICATION_MARKER = "xqzmelding"  # in a notification of A's editor about a private draft
NOTIFICATION_RECIPIENT = "a_editor"
SOURCE_MARKER = "xqzbronwoord"  # searched for (so echoed back in the query)
SNIPPET_MARKER = "xqzfragment"  # next to it: in a response only when a passage is
DOCUMENT_TEXT = (
    f"Gemeente Alfa\n\nOpenheid\nDe gemeente deelt het {SOURCE_MARKER} {SNIPPET_MARKER} "
    "rapport alleen binnen de eigen organisatie, met cijfers over wijkteams en zorg.\n"
).encode()

ACTORS = [
    "anonymous",
    "outsider",
    "revoked",
    "deactivated",
    "b_viewer",
    "b_contributor",
    "b_editor",
    "b_admin",
    "a_viewer",
    "a_contributor",
    "a_editor",
    "a_admin",
    "platform_admin",
]
HOSTILE = ACTORS[:8]


def case_marker(key: str) -> str:
    return CASE_MODULE.marker(key)


@dataclass
class World:
    a: object
    b: object
    users: dict = field(default_factory=dict)
    records: dict = field(default_factory=dict)  # module name: {level key: record}
    source: SourceFile | None = None
    notification: Notification | None = None

    @property
    def cases(self) -> dict:
        return self.records[CASE_MODULE.name]

    def user(self, actor: str):
        return self.users.get(actor) or AnonymousUser()

    def level(self, actor: str) -> int:
        """The actor's effective role in A (0 for everyone outside it)."""
        if actor == "platform_admin":
            return ADMIN
        return {"a_viewer": 10, "a_contributor": 20, "a_editor": 30, "a_admin": 40}.get(actor, 0)

    def sees(self, actor: str, module, key: str) -> bool:
        return self.level(actor) >= module.level(key).needs

    def visible(self, actor: str, module) -> set[str]:
        return {level.key for level in module.levels if self.sees(actor, module, level.key)}

    def sees_case(self, actor: str, key: str) -> bool:
        return self.sees(actor, CASE_MODULE, key)

    def sees_source(self, actor: str) -> bool:
        return self.level(actor) >= SOURCE_NEEDS

    def visible_cases(self, actor: str) -> set[str]:
        return self.visible(actor, CASE_MODULE)

    def leaks(self, actor: str, body: str) -> list[str]:
        """Markers in ``body`` of A's things the actor may not see."""
        found = [
            f"{module.name} {level.key}"
            for module in MODULES
            for level in module.levels
            if not self.sees(actor, module, level.key) and module.marker(level.key) in body
        ]
        if not self.sees_source(actor):
            secrets = {
                "source text": SNIPPET_MARKER,
                "file name": "vertrouwelijk-alfa",
                "source uuid": str(self.source.uuid),
                "content hash": self.source.content_hash,
            }
            found += [what for what, secret in secrets.items() if secret in body]
        if self.level(actor) < AUDIT_NEEDS and AUDIT_MARKER in body:
            found.append("audit history")
        if actor != NOTIFICATION_RECIPIENT and NOTIFICATION_MARKER in body:
            found.append("someone else's notification")
        return found


def _member(organisation, role, username):
    return MembershipFactory(
        organisation=organisation, role=role, user=UserFactory(username=username)
    ).user


def build_world() -> World:
    a = OrganisationFactory(name="Gemeente Alfa", slug="gemeente-alfa", province="PV20")
    b = OrganisationFactory(name="Gemeente Beta", slug="gemeente-beta", province="PV21")
    world = World(a=a, b=b)
    for prefix, org in (("a", a), ("b", b)):
        for role, name in (
            (Role.VIEWER, "viewer"),
            (Role.CONTRIBUTOR, "contributor"),
            (Role.EDITOR, "editor"),
            (Role.ORGANISATION_ADMIN, "admin"),
        ):
            world.users[f"{prefix}_{name}"] = _member(org, role, f"{prefix}-{name}")
    world.users["outsider"] = UserFactory(username="buitenstaander")
    world.users["platform_admin"] = UserFactory(
        username="platformbeheer", is_platform_admin=True, is_staff=True
    )
    revoked = _member(a, Role.CONTRIBUTOR, "vertrokken")
    deactivated = _member(a, Role.EDITOR, "gedeactiveerd")
    auditor = _member(a, Role.EDITOR, f"redacteur-{AUDIT_MARKER}")
    world.users.update(revoked=revoked, deactivated=deactivated)
    for module in MODULES:
        world.records[module.name] = {
            level.key: module.create(
                world, level, module.marker(level.key), revoked if level.by_revoked else None
            )
            for level in module.levels
        }
    case_update(case=world.cases["pub"], actor=auditor, year_end=2021)
    world.source, _job, _created = source_upload(
        actor=revoked, filename="vertrouwelijk-alfa.txt", data=DOCUMENT_TEXT
    )
    # the authorship stays; the role goes
    Membership.objects.filter(user=revoked).delete()
    deactivated.is_active = False
    deactivated.save()
    for user in world.users.values():
        user.__dict__.pop("_proeftuin_roles", None)
    world.notification = _notification(world)
    return world


def _notification(world: World) -> Notification:
    """A notification about A's private draft: everyone named, only A's editor may see it
    (the revoked author, B's editor and A's viewer are left out by ``notify``)."""
    register_notification_events()
    names = (NOTIFICATION_RECIPIENT, "revoked", "b_editor", "a_viewer", "deactivated")
    (row,) = notify(
        recipients=[world.users[name] for name in names],
        event=CASE_CHANGED,
        title=f"Casus {NOTIFICATION_MARKER} is gewijzigd",
        url=f"/casussen/{world.cases['private'].slug}/",
        subject=world.cases["private"],
    )
    return row


def add_decision(world: World) -> Suggestion:
    """A decided suggestion beside the pending ones, for the attempts to undo a decision."""
    first = world.source.suggestions.order_by("pk").first()
    return Suggestion.objects.create(
        source=world.source,
        job=first.job,
        segment=first.segment,
        segment_title=first.segment_title,
        field="partners",
        value={"name": "Gemeente Beta"},
        page=1,
        start=0,
        end=13,
        quote="Gemeente Alfa",
        step="partners",
        step_version="1",
        confidence=0.5,
        status=Suggestion.Status.REJECTED,
    )
