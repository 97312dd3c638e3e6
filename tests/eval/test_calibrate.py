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
    assert [b["confidence"] for b in blocks] == [0.25, 0.6]
    (single,) = fit([(0.9, True)])
    assert single["confidence"] == round(2 / 3, 3)


def test_no_confidence_above_the_ceiling_fitted_or_raw(monkeypatch):
    monkeypatch.setattr(calibration, "table", lambda: {"lessons": [(0.5, 0.99)]})
    assert calibration.calibrate("lessons", 0.9) == calibration.CEILING
    assert calibration.calibrate("title", 0.99) == calibration.CEILING  # no table: raw, capped
    assert calibration.calibrate("title", 0.7) == 0.7
