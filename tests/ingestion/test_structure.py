"""Structure first: title page, table of contents, headings from fonts, slides, the body,
documents without innovation and bad input. Synthetic documents made here; the real ones in
test_realdocs.py."""

from __future__ import annotations

import time

import pytest

from proeftuin.ingestion.extraction import calibration
from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.normalise import normalise
from proeftuin.ingestion.parsers import parse_bytes
from proeftuin.ingestion.parsers.samples import make_docx, make_odt, make_pdf
from proeftuin.ingestion.pipeline import run_pipeline
from proeftuin.ingestion.segment import segment

BODY = [
    "De gemeente Zuidhaven kreeg veel meldingen over de openbare ruimte via de telefoon,",
    "de balie en e-mail. Het afhandelen kostte veel tijd en melders hoorden zelden iets",
    "terug. Daarom startte de gemeente een pilot met een app waarmee inwoners een melding",
    "met foto en locatie doen en de afhandeling kunnen volgen.",
    "",
    "In de pilot werkten de wijkteams, de afdeling beheer en een leverancier samen. Zij",
    "ontwikkelden de app in korte rondes en testten elke versie met inwoners uit twee",
    "wijken. De ervaringen van de medewerkers zijn na elke ronde besproken.",
]


def doc_of(data: bytes, name: str):
    return normalise(parse_bytes(data, name, Limits()))


def report_pdf(metadata_title: str = "PowerPoint-presentatie") -> bytes:
    cover = [
        ("Slimmer melden in de wijk", 24, "bold"),
        "",
        ("Eindrapport van de pilot meldingen-app", 14),
        "",
        "12 maart 2021",
        "",
        "Auteurs:",
        "Anna de Vries",
        "Bram Jansen",
        "",
        "In opdracht van Gemeente Zuidhaven",
    ]
    toc = [
        ("Inhoud", 14, "bold"),
        "",
        "1 Inleiding ..................................................... 3",
        "2 Aanpak ........................................................ 3",
        "2.1 Samenwerking ................................................ 3",
        "3 Resultaten .................................................... 4",
        "Bijlage 1 Interviews ............................................ 5",
    ]
    chapter_one = [("1 Inleiding", 16, "bold"), "", *BODY, "", ("2 Aanpak", 16, "bold"), ""]
    chapter_one += ["Zo is het aangepakt.", *BODY, "", ("2.1 Samenwerking", 13, "bold"), "", *BODY]
    results = [("3 Resultaten", 16, "bold"), "", "Dit kwam eruit.", *BODY, ""]
    results += [("Wat ging goed", 12, "bold"), "", "Inwoners gebruikten de app vaker dan verwacht."]
    appendix = [("Bijlage 1 Interviews", 16, "bold"), "", "Gesprekken met vijf medewerkers.", ""]
    appendix += ["De gesprekken zijn opgenomen en uitgewerkt."]
    return make_pdf([cover, toc, chapter_one, results, appendix], title=metadata_title)


def test_title_page_date_authors_and_commissioner():
    doc = doc_of(report_pdf(), "rapport.pdf")
    front = doc.front
    assert front.title == "Slimmer melden in de wijk"  # not the generic file title
    assert front.title_source == "title-page"
    assert doc.text[front.title_start : front.title_end] == front.title
    assert front.subtitle == "Eindrapport van de pilot meldingen-app"
    assert (front.date.value, front.year) == ("2021-03-12", 2021)
    assert [p.name for p in front.authors] == ["Anna de Vries", "Bram Jansen"]
    assert all(doc.text[p.start : p.end] == p.name for p in front.authors)
    assert front.commissioned_by.value == "Gemeente Zuidhaven"


