"""The error tree: every problem a user can fix names its file and line."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in the user's files, printed as `path:line: message`."""

    path: str
    line: int
    message: str
    severity: str = "error"  # "error" or "warning"
    strict_error: bool = field(default=True, compare=False)  # does --strict turn this warning into an error?

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{location}: {prefix}{printable(self.message)}"


def printable(text: str) -> str:
    """One line of text a terminal shows as it is: control and format characters quoted as escapes.

    A message may quote a user's file: a line break in it would split the `path:line: message`
    line, and a direction override would reorder what the terminal shows.
    """
    return "".join(char if char == " " or (char.isprintable() and unicodedata.category(char) != "Cf")
                   else char.encode("unicode_escape").decode("ascii") for char in text)


MAX_SHOWN = 100  # diagnostics printed for one error; the rest are counted ("and 99,900 more")


class LeafpressError(Exception):
    """A problem the user can fix; carries one or more diagnostics (the first MAX_SHOWN, in order)."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        ordered = sorted(diagnostics)
        self.total = sum(1 for d in ordered if d.severity == "error") or len(ordered)
        self.diagnostics = ordered[:MAX_SHOWN]
        if len(ordered) > MAX_SHOWN:
            self.diagnostics.append(Diagnostic(ordered[MAX_SHOWN].path, 0, f"and {len(ordered) - MAX_SHOWN:,} more"))
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @classmethod
    def at(cls, path: Path | str, line: int, message: str) -> "LeafpressError":
        return cls(Diagnostic(str(path), line, message))


class UsageError(LeafpressError):
    """A command-line value that does not fit this site (an unknown --lang or --leaflet): exit 2."""


class ConfigError(LeafpressError):
    """The site configuration is wrong."""


class ContentError(LeafpressError):
    """A content file (front matter or Markdown body) is wrong."""


class TemplateError(LeafpressError):
    """A Jinja template failed to load or render."""


class RenderError(LeafpressError):
    """WeasyPrint could not turn a page into a PDF, or a resource was refused."""


class IncompleteBuild(RenderError):
    """With --keep-going: some outputs failed, the others were published (`written` files changed)."""

    def __init__(self, diagnostics: list[Diagnostic], written: int):
        super().__init__(diagnostics)
        self.written = written


class FileSystemError(LeafpressError):
    """A folder or file could not be read or written: read-only, full, not a folder, no permission."""

    @classmethod
    def from_os_error(cls, error: OSError, root: Path | None = None, after: str = "") -> "FileSystemError":
        where = display_path(Path(error.filename), root) if error.filename else "leafpress"
        reason = (error.strerror or type(error).__name__).lower()
        return cls.at(where, 0, reason + (f"; {after}" if after else ""))


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the user should read it: relative to the project when inside it."""
    return _display_path(str(path), str(root or Path.cwd()))


@lru_cache(maxsize=65536)
def _display_path(path: str, root: str) -> str:
    # Resolving asks the file system about every folder on the way; a build names each file many times.
    try:
        return str(_resolved_file(path).relative_to(_resolved(root)))
    except ValueError:
        return path


def _resolved_file(path: str) -> Path:
    """`Path(path).resolve()`, asking about each folder once: a site's thousands of files share a few folders,
    so only the file itself is asked whether it is a link."""
    folder, name = os.path.split(os.path.abspath(path))
    if ".." in Path(path).parts or os.path.islink(path):  # a '..' after a link is not lexical
        return Path(path).resolve()
    return _resolved(folder) / name


@lru_cache(maxsize=4096)
def _resolved(root: str) -> Path:
    return Path(root).resolve()
