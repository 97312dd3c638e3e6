"""Title, organisation, years and cases for general families of document shapes: a casebook
with an overview table and one chapter per case, a slide deck, a web article, a Markdown
report. Small synthetic documents written here (no real document, no eval document)."""

from __future__ import annotations

import textwrap

from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.normalise import normalise
from proeftuin.ingestion.parsers import parse_bytes
from proeftuin.ingestion.parsers.samples import make_pdf
from proeftuin.ingestion.pipeline import run_pipeline
from proeftuin.ingestion.structure import names

STORY = (
    "De organisatie merkte dat inwoners vaak niet wisten waar zij terecht konden. Daarom is "
    "een nieuwe werkwijze bedacht en met inwoners getest in twee wijken, in korte rondes. "
    "Medewerkers van drie afdelingen werkten daarbij samen en bespraken elke ronde."
)
CASES = [
    ("Een loket voor ouders", "Gemeente Zuidhaven | Jeugd | 2020-2022"),
    ("Heldere brieven", "Belastingkantoor Westland | Belastingen | 2021-2023"),
    ("Inspecties met beelden", "Omgevingsdienst Rivierland | Toezicht | 2022-heden"),
]


def _chapter(number: int, title: str, meta: str) -> list:
    lines: list = [(f"{number} {title}", 16, "bold"), (meta, 12, "bold"), ""]
    for sub in ("Aanleiding", "Aanpak", "Resultaten"):
        lines += [(sub, 14, "bold"), *textwrap.wrap(STORY, 80), ""]
    return [*lines, ("Contact", 14, "bold"), f"Vragen over hoofdstuk {number}? Mail ons.", ""]


def casebook_pdf() -> bytes:
    header = [("Drie praktijken van dienstverlening", 9), "", ""]
    cover = [("Drie praktijken van dienstverlening", 24, "bold"), "", "Juni 2024"]
    toc = [*header, ("Inhoud", 14, "bold"), "", "1 Overzicht van de praktijken .......... 3"]
    toc += [f"{n} {t} .......... {n + 2}" for n, (t, _) in enumerate(CASES, 2)]
    overview = [*header, ("1 Overzicht van de praktijken", 16, "bold"), "", STORY[:75], ""]
    overview += ["Praktijk Organisatie Thema Looptijd"]
    overview += [f"{t} {m.replace(' | ', ' ')}" for t, m in CASES]
    pages = [cover, toc, overview]
    pages += [[*header, *_chapter(n, t, m)] for n, (t, m) in enumerate(CASES, 2)]
    return make_pdf(pages)


def _fields(items) -> dict:
    out: dict = {}
    for item in items:
        out.setdefault(item.field, item.value)
    return out


def test_a_casebook_chapter_is_a_case_with_the_organisation_and_period_under_its_title():
    result = run_pipeline(casebook_pdf(), "casebook.pdf")
    found = [(part.title, _fields(items)) for part, items in result.cases]
    assert [title for title, _ in found] == [t for t, _ in CASES]
    assert [f["organisation.name"] for _, f in found] == [
        "Gemeente Zuidhaven",
        "Belastingkantoor Westland",  # the first field of the meta line, by its position
        "Omgevingsdienst Rivierland",
    ]
    assert [(f["year_start"], f.get("year_end")) for _, f in found] == [
        (2020, 2022),
        (2021, 2023),
        (2022, None),  # "2022-heden": still running, no end
    ]


def test_the_cover_title_survives_when_it_is_also_the_running_header():
    doc = normalise(parse_bytes(casebook_pdf(), "casebook.pdf", Limits()))
    assert doc.front.title == "Drie praktijken van dienstverlening"
    # the overview table's row starting with a chapter title is not that chapter
    listed = [h.text for h in doc.structure.outline if h.in_toc]
    assert listed[1:] == [t for t, _ in CASES]


def test_a_long_compound_word_is_no_given_name():
    assert names.persons("Terugmeldvoorziening Waterketenkaart") == []
    assert [p.text for p in names.persons("Bartholomeus de Vries")] == ["Bartholomeus de Vries"]


# -- a Markdown report: "# Title", then metadata lines -----------------------------------

