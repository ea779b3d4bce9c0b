"""The registry of checks: each one's name, one-line doc, function and the rules an allowance may silence.

The check stage runs them in this order over a loaded site (`run_checks`). `leafpress config`
lists them, and an allowance comment naming a rule that is not here is an error. Adding a
check is one module and one entry below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from leafpress.checks import glyphs, readability, review_dates, translation_qa, ui_strings
from leafpress.checks.allowances import unknown_allowances
from leafpress.stored_results import ResultStore, decode_diagnostics, encode_diagnostics, result_store
from leafpress.checks.invisible import invisible_characters
from leafpress.checks.lines import numbered_lines
from leafpress.checks.numbers import dose_numbers
from leafpress.checks.scripts import mixed_scripts
from leafpress.config import SiteConfig
from leafpress.content.pronunciation import read_pronunciations
from leafpress.errors import Diagnostic, LeafpressError, display_path
from leafpress.files import file_digest, memo_by_file
from leafpress.model import Leaflet, Site


@dataclass(frozen=True)
class Rule:
    """A kind of finding an author may keep on purpose: `<!-- leafpress: allow NAME (why) -->`."""

    name: str
    doc: str


@dataclass(frozen=True)
class CheckInputs:
    """What every check may look at."""

    config: SiteConfig
    site: Site
    today: date
    display_root: Path | None = None
    printed_files: tuple[Path, ...] = ()  # catalogs and site.toml: their words are printed too

    @property
    def leaflets(self) -> list[Leaflet]:
        return self.site.all()

    def shown(self, path: Path) -> str:
        return display_path(path, self.display_root)


@dataclass(frozen=True)
class Check:
    name: str
    doc: str
    run: Callable[[CheckInputs], list[Diagnostic]]
    rules: tuple[Rule, ...] = field(default=())


@memo_by_file(lambda store, check, path, shown, lang: [path])
def _line_findings(store: ResultStore, check: str, path: Path, shown: str, lang: str) -> tuple[Diagnostic, ...]:
    """One line check over one file: in memory until the file changes (the preview asks on every save), and
    on disk by the file's content (a fresh process checks only what changed)."""
    def find() -> tuple[Diagnostic, ...]:
        lines = numbered_lines(path, shown)
        if check == "invisible":
            return tuple(invisible_characters(lines))
        if check == "mixed-script":
            return tuple(mixed_scripts(lines))
        return tuple(dose_numbers(lines, lang))
    return store.remember(ResultStore.key(check, file_digest(path), shown, lang), find, encode_diagnostics,
                          decode_diagnostics)


def _per_line(check: str, with_printed_files: bool = False) -> Callable[[CheckInputs], list[Diagnostic]]:
    def run(inputs: CheckInputs) -> list[Diagnostic]:
        store = result_store(inputs.config.root)
        found = [f for doc in inputs.leaflets
                 for f in _line_findings(store, check, doc.path, doc.shown_path, doc.lang)]
        if with_printed_files:
            found += [f for path in inputs.printed_files
                      for f in _line_findings(store, check, path, inputs.shown(path), "")]
        return found
    return run


def _review_dates(inputs: CheckInputs) -> list[Diagnostic]:
    return review_dates.review_warnings(inputs.leaflets, inputs.today, inputs.config.editions.review_warning_days)


def _ui_strings(inputs: CheckInputs) -> list[Diagnostic]:
    # A catalog matters once its language has a page to show (a new language may have none yet).
    config = inputs.config
    shown = tuple(lang for lang in config.languages.order
                  if any(lang in versions for versions in inputs.site.leaflets.values()))
    theme = config.theme
    read = [path for _, path in sorted(theme.files(suffixes=(".html",)).items())] + \
        [theme.catalog(lang) for lang in shown]
    key = ResultStore.key("ui-strings", *shown, config.languages.source, str(inputs.display_root),
                            *(f"{path}\0".encode() + (path.read_bytes() if path.is_file() else b"-") for path in read))
    return list(result_store(config.root).remember(
        key, lambda: tuple(ui_strings.catalog_problems(theme, shown, config.languages.source, inputs.display_root)),
        encode_diagnostics, decode_diagnostics))


def _glyphs(inputs: CheckInputs) -> list[Diagnostic]:
    store = result_store(inputs.config.root)
    fonts = tuple(inputs.config.theme.font_files())
    fonts_digest = glyphs.fonts_digest(fonts)
    covered: list[frozenset[int]] = []  # the fonts' code points, read (or recalled) for the first changed file
    coverage_key = ResultStore.key("font-coverage", fonts_digest)
    store.keep(coverage_key)

    def missing(path: Path) -> tuple[Diagnostic, ...]:
        if not covered:
            covered.append(store.remember(coverage_key, lambda: glyphs.covered_characters(fonts), sorted,
                                          lambda entry: frozenset(int(point) for point in entry)))
        text = path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
        return tuple(glyphs.missing_glyphs(text, 1, inputs.shown(path), fonts, covered[0]))
    found = []
    for path in [doc.path for doc in inputs.leaflets] + list(inputs.printed_files):
        key = ResultStore.key("glyphs", file_digest(path), inputs.shown(path), fonts_digest)
        found += store.remember(key, lambda: missing(path), encode_diagnostics, decode_diagnostics)
    return found


