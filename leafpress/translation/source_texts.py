"""The source text each translation was made from, so a translator can see what changed since.

`mark-translated` records a fingerprint of every part of the source in the translation's
front matter (`translated_from`). It also keeps the text behind each fingerprint in
`content/.source-texts/<slug>.json`: one store per leaflet, shared by every language,
each distinct text once. That is all a diff needs, it travels with the content (a fresh
checkout, a zip from CI), and translators never edit it. A fingerprint that the store does
not know is looked for in the source file's git history; failing that, the old text is unknown.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from leafpress.config import SiteConfig
from leafpress.errors import ContentError
from leafpress.model import Leaflet
from leafpress.content.parts import fingerprint, group_texts

STORE_FOLDER = ".source-texts"
STORE_FORMAT = 1
STORED, GIT, UNKNOWN = "stored", "git", "unknown"
MAX_REVISIONS = 200  # how far back the git fallback looks


def store_path(content_dir: Path, slug: str) -> Path:
    return content_dir / STORE_FOLDER / f"{slug}.json"


def read_store(content_dir: Path, slug: str) -> dict[str, str]:
    """fingerprint -> source text; a missing or damaged store is empty (git may still help)."""
    try:
        data = json.loads(store_path(content_dir, slug).read_text(encoding="utf-8"))
        if data.get("format") == STORE_FORMAT and isinstance(data.get("texts"), dict):
            return {str(k): str(v) for k, v in data["texts"].items()}
    except (OSError, ValueError, AttributeError):
        pass
    return {}


def store_bytes(texts: dict[str, str]) -> bytes:
    data = {"format": STORE_FORMAT,
            "about": "Written by 'leafpress mark-translated': the source text each translation was made from. "
                     "Do not edit.",
            "texts": dict(sorted(texts.items()))}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def updated_store(current: dict[str, str], source: Leaflet, referenced: set[str]) -> dict[str, str]:
    """The store after recording `source` now: its part texts added, texts no translation uses dropped."""
    texts = {fingerprint(text): text for text in group_texts(source).values()}
    keep = {digest: text for digest, text in current.items() if digest in referenced}
    return {**keep, **texts}


@dataclass(frozen=True)
class OldText:
    text: str | None
    found_in: str  # STORED, GIT (with the revision) or UNKNOWN


def old_texts(config: SiteConfig, source: Leaflet, wanted: set[str]) -> dict[str, OldText]:
    """For each wanted fingerprint, the source text behind it: from the store, else from git, else unknown."""
    store = read_store(config.content_dir, source.slug)
    found = {digest: OldText(store[digest], STORED) for digest in wanted if digest in store}
    missing = wanted - set(found)
    if missing:
        found.update(_from_git(config, source, missing))
    return {digest: found.get(digest, OldText(None, UNKNOWN)) for digest in wanted}


def _git(root: Path, *args: str) -> str | None:
    try:
        run = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return run.stdout.decode("utf-8", errors="replace") if run.returncode == 0 else None


def _from_git(config: SiteConfig, source: Leaflet, wanted: set[str]) -> dict[str, OldText]:
    """Walk the source file's history (newest first) until every wanted fingerprint is found."""
    from leafpress.content.load import parse_revision

    root = _git(source.path.parent, "rev-parse", "--show-toplevel")
    if not root:
        return {}
    root_path = Path(root.strip())
    relative = source.path.resolve().relative_to(root_path.resolve()).as_posix()
    revisions = _git(root_path, "log", f"--max-count={MAX_REVISIONS}", "--format=%h", "--", relative) or ""
    found: dict[str, OldText] = {}
    for revision in revisions.split():
        text = _git(root_path, "show", f"{revision}:{relative}")
        if text is None:
            continue
        try:
            old = parse_revision(text, source.path, source.lang, config)
        except ContentError:
            continue  # a revision that did not parse then cannot have been translated from
        for part_text in group_texts(old).values():
            digest = fingerprint(part_text)
            if digest in wanted and digest not in found:
                found[digest] = OldText(part_text, f"{GIT} {revision}")
        if len(found) == len(wanted):
            break
    return found
