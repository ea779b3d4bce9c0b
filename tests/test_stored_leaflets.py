"""A parsed leaflet as JSON and back (content/stored.py): the same leaflet, whatever its shape."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PROJECT, SITES
from leafpress.config import load_config
from leafpress.content.body import scan_body
from leafpress.content.load import discover, load_leaflet
from leafpress.content.stored import leaflet_from_json, leaflet_json
from leafpress.model import Section

SITE_CONFIGS = [PROJECT / "site.toml", *sorted(SITES.glob("*/site.toml"))]


def _round_trip(leaflet):
    return leaflet_from_json(json.loads(json.dumps(leaflet_json(leaflet), ensure_ascii=False)))


def _leaflets(config_path: Path):
    config = load_config(config_path)
    for lang, by_slug in discover(config).items():
        for path in by_slug.values():
            yield load_leaflet(path, lang, config)


@pytest.mark.parametrize("config_path", SITE_CONFIGS, ids=lambda path: path.parent.name)
def test_every_sample_leaflet_comes_back_the_same(config_path):
    leaflets = list(_leaflets(config_path))
    assert leaflets
    for leaflet in leaflets:
        assert _round_trip(leaflet) == leaflet, leaflet.shown_path
        # Each section's text is cut from the body again, not stored twice.
        assert all("text" not in section for section in leaflet_json(leaflet)["sections"]), leaflet.shown_path


def test_a_section_text_the_body_does_not_give_is_stored_as_it_is():
    leaflet = next(_leaflets(PROJECT / "site.toml"))
    first = leaflet.sections[0]
    changed = dataclasses.replace(leaflet, sections=(Section(first.id, first.title, first.line, "Other words."),
                                                     *leaflet.sections[1:]))
    assert leaflet_json(changed)["sections"][0]["text"] == "Other words."
    assert _round_trip(changed) == changed


LINE = st.one_of(
    st.text(alphabet=st.sampled_from("ab ,.\t-*"), max_size=12),
    st.builds(lambda title, ident: f"## {title} {{#{ident}}}", st.text(alphabet="Abc ", min_size=1, max_size=8),
              st.text(alphabet="xyz", min_size=1, max_size=4)),
    st.just(""), st.just("   "), st.just("[[stages]]"),
)


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(LINE, max_size=25), body_line=st.integers(min_value=1, max_value=60))
def test_any_body_comes_back_with_the_same_sections(lines, body_line):
    leaflet = next(_leaflets(PROJECT / "site.toml"))
    body = "\n".join(lines)
    scanned = scan_body(body, body_line, leaflet.shown_path, leaflet.path.parent, leaflet.path.parent.parent, None,
                        [], check_images=False)
    shaped = dataclasses.replace(leaflet, body=body, body_line=body_line, sections=scanned.sections)
    assert _round_trip(shaped) == shaped
