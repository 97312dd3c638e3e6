"""Fill a fresh database with a synthetic case library, fast (bulk inserts, no services).

Call ``generate(n_orgs, n_cases, seed)`` with Django set up and migrated (the migrations
seed the domains and the default theme sets). The facet index ``CaseFacetValue`` is built
with the app's own ``facet_rows`` on prefetched cases, and ``verify_facets`` checks a sample
against the app's ``case_reindex_facets`` service.
"""

from __future__ import annotations

import math
import random
import time
from decimal import Decimal

import words as w
from django.db import connection, transaction
from django.utils.text import slugify

from proeftuin.cases.choices import (
    BarrierCategory,
    Direction,
    EditorialStatus,
    LessonKind,
    OutcomeKind,
    OutcomeUnit,
    RecognitionKind,
    Stage,
    Visibility,
)
from proeftuin.cases.facets import facet_rows
from proeftuin.cases.models import (
    Case,
    CaseBarrier,
    CaseFacetValue,
    CaseOrganisation,
    CasePartner,
    CasePerson,
    CaseSection,
    Lesson,
    Outcome,
    Recognition,
    ThemeSet,
)
from proeftuin.cases.services import case_reindex_facets
from proeftuin.core.service import content_changed
from proeftuin.organisations.models import Domain, Organisation

STATUS_VISIBILITY = [  # (status, visibility, weight): mostly published and public
    (EditorialStatus.PUBLISHED, Visibility.PUBLIC, 85),
    (EditorialStatus.PUBLISHED, Visibility.ORGANISATION, 5),
    (EditorialStatus.DRAFT, Visibility.PUBLIC, 4),
    (EditorialStatus.IN_REVIEW, Visibility.PUBLIC, 3),
    (EditorialStatus.DRAFT, Visibility.PRIVATE, 3),
]
STAGE_WEIGHTS = [2, 6, 25, 15, 14, 30, 8]  # in the order of Stage
FACET_PREFETCH = ("case_organisations", "sections__theme__theme_set", "outcomes", "recognitions")
CHUNK = 1_000


def _pick(rng: random.Random, rows):
    return rng.choices(rows, weights=[r[2] for r in rows])[0]


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate.lower() in taken:
        candidate, n = f"{name} {n}", n + 1
    taken.add(candidate.lower())
    return candidate


def _staff(rng: random.Random, org: Organisation, low: int, high: int) -> None:
    staff = int(math.exp(rng.uniform(math.log(low), math.log(high))))
    roll = rng.random()
    if roll < 0.6:
        org.staff_exact = staff
    elif roll < 0.85:
        org.staff_min, org.staff_max = staff, int(staff * rng.uniform(1.1, 1.6))
    if org.staff_exact or org.staff_min:
        org.staff_year = rng.randint(2010, 2024)
    org.refresh_size_band()


def _organisation(rng: random.Random, taken: set[str]) -> Organisation:
    layer, kind, _weight, pattern, (low, high) = _pick(rng, w.ORG_KINDS)
    province = rng.choice(list(w.PROVINCES))
    place = rng.choice(w.PLACE_HEADS) + rng.choice(w.PLACE_TAILS)
    name = pattern.format(
        place=place,
        region=rng.choice(w.REGIONS),
        province=w.PROVINCES[province],
        topic=rng.choice(w.NATIONAL_TOPICS),
    )
    name = _unique(name, taken)
    if layer == "national":
        province = rng.choice(["", "", "", "PV28", "PV26"])
    org = Organisation(
        name=name,
        slug=slugify(name)[:190],
        abbreviation="".join(p[0] for p in name.split() if p[0].isupper())
        if layer in ("national", "regional") and rng.random() < 0.5
        else "",
        government_layer=layer,
        organisation_type=kind,
        province=province,
        municipality=place if layer == "local" else "",
        website=f"https://www.{slugify(name)}.nl",
    )
    _staff(rng, org, low, high)
    return org


