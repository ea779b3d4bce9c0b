"""Front matter: split it from the body, parse its YAML with line numbers, check it against the schema."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

import yaml

from leafpress.errors import ContentError, Diagnostic

FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
# libyaml's loader is about ten times faster and keeps the same line marks.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Field:
    """One front-matter key: how to read it and its one-line doc."""

    name: str
    read: Callable[[yaml.Node], Any]
    doc: str
    required: bool = True


class FieldError(ValueError):
    """A value of the wrong shape; carries the node it was found at."""

    def __init__(self, node: yaml.Node, message: str):
        super().__init__(message)
        self.node = node


def line_of(node: yaml.Node, first_line: int) -> int:
    return first_line + node.start_mark.line


def text(node: yaml.Node) -> str:
    # The raw scalar keeps what the author typed: version 1.10 stays "1.10", not 1.1.
    if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
        raise FieldError(node, "must be text")
    if not node.value.strip():
        raise FieldError(node, "must not be empty")
    return node.value.strip()


def a_date(node: yaml.Node) -> date:
    value = text(node)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FieldError(node, f"must be a date like 2026-11-23, not '{value}'") from None


def one_of(*choices: str) -> Callable[[yaml.Node], str]:
    def read(node: yaml.Node) -> str:
        value = text(node)
        if value not in choices:
            raise FieldError(node, f"must be one of {', '.join(choices)}, not '{value}'")
        return value
    return read


def list_of(read_item: Callable[[yaml.Node], Any], what: str) -> Callable[[yaml.Node], tuple]:
    def read(node: yaml.Node) -> tuple:
        if not isinstance(node, yaml.SequenceNode):
            raise FieldError(node, f"must be a list of {what}")
        if not node.value:
            raise FieldError(node, f"must list at least one of {what}")
        return tuple(read_item(item) for item in node.value)
    return read


def mapping(node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A YAML mapping as {key: (key node, value node)}; duplicate keys are errors."""
    if not isinstance(node, yaml.MappingNode):
        raise FieldError(node, f"{what} must be a mapping of keys to values")
    result: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        name = str(key_node.value)
        if name in result:
            raise FieldError(key_node, f"key '{name}' appears twice")
        result[name] = (key_node, value_node)
    return result


def check_fields(schema: list[Field], entries: dict[str, tuple[yaml.Node, yaml.Node]],
                 where: yaml.Node, context: str, path: str, first_line: int,
                 problems: list[Diagnostic]) -> dict[str, Any]:
    """Read every field of `schema` from `entries`; record each problem, never stop at the first."""
    known = {f.name: f for f in schema}
    values: dict[str, Any] = {}
    for name, (key_node, _) in entries.items():
        if name not in known:
            problems.append(Diagnostic(path, line_of(key_node, first_line),
                                       f"unknown key '{name}'{context}; keys must be one of "
                                       f"{', '.join(sorted(known))}"))
    for f in schema:
        if f.name not in entries:
            if f.required:
                problems.append(Diagnostic(path, line_of(where, first_line),
                                           f"missing required key '{f.name}'{context}"))
            continue
        key_node, value_node = entries[f.name]
        try:
            values[f.name] = f.read(value_node)
        except FieldError as error:
            # Report at the offending item's line, or at the key for a whole-value problem.
            node = error.node if error.node is not value_node else key_node
            problems.append(Diagnostic(path, line_of(node, first_line), f"'{f.name}'{context} {error}"))
    return values


def split(source: str, path: str) -> tuple[str, str, int]:
    """Return (front matter YAML, body, line where the body starts)."""
    if not source.startswith("---"):
        raise ContentError.at(path, 1, "the file must start with front matter between '---' lines")
    fences = list(FENCE.finditer(source))
    if not fences or fences[0].start() != 0 or len(fences) < 2:
        raise ContentError.at(path, 1, "front matter is not closed: add a line '---' after it")
    opening, closing = fences[0], fences[1]
    yaml_text = source[opening.end() + 1:closing.start()]
    body_start = closing.end() + 1
    body_line = source.count("\n", 0, body_start) + 1
    return yaml_text, source[body_start:], body_line


def parse_yaml(yaml_text: str, path: str, first_line: int) -> yaml.Node:
    """Compose the YAML into nodes (which keep line numbers); errors name their line."""
    try:
        node = yaml.compose(yaml_text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        # The start of the broken construct (an unclosed bracket, say) is where the author must look.
        mark = error.context_mark or error.problem_mark
        line = first_line + (mark.line if mark else 0)
        problem = error.problem or error.context or "broken YAML"
        raise ContentError.at(path, line, f"invalid YAML in front matter: {problem}") from None
    if node is None:
        raise ContentError.at(path, first_line, "front matter is empty")
    return node


def set_block(text: str, key: str, block: str) -> str:
    """Rewrite (or add, before the closing '---') one top-level key of a file's front matter.

    `block` is the key's whole YAML, ending in a newline. Every other line stays as it was.
    """
    lines = text.splitlines(keepends=True)
    closing = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    start = next((i for i in range(1, closing) if re.match(rf"{re.escape(key)}\s*:", lines[i])), None)
    if start is None:
        return "".join(lines[:closing]) + block + "".join(lines[closing:])
    end = start + 1
    while end < closing and (lines[end].startswith((" ", "\t", "-")) or not lines[end].strip()):
        end += 1
    return "".join(lines[:start]) + block + "".join(lines[end:])
