"""Public interface of the barrier register for other apps."""

from proeftuin.barriers.links import barrier_link
from proeftuin.barriers.models import Authority, Barrier
from proeftuin.barriers.services import barrier_create, barrier_move

__all__ = ["Authority", "Barrier", "barrier_create", "barrier_link", "barrier_move"]
