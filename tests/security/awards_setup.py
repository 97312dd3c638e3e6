"""The hostile-user probes of the organisers' set-up pages: a new competition (only who
manages a programme: A's administrator, and platform administrators), a new edition of a
competition, an edition's set-up (timeline and scale with its version), its criteria and
categories added and removed (the organisers of the public edition of ``EDITIONS``).
Everyone else is refused with nothing changed and nothing revealed."""

from __future__ import annotations

from django.utils import timezone

from proeftuin.awards.models import Category, Competition, Criterion, Edition
from tests.security.awards import EDITIONS, MANAGER
from tests.security.awards_writes import page_check
from tests.security.visibility import Probe
from tests.security.world import ACTORS, World
from tests.security.writes import Write

ORGANISERS = (MANAGER, "platform_admin")
ATTACKERS = tuple(actor for actor in ACTORS if actor not in ORGANISERS)


def _edition(world: World) -> Edition:
    return Edition.objects.get(pk=world.records[EDITIONS.name]["pub"].pk)


def _base(world: World) -> str:
    return f"/prijzen/{_edition(world).slug}/beheer/"


def _new_edition_url(world: World) -> str:
    return f"/prijzen/verkiezingen/{_edition(world).competition.slug}/nieuwe-editie/"


def _once(world: World, model) -> int:
    """The pk of a criterion or category of the edition to remove (made once; removed by
    the positive control)."""
    records = world.records.setdefault("award-setup", {})
    if model.__name__ not in records:
        row = model.objects.create(edition=_edition(world), name="Te verwijderen")
        records[model.__name__] = row.pk
    return records[model.__name__]


AWARD_SETUP_READS = [
    Probe(
        "award new competition form",
        ("awards:competition_new",),
        page_check({*ORGANISERS}, lambda world: "/prijzen/nieuwe-prijs/"),
    ),
    Probe(
        "award new edition form",
        ("awards:edition_new",),
        page_check({*ORGANISERS}, _new_edition_url),
    ),
    Probe(
        "award edition set-up",
        ("awards:setup",),
        page_check({*ORGANISERS}, lambda world: _base(world) + "inrichten/"),
    ),
]


def _competitions(world: World):
    return sorted(Competition.objects.values_list("pk", flat=True))


def _create_competition(world: World, client):
    programme = _edition(world).competition.programme
    return client.post(
        "/prijzen/nieuwe-prijs/", {"programme": programme.pk, "name": "Gekaapte verkiezing"}
    )


def _editions(world: World):
    return sorted(Edition.objects.values_list("pk", flat=True))


def _create_edition(world: World, client):
    edition = _edition(world)
    return client.post(
        _new_edition_url(world),
        {
            "year": "2031",
            "title": "Editie 2031",
            "nominations_open": "2031-01-01T09:00",
            "nominations_close": "2031-03-01T17:00",
            "submissions_close": "2031-04-01T17:00",
            "score_min": edition.score_min,
            "score_max": edition.score_max,
        },
    )


def _settings(world: World):
    edition = _edition(world)
    return edition.title, edition.top_size, edition.version


def _edit(world: World, client):
    edition = _edition(world)
    data = {
        name: timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
        for name, value in (
            ("nominations_open", edition.nominations_open),
            ("nominations_close", edition.nominations_close),
            ("submissions_close", edition.submissions_close),
        )
    }
    data.update(title="Gekaapte editie", top_size="7", version=edition.version)
    data.update(published="on" if edition.published else "")
    return client.post(_base(world) + "inrichten/", data)


def _criteria(world: World):
    return sorted(_edition(world).criteria.values_list("name", flat=True))


def _add_criterion(world: World, client):
    return client.post(_base(world) + "criteria/", {"name": "Gekaapt", "weight": "1"})


def _remove_criterion(world: World, client):
    return client.post(f"{_base(world)}criteria/{_once(world, Criterion)}/verwijderen/")


def _criterion_kept(world: World) -> bool:
    return Criterion.objects.filter(pk=_once(world, Criterion)).exists()


def _categories(world: World):
    return sorted(_edition(world).categories.values_list("name", flat=True))


def _category_kept(world: World) -> bool:
    return Category.objects.filter(pk=_once(world, Category)).exists()


def _add_category(world: World, client):
    return client.post(_base(world) + "categorieen/", {"name": "Gekaapt"})


def _remove_category(world: World, client):
    return client.post(f"{_base(world)}categorieen/{_once(world, Category)}/verwijderen/")


def _write(name, route, attempt, state) -> Write:
    return Write(name, (route,), 0, attempt, state, allowed_actor=MANAGER, attackers=ATTACKERS)


AWARD_SETUP_WRITES = [
    _write("create a competition", "awards:competition_new", _create_competition, _competitions),
    _write("create an edition", "awards:edition_new", _create_edition, _editions),
    _write("edit an edition", "awards:setup", _edit, _settings),
    _write("add a criterion", "awards:criterion_add", _add_criterion, _criteria),
    _write("remove a criterion", "awards:criterion_remove", _remove_criterion, _criterion_kept),
    _write("add a category", "awards:category_add", _add_category, _categories),
    _write("remove a category", "awards:category_remove", _remove_category, _category_kept),
]
