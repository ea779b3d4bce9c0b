"""Plain data passed between the pipeline stages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

STAGES_MARKER = "[[stages]]"
"""The line authors put in the Markdown body where the treatment-stage table goes."""

NOTES_MARKER = re.compile(r"\[\[notes(?:\s+(\d+))?\]\]")
"""A line `[[notes 8]]` in the body: a space of eight writing lines for the patient's own notes."""
DEFAULT_NOTE_LINES, MAX_NOTE_LINES = 6, 30
MARKER = re.compile(r"^\s*\[\[[^\]]*\]\]\s*$")  # any line that looks like a marker, known or not

UNTRANSLATED = "untranslated"
"""`translated_from: untranslated` marks a file copied from the source, not yet translated."""


@dataclass(frozen=True)
class Stage:
    """One row of the treatment-stage table."""

    name: str
    goal: str
    treatments: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class StageTable:
    """The words around the stage table that a leaflet may set: its caption and column headers.

    Empty means the interface's own words ("Treatment stages"; Stage, Goal, Treatments).
    """

    caption: str = ""
    columns: tuple[str, ...] = ()  # the three column headers, or none
    line: int = 0


@dataclass(frozen=True)
class Section:
    """A level-2 heading of the body and the text under it, up to the next one."""

    id: str
    title: str
    line: int
    text: str


@dataclass(frozen=True)
class Approval:
    """One approved version of a leaflet, as its history records it."""

    version: str
    date: date
    approved_by: str
    summary: str
    text: str = ""  # digest of that version's approved text (checks/signatures.py)
    signature: str = ""  # the approver's SSH signature of this entry, chained to the one before


@dataclass(frozen=True)
class Leaflet:
    """One language version of one leaflet, as loaded from `content/<lang>/<slug>.md`."""

    slug: str
    lang: str
    path: Path
    shown_path: str
    title: str
    leaflet_id: str
    version: str
    status: str
    published: date
    next_review: date
    owner: str
    sources: tuple[str, ...]
    stages: tuple[Stage, ...]  # empty: a leaflet without a treatment-stage table
    summary: str
    body: str
    body_line: int
    sections: tuple[Section, ...]
    translated_from: dict[str, str] | str | None = None
    editions: tuple[str, ...] | None = None  # overrides the site's [editions] build for this leaflet
    stage_table: StageTable = StageTable()
    approved_by: str = ""  # who approved this text (written by `leafpress approve`)
    approved_on: date | None = None
    approved_text: dict[str, str] | None = None  # fingerprints of the approved text, per part
    approval_signature: str = ""  # the approver's SSH signature of this approval (checks/signatures.py)
    history: tuple["Approval", ...] = ()  # the source's approved versions, oldest first
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


@dataclass(frozen=True)
class Site:
    """The pages to build: slug -> page language -> the leaflet shown in that language.

    A page's leaflet is the translation, or the source leaflet where a language
    fills a missing translation from the source (then `leaflet.lang != page language`).
    """

    leaflets: dict[str, dict[str, Leaflet]]
    statuses: tuple = ()

    def all(self) -> list[Leaflet]:
        """Each distinct leaflet file once."""
        unique = {doc.path: doc for by_lang in self.leaflets.values() for doc in by_lang.values()}
        return list(unique.values())


@dataclass(frozen=True)
class Output:
    """One file to publish: its path below the output folder and its bytes."""

    relative_path: str
    data: bytes
    pages: int = 0
