"""The output folder: every output written atomically, the theme's assets and the content's media beside
the pages, and the pages of withdrawn leaflets removed."""

from __future__ import annotations

from pathlib import Path

from leafpress.content.terminology import TERMINOLOGY_FILES
from leafpress.files import write_atomic
from leafpress.model import Output
from leafpress.theme import ASSETS, Theme


def publish(outputs: list[Output], output_dir: Path) -> int:
    """Write every output below `output_dir`; return how many files changed."""
    return sum(write_atomic(output_dir / output.relative_path, output.data) for output in outputs)


def asset_outputs(theme: Theme) -> list[Output]:
    """The stylesheets and fonts the HTML pages link to, copied beside them (each from the theme folder that has it)."""
    return [Output(relative, path.read_bytes()) for relative, path in theme.files(ASSETS).items()]


def media_outputs(content_dir: Path) -> list[Output]:
    """Images and other files the leaflets use, copied to the same place below the output folder.

    The translators' terminology files are for checking, not for publishing.
    """
    return [Output(path.relative_to(content_dir).as_posix(), path.read_bytes())
            for path in sorted(content_dir.rglob("*"))
            if path.is_file() and path.suffix != ".md" and path.name not in TERMINOLOGY_FILES
            and not any(part.startswith(".") for part in path.relative_to(content_dir).parts)]


def prune(output_dir: Path, keep: set[str], managed_folders: list[str]) -> list[str]:
    """Delete leaflet pages that no longer have a source, so nobody prints a withdrawn leaflet."""
    removed = []
    for folder in managed_folders:
        for path in sorted((output_dir / folder).glob("*")):
            relative = path.relative_to(output_dir).as_posix()
            if path.suffix in {".html", ".pdf"} and path.is_file() and relative not in keep:
                path.unlink()
                removed.append(relative)
    return removed
