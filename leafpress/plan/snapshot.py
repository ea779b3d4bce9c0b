"""The no-op fast path: recognise, from file metadata alone, a build that has nothing to do.

After a successful build, the file names, sizes and modification times of every
input and output are recorded with the options used. If the next build is asked
for with the same options and nothing on disk has changed, there is nothing to do:
the command reports the last build's warnings and stops, before importing the
renderer, the Markdown and template engines or parsing any content. Any doubt
(a changed or missing file, a damaged record) falls back to the full build, whose
own cache then decides output by output. Standard library only: this module is
what makes a no-op fast.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from leafpress import __version__

SNAPSHOT = Path(".leafpress-cache") / "last-build.json"


def options_key(langs, slugs, strict: bool, pdf: bool, today, shard, fit: bool = True) -> dict:
    """The options that decide what a build produces (not how fast it goes)."""
    return {"langs": list(langs), "slugs": list(slugs), "strict": strict, "pdf": pdf,
            "today": today.isoformat(), "shard": list(shard) if shard else None, "fit": fit}


def _stat_digest(folders: list[Path], files: list[Path]) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for dirpath, dirnames, filenames in sorted(os.walk(folder)):
            dirnames.sort()
            for name in sorted(filenames):
                stat = os.stat(os.path.join(dirpath, name))
                digest.update(f"{dirpath}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    for path in files:
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _state(config_path: Path, inputs: list[Path], output: Path, options: dict) -> dict:
    return {
        "leafpress": __version__,
        "options": options,
        "config_path": str(config_path),  # a copied project is not the same build
        "config": hashlib.sha256(config_path.read_bytes()).hexdigest(),
        "input_folders": [str(folder) for folder in inputs],
        "inputs": _stat_digest(inputs, []),
        "output_folder": str(output),
        "outputs": _stat_digest([output], []),
    }


def record(config_path: Path, inputs: list[Path], output: Path, options: dict,
           warnings: list[str], summary: dict) -> None:
    """Remember a successful build (called by the pipeline, after publishing)."""
    from leafpress.files import write_atomic

    state = _state(config_path, inputs, output, options)
    state.update(warnings=warnings, summary=summary)
    write_atomic(config_path.parent / SNAPSHOT, json.dumps(state, sort_keys=True).encode())


def unchanged(config_path: Path, options: dict) -> dict | None:
    """The last build's record if nothing has changed since, else None."""
    try:
        state = json.loads((config_path.parent / SNAPSHOT).read_text(encoding="utf-8"))
        inputs = [Path(folder) for folder in state["input_folders"]]
        now = _state(config_path, inputs, Path(state["output_folder"]), options)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if any(state.get(key) != value for key, value in now.items()):
        return None
    return state
