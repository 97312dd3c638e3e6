"""Lessons stated as advice in the prose of an advisory report's "Uitkomsten" chapter (one
sentence each, advice a success factor, a shortcoming a pitfall) and sentences that tell
what was learnt."""

from proeftuin.ingestion.extraction import run_steps
from proeftuin.ingestion.extraction._fallback import normalise_text
from proeftuin.ingestion.segment import whole_document

ADVISORY = """Vernieuwing in de dienstverlening

1. Inleiding

Bureau Noordwind sprak met veertig medewerkers van uitvoeringsorganisaties over vernieuwing.

2. Uitkomsten

2.1 Ruimte om te leren

Het ontbreekt medewerkers aan tijd om na te denken over hun werk. De organisaties werken \
sinds 2019 met jaarplannen. Organiseer daarom vaste momenten voor reflectie in elk team.

2.2 Sturing

Er is meer zicht nodig op de voortgang van experimenten. De directies kwamen vier keer bijeen.

3. Verantwoording

Organiseer de gesprekken altijd in kleine groepen van hooguit zes deelnemers.
"""


def lessons(text: str) -> list[dict]:
    doc = normalise_text(text)
    return [e.value for e in run_steps(doc, whole_document(doc), ["lessons"])]


def test_advice_and_shortcomings_in_the_outcome_chapter_are_lessons():
    found = {item["text"]: item["kind"] for item in lessons(ADVISORY)}
    assert found["Het ontbreekt medewerkers aan tijd om na te denken over hun werk."] == "pitfall"
    assert found["Organiseer daarom vaste momenten voor reflectie in elk team."] == (
        "success_factor"
    )
    assert found["Er is meer zicht nodig op de voortgang van experimenten."] == "success_factor"
    texts = " ".join(found)
    assert "jaarplannen" not in texts and "vier keer" not in texts  # description
    assert "kleine groepen" not in texts  # a chapter on method, not an outcome chapter


def test_what_was_learnt_is_a_lesson_anywhere_but_a_report_of_lessons_is_not():
    text = (
        "Buurtaanpak in Veldhoven-Zuid\n\nDe gemeente begon in 2021 met buurtteams. In de "
        "wijk werd geleerd hoe je bewoners zelf de agenda laat bepalen. Het jaarverslag "
        "beschrijft wat we ervan hebben geleerd en wat het kostte.\n"
    )
    texts = [item["text"] for item in lessons(text)]
    assert "In de wijk werd geleerd hoe je bewoners zelf de agenda laat bepalen." in texts
    assert not any("jaarverslag" in t for t in texts)
