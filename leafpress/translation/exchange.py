"""Round trip through CAT tools: export a translation as XLIFF 1.2 or PO, import it back into Markdown.

XLIFF 1.2, not 2.0: it is the version Trados Studio, memoQ, Phrase, OmegaT and Weblate all
import without a plugin. Both formats are written and read with translate-toolkit.

Export: one unit per translatable piece (see segments.py), ids stable across exports, inline
Markdown as protected placeholders (see inline.py). A unit of a stale part is marked for review
(`needs-review-translation` in XLIFF, `fuzzy` in PO) and carries the source it was translated
from (a note in XLIFF, `#| msgid` in PO), so the tool shows the change.

Import: every unit must match the current source (same ids, same source text, same
placeholders), or nothing is written. Only units whose target changed are written back, each
in its own place; a part is recorded as up to date only when none of its units is still
marked for review. An unchanged file imports to a byte-identical Markdown file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from leafpress.checks.translation_status import is_untranslated, translation_status
from leafpress.config import SiteConfig
from leafpress.content import load as content
from leafpress.content.parts import fingerprints
from leafpress.errors import ContentError, Diagnostic, UsageError, display_path
from leafpress.files import CONTROL, write_atomic
from leafpress.model import UNTRANSLATED, Leaflet
from leafpress.translation import inline
from leafpress.translation.changes import part_changes
from leafpress.translation.records import record_source_texts, replace_record
from leafpress.translation.segments import Unit, rewrite, units_of

FORMATS = {"xliff": ".xlf", "po": ".po"}
XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
NEEDS_REVIEW = "needs-review-translation"


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

    def is_stale(self, unit: Unit) -> bool:
        """Whether the unit's source changed since the translation: exactly the units that did, where the old
        text is known; every unit of a stale part where it is not."""
        if unit.part not in self.stale_parts:
            return False
        if unit.part not in self.known_parts:
            return True
        return self.previous.get(unit.id) != unit.text


def _text(path: Path, shown: str) -> str:
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
    source_units = units_of(_text(source.path, source.shown_path))
    targets: dict[str, Unit] = {}
    stale: tuple[str, ...] = ()
    previous: dict[str, str] = {}
    known: set[str] = set()
    if translation is not None and not is_untranslated(translation):
        targets = {unit.id: unit for unit in units_of(_text(translation.path, translation.shown_path))}
        status = translation_status(source, translation, lang, translation.shown_path)
        stale = status.stale_parts
        for change in part_changes(config, source, translation, status):
            if change.old is not None:
                units = _previous_units(change.part, change.old)
                previous.update(units)
                if units:
                    known.add(change.part)
    return Pair(source, translation, source_units, targets, stale, previous, frozenset(known))


def file_name(slug: str, lang: str, fmt: str) -> str:
    return f"{slug}.{lang}{FORMATS[fmt]}"


def export(config: SiteConfig, lang: str, slugs: tuple[str, ...], fmt: str, out_dir: Path) -> list[Path]:
    """Write one file per leaflet into `out_dir`; return the files written."""
    problem = _language_problem(config, lang)
    if problem:
        raise UsageError.at("LANG", 0, problem)
    available = sorted(p.stem for p in (config.content_dir / config.languages.source).glob("*.md"))
    unknown = [slug for slug in slugs if slug not in available]
    if unknown:
        raise UsageError([Diagnostic("--leaflet", 0, f"no such leaflet '{slug}' ({', '.join(available) or 'none'})")
                          for slug in unknown])
    written = []
    for slug in slugs or available:
        data = _po_bytes(pair(config, slug, lang), lang) if fmt == "po" else _xliff_bytes(pair(config, slug, lang),
                                                                                           lang)
        target = out_dir / file_name(slug, lang, fmt)
        write_atomic(target, data)
        written.append(target)
    return written


def _target_po(unit: Unit | None) -> str:
    return inline.to_po(inline.parse(unit.text)) if unit is not None else ""


def _po_bytes(p: Pair, lang: str) -> bytes:
    from translate.storage import po

    store = po.pofile()
    published = p.source.published.isoformat()
    store.init_headers(charset="UTF-8", encoding="8bit", project_id_version=f"{p.source.slug} {p.source.version}",
                       pot_creation_date=f"{published} 00:00+0000", po_revision_date=f"{published} 00:00+0000",
                       last_translator="Leafpress", language_team=lang, x_generator="Leafpress",
                       language=lang, report_msgid_bugs_to="")
    for unit in p.source_units:
        entry = store.addsourceunit(inline.to_po(inline.parse(unit.text)))
        entry.setcontext(unit.id)
        entry.addlocation(f"{p.source.shown_path}:{unit.line}")
        target = p.target_units.get(unit.id)
        entry.target = _target_po(target)
        if target is not None and p.is_stale(unit):
            entry.markfuzzy(True)
            if unit.id in p.previous:
                entry.prev_msgctxt = [f'"{unit.id}"']
                entry.prev_msgid = [_po_quote(inline.to_po(inline.parse(p.previous[unit.id])))]
    return bytes(store)


def _po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _xliff_bytes(p: Pair, lang: str) -> bytes:
    store = _xliff_class()(sourcelanguage="en", targetlanguage=lang)
    store.setsourcelanguage(p.source.lang)
    store.settargetlanguage(lang)
    store.setfilename(store.getfilenode("NoName"), p.source.shown_path)
    for unit in p.source_units:
        pieces = inline.parse(unit.text)
        entry = store.addsourceunit(inline.to_markdown(pieces), filename=p.source.shown_path)
        entry.setid(unit.id)
        entry.rich_source = inline.to_rich(pieces)
        entry.addnote(f"{p.source.shown_path}:{unit.line}", origin="developer")
        target = p.target_units.get(unit.id)
        if target is not None:
            entry.rich_target = inline.to_rich(inline.parse(target.text))
            stale = p.is_stale(unit)
            entry.xmlelement.find(f"{{{XLIFF_12}}}target").set("state", NEEDS_REVIEW if stale else "translated")
            if stale:
                previous = p.previous.get(unit.id)
                entry.addnote(f"The source changed since this was translated. It was: {previous}" if previous
                              else "The source changed since this was translated.", origin="leafpress")
    return bytes(store)


def _language_problem(config: SiteConfig, lang: str) -> str | None:
    translated = [code for code in config.languages.order if code != config.languages.source]
    if lang not in translated:
        return f"'{lang}' is not a translated language ({', '.join(translated)})"
    return None


@dataclass(frozen=True)
class Incoming:
    id: str
    source: str  # the unit's source as tagged text, '<1>words</1>' (for XLIFF, rebuilt from its <g> and <x>)
    target: list | str | None  # rich target (XLIFF) or PO text; None when empty
    review: bool


def _read(path: Path, shown: str) -> tuple[str, list[Incoming]]:
    """(format, units) of an exchange file; ContentError if it is not one."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".po":
            from translate.storage import po

            store = po.pofile.parsefile(str(path))
            units = [Incoming(u.getcontext(), u.source, u.target or None, u.isfuzzy())
                     for u in store.units if not u.isheader() and not u.isobsolete()]
            return "po", units
        if suffix in (".xlf", ".xliff"):
            from translate.storage import xliff

            store = xliff.xlifffile.parsefile(str(path))
            units = []
            for u in store.units:
                target = u.xmlelement.find(f"{{{u.namespace}}}target")
                state = target.get("state") if target is not None else None
                has_target = target is not None and bool(u.target)
                units.append(Incoming(u.xmlelement.get("id"), _tagged(u.rich_source),
                                      u.rich_target if has_target else None, state == NEEDS_REVIEW))
            return "xliff", units
    except ContentError:
        raise
    except Exception as error:  # noqa: BLE001 - translate-toolkit raises many kinds for a broken file
        raise ContentError.at(shown, 1, f"cannot read this file: {error}") from None
    raise ContentError.at(shown, 0, "exchange files end in .xlf, .xliff or .po")


