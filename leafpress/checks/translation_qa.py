"""Translation QA: translators change words, never facts (as translate-toolkit's pofilter or Xbench check).

For every part of a translation (title, summary, each stage, the introduction and each
section by id) it is compared with the same part of the source:

- numbers match, up to the language's formatting (1.5 is 1,5 in Russian; Arabic-Indic digits
  are the same digits);
- do-not-translate terms (`content/do-not-translate.txt`) appear unchanged where the source
  has them, unless the language's glossary gives them a target;
- glossary terms (`content/<lang>/glossary.csv`) are translated as agreed;
- links, e-mail addresses and phone numbers are the same.

Each finding is a warning naming the translation's `path:line` and the source's.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from leafpress.stored_results import ResultStore, decode_diagnostics, encode_diagnostics
from leafpress.checks.lines import Line, numbered_lines
from leafpress.checks.translation_status import is_untranslated
from leafpress.content.parts import Part, parts
from leafpress.content.terminology import Terminology, read_terminology
from leafpress.errors import ContentError, Diagnostic
from leafpress.files import file_digest, memo_by_file
from leafpress.locales import decimal_symbol, group_symbol
from leafpress.model import Leaflet

# A number: digits (any script: \d is Unicode), with decimal or group separators between digit runs,
# or a thin or no-break space before a group of exactly three digits ("1 000" in Russian).
NUMBER = re.compile(r"(?<![\d.,٫٬])\d+(?:[.,٫٬’']\d+|[\u00a0\u202f ](?=\d{2,3}(?!\d))\d{2,3})*")
ARABIC_DECIMAL, ARABIC_GROUP = "\u066b", "\u066c"
# Links, not images: a translation may show a picture of its own (or reach the same one by another path).
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)|<((?:https?|mailto|tel):[^>\s]+)>|"
                  r"(?<![(/])\b(https?://[^\s)>\]]+)")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PHONE = re.compile(r"(?<![\w+])\+?\d[\d\u00a0\u202f ()-]{6,}\d(?!\w)")
THOUSANDS = re.compile(r"\d{1,3}(?:[\u00a0\u202f ,.]\d{3})+")
ATTRIBUTE_ID = re.compile(r"\{:?[^}]*#([A-Za-z][\w-]*)[^}]*\}")


def units(leaflet: Leaflet) -> dict[str, Part]:
    """The parts compared, by a name that is the same in every language."""
    return {part.name: part for part in parts(leaflet)}


def _allows(part: Part, rule: str, raw: dict[int, Line]) -> bool:
    return any(raw[n].allows(rule) for n in range(part.span[0], part.span[1] + 1) if n in raw)


@lru_cache(maxsize=64)
def _decimal_symbols(lang: str) -> frozenset[str]:
    return frozenset({decimal_symbol(lang), ARABIC_DECIMAL})


@lru_cache(maxsize=64)
def _group_symbols(lang: str) -> frozenset[str]:
    """The language's own grouping marks; a no-break space stands for a thin one and for a space."""
    symbol = group_symbol(lang)
    spaces = {"\u00a0", "\u202f", " "}
    return frozenset({symbol, ARABIC_GROUP} | (spaces if symbol in spaces else set()))


@lru_cache(maxsize=65536)
def normalise(number: str, lang: str) -> str:
    """A number as written in `lang` -> its value as plain digits ('1,5' in Russian -> '1.5')."""
    if number.isascii() and number.isdigit():  # most numbers: no separator, no other digits
        return number.lstrip("0") or "0"
    digits = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in number)
    pieces = re.split(r"([.,٫٬’'\u00a0\u202f ])", digits)
    value = pieces[0]
    for separator, run in zip(pieces[1::2], pieces[2::2]):
        if separator in _decimal_symbols(lang) and "." not in value:
            value += "." + run
        elif separator in _group_symbols(lang) or (len(run) == 3 and separator not in _decimal_symbols(lang)):
            value += run  # a group of thousands (or of hundreds, as in India's 1,00,000)
        elif "." not in value:
            value += "." + run  # the other language's decimal separator: the dose check flags it
        else:
            value += run
    try:
        return format(Decimal(value).normalize(), "f")
    except InvalidOperation:
        return value


def numbers(text: str, lang: str) -> Counter:
    return Counter(normalise(match.group(), lang) for match in NUMBER.finditer(_without_links(text)))


def _phones(text: str) -> list[re.Match]:
    """Phone numbers: nine digits or more, and not a number grouped in thousands ('1 000 000')."""
    return [m for m in PHONE.finditer(text)
            if len(re.sub(r"\D", "", m.group())) >= 9 and not THOUSANDS.fullmatch(m.group())]


def _without_links(text: str) -> str:
    """Numbers inside addresses and phone numbers are compared as addresses and phone numbers."""
    text = EMAIL.sub(" ", LINK.sub(" ", text))
    for match in reversed(_phones(text)):
        text = text[:match.start()] + " " + text[match.end():]
    return text


