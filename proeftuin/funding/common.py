"""Small helpers every funding service uses: audit snapshots and the row lock with the
version check (shared in ``core.records``), and the content domain."""

from __future__ import annotations

from proeftuin.core.service import content_changed, locked, plain, snapshot

__all__ = ["changed", "locked", "plain", "snapshot"]


def changed() -> None:
    content_changed("funding")
