"""Readability per language: textstat's formulas on texts whose scores are worked out by hand."""

from __future__ import annotations

import pytest

from conftest import copy_site
from leafpress import content
from leafpress.checks.readability import measure, section_warnings, sentences
from leafpress.config import load_config


def test_english_flesch_on_a_text_scored_by_hand():
    # 6 words, 1 sentence, 6 syllables: 206.835 - 1.015*6 - 84.6*1 and 0.39*6 + 11.8*1 - 15.59.
    figures = measure(["The cat sat on the mat."], "en")
    assert figures.score == pytest.approx(116.145) and figures.grade == pytest.approx(-1.45)
    # 'medicine' has 3 syllables in the CMU dictionary: 206.835 - 1.015*3 - 84.6*(5/3).
    assert measure(["Take your medicine."], "en").score == pytest.approx(206.835 - 3.045 - 141.0)


def test_spanish_fernandez_huerta_on_a_text_scored_by_hand():
    # el(1) ga-to(2) co-me(2): 5 syllables, 3 words: 206.84 - 60*5/3 - 1.02*3.
    assert measure(["El gato come."], "es").score == pytest.approx(103.78)


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
    assert [str(w) for w in section_warnings(leaflet, 20, 0, 99, strict=False)] == [
        "content/en/sample.md:27: warning: hard to read: section 'what-is-it' has 1 sentence over 20 words; "
        "longest sentences: line 30 (25 words)"]
