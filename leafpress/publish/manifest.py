"""manifest.json: every output with its language, edition, version, page count and SHA-256."""

from __future__ import annotations

import json
from pathlib import Path

from leafpress.plan.cache import Record
from leafpress.errors import ContentError, Diagnostic, display_path

MANIFEST = "manifest.json"


def shard_manifest_name(shard: tuple[int, int]) -> str:
    return f"manifest.shard-{shard[0]}-of-{shard[1]}.json"


def manifest_bytes(records: dict[str, Record]) -> bytes:
    entries = [{"path": target, "language": r.language, "edition": r.edition, "version": r.version,
                "pages": r.pages, "sha256": r.sha256} for target, r in sorted(records.items())]
    return (json.dumps({"outputs": entries}, ensure_ascii=False, indent=1) + "\n").encode()


def merge_shards(output_dir: Path, shards: int) -> bytes:
    """Combine the shard manifests of a sharded build; every shard must be present."""
    entries: list[dict] = []
    problems = []
    for number in range(1, shards + 1):
        path = output_dir / shard_manifest_name((number, shards))
        try:
            entries += json.loads(path.read_text(encoding="utf-8"))["outputs"]
        except (OSError, ValueError, KeyError) as error:
            problems.append(Diagnostic(display_path(path), 0, f"cannot read shard manifest: {error}"))
    if problems:
        raise ContentError(problems)
    entries.sort(key=lambda entry: entry["path"])
    return (json.dumps({"outputs": entries}, ensure_ascii=False, indent=1) + "\n").encode()
