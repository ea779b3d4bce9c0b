"""Results kept on disk by content hash, so a fresh process parses and checks only the files that changed.

A result (a parsed leaflet, a check's findings) is stored under a hash of everything it was
computed from: the kind of result, the bytes of the files it read, the settings it used, and
the source of Leafpress's own loaders and checks (so changed code never answers from an old result). The preview keeps the store in
memory across saves; `build` writes it to `.leafpress-cache/results.json`, and a CI job
restores it with the rest of the build cache. `check` only reads it. A missing, damaged or
foreign store is simply empty: the store only saves work, it never decides anything.

A build that added a few results appends them to `results.log` (a JSON line each) rather than
writing the whole store again: on a large site the store is megabytes and a one-file edit adds a
handful of entries. The log is folded into `results.json` when it grows past a quarter of it, or
when a whole-site build finds more than a quarter of the entries unused. An entry's key is a hash
of what it was computed from (or, for one that grows, each of its versions is right: `put`), so replaying
a log twice, or over a newer `results.json`, is harmless; a torn last line (a build killed while
appending) is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

from leafpress import __version__
from leafpress.files import write_atomic

STORE_NAME = "results.json"
LOG_SUFFIX = ".log"
FOLD_SHARE = 0.25  # the log (or the unused entries) past this share of the store: written afresh
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
        self.log = path.with_suffix(LOG_SUFFIX) if path is not None else None
        self.entries: dict[str, object] = {}
        self.added: dict[str, object] = {}  # computed since the store was last written
        self.used: set[str] = set()
        self.stored_bytes = self.log_bytes = 0
        self.log_damaged = False
        if path is not None:
            self.entries = self._read_store()
            if self.entries or path.is_file():
                self.entries.update(self._read_log())

    def _header(self) -> dict:
        return {"format": FORMAT, "code": code_digest()}

    def _read_store(self) -> dict[str, object]:
        try:
            raw = self.path.read_bytes()
            data = json.loads(raw)
            if data.get("format") == FORMAT and data.get("code") == code_digest() and isinstance(data["entries"], dict):
                self.stored_bytes = len(raw)
                return data["entries"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
        return {}

    def _read_log(self) -> dict[str, object]:
        """The log's entries, if its header line is this code's; up to the first line that does not parse
        (a log with such a line is folded into the store at the next save)."""
        try:
            lines = self.log.read_bytes().split(b"\n")
            if json.loads(lines[0]) != self._header():
                return {}
        except (OSError, ValueError):
            return {}
        entries: dict[str, object] = {}
        for line in lines[1:-1]:  # the last is empty when every line is whole
            try:
                key, value = json.loads(line)
                entries[str(key)] = value
            except (ValueError, TypeError):
                self.log_damaged = True
                break
        self.log_bytes = sum(len(line) + 1 for line in lines)
        self.log_damaged = self.log_damaged or lines[-1] != b""
        return entries

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
        self.entries[key] = self.added[key] = encode(value)
        return value

    def put(self, key: str, value: object) -> None:
        """Store `value` under `key`, in place of what was there: for an entry that only grows and is right in
        each of its versions (a language's vocabulary, checks/syllables.py), so that replaying an older
        version from the log loses only what it did not hold yet."""
        self.used.add(key)
        self.entries[key] = self.added[key] = value

    def keep(self, key: str) -> None:
        """Count `key` as in use though this run did not need it (kept when the store is pruned)."""
        if key in self.entries:
            self.used.add(key)

    def save(self, prune: bool = False) -> None:
        """Write what was added: appended to the log, or the whole store afresh when the log has grown
        or (`prune`, after a whole-site build) when many entries went unused."""
        if self.path is None:
            return
        unused = len(self.entries) - len(self.used & self.entries.keys()) if prune else 0
        lines = b"".join(json.dumps([key, value], ensure_ascii=False).encode() + b"\n"
                         for key, value in sorted(self.added.items()))
        if not (lines or unused or self.log_damaged):
            return
        if not self.stored_bytes or self.log_bytes + len(lines) > FOLD_SHARE * self.stored_bytes \
                or unused > FOLD_SHARE * len(self.entries) or self.log_damaged:
            self._write_store(prune)
        elif lines:
            self._append_log(lines)
        self.added = {}

    def _write_store(self, prune: bool) -> None:
        entries = {k: v for k, v in self.entries.items() if not prune or k in self.used}
        data = json.dumps({**self._header(), "entries": entries}, sort_keys=True, ensure_ascii=False).encode()
        write_atomic(self.path, data)
        self.log.unlink(missing_ok=True)  # its entries are all in the store now
        self.entries, self.stored_bytes, self.log_bytes, self.log_damaged = entries, len(data), 0, False

    def _append_log(self, lines: bytes) -> None:
        fresh = not self.log_bytes
        if fresh:  # a new log, or one of another code (ignored when read): started over with a header
            lines = json.dumps(self._header()).encode() + b"\n" + lines
        with open(self.log, "wb" if fresh else "ab") as stream:
            stream.write(lines)  # one write: a reader sees whole lines, or a torn last one it ignores
            stream.flush()
            os.fsync(stream.fileno())
        self.log_bytes += len(lines)


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
