"""People in the forms of web articles, slides and colophons: capitalised surname
particles, a byline with a date, contact lines with a function, colophon labels."""

from proeftuin.ingestion.extraction import run_steps
from proeftuin.ingestion.extraction._fallback import normalise_text
from proeftuin.ingestion.segment import whole_document


def people(text: str) -> dict[str, dict]:
    doc = normalise_text(text)
    items = run_steps(doc, whole_document(doc), ["people"])
    return {e.value["name"]: e.value for e in items if e.field == "people"}


def test_byline_with_date_and_names_with_capitalised_particles():
    found = people(
        "Vroeg erbij in Oostdam\n\nDoor Anna de Vries | 12 maart 2023\n\n"
        "'We bellen eerder,' zegt wethouder Karim Ben Ali. Ook Fatima El Idrissi, "
        "projectleider bij de gemeente, is tevreden."
    )
    assert found["Anna de Vries"]["role"] == "auteur"
    assert "Karim Ben Ali" in found and "Fatima El Idrissi" in found
    assert "Karim Ben" not in found and "Fatima El" not in found


def test_contact_lines_with_function_and_no_organisation_as_name():
    found = people(
        "Samen meten\n\nVoorzitter Netwerk Publieke Zaken opende de dag.\n\nContact\n\n"
        "Marloes Kuipers, projectleider m.kuipers@venen.nl Dirk-Jan Hoekstra, hydroloog "
        "dj.hoekstra@venen.nl"
    )
    assert found["Marloes Kuipers"]["role"].startswith("projectleider")
    assert found["Dirk-Jan Hoekstra"]["role"].startswith("hydroloog")
    assert not any(name.startswith("Netwerk") for name in found)


def test_speakers_introduced_by_the_organisation_they_come_from():
    found = people(
        "Verslag van de studiedag\n\nAls laatste kwamen Joris Hendriks en Lotte Bakker van de "
        "gemeente Oostdam en Bram van der Heijden van Vennestraat organisatieadvies aan het "
        "woord. Daarna sprak de zaal."
    )
    assert found["Joris Hendriks"]["role"] == "gemeente Oostdam"
    assert found["Lotte Bakker"]["role"] == "gemeente Oostdam"
    assert found["Bram van der Heijden"]["role"] == "Vennestraat organisatieadvies"
    assert not any(name.startswith("Daarna") for name in found)
