"""The theme's colours (theme.css) meet WCAG 2.1 AA contrast, read from the token file."""

import re

import pytest

from proeftuin.site.theme import PAIRS, TOKEN_FILE, contrast, contrast_failures, default_tokens


def test_contrast_formula_gives_the_known_ratios():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    # #767676 is the lightest grey with 4.5:1 on white; #777777 just fails.
    assert contrast("#767676", "#ffffff") >= 4.5 > contrast("#777777", "#ffffff")


def test_every_colour_token_is_a_hex_colour_the_parser_reads():
    text = TOKEN_FILE.read_text()
    declared = set(re.findall(r"--pt-colour-([a-z-]+):", text))
    assert declared == set(default_tokens())
    assert {p.foreground for p in PAIRS} | {p.background for p in PAIRS} <= declared


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.where)
def test_theme_colours_meet_aa_contrast(pair):
    tokens = default_tokens()
    ratio = contrast(tokens[pair.foreground], tokens[pair.background])
    assert ratio >= pair.minimum, f"{pair.where}: {ratio:.2f}:1"


def test_a_failing_colour_is_reported(tmp_path):
    broken = tmp_path / "theme.css"
    broken.write_text(
        TOKEN_FILE.read_text().replace("--pt-colour-link: #0b578a;", "--pt-colour-link: #8fb4d0;")
    )
    failures = contrast_failures(default_tokens(broken))
    assert any(f.startswith("links: link #8fb4d0 on background") for f in failures)


def test_utrecht_reads_the_proeftuin_tokens_and_no_example_theme():
    text = TOKEN_FILE.read_text()
    assert "--utrecht-button-primary-action-background-color: var(--pt-colour-primary);" in text
    assert "--utrecht-heading-font-family: var(--pt-font-family);" in text
    assert "voorbeeld" not in text


def test_fonts_ship_with_their_licence():
    fonts = TOKEN_FILE.parent / "fonts"
    for url in re.findall(r'url\("(fonts/[^"]+)"\)', TOKEN_FILE.read_text()):
        assert (TOKEN_FILE.parent / url).is_file(), url
    assert "SIL Open Font License" in (fonts / "OFL.txt").read_text()


def test_no_style_sheet_breaks_words_anywhere():
    for sheet in TOKEN_FILE.parent.glob("*.css"):
        text = sheet.read_text()
        assert "break-all" not in text, sheet.name
        assert "overflow-wrap: anywhere" not in text, sheet.name
