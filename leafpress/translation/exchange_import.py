"""Import an exchange file (XLIFF 1.2 or PO, see exchange.py) back into the translation's Markdown.

Every unit must match the current source (same ids, same source text, same placeholders), or nothing is
written. Each unit's state is read: `new`, an empty target or a target identical to its source is not
translated and not written; `needs-*` (PO: fuzzy) is written but not done; `translated`, `final`,
`signed-off` or no state at all (OmegaT writes none) is done. A part is recorded as translated only when
every one of its units is done. Only units whose target changed are written back, each in its own place,
with the allowance comments the translation had; an unchanged file imports to a byte-identical file.

Refused, naming the unit: a placeholder added or lost, a control character, a target that still holds a
whole sentence of the source; a file whose languages are not the site's source and the language its name
says. A target identical to its source is a warning, unless the text is a term kept as written (the
do-not-translate list) or has no words to translate.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from leafpress.config import SiteConfig
from leafpress.content import load as content
from leafpress.content.parts import fingerprints
from leafpress.content.terminology import read_terminology
from leafpress.errors import ContentError, Diagnostic, display_path
from leafpress.files import CONTROL, write_atomic
from leafpress.model import UNTRANSLATED
from leafpress.translation import inline
from leafpress.translation.exchange import NEW, Pair, exported_text, file_text, language_problem, pair, target_po
from leafpress.translation.records import record_source_texts, replace_record
from leafpress.translation.segments import rewrite, units_of

UNTOUCHED, REVIEW, DONE = "untranslated", "review", "done"
SENTENCE_WORDS = 4  # a source sentence this long found in a target means it was left untranslated


@dataclass(frozen=True)
class Incoming:
    id: str
    source: str  # the unit's source as tagged text, '<1>words</1>' (for XLIFF, rebuilt from its <g> and <x>)
    target: list | str | None  # rich target (XLIFF) or PO text; None when empty
    state: str  # UNTOUCHED, REVIEW or DONE, as the file says
    declared: bool = False  # the file says so in words (a state or approved="yes"; PO: a msgstr not fuzzy)
    line: int = 0  # where the unit starts in the exchange file
    plural: bool = False  # a PO entry with plural forms


@dataclass(frozen=True)
class ExchangeFile:
    fmt: str  # "xliff" or "po"
    source_language: str | None
    target_language: str | None
    units: list[Incoming]


def _xliff_state(target, has_target: bool) -> str:
    state = target.get("state") if target is not None else None
    if not has_target or state == NEW:
        return UNTOUCHED
    if state and state.startswith("needs-"):  # needs-translation, needs-review-translation, ...
        return REVIEW
    return DONE


def read_exchange_file(path: Path, shown: str) -> ExchangeFile:
    """The units of an exchange file and the languages it declares; ContentError if it is not one."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".po":
            from translate.storage import po

            store = po.pofile.parsefile(str(path))
            lines = _po_lines(path)
            units = [Incoming(u.getcontext(), str(u.source), str(u.target) if u.target else None,
                              REVIEW if u.isfuzzy() and u.target else DONE if u.target else UNTOUCHED, True,
                              lines.get(u.getcontext(), 0), u.hasplural())
                     for u in store.units if not u.isheader() and not u.isobsolete()]
            return ExchangeFile("po", None, store.gettargetlanguage() or None, units)
        if suffix in (".xlf", ".xliff"):
            from translate.storage import xliff

            head = path.read_bytes()[:4096]
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ContentError.at(shown, 1, "the file declares a DOCTYPE or entities, which Leafpress never "
                                                "writes; export again and translate that file")
            store = xliff.xlifffile.parsefile(str(path))
            units = []
            for u in store.units:
                target = u.xmlelement.find(f"{{{u.namespace}}}target")
                has_target = target is not None and bool(u.target)
                declared = u.xmlelement.get("approved") == "yes" or (target is not None and "state" in target.attrib)
                units.append(Incoming(u.xmlelement.get("id"), _tagged(u.rich_source),
                                      u.rich_target if has_target else None, _xliff_state(target, has_target),
                                      declared, u.xmlelement.sourceline or 0))
            files = store.document.getroot().findall(f"{{{store.namespace}}}file")
            first = files[0] if files else None
            return ExchangeFile("xliff", first.get("source-language") if first is not None else None,
                                first.get("target-language") if first is not None else None, units)
    except ContentError:
        raise
    except Exception as error:  # noqa: BLE001 - translate-toolkit raises many kinds for a broken file
        raise ContentError.at(shown, 1, f"cannot read this file: {error}") from None
    raise ContentError.at(shown, 0, "exchange files end in .xlf, .xliff or .po")


