"""Round trip through CAT tools: export to XLIFF 1.2 and PO, import back into Markdown, byte for byte."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PROJECT, TEMPLATES, Site, copy_site

XLIFF = "urn:oasis:names:tc:xliff:document:1.2"
SLUG = "subchondral-sclerosis"
LANGUAGES = ("ru", "es", "ar")


@pytest.fixture
def real(tmp_path) -> Site:
    """A private copy of the project's real content."""
    root = tmp_path / "real"
    shutil.copytree(PROJECT / "content", root / "content")
    text = (PROJECT / "site.toml").read_text().replace('templates = "templates"', f'templates = "{TEMPLATES}"')
    (root / "site.toml").write_text(text)
    return Site(root)


def contents(site: Site) -> dict[str, bytes]:
    return {p.relative_to(site.root).as_posix(): p.read_bytes() for p in sorted(site.path("content").rglob("*"))
            if p.is_file()}


def export(site: Site, lang: str, fmt: str) -> Path:
    out = site.root / "exchange"
    assert site.run("export", lang, "--format", fmt, "-o", str(out)) == 0
    return out / f"{SLUG}.{lang}.{'xlf' if fmt == 'xliff' else 'po'}"


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_an_unchanged_file_imports_to_byte_identical_content(real, capsys, fmt):
    before = contents(real)
    for lang in LANGUAGES:
        path = export(real, lang, fmt)
        assert real.run("import", str(path)) == 0
    assert contents(real) == before
    assert "leafpress: 0 files changed" in capsys.readouterr().out


def test_one_changed_target_changes_only_that_sentence(real):
    path = export(real, "ru", "xliff")
    old = "скованность, трудно поворачиваться и наклоняться;"
    xml = path.read_text(encoding="utf-8")
    assert xml.count(f'<target state="translated">{old}</target>') == 1
    path.write_text(xml.replace(f">{old}<", ">скованность в спине;<"), encoding="utf-8")
    before = real.read(f"content/ru/{SLUG}.md").splitlines()
    assert real.run("import", str(path)) == 0
    after = real.read(f"content/ru/{SLUG}.md").splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and changed == [(f"- {old}", "- скованность в спине;")]


def test_placeholders_protect_inline_markdown_and_come_back_as_markdown(real):
    path = export(real, "ru", "po")
    po = path.read_text(encoding="utf-8")
    assert 'msgid "In the early stages there are often no symptoms.' not in po  # bold is a tag, not asterisks
    assert re.search(r'msgctxt "symptoms/p1"\nmsgid ""\n"<1>In the early stages there are often no symptoms\.</1>', po)
    po = po.replace("<1>На ранних стадиях симптомов часто нет.</1>", "<1>Вначале симптомов часто нет.</1>")
    path.write_text(po, encoding="utf-8")
    assert real.run("import", str(path)) == 0
    assert "**Вначале симптомов часто нет.**" in real.read(f"content/ru/{SLUG}.md")


@pytest.mark.parametrize("damage, message", [
    (lambda x: x.replace('id="symptoms/li2"', 'id="symptoms/li99"'),
     ["unit 'symptoms/li2': is missing from the file; export again",
      "unit 'symptoms/li99': is not in the current source: a unit id was changed, or the source has changed; "
      "export again"]),
    (lambda x: x.replace('<target state="translated"><g id="1">На ранних стадиях симптомов часто нет.</g>',
                         '<target state="translated">На ранних стадиях симптомов часто нет.'),
     ["unit 'symptoms/p1': placeholder 1 of the source missing from the translation"]),
])
def test_a_tampered_unit_id_or_a_deleted_placeholder_is_refused_and_nothing_is_written(real, capsys, damage,
                                                                                       message):
    path = export(real, "ru", "xliff")
    xml = path.read_text(encoding="utf-8")
    assert damage(xml) != xml
    path.write_text(damage(xml), encoding="utf-8")
    fails_cleanly_content(real, capsys, [f"exchange/{SLUG}.ru.xlf{at(damage(xml), m)}: {m}" for m in message],
                          str(path))


def at(text: str, message: str) -> str:
    """':N', the line of the unit a message names in an exchange file, or '' where it is not in the file."""
    unit_id = re.match(r"unit '([^']+)'", message).group(1)
    for number, line in enumerate(text.splitlines(), start=1):
        if f'id="{unit_id}"' in line or line == f'msgctxt "{unit_id}"':
            return f":{number}"
    return ""


def fails_cleanly_content(site: Site, capsys, expected: list[str], *files: str) -> None:
    before = contents(site)
    capsys.readouterr()
    assert site.run("import", *files) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("leafpress:")]
    assert [line.replace(str(site.root) + "/", "") for line in errors] == expected
    assert contents(site) == before


def test_stale_units_carry_the_previous_source_and_need_review(real, capsys):
    real.replace(f"content/en/{SLUG}.md", "Treatment is mostly **conservative**", "Treatment is usually **conservative**")
    po = export(real, "ru", "po").read_text(encoding="utf-8")
    entry = po[po.index('msgctxt "treatment/p1"') - 200:po.index('msgctxt "treatment/p1"') + 400]
    assert "#, fuzzy" in entry
    assert '#| msgid ""\n#| "Treatment is mostly <1>conservative</1>.' in entry.replace('#| msgid "Treatment', '#| msgid ""\n#| "Treatment')
    xml = export(real, "ru", "xliff").read_text(encoding="utf-8")
    unit = xml[xml.index('id="treatment/p1"'):xml.index("</trans-unit>", xml.index('id="treatment/p1"'))]
    assert 'state="needs-review-translation"' in unit and 'approved="no"' in unit
    # The previous source, as words without Markdown, with the translation made from it.
    alt = ElementTree.fromstring(xml.encode()).find(
        f".//{{{XLIFF}}}trans-unit[@id='treatment/p1']/{{{XLIFF}}}alt-trans")
    assert alt.get("origin") == "previous-source"
    assert alt.find(f"{{{XLIFF}}}source").text.startswith("Treatment is mostly conservative. ")
    assert "**" not in alt.find(f"{{{XLIFF}}}target").text
    assert 'id="symptoms/p1"' in xml and 'state="needs-review-translation"' not in xml[
        xml.index('id="symptoms/p1"'):xml.index("</trans-unit>", xml.index('id="symptoms/p1"'))]


