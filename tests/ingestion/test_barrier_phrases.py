"""Cue words of obstacles inside phrases that name none: a low or lowered threshold and a
group that is hard to reach."""

from proeftuin.ingestion.extraction import run_steps
from proeftuin.ingestion.extraction._fallback import normalise_text
from proeftuin.ingestion.segment import whole_document


def barriers(text: str) -> list[str]:
    doc = normalise_text(text)
    return [e.value["text"] for e in run_steps(doc, whole_document(doc), ["barriers"])]


def test_low_thresholds_and_hard_to_reach_groups_are_no_barriers():
    text = (
        "Spreekuur in de buurt\n\nBewoners waren positief over de laagdrempelige plek in het "
        "buurthuis. Onze vrijwilligers wonen zelf in de wijk, en dat maakt de drempel veel "
        "lager. Het spreekuur bereikt ouderen die de gemeente online moeilijk bereikt. Een "
        "knelpunt was de privacywetgeving, die het delen van adressen in de weg stond.\n"
    )
    found = barriers(text)
    assert len(found) == 1 and "privacywetgeving" in found[0]
