"""The one parts splitter: the pieces every comparison of a translation with its source uses."""

from __future__ import annotations

import hashlib
import re

from hypothesis import given, strategies as st

from leafpress.config import load_config
from leafpress.content.load import load_all
from leafpress.content.parts import fingerprint, fingerprints, group_texts, parts

EN = "content/en/sample.md"


def leaflet(site, lang="en"):
    return next(doc for doc in load_all(load_config(site.config)) if doc.lang == lang)


def test_parts_in_file_order_with_their_groups_and_lines(basic):
    found = [(part.name, part.group, part.line) for part in parts(leaflet(basic))]
    assert found == [("title", "title", 2), ("summary", "title", 3), ("stage-1", "stages", 13),
                     ("stage-2", "stages", 18), ("intro", "intro", 24), ("section:what-is-it", "what-is-it", 27),
                     ("section:treatment", "treatment", 31)]


def test_a_body_that_starts_with_a_heading_has_no_intro(basic, capsys):
    """Defect A: the intro was looked for with body.find('\\n## '), which misses a heading on the first line."""
    text = basic.read(EN)
    start = text.index("An introduction")
    basic.write(EN, text[:start].rstrip("\n") + "\n" + text[text.index("## What is it?"):])
    doc = leaflet(basic)
    assert doc.body.startswith("## What is it?")
    assert "intro" not in group_texts(doc)
    assert [part.name for part in parts(doc) if part.group == "intro"] == []
    assert set(fingerprints(doc)) == {"title", "stages", "what-is-it", "treatment"}


def test_fingerprints_ignore_wrapping_and_blank_lines(basic):
    before = fingerprints(leaflet(basic))
    basic.replace(EN, "Some text about it.", "Some text\nabout   it.\n\n")
    assert fingerprints(leaflet(basic)) == before
    basic.replace(EN, "Some text\nabout", "Some words\nabout")
    changed = fingerprints(leaflet(basic))
    assert {name for name in before if before[name] != changed[name]} == {"what-is-it"}


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000")))
def test_fingerprint_folds_whitespace_as_the_recorded_prints_did(text):
    # Translations on disk record prints made with re.sub(r"\s+", " "): the faster fold must match it.
    recorded = hashlib.sha256(re.sub(r"\s+", " ", text).strip().encode("utf-8")).hexdigest()[:8]
    assert fingerprint(text) == recorded