def _tagged(rich) -> str:
    """An XLIFF source as PO-style tagged text, to compare it with the current source."""
    from translate.storage.placeables.xliff import G, X

    pieces: list = []

    def walk(element) -> None:
        if isinstance(element, str):
            pieces.append(element)
        elif isinstance(element, G):
            pieces.append(f"<{element.id}>{element}</{element.id}>")
        elif isinstance(element, X):
            pieces.append(f"<{element.id}/>")
        else:
            for child in element.sub:
                walk(child)

    for element in rich:
        walk(element)
    return "".join(pieces)


def import_files(config: SiteConfig, paths: list[Path], display_root: Path | None = None) -> list[str]:
    """Write the targets of exchange files back into the Markdown; return the files changed.

    Every file is checked before anything is written: one problem anywhere, nothing changes.
    """
    problems: list[Diagnostic] = []
    plans = []
    for path in paths:
        shown = display_path(path, display_root)
        try:
            plans.append(_plan(config, path, shown))
        except ContentError as error:
            problems += error.diagnostics
    if problems:
        raise ContentError(problems)
    content.load_all(config, display_root)  # a site that does not load is not written into
    changed = []
    for translation_path, shown, new_text, source, lang in plans:
        if write_atomic(translation_path, new_text.encode("utf-8")):
            changed.append(shown)
            leaflets = {(doc.lang, doc.slug): doc for doc in content.load_all(config, display_root)}
            changed += record_source_texts(config, source, lang, leaflets, display_root)
    return changed


