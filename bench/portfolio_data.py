"""Fill a fresh database with a synthetic portfolio, fast (bulk inserts, no services).

Call ``generate(n_orgs, n_initiatives, seed)`` with Django set up and migrated (the migrations
seed the domains, the theme sets and the default initiative workflow). Organisations come from
the case library's generator (``generate.py``); each gets people (editor, contributor, viewer).
Initiatives have a team, learning questions, reflections, KPIs with measurements, budget
lines, hours, partners, themes and domains, and moves through the default workflow (a
``Move`` row per step, the stage they ended in on the initiative) with an audit entry each.
A public programme (``PROGRAMMES``) has 20 random organisations as members.
"""

from __future__ import annotations

import datetime
import itertools
import random
import time
from decimal import Decimal

import words as w
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from generate import STATUS_VISIBILITY, _organisations, _pick, _text

from proeftuin.accounts.models import Membership, Role, User
from proeftuin.cases.models import Theme
from proeftuin.core.models import AuditEntry
from proeftuin.core.service import content_changed
from proeftuin.core.workflows.models import Move, Stage, Workflow
from proeftuin.organisations.models import Domain, Programme
from proeftuin.portfolio.choices import InnovationKind, KpiDirection, KpiUnit, OecdFacet, TeamRole
from proeftuin.portfolio.models import (
    BudgetLine,
    HoursAllocation,
    Initiative,
    Kpi,
    LearningQuestion,
    Measurement,
    Reflection,
    TeamMember,
)

CHUNK = 1_000
PEOPLE = ((Role.EDITOR, "editor"), (Role.CONTRIBUTOR, "contributor"), (Role.VIEWER, "viewer"))
# how far along the default pipeline an initiative got (open stages, then the end states)
PATH = ["idea", "exploration", "pilot", "evaluation", "scaling", "standard"]
END_WEIGHTS = [20, 25, 20, 12, 8, 5]  # ends in PATH[i]
STOPPED, PARKED = 7, 3  # % stopped or parked from where it got to
TODAY = datetime.date(2026, 6, 1)
# programmes over several organisations: (name, member organisations, visibility)
PROGRAMMES = [("Benchmarkprogramma", 20, "public")]
CHILDREN = {
    "team": TeamMember,
    "questions": LearningQuestion,
    "reflections": Reflection,
    "kpis": Kpi,
    "budget": BudgetLine,
    "hours": HoursAllocation,
    "moves": Move,
    "audit": AuditEntry,
}


def _people(orgs) -> dict[int, list[User]]:
    """Three people per organisation (editor, contributor, viewer), ``<role>-<org pk>``."""
    users = User.objects.bulk_create(
        User(username=f"{label}-{org.pk}", email=f"{label}-{org.pk}@bench.invalid")
        for org in orgs
        for _role, label in PEOPLE
    )
    by_name = {u.username: u for u in users}
    Membership.objects.bulk_create(
        Membership(user=by_name[f"{label}-{org.pk}"], organisation=org, role=role)
        for org in orgs
        for role, label in PEOPLE
    )
    return {org.pk: [by_name[f"{label}-{org.pk}"] for _r, label in PEOPLE] for org in orgs}


def _initiative(rng, index: int, lead, workflow, stages, people) -> Initiative:
    status, visibility, _weight = _pick(rng, STATUS_VISIBILITY)
    topic = rng.choice(w.TOPICS)
    title = f"{rng.choice(w.INTERVENTIONS)} {topic} bij {lead.name}"[:240]
    reached = rng.choices(range(len(PATH)), weights=END_WEIGHTS)[0]
    stage = stages[PATH[reached]]
    roll = rng.randint(1, 100)
    if reached < len(PATH) - 1 and roll <= STOPPED + PARKED:
        stage = stages["stopped" if roll <= STOPPED else "parked"]
    started = TODAY - datetime.timedelta(days=rng.randint(30, 1500))
    interval = rng.choice([None, 30, 60, 90])
    return Initiative(
        slug=f"{slugify(title)[:170]}-{index}",
        title=title,
        problem=_text(rng, rng.randint(2, 4), topic, lead.name),
        affected=_text(rng, 1, topic, lead.name),
        intended_result=_text(rng, 2, topic, lead.name),
        owner=lead,
        kind=rng.choice(InnovationKind.values),
        facets=sorted(rng.sample(OecdFacet.values, rng.randint(0, 2))),
        started_on=started,
        evaluation_date=started + datetime.timedelta(days=rng.randint(60, 900)),
        reflection_interval_days=interval,
        reflection_due=TODAY + datetime.timedelta(days=rng.randint(-40, 60)) if interval else None,
        lessons=_text(rng, 2, topic, lead.name) if stage.key == "stopped" else "",
        created_by=people[lead.pk][1],
        status=status,
        visibility=visibility,
        workflow=workflow,
        stage=stage,
        stage_entered_at=timezone.make_aware(datetime.datetime.combine(started, datetime.time())),
    )


