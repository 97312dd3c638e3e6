"""What plugs into the workflow mechanism: the subject model of each kind, and the listeners
told of every move (the owning app wires notifications there)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from proeftuin.core.registry import Registry


@dataclass(frozen=True)
class MoveListener:
    """``notify(move, subject)``, called inside the move's transaction after it is recorded:
    write rows or queue a job (proeftuin.core.jobs), never send mail there. ``kinds``:
    only moves of workflows of these kinds (empty: all)."""

    key: str
    notify: Callable
    kinds: tuple[str, ...] = ()


move_listeners: Registry[MoveListener] = Registry("workflow move listeners")
workflow_kinds: Registry[type] = Registry("workflow subject kinds")


def on_move(key: str, *, kinds: tuple[str, ...] = ()):
    """Decorator: register ``notify(move, subject)`` as move listener ``key``; call it from
    the app's ``AppConfig.ready()`` (or at import of a module that ``ready()`` imports)."""

    def decorator(notify):
        move_listeners.add(key, MoveListener(key=key, notify=notify, kinds=tuple(kinds)))
        return notify

    return decorator


def register_workflow_kind(kind: str, model) -> None:
    """Name the model whose records move through workflows of ``kind``; copying the default
    for an organisation then moves that organisation's records onto its copy."""
    workflow_kinds.add(kind, model)


def listeners_for(kind: str) -> list[MoveListener]:
    return [listener for listener in move_listeners if not listener.kinds or kind in listener.kinds]
