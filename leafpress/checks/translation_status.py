"""Translation status: which parts of a translation are older than the source they were made from.

A translation records, in its front matter, the fingerprint of every part of the source it
was translated from (`translated_from:`; see content/parts.py). When a source part changes,
its fingerprint no longer matches and the translation is stale in that part.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from leafpress.content.parts import fingerprints
from leafpress.model import UNTRANSLATED, Leaflet

UP_TO_DATE, STALE, MISSING, NEW = "up to date", "stale", "missing", "not yet translated"
"""NEW: a translation with no record of the source it was made from (`mark-translated` writes one)."""


@dataclass(frozen=True)
class TranslationStatus:
    """Where one language version of one leaflet stands against its source."""

    slug: str
    lang: str
    state: str
    path: str
    stale_parts: tuple[str, ...] = field(default_factory=tuple)  # a new translation: every part, none recorded

    def as_dict(self) -> dict:
        return {"leaflet": self.slug, "language": self.lang, "state": self.state, "path": self.path,
                "stale_sections": list(self.stale_parts) if self.state == STALE else []}


def translation_status(source: Leaflet, translation: Leaflet | None, lang: str, expected_path: str) -> TranslationStatus:
    if translation is None or translation.translated_from == UNTRANSLATED:
        return TranslationStatus(source.slug, lang, MISSING, expected_path)
    parts = fingerprints(source)
    if translation.translated_from is None:
        return TranslationStatus(source.slug, lang, NEW, translation.shown_path, tuple(parts))
    recorded = translation.translated_from
    stale = tuple(name for name, digest in parts.items() if recorded.get(name) != digest)
    return TranslationStatus(source.slug, lang, STALE if stale else UP_TO_DATE, translation.shown_path, stale)


def is_untranslated(leaflet: Leaflet) -> bool:
    return leaflet.translated_from == UNTRANSLATED
