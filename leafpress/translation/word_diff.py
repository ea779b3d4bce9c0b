"""Word-level diffs of source text, as `git diff --word-diff` shows them: in colour, or with plain markers."""

from __future__ import annotations

import difflib
import os
import sys
from typing import TextIO

EQUAL, REMOVED, ADDED = "equal", "removed", "added"
CONTEXT_WORDS = 8  # unchanged words shown around each change


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(kind, words) runs that turn `old` into `new`; whitespace and line wrapping do not count."""
    before, after = old.split(), new.split()
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append((EQUAL, " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            runs.append((REMOVED, " ".join(before[i1:i2])))
        if j2 > j1:
            runs.append((ADDED, " ".join(after[j1:j2])))
    return runs


def use_colour(stream: TextIO | None = None) -> bool:
    """Colour on a terminal, unless NO_COLOR is set (no-color.org); plain markers in CI and pipes."""
    stream = stream or sys.stdout
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def render(runs: list[tuple[str, str]], colour: bool, context: int = CONTEXT_WORDS) -> str:
    """One line: each change with a few words of context, '…' where unchanged text is left out."""
    pieces = []
    for index, (kind, words) in enumerate(runs):
        if kind == REMOVED:
            pieces.append(f"\x1b[31;9m{words}\x1b[0m" if colour else f"[-{words}-]")
        elif kind == ADDED:
            pieces.append(f"\x1b[32;4m{words}\x1b[0m" if colour else f"{{+{words}+}}")
        else:
            split = words.split()
            first, last = index == 0, index == len(runs) - 1
            if len(split) > 2 * context:
                head = [] if first else split[:context]
                tail = [] if last else split[-context:]
                words = " ".join([*head, "…", *tail]).strip()
            pieces.append(words)
    return " ".join(piece for piece in pieces if piece)
