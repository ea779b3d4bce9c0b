"""The exchange files in the tools translators use: OmegaT 3.6 (Debian's, headless), the OASIS XLIFF 1.2
strict schema with xmllint, and translate-toolkit's pocount. `python3 build.py test` installs them
(Debian omegat, php-symfony-translation for the schema, libxml2-utils); without them these tests skip."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import copy_site
from test_exchange import SLUG, XLIFF, contents, export, real  # noqa: F401 - the `real` fixture

SCHEMAS = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")
STRICT = SCHEMAS / "xliff-core-1.2-strict.xsd"
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")

needs_xmllint = pytest.mark.skipif(not (shutil.which("xmllint") and STRICT.is_file()),
                                   reason="needs xmllint (libxml2-utils) and the XLIFF 1.2 schema "
                                          "(php-symfony-translation); python3 build.py test installs them")
needs_omegat = pytest.mark.skipif(not (shutil.which("java") and OMEGAT_JAR.is_file()),
                                  reason="needs OmegaT (Debian omegat) and Java; python3 build.py test installs them")


def validate(paths: list[Path], tmp_path: Path) -> subprocess.CompletedProcess:
    """xmllint against the strict schema, offline: the schema's import of xml.xsd resolves to the packaged copy."""
    catalog = tmp_path / "catalog.xml"
    catalog.write_text('<?xml version="1.0"?>\n<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n'
                       f'  <uri name="http://www.w3.org/2001/xml.xsd" uri="{(SCHEMAS / "xml.xsd").as_uri()}"/>\n'
                       '</catalog>\n')
    return subprocess.run(["xmllint", "--nonet", "--noout", "--schema", str(STRICT), *map(str, paths)],
                          capture_output=True, text=True, env={**os.environ, "XML_CATALOG_FILES": str(catalog)})