def test_table_of_contents_is_read_and_never_a_heading():
    doc = doc_of(report_pdf(), "rapport.pdf")
    structure = doc.structure
    assert [(e.number, e.title, e.page) for e in structure.toc] == [
        ("1", "Inleiding", 3),
        ("2", "Aanpak", 3),
        ("2.1", "Samenwerking", 3),
        ("3", "Resultaten", 4),
        ("Bijlage 1", "Interviews", 5),
    ]
    assert not [b for b in doc.blocks if b.kind == "heading" and "....." in b.text]
    listed = [(h.number, h.text, h.level) for h in structure.outline if h.in_toc]
    assert listed == [
        ("1", "Inleiding", 1),
        ("2", "Aanpak", 1),
        ("2.1", "Samenwerking", 2),
        ("3", "Resultaten", 1),
        ("Bijlage 1", "Interviews", 1),
    ]
    kinds = {h.text: h.kind for h in structure.outline}
    assert kinds["Inleiding"] == "body" and kinds["Interviews"] == "back"


def test_headings_from_font_size_and_weight():
    doc = doc_of(report_pdf(), "rapport.pdf")
    headings = {b.text: b.level for b in doc.blocks if b.kind == "heading"}
    assert headings["3 Resultaten"] == 1 and headings["2.1 Samenwerking"] == 2
    assert headings["Wat ging goed"] > 1  # bold at body size: below the sized headings
    assert "Inwoners gebruikten de app vaker dan verwacht." not in headings


def test_a_single_report_is_one_case_over_its_body():
    doc = doc_of(report_pdf(), "rapport.pdf")
    (case,) = segment(doc)
    assert case.kind == "whole-document" and case.title == "Slimmer melden in de wijk"
    assert doc.text[case.start :].startswith("1 Inleiding")
    assert "Bijlage 1 Interviews" not in doc.text[case.start : case.end]
    assert "Gesprekken met vijf medewerkers" not in doc.text[case.start : case.end]
    assert "....." not in doc.text[case.start : case.end]


def test_title_organisation_and_years_steps_use_the_title_page():
    result = run_pipeline(report_pdf(), "rapport.pdf")
    (_, items) = result.cases[0]
    values = {}
    for item in items:
        values.setdefault(item.field, []).append(item)
    assert [v.value for v in values["title"]] == ["Slimmer melden in de wijk"]
    # the highest confidence the title step is given (fitted on every set with gold)
    assert values["title"][0].confidence == max(c for _, c in calibration.table()["title"])
    assert [v.value for v in values["organisation.name"]] == ["Gemeente Zuidhaven"]
    assert values["year_start"][0].value == 2021 and values["year_end"][0].value == 2021
    assert result.notices == []


def test_a_period_on_the_title_page_gives_start_and_end():
    pages = [[("Pilot buurtbudget", 24, "bold"), "", "Evaluatie 2018-2021", "", "juni 2022"]]
    pages.append([("1 Aanleiding", 16, "bold"), "", *BODY])
    result = run_pipeline(make_pdf(pages), "evaluatie.pdf")
    years = {i.field: i.value for i in result.cases[0][1] if i.field.startswith("year")}
    assert years == {"year_start": 2018, "year_end": 2021}


def test_metadata_title_only_as_a_last_resort_and_never_generic():
    plain = [[*BODY], [*BODY]]
    assert (
        doc_of(make_pdf(plain, title="Microsoft Word - eindrapport_v3.docx"), "a.pdf").front.title
        == ""
    )
    named = doc_of(make_pdf(plain, title="Buurtbudget in Zuidhaven"), "a.pdf")
    assert (named.front.title, named.front.title_source) == ("Buurtbudget in Zuidhaven", "metadata")


def test_an_area_is_not_the_organisation_and_the_byline_is():
    data = make_docx(
        [
            ("Titel", "Eenzaamheid in de provincie Zuidland"),
            ("", "Handout presentatie 3 april 2020, te Midden"),
            ("", "door Petra Kok (VNG), Joost van Dam (GGD-regio Zuidland) en Iris Bos"),
            ("Kop2", "Doel"),
            ("", " ".join(BODY)),
        ]
    )
    result = run_pipeline(data, "handout.docx")
    front = result.document.front
    assert [o.text for o in front.organisations] == ["VNG", "GGD-regio Zuidland"]
    assert [(p.name, p.organisation) for p in front.authors][:2] == [
        ("Petra Kok", "VNG"),
        ("Joost van Dam", "GGD-regio Zuidland"),
    ]
    names = [i.value for i in result.cases[0][1] if i.field == "organisation.name"]
    assert names == ["Vereniging van Nederlandse Gemeenten"]  # the full name, not the area
    assert result.cases[0][0].title == "Eenzaamheid in de provincie Zuidland"


