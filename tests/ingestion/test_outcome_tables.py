"""A results table (measure | before | after) read as outcomes with their baseline: pipe
rows on their own lines, all rows on one line, and the flat text of a PDF table."""

from proeftuin.ingestion.extraction import run_steps
from proeftuin.ingestion.extraction._fallback import normalise_text
from proeftuin.ingestion.segment import whole_document

INTRO = "Slimmer gemaal\n\nHet waterschap Oostmeer stuurt sinds 2022 de pompen met een model.\n\n"


def outcomes(text: str) -> list[dict]:
    doc = normalise_text(text)
    return [e.value for e in run_steps(doc, whole_document(doc), ["outcomes"])]


def test_pipe_rows_with_before_and_after_columns():
    text = INTRO + (
        "| Maatstaf | Nulmeting (2021) | Eindmeting (2024) |\n"
        "| Stroomverbruik gemaal (MWh per jaar) | 2.400 | 1.950 |\n"
        "| Klachten over wateroverlast (per jaar) | 31 | 12 |\n"
        "| Tevreden bewoners (%) | 61 | 74 |\n"
    )
    found = {item["measure"]: item for item in outcomes(text)}
    energy = found["Stroomverbruik gemaal (MWh per jaar)"]
    assert (energy["value"], energy["unit"], energy["direction"]) == (1950, "other", "decrease")
    assert energy["baseline"].startswith("2.400") and energy["period"] == "2024"
    complaints = found["Klachten over wateroverlast (per jaar)"]
    assert (complaints["value"], complaints["unit"]) == (12, "count")
    satisfied = found["Tevreden bewoners (%)"]
    assert (satisfied["value"], satisfied["unit"], satisfied["direction"]) == (
        74,
        "percent",
        "increase",
    )
    assert not any(item["value"] in (2400, 31, 61) for item in found.values())


def test_rows_on_one_line_and_flat_pdf_text():
    one_line = INTRO + (
        "| Maatstaf | Voor (2020) | Na (2023) | | Storingen (per maand) | 14 | 9 | "
        "| Wachttijd (dagen) | 20 | 6 |\n"
    )
    flat = INTRO + (
        "Maatstaf Voor (2020) Na (2023)\n\n"
        "Storingen (per maand) 14 9 Wachttijd (dagen) 20 6 Tabel 2 Resultaten van de proef\n"
    )
    for text in (one_line, flat):
        found = {(item["value"], item["unit"]) for item in outcomes(text)}
        assert {(9, "count"), (6, "days")} <= found, text


def test_a_table_without_before_and_after_is_no_results_table():
    text = INTRO + (
        "| Gemeente | Inwoners | Teams |\n| Oostmeer | 41.000 | 6 |\n| Westmeer | 23.000 | 3 |\n"
    )
    assert not any(item.get("baseline") for item in outcomes(text))


def test_minutes_and_seconds_are_a_unit_of_their_own():
    text = INTRO + "Resultaten\n\nDe wachttijd bij regen daalde van 46 naar 27 seconden.\n"
    found = [item for item in outcomes(text) if item["value"] == 27]
    assert found and found[0]["unit"] == "other"