@needs_xmllint
def test_every_export_is_valid_against_the_strict_xliff_12_schema(real, tmp_path, capsys):
    assert real.run("new-language", "de") == 0
    out = tmp_path / "exchange"
    for lang in ("ru", "es", "ar", "de"):
        assert real.run("export", lang, "-o", str(out)) == 0
    assert real.run("export", "ru", "--format", "omegat", "-o", str(out)) == 0
    real.replace(f"content/en/{SLUG}.md", "Treatment is mostly", "Treatment is usually")  # a stale unit: <alt-trans>
    assert real.run("export", "es", "-o", str(out / "stale")) == 0
    clinic = copy_site("clinic", tmp_path / "clinic")
    assert clinic.run("export", "ar", "-o", str(out / "clinic")) == 0
    files = sorted(out.rglob("*.xlf"))
    assert len(files) >= 15
    result = validate(files, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(" validates") == len(files)


@needs_xmllint
def test_the_schema_check_is_live(real, tmp_path):
    path = export(real, "ru", "xliff")
    path.write_text(path.read_text(encoding="utf-8").replace('state="translated"', 'state="done"', 1),
                    encoding="utf-8")
    assert validate([path], tmp_path).returncode != 0


def pocount(path: Path) -> dict:
    from translate.tools.pocount import calcstats

    stats = calcstats(str(path))
    return {key: stats[key] for key in ("translated", "fuzzy", "untranslated", "translatedsourcewords",
                                        "fuzzysourcewords", "untranslatedsourcewords")}


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_pocount_reads_a_complete_export_as_translated_and_one_changed_word_as_one_fuzzy_unit(real, capsys, fmt):
    complete = pocount(export(real, "ru", fmt))
    assert complete["translated"] > 70 and complete["fuzzy"] == complete["untranslated"] == 0
    real.replace(f"content/en/{SLUG}.md", "Treatment is mostly", "Treatment is usually")
    changed = pocount(export(real, "ru", fmt))
    assert (changed["translated"], changed["fuzzy"], changed["untranslated"]) == (complete["translated"] - 1, 1, 0)
    capsys.readouterr()
    assert real.run("status", "--json") == 0
    row = next(r for r in json.loads(capsys.readouterr().out) if r["leaflet"] == SLUG and r["language"] == "ru")
    assert row["words"] == {"new": changed["untranslatedsourcewords"], "stale": changed["fuzzysourcewords"],
                            "translated": changed["translatedsourcewords"]}


def test_pocount_and_status_agree_on_a_new_language(real, capsys):
    assert real.run("new-language", "de") == 0
    counts = pocount(export(real, "de", "po"))
    capsys.readouterr()
    assert real.run("status", "--json") == 0
    row = next(r for r in json.loads(capsys.readouterr().out) if r["leaflet"] == SLUG and r["language"] == "de")
    assert counts["translated"] == 0 and row["words"]["new"] == counts["untranslatedsourcewords"] == 866


def omegat(project: Path, *mode: str) -> None:
    result = subprocess.run(["java", "-jar", str(OMEGAT_JAR), str(project), *mode], capture_output=True, text=True,
                            timeout=300, cwd=project, env={**os.environ, "HOME": str(project.parent)})
    assert result.returncode == 0 and "Finished" in result.stdout, result.stdout + result.stderr


def omegat_sources(project: Path) -> list[str]:
    """The source text of every segment OmegaT made of the project, in file order (its pseudo-translation TMX)."""
    memory = project / "pseudo.tmx"
    omegat(project, "--mode=console-createpseudotranslatetmx", f"--pseudotranslatetmx={memory}",
           "--pseudotranslatetype=equal")
    tree = ElementTree.parse(memory)
    return [tu.find("tuv/seg").text or "" for tu in tree.getroot().iter("tu")]


def omegat_words(project: Path) -> tuple[int, int]:
    """(segments, words) in OmegaT's own project statistics."""
    omegat(project, "--mode=console-translate")
    stats = (project / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    total = re.search(r"^Total:\s+(\d+)\s+(\d+)", stats, re.M)
    return int(total.group(1)), int(total.group(2))


def given_memory(path: Path, lang: str, entries: dict[str, str]) -> None:
    """A TMX the translator brings: OmegaT puts its translations in by itself (tm/auto)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    root = ElementTree.Element("tmx", version="1.4")
    ElementTree.SubElement(root, "header", creationtool="test", creationtoolversion="1", segtype="paragraph",
                           adminlang="en", srclang="en", datatype="plaintext", **{"o-tmf": "test"})
    body = ElementTree.SubElement(root, "body")
    for english, translation in entries.items():
        tu = ElementTree.SubElement(body, "tu")
        for code, text in (("en", english), (lang, translation)):
            tuv = ElementTree.SubElement(tu, "tuv", {"xml:lang": code})
            ElementTree.SubElement(tuv, "seg").text = text
    ElementTree.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def english_segments(site) -> list[str]:
    """The English units as OmegaT should show them, its tags numbered in source order."""
    from leafpress.translation import inline
    from leafpress.translation.omegat_project import omegat_segment
    from leafpress.translation.segments import units_of

    segments = []
    for unit in units_of(site.read(f"content/en/{SLUG}.md")):
        pieces = inline.parse(unit.text)
        tags = [piece for piece in pieces if not isinstance(piece, str)]
        segments.append(omegat_segment(pieces, {tag.id: index for index, tag in enumerate(tags)}))
    return segments


@needs_omegat
def test_omegat_shows_the_english_and_its_untouched_output_imports_as_no_change(real, tmp_path, capsys):
    out = tmp_path / "exchange"
    assert real.run("export", "ru", "--format", "omegat", "--leaflet", SLUG, "-o", str(out)) == 0
    project = out / "ru-omegat"
    english = english_segments(real)
    assert sorted(omegat_sources(project)) == sorted(set(english))  # a repeated segment once
    segments, words = omegat_words(project)
    assert segments == len(english)
    assert abs(words - 866) <= 866 // 50, words  # pocount counts 866; OmegaT 858: the tokenisers differ by ~1%
    before = contents(real)
    assert real.run("import", str(project / "target" / f"{SLUG}.ru.xlf")) == 0
    assert contents(real) == before
    assert "leafpress: 0 files changed, 0 warnings" in capsys.readouterr().out


@needs_omegat
def test_a_new_language_translated_in_omegat_changes_exactly_the_units_it_translated(real, tmp_path, capsys):
    from leafpress.translation.segments import units_of

    assert real.run("new-language", "de") == 0
    out = tmp_path / "exchange"
    assert real.run("export", "de", "--format", "omegat", "--leaflet", SLUG, "-o", str(out)) == 0
    project = out / "de-omegat"
    source = {u.id: u.text for u in units_of(real.read(f"content/en/{SLUG}.md"))}
    given_memory(project / "tm" / "auto" / "given.tmx", "de", {
        source["title"]: "Subchondrale Sklerose der Wirbelsäule",
        source["symptoms/heading"]: "Was sind die Anzeichen?",
    })
    assert sorted(omegat_sources(project)) == sorted(set(english_segments(real)))
    segments, words = omegat_words(project)
    assert segments == len(english_segments(real)) and abs(words - 866) <= 866 // 50
    before = {u.id: u.text for u in units_of(real.read(f"content/de/{SLUG}.md"))}
    capsys.readouterr()
    assert real.run("import", str(project / "target" / f"{SLUG}.de.xlf")) == 0
    after = {u.id: u.text for u in units_of(real.read(f"content/de/{SLUG}.md"))}
    assert {unit_id for unit_id in after if after[unit_id] != before[unit_id]} == {"title", "symptoms/heading"}
    assert after["title"] == "Subchondrale Sklerose der Wirbelsäule"
    capsys.readouterr()
    assert real.run("status", "--json") == 0
    row = next(r for r in json.loads(capsys.readouterr().out) if r["leaflet"] == SLUG and r["language"] == "de")
    from translate.tools.pocount import wordcount

    done = wordcount(source["title"]) + wordcount(source["symptoms/heading"])
    assert row["words"]["translated"] == done and row["words"]["new"] + row["words"]["stale"] == 866 - done


@needs_omegat
def test_a_translation_changed_in_omegat_imports_as_that_one_change(real, tmp_path, capsys):
    """The translator fixes one Russian segment: in OmegaT's project memory, as OmegaT saves an edit."""
    out = tmp_path / "exchange"
    assert real.run("export", "ru", "--format", "omegat", "--leaflet", SLUG, "-o", str(out)) == 0
    project = out / "ru-omegat"
    memory = project / "omegat" / "project_save.tmx"
    old = "скованность, трудно поворачиваться и наклоняться;"
    text = memory.read_text(encoding="utf-8")
    assert text.count(f"<seg>{old}</seg>") == 1
    memory.write_text(text.replace(f"<seg>{old}</seg>", "<seg>скованность в спине;</seg>"), encoding="utf-8")
    omegat(project, "--mode=console-translate")
    before = real.read(f"content/ru/{SLUG}.md").splitlines()
    assert real.run("import", str(project / "target" / f"{SLUG}.ru.xlf")) == 0
    after = real.read(f"content/ru/{SLUG}.md").splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and changed == [(f"- {old}", "- скованность в спине;")]


def test_pofilter_finds_no_placeholder_problem_in_any_language(real, tmp_path):
    """translate-toolkit's xmltags check: every placeholder of a target is one of its source's (the Arabic
    allowance comment used to be an extra <2/>)."""
    import sys

    for lang in ("ru", "es", "ar"):
        path = export(real, lang, "po")
        flagged = tmp_path / f"{lang}-flagged.po"
        result = subprocess.run([sys.executable, "-m", "translate.filters.pofilter", "-t", "xmltags", "-t",
                                 "printf", str(path), str(flagged)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert not flagged.exists() or "msgctxt" not in flagged.read_text(encoding="utf-8"), flagged.read_text()
    # Live: a placeholder dropped from one target is flagged.
    text = path.read_text(encoding="utf-8")
    broken = re.sub(r'(msgstr "[^"\n]*)<1>([^<"]*)</1>', r"\1\2", text, count=1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "translate.filters.pofilter", "-t", "xmltags", str(path), str(flagged)],
                   capture_output=True, text=True)
    assert "xmltags" in flagged.read_text(encoding="utf-8")
