"""Load the demo barrier register (``fixtures/barriers/*.yaml``): authorities, barriers
recorded by demo accounts, linked to the demo library's cases and the demo portfolio's
initiatives of several organisations, and moved along their statuses (one resolved, one
assumed rather than real). Everything goes through the register's services.

Cases and initiatives are named by the start of their title. Loading is idempotent: a
barrier is matched by its title and left as it is. It needs the library, the demo accounts
and the demo portfolio."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.db import transaction
from django.utils.text import slugify

from proeftuin.accounts.service import User
from proeftuin.barriers.service import (
    Authority,
    Barrier,
    barrier_create,
    barrier_link,
    barrier_move,
)
from proeftuin.cases.service import Case
from proeftuin.demo.loader import FIXTURES
from proeftuin.organisations.service import Organisation
from proeftuin.portfolio.service import Initiative

FOLDER = FIXTURES / "barriers"
FIELDS = ("title", "category", "description", "rule", "rule_url", "change_request")


def read_barriers(folder: Path = FOLDER) -> dict:
    found = {"authorities": [], "barriers": []}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in found:
            found[key] += data.get(key) or []
    return found


def _authorities(specs) -> dict[str, Authority]:
    made = {}
    for spec in specs:
        made[spec["name"]], _new = Authority.objects.get_or_create(
            name=spec["name"],
            defaults={
                "slug": slugify(spec["name"])[:190],
                "kind": spec["kind"],
                "website": spec.get("website", ""),
            },
        )
    return made


def _subjects(spec) -> list:
    subjects = [Case.objects.get(title__startswith=title) for title in spec.get("cases") or []]
    for title in spec.get("initiatives") or []:
        subjects.append(Initiative.objects.get(title__startswith=title))
    return subjects


def load_barrier(spec: dict, authorities: dict[str, Authority], admin) -> Barrier | None:
    if Barrier.objects.filter(title=spec["title"]).exists():
        return None
    actor = User.objects.get(username=spec["by"])
    owner = None
    if spec.get("owner"):
        owner = Organisation.objects.get(name__icontains=spec["owner"])
    data = {name: spec[name] for name in FIELDS if name in spec}
    data.update(
        authority=authorities.get(spec.get("authority")), status="published", visibility="public"
    )
    barrier = barrier_create(actor=actor, owner=owner, data=data)
    for subject in _subjects(spec):
        barrier_link(actor=admin, barrier=barrier, subject=subject)
    moves = spec.get("moves") or []
    for state in moves:
        resolution = spec.get("resolution", "") if state == moves[-1] else ""
        barrier = barrier_move(actor=admin, barrier=barrier, state=state, resolution=resolution)
    return barrier


@transaction.atomic
def load_barriers(folder: Path = FOLDER) -> int:
    """Load the demo register; the number of barriers created."""
    data = read_barriers(folder)
    authorities = _authorities(data["authorities"])
    admin = User.objects.get(username="beheerder")
    made = [load_barrier(spec, authorities, admin) for spec in data["barriers"]]
    return sum(1 for barrier in made if barrier is not None)
