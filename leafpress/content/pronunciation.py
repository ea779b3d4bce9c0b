"""Pronunciation lists: `content/<lang>/pronunciation.txt`, how drug names and abbreviations are said.

One entry per line, `written = spoken`, for example `ibuprofen = eye-byoo-PROH-fen` or
`NSAID = en-said`; `#` starts a comment. A written form is matched as a whole word, ignoring
case; the longest forms are applied first. The spoken form goes to the synthesiser only: the
transcript keeps the leaflet's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from leafpress.errors import ContentError, Diagnostic, display_path
from leafpress.files import decode, memo_by_file

PRONUNCIATION_FILE = "pronunciation.txt"


@dataclass(frozen=True)
class Pronunciations:
    entries: tuple[tuple[str, str], ...] = ()  # (written, spoken), longest written first

    def apply(self, text: str) -> str:
        if not self.entries:
            return text
        pattern = _pattern(tuple(written for written, _ in self.entries))
        spoken = {written.casefold(): said for written, said in self.entries}
        return pattern.sub(lambda match: spoken[match.group(0).casefold()], text)


def _pattern(forms: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(form) for form in forms) + r")(?!\w)", re.IGNORECASE)


def read_pronunciations(content_dir: Path, lang: str, display_root: Path | None = None) -> Pronunciations:
    path = content_dir / lang / PRONUNCIATION_FILE
    return _read(path, display_path(path, display_root)) if path.is_file() else Pronunciations()


@memo_by_file(lambda path, shown: [path])
def _read(path: Path, shown: str) -> Pronunciations:
    problems, entries, seen = [], [], {}
    for number, line in enumerate(decode(path.read_bytes(), shown, ContentError).split("\n"), start=1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        written, equals, spoken = (part.strip() for part in entry.partition("="))
        if not equals or not written or not spoken:
            problems.append(Diagnostic(shown, number, f"expected 'written = spoken', like 'ibuprofen = "
                                                      f"eye-byoo-PROH-fen', not '{entry}'"))
        elif written.casefold() in seen:
            problems.append(Diagnostic(shown, number, f"'{written}' is already given on line "
                                                      f"{seen[written.casefold()]}"))
        else:
            seen[written.casefold()] = number
            entries.append((written, spoken))
    if problems:
        raise ContentError(problems)
    return Pronunciations(tuple(sorted(entries, key=lambda entry: (-len(entry[0]), entry[0]))))
