"""An import may change words, never the leaflet's structure or facts: headings, ids, markers, images,
links, phone numbers and e-mail addresses stay as the source unit has them; each attempt is an error
naming the unit and its line in the exchange file, and nothing is written."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_exchange import SLUG, at, contents, export, fails_cleanly_content, real  # noqa: F401 - the fixture
from test_exchange_states import edit_target


@pytest.mark.parametrize("unit_id, target, message", [
    ("symptoms/heading", "Какие симптомы? {#evil}", "the translation adds an {#id} that its source does not have"),
    ("symptoms/p1", "## Новый раздел", "the translation adds a heading that its source does not have"),
    ("what-is-it/li3", "старой травмы, см. [сайт](https://evil.example/)",
     "the translation adds a link that its source does not have"),
    ("what-is-it/li3", "старой травмы; звоните +7 495 123-45-67", "the translation adds a phone number that its "
                                                                  "source does not have"),
    ("what-is-it/li3", "старой травмы; пишите evil@example.org", "the translation adds an e-mail address that "
                                                                "its source does not have"),
    ("what-is-it/li3", "старой травмы ![](../en/images/x.png)", "the translation adds an image that its source "
                                                               "does not have"),
    ("what-is-it/li3", "старой травмы [[stages]]", "the translation adds a stage-table marker that its source "
                                                  "does not have"),
    ("what-is-it/li3", "старой <b onclick=x>травмы</b>", "the translation adds an HTML tag that its source does "
                                                        "not have"),
])
def test_a_target_that_changes_the_structure_is_refused(real, capsys, unit_id, target, message):
    path = export(real, "ru", "xliff")
    from xml.sax.saxutils import escape

    if unit_id == "symptoms/p1":  # the source's bold words are a placeholder: keep it
        edit_target(path, unit_id, f'{escape(target)} <g id="1">Вначале симптомов нет.</g>')
    else:
        edit_target(path, unit_id, escape(target))
    text = path.read_text(encoding="utf-8")
    full = f"unit '{unit_id}': {message}; translate the words only"
    fails_cleanly_content(real, capsys, [f"exchange/{SLUG}.ru.xlf{at(text, full)}: {full}"], str(path))


def test_a_duplicate_unit_is_refused(real, capsys):
    path = export(real, "ru", "po")
    po = path.read_text(encoding="utf-8")
    entry = re.search(r'\n(#[^\n]*\n)*msgctxt "what-is-it/li3"\n(.*\n)*?\n', po).group()
    path.write_text(po + entry, encoding="utf-8")
    before = contents(real)
    assert real.run("import", str(path)) == 1
    err = capsys.readouterr().err
    assert "unit 'what-is-it/li3': appears more than once; export again" in err
    assert contents(real) == before


def test_a_plural_entry_is_refused(real, capsys):
    path = export(real, "ru", "po")
    po = path.read_text(encoding="utf-8")
    old = re.search(r'msgctxt "what-is-it/li3"\nmsgid "([^"]*)"\nmsgstr "([^"]*)"', po)
    plural = (f'msgctxt "what-is-it/li3"\nmsgid "{old.group(1)}"\nmsgid_plural "{old.group(1)}s"\n'
              f'msgstr[0] "{old.group(2)}"\nmsgstr[1] "{old.group(2)}"\nmsgstr[2] "{old.group(2)}"')
    path.write_text(po.replace(old.group(), plural), encoding="utf-8")
    before = contents(real)
    assert real.run("import", str(path)) == 1
    assert "unit 'what-is-it/li3': has plural forms, which its source does not; export again" in \
        capsys.readouterr().err
    assert contents(real) == before


def test_an_xliff_with_entities_is_refused_cleanly(real, capsys):
    path = export(real, "ru", "xliff")
    xml = path.read_text(encoding="utf-8")
    xml = xml.replace('<?xml version="1.0" encoding="UTF-8"?>',
                      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE xliff [<!ENTITY e "evil">]>')
    path.write_text(xml.replace(">Ишиас<", ">&e;<").replace("старой травмы.", "&e;"), encoding="utf-8")
    before = contents(real)
    assert real.run("import", str(path)) == 1
    err = capsys.readouterr().err
    assert f"exchange/{SLUG}.ru.xlf:1: the file declares a DOCTYPE or entities" in err
    assert "cannot read" not in err and contents(real) == before


def test_errors_are_capped_and_each_names_its_line(real, capsys):
    path = export(real, "ru", "po")
    po = path.read_text(encoding="utf-8")
    broken = re.sub(r'msgctxt "([^"]+)"', lambda m: f'msgctxt "{m.group(1)}-x"', po)
    extra = "".join(f'\nmsgctxt "bogus-{n}"\nmsgid "x"\nmsgstr "y"\n' for n in range(150))
    path.write_text(broken + extra, encoding="utf-8")
    before = contents(real)
    assert real.run("import", str(path)) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 100 + 2  # the first hundred, how many more, the summary
    assert re.fullmatch(r"exchange/\S+\.ru\.po: and [\d,]+ more", lines[100].replace(str(real.root) + "/", ""))
    more = int(re.search(r"and ([\d,]+) more", lines[100]).group(1).replace(",", ""))
    assert lines[101] == f"leafpress: {100 + more} errors; nothing was written"
    named = [line for line in lines[:100] if "is not in the current source" in line]
    assert named and all(re.search(r"\.po:\d+: unit '", line) for line in named)
    assert contents(real) == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1,
                     max_size=40).map(lambda t: " ".join(t.split())).filter(bool)
       | st.sampled_from(["Ишиас:", "yes", "null", "1.0", "~", "a: b", "#tag", "- item", "2027-01-01", "@x", "'q'"]))
def test_any_title_is_written_back_as_yaml_that_reads_as_written(real, title):
    """Titles and other front-matter values round-trip through the YAML loader, whatever they hold."""
    from leafpress.translation.segments import rewrite, units_of

    text = real.read(f"content/ru/{SLUG}.md")
    rewritten = rewrite(text, {"title": title})
    assert {u.id: u.text for u in units_of(rewritten)}["title"] == title


def test_an_import_that_would_break_the_site_writes_nothing(real, capsys):
    """The whole site is checked as the import would leave it: here a character no bundled font draws."""
    path = export(real, "ru", "xliff")
    edit_target(path, "what-is-it/li3", "старой травмы 中")
    before = contents(real)
    assert real.run("import", str(path)) == 1
    err = capsys.readouterr().err
    assert f"content/ru/{SLUG}.md:" in err and "中" in err
    assert "(as the import would leave it; nothing was written)" in err
    assert contents(real) == before
