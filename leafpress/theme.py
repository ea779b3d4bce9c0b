"""The theme: layouts, stylesheets, fonts and UI catalogs, looked up file by file in a chain of folders.

A site's own theme folder (`[theme] custom_dir`) comes first, then `[paths] templates` if the
site has one, then the default theme that ships with Leafpress (this repository's `templates/`,
packaged as `leafpress.default_theme`). Each file is taken from the first folder that has it,
as MkDocs' `theme.custom_dir` does: a clinic restyles one box or adds its logo by adding one
file, and everything it does not override comes from the default theme.

Also here: the one factory for Jinja environments (the leaflet pages, the translator page and
the review pack all use it), so every one of them autoescapes and refuses undefined values.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Iterable

import jinja2

ASSETS = "assets"
FONTS = f"{ASSETS}/fonts"
LOCALE = "locale"
FONT_SUFFIXES = {".ttf", ".otf"}


def default_theme_dir() -> Path:
    """The theme Leafpress ships: the installed package data, or `templates/` of a source checkout."""
    spec = importlib.util.find_spec("leafpress.default_theme")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations))).resolve()
    return (Path(__file__).resolve().parent.parent / "templates").resolve()


@dataclass(frozen=True)
class Theme:
    """The theme folders of a site, searched in order; the last one is the default theme."""

    folders: tuple[Path, ...]
    own: Path | None = None  # the site's own folder, where `leafpress catalogs` writes; None: only the default

    @classmethod
    def of(cls, custom_dir: Path | None, templates_dir: Path | None) -> "Theme":
        default = default_theme_dir()
        folders = [folder.resolve() for folder in (custom_dir, templates_dir) if folder is not None]
        chain = tuple(dict.fromkeys([*folders, default]))
        return cls(chain, folders[0] if folders else None)

    def find(self, relative: str) -> Path | None:
        """The file at `relative` (a POSIX path inside the theme), from the first folder that has it."""
        parts = PurePosixPath(relative).parts
        if not parts or any(part in ("..", ".") or "\\" in part or "\x00" in part for part in parts):
            return None
        for folder in self.folders:
            candidate = folder.joinpath(*parts)
            if candidate.is_file():
                return candidate
        return None

    def files(self, under: str = "", suffixes: Iterable[str] = ()) -> dict[str, Path]:
        """Every file below `under`, by its path relative to the theme: the first folder's copy wins.

        Hidden files are left out. With `suffixes`, only files ending in one of them.
        """
        suffixes = tuple(suffixes)
        found: dict[str, Path] = {}
        for folder in reversed(self.folders):
            root = folder / under if under else folder
            if not root.is_dir():
                continue
            for path in root.rglob("*"):
                relative = path.relative_to(folder)
                if not path.is_file() or any(part.startswith(".") for part in relative.parts):
                    continue
                if suffixes and path.suffix.lower() not in suffixes:
                    continue
                found[relative.as_posix()] = path
        return dict(sorted(found.items()))

    def font_files(self) -> list[Path]:
        return list(self.files(FONTS, FONT_SUFFIXES).values())

    def catalog(self, lang: str) -> Path:
        """A language's UI catalog: the first theme folder's, or where the site's own one would go."""
        relative = catalog_relative(lang)
        return self.find(relative) or (self.own or self.folders[-1]) / relative

    def fonts_folder(self) -> Path:
        """One folder holding exactly the theme's font files, for fontconfig (which reads whole folders).

        Where the fonts come from more than one theme folder, it is a folder of links, named by
        the files it links: made once and shared by every process.
        """
        fonts = self.files(FONTS, FONT_SUFFIXES)
        parents = {path.parent for path in fonts.values()}
        if len(parents) == 1:
            return parents.pop()
        return _linked_folder(tuple((PurePosixPath(name).name, str(path)) for name, path in fonts.items()))


@lru_cache(maxsize=16)
def _linked_folder(entries: tuple[tuple[str, str], ...]) -> Path:
    digest = hashlib.sha256(repr(entries).encode()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / f"leafpress-fonts-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    for name, target in entries:
        link = folder / name
        if not (link.is_symlink() and os.readlink(link) == target):
            temporary = folder / f".{name}.{os.getpid()}.tmp"
            temporary.unlink(missing_ok=True)
            temporary.symlink_to(target)
            os.replace(temporary, link)
    return folder


def catalog_relative(lang: str) -> str:
    return f"{LOCALE}/{lang}/LC_MESSAGES/messages.po"


def jinja_environment(search_path: Iterable[Path], *, i18n: bool = False, keep_trailing_newline: bool = False,
                      compiled_folder: Path | None = None) -> jinja2.Environment:
    """A Jinja environment that escapes every value and refuses undefined ones.

    `search_path`: the folders templates are looked up in, first match wins. With `i18n`, the
    gettext extension is on (install the translations on the environment). `compiled_folder`
    keeps the compiled layouts between processes (Jinja checks each against its source).
    """
    cache = None
    if compiled_folder is not None:
        try:
            compiled_folder.mkdir(parents=True, exist_ok=True)
            cache = jinja2.FileSystemBytecodeCache(str(compiled_folder))
        except OSError:
            pass  # a read-only or damaged cache folder: compile in memory, as without one
    return jinja2.Environment(
        bytecode_cache=cache,
        loader=jinja2.FileSystemLoader([str(folder) for folder in search_path]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"] if i18n else [],
        keep_trailing_newline=keep_trailing_newline,
    )