def _addresses(text: str) -> Counter:
    found = [next(g for g in m.groups() if g) for m in LINK.finditer(text)]
    found += EMAIL.findall(text)
    found += [re.sub(r"\D", "", m.group()) for m in _phones(LINK.sub(" ", text))]
    found += [f"#{i}" for i in ATTRIBUTE_ID.findall(text)]
    return Counter(found)


def _contains(text: str, term: str, whole_word: bool) -> bool:
    if whole_word:
        return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags=re.IGNORECASE) is not None
    return term.casefold() in text.casefold()  # inflected target words keep the agreed stem


def compare(source: Leaflet, translation: Leaflet, terms: Terminology) -> list[Diagnostic]:
    """Every QA finding for one translation against its source."""
    found = []
    targets = {term.casefold(): (target, file, line) for term, target, file, line in terms.glossary}
    source_units, translated_units = units(source), units(translation)
    raw = {line.number: line for line in numbered_lines(translation.path, translation.shown_path)}
    for key, original in source_units.items():
        unit = translated_units.get(key)
        if unit is None:
            continue  # parity (validate.py) reports missing sections and stages

        def warn(line: int, message: str) -> None:
            found.append(Diagnostic(translation.shown_path, line, message, severity="warning"))

        if not _allows(unit, "numbers", raw):
            expected, written = numbers(original.text, source.lang), numbers(unit.text, translation.lang)
            for value in sorted((expected - written).elements()):
                where = original.line_of(_first_written(original.text, value, source.lang))
                warn(unit.line, f"number {value} is in {original.label} of the source ({source.shown_path}:"
                                f"{where}) but not in the translation")
            for value in sorted((written - expected).elements()):
                where = unit.line_of(_first_written(unit.text, value, translation.lang))
                warn(where, f"number {value} is not in {original.label} of the source ({source.shown_path}:"
                            f"{original.line})")
        if not _allows(unit, "links", raw):
            expected, written = _addresses(original.text), _addresses(unit.text)
            for address in sorted((expected - written).elements()):
                warn(unit.line, f"'{address}' is in {original.label} of the source ({source.shown_path}:"
                                f"{original.line_of(address)}) but not in the translation; links, e-mail "
                                "addresses and phone numbers stay the same")
        for term, file, line in terms.do_not_translate:
            if term.casefold() in targets or _allows(unit, "do-not-translate", raw):
                continue
            if _contains(original.text, term, True) and not _contains(unit.text, term, True):
                warn(unit.line, f"'{term}' is in {original.label} of the source ({source.shown_path}:"
                                f"{original.line_of(term)}) but not in the translation; it is not translated "
                                f"({file}:{line})")
        if _allows(unit, "glossary", raw):
            continue
        for term, (target, file, line) in targets.items():
            if _contains(original.text, term, True) and not _contains(unit.text, target, False):
                warn(unit.line, f"{original.label} of the source ({source.shown_path}:{original.line}) uses "
                                f"'{term}': the agreed translation is '{target}' ({file}:{line})")
    return found


def _first_written(text: str, value: str, lang: str) -> str:
    return next((m.group() for m in NUMBER.finditer(text) if normalise(m.group(), lang) == value), value)


def translation_warnings(pairs: list[tuple[Leaflet, Leaflet]], content_dir: Path,
                         display_root: Path | None = None, store: ResultStore | None = None) -> list[Diagnostic]:
    """QA findings for every (source, translation) pair that is really translated."""
    found: list[Diagnostic] = []
    problems: list[Diagnostic] = []
    terminology: dict[str, Terminology] = {}
    for source, translation in pairs:
        if is_untranslated(translation):
            continue
        if translation.lang not in terminology:
            try:
                terminology[translation.lang] = read_terminology(content_dir, translation.lang, display_root)
            except ContentError as error:
                problems += error.diagnostics
                terminology[translation.lang] = Terminology()
        found += _compared(source, translation, terminology[translation.lang], store or ResultStore())
    if problems:
        raise ContentError(problems)
    return found


@memo_by_file(lambda source, translation, terms, store: [source.path, translation.path],
              key=lambda source, translation, terms, store: (source.path, source.shown_path, translation.path,
                                                             translation.shown_path, terms, store))
def _compared(source: Leaflet, translation: Leaflet, terms: Terminology,
              store: ResultStore) -> tuple[Diagnostic, ...]:
    """`compare`, done again only when either file or the terminology changes: in memory for the preview, on
    disk by content for a fresh process."""
    key = ResultStore.key("translation-qa", file_digest(source.path), file_digest(translation.path),
                            source.shown_path, translation.shown_path, translation.lang, repr(terms))
    return store.remember(key, lambda: tuple(compare(source, translation, terms)), encode_diagnostics,
                          decode_diagnostics)
