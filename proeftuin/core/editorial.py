"""Editorial status and visibility: the two fields every shareable record carries, and the
standard rule of who sees what, shared by cases, initiatives and every later module.

A record is published or not (``status``) and shared with everyone, its organisation, or
only the people who edit it (``visibility``). ``editorial_rule()`` turns these into the one
``VisibilityRule`` (``proeftuin.core.visibility``): the public sees published public records;
viewers of the owner see its published shared records; contributors see its shared drafts
and their own private ones; editors see all of the owner's records.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from proeftuin.core.visibility import Grant, VisibilityRule


class EditorialStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


# statuses a publish step starts from (an archived record is un-archived first)
UNPUBLISHED = (EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW)


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    ORGANISATION = "organisation", _("organisation only")
    PRIVATE = "private", _("private")


PUBLISHED_PUBLIC = Q(status=EditorialStatus.PUBLISHED, visibility=Visibility.PUBLIC)
SHARED = Q(visibility__in=[Visibility.PUBLIC, Visibility.ORGANISATION])


def editorial_rule(*, owner_field: str = "owner", author_field: str = "created_by"):
    """The standard rule for a record with ``status``, ``visibility`` and an owner."""
    from proeftuin.accounts.service import Role

    return VisibilityRule(
        public=PUBLISHED_PUBLIC,
        grants=(
            Grant(Role.VIEWER, Q(status=EditorialStatus.PUBLISHED) & SHARED),
            Grant(Role.CONTRIBUTOR, SHARED),
            # one's own private drafts, only while still a contributor of the owner
            Grant(Role.CONTRIBUTOR, authored=True),
            Grant(Role.EDITOR),
        ),
        owner_field=owner_field,
        author_field=author_field,
    )


class EditorialModel(models.Model):
    """The two fields, for a model that uses ``editorial_rule()``."""

    status = models.CharField(
        _("editorial status"),
        max_length=12,
        choices=EditorialStatus.choices,
        default=EditorialStatus.DRAFT,
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    class Meta:
        abstract = True
