"""The hostile-user writes of the pipeline page's edits (``/initiatieven/werkwijze/<A>/``):
each edit of A's own pipeline, posted with its current version, is refused for everyone
below A's administrators with nothing changed (the version stays), and made by one of them.
Giving A its own pipeline is covered in ``portfolio.py``."""

from __future__ import annotations

from proeftuin.core.service import GateQuestion, Workflow, workflow_copy_default
from tests.security.writes import Write

ORGANISATION_ADMIN = 40  # the role in A that manages its pipeline
KIND = "initiative"


def _own(world) -> Workflow:
    """A's own pipeline, copied from the default the first time it is needed."""
    found = Workflow.objects.filter(owner=world.a, kind=KIND).first()
    return found or workflow_copy_default(KIND, world.a, world.users["a_admin"])


def _version(world) -> int:
    """Every edit raises the version: unchanged means nothing changed."""
    return _own(world).version


def _question(own) -> str:
    return str(GateQuestion.objects.filter(stage__workflow=own, stage__key="pilot").first().pk)


def _move_to_parked(own) -> str:
    return str(own.transitions.filter(from_stage__key="idea", to_stage__key="parked").first().pk)


def _edit(action: str, target=None, **data):
    """The attempt: one edit of A's pipeline; ``target`` a value or a function of it."""

    def attempt(world, client):
        own = _own(world)
        chosen = target(own) if callable(target) else target or ""
        post = {"action": action, "target": chosen, "expected_version": own.version, **data}
        return client.post(f"/initiatieven/werkwijze/{world.a.slug}/", post)

    return attempt


STAGE = {"name": "Beoordeling", "name_en": "Review", "category": "open"}

EDITS = [
    ("add a stage", _edit("stage_add", key="review", from_stage="idea", actors="owner", **STAGE)),
    ("change a stage", _edit("stage_update", "pilot", **STAGE)),
    ("move a stage", _edit("stage_move", "pilot", step="-1")),
    ("remove a stage", _edit("stage_remove", "parked", move_to="idea")),
    ("add a gate question", _edit("question_add", "pilot", text="Is er draagvlak?")),
    ("change a gate question", _edit("question_update", _question, text="Gekaapt?")),
    ("move a gate question", _edit("question_move", _question, step="1")),
    ("remove a gate question", _edit("question_remove", _question)),
    ("add a move", _edit("transition_add", from_stage="idea", to_stage="pilot", actors="owner")),
    ("remove a move", _edit("transition_remove", _move_to_parked)),
]

PIPELINE_WRITES = [
    Write(
        f"A's pipeline: {name}",
        ("portfolio:pipeline",),
        ORGANISATION_ADMIN,
        attempt,
        _version,
        allowed_actor="a_admin",
    )
    for name, attempt in EDITS
]
