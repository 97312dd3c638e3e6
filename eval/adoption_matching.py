"""Evaluate adopter matching on a generated adoption history, against two baselines.

Run: ``PYTHONPATH=$PWD .venv/bin/python eval/adoption_matching.py`` (no database; the Django
settings only for the translated reasons). A seeded generator makes organisations with a
profile (type, layer, size band, province, domains), their own work (the themes of their
initiatives, the barrier categories of their cases, a chain of partners) and innovations
with an innovator, themes and barriers. Adopters are drawn one after the other, each more
likely when it resembles the innovator (type, size), works on the innovation's themes, runs
into its barriers, lies in or next to a province where it is already used, is in the
innovator's chain, or adopts a lot anyway; plus Gumbel noise. An adopter passes it on to
the next (``source``) when that one is in its own or a neighbouring province.

The last adopter of every innovation with at least two is held back. The matcher
(``proeftuin.diffusion.matching_criteria.rank_adopters``: the very function the pages and
the API rank with) ranks every organisation on what remains; so do the baselines "same
organisation type" (the innovator's type first, then at random) and "most adopted overall"
(organisations by their number of adoptions), and "random". Prints recall@10 and MRR of the
held-back adopters, per setting: ``tune`` (seed 1: the weights were chosen on it) and
``heldout`` (seed 2, more noise, another mix of organisations: never tuned on).

Options: ``--orgs N`` ``--innovations N`` ``--k N`` ``--json``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proeftuin.settings")

import django

django.setup()

from proeftuin.diffusion.matching_criteria import (  # noqa: E402
    InnovationProfile,
    OrgProfile,
    neighbouring_provinces,
    rank_adopters,
)

PROVINCES = [f"PV{n}" for n in range(20, 32)]
BANDS = ["xs", "s", "m", "l", "xl", "xxl"]
LAYER = {
    "municipality": "local",
    "water_board": "regional",
    "safety_region": "regional",
    "joint_arrangement": "regional",
    "province": "provincial",
    "executive_agency": "national",
    "ministry": "national",
}
BARRIERS = ["legal", "financial", "technical", "cultural", "institutional"]
DOMAINS = ["sociaal domein", "water", "belastingen", "zorg", "werk en inkomen", "veiligheid"]


@dataclass(frozen=True)
class Setting:
    name: str
    seed: int
    noise: float
    mix: dict  # organisation type: weight


SETTINGS = [
    Setting("tune", 1, 1.0, {"municipality": 60, "water_board": 8, "safety_region": 6,
                              "joint_arrangement": 10, "province": 4, "executive_agency": 8,
                              "ministry": 4}),
    Setting("heldout", 2, 1.5, {"municipality": 45, "water_board": 12, "safety_region": 8,
                                 "joint_arrangement": 15, "province": 5, "executive_agency": 10,
                                 "ministry": 5}),
]  # fmt: skip


@dataclass
class World:
    orgs: list[OrgProfile]
    innovations: list[InnovationProfile]
    adopters: dict = field(default_factory=dict)  # innovation key: [org pk in order]
    propensity: dict = field(default_factory=dict)


def _org(rng: random.Random, pk: int, setting: Setting, n_themes: int) -> OrgProfile:
    kind = rng.choices(list(setting.mix), weights=list(setting.mix.values()))[0]
    band = BANDS[min(5, max(0, int(rng.gauss(2.5 if kind != "municipality" else 1.8, 1.2))))]
    return OrgProfile(
        pk=pk,
        name=f"Organisatie {pk:04d}",
        organisation_type=kind,
        government_layer=LAYER[kind],
        size_band=band,
        province=rng.choice(PROVINCES),
        domain_names=frozenset(rng.sample(DOMAINS, rng.randint(1, 2))),
        problems={
            t: f"Initiatief {pk}-{t}" for t in rng.sample(range(n_themes), rng.randint(1, 4))
        },
        barriers=frozenset(rng.sample(BARRIERS, rng.randint(0, 2))),
    )


def _chains(rng: random.Random, orgs: list[OrgProfile]) -> None:
    """Chains of about eight organisations, mostly within a province."""
    shuffled = sorted(orgs, key=lambda o: (o.province, rng.random()))
    for start in range(0, len(shuffled), 8):
        group = shuffled[start : start + 8]
        for org in group:
            org.chain = frozenset(o.pk for o in group if o.pk != org.pk)


def _utility(org: OrgProfile, innovation: InnovationProfile, provinces: set, world: World) -> float:
    """The generator's own liking (not the matcher's weights)."""
    innovator = innovation.innovator
    u = 1.8 * (org.organisation_type == innovator.organisation_type)
    u += 0.8 * (abs(BANDS.index(org.size_band) - BANDS.index(innovator.size_band)) <= 1)
    u += 1.4 * min(2, len(set(innovation.themes) & set(org.problems)))
    u += 0.7 * len(innovation.barriers & org.barriers)
    near = neighbouring_provinces().get(org.province, frozenset())
    u += 1.0 * (org.province in provinces) + 0.5 * bool(near & provinces)
    u += 1.2 * (org.pk in innovation.chain)
    return u + world.propensity[org.pk]


def generate(setting: Setting, n_orgs: int, n_innovations: int, n_themes: int = 24) -> World:
    rng = random.Random(setting.seed)
    orgs = [_org(rng, pk, setting, n_themes) for pk in range(1, n_orgs + 1)]
    _chains(rng, orgs)
    world = World(orgs, [], propensity={o.pk: rng.gauss(0, 0.6) for o in orgs})
    for n in range(n_innovations):
        innovator = rng.choice(orgs)
        innovation = InnovationProfile(
            key=f"innovation:{n}",
            title=f"Innovatie {n}",
            innovator=innovator,
            themes={t: f"thema {t}" for t in rng.sample(sorted(innovator.problems), 1)}
            | {t: f"thema {t}" for t in rng.sample(range(n_themes), rng.randint(0, 1))},
            barriers=frozenset(rng.sample(BARRIERS, rng.randint(0, 2))),
            chain=innovator.chain,
        )
        world.innovations.append(innovation)
        world.adopters[innovation.key] = _spread(rng, setting, world, innovation)
    return world


def _spread(rng, setting, world: World, innovation: InnovationProfile) -> list[int]:
    """Adopters one by one (a long tail: most innovations spread little, some widely)."""
    count = min(int(rng.paretovariate(1.3)), 40)
    provinces, chosen = {innovation.innovator.province}, []
    for _step in range(count):
        options = [o for o in world.orgs if o.pk != innovation.innovator.pk and o.pk not in chosen]
        best = max(
            options,
            key=lambda o: _utility(o, innovation, provinces, world) + _gumbel(rng, setting.noise),
        )
        chosen.append(best.pk)
        provinces.add(best.province)
    return chosen


def _gumbel(rng: random.Random, scale: float) -> float:
    return -scale * math.log(-math.log(rng.random() or 1e-12))


def _training_state(world: World) -> tuple[dict, dict]:
    """Hold back the last adopter of every innovation with two or more; give each
    organisation its history from the rest. Returns (held back, profiles by pk)."""
    held, by_pk = {}, {o.pk: o for o in world.orgs}
    for org in world.orgs:
        org.taken_from, org.adoptions = [], 0
    for innovation in world.innovations:
        adopters = world.adopters[innovation.key]
        if len(adopters) >= 2:
            held[innovation.key] = adopters[-1]
            adopters = adopters[:-1]
        innovation.adopters = [by_pk[a] for a in adopters]
        innovation.excluded = frozenset({innovation.innovator.pk, *adopters})
        for a in adopters:
            by_pk[a].taken_from.append((innovation.innovator.pk, innovation.title))
            by_pk[a].adoptions += 1
    return held, by_pk


def _rankers(world: World, seed: int):
    rng = random.Random(seed)
    tiebreak = {o.pk: rng.random() for o in world.orgs}

    def matcher(innovation, candidates):
        ranked = [
            m.subject.pk for m in rank_adopters(innovation, candidates, limit=len(candidates))
        ]
        seen = set(ranked)
        return ranked + sorted((o.pk for o in candidates if o.pk not in seen), key=tiebreak.get)

    def same_type(innovation, candidates):
        kind = innovation.innovator.organisation_type
        return [
            o.pk
            for o in sorted(candidates, key=lambda o: (o.organisation_type != kind, tiebreak[o.pk]))
        ]

    def most_adopted(innovation, candidates):
        return [o.pk for o in sorted(candidates, key=lambda o: (-o.adoptions, tiebreak[o.pk]))]

    def at_random(innovation, candidates):
        return [
            o.pk
            for o in sorted(
                candidates, key=lambda o: random.Random(f"{innovation.key}{o.pk}{seed}").random()
            )
        ]

    return {
        "matcher": matcher,
        "same type": same_type,
        "most adopted": most_adopted,
        "random": at_random,
    }


def evaluate(world: World, *, k: int = 10, seed: int = 0) -> dict:
    """Recall@k and MRR of the held-back adopters per ranker."""
    held, _profiles = _training_state(world)
    rankers = _rankers(world, seed)
    hits = {name: 0 for name in rankers}
    reciprocal = {name: 0.0 for name in rankers}
    for innovation in world.innovations:
        if innovation.key not in held:
            continue
        candidates = [o for o in world.orgs if o.pk not in innovation.excluded]
        for name, rank in rankers.items():
            order = rank(innovation, candidates)
            position = order.index(held[innovation.key]) + 1
            hits[name] += position <= k
            reciprocal[name] += 1 / position
    n = len(held) or 1
    return {
        "held_back": len(held),
        "adoptions": sum(len(a) for a in world.adopters.values()),
        "candidates": len(world.orgs),
        "rankers": {
            name: {f"recall@{k}": round(hits[name] / n, 3), "mrr": round(reciprocal[name] / n, 3)}
            for name in rankers
        },
    }


def run(*, orgs: int, innovations: int, k: int) -> dict:
    results = {}
    for setting in SETTINGS:
        world = generate(setting, orgs, innovations)
        results[setting.name] = {
            "seed": setting.seed,
            "noise": setting.noise,
            **evaluate(world, k=k, seed=setting.seed),
        }
    return results


def _print(results: dict, k: int) -> None:
    for name, result in results.items():
        print(
            f"\n{name} (seed {result['seed']}, noise {result['noise']}): "
            f"{result['adoptions']} adoptions, {result['held_back']} held back, "
            f"{result['candidates']} organisations"
        )
        print(f"  {'ranker':<14}{'recall@' + str(k):>10}{'MRR':>8}")
        for ranker, figures in result["rankers"].items():
            print(f"  {ranker:<14}{figures[f'recall@{k}']:>10.3f}{figures['mrr']:>8.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=400)
    parser.add_argument("--innovations", type=int, default=300)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(orgs=args.orgs, innovations=args.innovations, k=args.k)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        _print(results, args.k)


if __name__ == "__main__":
    main()