def _po_lines(path: Path) -> dict[str, int]:
    """Each PO entry's context (its unit id) and the line it is on."""
    found = {}
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if line.startswith("msgctxt "):
            found.setdefault(line[len("msgctxt "):].strip().strip('"'), number)
    return found


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


def import_files(config: SiteConfig, paths: list[Path],
                 display_root: Path | None = None) -> tuple[list[str], list[Diagnostic]]:
    """Write the targets of exchange files back into the Markdown; return (the files changed, the warnings).

    Every file is checked before anything is written: one problem anywhere, nothing changes.
    """
    problems: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    plans = []
    for path in paths:
        shown = display_path(path, display_root)
        try:
            plan = _plan(config, path, shown)
            plans.append(plan[:5])
            warnings += plan[5]
        except ContentError as error:
            problems += error.diagnostics
    if problems:
        raise ContentError(problems)
    _check_as_written(config, plans, display_root)
    changed = []
    for translation_path, shown, new_text, source, lang in plans:
        if write_atomic(translation_path, new_text.encode("utf-8")):
            changed.append(shown)
            leaflets = {(doc.lang, doc.slug): doc for doc in content.load_all(config, display_root)}
            changed += record_source_texts(config, source, lang, leaflets, display_root)
    return changed, warnings


def _check_as_written(config: SiteConfig, plans: list, display_root: Path | None) -> None:
    """Check the whole site as the import would leave it (a copy of the content with the new texts), with
    every check a build runs; any error, and nothing is written."""
    from leafpress.pipeline import BuildOptions, load_site

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "content"
        shutil.copytree(config.content_dir, copy, symlinks=True)
        for translation_path, _, new_text, _, _ in plans:
            (copy / translation_path.relative_to(config.content_dir)).write_text(new_text, encoding="utf-8")
        trial = dataclasses.replace(config, paths=dataclasses.replace(config.paths, content=str(copy)))
        try:
            load_site(trial, BuildOptions(display_root=display_root, pdf=False))
        except ContentError as error:
            shown = display_path(config.content_dir, display_root)
            raise ContentError([dataclasses.replace(d, path=d.path.replace(str(copy), shown), message=(
                f"{d.message} (as the import would leave it; nothing was written)"))
                for d in error.diagnostics]) from None


def _languages_problem(config: SiteConfig, exchange: ExchangeFile, lang: str) -> str | None:
    source = config.languages.source
    declared_source = (exchange.source_language or source).split("-")[0].split("_")[0].lower()
    declared_target = (exchange.target_language or lang).split("-")[0].split("_")[0].lower()
    if declared_source != source.lower():
        return f"the file's source language is '{exchange.source_language}', but the site's source is '{source}'"
    if declared_target != lang.lower():
        return (f"the file's target language is '{exchange.target_language}', but its name says '{lang}'; "
                "import it under the right name, or export that language")
    return None