# -- slides -------------------------------------------------------------------------------------


def test_slides_titles_are_headings():
    slides = [
        [("Meldingen in Zuidhaven", 32, "bold"), "", ("Pilot 2019-2020", 18)],
        [("Aanleiding", 28, "bold"), "", "Meldingen kwamen via vijf kanalen binnen.", ""],
        [("Aanpak", 28, "bold"), "", "Een app, getest met inwoners in twee wijken.", ""],
        [
            ("Resultaat", 28, "bold"),
            "",
            "De afhandeling duurde vier dagen in plaats van negen.",
            "",
        ],
    ]
    doc = doc_of(make_pdf(slides, landscape=True), "slides.pdf")
    assert doc.structure.slides
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings[-3:] == ["Aanleiding", "Aanpak", "Resultaat"]
    assert doc.front.title == "Meldingen in Zuidhaven"


def test_slides_with_one_word_each_give_no_case():
    words = ["Visie", "Samen", "Durf", "Data", "Mens", "Toekomst", "Vragen?", "Dank"]
    data = make_pdf([[(w, 40, "bold")] for w in words], landscape=True)
    result = run_pipeline(data, "woorden.pdf")
    assert result.cases == [] and result.no_innovation
    assert result.notices[0].reason == "too_little_text"
    assert "Geen innovatie gevonden" in result.notices[0].message


# -- documents without innovation ---------------------------------------------------------------

QA = ["Vragen van het lid Jansen aan de minister over de regeling (ingezonden 3 mei 2021)."]
for n in range(1, 6):
    QA += [
        f"Vraag {n}",
        f"Klopt het dat de regeling in {2015 + n} is gewijzigd en dat gemeenten dit uitvoeren?",
        f"Antwoord {n}",
        "Ja. De regeling is gewijzigd bij besluit van de minister. Gemeenten voeren haar uit.",
    ]


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        (QA, "questions_and_answers"),
        (
            [
                "Geachte heer Pieters,",
                "",
                "Hierbij ontvangt u de stukken voor de vergadering van",
                "volgende week. Wij verzoeken u de stukken vooraf te lezen en uw vragen op tijd te",
                "sturen aan het secretariaat, zodat de voorzitter ze kan beantwoorden.",
                "",
                "Met vriendelijke groet,",
                "",
                "De secretaris",
            ]
            * 2,
            "letter",
        ),
        (
            [
                "Aanwezig: de voorzitter, de secretaris en vier leden",
                "Afwezig: twee leden",
                "Opening",
                "De voorzitter opent de vergadering om tien uur en heet iedereen welkom.",
                "Vaststellen agenda",
                "De agenda wordt zonder wijzigingen vastgesteld door de leden.",
                "Rondvraag",
                "Er zijn geen vragen voor de rondvraag van deze vergadering gesteld.",
                "Sluiting",
                "De voorzitter sluit de vergadering en dankt de aanwezigen.",
            ],
            "minutes",
        ),
        (
            [
                f"Artikel {n}\nDe aanvrager dient het formulier volledig ingevuld in bij het "
                "college van burgemeester en wethouders."
                for n in range(1, 6)
            ],
            "regulation",
        ),
    ],
)
def test_documents_without_innovation_give_no_case(lines, reason):
    data = make_odt([("p", line) for text in lines for line in text.split("\n")])
    result = run_pipeline(data, "stuk.odt")
    assert result.cases == []
    assert result.notices[0].code == "no_innovation" and result.notices[0].reason == reason
    assert result.document.text  # the text is kept, for search


