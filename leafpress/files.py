"""Files: every edited text file is decoded here, results are remembered per file version here,
and every file Leafpress writes is written atomically here.

- `decode`: UTF-8, byte-order mark dropped, LF line ends, and no control characters (a NUL
  byte or an escape code is never meant, and no later stage should have to meet one).
- `memo_by_file`: a function's results kept until one of the files it read changes (the
  preview calls the same checks on every save; only the saved file is read again).
- `file_digest`: a file's hash, read once per version however many checks key on it.
- `atomic_open`/`write_atomic`: no reader ever sees a half-written file.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import tempfile
import threading
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable

from leafpress.errors import ContentError, LeafpressError

# C0 controls other than tab and line feed (carriage returns are line ends), DELETE, and C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
                 0x1B: "ESCAPE", 0x7F: "DELETE"}


def decode(raw: bytes, path: str, error: type[LeafpressError] = ContentError) -> str:
    """The text of a file; `error` (naming `path` and the line) for bytes that are not clean UTF-8 text."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = raw.count(b"\n", 0, problem.start) + 1
        raise error.at(path, line, f"not valid UTF-8 (byte 0x{raw[problem.start]:02x}); "
                                   "save the file as UTF-8") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = CONTROL.search(text)
    if control:
        code = ord(control.group())
        name = CONTROL_NAMES.get(code, "a control character")
        raise error.at(path, text.count("\n", 0, control.start()) + 1,
                       f"control character U+{code:04X} ({name}) is not allowed in a text file; delete it")
    return text


def file_stamp(path: Path | str) -> tuple[int, int]:
    """Size and modification time: what says a file changed, without reading it. (-1, -1) if it is gone.
    Inside `stamps_held`, each file's first stamp in this thread."""
    held = getattr(_held, "stamps", None)
    if held is not None:
        name = os.fspath(path)
        if name not in held:
            held[name] = _stamp_now(name)
        return held[name]
    return _stamp_now(path)


def _stamp_now(path: Path | str) -> tuple[int, int]:
    try:
        stat = os.stat(path)
    except OSError:
        return -1, -1
    return stat.st_size, stat.st_mtime_ns


_held = threading.local()


@contextmanager
def stamps_held():
    """Each file stamped once while a build runs: its memos key on one version of each file, and a build of
    200 pages asks for about 2,600 stamps of 250 files. A file saved during the build is seen by the next."""
    if getattr(_held, "stamps", None) is not None:  # a build within a build shares the outer one's
        yield
        return
    _held.stamps = {}
    try:
        yield
    finally:
        _held.stamps = None


def memo_by_file(files: Callable[..., Iterable[Path]], maxsize: int = 4096, key: Callable[..., object] | None = None):
    """Remember `function(*args)` until a file it depends on changes.

    `files(*args)` names the files the result depends on; their stamps join the arguments in
    the key. The arguments must be hashable, or `key(*args)` must give what identifies them.
    At most `maxsize` results are kept, the least recently used dropped first.
    """
    def decorate(function):
        results: OrderedDict = OrderedDict()

        @functools.wraps(function)
        def remembered(*args, **kwargs):
            identity = key(*args, **kwargs) if key else (args, tuple(sorted(kwargs.items())))
            memo_key = (identity, tuple(file_stamp(path) for path in files(*args, **kwargs)))
            if memo_key in results:
                results.move_to_end(memo_key)
                return results[memo_key]
            value = function(*args, **kwargs)
            results[memo_key] = value
            if len(results) > maxsize:
                results.popitem(last=False)
            return value

        remembered.cache_clear = results.clear
        return remembered
    return decorate


@memo_by_file(lambda path: [path], maxsize=65536)
def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, read once per version of the file ("-" if it cannot be read): what
    the stored results are keyed by, however many checks read the file."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "-"


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