MARKDOWN = """# Evaluatie Wijkbudget Zuiderpark 2023

*Gemeente Zuidhaven, afdeling Wijken — januari 2024*

Opgesteld door: Anna de Vries (wijkregisseur)

---

## Samenvatting

{story}

## Wat ging goed

- Bewoners kozen zelf de ideeen en voelden zich serieus genomen.
- Stemmen op papier trok bewoners die online niet meedoen.
"""


def test_a_markdown_report_is_titled_by_its_heading_not_the_italic_line_under_it():
    data = MARKDOWN.format(story=" ".join([STORY] * 3)).encode()
    result = run_pipeline(data, "evaluatie.md")
    doc = result.document
    assert doc.front.title == "Evaluatie Wijkbudget Zuiderpark 2023"
    assert "*" not in doc.text and "---" not in doc.text
    (_part, items) = result.cases[0]
    fields = _fields(items)
    assert fields["title"] == "Evaluatie Wijkbudget Zuiderpark 2023"
    assert fields["organisation.name"] == "Gemeente Zuidhaven"  # before the comma
    assert (fields["year_start"], fields["year_end"]) == (2023, 2023)  # the title's year


def test_a_place_and_year_is_no_title_but_a_long_title_with_a_year_is():
    from proeftuin.ingestion.structure.front import PLACE_AND_YEAR

    assert PLACE_AND_YEAR.match("Den Haag, 2019") and PLACE_AND_YEAR.match("Utrecht 2021")
    assert not PLACE_AND_YEAR.match("Evaluatie Wijkbudget Zuiderpark 2023")


# -- a web article ----------------------------------------------------------------------

ARTICLE = """<!DOCTYPE html><html lang="nl"><head>
<title>Bellen bij achterstand | Praktijksite</title></head><body>
<a class="skiplink" href="#inhoud">Direct naar de inhoud</a>
<header class="site-header"><div class="logo">Praktijksite</div>
<p>Verhalen van vernieuwing</p></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/nieuws">Nieuws</a></li></ul></nav>
<main id="inhoud"><div class="breadcrumb">Home &gt; Verhalen</div>
<article>
<h1>Zuidhaven belt binnen drie dagen na een betalingsachterstand</h1>
<p class="byline">Door Anna de Vries | <time datetime="2023-03-12">12 maart 2023</time></p>
<p class="intro">De gemeente Zuidhaven draaide het om: sinds januari 2022 belt een consulent
binnen drie werkdagen nadat een woningcorporatie een achterstand doorgeeft. {story}</p>
<h2>Van wachten naar bellen</h2><p>{story} Sinds de wet van 2021 mag dat.</p>
<figure><img src="a.jpg" alt=""><figcaption>Consulenten aan het werk.</figcaption></figure>
<blockquote><p>Het gaat niet alleen om geld.</p></blockquote>
<aside class="box"><h2>Wat we leerden</h2><ul>
<li>Bel snel na het signaal: dan gaat iemand vaker het gesprek aan.</li>
<li>Betrek de privacyfunctionaris vanaf het begin.</li></ul></aside>
<div class="share">Deel dit artikel: <a href="#">LinkedIn</a></div>
</article>
<aside class="related" aria-label="Lees ook"><h2>Lees ook</h2>
<ul><li>Ander verhaal</li></ul></aside>
</main>
<footer class="site-footer"><p>Postbus 1, Utrecht</p><ul><li>Cookies</li></ul></footer>
<div class="cookie-banner">Wij gebruiken cookies.</div>
</body></html>"""


def test_a_web_article_keeps_its_boxes_and_drops_the_site_around_it():
    data = ARTICLE.format(story=STORY).encode()
    parsed = parse_bytes(data, "artikel.html", Limits())
    assert parsed.title == "Bellen bij achterstand"  # without the site's name
    text = parsed.pages[0]
    assert text.startswith("# Zuidhaven belt binnen drie dagen")
    assert "## Wat we leerden\n- Bel snel na het signaal" in text  # an <aside> box is content
    assert "Consulenten aan het werk." in text and "Het gaat niet alleen om geld." in text
    for chrome in ("Direct naar", "Praktijksite", "Home", "Deel dit", "Lees ook", "Postbus"):
        assert chrome not in text
    assert "cookies" not in text.lower()