POLICY_LINES = [
    "Beleidskader Innovatie 2025-2028",
    "Gemeente Aa",
    "Inleiding",
    "Dit beleidskader beschrijft de uitgangspunten voor innovatie. Wij streven naar ruimte om "
    "te experimenteren binnen heldere kaders.",
    "Uitgangspunten",
    "Teams zullen nieuwe werkwijzen klein testen. Het college zal jaarlijks rapporteren over "
    "de experimenten die binnen de kaders worden gedaan, en wij willen leren van fouten.",
    "Middelen",
    "Er komt een innovatiefonds waaruit teams een bijdrage kunnen aanvragen voor een pilot. "
    "De kaders van het fonds zullen in een regeling worden uitgewerkt door het college.",
]


def test_a_policy_framework_without_a_concrete_project_gives_no_case():
    data = make_odt([("p", line) for line in POLICY_LINES])
    result = run_pipeline(data, "beleidskader.odt")
    assert result.cases == []
    assert result.notices[0].reason == "policy"
    assert "beleidskader" in result.notices[0].message


def test_a_policy_plan_that_reports_a_pilot_that_happened_is_a_case():
    done = [
        "In 2023 startte het team een pilot met een digitaal loket. De pilot liep een jaar; "
        "inwoners waren tevreden en de wachttijd daalde met een week. Wat bleek: de aanpak "
        "werkte, en we hebben geleerd dat inwoners vooral snelheid waarderen. Het team "
        "werd in 2024 uitgebreid en er zijn nieuwe loketten geopend die goed werden bezocht.",
    ] * 2
    data = make_odt([("p", line) for line in POLICY_LINES + done])
    result = run_pipeline(data, "beleidskader.odt")
    assert len(result.cases) == 1


def test_a_report_that_is_only_contents_and_appendices_gives_no_case():
    toc = [
        ("Inhoud", 14, "bold"),
        "",
        "Bijlage 1 Deelnemers ........ 3",
        "Bijlage 2 Cijfers ........ 4",
    ]
    pages = [[("Jaarverslag pilot", 24, "bold")], toc]
    pages += [[("Bijlage 1 Deelnemers", 16, "bold"), "", "Gemeente Aa", "Gemeente Bee"]]
    pages += [[("Bijlage 2 Cijfers", 16, "bold"), "", "Tabel 1 Aantallen 2019 12 2020 14"]]
    result = run_pipeline(make_pdf(pages), "alleen-bijlagen.pdf")
    assert result.cases == [] and result.notices[0].reason == "too_little_text"


# -- bad input ------------------------------------------------------------------------------------


def test_a_scanned_page_among_text_pages_is_skipped_and_said():
    pages = [[("Pilot meldingen-app", 24, "bold")], [*BODY], [], [*BODY]]
    result = run_pipeline(make_pdf(pages, scanned=(2,)), "met-scan.pdf")
    assert len(result.cases) == 1
    assert BODY[0] in result.document.text
    notice = next(n for n in result.notices if n.code == "pages_skipped")
    assert "Pagina 3 bevat geen tekst" in notice.message


def test_a_document_in_english_gets_a_dutch_notice():
    text = (
        "Smarter reporting in the neighbourhood\n\nThe municipality started a pilot with an app "
        "that lets residents report problems in the street. The app was developed with a "
        "supplier and tested in two districts. Reports were handled faster than before, and "
        "residents were kept informed of the progress of their report.\n"
    )
    result = run_pipeline(text.encode(), "report.txt")
    assert result.document.structure.assessment.language == "en"
    notice = next(n for n in result.notices if n.code == "english")
    assert "Engels" in notice.message


def _long_report(pages: int) -> bytes:
    out = [[("Pilot meldingen-app", 24, "bold"), "", "1 maart 2022"]]
    for number in range(1, pages):
        page = [(f"{number} Hoofdstuk {number}", 16, "bold"), ""] if number % 5 == 1 else []
        out.append(page + BODY * 5)
    return make_pdf(out)


def test_a_300_page_report_does_not_hang():
    data = _long_report(300)
    started = time.perf_counter()
    result = run_pipeline(data, "lang.pdf", limits=Limits(max_pages=400))
    seconds = time.perf_counter() - started
    assert len(result.document.pages) == 300 and len(result.cases) == 1
    assert seconds < 120, f"300 pages took {seconds:.1f} s"


