"""Checks of the words patients read: text that prints exactly as it was typed.

Each module checks one thing and returns diagnostics with the file and line;
`text_checks` runs them all over every content file.
"""

from __future__ import annotations

from pathlib import Path

from leafpress.checks.lines import numbered_lines
from leafpress.checks.invisible import invisible_characters
from leafpress.checks.scripts import mixed_scripts
from leafpress.checks.numbers import dose_numbers
from leafpress.errors import Diagnostic
from leafpress.model import Leaflet

__all__ = ["text_checks"]


def text_checks(leaflets: list[Leaflet], other_files: list[tuple[Path, str]] = ()) -> list[Diagnostic]:
    """Every finding in the content files, and invisible characters in the other printed files.

    `other_files` are (path, shown path) of catalogs and the configuration: their text is
    printed too, but their words are the interface's, not a leaflet's.
    """
    found: list[Diagnostic] = []
    for leaflet in leaflets:
        lines = numbered_lines(leaflet.path, leaflet.shown_path)
        found += invisible_characters(lines)
        found += mixed_scripts(lines)
        found += dose_numbers(lines, leaflet.lang)
    for path, shown in other_files:
        found += invisible_characters(numbered_lines(path, shown))
    return found
