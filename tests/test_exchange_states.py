"""Unit states, staleness, the import's own checks and the translator's notes, in XLIFF and PO
(test_exchange.py has the round trip; test_cat_tools.py runs the outside tools)."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

import pytest

from conftest import Site, copy_site
from test_exchange import SLUG, XLIFF, contents, export, real  # noqa: F401 - the `real` fixture

UNIT = f"{{{XLIFF}}}trans-unit"


def units(path) -> dict[str, ElementTree.Element]:
    return {unit.get("id"): unit for unit in ElementTree.parse(path).getroot().iter(UNIT)}


def target_state(unit: ElementTree.Element) -> str | None:
    target = unit.find(f"{{{XLIFF}}}target")
    return None if target is None else target.get("state")


def test_every_unit_of_a_current_translation_is_translated_and_approved(real):
    found = units(export(real, "ru", "xliff"))
    assert found and {target_state(unit) for unit in found.values()} == {"translated"}
    assert {unit.get("approved") for unit in found.values()} == {"yes"}


def test_an_approved_translation_is_final(real):
    real.replace(f"content/ru/{SLUG}.md", "status: draft", "status: approved")
    found = units(export(real, "ru", "xliff"))
    assert {target_state(unit) for unit in found.values()} == {"final"}


def test_a_new_language_has_empty_new_targets_and_the_english_as_source(real, capsys):
    assert real.run("new-language", "de") == 0
    found = units(export(real, "de", "xliff"))
    assert {target_state(unit) for unit in found.values()} == {"new"}
    assert all((unit.find(f"{{{XLIFF}}}target").text or "") == "" for unit in found.values())
    assert found["title"].find(f"{{{XLIFF}}}source").text == "Subchondral sclerosis of the spine"
    po = export(real, "de", "po").read_text(encoding="utf-8")
    assert 'msgctxt "title"\nmsgid "Subchondral sclerosis of the spine"\nmsgstr ""' in po


def test_one_word_changed_makes_exactly_one_unit_stale_with_its_previous_source(real, capsys):
    real.replace(f"content/en/{SLUG}.md", "Treatment is mostly **conservative**", "Treatment is usually **conservative**")
    found = units(export(real, "ru", "xliff"))
    stale = sorted(unit_id for unit_id, unit in found.items() if target_state(unit) == "needs-review-translation")
    assert stale == ["treatment/p1"]
    previous = found["treatment/p1"].find(f"{{{XLIFF}}}alt-trans/{{{XLIFF}}}source").text
    assert previous.startswith("Treatment is mostly conservative.") and "*" not in previous
    capsys.readouterr()
    assert real.run("status", "--json") == 0
    ru = next(row for row in json.loads(capsys.readouterr().out) if row["language"] == "ru" and row["leaflet"] == SLUG)
    from translate.tools.pocount import wordcount

    english = "".join(found["treatment/p1"].find(f"{{{XLIFF}}}source").itertext())
    assert ru["words"] == {"new": 0, "stale": wordcount(english), "translated": 866 - wordcount(english)}


def test_status_counts_words_by_state_as_pocount_does(real, capsys):
    assert real.run("status") == 0
    out = capsys.readouterr().out
    assert "words new/stale/translated" in out.splitlines()[0]
    assert re.search(rf"^{SLUG}\s+ru\s+up to date\s+0/0/866\s", out, re.M)


def edit_target(path, unit_id: str, content: str, state: str | None = "translated") -> None:
    """Give a unit a new target: `content` is the XML inside <target>, placeholders and all."""
    tree = ElementTree.parse(path)
    ElementTree.register_namespace("", XLIFF)
    unit = next(u for u in tree.getroot().iter(UNIT) if u.get("id") == unit_id)
    target = unit.find(f"{{{XLIFF}}}target")
    new = ElementTree.fromstring(f'<target xmlns="{XLIFF}">{content}</target>')
    target.text, target[:] = new.text, list(new)
    target.attrib.pop("state", None)
    if state:
        target.set("state", state)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def test_an_english_sentence_left_in_a_target_is_refused_naming_the_unit(real, capsys):
    path = export(real, "ru", "xliff")
    before = contents(real)
    english = "".join(units(path)["treatment/p1"].find(f"{{{XLIFF}}}source").itertext())
    left = re.split(r"(?<=\.) ", english)[1]  # its second sentence, as a CAT tool's segment left untranslated
    assert len(left.split()) >= 4
    edit_target(path, "treatment/p1", f'Лечение обычно <g id="1">консервативное</g>. {left}')
    assert real.run("import", str(path)) == 1
    error = capsys.readouterr().err
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if 'id="treatment/p1"' in text)
    assert error.splitlines() == [f"exchange/{SLUG}.ru.xlf:{line}: unit 'treatment/p1': the translation still holds the "
                                  f"English sentence \"{left}\"; translate it, or leave the unit empty",
                                  "leafpress: 1 error; nothing was written"]
    assert contents(real) == before


def test_a_target_identical_to_its_source_is_untranslated_with_a_warning(real, capsys):
    assert real.run("new-language", "de") == 0
    path = export(real, "de", "xliff")
    xml = path.read_text(encoding="utf-8")
    english = "Subchondral sclerosis of the spine"
    path.write_text(xml.replace(f"<source>{english}</source>\n        <target state=\"new\"/>",
                                f"<source>{english}</source>\n        <target state=\"translated\">{english}</target>"),
                    encoding="utf-8")
    before = contents(real)
    capsys.readouterr()
    assert real.run("import", str(path)) == 0
    captured = capsys.readouterr()
    assert f"exchange/{SLUG}.de.xlf: warning: unit 'title': the translation is the English text; it was left " \
           "untranslated" in captured.err
    assert contents(real) == before


def test_new_targets_holding_the_english_leave_a_new_language_missing(real, capsys):
    """A tool that copies the source into every target and leaves state="new" has translated nothing."""
    assert real.run("new-language", "de") == 0
    path = export(real, "de", "xliff")
    tree = ElementTree.parse(path)
    ElementTree.register_namespace("", XLIFF)
    for unit in tree.getroot().iter(UNIT):
        target = unit.find(f"{{{XLIFF}}}target")
        source = unit.find(f"{{{XLIFF}}}source")
        target.text, target[:] = source.text, list(source)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    assert real.run("import", str(path)) == 0
    capsys.readouterr()
    real.run("status", "--json")
    de = next(row for row in json.loads(capsys.readouterr().out) if row["language"] == "de" and row["leaflet"] == SLUG)
    assert de["state"] == "missing"


@pytest.mark.parametrize("declared, message", [
    ('target-language="es"', "the file's target language is 'es', but its name says 'ru'"),
    ('source-language="fr"', "the file's source language is 'fr', but the site's source is 'en'"),
])
def test_a_file_whose_languages_do_not_match_is_refused(real, capsys, declared, message):
    path = export(real, "ru", "xliff")
    xml = path.read_text(encoding="utf-8")
    attribute = declared.split("=")[0]
    path.write_text(re.sub(rf'{attribute}="[^"]*"', declared, xml, count=1), encoding="utf-8")
    before = contents(real)
    assert real.run("import", str(path)) == 1
    assert capsys.readouterr().err.strip().splitlines()[0].startswith(f"exchange/{SLUG}.ru.xlf: {message}")
    assert contents(real) == before


def test_a_po_whose_language_header_does_not_match_is_refused(real, capsys):
    path = export(real, "ru", "po")
    path.write_text(path.read_text(encoding="utf-8").replace('"Language: ru\\n"', '"Language: es\\n"'),
                    encoding="utf-8")
    assert real.run("import", str(path)) == 1
    assert "the file's target language is 'es', but its name says 'ru'" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_the_arabic_unit_with_an_allowance_comment_can_be_edited(real, capsys, fmt):
    path = export(real, "ar", fmt)
    text = path.read_text(encoding="utf-8")
    assert "leafpress: allow" not in text  # the comment stays out of the translatable text
    unit_id = next(unit.id for unit in _ar_units(real) if "leafpress: allow" in unit.text)
    old = next(unit.text for unit in _ar_units(real) if unit.id == unit_id).split(" <!--")[0]
    new = old.replace("؛", "")
    if fmt == "xliff":
        found = units(path)[unit_id].find(f"{{{XLIFF}}}target")
        inner = (found.text or "") + "".join(ElementTree.tostring(child, encoding="unicode") for child in found)
        edit_target(path, unit_id, inner.replace(f' xmlns:ns0="{XLIFF}"', "").replace("ns0:", "").replace("؛", ""))
    else:
        path.write_text(text.replace(f'msgstr "{_po_form(old)}"', f'msgstr "{_po_form(new)}"'), encoding="utf-8")
    assert real.run("import", str(path)) == 0, capsys.readouterr().err
    written = next(unit.text for unit in _ar_units(real) if unit.id == unit_id)
    assert written.startswith(new) and "<!-- leafpress: allow numbers" in written


def _ar_units(site: Site):
    from leafpress.translation.segments import units_of

    return units_of(site.read(f"content/ar/{SLUG}.md"))


def _po_form(markdown: str) -> str:
    from leafpress.translation import inline

    return inline.to_po(inline.parse(markdown)).replace('"', '\\"')


def test_every_unit_says_where_it_is_and_what_it_is(real):
    found = units(export(real, "ru", "xliff"))
    notes = {unit_id: unit.find(f"{{{XLIFF}}}note").text for unit_id, unit in found.items()}
    assert notes["title"].startswith("Section: Title and summary. Kind: leaflet title. Source: content/en/")
    heading = next(text for unit_id, text in notes.items() if unit_id == "treatment/p1")
    assert heading.startswith("Section: How is it treated?. Kind: paragraph. Source: content/en/" f"{SLUG}.md:")
    kinds = {re.search(r"Kind: ([^.]+)\.", text).group(1) for text in notes.values()}
    assert {"heading", "paragraph", "list item", "stage table: a stage's name (row header cell)"} <= kinds
    name = found["stage-1/name"]
    assert name.get("size-unit") == "char" and int(name.get("maxwidth")) >= 12
    assert "Keep it short: at most about" in notes["stage-1/name"]
    po = export(real, "ru", "po").read_text(encoding="utf-8")
    assert "#. Section: Title and summary. Kind: leaflet title." in po


def test_the_clinic_sites_units_name_their_kinds(tmp_path, capsys):
    site = copy_site("clinic", tmp_path / "clinic")
    out = tmp_path / "exchange"
    assert site.run("export", "es", "-o", str(out)) == 0
    kinds = set()
    for path in out.glob("*.xlf"):
        for unit in units(path).values():
            kinds.add(re.search(r"Kind: ([^.]+)\.", unit.find(f"{{{XLIFF}}}note").text).group(1))
    assert {"checklist item", "caption", "call-out title", "table header cell", "table cell"} <= kinds
    assert any(kind.startswith("alt text") for kind in kinds)
    assert any(kind.endswith("in a call-out") for kind in kinds)


def test_the_side_by_side_page_names_exactly_the_stale_unit(real):
    from html.parser import HTMLParser

    from leafpress.config import load_config
    from leafpress.translation.side_by_side import translator_page

    real.replace(f"content/en/{SLUG}.md", "Treatment is mostly **conservative**", "Treatment is usually **conservative**")
    page = translator_page(load_config(real.config), "ru", SLUG)

    class Items(HTMLParser):
        inside, items = False, []

        def handle_starttag(self, tag, attrs):
            self.inside = self.inside or ("class", "stale-units") in attrs

        def handle_endtag(self, tag):
            self.inside = self.inside and tag != "ul"

        def handle_data(self, data):
            if self.inside and data.strip():
                self.items.append(data.strip())

    parser = Items()
    parser.feed(page)
    assert len(parser.items) == 1
    assert parser.items[0].startswith("To review: treatment/p1: Treatment is usually conservative.")


def test_status_diff_names_the_units_to_review(real, capsys):
    real.replace(f"content/en/{SLUG}.md", "Treatment is mostly **conservative**", "Treatment is usually **conservative**")
    capsys.readouterr()
    assert real.run("status", "--diff") == 0
    out = capsys.readouterr().out
    assert out.count("    units to review: treatment/p1\n") == 3  # ru, es and ar
    assert "units to review: treatment/p1," not in out
