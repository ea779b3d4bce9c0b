"""Results kept on disk by content hash, so a fresh process parses and checks only the files that changed.

A result (a parsed leaflet, a check's findings) is stored under a hash of everything it was
computed from: the kind of result, the bytes of the files it read, the settings it used, and
the source of Leafpress's own loaders and checks (so changed code never answers from an old result). The preview keeps the store in
memory across saves; `build` writes it to `.leafpress-cache/results.json`, and a CI job
restores it with the rest of the build cache. `check` only reads it. A missing, damaged or
foreign store is simply empty: the store only saves work, it never decides anything.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

from leafpress import __version__
from leafpress.files import write_atomic

STORE_NAME = "results.json"
FORMAT = 1
T = TypeVar("T")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of the code whose results are stored: the loaders, the checks and the modules they share."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"leafpress {__version__} format {FORMAT}".encode())
    for folder in (package, package / "checks", package / "content"):
        for path in sorted(folder.glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class ResultStore:
    """JSON-ready results by key, loaded once per project and saved by the build."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.entries: dict[str, object] = {}
        self.used: set[str] = set()
        self.changed = False
        if path is not None:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("format") == FORMAT and data.get("code") == code_digest() \
                        and isinstance(data["entries"], dict):
                    self.entries = data["entries"]
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self.entries = {}

    @staticmethod
    def key(kind: str, *parts: bytes | str) -> str:
        digest = hashlib.sha256(kind.encode())
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "big") + data)  # lengths keep ("ab", "c") apart from ("a", "bc")
        return digest.hexdigest()

    def remember(self, key: str, compute: Callable[[], T], encode: Callable[[T], object],
                 decode: Callable[[object], T]) -> T:
        """The stored result under `key`, or `compute()` stored there. An entry that does not decode is
        computed again."""
        self.used.add(key)
        if key in self.entries:
            try:
                return decode(self.entries[key])
            except (TypeError, KeyError, ValueError, AttributeError):
                pass  # an entry of another shape (a damaged or foreign store): computed again
        value = compute()
        self.entries[key] = encode(value)
        self.changed = True
        return value

    def keep(self, key: str) -> None:
        """Count `key` as in use though this run did not need it (kept when the store is pruned)."""
        if key in self.entries:
            self.used.add(key)

    def save(self, prune: bool = False) -> None:
        """Write the store if anything was added; `prune` (after a whole-site build) keeps only what it used."""
        if self.path is None or not (self.changed or (prune and set(self.entries) - self.used)):
            return
        entries = {k: v for k, v in self.entries.items() if not prune or k in self.used}
        write_atomic(self.path, json.dumps({"format": FORMAT, "code": code_digest(), "entries": entries},
                                           sort_keys=True, ensure_ascii=False).encode())
        self.entries, self.changed = entries, False


def result_store(root: Path) -> ResultStore:
    """The store of the project at `root`, one per process."""
    if root not in _STORES:
        _STORES[root] = ResultStore(root / ".leafpress-cache" / STORE_NAME)
    return _STORES[root]


def forget_stores() -> None:
    """Drop the stores held in memory (a test that damages the file on disk reads it again)."""
    _STORES.clear()


_STORES: dict[Path, ResultStore] = {}


def encode_diagnostics(found) -> list[dict]:
    return [{"path": d.path, "line": d.line, "message": d.message, "severity": d.severity,
             "strict_error": d.strict_error} for d in found]


def decode_diagnostics(entry) -> tuple:
    from leafpress.errors import Diagnostic

    if not isinstance(entry, list):
        raise TypeError("not a list of findings")
    return tuple(Diagnostic(**fields) for fields in entry)