def _plan(config: SiteConfig, path: Path, shown: str):
    """(translation file, shown path, its new text, source leaflet, language, warnings) for one exchange file."""
    stem = path.name.rsplit(".", 1)[0] if "." in path.name else path.name
    slug, _, lang = stem.rpartition(".")
    if not slug or not lang:
        raise ContentError.at(shown, 0, "the file name must be <slug>.<lang>.xlf or <slug>.<lang>.po, as "
                                        "'leafpress export' writes it")
    problem = language_problem(config, lang)
    if problem:
        raise ContentError.at(shown, 0, f"the file name says {problem}")
    if not (config.content_dir / config.languages.source / f"{slug}.md").is_file():
        raise ContentError.at(shown, 0, f"there is no leaflet '{slug}'")
    current = pair(config, slug, lang)
    if current.translation is None:
        raise ContentError.at(shown, 0, f"there is no {config.paths.content}/{lang}/{slug}.md to import into; "
                                        f"create it first (leafpress new-language {lang} does for a new language)")
    exchange = read_exchange_file(path, shown)
    problem = _languages_problem(config, exchange, lang)
    if problem:
        raise ContentError.at(shown, 0, problem)
    kept_as_written = {term for term, _, _ in read_terminology(config.content_dir, lang).do_not_translate}
    return _planned_text(config, current, exchange, shown, kept_as_written)


def _planned_text(config: SiteConfig, current: Pair, exchange: ExchangeFile, shown: str, kept_as_written: set[str]):
    expected = {unit.id: unit for unit in current.source_units}
    problems: list[Diagnostic] = []
    warnings: list[Diagnostic] = []

    lines = {unit.id: unit.line for unit in exchange.units}

    def problem(unit_id: str, message: str) -> None:
        problems.append(Diagnostic(shown, lines.get(unit_id, 0), f"unit '{unit_id}': {message}"))

    for unit_id in sorted(set(expected) - {unit.id for unit in exchange.units}):
        problem(unit_id, "is missing from the file; export again")
    seen: set[str] = set()
    for unit in exchange.units:
        if unit.id in seen:
            problems.append(Diagnostic(shown, unit.line, f"unit '{unit.id}': appears more than once; export again"))
        seen.add(unit.id)
        if unit.plural:
            problems.append(Diagnostic(shown, unit.line, f"unit '{unit.id}': has plural forms, which its source "
                                                         "does not; export again"))
    translation_text = file_text(current.translation.path, current.translation.shown_path)
    own_units = current.target_units or {u.id: u for u in units_of(translation_text)}
    changes: dict[str, str] = {}
    done_parts: dict[str, bool] = {}
    for unit in exchange.units:
        source_unit = expected.get(unit.id)
        if source_unit is None:
            problem(unit.id, "is not in the current source: a unit id was changed, or the source has changed; "
                             "export again")
            continue
        source_pieces = inline.parse(source_unit.text)
        source_po = inline.to_po(source_pieces)
        if " ".join(unit.source.split()) != " ".join(source_po.split()):
            problem(unit.id, "its source text is not the current source; export again")
            continue
        incoming = None if unit.target is None else unit.target if exchange.fmt == "po" else _tagged(unit.target)
        state = unit.state
        if incoming is not None and " ".join(incoming.split()) == " ".join(source_po.split()):
            plain = inline.to_plain(source_pieces)
            # OmegaT leaves an untranslated segment's English in place, without a state: no warning for that.
            if state != UNTOUCHED and unit.declared and plain not in kept_as_written and re.search(r"[^\W\d_]{2}", plain):
                warnings.append(Diagnostic(shown, 0, f"unit '{unit.id}': the translation is the English text; "
                                                     "it was left untranslated", "warning"))
            state = UNTOUCHED
        done_parts[source_unit.part] = done_parts.get(source_unit.part, True) and state == DONE
        if incoming is None or state == UNTOUCHED:
            continue
        own = own_units.get(unit.id)
        exported = None if own is None else exported_text(source_unit, own)
        if exported is not None and " ".join(incoming.split()) == " ".join(target_po(exported).split()):
            continue  # as exported: unchanged, even where the translation has placeholders of its own
        try:
            pieces = (inline.from_po(unit.target, source_pieces) if exchange.fmt == "po"
                      else inline.from_rich(unit.target, source_pieces))
        except inline.PlaceholderError as error:
            problem(unit.id, str(error))
            continue
        text = " ".join(inline.to_markdown(pieces).split())
        control = CONTROL.search(text)
        if control:
            problem(unit.id, f"the translation contains control character U+{ord(control.group()):04X}; remove it")
            continue
        changed_structure = structure_change(source_unit.text, text)
        if changed_structure:
            problem(unit.id, changed_structure)
            continue
        left = _source_sentence_in(inline.to_plain(pieces), inline.to_plain(source_pieces))
        if left:
            problem(unit.id, f"the translation still holds the English sentence \"{left}\"; translate it, or "
                             "leave the unit empty")
            continue
        if own is None:
            problem(unit.id, f"has no place in {current.translation.shown_path}: its section there has fewer "
                             "paragraphs, items or cells than the source's; edit the Markdown itself")
            continue
        if not inline.ALLOWANCE.search(source_unit.text):
            text = " ".join([text, *inline.split_allowances(own.text)[1]])
        if text != own.text:
            changes[unit.id] = text
    if problems:
        raise ContentError(problems)
    new_text = _record(current, rewrite(translation_text, changes), done_parts)
    try:  # the file as it would be written must be a valid leaflet, or nothing is written
        content.parse_revision(new_text, current.translation.path, current.translation.lang, config)
    except ContentError as error:
        first = error.diagnostics[0]
        raise ContentError.at(shown, 0, f"importing it would break {current.translation.shown_path} (line "
                                        f"{first.line}: {first.message}); nothing was changed") from None
    return (current.translation.path, current.translation.shown_path, new_text, current.source,
            current.translation.lang, warnings)


