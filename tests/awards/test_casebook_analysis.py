"""The cross-case analysis: shared statements carry terms several cases use and cite each
of those cases; distinct statements cite the one case they come from; every statement is a
sentence of a case's own text."""

from proeftuin.awards.casebook_analysis import CaseText, analyse, sentences

CASES = [
    CaseText(
        1,
        "Gemeente Aa",
        {
            "openness": "Medewerkers delen hun ideeën in een wekelijkse innovatietafel. "
            "De directie publiceert alle besluiten op intranet voor iedereen.",
            "resilience": "Na de reorganisatie bouwde het team snel nieuwe routines op.",
        },
    ),
    CaseText(
        2,
        "Waterschap Bee",
        {
            "openness": "Ideeën van medewerkers komen op een innovatietafel met de directie. "
            "Burgers schuiven maandelijks aan bij het dagelijks bestuur in de polder.",
        },
    ),
    CaseText(
        3,
        "Provincie Cee",
        {
            "openness": "Elke medewerker mag ideeën inbrengen bij de innovatietafel. "
            "Een vaste ombudsman behandelt klachten over vergunningen binnen twee weken.",
        },
    ),
]
THEMES = [("openness", "Openheid"), ("resilience", "Veerkracht"), ("innovation", "Innovatie")]


def test_sentences_are_split_and_short_fragments_dropped():
    assert sentences(
        "Dit is een zin die lang genoeg is. Kort. En nog een zin die ook meetelt!"
    ) == [
        "Dit is een zin die lang genoeg is.",
        "En nog een zin die ook meetelt!",
    ]


def test_what_the_cases_share_cites_every_case_that_shares_it():
    openness, resilience, innovation = analyse(CASES, THEMES)
    assert (openness.cases, resilience.cases, innovation.cases) == (3, 1, 0)
    first = openness.shared[0]
    assert first.kind == "shared"
    assert {s.case_id for s in first.sources} == {1, 2, 3}
    assert all(s.field == "sections.openness" for s in first.sources)
    assert "innovatietafel" in first.text.lower()
    texts = {c.case_id: c.sections["openness"] for c in CASES}
    for statement in openness.shared + openness.distinct:
        assert any(statement.text in texts[s.case_id] for s in statement.sources)
        for source in statement.sources:
            assert source.passage in texts[source.case_id]


def test_where_they_differ_is_one_case_each():
    openness = analyse(CASES, THEMES)[0]
    distinct = {s.sources[0].case_id: s.text for s in openness.distinct}
    assert "ombudsman" in distinct[3] and "polder" in distinct[2]
    assert all(len(s.sources) == 1 for s in openness.distinct)


def test_a_theme_one_case_wrote_about_has_no_comparison():
    resilience = analyse(CASES, THEMES)[1]
    assert resilience.shared == [] and resilience.distinct == []
