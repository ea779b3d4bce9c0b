"""Round trip through CAT tools: export a translation as XLIFF 1.2 or PO (import: exchange_import.py).

XLIFF 1.2, not 2.0: it is the version Okapi-based tools and translate-toolkit read. Both formats are
written with translate-toolkit. OmegaT's own XLIFF filter reads a unit's `<target>`, when there is one,
as the text to translate, so OmegaT gets a project of its own instead (omegat_project.py).

Export: one unit per translatable piece (see segments.py), ids stable across exports, inline Markdown
as protected placeholders (see inline.py), the English always the source. Each unit has a state:

- no translation yet: an empty target, `state="new"` (PO: an empty msgstr);
- translated from the current source: `state="translated"` with `approved="yes"` (translate-toolkit,
  pocount and Weblate count a unit as translated only when it is approved); `state="final"` where the
  translation itself has been approved (`status: approved`);
- translated from an older source: `state="needs-review-translation"` with the previous source and its
  translation in `<alt-trans>`, as words without Markdown (PO: fuzzy, with `#| msgid`).

Allowance comments a translation adds (`<!-- leafpress: allow ... -->`) stay outside the exported text,
so every unit can be edited; import puts them back. Each unit carries a note: its section, its kind,
its source line and, where the layout is tight, a length (unit_notes.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from leafpress.checks.translation_status import is_untranslated, translation_status
from leafpress.config import SiteConfig
from leafpress.content import load as content
from leafpress.content.parts import fingerprints
from leafpress.errors import Diagnostic, UsageError
from leafpress.files import write_atomic
from leafpress.model import Leaflet
from leafpress.translation import inline
from leafpress.translation.changes import part_changes
from leafpress.translation.segments import Unit, units_of
from leafpress.translation.unit_notes import unit_notes

FORMATS = {"xliff": ".xlf", "po": ".po"}
XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
NEW, NEEDS_REVIEW, TRANSLATED, FINAL = "new", "needs-review-translation", "translated", "final"


def _xliff_class():
    from translate.storage import xliff

    class Unit12(xliff.xliffunit):
        namespace = XLIFF_12

    class Xliff12(xliff.xlifffile):
        """translate-toolkit's XLIFF, declared as version 1.2."""

        UnitClass = Unit12
        namespace = XLIFF_12
        XMLskeleton = ("<?xml version=\"1.0\" ?>\n<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'>"
                       "\n<file original='NoName' source-language='en' datatype='plaintext'>\n<body>\n</body>\n"
                       "</file>\n</xliff>")

    return Xliff12


@dataclass(frozen=True)
class Pair:
    """Everything export and import need about one leaflet in one language."""

    source: Leaflet
    translation: Leaflet | None
    source_units: list[Unit]
    target_units: dict[str, Unit]  # by id; empty while the file is untranslated
    stale_parts: tuple[str, ...]
    previous: dict[str, str]  # unit id -> source text the translation was made from (stale parts only)
    known_parts: frozenset[str] = frozenset()  # stale parts whose old text is known, unit by unit
    approved: bool = False  # the translation itself has been approved (status: approved)
    recorded_parts: frozenset[str] = frozenset()  # parts the translation records as translated (translated_from)

    def is_stale(self, unit: Unit) -> bool:
        """Whether the unit's source changed since the translation: exactly the units that did, where the old
        text is known; every unit of a stale part where it is not."""
        if unit.part not in self.stale_parts:
            return False
        if unit.part not in self.known_parts:
            return True
        return self.previous.get(unit.id) != unit.text

    def state(self, unit: Unit) -> str:
        """The unit's XLIFF state: new, needs-review-translation, translated or final."""
        target = self.target_units.get(unit.id)
        if target is None or not target.text.strip():
            return NEW
        if target.text == unit.text and unit.part not in self.recorded_parts:
            return NEW  # the English copy a new language starts from, in a part never translated
        if self.is_stale(unit):
            return NEEDS_REVIEW
        return FINAL if self.approved else TRANSLATED

    def target_text(self, unit: Unit) -> str:
        """The translation of source unit `unit` as exported: without the allowance comments it added."""
        target = self.target_units.get(unit.id)
        return "" if target is None else exported_text(unit, target)