def _team(rng, initiative, people, out) -> None:
    editor, contributor, viewer = people[initiative.owner_id]
    roles = [(contributor, TeamRole.OWNER), (editor, TeamRole.SPONSOR)]
    roles += [(viewer, rng.choice([TeamRole.GATEKEEPER, TeamRole.TEAM]))]
    out["team"] += [TeamMember(initiative=initiative, user=u, role=r) for u, r in roles]


def _learning(rng, initiative, people, out) -> None:
    topic = rng.choice(w.TOPICS)
    for order in range(rng.randint(1, 3)):
        text = f"Wat leren we over {topic}? ({order + 1})"
        out["questions"].append(LearningQuestion(initiative=initiative, text=text, order=order))
    author = people[initiative.owner_id][1]
    for n in range(rng.randint(0, 5)):
        date = initiative.started_on + datetime.timedelta(days=30 * (n + 1))
        out["reflections"].append(
            Reflection(
                initiative=initiative,
                date=min(date, TODAY),
                author=author,
                unexpected=_text(rng, 2, topic, initiative.owner.name),
                interventions=_text(rng, 1, topic, initiative.owner.name),
            )
        )


def _money(rng, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high) * 100)


def _resources(rng, initiative, out) -> None:
    for order in range(rng.randint(0, 3)):
        kind = rng.choice(list(w.MEASURES))
        out["kpis"].append(
            Kpi(
                initiative=initiative,
                measure=rng.choice(w.MEASURES[kind])[:250],
                unit=rng.choice(KpiUnit.values),
                baseline=Decimal(rng.randint(0, 50)),
                target=Decimal(rng.randint(50, 100)),
                direction=rng.choice(KpiDirection.values),
                order=order,
            )
        )
    year = initiative.started_on.year
    for offset in range(rng.randint(0, 3)):
        planned = _money(rng, 50, 2000)
        out["budget"].append(
            BudgetLine(
                initiative=initiative,
                year=year + offset,
                funding_source=rng.choice(["Eigen begroting", "Subsidie", "Innovatiefonds"]),
                planned=planned,
                committed=planned * Decimal("0.8"),
                spent=planned * Decimal(str(round(rng.uniform(0.2, 1.0), 2))),
            )
        )
    for _n in range(rng.randint(0, 2)):
        out["hours"].append(
            HoursAllocation(
                initiative=initiative,
                role=rng.choice(w.ROLES)[:200],
                hours_per_week=Decimal(rng.randint(2, 24)),
                start=initiative.started_on,
            )
        )


def _history(rng, initiative, stages, content_type, people, out) -> None:
    """A move per step from idea to where the initiative is, and an audit entry each."""
    actor = people[initiative.owner_id][0]
    keys = PATH[: PATH.index(initiative.stage.key) + 1] if initiative.stage.key in PATH else None
    if keys is None:  # stopped or parked: somewhere along the way first
        keys = [*PATH[: rng.randint(1, 4)], initiative.stage.key]
    when = timezone.make_aware(datetime.datetime.combine(initiative.started_on, datetime.time()))
    for before, after in itertools.pairwise(keys):
        when += datetime.timedelta(days=rng.randint(20, 120))
        out["moves"].append(
            Move(
                content_type=content_type,
                object_id=initiative.pk,
                from_stage=stages[before],
                to_stage=stages[after],
                from_name=stages[before].name,
                to_name=stages[after].name,
                actor=actor,
                at=when,
                reason=_text(rng, 1, rng.choice(w.TOPICS), initiative.owner.name),
            )
        )
        out["audit"].append(
            AuditEntry(
                actor=actor,
                action=AuditEntry.Action.UPDATE,
                object_type="portfolio.initiative",
                object_uuid=initiative.uuid,
                object_pk=str(initiative.pk),
                object_repr=initiative.title[:300],
                changes={"stage": [stages[before].name, stages[after].name]},
            )
        )


