"""The translators' terminology files: the do-not-translate list and each language's glossary.

- `content/do-not-translate.txt`: one term a line (`#` starts a comment), such as the brand
  names of medicines, kept exactly as the source writes them.
- `content/<lang>/glossary.csv`: columns `source,target[,note]`, the agreed translation of a term.

They are for checking (see checks/translation_qa.py), never published.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from leafpress.errors import ContentError, Diagnostic, display_path
from leafpress.files import decode

DO_NOT_TRANSLATE = "do-not-translate.txt"
GLOSSARY = "glossary.csv"
TERMINOLOGY_FILES = {DO_NOT_TRANSLATE, GLOSSARY}


@dataclass(frozen=True)
class Terminology:
    """The do-not-translate terms and one language's glossary, with where each entry is written."""

    do_not_translate: tuple[tuple[str, str, int], ...] = ()  # (term, file, line)
    glossary: tuple[tuple[str, str, str, int], ...] = ()  # (source term, target term, file, line)


def read_terminology(content_dir: Path, lang: str, display_root: Path | None = None) -> Terminology:
    """The site's do-not-translate list and `lang`'s glossary; errors name the file and line."""
    problems: list[Diagnostic] = []
    dnt = []
    path = content_dir / DO_NOT_TRANSLATE
    if path.is_file():
        shown = display_path(path, display_root)
        for number, line in enumerate(decode(path.read_bytes(), shown).split("\n"), start=1):
            term = line.split("#", 1)[0].strip()
            if term:
                dnt.append((term, shown, number))
    glossary: list[tuple[str, str, str, int]] = []
    path = content_dir / lang / GLOSSARY
    if path.is_file():
        shown = display_path(path, display_root)
        rows = csv.reader(io.StringIO(decode(path.read_bytes(), shown)), strict=True)
        try:
            glossary = _glossary_rows(rows, shown, problems)
        except csv.Error as error:  # e.g. an unclosed quote
            problems.append(Diagnostic(shown, rows.line_num or 1, f"not a valid CSV line: {error}"))
    if problems:
        raise ContentError(problems)
    return Terminology(tuple(dnt), tuple(glossary))


def _glossary_rows(rows, shown: str, problems: list[Diagnostic]) -> list[tuple[str, str, str, int]]:
    """(source term, target term, file, line) of each glossary line after the header."""
    header = next(rows, None)
    if header is None or [cell.strip().lower() for cell in header[:2]] != ["source", "target"]:
        problems.append(Diagnostic(shown, 1, "the first line must be the header 'source,target' "
                                             "(a third column, 'note', is optional)"))
        return []
    glossary = []
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            problems.append(Diagnostic(shown, rows.line_num, "each line needs a source term and its target term"))
            continue
        glossary.append((row[0].strip(), row[1].strip(), shown, rows.line_num))
    return glossary