def exported_text(source_unit: Unit, target: Unit) -> str:
    """A translated unit's text as exported: allowance comments stay out unless the source has them too."""
    if inline.ALLOWANCE.search(source_unit.text):
        return target.text
    return inline.split_allowances(target.text)[0]


def file_text(path: Path, shown: str) -> str:
    return content.decode(path.read_bytes(), shown)


def _previous_units(part: str, old: str) -> dict[str, str]:
    """Unit texts of a part as it was (the stage table's fields cannot be told apart again: left out)."""
    if part == "title":
        title, _, summary = old.partition("\n")
        return {"title": " ".join(title.split()), **({"summary": " ".join(summary.split())} if summary else {})}
    if part == "stages":
        return {}
    if part == "intro":
        text = f"---\nx: y\n---\n{old}\n"
    else:
        heading, _, body = old.partition("\n")
        text = f"---\nx: y\n---\n## {heading} {{#{part}}}\n{body}\n"
    try:
        return {unit.id: unit.text for unit in units_of(text)}
    except Exception:  # noqa: BLE001 - an old text that no longer parses has no previous units to offer
        return {}


def pair(config: SiteConfig, slug: str, lang: str) -> Pair:
    source_lang = config.languages.source
    source = content.load_leaflet(config.content_dir / source_lang / f"{slug}.md", source_lang, config)
    path = config.content_dir / lang / f"{slug}.md"
    translation = content.load_leaflet(path, lang, config) if path.is_file() else None
    source_units = units_of(file_text(source.path, source.shown_path))
    targets: dict[str, Unit] = {}
    stale: tuple[str, ...] = ()
    previous: dict[str, str] = {}
    known: set[str] = set()
    if translation is not None:
        # A file marked untranslated is the English copy a new language starts from: its units that still
        # read as the English are new (see Pair.state), the ones translated since are translated.
        targets = {unit.id: unit for unit in units_of(file_text(translation.path, translation.shown_path))}
    if translation is not None and not is_untranslated(translation):
        status = translation_status(source, translation, lang, translation.shown_path)
        stale = status.stale_parts
        for change in part_changes(config, source, translation, status):
            if change.old is not None:
                units = _previous_units(change.part, change.old)
                previous.update(units)
                if units:
                    known.add(change.part)
    approved = translation is not None and translation.status == "approved"
    recorded = translation.translated_from if translation is not None else None
    return Pair(source, translation, source_units, targets, stale, previous, frozenset(known), approved,
                frozenset(recorded) if isinstance(recorded, dict) else frozenset())


def file_name(slug: str, lang: str, fmt: str) -> str:
    return f"{slug}.{lang}{FORMATS[fmt]}"


def export(config: SiteConfig, lang: str, slugs: tuple[str, ...], fmt: str, out_dir: Path) -> list[Path]:
    """Write one file per leaflet into `out_dir`; return the files written."""
    problem = language_problem(config, lang)
    if problem:
        raise UsageError.at("LANG", 0, problem)
    available = sorted(p.stem for p in (config.content_dir / config.languages.source).glob("*.md"))
    unknown = [slug for slug in slugs if slug not in available]
    if unknown:
        raise UsageError([Diagnostic("--leaflet", 0, f"no such leaflet '{slug}' ({', '.join(available) or 'none'})")
                          for slug in unknown])
    if fmt == "omegat":
        from leafpress.translation.omegat_project import write_project

        return write_project(config, lang, [pair(config, slug, lang) for slug in slugs or available], out_dir)
    written = []
    for slug in slugs or available:
        data = po_bytes(pair(config, slug, lang), lang) if fmt == "po" else xliff_bytes(pair(config, slug, lang), lang)
        target = out_dir / file_name(slug, lang, fmt)
        write_atomic(target, data)
        written.append(target)
    return written


def target_po(text: str) -> str:
    return inline.to_po(inline.parse(text)) if text else ""


