"""Allowance comments name real rules: a misspelt one would silence nothing, without a word."""

from __future__ import annotations

from leafpress.checks.lines import Line
from leafpress.errors import Diagnostic


def unknown_allowances(files: list[tuple[Line, ...]], known: tuple[str, ...]) -> list[Diagnostic]:
    """An error for every allowance comment naming a rule no check has."""
    problems = []
    for lines in files:
        for line in lines:
            for name in sorted(line.allowed - set(known)):
                problems.append(Diagnostic(line.path, line.number, f"'leafpress: allow {name}' names no rule; the "
                                                                   f"rules are {', '.join(known)}"))
    return problems
