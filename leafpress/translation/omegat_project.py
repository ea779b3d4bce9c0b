"""`export --format omegat`: a ready OmegaT project for one language.

OmegaT's built-in XLIFF filter (OmegaT 3.6, as Debian ships it) takes a unit's `<target>`, when it has
one, as the text to translate: a bilingual XLIFF would show the translation as the source. So the
project gets the English alone, and the translations as OmegaT's own memory:

    <lang>-omegat/
      omegat.project           EN -> <lang>, one segment per unit (sentence segmentation off)
      source/<slug>.<lang>.xlf  the English units, no targets
      omegat/project_save.tmx   the current translations: OmegaT shows them as translated
      tm/previous.tmx           stale units: the old English with its translation, offered as a fuzzy match
      README.txt                what to do with it

OmegaT writes `target/<slug>.<lang>.xlf`, which `leafpress import` reads like any XLIFF. In the memories
a segment is written as OmegaT shows it, its placeholders as OmegaT's tags (`<g0>words</g0>`, `<x1/>`,
numbered in the order they appear in the source).
"""

from __future__ import annotations

from pathlib import Path

from leafpress.config import SiteConfig
from leafpress.files import write_atomic
from leafpress.translation import inline
from leafpress.translation.exchange import FINAL, NEEDS_REVIEW, TRANSLATED, Pair, file_name, xliff_bytes

PROJECT_FILE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>source</source_dir>
    <target_dir>target</target_dir>
    <tm_dir>tm</tm_dir>
    <glossary_dir>glossary</glossary_dir>
    <glossary_file>glossary/glossary.txt</glossary_file>
    <dictionary_dir>dictionary</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""
README = """OmegaT project for translating the leaflets from {source} into {target}, written by 'leafpress export
{target} --format omegat'.

1. In OmegaT: Project > Open, and choose this folder. Each segment is one unit of a leaflet: a
   heading, a paragraph, a list item, a table cell. The English is the source. Translations already
   made are filled in; where the English changed since, OmegaT offers the old translation as a match.
2. Translate, then Project > Create Translated Documents. OmegaT writes target/*.xlf.
3. Import them: python3 build.py import {folder}/target/*.xlf

Keep the tags (<g0>...</g0>, <x1/>): they are the bold words, links and code of the leaflet.
"""


def omegat_segment(pieces: list[inline.Piece], numbering: dict[int, int]) -> str:
    """A unit's text as OmegaT shows it: placeholders as its tags, numbered in the source's order."""
    parts = []
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(piece)
        elif isinstance(piece, inline.Standalone):
            parts.append(f"<x{numbering[piece.id]}/>")
        else:
            parts.append(f"<g{numbering[piece.id]}>{piece.words}</g{numbering[piece.id]}>")
    return " ".join("".join(parts).split())


def _numbering(pieces: list[inline.Piece]) -> dict[int, int]:
    return {piece.id: index for index, piece in enumerate(p for p in pieces if not isinstance(p, str))}


def _memory(entries: list[tuple[str, str, str, tuple[str, str]]], source: str, target: str) -> bytes:
    """A TMX 1.4 memory of (English, translation, file, (previous, next segment)), as OmegaT keeps its own.

    An English text translated one way everywhere is a default translation. One translated in more ways
    than one (the same heading in two leaflets) is an alternative translation, tied to its file and to the
    segments before and after it (how OmegaT tells identical segments apart by default), so each leaflet
    keeps its own.
    """
    from lxml import etree

    ways: dict[str, set[str]] = {}
    for english, translation, _, _ in entries:
        ways.setdefault(english, set()).add(translation)
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", creationtool="Leafpress", creationtoolversion="1", segtype="paragraph",
                     **{"o-tmf": "Leafpress", "adminlang": "en", "srclang": source, "datatype": "plaintext"})
    body = etree.SubElement(root, "body")
    for english, translation, file, (before, after) in entries:
        tu = etree.SubElement(body, "tu")
        if len(ways[english]) > 1:
            for kind, value in (("file", file), ("prev", before), ("next", after)):
                etree.SubElement(tu, "prop", type=kind).text = value
        for lang, text in ((source, english), (target, translation)):
            tuv = etree.SubElement(tu, "tuv", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
            etree.SubElement(tuv, "seg").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_project(config: SiteConfig, lang: str, pairs: list[Pair], out_dir: Path) -> list[Path]:
    """Write (or refresh) the project folder; return the files written."""
    folder = out_dir / f"{lang}-omegat"
    source = config.languages.source
    current: list[tuple[str, str, str, tuple[str, str]]] = []
    previous: list[tuple[str, str, str, tuple[str, str]]] = []
    files = {folder / "omegat.project": PROJECT_FILE.format(source=source.upper(), target=lang.upper()).encode(),
             folder / "README.txt": README.format(source=source, target=lang, folder=folder.name).encode()}
    for p in pairs:
        name = file_name(p.source.slug, lang, "xliff")
        files[folder / "source" / name] = xliff_bytes(p, lang, with_targets=False)
        segments = [omegat_segment(inline.parse(u.text), _numbering(inline.parse(u.text))) for u in p.source_units]
        for index, unit in enumerate(p.source_units):
            key = (segments[index - 1] if index else "", segments[index + 1] if index + 1 < len(segments) else "")
            state = p.state(unit)
            if state not in (TRANSLATED, FINAL, NEEDS_REVIEW):
                continue
            pieces = inline.parse(unit.text)
            target = inline.parse(p.target_text(unit))  # its placeholders numbered in its own order, as in XLIFF
            translation = omegat_segment(target, _numbering(target))
            if state != NEEDS_REVIEW:
                current.append((segments[index], translation, name, key))
            elif unit.id in p.previous:
                old = inline.parse(p.previous[unit.id])
                previous.append((omegat_segment(old, _numbering(old)), translation, name, key))
    files[folder / "omegat" / "project_save.tmx"] = _memory(current, source, lang)
    files[folder / "tm" / "previous.tmx"] = _memory(previous, source, lang)
    for name in ("target", "glossary", "dictionary"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    return list(files)
