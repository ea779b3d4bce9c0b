"""Cross-file checks between a leaflet and its translations."""

from __future__ import annotations

import pytest

from leafpress.config import load_config
from leafpress.content.load import load_all
from leafpress.errors import ContentError
from leafpress.checks.crossfile import validate


def run(site):
    config = load_config(site.config, site.root)
    return validate(load_all(config, site.root), config)


def test_site_is_grouped_in_language_order(basic):
    site, warnings = run(basic)
    assert list(site.leaflets) == ["sample"] and list(site.leaflets["sample"]) == ["en", "ru"]
    assert warnings == []


def test_translation_must_keep_the_leaflet_id(basic):
    basic.replace("content/ru/sample.md", "leaflet_id: TST-001", "leaflet_id: TST-002")
    with pytest.raises(ContentError) as caught:
        run(basic)
    assert str(caught.value) == ("content/ru/sample.md:4: leaflet_id 'TST-002' differs from the source's "
                                 "'TST-001' (content/en/sample.md)")


def test_translation_without_source(basic):
    basic.write("content/ru/orphan.md", basic.read("content/ru/sample.md").replace("TST-001", "TST-009"))
    with pytest.raises(ContentError) as caught:
        run(basic)
    assert str(caught.value) == "content/ru/orphan.md:1: no source-language version: expected content/en/orphan.md"


def test_two_leaflets_cannot_share_an_id(basic):
    basic.write("content/en/other.md", basic.read("content/en/sample.md"))
    with pytest.raises(ContentError) as caught:
        run(basic)
    assert str(caught.value) == ("content/en/sample.md:4: leaflet_id 'TST-001' is also used by "
                                 "content/en/other.md")
