"""What the awards app hears from other apps: a saved case queues a new version of the
casebooks that hold it (the job makes one only when the case really changed)."""

from __future__ import annotations

from django.db.models.signals import post_save


def _case_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if created or raw:
        return  # a new case is in no casebook yet; fixtures are loaded as they are
    from proeftuin.awards.services_casebooks import case_changed

    case_changed(instance.pk)


def connect() -> None:
    from proeftuin.cases.service import Case

    post_save.connect(_case_saved, sender=Case, dispatch_uid="awards.casebook_case_saved")
