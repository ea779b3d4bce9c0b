"""manifest.json: every output with its language, edition, version, page count and SHA-256.

A sharded build writes one manifest per shard, stamped with the commit and a digest of the
inputs it was built from; `merge` combines them only if every shard is there and all come
from the same inputs as the checkout doing the merge. Beside the manifest, `outputs.json`
lists the outputs by language, for CI's per-language print packs and any other tool.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from pathlib import Path

from leafpress.errors import ContentError, Diagnostic, display_path
from leafpress.plan.cache import Record

MANIFEST = "manifest.json"
LANGUAGE_INDEX = "outputs.json"
SHARD_MANIFEST = re.compile(r"manifest\.shard-(\d+)-of-(\d+)\.json")


def shard_manifest_name(shard: tuple[int, int]) -> str:
    return f"manifest.shard-{shard[0]}-of-{shard[1]}.json"


def source_commit(root: Path) -> str | None:
    """The commit being built: $GITHUB_SHA in GitHub Actions, else git's HEAD, else None (not a checkout)."""
    if os.environ.get("GITHUB_SHA"):
        return os.environ["GITHUB_SHA"]
    try:
        result = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                                timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def manifest_entries(records: dict[str, Record], slugs: dict[str, str]) -> list[dict]:
    """One entry per output (`slugs`: each output's leaflet), sorted by path."""
    return [{"path": target, "leaflet": slugs.get(target, ""), "language": r.language, "edition": r.edition,
             "version": r.version, "pages": r.pages, "sha256": r.sha256} for target, r in sorted(records.items())]


def _dump(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def manifest_bytes(entries: list[dict], stamp: dict | None = None) -> bytes:
    """The manifest of `entries`; `stamp` ({"commit", "inputs", "shard"}) for a shard's."""
    return _dump({**(stamp or {}), "outputs": entries})


def merge_shards(output_dir: Path, shards: int, inputs: str, commit: str | None,
                 display_root: Path | None = None) -> tuple[bytes, list[dict]]:
    """The merged manifest of a sharded build, and its entries.

    Every shard K of N must be present, from a build in N shards, of this checkout's inputs
    and commit; every file a shard lists must be in the folder with its recorded hash.
    """
    problems: list[Diagnostic] = []
    found: dict[int, dict] = {}
    for path in sorted(output_dir.glob("manifest.shard-*.json")):
        match = SHARD_MANIFEST.fullmatch(path.name)
        if match and int(match.group(2)) != shards:
            problems.append(Diagnostic(display_path(path, display_root), 0,
                                       f"from a build in {match.group(2)} shards, not {shards}: merge with the "
                                       "shard count the build used, or remove the file"))
    for number in range(1, shards + 1):
        path = output_dir / shard_manifest_name((number, shards))
        shown = display_path(path, display_root)
        if not path.exists():
            problems.append(Diagnostic(shown, 0, f"missing: shard {number} of {shards} did not finish, or its "
                                                 "output was not copied into this folder"))
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data["outputs"]
            if not isinstance(entries, list) or not all(isinstance(e, dict) and "path" in e for e in entries):
                raise ValueError("'outputs' is not a list of outputs")
        except (OSError, ValueError, KeyError, TypeError) as error:
            problems.append(Diagnostic(shown, 0, f"cannot read shard manifest: {error}"))
            continue
        if data.get("shard") != [number, shards]:
            problems.append(Diagnostic(shown, 0, f"is not the manifest of shard {number} of {shards} "
                                                 f"(it says {data.get('shard')})"))
        elif commit and data.get("commit") and data["commit"] != commit:
            problems.append(Diagnostic(shown, 0, f"built from commit {data['commit'][:12]}, but this checkout is "
                                                 f"at {commit[:12]}: a shard of another push"))
        elif data.get("inputs") != inputs:
            problems.append(Diagnostic(shown, 0, "built from other content, templates or settings than this "
                                                 "checkout has: a shard of another commit, or a change made "
                                                 "after it was built"))
        else:
            found[number] = data
    if not problems:
        problems += _missing_files(output_dir, [e for data in found.values() for e in data["outputs"]],
                                   display_root)
    if problems:
        raise ContentError(problems)
    entries = sorted((e for data in found.values() for e in data["outputs"]), key=lambda entry: entry["path"])
    return _dump({"commit": commit, "inputs": inputs, "outputs": entries}), entries


def _missing_files(output_dir: Path, entries: list[dict], display_root: Path | None) -> list[Diagnostic]:
    problems = []
    for entry in entries:
        path = output_dir / entry["path"]
        try:
            intact = hashlib.sha256(path.read_bytes()).hexdigest() == entry.get("sha256")
            why = "differs from the file its shard built (its SHA-256 does not match the manifest)"
        except OSError:
            intact, why = False, "is listed in its shard's manifest but missing from the folder"
        if not intact:
            problems.append(Diagnostic(display_path(path, display_root), 0, why))
    return problems


def language_index(entries: list[dict], languages: list[str], print_pack: tuple[str, ...],
                   commit: str | None) -> bytes:
    """outputs.json: per language, every output (with its leaflet) and the files of its print pack."""
    by_lang: dict[str, dict] = {lang: {"outputs": [], "print_pack": []} for lang in languages}
    for entry in entries:
        bucket = by_lang.setdefault(entry["language"], {"outputs": [], "print_pack": []})
        bucket["outputs"].append(entry)
        if entry["edition"] in print_pack:
            bucket["print_pack"].append(entry["path"])
    return _dump({"commit": commit, "print_pack_editions": list(print_pack), "languages": by_lang})
