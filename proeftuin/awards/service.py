"""Public interface of the awards app for other apps."""

from proeftuin.awards.models import Competition, Edition, Nomination
from proeftuin.awards.selectors import editions_visible, nominations_visible

__all__ = ["Competition", "Edition", "Nomination", "editions_visible", "nominations_visible"]
