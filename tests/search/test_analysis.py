"""Dutch text analysis for keyword search (proeftuin.search.analysis)."""

import time

import pytest
import Stemmer

from proeftuin.search.analysis import (
    DUTCH_STOPWORDS,
    MAX_QUERY_TERMS,
    STEMMER_ALGORITHM,
    Token,
    analyze,
    analyze_query,
    damerau_levenshtein,
    similar_terms,
    split_compound,
    stem,
    tokenize,
)

# --------------------------------------------------------------------------- tokenize


def test_tokenize_lowercases_folds_accents_and_keeps_offsets():
    text = "De Coördinatie van ideeën"
    tokens = tokenize(text)
    assert [t.term for t in tokens] == ["de", "coordinatie", "van", "ideeen"]
    assert text[tokens[1].start : tokens[1].end] == "Coördinatie"
    assert text[tokens[3].start : tokens[3].end] == "ideeën"


def test_tokenize_offsets_survive_decomposed_accents():
    text = "financie\u0308le steun"  # NFD: e + combining diaeresis
    tokens = tokenize(text)
    assert [t.term for t in tokens] == ["financiele", "steun"]
    assert text[tokens[0].start : tokens[0].end] == "financie\u0308le"
    assert analyze(text) == ["financieel", "steun"]


def test_tokenize_keeps_numbers():
    assert [t.term for t in tokenize("In 2024 kostte het 3,5 mln (fase 2).")] == [
        "in",
        "2024",
        "kostte",
        "het",
        "3,5",
        "mln",
        "fase",
        "2",
    ]


def test_tokenize_hyphenated_compound_gives_whole_and_parts():
    text = "Het ICT-systeem"
    tokens = tokenize(text)
    assert tokens[1:] == [
        Token("ictsysteem", 4, 15, "hyphenated"),
        Token("ict", 4, 7, "part"),
        Token("systeem", 8, 15, "part"),
    ]
    assert text[4:15] == "ICT-systeem"


def test_tokenize_ignores_punctuation_and_keeps_apostrophe_plurals():
    assert [t.term for t in tokenize("«Auto’s»! -- (test)_x")] == ["auto's", "test", "x"]


# --------------------------------------------------------------------------- stopwords


def test_stopwords_are_a_reasonable_dutch_list():
    assert {"de", "het", "een", "en", "van", "niet", "zijn"} <= DUTCH_STOPWORDS
    assert not {"gemeente", "samenwerking", "beleid"} & DUTCH_STOPWORDS
    assert analyze("de en het van een") == []


# --------------------------------------------------------------------------- stem


def test_uses_the_newer_snowball_dutch_stemmer():
    assert STEMMER_ALGORITHM == "dutch"
    assert {"dutch", "dutch_porter"} <= set(Stemmer.algorithms())
    # The classic (Porter) Dutch stemmer leaves the participle alone; the newer one does not.
    assert Stemmer.Stemmer("dutch_porter").stemWord("samengewerkt") == "samengewerkt"


def test_stem_conflates_dutch_inflections():
    forms = ["samenwerken", "samenwerking", "samenwerkingen", "samengewerkt", "samenwerkt"]
    assert {stem(w) for w in forms} == {"samenwerk"}
    assert stem("organisaties") == stem("organisatie")
    assert stem("gestuurd") == stem("sturen") == "stuur"


def test_stem_sees_accents_then_folds():
    assert stem("financiële") == stem("financieel") == "financieel"
    assert stem("Coördinatie") == "coordineer"


def test_stem_leaves_numbers_alone():
    assert stem("2024") == "2024"
    assert stem("COVID19") == "covid19"


# --------------------------------------------------------------------------- compounds


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("ketensamenwerking", ["keten", "samenwerking"]),
        ("innovatiebarometer", ["innovatie", "barometer"]),
        ("gegevensuitwisseling", ["gegevens", "uitwisseling"]),
        ("bestandsvergelijking", ["bestand", "vergelijking"]),  # linking -s-
        ("zelfsturing", ["zelf", "sturing"]),
        ("boekenkast", ["boeken", "kast"]),
        ("verkeerslicht", ["verkeer", "licht"]),
        ("omgevingswet", ["omgeving", "wet"]),
        ("gemeentebeleidsregel", ["gemeente", "beleid", "regel"]),
    ],
)
def test_split_compound(word, parts):
    assert split_compound(word) == parts


