"""Every text file a user edits is decoded here: UTF-8, byte-order mark dropped, LF line ends,
and no control characters (a NUL byte or an escape code is never meant, and no later stage
should have to meet one)."""

from __future__ import annotations

import re

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
