"""Helpers every awards service uses."""

from __future__ import annotations

from proeftuin.core.service import ValidationFailed, content_changed


def changed() -> None:
    content_changed("awards")


def refuse(field: str, message: str):
    raise ValidationFailed(message, field_errors={field: [message]})