def po_bytes(p: Pair, lang: str) -> bytes:
    from translate.storage import po

    store = po.pofile()
    published = p.source.published.isoformat()
    store.init_headers(charset="UTF-8", encoding="8bit", project_id_version=f"{p.source.slug} {p.source.version}",
                       pot_creation_date=f"{published} 00:00+0000", po_revision_date=f"{published} 00:00+0000",
                       last_translator="Leafpress", language_team=lang, x_generator="Leafpress",
                       language=lang, report_msgid_bugs_to="")
    notes = unit_notes(p.source_units, p.source.shown_path)
    for unit in p.source_units:
        entry = store.addsourceunit(inline.to_po(inline.parse(unit.text)))
        entry.setcontext(unit.id)
        entry.addlocation(f"{p.source.shown_path}:{unit.line}")
        entry.addnote(notes[unit.id].text(), origin="developer")
        state = p.state(unit)
        entry.target = target_po(p.target_text(unit)) if state != NEW else ""
        if state == NEEDS_REVIEW:
            entry.markfuzzy(True)
            if unit.id in p.previous:
                entry.prev_msgctxt = [f'"{unit.id}"']
                entry.prev_msgid = [_po_quote(inline.to_po(inline.parse(p.previous[unit.id])))]
    return bytes(store)


def _po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def xliff_bytes(p: Pair, lang: str, with_targets: bool = True) -> bytes:
    """The XLIFF 1.2 file; without targets, each target a copy of the English with no state (the file OmegaT
    translates: its filter takes the target as the text to translate, and writes the translation there)."""
    from lxml import etree

    store = _xliff_class()(sourcelanguage="en", targetlanguage=lang)
    store.setsourcelanguage(p.source.lang)
    store.settargetlanguage(lang)
    store.setfilename(store.getfilenode("NoName"), p.source.shown_path)
    notes = unit_notes(p.source_units, p.source.shown_path)
    for unit in p.source_units:
        pieces = inline.parse(unit.text)
        entry = store.addsourceunit(inline.to_markdown(pieces), filename=p.source.shown_path)
        entry.setid(unit.id)
        entry.rich_source = inline.to_rich(pieces)
        state = p.state(unit) if with_targets else NEW
        if not with_targets:
            entry.rich_target = inline.to_rich(pieces)
            entry.xmlelement.find(f"{{{XLIFF_12}}}target").attrib.pop("state", None)
            entry.xmlelement.attrib.pop("approved", None)
        elif state == NEW:
            etree.SubElement(entry.xmlelement, f"{{{XLIFF_12}}}target", state=NEW)
        else:
            entry.rich_target = inline.to_rich(inline.parse(p.target_text(unit)))
            entry.xmlelement.find(f"{{{XLIFF_12}}}target").set("state", state)
            entry.xmlelement.set("approved", "no" if state == NEEDS_REVIEW else "yes")
        note = notes[unit.id]
        entry.addnote(note.text(), origin="leafpress")
        if note.max_length:
            entry.xmlelement.set("size-unit", "char")
            entry.xmlelement.set("maxwidth", str(note.max_length))
        if state == NEEDS_REVIEW:
            _previous(entry, p, unit)
    return bytes(store)


def _previous(entry, p: Pair, unit: Unit) -> None:
    """The source this unit was translated from, and that translation, as an <alt-trans> (plain words)."""
    from lxml import etree

    previous = p.previous.get(unit.id)
    alt = etree.SubElement(entry.xmlelement, f"{{{XLIFF_12}}}alt-trans", origin="previous-source")
    if previous is not None:
        etree.SubElement(alt, f"{{{XLIFF_12}}}source").text = inline.to_plain(inline.parse(previous))
    etree.SubElement(alt, f"{{{XLIFF_12}}}target").text = inline.to_plain(inline.parse(p.target_text(unit)))
    etree.SubElement(alt, f"{{{XLIFF_12}}}note").text = (
        "The source changed since this was translated: the source above is what was translated."
        if previous is not None else "The source changed since this was translated; the old source is not known.")


def word_counts(p: Pair) -> dict[str, int]:
    """Source words by unit state, counted as translate-toolkit's pocount counts them: new, stale, translated."""
    from translate.tools.pocount import wordcount

    counts = {"new": 0, "stale": 0, "translated": 0}
    names = {NEW: "new", NEEDS_REVIEW: "stale", TRANSLATED: "translated", FINAL: "translated"}
    for unit in p.source_units:
        counts[names[p.state(unit)]] += wordcount(inline.to_po(inline.parse(unit.text)))
    return counts


def language_problem(config: SiteConfig, lang: str) -> str | None:
    translated = [code for code in config.languages.order if code != config.languages.source]
    if lang not in translated:
        return f"'{lang}' is not a translated language ({', '.join(translated)})"
    return None
