"""The one parts splitter: a leaflet cut into the pieces that stay the same in every language.

Everything that compares a translation with its source cuts the leaflet here: staleness and
approval fingerprints, `status --diff`, the translator's side-by-side page, translation QA,
readability and the exchange formats (which cut parts further into units, segments.py).

A part is one of:
- `title` and `summary` (front matter);
- `stage-N`, one stage of the treatment-stage table (front matter), if the leaflet has one;
- `intro`, the body before the first section heading;
- `section:ID`, a section by its heading id, heading included.

Parts are grouped as translations record them (`translated_from`) and approvals fingerprint
them (`approved_text`): `title` (title and summary), `stages` (every stage, and the table's own
caption and column headers), `intro`, and each
section by its id. A group's fingerprint ignores line wrapping and blank lines.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from leafpress.model import Leaflet

HEADING = re.compile(r"^##\s+(?P<title>.+?)\s*(?:\{\s*#(?P<id>[A-Za-z][\w-]*)\s*\})?\s*#*\s*$")
TITLE, STAGES, INTRO = "title", "stages", "intro"


@dataclass(frozen=True)
class Part:
    """One part: its name, the group it is recorded in, how messages name it, and its numbered lines.

    `span` is its first and last line in the file, blank and comment lines included: allowance
    comments are read from the raw lines, because YAML drops a comment from the value it follows.
    """

    name: str
    group: str
    label: str
    lines: tuple[tuple[int, str], ...]
    span: tuple[int, int]

    @property
    def line(self) -> int:
        return self.lines[0][0] if self.lines else 1

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.lines)

    def line_of(self, fragment: str) -> int:
        return next((number for number, text in self.lines if fragment in text), self.line)


def body_lines(leaflet: Leaflet) -> list[tuple[int, str]]:
    """The body as (file line number, text)."""
    return [(leaflet.body_line + offset, line) for offset, line in enumerate(leaflet.body.split("\n"))]


def section_starts(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(line, group) where each body group starts: the intro at the first line, then each section heading."""
    starts = [(lines[0][0], INTRO)] if lines else []
    for number, text in lines:
        heading = HEADING.match(text) if text.startswith("##") else None  # the test first: most lines are prose
        if heading:
            starts.append((number, heading.group("id") or ""))
    return starts


def group_at(starts: list[tuple[int, str]], line: int) -> str:
    """The group a body line belongs to."""
    group = INTRO
    for first, name in starts:
        if first > line:
            break
        group = name
    return group


def parts(leaflet: Leaflet) -> list[Part]:
    """Every part of a leaflet, in the order it is written."""
    key_lines = sorted(leaflet.key_lines.values())

    def until_next_key(line: int) -> int:
        return next((other - 1 for other in key_lines if other > line), leaflet.body_line - 2)

    title = leaflet.line_of("title")
    found = [Part(TITLE, TITLE, "the title", ((title, leaflet.title),), (title, until_next_key(title)))]
    if leaflet.summary:
        summary = leaflet.line_of("summary")
        found.append(Part("summary", TITLE, "the summary", ((summary, leaflet.summary),),
                          (summary, until_next_key(summary))))
    for number, stage in enumerate(leaflet.stages, start=1):
        text = "\n".join([stage.name, stage.goal, *stage.treatments])
        last = leaflet.stages[number].line - 1 if number < len(leaflet.stages) else until_next_key(stage.line)
        found.append(Part(f"stage-{number}", STAGES, f"stage {number}", ((stage.line, text),), (stage.line, last)))
    lines = body_lines(leaflet)
    starts = section_starts(lines)
    for index, (first, group) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else lines[-1][0] + 1
        own = tuple(lines[first - leaflet.body_line:end - leaflet.body_line])  # the body's lines are numbered in order
        if group == INTRO:
            if any(t.strip() for _, t in own):
                found.append(Part(INTRO, INTRO, "the introduction", own, (own[0][0], own[-1][0])))
            continue
        found.append(Part(f"section:{group}", group, f"section '{group}'", own, (first, end - 1)))
    return found


def group_texts(leaflet: Leaflet) -> dict[str, str]:
    """Each group's text, as its fingerprint is taken: title, stages, intro and each section id."""
    texts = {TITLE: f"{leaflet.title}\n{leaflet.summary}"}
    if leaflet.stages:
        table = leaflet.stage_table
        own_words = "\n".join([table.caption, *table.columns]).strip()
        texts[STAGES] = "\n".join(f"{s.name}\n{s.goal}\n" + "\n".join(s.treatments) for s in leaflet.stages) + (
            f"\n{own_words}" if own_words else "")
    for part in parts(leaflet):
        if part.group == INTRO:
            texts[INTRO] = part.text.strip()
    for section in leaflet.sections:
        texts[section.id] = f"{section.title}\n{section.text}"
    return texts


def fingerprint(text: str) -> str:
    """A short hash that ignores trailing spaces, line wrapping and blank-line changes."""
    normal = " ".join(text.split())  # str.split's whitespace is the same as re's \s, and 4 times as fast
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:8]


def fingerprints(leaflet: Leaflet) -> dict[str, str]:
    """Each group's fingerprint: what a translation records it was made from, and what an approval fixes."""
    # Kept by object, not by path: a revision from git has the same path but other text. The leaflet is
    # held with its prints, so its id cannot be reused by another object while the entry stands.
    held = _FINGERPRINTS.get(id(leaflet))
    if held is None or held[0] is not leaflet:
        if len(_FINGERPRINTS) > 4096:
            _FINGERPRINTS.clear()
        held = _FINGERPRINTS[id(leaflet)] = (leaflet, {name: fingerprint(text)
                                                      for name, text in group_texts(leaflet).items()})
    return dict(held[1])


_FINGERPRINTS: dict[int, tuple[Leaflet, dict[str, str]]] = {}  # a source is compared with each translation