# -- cases from any shape -----------------------------------------------------------------------


def _section(number: str, title: str, sub: str = "") -> str:
    heads = ["Aanleiding", "Aanpak", "Resultaat", "Praktische lessen"]
    parts = [f"{number} {title}\n"]
    for index, head in enumerate(heads, 1):
        label = f"{number}.{index} {head}" if sub else head
        if head == "Praktische lessen":
            parts.append(f"{label}\n- Begin klein in {title}.\n- Betrek de uitvoering.\n")
        else:
            parts.append(f"{label}\n{title} " + " ".join(BODY[:4]) + "\n")
    return "\n".join(parts)


@pytest.mark.parametrize("numbered_subheadings", [False, True])
def test_numbered_sections_each_a_case(numbered_subheadings):
    sub = "yes" if numbered_subheadings else ""
    titles = ["Buurtbudget Aa", "Meldapp Bee", "Wijkteam Cee"]
    text = "1 Inleiding\n\nDit rapport beschrijft drie praktijkvoorbeelden van gemeenten.\n\n"
    text += "2 Praktijkvoorbeelden\n\n" + "\n".join(
        _section(f"2.{i}", t, sub) for i, t in enumerate(titles, 1)
    )
    text += "\n3 Conclusies\n\nDe drie voorbeelden laten zien dat klein beginnen werkt.\n"
    doc = doc_of(text.encode(), "praktijk.txt")
    parts = segment(doc)
    assert [p.title for p in parts] == titles
    for part in parts:
        assert "Praktische lessen" in doc.text[part.start : part.end]


def test_repeated_sections_in_chapters_apart_are_one_innovation():
    def chapter(n: int, what: str) -> str:
        return (
            f"{n} Gebruikerstesten {what}\n\n{n}.1 Het samenstellen van de testgroep\n"
            + " ".join(BODY[:4])
            + f"\n\n{n}.2 Het uitvoeren van de testen\n"
            + " ".join(BODY[5:8])
            + "\n\n"
        )

    text = "1 Aanleiding\n\n" + " ".join(BODY) + "\n\n" + chapter(2, "portaal")
    text += "3 Resultaten portaal\n\n" + " ".join(BODY) + "\n\n" + chapter(4, "beheer")
    text += "5 Resultaten beheer\n\n" + " ".join(BODY) + "\n"
    parts = segment(doc_of(text.encode(), "onderzoek.txt"))
    assert [p.kind for p in parts] == ["whole-document"]


def test_labelled_case_sections():
    text = "Inleiding\n\nTwee gemeenten probeerden een nieuwe aanpak.\n\n"
    for label in ("Casus 1: Gemeente Aa", "Casus 2: Gemeente Bee"):
        text += f"{label}\n\n" + "\n\n".join([" ".join(BODY)] * 2) + "\n\n"
    text += "Slotbeschouwing\n\nBeide aanpakken werken.\n"
    parts = segment(doc_of(text.encode(), "casussen.txt"))
    assert [p.title for p in parts] == ["Casus 1: Gemeente Aa", "Casus 2: Gemeente Bee"]
    assert {p.kind for p in parts} == {"case-study"}


def test_the_sections_of_a_chapter_named_as_a_collection():
    text = "1 Inleiding\n\nDit rapport laat zien hoe gemeenten werken met meldingen.\n\n"
    text += "2 Drie praktijkvoorbeelden\n\n"
    for number, name in enumerate(("Gemeente Aa", "Gemeente Bee", "Gemeente Cee"), 1):
        text += f"2.{number} {name}\n\n" + "\n\n".join([" ".join(BODY)] * 2) + "\n\n"
    text += "3 Conclusies\n\nAlle drie de gemeenten handelen meldingen sneller af.\n"
    parts = segment(doc_of(text.encode(), "voorbeelden.txt"))
    assert [p.title for p in parts] == ["Gemeente Aa", "Gemeente Bee", "Gemeente Cee"]