def test_a_web_article_is_titled_by_its_h1_and_dated_from_the_start_it_names():
    result = run_pipeline(ARTICLE.format(story=STORY).encode(), "artikel.html")
    (_part, items) = result.cases[0]
    fields = _fields(items)
    assert fields["title"] == "Zuidhaven belt binnen drie dagen na een betalingsachterstand"
    assert result.document.front.year == 2023  # the byline's date
    # "sinds januari 2022" is the start; "Sinds de wet van 2021" names no start of the work
    assert (fields["year_start"], fields["year_end"]) == (2022, 2023)


def test_a_page_without_main_keeps_a_header_with_its_title():
    data = b"<html><body><header><h1>Titel</h1></header><p>Tekst.</p><footer>x</footer></body>"
    assert parse_bytes(data, "a.html", Limits()).pages == ["# Titel\nTekst."]


# -- a slide deck ----------------------------------------------------------------------


def deck_pdf() -> bytes:
    def slide(title, *lines):
        return [(title, 32, "bold"), "", *[(f"• {line}", 20) for line in lines]]

    return make_pdf(
        [
            [
                ("Meldpunt Waterkaart", 36, "bold"),
                "",
                ("• Gezamenlijke proef:", 20),
                ("• Data Knooppunt Rivierland + bronhouders", 18),
                ("• Logius", 18),
            ],
            slide("Data Knooppunt Rivierland", "Portaal sinds 2016", "Community van overheden"),
            slide("Doelen", "Kunnen meldingen van gebruikers de kaart verbeteren?"),
            slide("DKR", "Hergebruik van componenten", "Open standaarden"),
            [
                ("Wat zeggen gebruikers?", 32, "bold"),
                "",
                ('"Het werkt, en snel.', 20),
                ('Dat had ik niet verwacht."', 20),
                ("beheerder", 14),
            ],
            slide("Terugblik 2019 - nu", "2019 starten", "2020 bouwen", "2021 het werkt"),
            slide("Contact", "info@dkr.example"),
        ],
        landscape=True,
    )


def test_a_slide_deck_is_one_case_led_by_the_first_party_its_title_slide_names():
    result = run_pipeline(deck_pdf(), "slides.pdf")
    assert result.document.structure.slides
    assert len(result.cases) == 1  # the slides, and the last "Contact" slide, are no cases
    headings = [b.text for b in result.document.blocks if b.kind == "heading"]
    assert "Terugblik 2019 - nu" in headings and "Contact" in headings
    assert 'Dat had ik niet verwacht."' not in headings  # a quotation's end is no heading
    fields = _fields(result.cases[0][1])
    assert fields["title"] == "Meldpunt Waterkaart"
    # a name the deck abbreviates ("DKR") is a body; it comes before Logius on the title slide
    assert fields["organisation.name"] == "Data Knooppunt Rivierland"
    assert fields["year_start"] == 2019  # "Terugblik 2019 - nu", not "sinds 2016"


def test_names_a_document_defines_and_english_organisation_names():
    text = "Data Knooppunt Rivierland\nDe DKR werkt. De Belastingdienst Westland (BDW) heft."
    assert names.defined_names(text) == {"Data Knooppunt Rivierland", "Belastingdienst Westland"}
    assert names.defined_names("Wet open overheid (Woo) en de Raad") == set()
    found = names.is_organisation_line("Municipality of Westerkerk, Customer Contact")
    assert found is None  # more than the name
    assert [f.text for f in names.organisations("by the Municipality of Westerkerk")] == [
        "Municipality of Westerkerk"
    ]


