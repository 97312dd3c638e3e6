"""eval/calibrate.py's fit and the ceiling of calibrated confidence. Needs neither the
database nor ../shared."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))

from calibrate import fit

from proeftuin.ingestion.extraction import calibration


def test_a_field_never_wrong_on_the_gold_is_not_fitted_to_certainty():
    (block,) = fit([(0.6, True)] * 111)
    assert block["confidence"] == calibration.CEILING == 0.95  # Laplace alone: 112/113


def test_small_blocks_are_shrunk_towards_one_half_and_stay_monotone():
    blocks = fit([(0.3, False), (0.3, False), (0.5, True), (0.5, True), (0.5, False)])
    assert [b["confidence"] for b in blocks] == [round(2 / 6, 3), round(4 / 7, 3)]
    (single,) = fit([(0.9, True)])
    assert single["confidence"] == 0.6  # (1 + 2) / (1 + 4)


def test_one_documents_many_suggestions_count_as_few():
    pooled = fit([(0.6, True, "a")] * 40)
    spread = fit([(0.6, True, d) for d in "abcd" for _ in range(10)])
    assert pooled[0]["confidence"] == round(12 / 14, 3)  # at most ten of one document count
    assert spread[0]["confidence"] > pooled[0]["confidence"]


def test_a_block_only_one_document_makes_look_good_is_not_trusted():
    pairs = [(0.4, True, "a")] * 10 + [(0.4, True, "b"), (0.4, False, "b")]
    (block,) = fit(pairs)
    assert block["confidence"] <= round((0.5 * 2 + 2) / (2 + 4), 3)  # as without document a


def test_a_small_block_above_is_pooled_not_allowed_to_pull_the_one_below_down():
    pairs = [(0.4, True, d) for d in "abcdefgh" for _ in range(3)] + [(0.8, True, "a")]
    blocks = fit(pairs)
    assert len(blocks) == 1 and blocks[0]["confidence"] >= 0.85


def test_no_confidence_above_the_ceiling_fitted_or_raw(monkeypatch):
    monkeypatch.setattr(calibration, "table", lambda: {"lessons": [(0.5, 0.99)]})
    assert calibration.calibrate("lessons", 0.9) == calibration.CEILING
    assert calibration.calibrate("title", 0.99) == calibration.CEILING  # no table: raw, capped
    assert calibration.calibrate("title", 0.7) == 0.7