def test_colophon_at_the_end_gives_commissioner_date_and_version():
    pages = [[("Buurtbudget in de praktijk", 24, "bold")]]
    pages.append([("1 Aanleiding", 16, "bold"), "", *BODY])
    pages.append([("2 Resultaten", 16, "bold"), "", "De buurten kozen zelf hun projecten.", *BODY])
    colophon = [("Colofon", 16, "bold"), "", "Opdrachtgever: Provincie Zuidland"]
    colophon += ["Datum: 4 juli 2022", "Versie: 2.1", "Tekst: Sanne de Boer"]
    pages.append(colophon)
    doc = doc_of(make_pdf(pages), "buurtbudget.pdf")
    front = doc.front
    assert front.commissioned_by.value == "Provincie Zuidland"  # named as commissioner: no area
    assert (front.date.value, front.version) == ("2022-07-04", "2.1")
    assert [p.name for p in front.authors] == ["Sanne de Boer"]
    (case,) = segment(doc)
    assert "Opdrachtgever" not in doc.text[case.start : case.end]


def test_a_word_title_page_with_version_and_commissioner():
    data = make_docx(
        [
            ("Titel", "Samen slimmer inkopen"),
            ("", "Versie 0.9"),
            ("", "In opdracht van het Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"),
            ("page", ""),
            ("Kop1", "Inleiding"),
            ("", " ".join(BODY)),
        ]
    )
    front = doc_of(data, "inkopen.docx").front
    assert (front.title, front.version) == ("Samen slimmer inkopen", "0.9")
    assert front.commissioned_by.value == (
        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
    )


def test_a_web_article_title_date_and_the_year_its_pilot_started():
    html = (
        "<html><head><title>Nieuws | Gemeente Oosterburg</title></head><body><article>"
        "<h1>Oosterburg test deelauto's voor ambtenaren</h1>"
        "<p>Gepubliceerd op 14 februari 2023 door Redactie</p>"
        "<p>De gemeente Oosterburg is in 2022 een pilot gestart met elektrische deelauto's voor "
        "dienstreizen. Medewerkers reserveren een auto via een app.</p><h2>Resultaten</h2>"
        "<p>Het aantal gedeclareerde kilometers met de eigen auto daalde met 35 procent.</p>"
        "</article></body></html>"
    )
    result = run_pipeline(html.encode(), "artikel.html")
    assert result.document.front.title == "Oosterburg test deelauto's voor ambtenaren"
    values = {i.field: i.value for i in result.cases[0][1]}
    assert (values["year_start"], values["year_end"]) == (2022, 2023)
    assert values["organisation.name"] == "Gemeente Oosterburg"


def test_a_deck_with_continued_slide_titles_is_one_case():
    slides = [[("Slim melden", 32, "bold"), "", ("Gemeente Zuidhaven", 18), "", "mei 2023"]]
    for title in ("Aanleiding", "Resultaten", "Resultaten", "Vervolg", "Vervolg"):
        slides.append([(title, 28, "bold"), "", *BODY[:4]])
    result = run_pipeline(make_pdf(slides, landscape=True), "deck.pdf")
    assert [part.kind for part, _ in result.cases] == ["whole-document"]
    front = result.document.front
    assert front.title == "Slim melden" and front.year == 2023
    assert [o.value for o in front.organisations] == ["Gemeente Zuidhaven"]


def test_an_organisation_in_the_running_footer():
    footer = "Meldingen | gemeente Zuidhaven"
    areas = ("noord", "oost", "zuid", "west", "midden")
    pages = [[f"{line} in {area}" for line in BODY] + ["", footer] for area in areas]
    pages[0] = [("Slim melden", 24, "bold"), "", "1 maart 2021", "", footer]
    doc = doc_of(make_pdf(pages), "rapport.pdf")
    assert "Meldingen | gemeente Zuidhaven" not in doc.text
    assert [o.value for o in doc.front.organisations] == ["Gemeente Zuidhaven"]


