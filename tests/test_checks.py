"""Text that prints as typed: invisible characters, mixed-script look-alikes, doses and units."""

from __future__ import annotations

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from leafpress.checks.lines import Line
from leafpress.checks.numbers import UNITS, dose_numbers
from leafpress.checks.scripts import word_problem
from test_bad_input import fails_cleanly

EN = "content/en/sample.md"
RU = "content/ru/sample.md"


def add_line(site, path: str, text: str) -> None:
    """Add `text` as the paragraph after 'Some text about it.' (line 29 of the English sample)."""
    anchor = "Немного текста." if path == RU else "Some text about it."
    site.replace(path, anchor, f"{anchor}\n\n{text}")


def warnings_of(site, capsys, *args: str) -> list[str]:
    capsys.readouterr()
    assert site.run("check", *args) == 0
    # Editing the source makes its translation stale, and a long test sentence is hard to read: those
    # warnings are other modules' business.
    return [line for line in capsys.readouterr().err.splitlines()
            if ": warning: " in line and "stale translation" not in line and "hard to read" not in line
            and "of the source (" not in line]  # translation QA: tests/test_translation_qa.py


def test_a_direction_override_is_an_error_and_nothing_is_written(built_copy, capsys):
    add_line(built_copy, EN, "Take 1\u202e0 mg daily.")
    fails_cleanly(built_copy, capsys, f"{EN}:31: U+202E RIGHT-TO-LEFT OVERRIDE changes the order in which the "
                                      "text after it prints; delete it (the page sets the direction itself)")


def test_a_zero_width_space_inside_a_word_is_an_error(built_copy, capsys):
    add_line(built_copy, EN, "Ask about Baclo\u200bfen.")
    fails_cleanly(built_copy, capsys, f"{EN}:31: U+200B ZERO WIDTH SPACE inside 'Baclofen' is invisible but "
                                      "splits the word for search, screen readers and pharmacy systems; delete it")


def test_a_soft_hyphen_inside_a_number_is_an_error(built_copy, capsys):
    add_line(built_copy, EN, "Up to 1\u00ad000 mg a day.")
    fails_cleanly(built_copy, capsys, f"{EN}:31: U+00AD SOFT HYPHEN inside the number '1000' may print as a "
                                      "hyphen in it; delete it")


def test_other_format_characters_warn_and_can_be_allowed_on_purpose(built_copy, capsys):
    add_line(built_copy, EN, "A\u2063B.")
    assert warnings_of(built_copy, capsys) == [
        f"{EN}:31: warning: U+2063 INVISIBLE SEPARATOR is an invisible format character; delete it, or keep it "
        "with a 'invisible' allowance on this line (see docs/authors.md)"]
    built_copy.replace(EN, "A\u2063B.", "A\u2063B. <!-- leafpress: allow invisible -->")
    assert warnings_of(built_copy, capsys) == []
    assert "leafpress: allow" not in (built_copy.path("output/en/sample.html").read_text())


def test_marks_that_right_to_left_text_needs_are_allowed(built_multi, capsys):
    ar = built_multi.read("content/ar/sample.md")
    built_multi.write("content/ar/sample.md", ar.replace("## ", "\u200fنص \u200eMydocalm\u200f.\n\n## ", 1))
    try:
        assert warnings_of(built_multi, capsys) == []
    finally:
        built_multi.write("content/ar/sample.md", ar)


def test_a_cyrillic_letter_in_a_latin_drug_name_is_flagged(built_copy, capsys):
    add_line(built_copy, RU, "Баклофен (\u041cydocalm).")
    assert warnings_of(built_copy, capsys) == [
        f"{RU}:37: warning: 'Мydocalm' mixes Latin and Cyrillic letters: 'М' (U+041C CYRILLIC CAPITAL LETTER EM, "
        "which looks like Latin 'M'); retype the word in one alphabet"]
    capsys.readouterr()
    assert built_copy.run("check", "--strict") == 1
    assert "retype the word in one alphabet (an error under --strict)" in capsys.readouterr().err