def _organisations(rng: random.Random, n_orgs: int) -> list[Organisation]:
    taken: set[str] = set()
    orgs = Organisation.objects.bulk_create(_organisation(rng, taken) for _ in range(n_orgs))
    domains = list(Domain.objects.all())
    through = Organisation.domains.through
    through.objects.bulk_create(
        through(organisation_id=org.pk, domain_id=domain.pk)
        for org in orgs
        for domain in rng.sample(domains, rng.choice([1, 1, 2, 2, 3]))
    )
    return list(Organisation.objects.prefetch_related("domains").order_by("pk"))


def _text(rng: random.Random, n: int, topic: str, org: str) -> str:
    return " ".join(s.format(topic=topic, org=org) for s in rng.sample(w.SENTENCES, n))


def _case(rng: random.Random, index: int, orgs: list[Organisation], theme_set) -> Case:
    status, visibility, _weight = _pick(rng, STATUS_VISIBILITY)
    start = rng.randint(2005, 2024)
    end = rng.choice([None, start, min(start + rng.randint(1, 4), 2024)])
    topic = rng.choice(w.TOPICS)
    lead = rng.choice(orgs)
    where = f"in {lead.municipality}" if lead.municipality else f"bij {lead.name}"
    title = f"{rng.choice(w.INTERVENTIONS)} {topic} {where}"[:240]
    return Case(
        slug=f"{slugify(title)[:150]}-{start}-{index}",
        title=title,
        summary=_text(rng, rng.randint(3, 6), topic, lead.name),
        year_start=start,
        year_end=end,
        stage=rng.choices(Stage.values, weights=STAGE_WEIGHTS)[0],
        status=status,
        visibility=visibility,
        theme_set=theme_set,
        owner=lead,
    )


def _children(rng: random.Random, case: Case, orgs, themes, out: dict[str, list]) -> None:
    topic = rng.choice(w.TOPICS)
    links = [case.owner, *rng.sample(orgs, rng.choice([0, 0, 0, 1]))]
    for order, org in enumerate(dict.fromkeys(links)):
        out["links"].append(
            CaseOrganisation(
                case=case,
                organisation=org,
                is_lead=order == 0,
                order=order,
                profile_snapshot=org.profile_snapshot(),
            )
        )
    for theme in rng.sample(themes, rng.randint(3, 9)):
        body = _text(rng, rng.randint(3, 8), topic, case.owner.name)
        out["sections"].append(CaseSection(case=case, theme=theme, body=body))
    for order in range(rng.choice([0, 1, 1, 2, 2, 3])):
        kind = rng.choice(OutcomeKind.values)
        out["outcomes"].append(
            Outcome(
                case=case,
                measure=rng.choice(w.MEASURES[kind]),
                value=Decimal(str(round(rng.uniform(1, 95), 2))),
                unit=rng.choice(OutcomeUnit.values),
                direction=rng.choice(Direction.values),
                kind=kind,
                period=f"{case.year_start}–{case.year_end or case.year_start}",
                order=order,
            )
        )
    for order, text in enumerate(rng.sample(w.LESSONS, rng.randint(1, 4))):
        kind = rng.choice(LessonKind.values)
        out["lessons"].append(Lesson(case=case, kind=kind, text=text, order=order))
    for order, text in enumerate(rng.sample(w.BARRIERS, rng.choice([0, 0, 1, 1, 2]))):
        category = rng.choice(BarrierCategory.values)
        out["barriers"].append(CaseBarrier(case=case, category=category, text=text, order=order))
    for order in range(rng.choice([0, 0, 1, 2])):
        person = CasePerson(
            case=case, name=rng.choice(w.PERSON_NAMES), role=rng.choice(w.ROLES), order=order
        )
        out["people"].append(person)
    for order in range(rng.choice([0, 0, 0, 1, 2])):
        partner = rng.choice(orgs)
        out["partners"].append(
            CasePartner(case=case, organisation=partner, name=partner.name, order=order)
        )
    for _n in range(rng.choices([0, 1, 2], weights=[85, 12, 3])[0]):
        kind = rng.choice(RecognitionKind.values)
        year = rng.randint(case.year_start, case.year_end or case.year_start)
        name = rng.choice(w.RECOGNITIONS)
        out["recognitions"].append(Recognition(case=case, kind=kind, name=name, year=year))


