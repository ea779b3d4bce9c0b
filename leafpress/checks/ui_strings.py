"""The UI catalogs are complete: every interface string is translated, none is fuzzy, in every shown language."""

from __future__ import annotations

from pathlib import Path

from leafpress.content.ui_strings import extract, read_catalog
from leafpress.errors import Diagnostic, display_path
from leafpress.theme import Theme


def catalog_problems(theme: Theme, languages: tuple[str, ...], source_lang: str,
                     display_root: Path | None = None) -> list[Diagnostic]:
    """Errors for every catalog that lacks a string, leaves one untranslated or fuzzy, or is missing."""
    template = extract(theme)
    problems = []
    for lang in languages:
        if lang == source_lang:
            continue
        path = theme.catalog(lang)
        shown = display_path(path, display_root)
        if not path.exists():
            problems.append(Diagnostic(shown, 0, f"no catalog for '{lang}': run 'leafpress catalogs' to create it"))
            continue
        catalog = read_catalog(path)
        plurals = catalog.num_plurals
        # Where a missing string belongs: catalogs are kept sorted ('leafpress catalogs' writes them so).
        present = sorted((label(m.id), m.lineno) for m in catalog if m.id and m.lineno)
        last_line = path.read_bytes().count(b"\n") or 1
        for message in template:
            if not message.id:
                continue
            found = catalog.get(message.id, context=message.context)
            text = label(message.id)
            if found is None:
                line = next((lineno for other, lineno in present if other > text), last_line)
                problems.append(Diagnostic(shown, line, f"missing string '{text}'; run 'leafpress catalogs' "
                                                        "and translate it"))
            elif found.fuzzy:
                problems.append(Diagnostic(shown, found.lineno, f"fuzzy (unchecked) translation of '{text}': "
                                                                "check it and remove the 'fuzzy' flag"))
            elif not _translated(found.string, plurals):
                problems.append(Diagnostic(shown, found.lineno, f"'{text}' is not translated"))
    return problems


def label(message_id) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def _translated(string, plurals: int) -> bool:
    if isinstance(string, (tuple, list)):
        return len(string) == plurals and all(string)
    return bool(string)
