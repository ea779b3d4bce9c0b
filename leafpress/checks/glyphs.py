"""Every printed character has a glyph in the theme's fonts: otherwise it would print as an empty box."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from leafpress.errors import Diagnostic
from leafpress.files import memo_by_file


@memo_by_file(lambda font_files: font_files, maxsize=8)
def covered_characters(font_files: tuple[Path, ...]) -> frozenset[int]:
    """Every code point that one of the fonts has a glyph for."""
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for path in font_files:
        with TTFont(path, lazy=True) as font:
            points.update(font.getBestCmap() or {})
    return frozenset(points)


@memo_by_file(lambda font_files: font_files, maxsize=8)
def fonts_digest(font_files: tuple[Path, ...]) -> str:
    """One hash of the fonts' names and bytes: what a stored glyph finding depends on besides its file."""
    digest = hashlib.sha256()
    for path in font_files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def needs_glyph(char: str) -> bool:
    # Spaces, controls and format characters (bidi marks, soft hyphen...) draw no glyph of their own.
    return unicodedata.category(char)[0] not in {"Z", "C"} and char not in "\n\t"


def missing_glyphs(text: str, first_line: int, path: str, font_files: tuple[Path, ...],
                   covered: frozenset[int] | None = None) -> list[Diagnostic]:
    """One error per character (and line) that no font can draw (`covered`: the fonts' code points, if known)."""
    covered = covered_characters(font_files) if covered is None else covered
    # Almost every file is fully covered: find that with one set operation, look at lines only if not.
    if all(ord(char) in covered or not needs_glyph(char) for char in set(text)):
        return []
    problems = []
    for offset, line in enumerate(text.split("\n")):
        reported = set()
        for char in line:
            if char not in reported and needs_glyph(char) and ord(char) not in covered:
                reported.add(char)
                name = unicodedata.name(char, "unnamed character")
                problems.append(Diagnostic(path, first_line + offset,
                                           f"no bundled font has a glyph for '{char}' "
                                           f"(U+{ord(char):04X} {name})"))
    return problems
