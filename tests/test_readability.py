"""Readability per language: textstat's formulas on texts whose scores are worked out by hand."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import tinyhtml5

from conftest import PROJECT, copy_site
from leafpress.content import load as content
from leafpress.checks.readability import measure, section_warnings, sentences
from leafpress.config import Readability, load_config


def test_english_flesch_on_a_text_scored_by_hand():
    # 6 words, 1 sentence, 6 syllables: 206.835 - 1.015*6 - 84.6*1 and 0.39*6 + 11.8*1 - 15.59.
    figures = measure(["The cat sat on the mat."], "en")
    assert figures.score == pytest.approx(116.145) and figures.grade == pytest.approx(-1.45)
    # 'medicine' has 3 syllables in the CMU dictionary: 206.835 - 1.015*3 - 84.6*(5/3).
    assert measure(["Take your medicine."], "en").score == pytest.approx(206.835 - 3.045 - 141.0)


def test_spanish_szigriszt_pazos_on_a_text_scored_by_hand():
    # el(1) ga-to(2) co-me(2): 5 syllables, 3 words, 1 sentence: 206.84 - 62.3*5/3 - 3/1 (INFLESZ scale).
    figures = measure(["El gato come."], "es")
    assert figures.formula == "INFLESZ" and figures.score == pytest.approx(206.84 - 62.3 * 5 / 3 - 3)


def test_russian_flesch_oborneva_on_a_text_scored_by_hand():
    # кош-ка си-дит на ков-ре: 7 syllables, 4 words: 206.835 - 1.3*4 - 60.1*7/4.
    figures = measure(["Кошка сидит на ковре."], "ru")
    assert figures.formula == "Flesch-Oborneva" and figures.score == pytest.approx(96.46)


def test_arabic_has_no_formula_and_says_so():
    figures = measure(["هذه جملة قصيرة.", "وهذه جملة ثانية أطول قليلا من الأولى."], "ar")
    assert figures.score is None and figures.grade is None
    assert figures.words_per_sentence == pytest.approx(5.0)
    assert "no validated formula for 'ar': only sentence length and long words" in figures.summary()


def test_nothing_is_downloaded(monkeypatch):
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("readability tried to download NLTK data")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "path", [])
    assert measure(["Painkillers and physiotherapy help."], "en").grade is not None


def test_a_list_item_and_a_blank_line_end_a_sentence():
    found = sentences([(1, "You may notice:"), (2, ""), (3, "- back pain when you move;"),
                       (4, "- stiffness"), (5, "  that lasts. Then it eases.")])
    assert found == [(1, "You may notice:"), (3, "back pain when you move;"), (4, "stiffness that lasts."),
                     (5, "Then it eases.")]


def test_a_hard_section_is_named_with_its_longest_sentences(tmp_path):
    site = copy_site("basic", tmp_path / "basic")
    long = " ".join(["word"] * 25) + "."
    site.replace("content/en/sample.md", "Some text about it.", f"Some text about it.\n{long}")
    leaflet = next(doc for doc in content.load_all(load_config(site.config), site.root) if doc.lang == "en")
    limits = Readability(max_sentence_words=20, max_grade=99, min_reading_ease=(("en", 0),))
    assert [str(w) for w in section_warnings(leaflet, limits)] == [
        "content/en/sample.md:27: warning: hard to read: section 'what-is-it' has 1 sentence over 20 words; "
        "longest sentences: line 30 (25 words)"]


def json_status(site, capsys) -> list[dict]:
    capsys.readouterr()
    assert site.run("status", "--json") == 0
    return json.loads(capsys.readouterr().out)


def long_paragraph(site) -> None:
    site.replace("content/en/sample.md", "Some text about it.",
                 "Some text about it.\n" + " ".join(["word"] * 25) + ".")


def test_check_warns_about_a_hard_section_and_strict_escalates_only_if_the_site_opts_in(built_copy, capsys):
    long_paragraph(built_copy)
    built_copy.run("mark-translated", "ru")
    message = ("content/en/sample.md:27: warning: hard to read: section 'what-is-it' has 1 sentence over 20 words;"
               " longest sentences: line 30 (25 words)")
    capsys.readouterr()
    assert built_copy.run("check", "--strict") == 0  # a warning, even under --strict, by default
    assert capsys.readouterr().err.splitlines() == [message]
    built_copy.write("site.toml", built_copy.read("site.toml") + "\n[readability]\nstrict = true\n")
    assert built_copy.run("check", "--strict") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        message.replace(": warning:", ":") + " (an error under --strict)")


def test_an_allowance_in_a_section_keeps_its_hard_words(built_copy, capsys):
    long_paragraph(built_copy)
    built_copy.replace("content/en/sample.md", "Some text about it.",
                       "Some text about it.\n<!-- leafpress: allow readability (the drug names) -->")
    built_copy.run("mark-translated", "ru")
    capsys.readouterr()
    assert built_copy.run("check", "--strict") == 0
    assert "hard to read" not in capsys.readouterr().err


@pytest.mark.parametrize("config, message", [
    ("[readability]\nmin_reading_ease = { ar = 50 }\n",
     "site.toml:16: min_reading_ease: no validated formula for 'ar' (there are for en, es, ru); its sections are "
     "held to max_sentence_words only"),
    ("[readability]\nmin_reading_ease = { en = 150 }\n",
     "site.toml:16: min_reading_ease for 'en' must be between 0 and 100, not 150"),
    ("[readability]\nmin_reading_ease = 60\n",
     "site.toml:16: 'min_reading_ease' in [readability] must be a table of whole numbers, like { en = 60 }"),
])
def test_readability_configuration_errors(built_copy, capsys, config, message):
    built_copy.write("site.toml", built_copy.read("site.toml") + "\n" + config)
    assert built_copy.run("check") == 1
    assert capsys.readouterr().err.splitlines()[0] == message


def test_a_language_left_out_of_the_table_keeps_its_default(tmp_path):
    site = copy_site("basic", tmp_path / "basic")
    site.write("site.toml", site.read("site.toml") + "\n[readability]\nmin_reading_ease = { en = 70 }\n")
    limits = load_config(site.config).readability
    assert (limits.min_ease("en"), limits.min_ease("ru"), limits.min_ease("es"), limits.min_ease("ar")) == (
        70, 40, 55, None)


def test_status_and_catalogue_show_the_figures(built_copy, capsys):
    entries = json_status(built_copy, capsys)
    assert [(e["language"], e["state"], e["readability"]["formula"]) for e in entries] == [
        ("en", "source", "Flesch reading ease"), ("ru", "up to date", "Flesch-Oborneva")]
    assert entries[0]["readability"]["grade"] is not None and entries[1]["readability"]["grade"] is None
    index = tinyhtml5.parse(built_copy.read("output/index.html"), namespace_html_elements=False)
    cells = [" ".join("".join(span.itertext()).split()) for span in index.iter("span")
             if span.get("class") == "readability"]
    assert len(cells) == 2
    assert cells[0].startswith("Grade ") and "Flesch reading ease" in cells[0] and "words per sentence" in cells[0]
    assert cells[1].startswith("Flesch-Oborneva ")


def test_unchanged_files_are_not_measured_again(built_copy):
    """After a build, `check` takes the figures from the store and never imports textstat."""
    code = ("import sys; from leafpress import cli; code = cli.main(['check', '--config', sys.argv[1]]); "
            "print(code, 'textstat' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code, str(built_copy.config)], capture_output=True, text=True,
                         cwd=built_copy.root, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert run.stdout.split()[-2:] == ["0", "False"], run.stderr
    long_paragraph(built_copy)
    run = subprocess.run([sys.executable, "-c", code, str(built_copy.config)], capture_output=True, text=True,
                         cwd=built_copy.root, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert run.stdout.split()[-2:] == ["0", "True"], run.stderr


def test_tables_headings_figures_and_call_out_titles_are_not_sentences():
    lines = list(enumerate([
        "Some prose here. Another sentence", "",
        "| Bring | Why |", "| --- | --- |", "| A list of your medicines | We check that the scan is safe for you |", "",
        "### A sub-heading", "", '![A picture](x.png "Its caption is not a sentence")', "",
        '!!! tip "A call-out title"', "    The call-out's words are prose.", "",
        "- [ ] Each checklist item is its own unit",
        "- and so is each list item",
    ], start=1))
    assert sentences(lines) == [(1, "Some prose here."), (1, "Another sentence"),
                                (12, "The call-out's words are prose."),
                                (14, "Each checklist item is its own unit"), (15, "and so is each list item")]


def test_each_element_of_a_raw_html_list_ends_a_sentence():
    lines = [(1, "<ul><li>Bring this letter with you</li><li>Bring a list of your medicines</li></ul>"),
             (2, "<figure><img src='x' alt='y'><figcaption>Not a sentence</figcaption></figure>")]
    assert sentences(lines) == [(1, "Bring this letter with you"), (1, "Bring a list of your medicines")]