def _plan(config: SiteConfig, path: Path, shown: str):
    """(translation file, shown path, its new text, source leaflet, language) for one exchange file."""
    stem = path.name.rsplit(".", 1)[0] if "." in path.name else path.name
    slug, _, lang = stem.rpartition(".")
    if not slug or not lang:
        raise ContentError.at(shown, 0, "the file name must be <slug>.<lang>.xlf or <slug>.<lang>.po, as "
                                        "'leafpress export' writes it")
    problem = _language_problem(config, lang)
    if problem:
        raise ContentError.at(shown, 0, f"the file name says {problem}")
    if not (config.content_dir / config.languages.source / f"{slug}.md").is_file():
        raise ContentError.at(shown, 0, f"there is no leaflet '{slug}'")
    current = pair(config, slug, lang)
    if current.translation is None:
        raise ContentError.at(shown, 0, f"there is no {config.paths.content}/{lang}/{slug}.md to import into; "
                                        f"create it first (leafpress new-language {lang} does for a new language)")
    fmt, incoming = _read(path, shown)
    expected = {unit.id: unit for unit in current.source_units}
    problems = []

    def problem(unit_id: str, message: str) -> None:
        problems.append(Diagnostic(shown, 0, f"unit '{unit_id}': {message}"))

    seen = [unit.id for unit in incoming]
    for unit_id in sorted(set(expected) - set(seen)):
        problem(unit_id, "is missing from the file; export again")
    translation_text = _text(current.translation.path, current.translation.shown_path)
    own_units = current.target_units or {u.id: u for u in units_of(translation_text)}
    changes: dict[str, str] = {}
    reviewed_parts: dict[str, bool] = {}
    for unit in incoming:
        source_unit = expected.get(unit.id)
        if source_unit is None:
            problem(unit.id, "is not in the current source: a unit id was changed, or the source has changed; "
                             "export again")
            continue
        source_pieces = inline.parse(source_unit.text)
        if " ".join(unit.source.split()) != " ".join(inline.to_po(source_pieces).split()):
            problem(unit.id, "its source text is not the current source; export again")
            continue
        done = unit.target is not None and not unit.review
        reviewed_parts[source_unit.part] = reviewed_parts.get(source_unit.part, True) and done
        if unit.target is None:
            continue
        own = own_units.get(unit.id)
        incoming = unit.target if fmt == "po" else _tagged(unit.target)
        if own is not None and " ".join(incoming.split()) == " ".join(_target_po(own).split()):
            continue  # as exported: unchanged, even where the translation has placeholders of its own
        try:
            pieces = (inline.from_po(unit.target, source_pieces) if fmt == "po"
                      else inline.from_rich(unit.target, source_pieces))
        except inline.PlaceholderError as error:
            problem(unit.id, str(error))
            continue
        text = " ".join(inline.to_markdown(pieces).split())
        control = CONTROL.search(text)
        if control:
            problem(unit.id, f"the translation contains control character U+{ord(control.group()):04X}; remove it")
            continue
        if own is None:
            problem(unit.id, f"has no place in {current.translation.shown_path}: its section there has fewer "
                             "paragraphs, items or cells than the source's; edit the Markdown itself")
            continue
        if text != own.text:
            changes[unit.id] = text
    if problems:
        raise ContentError(problems)
    new_text = rewrite(translation_text, changes)
    new_text = _record(current, new_text, reviewed_parts)
    try:  # the file as it would be written must be a valid leaflet, or nothing is written
        content.parse_revision(new_text, current.translation.path, current.translation.lang, config)
    except ContentError as error:
        first = error.diagnostics[0]
        raise ContentError.at(shown, 0, f"importing it would break {current.translation.shown_path} (line "
                                        f"{first.line}: {first.message}); nothing was changed") from None
    return current.translation.path, current.translation.shown_path, new_text, current.source, current.translation.lang


def _record(current: Pair, text: str, reviewed_parts: dict[str, bool]) -> str:
    """Parts whose every unit has a target not marked for review are recorded as up to date."""
    recorded = current.translation.translated_from
    old = dict(recorded) if isinstance(recorded, dict) else {}
    now = fingerprints(current.source)
    record = {name: (digest if reviewed_parts.get(name) else old[name])
              for name, digest in now.items() if reviewed_parts.get(name) or name in old}
    if record == old or (recorded == UNTRANSLATED and not record):
        return text
    return replace_record(text, record)

