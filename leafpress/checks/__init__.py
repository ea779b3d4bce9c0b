"""Checks of the words patients read: text that prints exactly as it was typed.

Each module checks one thing and returns diagnostics with the file and line;
`text_checks` runs them all over every content file.
"""

from __future__ import annotations

from functools import lru_cache
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
        found += _content_findings(leaflet.path, leaflet.shown_path, leaflet.lang, *file_stamp(leaflet.path))
    for path, shown in other_files:
        found += _printed_file_findings(path, shown, *file_stamp(path))
    return found


def file_stamp(path: Path) -> tuple[int, int]:
    """Size and modification time: what says a file changed, without reading it."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


# Found again only when the file changes: the preview checks every file on every save.
@lru_cache(maxsize=4096)
def _content_findings(path: Path, shown: str, lang: str, size: int, mtime_ns: int) -> tuple[Diagnostic, ...]:
    lines = numbered_lines(path, shown)
    return (*invisible_characters(lines), *mixed_scripts(lines), *dose_numbers(lines, lang))


@lru_cache(maxsize=1024)
def _printed_file_findings(path: Path, shown: str, size: int, mtime_ns: int) -> tuple[Diagnostic, ...]:
    return tuple(invisible_characters(numbered_lines(path, shown)))
