"""Translation status: which parts of a translation are older than the source they were made from.

A translation records, in its front matter, a short hash of every part of the
source it was translated from (`translated_from:`). A part is the title and
summary, the stage table, the text before the first section, or a section
(by heading id). When the source part changes, its hash no longer matches.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from leafpress.model import Leaflet

UNTRANSLATED = "untranslated"
"""`translated_from: untranslated` marks a file copied from the source, not yet translated."""

UP_TO_DATE, STALE, MISSING = "up to date", "stale", "missing"


def fingerprint(text: str) -> str:
    """A short hash that ignores trailing spaces, line wrapping and blank-line changes."""
    normal = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:8]


def source_part_texts(source: Leaflet) -> dict[str, str]:
    """Every translatable part of a source leaflet, by a stable name, with its text."""
    parts = {
        "title": f"{source.title}\n{source.summary}",
        "stages": "\n".join(f"{s.name}\n{s.goal}\n" + "\n".join(s.treatments) for s in source.stages),
    }
    first_heading = source.body.find("\n## ")
    intro = source.body if first_heading < 0 else source.body[:first_heading]
    if intro.strip():
        parts["intro"] = intro.strip()
    for section in source.sections:
        parts[section.id] = f"{section.title}\n{section.text}"
    return parts


def source_parts(source: Leaflet) -> dict[str, str]:
    """Every translatable part of a source leaflet, by a stable name, with its fingerprint."""
    return {name: fingerprint(text) for name, text in source_part_texts(source).items()}


@dataclass(frozen=True)
class TranslationStatus:
    """Where one language version of one leaflet stands against its source."""

    slug: str
    lang: str
    state: str
    path: str
    stale_parts: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        return {"leaflet": self.slug, "language": self.lang, "state": self.state, "path": self.path,
                "stale_sections": list(self.stale_parts)}


def translation_status(source: Leaflet, translation: Leaflet | None, lang: str, expected_path: str) -> TranslationStatus:
    if translation is None or translation.translated_from == UNTRANSLATED:
        return TranslationStatus(source.slug, lang, MISSING, expected_path)
    recorded = translation.translated_from or {}
    stale = tuple(name for name, digest in source_parts(source).items() if recorded.get(name) != digest)
    return TranslationStatus(source.slug, lang, STALE if stale else UP_TO_DATE, translation.shown_path, stale)


def is_untranslated(leaflet: Leaflet) -> bool:
    return leaflet.translated_from == UNTRANSLATED


def replace_record(text: str, parts: dict[str, str] | str) -> str:
    """Rewrite (or add) the `translated_from:` block in a content file's front matter, keeping the rest."""
    from leafpress.frontmatter import set_block

    if isinstance(parts, str):
        return set_block(text, "translated_from", f"translated_from: {parts}\n")
    return set_block(text, "translated_from",
                     "translated_from:\n" + "".join(f"  {name}: {digest}\n" for name, digest in parts.items()))
