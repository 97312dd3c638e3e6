"""The hostile-user probes of comments (``/reacties/``) on A's public initiative: only
members of A (the lead; it has no partners here) and platform administrators read and
post them; the author changes a comment, A's editors remove it; everyone else is refused
with nothing changed and nothing of the comment revealed, on the initiative page too."""

from __future__ import annotations

from proeftuin.comments.models import Comment
from proeftuin.comments.services import comment_post
from tests.security.modules import INITIATIVES
from tests.security.visibility import REFUSED, Probe, fetch
from tests.security.world import HOSTILE, World
from tests.security.writes import Write

MARKER = "xqzreactie"
AUTHOR = "a_contributor"
DISCUSS_NEEDS = 10  # a viewer of A
MODERATORS = {"a_editor", "a_admin", "platform_admin"}


def _initiative(world: World):
    return world.records[INITIATIVES.name]["pub"]


def _comment(world: World) -> Comment:
    """The comment of A's contributor on the public initiative (made once per world)."""
    if getattr(world, "comment", None) is None:
        world.comment = comment_post(
            actor=world.users[AUTHOR], target=_initiative(world), body=f"Intern {MARKER} overleg"
        )
    return world.comment


def _pages(world, client, actor):
    comment, initiative = _comment(world), _initiative(world)
    discusses = world.level(actor) >= DISCUSS_NEEDS
    problems = []
    response, body = fetch(client, f"/initiatieven/{initiative.slug}/")
    if discusses != (MARKER in body):
        problems.append(f"initiative page: comment shown={MARKER in body}")
    pages = {
        f"/reacties/initiatief/{initiative.uuid}/plaatsen/": discusses,
        f"/reacties/{comment.uuid}/": actor == AUTHOR or actor in MODERATORS,
    }
    for url, allowed in pages.items():
        response, body = fetch(client, url)
        if allowed and response.status_code != 200:
            problems.append(f"{url}: {response.status_code} for who may")
        if not allowed and response.status_code not in REFUSED:
            problems.append(f"{url}: status {response.status_code}")
        if not discusses and MARKER in body:
            problems.append(f"{url}: comment shown")
        problems += [f"{url}: {p}" for p in world.leaks(actor, body)]
    return problems


COMMENT_READS = [Probe("comments", ("comments:post", "comments:change"), _pages)]


def _count(world) -> int:
    _comment(world)
    return Comment.objects.filter(target_id=_initiative(world).pk).count()


def _state(world) -> tuple:
    row = Comment.objects.get(pk=_comment(world).pk)
    return row.body, row.deleted_at


COMMENT_WRITES = [
    Write(
        "post a comment",
        ("comments:post",),
        DISCUSS_NEEDS,
        lambda w, c: c.post(
            f"/reacties/initiatief/{_initiative(w).uuid}/plaatsen/", {"body": "Overgenomen"}
        ),
        _count,
        allowed_actor="a_viewer",
    ),
    Write(
        "change someone's comment",
        ("comments:change",),
        0,
        lambda w, c: c.post(f"/reacties/{_comment(w).uuid}/", {"body": "Overgenomen"}),
        _state,
        allowed_actor=AUTHOR,
        attackers=("anonymous", "outsider", "revoked", "b_editor", "a_viewer", "a_editor"),
    ),
    Write(
        "remove someone's comment",
        ("comments:change",),
        30,
        lambda w, c: c.post(f"/reacties/{_comment(w).uuid}/", {"delete": "1"}),
        _state,
        # everyone below A's editors but the author (who may remove their own)
        attackers=(*HOSTILE, "a_viewer"),
    ),
]