def _links(rng, initiatives, orgs, themes, domains) -> dict[str, int]:
    """Partners, themes and domains: plain many-to-many rows."""
    rows = {
        "partners": [
            Initiative.partners.through(initiative_id=i.pk, organisation_id=o.pk)
            for i in initiatives
            for o in rng.sample(orgs, rng.choice([0, 0, 1, 2]))
            if o.pk != i.owner_id
        ],
        "themes": [
            Initiative.themes.through(initiative_id=i.pk, theme_id=t.pk)
            for i in initiatives
            for t in rng.sample(themes, rng.randint(1, 3))
        ],
        "domains": [
            Initiative.domains.through(initiative_id=i.pk, domain_id=d.pk)
            for i in initiatives
            for d in rng.sample(domains, rng.randint(1, 2))
        ],
    }
    for name, objs in rows.items():
        getattr(Initiative, name).through.objects.bulk_create(objs, batch_size=2_000)
    return {name: len(objs) for name, objs in rows.items()}


def _measurements(rng) -> int:
    rows = [
        Measurement(
            kpi_id=kpi_id,
            date=TODAY - datetime.timedelta(days=60 * n),
            value=Decimal(rng.randint(0, 100)),
        )
        for kpi_id in Kpi.objects.values_list("pk", flat=True)
        for n in range(rng.randint(0, 6))
    ]
    Measurement.objects.bulk_create(rows, batch_size=2_000)
    return len(rows)


def _spread_updated_at() -> None:
    """Bulk inserts stamp every row "now": spread ``updated_at`` over two years, as a real
    portfolio has it (the list sorts on it)."""
    table = connection.ops.quote_name(Initiative._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET updated_at = "
            "datetime('2026-06-01', '-' || ((id * 7919) % 730) || ' days', "
            "'-' || ((id * 104729) % 86400) || ' seconds')"
        )


def _programmes(rng, orgs) -> int:
    """``PROGRAMMES``, each over a random sample of the organisations (bulk inserts)."""
    programmes = Programme.objects.bulk_create(
        Programme(name=name, slug=slugify(name), visibility=visibility)
        for name, _n, visibility in PROGRAMMES
    )
    rows = [
        Programme.members.through(programme_id=programme.pk, organisation_id=org.pk)
        for programme, (_name, n, _v) in zip(programmes, PROGRAMMES, strict=True)
        for org in rng.sample(orgs, min(n, len(orgs)))
    ]
    Programme.members.through.objects.bulk_create(rows)
    return len(programmes)


def _initiatives(rng, n, orgs, people) -> dict[str, int]:
    workflow = Workflow.objects.get(kind="initiative", owner__isnull=True)
    stages = {s.key: s for s in Stage.objects.filter(workflow=workflow)}
    content_type = ContentType.objects.get_for_model(Initiative)
    themes, domains = list(Theme.objects.all()), list(Domain.objects.all())
    counts = dict.fromkeys(["initiatives", *CHILDREN], 0)
    for first in range(0, n, CHUNK):
        chunk = [
            _initiative(rng, i, rng.choice(orgs), workflow, stages, people)
            for i in range(first, min(first + CHUNK, n))
        ]
        chunk = Initiative.objects.bulk_create(chunk)
        out: dict[str, list] = {name: [] for name in CHILDREN}
        for initiative in chunk:
            _team(rng, initiative, people, out)
            _learning(rng, initiative, people, out)
            _resources(rng, initiative, out)
            _history(rng, initiative, stages, content_type, people, out)
        for name, model in CHILDREN.items():
            model.objects.bulk_create(out[name], batch_size=2_000)
            counts[name] += len(out[name])
        counts["initiatives"] += len(chunk)
        for name, value in _links(rng, chunk, orgs, themes, domains).items():
            counts[name] = counts.get(name, 0) + value
    counts["measurements"] = _measurements(rng)
    _spread_updated_at()
    return counts


def generate(n_orgs: int, n_initiatives: int, seed: int = 1) -> dict:
    """Fill the (fresh, migrated) database; returns row counts and the time it took."""
    if Initiative.objects.exists():
        raise RuntimeError("generate() needs an empty database")
    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        orgs = _organisations(rng, n_orgs)
        people = _people(orgs)
        counts = _initiatives(rng, n_initiatives, orgs, people)
        counts["programmes"] = _programmes(random.Random(seed + 1), orgs)
        content_changed("organisations", "initiatives")
    counts["organisations"] = len(orgs)
    counts["users"] = sum(len(v) for v in people.values())
    return {"rows": counts, "seconds_generate": round(time.perf_counter() - started, 2)}
