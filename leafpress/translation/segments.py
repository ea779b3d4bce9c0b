"""A content file cut into translation units, each with a stable id and where it is in the file.

Units: the title, the summary, each stage's name, goal and treatment, and the stage table's own
caption and column headers (front matter); and every piece of text in the body (see
body_units.py). Ids are built from the section id and the position (`symptoms/li3`,
`stage-2/treatment-1`), so they stay the same across exports. Each unit knows the character
span of its text in the file, so a changed translation can be written back without touching
anything else.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass

import yaml

from leafpress.content import frontmatter as fm
from leafpress.translation.body_units import body_units

WRAP = 76
IN_PLACE = ("heading", "cell", "alt", "caption", "callout-title", "html")  # replaced where they stand, never re-wrapped


@dataclass(frozen=True)
class Unit:
    """One translatable piece of a file."""

    id: str
    part: str  # the staleness part it belongs to: title, stages, intro, or a section id
    text: str  # Markdown inline text, its lines joined with single spaces
    kind: str  # yaml, heading, paragraph, item, checklist, cell, alt, caption, callout-title or html
    start: int  # character span in the decoded file text that holds the unit
    end: int
    line: int  # first line, 1-based
    prefix: str = ""  # items: indentation and marker; paragraphs: indentation; YAML: how the value was quoted


def _yaml_units(text: str) -> list[Unit]:
    yaml_text, _, _ = fm.split(text, "")
    offset = text.index("\n") + 1  # the YAML starts after the opening '---' line
    root = yaml.compose(yaml_text, Loader=fm.LOADER)
    entries = fm.mapping(root, "front matter")
    units = []

    def add(node: yaml.Node, unit_id: str, part: str) -> None:
        if isinstance(node, yaml.ScalarNode):
            units.append(Unit(unit_id, part, " ".join(node.value.split()), "yaml",
                              offset + node.start_mark.index, offset + node.end_mark.index,
                              2 + node.start_mark.line, node.style or ""))

    for key in ("title", "summary"):
        if key in entries:
            add(entries[key][1], key, "title")
    if "stages" in entries and isinstance(entries["stages"][1], yaml.SequenceNode):
        for number, stage in enumerate(entries["stages"][1].value, start=1):
            fields = fm.mapping(stage, "stage")
            for name in ("name", "goal"):
                if name in fields:
                    add(fields[name][1], f"stage-{number}/{name}", "stages")
            if "treatments" in fields and isinstance(fields["treatments"][1], yaml.SequenceNode):
                for index, item in enumerate(fields["treatments"][1].value, start=1):
                    add(item, f"stage-{number}/treatment-{index}", "stages")
    if "stage_table" in entries and isinstance(entries["stage_table"][1], yaml.MappingNode):
        fields = fm.mapping(entries["stage_table"][1], "stage_table")
        if "caption" in fields:
            add(fields["caption"][1], "stage-table/caption", "stages")
        if "columns" in fields and isinstance(fields["columns"][1], yaml.SequenceNode):
            for index, item in enumerate(fields["columns"][1].value, start=1):
                add(item, f"stage-table/column-{index}", "stages")
    return units


def _body_units(text: str) -> list[Unit]:
    _, body, body_line = fm.split(text, "")
    return body_units(text, body, body_line, Unit)


def units_of(text: str) -> list[Unit]:
    """Every translation unit of a content file's decoded text, in file order."""
    return _yaml_units(text) + _body_units(text)


def _yaml_scalar(value: str, style: str) -> str:
    """`value` as YAML: plain where the original was plain and reads back as the same string, else quoted."""
    plain_safe = (style == "" and value and value.strip() == value and "\n" not in value
                  and not re.search(r": |:$|\s#|^[-?:,\[\]{}#&*!|>'\"%@`]", value) and _reads_back(value))
    return value if plain_safe else json.dumps(value, ensure_ascii=False)  # a JSON string is YAML too


def _reads_back(value: str) -> bool:
    try:
        return yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        return False


def replacement(unit: Unit, new_text: str, original: str) -> str:
    """What replaces the unit's span in the file when its text becomes `new_text`."""
    if unit.kind == "yaml":
        return _yaml_scalar(new_text, unit.prefix)
    if unit.kind in IN_PLACE:
        return f" {new_text} " if unit.kind == "cell" and original.startswith(" ") else new_text
    indent = " " * len(unit.prefix) if unit.kind in ("item", "checklist") else unit.prefix
    width = max(WRAP, max(len(line) for line in original.split("\n")))
    lines = textwrap.wrap(new_text, width=width - len(indent), break_long_words=False, break_on_hyphens=False)
    return ("\n" + indent).join(lines)


def rewrite(text: str, changes: dict[str, str]) -> str:
    """`text` with each unit whose id is in `changes` given its new text; nothing else is touched."""
    units = {unit.id: unit for unit in units_of(text)}
    for unit_id, new_text in sorted(changes.items(), key=lambda item: -units[item[0]].start):
        unit = units[unit_id]
        original = text[unit.start:unit.end]
        text = text[:unit.start] + replacement(unit, new_text, original) + text[unit.end:]
    return text
