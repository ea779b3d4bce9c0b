"""The output folder: every output published all or nothing, the theme's assets and the content's media
beside the pages, and the pages of withdrawn leaflets removed.

Publishing stages first: every changed file is written in full (and synced) into a staging folder inside
the output folder, so on the same file system. Only when all of them are there is each renamed into place,
the manifest last. A full disk, a quota, a read-only folder or a file where a folder belongs therefore
fails while staging, and then nothing published has changed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from leafpress.content.pronunciation import PRONUNCIATION_FILE
from leafpress.content.terminology import TERMINOLOGY_FILES
from leafpress.errors import FileSystemError, UsageError, display_path
from leafpress.files import write_atomic
from leafpress.model import Output
from leafpress.publish.manifest import MANIFEST
from leafpress.theme import ASSETS, Theme

STAGING = ".leafpress-staging"


def _unchanged(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def publish(outputs: list[Output], output_dir: Path, display_root: Path | None = None) -> int:
    """Publish every output below `output_dir`, all or nothing; return how many files changed."""
    changed = [o for o in outputs if not _unchanged(output_dir / o.relative_path, o.data)]
    if not changed:
        return 0
    changed.sort(key=lambda o: o.relative_path.startswith(MANIFEST.split(".")[0]))  # the manifests last
    staging = output_dir / f"{STAGING}-{os.getpid()}"
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        for output in changed:
            write_atomic(staging / output.relative_path, output.data)
        for output in changed:  # every folder first: a file where a folder belongs fails before any rename
            (output_dir / output.relative_path).parent.mkdir(parents=True, exist_ok=True)
            if (output_dir / output.relative_path).is_dir():
                raise IsADirectoryError(21, "Is a directory", str(output_dir / output.relative_path))
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise FileSystemError.from_os_error(error, display_root, "nothing published was changed") from None
    try:
        for output in changed:
            os.replace(staging / output.relative_path, output_dir / output.relative_path)
    except OSError as error:
        raise FileSystemError.from_os_error(error, display_root, "the output folder may be partly updated; "
                                                                 "build again") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(changed)


def asset_outputs(theme: Theme) -> list[Output]:
    """The stylesheets and fonts the HTML pages link to, copied beside them (each from the theme folder that has it)."""
    return [Output(relative, path.read_bytes()) for relative, path in theme.files(ASSETS).items()]


def media_outputs(content_dir: Path) -> list[Output]:
    """Images and other files the leaflets use, copied to the same place below the output folder.

    The translators' terminology files and the pronunciation lists are for checking and speaking, not for
    publishing.
    """
    return [Output(path.relative_to(content_dir).as_posix(), path.read_bytes())
            for path in sorted(content_dir.rglob("*"))
            if path.is_file() and path.suffix != ".md" and path.name not in TERMINOLOGY_FILES
            and path.name != PRONUNCIATION_FILE
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


def check_target_folder(folder: Path, output_dir: Path, content_dir: Path, option: str, purpose: str,
                        display_root: Path | None = None) -> Path:
    """A folder a command writes outside the site (a review pack, print packs): never inside the published
    output or the content (the next build would publish or delete it), never a file. Returns it resolved."""
    folder = folder.resolve()
    for kept, what in ((output_dir.resolve(), "the published output folder"),
                       (content_dir.resolve(), "the content folder (the next build would publish it)")):
        if folder == kept or folder.is_relative_to(kept):
            raise UsageError.at(option, 0, f"{display_path(folder, display_root)} is inside {what}: {purpose}; "
                                           "choose another folder")
    if folder.exists() and not folder.is_dir():
        raise UsageError.at(option, 0, f"{display_path(folder, display_root)} is a file, not a folder")
    return folder