CHILD_MODELS = {
    "links": CaseOrganisation,
    "sections": CaseSection,
    "outcomes": Outcome,
    "lessons": Lesson,
    "barriers": CaseBarrier,
    "people": CasePerson,
    "partners": CasePartner,
    "recognitions": Recognition,
}


def _cases(rng: random.Random, n_cases: int, orgs: list[Organisation]) -> dict[str, int]:
    theme_set = ThemeSet.objects.get(key="casebook")
    themes = list(theme_set.themes.all())
    counts = dict.fromkeys(["cases", *CHILD_MODELS], 0)
    for first in range(0, n_cases, CHUNK):
        cases = Case.objects.bulk_create(
            _case(rng, i, orgs, theme_set) for i in range(first, min(first + CHUNK, n_cases))
        )
        children: dict[str, list] = {name: [] for name in CHILD_MODELS}
        for case in cases:
            _children(rng, case, orgs, themes, children)
        for name, model in CHILD_MODELS.items():
            model.objects.bulk_create(children[name], batch_size=2_000)
            counts[name] += len(children[name])
        counts["cases"] += len(cases)
    return counts


def build_facet_index() -> int:
    """Write ``CaseFacetValue`` rows for every case with the app's own ``facet_rows``
    (a plain multi-row insert: model instances would double the time)."""
    qn = connection.ops.quote_name
    insert = "INSERT INTO {} ({}, {}, {}) VALUES (%s, %s, %s)".format(
        qn(CaseFacetValue._meta.db_table), qn("case_id"), qn("facet"), qn("value")
    )
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    total = 0
    for first in range(0, len(ids), CHUNK):
        chunk = Case.objects.filter(pk__in=ids[first : first + CHUNK])
        rows = [
            (case.pk, facet, value)
            for case in chunk.prefetch_related(*FACET_PREFETCH)
            for facet, value in facet_rows(case)
        ]
        with connection.cursor() as cursor:
            cursor.executemany(insert, rows)
        total += len(rows)
    return total


def _stored_rows(case_id: int) -> list[tuple[str, str]]:
    rows = CaseFacetValue.objects.filter(case_id=case_id).values_list("facet", "value")
    return sorted(rows)


def verify_facets(sample: int = 50, seed: int = 1) -> int:
    """Rebuild a sample of cases through the app's service; the rows must not change."""
    ids = list(Case.objects.values_list("pk", flat=True))
    checked = random.Random(seed).sample(ids, min(sample, len(ids)))
    for case_id in checked:
        before = _stored_rows(case_id)
        with transaction.atomic():
            case_reindex_facets(Case(pk=case_id))
        after = _stored_rows(case_id)
        if before != after:
            raise AssertionError(f"facet rows of case {case_id} differ: {before} != {after}")
    return len(checked)


def generate(n_orgs: int, n_cases: int, seed: int = 1) -> dict:
    """Fill the (fresh, migrated) database; returns row counts and timings."""
    if Case.objects.exists() or Organisation.objects.exists():
        raise RuntimeError("generate() needs an empty database")
    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        orgs = _organisations(rng, n_orgs)
        counts = _cases(rng, n_cases, orgs)
    generated = time.perf_counter()
    with transaction.atomic():
        counts["facet_values"] = build_facet_index()
        content_changed(
            "organisations", "cases"
        )  # bulk writes bypass the services: tell the caches
    indexed = time.perf_counter()
    counts["organisations"] = len(orgs)
    counts["verified_facet_cases"] = verify_facets(seed=seed)
    return {
        "rows": counts,
        "seconds_generate": round(generated - started, 2),
        "seconds_facet_index": round(indexed - generated, 2),
        "seconds_verify": round(time.perf_counter() - indexed, 2),
    }