def _readability(inputs: CheckInputs) -> list[Diagnostic]:
    store = readability.readability_store(inputs.config)
    return [w for doc in inputs.leaflets for w in store.assess(doc, inputs.config.readability).warnings]


def _translation_qa(inputs: CheckInputs) -> list[Diagnostic]:
    config = inputs.config
    sources = {slug: versions[config.languages.source] for slug, versions in inputs.site.leaflets.items()}
    pairs = [(sources[doc.slug], doc) for doc in inputs.leaflets if doc.lang != config.languages.source]
    return translation_qa.translation_warnings(pairs, config.content_dir, inputs.display_root,
                                               result_store(config.root))


def _allowances(inputs: CheckInputs) -> list[Diagnostic]:
    store, known = result_store(inputs.config.root), rule_names()
    found = []
    for doc in inputs.leaflets:
        key = ResultStore.key("allowances", file_digest(doc.path), doc.shown_path, *known)
        found += store.remember(
            key, lambda: tuple(unknown_allowances([numbered_lines(doc.path, doc.shown_path)], known)),
            encode_diagnostics, decode_diagnostics)
    return found


def _pronunciation(inputs: CheckInputs) -> list[Diagnostic]:
    problems = []
    for lang in inputs.config.languages.order:
        try:
            read_pronunciations(inputs.config.content_dir, lang, inputs.display_root)
        except LeafpressError as error:
            problems += error.diagnostics
    return problems


DOSE_RULES = (
    Rule("unit-space", "'10mg': a number glued to its unit (a glued 'l' or 'U' is read as a digit)."),
    Rule("leading-zero", "'.5 mg': a dose without its leading zero (read as 5 mg)."),
    Rule("trailing-zero", "'5.0 mg': a dose with a trailing zero (read as 50 mg)."),
    Rule("decimal-separator", "'1,5 mg' in English: the other language's decimal separator."),
)

CHECKS: tuple[Check, ...] = (
    Check("review-dates", "A leaflet near or past its next review date.", _review_dates),
    Check("ui-strings", "Every interface string is translated in every shown language's catalog.", _ui_strings),
    Check("glyphs", "Every printed character has a glyph in the theme's fonts.", _glyphs),
    Check("invisible", "Invisible and direction-changing characters.", _per_line("invisible", True),
          (Rule("invisible", "An invisible format character kept on purpose (never a direction override)."),)),
    Check("mixed-script", "Words mixing alphabets, e.g. a Latin drug name with a Cyrillic letter.",
          _per_line("mixed-script"), (Rule("mixed-script", "A word that mixes alphabets on purpose."),)),
    Check("doses", "Doses written as prescription-safety style asks (ISMP, NHS).", _per_line("doses"), DOSE_RULES),
    Check("readability", "Plain language per section, on the formula validated for the language.", _readability,
          (Rule("readability", "A section kept hard to read on purpose (put it on any line of the section)."),)),
    Check("translation-qa", "A translation keeps its source's facts: numbers, terms, links and phones.",
          _translation_qa, (
              Rule("numbers", "A number that differs from the source's on purpose (say, a dual form)."),
              Rule("links", "A link, e-mail or phone that differs from the source's on purpose."),
              Rule("do-not-translate", "A do-not-translate term translated on purpose."),
              Rule("glossary", "A glossary term translated otherwise on purpose."))),
    Check("allowances", "Every allowance comment names a rule of this registry.", _allowances),
    Check("pronunciation", "Each language's pronunciation list (content/<lang>/pronunciation.txt) is 'written = "
          "spoken' lines, each written form once.", _pronunciation),
)


def rule_names() -> tuple[str, ...]:
    return tuple(rule.name for check in CHECKS for rule in check.rules)


def run_checks(inputs: CheckInputs) -> list[Diagnostic]:
    """Every finding of every check, errors and warnings, in the registry's order."""
    found: list[Diagnostic] = []
    for check in CHECKS:
        try:
            found += check.run(inputs)
        except LeafpressError as error:  # a broken input a check reads (a glossary, a catalog)
            found += error.diagnostics
    return found


def describe() -> str:
    """The checks and the rule names allowances may use, for `leafpress config`."""
    lines = ["Checks (run by check, build and serve), and the rules an allowance comment may name:"]
    for check in CHECKS:
        lines.append(f"  {check.name}: {check.doc}")
        lines += [f"    allow {rule.name}: {rule.doc}" for rule in check.rules]
    return "\n".join(lines)