def test_chapters_of_one_report_with_the_same_sub_headings_are_one_case():
    def chapter(number, title):
        lines: list = [(f"{number} {title}", 16, "bold"), ""]
        for sub in ("Bevindingen", "Conclusies"):
            lines += [(sub, 14, "bold"), *textwrap.wrap(STORY, 80), ""]
        return lines

    pages = [[("Evaluatie van de werkwijze", 24, "bold"), "", "Juni 2024"]]
    pages += [chapter(n, t) for n, t in ((1, "Bereik"), (2, "Uitvoering"), (3, "Effecten"))]
    result = run_pipeline(make_pdf(pages), "evaluatie.pdf")
    assert [part.kind for part, _ in result.cases] == ["whole-document"]


def test_laws_and_registers_are_no_defined_bodies_and_a_goal_year_is_no_period():
    text = "De Algemene Verordening Gegevensbescherming (AVG). Basisregistratie Personen (BRP)."
    assert names.defined_names(text) == set()
    pages = [[("Visie 2030", 24, "bold"), "", "maart 2021"], [("1 Inleiding", 16, "bold"), STORY]]
    fields = _fields(run_pipeline(make_pdf(pages), "visie.pdf").cases[0][1])
    assert fields["year_start"] == 2021  # the report's date, not the goal in its title


def test_a_web_page_and_a_markdown_file_give_their_own_date():
    page = (
        '<html><head><meta property="article:published_time" content="2021-01-05T10:00">'
        "</head><body><article><h1>Een proef</h1><p>Door Bo Jansen, <time "
        f'datetime="2022-06-01">vorige week</time></p><p>{STORY}</p></article></body></html>'
    )
    parsed = parse_bytes(page.encode(), "a.html", Limits())
    assert parsed.metadata["published"] == "2022-06-01"  # the content's <time> wins
    assert normalise(parsed).front.year == 2022
    text = f"---\ntitle: Wijkbudget\ndate: 2023-05-01\n---\n\n{STORY}\n".encode()
    parsed = parse_bytes(text, "notitie.md", Limits())
    assert (parsed.title, parsed.metadata["published"]) == ("Wijkbudget", "2023-05-01")
    assert "title:" not in parsed.pages[0]


def test_a_small_profile_under_a_case_heading_gives_organisation_and_period():
    from proeftuin.ingestion.extraction._fallback import normalise_text
    from proeftuin.ingestion.structure.meta import case_meta

    doc = normalise_text(
        f"# Heldere brieven\n\nOrganisatie: Gemeente Zuidhaven\n\nLooptijd: 2021 - 2023\n\n"
        f"## Aanleiding\n\n{STORY}\n"
    )
    meta = case_meta(doc, 0, len(doc.text))
    assert meta.organisation.value == "Gemeente Zuidhaven" and meta.organisation_by_form
    assert doc.text[meta.organisation.start : meta.organisation.end] == "Gemeente Zuidhaven"
    assert (meta.period.start, meta.period.end) == (2021, 2023)


def test_a_labelled_case_is_titled_without_its_label_and_capitals_keep_abbreviations():
    from proeftuin.ingestion.extraction.organisation import dutch_title
    from proeftuin.ingestion.parsers.samples import make_docx

    items = [("Titel", "Drie voorbeelden van digitale dienstverlening"), ("Kop1", "Inleiding")]
    items.append(("", STORY))
    for number, name in enumerate(["Chatbot Hanna", "Slimme brieven"], 1):
        items += [("Kop1", f"Casus {number}: {name}"), ("", "Gemeente Havenstad | 2021-2023")]
        items += [("Kop2", "Aanleiding"), ("", STORY), ("Kop2", "Aanpak"), ("", STORY * 2)]
    result = run_pipeline(make_docx(items), "voorbeelden.docx")
    assert [_fields(items)["title"] for _, items in result.cases] == [
        "Chatbot Hanna",
        "Slimme brieven",
    ]
    assert dutch_title("CENTRAAL BUREAU VOOR DE STATISTIEK (CBS)") == (
        "Centraal Bureau voor de Statistiek (CBS)"
    )


def _story_chapter(number: int, title: str, subs: tuple[str, ...]) -> list:
    lines: list = [(f"{number} {title}", 16, "bold"), ""]
    for sub in subs:
        lines += [(sub, 14, "bold"), *textwrap.wrap(STORY, 80), *textwrap.wrap(STORY, 80), ""]
    return lines