def test_a_word_table_of_contents():
    text = " ".join(BODY)
    blocks = [("Titel", "Meldingen in Zuidhaven"), ("", "Eindrapport, juni 2021"), ("page", "")]
    blocks += [("Kop1", "Inhoudsopgave"), ("", "1 Inleiding\t3"), ("", "2 Aanpak\t4")]
    blocks += [("", "Bijlage 1 Cijfers\t7"), ("page", ""), ("Kop1", "1 Inleiding"), ("", text)]
    blocks += [("Kop1", "2 Aanpak"), ("", text), ("Kop1", "Bijlage 1 Cijfers"), ("", "Tabel 1.")]
    data = make_docx(blocks)
    doc = doc_of(data, "rapport.docx")
    assert [e.title for e in doc.structure.toc] == ["Inleiding", "Aanpak", "Cijfers"]
    (case,) = segment(doc)
    inside = doc.text[case.start : case.end]
    assert inside.startswith("1 Inleiding") and "Tabel 1." not in inside
    assert doc.front.year == 2021


def _titles(result) -> list[str]:
    (_, items) = result.cases[0]
    return [item.value for item in items if item.field == "title"]


def test_a_chapter_with_one_numbered_section_is_titled_by_that_section():
    pages = [[("4 Innovatie", 18, "bold"), "", *BODY[:4]]]
    pages[0] += [("4.1 Slimme meldingen in Zuidhaven", 14, "bold"), "", *BODY]
    pages.append([("Aanpak", 12, "bold"), "", *BODY])
    result = run_pipeline(make_pdf(pages), "jaarverslag-hoofdstuk.pdf")
    assert _titles(result) == ["Slimme meldingen in Zuidhaven"]


def test_a_chapter_with_two_numbered_sections_keeps_its_own_title():
    pages = [[("4 Innovatie in de wijk", 18, "bold"), "", *BODY[:4]]]
    pages[0] += [("4.1 Meldingen", 14, "bold"), "", *BODY]
    pages.append([("4.2 Afhandeling", 14, "bold"), "", *BODY])
    result = run_pipeline(make_pdf(pages), "hoofdstuk.pdf")
    assert _titles(result) == ["4 Innovatie in de wijk"]


def test_a_newsletter_masthead_and_genre_label_are_no_title_the_quoted_headline_is():
    text = "\n\n".join(
        [
            "Nieuwsbrief Wonen - gemeente Zuidhaven - nummer 3, mei 2024",
            "INTERVIEW",
            '"Een app maakt melden in de wijk kinderspel"',
            " ".join(BODY[:4]),
            "Wat was het probleem?",
            " ".join(BODY[5:]),
            "Hoe ging het verder?",
            " ".join(BODY[:4]),
        ]
    )
    result = run_pipeline(text.encode(), "interview.txt")
    assert _titles(result) == ["Een app maakt melden in de wijk kinderspel"]


def _network_deck(places: tuple[str, ...], sub_titles) -> bytes:
    slides = [[("Netwerk Dienstverlening", 32, "bold"), "", ("Bijeenkomst mei 2023", 18)]]
    for place in places:
        slides.append([(f"{place}: slimmer melden", 32, "bold"), "", ("Gemeente " + place, 18)])
        for sub in sub_titles(place):  # text that differs per slide (no page furniture)
            slides.append([(sub, 26, "bold"), "", *(f"{sub} {place}: {ln}" for ln in BODY[:4])])
    return make_pdf(slides, landscape=True)


def test_a_deck_of_sections_with_the_same_slide_titles_gives_a_case_per_section():
    data = _network_deck(("Aa", "Bee", "Cee"), lambda p: ["Wat hebben we gedaan?", f"Tips {p}"])
    result = run_pipeline(data, "netwerk.pdf")
    titles = [part.title for part, _ in result.cases]
    assert titles == ["Aa: slimmer melden", "Bee: slimmer melden", "Cee: slimmer melden"]


