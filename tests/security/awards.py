"""Awards (``proeftuin.awards``) in the hostile-user suite: the editions (``EDITIONS``) and
the nominations (``NOMINATIONS``) as modules (``modules.py`` adds them to ``MODULES``).

Editions are read like funding rounds: a public programme's published edition by everyone,
a members-only programme's by who holds a role in A, an unpublished one by its organisers
(A's administrator manages the programmes) and platform administrators. The marker is in
the edition's title.

Nominations of A, each in a public, published edition of its own: one with A's consent
(public: its page for everyone) and one nominated by another party, waiting for consent
(only A's members, its nominator and the organisers). The marker is the name of the
nomination's category, shown on its page and its edition's page."""

from __future__ import annotations

import datetime
import json

from django.utils import timezone

from proeftuin.accounts.models import Role
from proeftuin.awards.models import Category, Competition, Edition, Nomination
from proeftuin.core.service import workflow_for, workflow_initial_stage
from proeftuin.organisations.services import programme_save
from tests.awards.factories import award_workflow
from tests.security.funding import api_count
from tests.security.visibility import Level, Module, detail, listing

MANAGER = "a_admin"
EDITION_LEVELS = (
    Level("pub", {"visibility": "public", "published": True}, 0),
    Level("org", {"visibility": "organisation", "published": True}, Role.VIEWER),
    Level("unpub", {"visibility": "public", "published": False}, Role.ORGANISATION_ADMIN),
)
NOMINATION_LEVELS = (
    Level("pub", {"consent": "given"}, 0),
    Level("pending", {"consent": "pending"}, Role.VIEWER),
)


def _edition_of(world, key: str, visibility: str, published: bool, title: str) -> Edition:
    award_workflow()
    programme = programme_save(
        actor=None,
        name=f"Prijsprogramma {key}",
        members=[world.a],
        visibility=visibility,
        managers=[world.users[MANAGER]],
    )
    competition = Competition.objects.create(
        programme=programme, name=f"Verkiezing {key}", slug=f"verkiezing-{key}"
    )
    now = timezone.now()
    return Edition.objects.create(
        competition=competition,
        year=2017,
        title=title,
        slug=f"editie-{key}",
        workflow=workflow_for("award", None),
        nominations_open=now - datetime.timedelta(days=1),
        nominations_close=now + datetime.timedelta(days=10),
        submissions_close=now + datetime.timedelta(days=20),
        published=published,
    )


def _edition(world, level, marker, author):
    fields = level.fields
    return _edition_of(
        world, level.key, fields["visibility"], fields["published"], f"Editie {marker}"
    )


def nominations_edition(world, key: str) -> Edition:
    """A public, published edition per nomination (one nomination per organisation)."""
    return _edition_of(world, f"nominatie-{key}", "public", True, f"Editie met nominatie {key}")


def module_editions_count(body: str) -> int:
    """The API's count of editions less the public ones ``NOMINATIONS`` adds (one page)."""
    data = json.loads(body)
    others = [e for e in data["results"] if e["slug"].startswith("editie-nominatie-")]
    return data["count"] - len(others)


def _nomination(world, level, marker, author):
    edition = nominations_edition(world, level.key)
    category = Category.objects.create(edition=edition, name=f"Categorie {marker}")
    return Nomination.objects.create(
        edition=edition,
        owner=world.a,
        category=category,
        source="self" if level.fields["consent"] == "given" else "other",
        nominated_by=author,
        motivation="Een goede organisatie.",
        consent=level.fields["consent"],
        workflow=edition.workflow,
        stage=workflow_initial_stage(edition.workflow),
    )


EDITIONS = Module(
    name="edition",
    marker_prefix="xqzeditie",
    search_word="editie",
    create=_edition,
    levels=EDITION_LEVELS,
    routes=(
        listing("awards:editions", url="/prijzen/"),
        detail("awards:edition", url=lambda world, e: f"/prijzen/{e.slug}/"),
        listing(
            "api:award-edition-list", url="/api/v1/awards/editions", count=module_editions_count
        ),
        detail(
            "api:award-edition-detail", url=lambda world, e: f"/api/v1/awards/editions/{e.slug}"
        ),
    ),
)

NOMINATIONS = Module(
    name="nomination",
    marker_prefix="xqznominatie",
    search_word="nominatie",
    create=_nomination,
    levels=NOMINATION_LEVELS,
    routes=(
        detail("awards:nomination", url=lambda world, n: f"/prijzen/nominaties/{n.uuid}/"),
        listing("api:award-nomination-list", url="/api/v1/awards/nominations", count=api_count),
        detail(
            "api:award-nomination-detail",
            url=lambda world, n: f"/api/v1/awards/nominations/{n.uuid}",
        ),
    ),
)