def test_chapters_an_overview_table_lists_with_their_organisations_are_cases():
    cases = [(2, "Een loket voor ouders", "Gemeente Zuidhaven", ("Het begin", "Wat het opleverde"))]
    cases += [(3, "Heldere brieven", "Waterschap Westland", ("Een lastige start", "Lessen"))]
    overview = [("1 Overzicht", 16, "bold"), "", "Praktijk Organisatie"]
    overview += [f"{title} {organisation}" for _, title, organisation, _ in cases]
    pages = [[("Twee praktijken", 24, "bold"), "", "Juni 2024"], overview]
    pages += [_story_chapter(n, t, subs) for n, t, _, subs in cases]
    result = run_pipeline(make_pdf(pages), "praktijken.pdf")
    assert [part.title for part, _ in result.cases] == ["Een loket voor ouders", "Heldere brieven"]


def test_a_reading_guide_naming_the_chapters_makes_no_cases():
    guide = [("1 Inleiding", 16, "bold"), "", "In hoofdstuk 2 beschrijven we de Aanpak van de"]
    guide += ["pilot en in hoofdstuk 3 de Resultaten van de gemeente Zuidhaven."]
    pages = [[("Pilot meldingen", 24, "bold"), "", "Juni 2024"], guide]
    pages.append(_story_chapter(2, "Aanpak", ("Werkwijze", "Planning")))
    pages.append(_story_chapter(3, "Resultaten", ("Cijfers", "Verhalen")))
    result = run_pipeline(make_pdf(pages), "pilot.pdf")
    assert [part.kind for part, _ in result.cases] == ["whole-document"]


def test_a_plain_text_title_page_keeps_the_place_and_date_line_apart():

    text = (
        "Slim samenwerken in de keten\n\nMinisterie van Binnenlandse Zaken en "
        "Koninkrijksrelaties\nDen Haag, maart 2019\n\n\n1 Inleiding\n\n"
        + "\n".join(textwrap.wrap(STORY * 2, 75))
    )
    doc = normalise(parse_bytes(text.encode(), "verkenning.txt", Limits()))
    assert [o.value for o in doc.front.organisations] == [
        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
    ]
    assert doc.front.year == 2019


def test_a_theme_first_on_the_meta_line_is_no_organisation():
    from proeftuin.ingestion.extraction._fallback import normalise_text
    from proeftuin.ingestion.structure.meta import case_meta

    doc = normalise_text(f"# Heldere brieven\n\nZorg en welzijn | 2021-2023\n\n{STORY}\n")
    meta = case_meta(doc, 0, len(doc.text))
    assert meta.organisation is None and meta.period.start == 2021


def test_phases_of_one_pilot_with_the_same_sub_headings_are_one_case():
    pages = [[("Pilot slim melden", 24, "bold"), "", "Juni 2024"]]
    pages.append(_story_chapter(1, "Fase 1: verkenning", ("Aanpak", "Resultaten")))
    pages.append(_story_chapter(2, "Fase 2: uitrol", ("Aanpak", "Resultaten")))
    result = run_pipeline(make_pdf(pages), "pilot.pdf")
    assert [part.kind for part, _ in result.cases] == ["whole-document"]


def test_a_page_without_main_drops_a_site_header_division():
    data = (
        b'<html><body><div id="header"><h1 class="logo">Praktijksite</h1></div>'
        b'<div id="content"><h1>Een proef</h1><p>Tekst.</p></div></body></html>'
    )
    assert parse_bytes(data, "a.html", Limits()).pages == ["# Een proef\nTekst."]


def test_periods_with_months_on_the_title_page():
    for line, expected in (
        ("Looptijd: maart 2022 tot en met september 2023", (2022, 2023)),
        ("Pilot report, June - December 2023", (2023, 2023)),
    ):
        pages = [[("Slim melden", 24, "bold"), "", line, "", "maart 2024"]]
        pages.append([("1 Inleiding", 16, "bold"), *textwrap.wrap(STORY, 80)])
        fields = _fields(run_pipeline(make_pdf(pages), "rapport.pdf").cases[0][1])
        assert (fields["year_start"], fields["year_end"]) == expected, line