# What a unit's text may not gain or lose in translation: it would change the leaflet's structure or facts.
STRUCTURE = (
    ("a heading", re.compile(r"(?:^|\n)\s{0,3}#{1,6}\s")),
    ("an {#id}", re.compile(r"\{#[^}]*\}")),
    ("a stage-table marker", re.compile(r"\[\[[^\]]*\]\]")),
    ("an image", re.compile(r"!\[")),
    ("a link", re.compile(r"\]\(|<https?://|(?<![\w(])https?://")),
    ("an HTML tag", re.compile(r"<(?!!--)/?[A-Za-z][^>]*>")),
    ("an e-mail address", re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")),
    ("a phone number", re.compile(r"(?<!\d)(?:\+?\d[\d ()-]{7,}\d)(?!\d)")),
)


def structure_change(source: str, target: str) -> str | None:
    """What the target adds to or drops from its source's structure (headings, ids, markers, images, links,
    HTML, e-mail addresses, phone numbers), or None."""
    for what, pattern in STRUCTURE:
        have, had = len(pattern.findall(target)), len(pattern.findall(source))
        if have > had:
            return f"the translation adds {what} that its source does not have; translate the words only"
        if have < had:
            return f"the translation drops {what} that its source has; keep it"
    return None


def _source_sentence_in(target: str, source: str) -> str | None:
    """A sentence of the source, of SENTENCE_WORDS words or more, that the target still holds word for word."""
    flat = " ".join(target.casefold().split())
    for sentence in re.split(r"(?<=[.!?:;])\s+", source):
        words = sentence.strip().rstrip(".!?:;")
        if len(words.split()) >= SENTENCE_WORDS and " ".join(words.casefold().split()) in flat:
            return sentence.strip()
    return None


def _record(current: Pair, text: str, done_parts: dict[str, bool]) -> str:
    """Parts whose every unit is done are recorded as translated from the current source."""
    recorded = current.translation.translated_from
    old = dict(recorded) if isinstance(recorded, dict) else {}
    now = fingerprints(current.source)
    record = {name: (digest if done_parts.get(name) else old[name])
              for name, digest in now.items() if done_parts.get(name) or name in old}
    if record == old or (recorded == UNTRANSLATED and not record):
        return text
    return replace_record(text, record)
