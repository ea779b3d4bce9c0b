"""A content file cut into translation units, each with a stable id and where it is in the file.

Units: the title, the summary, each stage's name, goal and treatment (front matter), and
in the body each heading, paragraph, list item and table cell. Ids are built from the
section id and the position (`symptoms/li3`, `stage-2/treatment-1`), so they stay the same
across exports. Each unit knows the character span of its text in the file, so a changed
translation can be written back without touching anything else.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass

import yaml

from leafpress.content import frontmatter as fm
from leafpress.content.parts import HEADING, INTRO, group_at, section_starts
from leafpress.model import STAGES_MARKER

LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+]|\d+[.)])\s+(?P<text>.*)$")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
WRAP = 76


@dataclass(frozen=True)
class Unit:
    """One translatable piece of a file."""

    id: str
    part: str  # the staleness part it belongs to: title, stages, intro, or a section id
    text: str  # Markdown inline text, its lines joined with single spaces
    kind: str  # "yaml", "heading", "paragraph", "item" or "cell"
    start: int  # character span in the decoded file text that holds the unit
    end: int
    line: int  # first line, 1-based
    prefix: str = ""  # for items: indentation and marker; for YAML: how the value was quoted


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
    return units


def _body_units(text: str) -> list[Unit]:
    _, body, body_line = fm.split(text, "")
    body_start = len(text) - len(body)
    lines = body.split("\n")
    starts = []  # character offset of each body line in the file
    position = body_start
    for line in lines:
        starts.append(position)
        position += len(line) + 1
    units: list[Unit] = []
    groups = section_starts([(body_line + offset, line) for offset, line in enumerate(lines)])
    part = INTRO
    counters: dict[str, int] = {}

    def next_id(kind: str) -> str:
        key = f"{part}/{kind}"
        counters[key] = counters.get(key, 0) + 1
        return f"{key}{counters[key]}"

    index = 0
    while index < len(lines):
        line = lines[index]
        number = body_line + index
        heading = HEADING.match(line)
        if heading and heading.group("id"):
            part = group_at(groups, number)
            title = heading.group("title")
            begin = starts[index] + line.index(title)
            units.append(Unit(f"{part}/heading", part, title, "heading", begin, begin + len(title), number))
            index += 1
            continue
        stripped = line.strip()
        if not stripped or stripped == STAGES_MARKER or stripped.startswith(("<", "{:")) or line.startswith("#"):
            index += 1
            continue
        if TABLE_ROW.match(line):
            table = next_id("table")
            row = 0
            while index < len(lines) and TABLE_ROW.match(lines[index]):
                if not TABLE_RULE.match(lines[index]):
                    row += 1
                    cells = _cells(lines[index])
                    for column, (cell_start, cell_end) in enumerate(cells, start=1):
                        cell = lines[index][cell_start:cell_end]
                        units.append(Unit(f"{table}-r{row}-c{column}", part, cell.strip(), "cell",
                                          starts[index] + cell_start, starts[index] + cell_end, body_line + index))
                index += 1
            continue
        item = LIST_ITEM.match(line)
        end = index + 1
        if item:
            while end < len(lines) and lines[end].strip() and lines[end].startswith(" ") \
                    and not LIST_ITEM.match(lines[end]):
                end += 1
            first = item.group("text")
            rest = [lines[i].strip() for i in range(index + 1, end)]
            prefix = line[:len(line) - len(first)]
            units.append(Unit(next_id("li"), part, " ".join([first, *rest]).strip(), "item",
                              starts[index] + len(prefix), starts[end - 1] + len(lines[end - 1]), number, prefix))
        else:
            while end < len(lines) and lines[end].strip() and not LIST_ITEM.match(lines[end]) \
                    and not HEADING.match(lines[end]) and not TABLE_ROW.match(lines[end]) \
                    and lines[end].strip() != STAGES_MARKER:
                end += 1
            joined = " ".join(lines[i].strip() for i in range(index, end))
            units.append(Unit(next_id("p"), part, joined, "paragraph", starts[index],
                              starts[end - 1] + len(lines[end - 1]), number))
        index = end
    return units


def _cells(row: str) -> list[tuple[int, int]]:
    """Character spans of a table row's cells (between its pipes)."""
    pipes = [m.start() for m in re.finditer(r"(?<!\\)\|", row)]
    return [(left + 1, right) for left, right in zip(pipes, pipes[1:])]


def units_of(text: str) -> list[Unit]:
    """Every translation unit of a content file's decoded text, in file order."""
    return _yaml_units(text) + _body_units(text)


def _yaml_scalar(value: str, style: str) -> str:
    plain_safe = (style == "" and value and value.strip() == value and not re.search(r": |\s#|^[-?:,\[\]{}#&*!|>'\"%@`]", value))
    return value if plain_safe else json.dumps(value, ensure_ascii=False)  # a JSON string is YAML too


def replacement(unit: Unit, new_text: str, original: str) -> str:
    """What replaces the unit's span in the file when its text becomes `new_text`."""
    if unit.kind == "yaml":
        return _yaml_scalar(new_text, unit.prefix)
    if unit.kind in ("heading", "cell"):
        return f" {new_text} " if unit.kind == "cell" and original.startswith(" ") else new_text
    indent = " " * len(unit.prefix) if unit.kind == "item" else ""
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