def test_a_part_is_recorded_up_to_date_only_when_no_unit_needs_review(real, capsys):
    real.replace(f"content/en/{SLUG}.md", "Treatment is mostly **conservative**", "Treatment is usually **conservative**")
    path = export(real, "ru", "po")
    assert real.run("import", str(path)) == 0  # still fuzzy: still stale
    capsys.readouterr()
    real.run("status", "--json")
    assert '"stale_sections": [\n      "treatment"\n    ]' in capsys.readouterr().out
    po = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"#, fuzzy\n(#\|[^\n]*\n)*(?=msgctxt \"treatment/)", "", po), encoding="utf-8")
    assert real.run("import", str(path)) == 0  # reviewed in the tool: up to date
    capsys.readouterr()
    real.run("status", "--json")
    states = {(entry["leaflet"], entry["language"]): entry["state"] for entry in json.loads(capsys.readouterr().out)}
    assert [states[(SLUG, lang)] for lang in LANGUAGES] == ["up to date", "stale", "stale"]  # ru done; es, ar not


def test_translate_toolkit_reads_every_file_and_msgfmt_checks_every_po(real):
    from translate.storage import factory

    for lang in LANGUAGES:
        for fmt in ("xliff", "po"):
            path = export(real, lang, fmt)
            store = factory.getobject(str(path))
            assert len([u for u in store.units if not u.isheader()]) > 50
            if fmt == "po":
                if shutil.which("msgfmt") is None:
                    pytest.skip("msgfmt is not installed (Debian: apt-get install gettext)")
                run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True,
                                     text=True)
                assert run.returncode == 0, run.stderr


def test_export_and_import_refuse_what_they_cannot_do(real, capsys):
    assert real.run("export", "en") == 2  # a usage error, as 'check --lang zz' is
    assert "'en' is not a translated language (ru, es, ar)" in capsys.readouterr().err
    bad = real.root / "notes.txt"
    bad.write_text("x")
    assert real.run("import", str(bad)) == 1
    assert "the file name must be <slug>.<lang>.xlf or <slug>.<lang>.po" in capsys.readouterr().err


WORDS = st.sampled_from(["pain", "spine", "rest", "walk", "doctor", "tablets", "daily", "two", "every", "week"])


@st.composite
def bodies(draw) -> str:
    """Near-real Markdown: sections of paragraphs and lists, with bold, emphasis, links and code."""
    def sentence() -> str:
        words = draw(st.lists(WORDS, min_size=2, max_size=12))
        style = draw(st.sampled_from(["", "bold", "em", "link", "code"]))
        if style == "bold":
            words[0] = f"**{words[0]}**"
        elif style == "em":
            words[-1] = f"*{words[-1]}*"
        elif style == "link":
            words[0] = f"[{words[0]}](https://example.org/{words[0]})"
        elif style == "code":
            words.append("`x`")
        return " ".join(words).capitalize() + "."

    sections = []
    for number in range(draw(st.integers(1, 3))):
        blocks = []
        for _ in range(draw(st.integers(1, 3))):
            if draw(st.booleans()):
                blocks.append("\n".join(f"- {sentence()}" for _ in range(draw(st.integers(1, 3)))))
            else:
                blocks.append(" ".join(sentence() for _ in range(draw(st.integers(1, 3)))))
        sections.append(f"## Part {number} {{#part-{number}}}\n\n" + "\n\n".join(blocks))
    sections[0] += "\n\n[[stages]]"
    return "\n\n".join(sections) + "\n"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies(), fmt=st.sampled_from(["xliff", "po"]))
def test_round_trip_is_byte_identical_for_generated_leaflets(tmp_path_factory, body, fmt):
    site = copy_site("multi", tmp_path_factory.mktemp("generated") / "multi")
    for lang in ("en", "es", "ar"):
        text = site.read(f"content/{lang}/sample.md")
        front, _, _ = text.partition("\n---\n")
        site.write(f"content/{lang}/sample.md", f"{front}\n---\n\n{body}")
    assert site.run("mark-translated", "es") == 0
    before = contents(site)
    out = site.root / "exchange"
    assert site.run("export", "es", "--format", fmt, "-o", str(out)) == 0
    assert site.run("import", *map(str, out.iterdir())) == 0
    assert contents(site) == before


def test_a_target_with_a_control_character_is_refused(real, capsys):
    """Found by fuzzing: a NUL in a PO target was written into the Markdown before the import failed."""
    path = export(real, "ru", "po")
    po = path.read_text(encoding="utf-8")
    assert po.count('msgstr "старой травмы."') == 1
    path.write_text(po.replace('msgstr "старой травмы."', 'msgstr "старой \x00травмы."'), encoding="utf-8")
    message = "unit 'what-is-it/li3': the translation contains control character U+0000; remove it"
    fails_cleanly_content(real, capsys, [f"exchange/{SLUG}.ru.po{at(po, message)}: {message}"], str(path))
