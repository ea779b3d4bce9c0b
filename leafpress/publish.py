"""Write outputs so that no reader ever sees a half-written file."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from leafpress.model import Output


@contextmanager
def atomic_open(path: Path):
    """Open a temporary file beside `path`; on success rename it over `path`, on failure delete it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates 0600 files; published files should be readable like any other.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless it already holds exactly that; return whether it was written."""
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    with atomic_open(path) as stream:
        stream.write(data)
    return True


def publish(outputs: list[Output], output_dir: Path) -> int:
    """Write every output below `output_dir`; return how many files changed."""
    return sum(write_atomic(output_dir / output.relative_path, output.data) for output in outputs)


def asset_outputs(assets_dir: Path) -> list[Output]:
    """The stylesheets and fonts the HTML pages link to, copied beside them."""
    return [Output(f"assets/{path.relative_to(assets_dir).as_posix()}", path.read_bytes())
            for path in sorted(assets_dir.rglob("*")) if path.is_file() and not path.name.startswith(".")]


def media_outputs(content_dir: Path) -> list[Output]:
    """Images and other files the leaflets use, copied to the same place below the output folder.

    The translators' terminology files are for checking, not for publishing.
    """
    from leafpress.checks.translation_qa import TERMINOLOGY_FILES

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
