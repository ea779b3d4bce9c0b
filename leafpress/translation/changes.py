"""What changed in the source since a translation was made: the old and new text of each stale part."""

from __future__ import annotations

from dataclasses import dataclass

from leafpress.checks.translation_status import TranslationStatus
from leafpress.config import SiteConfig
from leafpress.content.parts import group_texts
from leafpress.model import Leaflet
from leafpress.translation.source_texts import UNKNOWN, old_texts, store_path
from leafpress.translation.word_diff import word_diff


@dataclass(frozen=True)
class PartChange:
    """One stale part: the source text the translation was made from (if known) and the text now."""

    part: str
    old: str | None
    new: str
    found_in: str  # "stored", "git <revision>" or "unknown"

    @property
    def runs(self) -> list[tuple[str, str]]:
        return word_diff(self.old, self.new) if self.old is not None else []

    def as_dict(self) -> dict:
        return {"part": self.part, "old": self.old, "new": self.new, "old_text_from": self.found_in,
                "diff": [{"kind": kind, "words": words} for kind, words in self.runs]}


def part_changes(config: SiteConfig, source: Leaflet, translation: Leaflet,
                 status: TranslationStatus) -> list[PartChange]:
    """The changes behind each stale part of one translation, in the source's order."""
    recorded = translation.translated_from if isinstance(translation.translated_from, dict) else {}
    current = group_texts(source)
    wanted = {recorded[part] for part in status.stale_parts if part in recorded}
    found = old_texts(config, source, wanted)
    changes = []
    for part in status.stale_parts:
        digest = recorded.get(part)
        old = found.get(digest) if digest else None
        new = current.get(part, "")
        changes.append(PartChange(part, old.text if old else None, new, old.found_in if old else UNKNOWN))
    return changes


def unknown_reason(config: SiteConfig, source: Leaflet, change: PartChange) -> str:
    if change.part not in group_texts(source):
        return "the part is no longer in the source"
    store = store_path(config.content_dir, source.slug).relative_to(config.root).as_posix()
    return (f"the old text is unknown: the translation was recorded before {store} kept it, and no git "
            "revision of the source has it")
