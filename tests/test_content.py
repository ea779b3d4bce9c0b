"""Loading content files: the data model, sections, and body checks."""

from __future__ import annotations

from datetime import date

import pytest

from leafpress.config import load_config
from leafpress.content.load import load_all
from leafpress.errors import ContentError

EN = "content/en/sample.md"


def load(site):
    return {(doc.lang, doc.slug): doc for doc in load_all(load_config(site.config, site.root), site.root)}


def test_model_is_filled_from_front_matter(basic):
    doc = load(basic)[("en", "sample")]
    assert (doc.title, doc.leaflet_id, doc.version, doc.status) == ("Sample leaflet", "TST-001", "2.10", "draft")
    assert (doc.published, doc.next_review) == (date(2026, 1, 15), date(2027, 1, 15))
    assert [s.name for s in doc.stages] == ["Stage one", "Stage two"]
    assert doc.stages[1].treatments == ("Exercise", "Baclofen")
    assert doc.stages[1].line == 18
    assert [(s.id, s.title, s.line) for s in doc.sections] == [
        ("what-is-it", "What is it?", 27), ("treatment", "Treatment", 31)]
    assert doc.body_line == 24


def errors(site):
    with pytest.raises(ContentError) as caught:
        load(site)
    return [str(d) for d in caught.value.diagnostics]


def test_section_headings_need_a_stable_id(basic):
    basic.replace(EN, "## Treatment {#treatment}", "## Treatment")
    assert errors(basic) == [f"{EN}:31: section heading 'Treatment' needs an id that stays the same in "
                             "every language: add {#some-id} at its end"]


def test_section_ids_are_unique(basic):
    basic.replace(EN, "{#treatment}", "{#what-is-it}")
    assert errors(basic) == [f"{EN}:31: section id 'what-is-it' is already used on line 27"]


def test_stage_marker_only_once(basic):
    basic.replace(EN, "After the *table*.", "[[stages]]")
    assert errors(basic) == [f"{EN}:37: '[[stages]]' appears more than once"]


def test_review_date_after_publication(basic):
    basic.replace(EN, "next_review: 2027-01-15", "next_review: 2025-01-15")
    assert errors(basic) == [f"{EN}:8: 'next_review' must be after 'published'"]


def test_bad_file_names(basic):
    basic.write("content/en/Bad Name.md", basic.read(EN))
    assert errors(basic) == ["content/en/Bad Name.md: file names must be lower-case words joined by '-', "
                             "like 'back-pain.md'"]
