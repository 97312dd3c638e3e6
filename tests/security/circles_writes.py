"""The hostile-user probes of the groups' forms and actions (``/groepen/``); the pages of
a group are checked through the ``CIRCLES`` module (``circles.py``). Every action by
someone who may not take it is refused with nothing changed and nothing revealed; then
one who may takes it (the positive control)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from proeftuin.circles.models import CircleMember, Invitation, JoinRequest, MeetingDocument
from tests.security.circles import CIRCLES, MEMBERS
from tests.security.visibility import REFUSED, Probe, fetch
from tests.security.world import ACTORS, World
from tests.security.writes import Write

HOSTS = ("a_editor", "platform_admin")
# who takes part in the closed group: its current members (the revoked and deactivated
# members no longer), its host and platform administrators
TAKING_PART = ("a_viewer", "a_contributor", "a_admin", *HOSTS)


def _closed(world: World):
    return world.records[CIRCLES.name]["closed"]


def _first_meeting(world: World):
    return _closed(world).meetings.order_by("pk").first()


def _base(world: World) -> str:
    return f"/groepen/{_closed(world).uuid}/"


def _meeting_url(world: World) -> str:
    return f"{_base(world)}bijeenkomsten/{_first_meeting(world).uuid}/"


def _others(*allowed: str) -> tuple[str, ...]:
    return tuple(actor for actor in ACTORS if actor not in allowed)


def _pages(world, client, actor):
    """The forms to change a group and start one: for its hosts (and who may change the
    pilot, for a new group), refused to everyone else; "my groups" leaks nothing."""
    pilot = world.records["initiative"]["pub"]
    problems = []
    for url, allowed in (
        (f"{_base(world)}bewerken/", HOSTS),
        (f"/groepen/nieuw/initiatief/{pilot.slug}/", ("a_editor", "a_admin", "platform_admin")),
        ("/groepen/mijn/", _others("anonymous", "deactivated")),
    ):
        response, body = fetch(client, url)
        if actor in allowed and response.status_code != 200:
            problems.append(f"{url}: status {response.status_code} for {actor}")
        if actor not in allowed and response.status_code not in REFUSED:
            problems.append(f"{url}: status {response.status_code} for {actor}")
        problems += [f"{url}: {p}" for p in world.leaks(actor, body.replace(url, ""))]
    return problems


CIRCLE_READS = [Probe("group forms", ("circles:edit", "circles:create", "circles:mine"), _pages)]


def _pending_request(world: World) -> JoinRequest:
    join = JoinRequest.objects.filter(circle=_closed(world), state="pending").first()
    return join or JoinRequest.objects.create(
        circle=_closed(world), user=world.users["b_viewer"], organisation=world.b
    )


def _decide(world, client):
    url = f"{_base(world)}aanvragen/{_pending_request(world).uuid}/"
    return client.post(url, {"decision": "approve"})


def _members(world) -> list:
    return sorted(CircleMember.objects.filter(circle=_closed(world)).values_list("pk", "status"))


def _invitation(world) -> Invitation:
    row = Invitation.objects.filter(user=world.users["b_contributor"], state="pending").first()
    return row or Invitation.objects.create(
        circle=_closed(world), user=world.users["b_contributor"], invited_by=world.users["a_editor"]
    )


def _own_membership(world) -> CircleMember:
    return _closed(world).members.get(user=world.users["a_viewer"])


def _meeting_state(world):
    meeting = _first_meeting(world)
    return meeting.notes, meeting.version, _closed(world).meetings.count()


def _edit_meeting(world, client):
    meeting = _first_meeting(world)
    data = {"title": meeting.title, "date": "2026-02-01", "version": meeting.version}
    return client.post(_meeting_url(world), data | {"notes": "Overschreven verslag"})


def _upload(world, client):
    upload = SimpleUploadedFile("bijlage.txt", b"Een bijlage")
    return client.post(f"{_meeting_url(world)}documenten/", {"file": upload})


CIRCLE_WRITES = [
    Write(
        "change a group",
        ("circles:edit",),
        0,
        lambda w, c: c.post(
            f"{_base(w)}bewerken/",
            {"title": "Overgenomen", "kind": "learning_circle", "openness": "public"},
        ),
        lambda w: (
            type(_closed(w)).objects.filter(pk=_closed(w).pk).values_list("title", "openness")[0]
        ),
        attackers=_others(*HOSTS),
    ),
    Write(
        "start a group around A's pilot",
        ("circles:create",),
        30,
        lambda w, c: c.post(
            f"/groepen/nieuw/initiatief/{w.records['initiative']['pub'].slug}/",
            {"title": "Nieuwe kring", "kind": "learning_circle", "openness": "members"},
        ),
        lambda w: type(_closed(w)).objects.count(),
    ),
    Write(
        "decide a request",
        ("circles:decide",),
        0,
        _decide,
        lambda w: (_pending_request(w), JoinRequest.objects.filter(state="pending").count()),
        attackers=_others(*HOSTS),
    ),
    Write(
        "invite someone",
        ("circles:invite",),
        0,
        lambda w, c: c.post(f"{_base(w)}uitnodigen/", {"username": "b-editor"}),
        lambda w: Invitation.objects.filter(user=w.users["b_editor"]).count(),
        attackers=_others(*HOSTS),
    ),
    Write(
        "answer someone else's invitation",
        ("circles:answer",),
        0,
        lambda w, c: c.post(f"/groepen/uitnodigingen/{_invitation(w).uuid}/", {"answer": "accept"}),
        lambda w: (_invitation(w), Invitation.objects.filter(state="pending").count()),
        allowed_actor="b_contributor",
        attackers=_others("b_contributor"),
    ),
    Write(
        "set a member's status",
        ("circles:member",),
        0,
        lambda w, c: c.post(f"{_base(w)}leden/{_own_membership(w).uuid}/", {"status": "stopped"}),
        _members,
        allowed_actor="a_viewer",
        attackers=_others("a_viewer", *HOSTS),
    ),
    Write(
        "remove a member",
        ("circles:member",),
        0,
        lambda w, c: c.post(f"{_base(w)}leden/{_own_membership(w).uuid}/", {"remove": "1"}),
        lambda w: _closed(w).members.filter(user=w.users["a_viewer"]).exists(),
        attackers=_others("a_viewer", *HOSTS),
    ),
    Write(
        "plan a meeting",
        ("circles:meeting_add",),
        0,
        lambda w, c: c.post(
            f"{_base(w)}bijeenkomsten/nieuw/", {"title": "Extra", "date": "2026-05-01"}
        ),
        _meeting_state,
        attackers=_others(*HOSTS),
    ),
    Write(
        "keep a meeting's notes",
        ("circles:meeting",),
        0,
        _edit_meeting,
        _meeting_state,
        allowed_actor="a_viewer",
        attackers=_others(*TAKING_PART),
    ),
    Write(
        "add a meeting document",
        ("circles:document_add",),
        0,
        _upload,
        lambda w: MeetingDocument.objects.count(),
        allowed_actor="a_viewer",
        attackers=_others(*TAKING_PART),
    ),
    Write(
        "ask a question",
        ("circles:question_add",),
        0,
        lambda w, c: c.post(f"{_base(w)}vragen/", {"title": "Een vraag van buiten"}),
        lambda w: _closed(w).questions.count(),
        allowed_actor="a_viewer",
        attackers=_others(*TAKING_PART),
    ),
    Write(
        "plan a meeting through the API",
        ("api:circle-meeting-list",),
        0,
        lambda w, c: c.post(
            f"/api/v1/circles/{_closed(w).uuid}/meetings",
            {"title": "Extra", "date": "2026-05-01"},
            content_type="application/json",
        ),
        _meeting_state,
        attackers=_others(*HOSTS),
    ),
    Write(
        "ask a question through the API",
        ("api:circle-question-list",),
        0,
        lambda w, c: c.post(
            f"/api/v1/circles/{_closed(w).uuid}/questions",
            {"title": "Een vraag van buiten"},
            content_type="application/json",
        ),
        lambda w: _closed(w).questions.count(),
        allowed_actor="a_viewer",
        attackers=_others(*TAKING_PART),
    ),
    Write(
        "ask to join a closed group",
        ("circles:join",),
        0,
        lambda w, c: c.post(f"{_base(w)}aanvragen/", {"message": "Graag"}),
        lambda w: JoinRequest.objects.filter(circle=_closed(w)).count(),
        allowed_actor="b_editor",
        # members are members already; anonymous visitors sign in first; the outsider has
        # no organisation to take part for
        attackers=("anonymous", "outsider", *MEMBERS[:3], "deactivated"),
    ),
]
