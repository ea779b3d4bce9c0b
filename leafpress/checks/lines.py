"""A checked file as numbered lines, each knowing which checks its author silenced on purpose."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from leafpress.files import memo_by_file

# `<!-- leafpress: allow mixed-script -->` in Markdown (sanitising removes it from the page),
# `# leafpress: allow unit-space` in YAML front matter, site.toml or a catalog.
ALLOW = re.compile(r"(?:<!--|#)\s*leafpress:\s*allow\s+([A-Za-z][\w-]*(?:\s*,\s*[A-Za-z][\w-]*)*)")


@dataclass(frozen=True)
class Line:
    path: str
    number: int
    text: str
    allowed: frozenset[str]

    def allows(self, rule: str) -> bool:
        return rule in self.allowed


@memo_by_file(lambda path, shown: [path])
def numbered_lines(path: Path, shown: str) -> tuple[Line, ...]:
    """Read again only when the file changes (the preview checks on every save)."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for number, line in enumerate(text.split("\n"), start=1):
        allowed = frozenset(rule.strip() for match in ALLOW.finditer(line) for rule in match.group(1).split(","))
        lines.append(Line(shown, number, line, allowed))
    return tuple(lines)
