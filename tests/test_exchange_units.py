"""Every word a patient reads is a translation unit: sub-headings, call-outs, captions, alt text, checklist
items, table cells and the text of raw HTML, on the clinic site's leaflets (see test_exchange.py for the rest)."""

from __future__ import annotations

import re

import pytest
from translate.storage import factory

from conftest import copy_site


@pytest.fixture
def clinic(tmp_path):
    return copy_site("clinic", tmp_path / "clinic")


def export(site, lang: str, fmt: str, slug: str):
    out = site.root / "exchange"
    assert site.run("export", lang, "--format", fmt, "--leaflet", slug, "-o", str(out)) == 0
    return out / f"{slug}.{lang}.{'xlf' if fmt == 'xliff' else 'po'}"


def units(path) -> dict[str, object]:
    store = factory.getobject(str(path))
    return {(unit.xmlelement.get("id") if path.suffix == ".xlf" else unit.getcontext()): unit
            for unit in store.units if not unit.isheader()}


def test_every_kind_of_text_is_a_unit(clinic):
    found = units(export(clinic, "es", "xliff", "back-exercises"))
    for unit_id in ("stage-table/caption", "stage-table/column-1", "stage-table/column-3",
                    "intro/callout1-title", "intro/callout1-p1", "exercises/h1", "exercises/h8",
                    "exercises/fig1-alt", "exercises/fig1-caption", "exercises/fig8-caption",
                    "exercises/callout1-title", "exercises/callout1-p1", "notes/p1"):
        assert unit_id in found, unit_id
    assert found["exercises/fig1-caption"].source == "Exercise 1: knee to chest"
    assert found["exercises/fig1-caption"].target == "Ejercicio 1: rodilla al pecho"
    assert found["exercises/fig1-alt"].target.startswith("Una persona tumbada boca arriba")
    mri = units(export(clinic, "ar", "po", "mri-scan"))
    assert mri["before/li1"].source == "Fill in the safety form we sent you."  # a checklist item, without its box
    assert mri["bring/table1-r1-c1"].source == "Bring" and mri["bring/table1-r5-c2"].source == "You may have to wait a little."
    assert mri["before/callout1-title"].target == "أخبرنا إن كان في جسمك معدن"
    assert mri["intro/fig1-caption"].source.startswith("The scanner is a short tunnel.")


def test_the_text_of_raw_html_is_a_unit_too(clinic):
    clinic.write("content/es/nsaids-safely.md", clinic.read("content/en/nsaids-safely.md"))
    found = units(export(clinic, "es", "po", "nsaids-safely"))
    texts = [unit.source for unit_id, unit in found.items() if unit_id.startswith("more/html1-")]
    assert texts == ["Keep all medicines out of the sight and reach of", "children", "."]


@pytest.mark.parametrize("fmt", ["xliff", "po"])
@pytest.mark.parametrize("lang, slug", [("es", "back-exercises"), ("es", "mri-scan"), ("ar", "mri-scan")])
def test_an_unchanged_export_imports_byte_identically_also_after_translate_toolkit_rewrites_it(clinic, fmt, lang,
                                                                                              slug):
    before = clinic.read(f"content/{lang}/{slug}.md")
    path = export(clinic, lang, fmt, slug)
    original = path.read_bytes()
    store = factory.getobject(str(path))
    assert bytes(store) == original  # translate-toolkit writes back exactly what Leafpress wrote
    assert clinic.run("import", str(path)) == 0
    assert clinic.read(f"content/{lang}/{slug}.md") == before


def stale_units(path) -> list[str]:
    if path.suffix == ".po":
        return sorted(unit_id for unit_id, unit in units(path).items() if unit.isfuzzy())
    xml = path.read_text(encoding="utf-8")
    return sorted(re.findall(r'<trans-unit [^>]*id="([^"]+)"[^>]*>(?:(?!</trans-unit>).)*needs-review-translation',
                             xml, flags=re.S))


@pytest.mark.parametrize("fmt", ["xliff", "po"])
@pytest.mark.parametrize("old, new, unit_id", [
    ('"Exercise 3: bridge"', '"Exercise 3: the bridge"', "exercises/fig3-caption"),
    ("Do your exercises at the same time each day", "Do your exercises at the same time every day",
     "exercises/callout1-p1"),
    ('!!! urgent "Stop and get help"', '!!! urgent "Stop now and get help"', "intro/callout1-title"),
    ("A person lying on their front, propped up", "A person lying face down, propped up", "exercises/fig7-alt"),
])
def test_a_changed_caption_or_call_out_makes_exactly_that_unit_stale(clinic, fmt, old, new, unit_id):
    clinic.replace("content/en/back-exercises.md", old, new)
    assert stale_units(export(clinic, "es", fmt, "back-exercises")) == [unit_id]
