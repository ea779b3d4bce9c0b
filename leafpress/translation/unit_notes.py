"""What a translator needs to know about a unit, beside its text: where it is and how much room it has.

Every exported unit carries a note (XLIFF `<note>`, PO `#.`) naming its section, the kind of element,
the source line, and, where the printed layout is tight (the stage table's header cells and its
column headers, a Markdown table's header row), a length hint: the XLIFF unit also gets
`size-unit="char"` and `maxwidth`, which CAT tools that check lengths enforce.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from leafpress.translation.segments import Unit

KINDS = {
    "heading": "heading",
    "paragraph": "paragraph",
    "item": "list item",
    "checklist": "checklist item",
    "cell": "table cell",
    "alt": "alt text (read aloud in place of the picture)",
    "caption": "caption",
    "callout-title": "call-out title",
    "html": "text in HTML",
}
FRONT_MATTER_KINDS = (
    (re.compile(r"title$"), "leaflet title"),
    (re.compile(r"summary$"), "summary (under the title, and in the catalogue)"),
    (re.compile(r"stage-\d+/name$"), "stage table: a stage's name (row header cell)"),
    (re.compile(r"stage-\d+/goal$"), "stage table: a stage's goal (table cell)"),
    (re.compile(r"stage-\d+/treatment-\d+$"), "stage table: a treatment (list item in a table cell)"),
    (re.compile(r"stage-table/caption$"), "stage table: its caption"),
    (re.compile(r"stage-table/column-\d+$"), "stage table: a column header"),
)
TIGHT = re.compile(r"^stage-table/column-\d+$|^stage-\d+/name$|/table\d+-r1-c\d+$")
SECTION_NAMES = {"title": "Title and summary", "stages": "Treatment stages (the stage table)",
                 "intro": "Introduction (before the first heading)"}


@dataclass(frozen=True)
class UnitNote:
    section: str
    kind: str
    location: str  # path:line of the source
    max_length: int | None  # characters, where the layout is tight

    def text(self) -> str:
        parts = [f"Section: {self.section}", f"Kind: {self.kind}", f"Source: {self.location}"]
        if self.max_length:
            parts.append(f"Keep it short: at most about {self.max_length} characters, the layout is tight")
        return ". ".join(parts) + "."


def kind_of(unit: Unit) -> str:
    if unit.kind == "yaml":
        return next(label for pattern, label in FRONT_MATTER_KINDS if pattern.search(unit.id))
    label = KINDS.get(unit.kind, unit.kind)
    if "/callout" in unit.id and unit.kind != "callout-title":
        return f"{label} in a call-out"
    if unit.kind == "cell" and re.search(r"-r1-c\d+$", unit.id):
        return "table header cell"
    return label


def max_length(unit: Unit) -> int | None:
    """Room for a tight unit: its English length and a half again, at least 12 characters."""
    if not TIGHT.search(unit.id):
        return None
    return max(12, round(len(unit.text) * 1.5))


def unit_notes(units: list[Unit], shown_path: str) -> dict[str, UnitNote]:
    """Each unit's note, by id."""
    headings = {unit.part: unit.text for unit in units if unit.kind == "heading" and unit.id == f"{unit.part}/heading"}
    return {unit.id: UnitNote(SECTION_NAMES.get(unit.part) or headings.get(unit.part, unit.part), kind_of(unit),
                              f"{shown_path}:{unit.line}", max_length(unit))
            for unit in units}
