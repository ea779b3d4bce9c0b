"""The bundled fonts: make them the only fonts the renderer sees, and check they cover the text."""

from __future__ import annotations

import hashlib
import os
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from leafpress.errors import Diagnostic, display_path

FONT_SUFFIXES = {".ttf", ".otf"}
# fontTools stamps the clock into subset fonts unless this is set; any fixed value will do.
FIXED_SOURCE_DATE_EPOCH = "1700000000"


def font_files(fonts_dir: Path) -> list[Path]:
    return sorted(p for p in fonts_dir.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


def use_only_bundled_fonts(fonts_dir: Path) -> Path:
    """Point fontconfig at a config that lists only `fonts_dir`; no system font is ever matched.

    Must run before WeasyPrint creates a FontConfiguration (fontconfig reads
    FONTCONFIG_FILE then). Returns the generated config file.
    """
    fonts_dir = fonts_dir.resolve()
    digest = hashlib.sha256(str(fonts_dir).encode()).hexdigest()[:12]
    cache_dir = Path(tempfile.gettempdir()) / f"leafpress-fontconfig-{digest}"
    cache_dir.mkdir(parents=True, exist_ok=True)
    config_file = cache_dir / "fonts.conf"
    xml = ("<?xml version='1.0'?>\n<!DOCTYPE fontconfig SYSTEM 'urn:fontconfig:fonts.dtd'>\n"
           f"<fontconfig>\n  <dir>{escape(str(fonts_dir))}</dir>\n"
           f"  <cachedir>{escape(str(cache_dir / 'cache'))}</cachedir>\n</fontconfig>\n")
    if not config_file.exists() or config_file.read_text() != xml:
        config_file.write_text(xml)
    os.environ["FONTCONFIG_FILE"] = str(config_file)
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_SOURCE_DATE_EPOCH
    return config_file


@lru_cache(maxsize=8)
def covered_characters(fonts_dir: Path) -> frozenset[int]:
    """Every code point that some bundled font has a glyph for."""
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for path in font_files(fonts_dir):
        with TTFont(path, lazy=True) as font:
            points.update(font.getBestCmap() or {})
    return frozenset(points)


def needs_glyph(char: str) -> bool:
    # Spaces, controls and format characters (bidi marks, soft hyphen...) draw no glyph of their own.
    return unicodedata.category(char)[0] not in {"Z", "C"} and char not in "\n\t"


def missing_glyphs(text: str, first_line: int, path: str, fonts_dir: Path) -> list[Diagnostic]:
    """One error per character (and line) that no bundled font can draw: it would print as a box."""
    covered = covered_characters(fonts_dir.resolve())
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


def check_coverage(paths: list[Path], fonts_dir: Path, display_root: Path | None = None) -> list[Diagnostic]:
    """Glyph errors for every file whose text is printed."""
    problems = []
    for path in paths:
        stat = path.stat()
        problems += _file_coverage(path, stat.st_size, stat.st_mtime_ns, fonts_dir,
                                   display_path(path, display_root))
    return problems


@lru_cache(maxsize=4096)
def _file_coverage(path: Path, size: int, mtime_ns: int, fonts_dir: Path, shown: str) -> tuple[Diagnostic, ...]:
    """Checked again only when the file changes (the preview calls this on every save)."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    return tuple(missing_glyphs(text, 1, shown, fonts_dir))