def test_mixed_scripts_in_front_matter_name_their_line(built_copy, capsys):
    built_copy.replace(EN, "      - Baclofen", "      - B\u0430clofen")  # CYRILLIC SMALL LETTER A
    assert warnings_of(built_copy, capsys) == [
        f"{EN}:22: warning: 'Bаclofen' mixes Latin and Cyrillic letters: 'а' (U+0430 CYRILLIC SMALL LETTER A, "
        "which looks like Latin 'a'); retype the word in one alphabet"]


def test_words_in_one_alphabet_are_clean():
    for word in ("Mydocalm", "Мидокалм", "ВИЧ-инфекция", "الإنترنت", "tolperisone", "niño"):
        assert word_problem(word) is None, word


def test_dose_style_per_language(built_copy, capsys):
    add_line(built_copy, EN, "Take 10mg, or .5 mg, or 5.0 mg, or 1,5 mg; 1,000 mg and 0.5 ml are fine.")
    add_line(built_copy, RU, "Принимайте 1.5 мг; 1,5 мг верно.")
    assert warnings_of(built_copy, capsys) == [
        f"{EN}:31: warning: '10mg': put a space between the number and the unit: '10 mg'",
        f"{EN}:31: warning: '.5 mg': write '0.5 mg'; without the leading zero a dose is misread as ten times larger",
        f"{EN}:31: warning: '5.0 mg': write '5 mg'; a trailing zero is misread as ten times larger",
        f"{EN}:31: warning: '1,5 mg': the decimal separator in this language is '.': write '1.5 mg'",
        f"{RU}:37: warning: '1.5 мг': the decimal separator in this language is ',': write '1,5 мг'"]


def test_one_dose_rule_can_be_allowed_on_purpose(built_copy, capsys):
    add_line(built_copy, EN, "The brand is called 5mg Forte. <!-- leafpress: allow unit-space -->")
    assert warnings_of(built_copy, capsys) == []


def test_the_real_content_is_clean(built_project, capsys):
    assert warnings_of(built_project, capsys, "--strict") == []


def lines(text: str) -> tuple[Line, ...]:
    return (Line("x.md", 1, text, frozenset()),)


@given(st.decimals(min_value=0, max_value=10000, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["en", "ru", "es", "ar"]), st.sampled_from(UNITS))
def test_a_dose_written_by_the_rules_is_never_flagged(amount, lang, unit):
    # Babel writes the number as the language does; the rules only forbid a trailing zero.
    number = format_decimal(amount.normalize(), locale=lang, group_separator=False)
    assert dose_numbers(lines(f"Take {number} {unit} a day."), lang) == []
    glued = dose_numbers(lines(f"Take {number}{unit} a day."), lang)
    assert [d.message.split(":")[1].strip() for d in glued] == ["put a space between the number and the unit"]


def test_a_misspelt_allowance_is_an_error_naming_its_line(built_copy, capsys):
    """'mixed-scripts' silences nothing: it is reported, with the rules it could have named."""
    add_line(built_copy, EN, "Мydocalm. <!-- leafpress: allow mixed-scripts -->")
    errors = built_copy.check_errors(capsys)
    assert errors == [f"{EN}:31: 'leafpress: allow mixed-scripts' names no rule; the rules are invisible, "
                      "mixed-script, unit-space, leading-zero, trailing-zero, decimal-separator, readability, "
                      "numbers, links, do-not-translate, glossary"]


def test_every_allowance_name_in_the_docs_is_a_registered_rule():
    from leafpress.checks.registry import CHECKS, describe, rule_names

    assert len(rule_names()) == len(set(rule_names()))
    listing = describe()
    for check in CHECKS:
        assert f"  {check.name}: {check.doc}" in listing
        for rule in check.rules:
            assert f"    allow {rule.name}: {rule.doc}" in listing
