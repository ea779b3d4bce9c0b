"""Invisible and direction-changing characters: a dose must print exactly as it was typed.

- Direction overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069) reorder the
  characters after them on the page ("Trojan Source", CVE-2021-42574): always an error.
- Zero-width characters inside a word split it for search, screen readers and pharmacy
  systems while looking whole: an error.
- A soft hyphen inside a number may print as a hyphen in it: an error.
- Any other invisible format character (Unicode category Cf): a warning.

LEFT-TO-RIGHT MARK and RIGHT-TO-LEFT MARK stay allowed: right-to-left text needs them
between Arabic and Latin runs. So do ZERO WIDTH (NON-)JOINER between letters of a script
that joins (Arabic), where they change how letters connect, and a soft hyphen inside a
word, which is a hyphenation hint.
"""

from __future__ import annotations

import unicodedata

from leafpress.checks.lines import Line
from leafpress.errors import Diagnostic

RULE = "invisible"
DIRECTION_CONTROLS = {*range(0x202A, 0x202F), *range(0x2066, 0x206A)}
BIDI_MARKS = {0x200E, 0x200F}  # LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
ZERO_WIDTH = {0x200B, 0x2060, 0xFEFF}  # ZERO WIDTH SPACE, WORD JOINER, ZERO WIDTH NO-BREAK SPACE
JOINERS = {0x200C, 0x200D}  # ZERO WIDTH NON-JOINER, ZERO WIDTH JOINER
SOFT_HYPHEN = 0x00AD


def describe(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def _word_around(text: str, index: int) -> str:
    start, end = index, index + 1
    while start > 0 and (text[start - 1].isalnum() or unicodedata.category(text[start - 1]) == "Cf"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or unicodedata.category(text[end]) == "Cf"):
        end += 1
    return "".join(c for c in text[start:end] if unicodedata.category(c) != "Cf")


def _joining_script(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("ARABIC", "SYRIAC", "NKO", "MONGOLIAN"))


def _finding(line: Line, text: str, index: int) -> Diagnostic | None:
    char = text[index]
    code = ord(char)
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if code in BIDI_MARKS:
        return None
    if code in DIRECTION_CONTROLS:
        return Diagnostic(line.path, line.number, f"{describe(char)} changes the order in which the text after "
                                                  "it prints; delete it (the page sets the direction itself)")
    if code == SOFT_HYPHEN:
        if before.isdigit() or after.isdigit():
            return Diagnostic(line.path, line.number, f"{describe(char)} inside the number "
                                                      f"'{_word_around(text, index)}' may print as a hyphen in "
                                                      "it; delete it")
        return None
    inside_word = before.isalnum() and after.isalnum()
    if code in JOINERS and (_joining_script(before) or _joining_script(after)):
        return None
    if code in ZERO_WIDTH | JOINERS and inside_word:
        return Diagnostic(line.path, line.number, f"{describe(char)} inside '{_word_around(text, index)}' is "
                                                  "invisible but splits the word for search, screen readers and "
                                                  "pharmacy systems; delete it")
    if unicodedata.category(char) == "Cf" and not (code == 0xFEFF and line.number == 1 and index == 0):
        return Diagnostic(line.path, line.number, f"{describe(char)} is an invisible format character; delete "
                                                  f"it, or keep it with a '{RULE}' allowance on this line "
                                                  "(see docs/authors.md)", severity="warning")
    return None


def invisible_characters(lines: tuple[Line, ...]) -> list[Diagnostic]:
    found = []
    for line in lines:
        if line.text.isascii():
            continue
        for index, char in enumerate(line.text):
            if unicodedata.category(char) == "Cf":
                finding = _finding(line, line.text, index)
                # An allowance keeps a deliberate format character; nothing silences a reordering one.
                if finding and not (finding.severity == "warning" and line.allows(RULE)):
                    found.append(finding)
    return found