@pytest.mark.parametrize(
    "word",
    [
        "samenwerking",  # samen- is a particle, and the word is common on its own
        "uitwisseling",
        "overheid",  # -heid is a suffix
        "vriendelijk",
        "ziekenhuis",  # lexicalised: more frequent than its parts
        "vergelijking",
        "gemeente",
        "computer",
        "government",
        "2024",
        "abc",
    ],
)
def test_split_compound_leaves_non_compounds_alone(word):
    assert split_compound(word) == [word]


def test_split_compound_normalises_case_and_accents():
    assert split_compound("Gegevensuitwisseling") == ["gegevens", "uitwisseling"]


# --------------------------------------------------------------------------- analyze


def test_analyze_indexes_compound_parts_beside_the_compound():
    terms = analyze("Ketensamenwerking in de regio")
    assert terms == [stem("ketensamenwerking"), stem("keten"), stem("samenwerking"), "regio"]
    # so a query for the head word finds the compound
    assert set(analyze_query("samenwerking")) <= set(terms)


def test_analyze_drops_stopword_parts():
    assert analyze("zelfsturing") == [stem("zelfsturing"), stem("sturing")]


def test_analyze_hyphenated_compound_once():
    assert analyze("ICT-systeem") == ["ictsysteem", "ict", "systeem"]


def test_analyze_english_and_odd_input_does_not_crash():
    assert analyze("The quick brown fox jumps over the lazy dog")[:3] == ["the", "quick", "brown"]
    for text in [
        "",
        "   ",
        "😀 ☃ ٣",
        "a" * 5000,
        "-" * 100,
        "_",
        "naïve résumé",
        "x" * 40 + "heid",
    ]:
        assert isinstance(analyze(text), list)
        assert isinstance(analyze_query(text), list)
    assert analyze("a" * 5000) == []  # absurdly long "words" are not indexed


# --------------------------------------------------------------------------- analyze_query


def test_analyze_query_strips_operators_and_quotes():
    query = '"ketensamenwerking" AND +barometer -innovatie OR (financiële)* NOT zelfsturing'
    assert analyze_query(query) == [
        *analyze("ketensamenwerking barometer innovatie"),
        "financieel",
        *analyze("zelfsturing"),
    ]


def test_analyze_query_deduplicates():
    assert analyze_query("beleid Beleid BELEID beleid") == ["beleid"]


def test_analyze_query_long_input_is_capped_and_fast():
    query = " ".join(f"woord{i} gemeentebeleid" for i in range(1000))[:10_000]
    analyze_query("warm up the lexicon")
    started = time.perf_counter()
    terms = analyze_query(query)
    assert time.perf_counter() - started < 0.5
    assert len(terms) == MAX_QUERY_TERMS


# --------------------------------------------------------------------------- typo tolerance


def test_damerau_levenshtein():
    assert damerau_levenshtein("tilburg", "tilburg") == 0
    assert damerau_levenshtein("tilburg", "tilbrug") == 1  # adjacent transposition
    assert damerau_levenshtein("utrecht", "utrect") == 1
    assert damerau_levenshtein("kitten", "sitting") == 3
    assert damerau_levenshtein("", "abc") == 3
    assert damerau_levenshtein("amsterdam", "rotterdam", max_distance=2) == 3  # capped


def test_similar_terms_for_names():
    organisations = ["Gemeente Utrecht", "Provincie Utrecht", "Gemeente Urk", "Gemeente Ede"]
    assert similar_terms("gemeente utrect", organisations, max_distance=1) == ["Gemeente Utrecht"]
    assert similar_terms("Tilbrug", ["Tiel", "Tilburg", "Tilburgh"], max_distance=2) == [
        "Tilburg",
        "Tilburgh",
    ]
    assert similar_terms("Gemeente Édé", organisations, max_distance=0) == ["Gemeente Ede"]
    assert similar_terms("Rotterdam", organisations, max_distance=2) == []
