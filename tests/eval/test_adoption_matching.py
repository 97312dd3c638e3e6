"""eval/adoption_matching.py runs on a tiny generated world, and the matcher finds the
held-back adopters better than chance there. Needs no database."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))

from adoption_matching import SETTINGS, evaluate, generate


def _tiny(setting):
    return evaluate(generate(setting, n_orgs=120, n_innovations=80), k=10, seed=setting.seed)


def test_the_matcher_beats_random_on_a_tiny_world():
    for setting in SETTINGS:
        result = _tiny(setting)
        assert result["held_back"] >= 10
        matcher, chance = result["rankers"]["matcher"], result["rankers"]["random"]
        assert matcher["mrr"] > chance["mrr"]
        assert matcher["recall@10"] > chance["recall@10"]


def test_the_world_is_the_same_for_the_same_seed():
    first = generate(SETTINGS[0], n_orgs=60, n_innovations=20)
    again = generate(SETTINGS[0], n_orgs=60, n_innovations=20)
    assert first.adopters == again.adopters
    assert first.adopters != generate(SETTINGS[1], n_orgs=60, n_innovations=20).adopters
