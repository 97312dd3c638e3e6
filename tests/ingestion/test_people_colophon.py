"""People in a colophon run together on one line, speakers introduced by their profession,
names with a lower-case particle, and organisations that only look like names."""

from proeftuin.ingestion.extraction import run_steps
from proeftuin.ingestion.extraction._fallback import normalise_text
from proeftuin.ingestion.segment import whole_document


def people(text: str) -> dict[str, str]:
    doc = normalise_text(text)
    items = run_steps(doc, whole_document(doc), ["people"])
    return {e.value["name"]: e.value["role"] for e in items}


def test_speakers_by_profession_and_a_lower_case_particle():
    text = (
        "Slimme bruggen\n\nOpgesteld door: Karim el Haddadi (onderzoeker, Bureau Brug)\n\n"
        "De provincie Noordmark liet bruggen sneller openen. Volgens verkeerskundige Petra "
        "Wolters was de software het makkelijke deel. Onderzoekers van Hogeschool Delfland "
        "maten het effect.\n"
    )
    found = people(text)
    assert "Karim el Haddadi" in found
    assert found.get("Petra Wolters", "").startswith("verkeerskundige")
    assert "Hogeschool Delfland" not in found


def test_a_function_in_brackets_and_an_organisation_before_an_address():
    text = (
        "Proef met de nachtbus\n\nDe gemeente Ooststad reed een jaar met een nachtbus.\n\n"
        "Tekst: Bart Vink (projectleider) en Eva Smit (beleidsadviseur)\n\n"
        "Contact: Stichting Nachtwerk Nederland, info@nachtwerk.nl\n\n"
        "Het Klantcontactcentrum nam de meldingen aan; teamleider Klantcontactcentrum gaf uitleg.\n"
    )
    found = people(text)
    assert found.get("Bart Vink") == "projectleider"
    assert found.get("Eva Smit") == "beleidsadviseur"
    assert "Nachtwerk Nederland" not in found
    assert "Klantcontactcentrum" not in found
