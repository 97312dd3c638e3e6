"""Partners in the forms slides and short reports use: lists under a heading of
participants, short place names of municipalities, "afspraken met A, B en C", a colon list
after taking part, a kind of organisation in lower case before the name."""

from proeftuin.ingestion.extraction import run_steps
from proeftuin.ingestion.extraction._fallback import normalise_text
from proeftuin.ingestion.segment import whole_document


def partners(text: str) -> set[str]:
    doc = normalise_text(text)
    items = run_steps(doc, whole_document(doc), ["organisation.name", "partners"])
    return {e.value["name"] for e in items if e.field == "partners"}


def test_list_under_participants_heading_with_short_municipality_names():
    text = (
        "Pilot meldingen\n\nDe werkgroep is een community van overheden (gemeenten, "
        "waterschappen, provincie) die samen data delen.\n\n"
        "Deelnemende organisaties\n\n• Dalwijk /Heuvelrade\n• Provincie Noordland\n"
        "• Waterschap Veen en Aa\n• Databureau Kompas B.V.: bouw van de koppeling\n\n"
        "Resultaten\n\nDe koppeling werkt."
    )
    found = partners(text)
    assert {"Gemeente Dalwijk", "Gemeente Heuvelrade"} <= found
    assert {"Waterschap Veen en Aa", "Databureau Kompas B.V"} <= found
    assert "De koppeling werkt" not in found


def test_agreements_and_lowercase_kinds_in_a_list():
    text = (
        "Vroegsignalering\n\nDe gemeente Oostdam maakte afspraken met Woningstichting "
        "Het Anker, Waterbedrijf Delta en zorgverzekeraar Zorg Samen. Daarna werkte de "
        "gemeente samen met het Buurtplatform Noord en welzijnsorganisatie Wijk Sterk. De "
        "samenwerking met het Buurtplatform liep goed."
    )
    found = partners(text)
    assert {"Woningstichting Het Anker", "Waterbedrijf Delta", "Zorg Samen"} <= found
    assert {"Buurtplatform Noord", "Wijk Sterk"} <= found
    assert "Buurtplatform" not in found  # the short form of a name found in full


def test_colon_list_after_taking_part_and_one_name_with_en():
    text = (
        "Omgevingstafel\n\nAan de pilot namen naast de gemeente Veldhoven drie partners "
        "deel: de Omgevingsdienst Zuid, de Veiligheidsregio Oost en het Waterschap Rijn. "
        "De brieven zijn herschreven samen met Taalbureau Helder en Dichtbij."
    )
    found = partners(text)
    assert {"Omgevingsdienst Zuid", "Veiligheidsregio Oost", "Waterschap Rijn"} <= found
    assert "Taalbureau Helder en Dichtbij" in found
    assert "Dichtbij" not in found


def test_parties_under_a_label_line_with_plus():
    text = (
        "Meldvoorziening Kaart\n\n• Gezamenlijke proef:\n• Stichting Datahuis + bronhouders\n"
        "• Rijksdienst Digitaal\n• Waterketen Noord en Zuid-Drenthe\n\nDoelen\n\n"
        "• Kosten besparen door samen te werken met elkaar\n"
    )
    found = partners(text)
    assert {"Rijksdienst Digitaal", "Waterketen Noord en Zuid-Drenthe"} <= found
    assert not any("bronhouders" in name or "Kosten" in name for name in found)


def test_a_bare_name_in_a_list_without_other_governments_stays_as_written():
    text = (
        "Pilot stelsel\n\nDe voorziening is bedoeld voor gemeenten en provincies.\n\n"
        "Partners\n\n• Rijkslogistiek\n• Geodata\n• Kadasterhuis\n\nResultaten\n\nHet werkt."
    )
    found = partners(text)
    assert not any(name.startswith("Gemeente ") for name in found)
    assert {"Rijkslogistiek", "Geodata"} <= found


def test_closing_line_of_a_news_item_with_plural_kind_and_carried_out_by():
    text = (
        "Slimmer strooien\n\nDe provincie Zuidmark strooit sinds 2023 alleen waar het glad is.\n\n"
        "Het project is uitgevoerd door de provincie Zuidmark samen met de gemeenten Aldorp "
        "en Bedum, adviesbureau Wegwijs en de Reizigersbond."
    )
    found = partners(text)
    assert {"Aldorp", "Bedum", "Wegwijs", "Reizigersbond"} <= found
    assert not any("Zuidmark" in name for name in found)  # the lead itself


def test_a_housing_corporation_or_library_taking_part():
    text = (
        "Warmtescan\n\nDe gemeente Oostveen liet woningen fotograferen. Woningcorporatie "
        "Dakhuis deed mee voor haar huurwoningen. Het spreekuur was in Bibliotheek Rivierland, "
        "die meewerkte aan de werving.\n\nEen huis in de bibliotheek telt niet."
    )
    found = partners(text)
    assert "Woningcorporatie Dakhuis" in found


def test_a_legal_form_stays_with_the_name_and_an_evaluating_bureau_is_a_partner():
    text = (
        "Slimme pompen\n\nHet waterschap Veenland begon samen met het databedrijf Rekenwerk "
        "Noord B.V. en de Universiteit van Oostland aan een proef.\n\n"
        "Bureau Toets evalueerde de proef in opdracht van het waterschap.\n\n"
        "Het netwerk wordt begeleid door Stichting Kennisdeling."
    )
    found = partners(text)
    assert "Rekenwerk Noord B.V" in found and "Rekenwerk Noord B" not in found
    assert "Bureau Toets" in found
    assert "Stichting Kennisdeling" not in found  # the organiser of a network


def test_the_organisation_a_speaker_comes_from_is_a_partner():
    found = partners(
        "Werkconferentie over dienstverlening\n\nDe gemeente Oostdam vertelde over het "
        "wijkloket. Bram van der Heijden van Vennestraat Advies toonde vervolgens de "
        "resultaten van de meting."
    )
    assert "Vennestraat Advies" in found


def test_a_unit_of_a_knowledge_institution_names_the_institution():
    found = partners(
        "Slim meten\n\nHet waterschap begon een proef met het lectoraat Waterbeheer van "
        "Hogeschool Oostkust. De proef liep een jaar."
    )
    assert "Hogeschool Oostkust" in found


def test_organisations_that_took_a_seat_as_subject_of_the_sentence():
    found = partners(
        "Spreekuur in de bibliotheek\n\nDe gemeente Oostdam opende een spreekuur. "
        "Het Jongerenloket Dalwijk en Werkbureau Noordrand schoven eens per maand aan. "
        "Drie bewoners namen ook deel."
    )
    assert {"Jongerenloket Dalwijk", "Werkbureau Noordrand"} <= found
    assert not any("bewoners" in name.lower() for name in found)


def test_partners_who_refer_people_in_a_bullet():
    found = partners(
        "Loket aan huis\n\nDe gemeente Oostdam startte een belservice.\n\n"
        "- Wijkzorg Oostdam en de Ouderenbond Oostdam melden inwoners aan\n"
        "- Bewoners melden zich aan via de website\n"
    )
    assert {"Wijkzorg Oostdam", "Ouderenbond Oostdam"} <= found
    assert not any(name.startswith("Bewoners") for name in found)