def test_a_deck_with_section_dividers_of_one_project_stays_one_case():
    subs = iter([["Vraag", "Wijken"], ["Cijfers", "Reacties"], ["Plannen", "Budget"]])
    data = _network_deck(("Start", "Uitvoering", "Vervolg"), lambda p: next(subs))
    result = run_pipeline(data, "project.pdf")
    assert [part.kind for part, _ in result.cases] == ["whole-document"]


def test_the_baseline_year_of_a_comparison_is_no_start():
    text = "\n\n".join(
        [
            "Brieven in eenvoudige taal",
            "In 2022 begonnen we met het herschrijven van de brieven, te beginnen met de "
            "belastingaanslag; bezwaren daalden van 212 in 2019 naar 151 in 2023.",
            " ".join(BODY),
        ]
    )
    result = run_pipeline(text.encode(), "brieven.txt")
    (_, items) = result.cases[0]
    assert [i.value for i in items if i.field == "year_start"] == [2022]


def _story(place: str) -> str:
    words = f"{place} begon in het voorjaar met een pilot waarin inwoners zelf besluiten".split()
    return " ".join(
        " ".join(words[n:] + words[:n]).capitalize() + f", vertelde spreker {n} uit {place}."
        for n in range(len(words))
    )


def _conference(headings: list[str]) -> bytes:
    parts = ["Verslag van de werkconferentie over samenwerken", ""]
    for heading in headings:
        place = heading.split(":")[0].split()[-1]
        parts += [heading, "", f"Sprekers van de gemeente {place} vertelden. {_story(place)}", ""]
    return "\n".join(parts).encode()


def test_sections_headed_by_stories_of_named_governments_are_cases():
    headings = [
        "Zelfsturing: weg met het ego!",
        "Nieuwe rol voor de provincie Noordland: de open hand",
        "Zelfsturing bij gemeente Aa: het loopt niet uit de hand",
        "Samen aan zet in Bee: leren loslaten",
        "Gesprek met de deelnemers",
    ]
    result = run_pipeline(_conference(headings), "verslag.txt")
    titles = [part.title for part, _ in result.cases]
    assert titles == headings[1:4]
    organisation = [i.value for i in result.cases[2][1] if i.field == "organisation.name"]
    assert organisation == ["Gemeente Bee"]  # "van de gemeente Bee" under "... in Bee"


def test_sections_naming_only_two_places_are_one_report():
    headings = ["Aanleiding", "Aanpak in Aa", "Resultaten bij gemeente Bee", "Conclusies"]
    result = run_pipeline(_conference(headings), "rapport.txt")
    assert [part.kind for part, _ in result.cases] == ["whole-document"]


def test_a_title_stated_in_the_foreword_and_the_organisation_that_signs_it():
    text = "\n\n".join(
        [
            "1. Voorwoord",
            "Beste lezer,",
            "‘Slimmer samen melden’ is de titel van dit rapport, omdat de pilot liet zien dat "
            + " ".join(BODY[:4]),
            " ".join(BODY[5:]),
            "Sanne de Boer",
            "Bureau Wijkwerk advies",
            "2. Samenvatting",
            " ".join(BODY) + " De pilot werd in 2022 afgerond en is geëvalueerd.",
        ]
    )
    result = run_pipeline(text.encode(), "advies.txt")
    (_, items) = result.cases[0]
    values = {i.field: i.value for i in items}
    assert values["title"] == "Slimmer samen melden"
    assert values["organisation.name"] == "Bureau Wijkwerk advies"


def test_a_dated_event_before_the_newsletters_date_starts_the_case():
    text = "\n\n".join(
        [
            "Nieuwsbrief Wonen - gemeente Zuidhaven - nummer 3, mei 2024",
            "INTERVIEW",
            '"Een app maakt melden in de wijk kinderspel"',
            "In maart en april 2022 testten bewoners een app in twee wijken. " + BODY[0],
            " ".join(BODY),
        ]
    )
    result = run_pipeline(text.encode(), "interview.txt")
    (_, items) = result.cases[0]
    values = {i.field: i.value for i in items}
    assert (values["year_start"], values["year_end"]) == (2022, 2024)
