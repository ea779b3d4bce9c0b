"""UI-string catalogs: extract the templates' strings with Babel, check and update each language's .po file."""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from leafpress.errors import Diagnostic, display_path
from leafpress.i18n import catalog_path, read_catalog

EXTRACTOR = "jinja2.ext:babel_extract"


def extract(templates_dir: Path) -> Catalog:
    """Every translatable string the templates print (what `pybabel extract -F babel.cfg` finds)."""
    layouts = sorted(templates_dir.rglob("*.html"))
    return _extract(templates_dir, tuple((p, p.stat().st_size, p.stat().st_mtime_ns) for p in layouts))


@lru_cache(maxsize=8)
def _extract(templates_dir: Path, layouts: tuple) -> Catalog:
    """Extracted again only when a layout changes (the preview rebuilds on every save)."""
    template = Catalog(project="Leafpress", fuzzy=False)
    messages = extract_from_dir(
        str(templates_dir), method_map=[("**.html", EXTRACTOR)],
        options_map={"**.html": {"extensions": "jinja2.ext.i18n"}})
    for filename, lineno, message, comments, context in messages:
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def check(templates_dir: Path, languages: tuple[str, ...], source_lang: str,
          display_root: Path | None = None) -> list[Diagnostic]:
    """Errors for every catalog that lacks a string, leaves one untranslated or fuzzy, or is missing."""
    template = extract(templates_dir)
    problems = []
    for lang in languages:
        if lang == source_lang:
            continue
        path = catalog_path(templates_dir, lang)
        shown = display_path(path, display_root)
        if not path.exists():
            problems.append(Diagnostic(shown, 0, f"no catalog for '{lang}': run 'leafpress catalogs' to create it"))
            continue
        catalog = read_catalog(path)
        plurals = catalog.num_plurals
        # Where a missing string belongs: catalogs are kept sorted ('leafpress catalogs' writes them so).
        present = sorted((_label(m.id), m.lineno) for m in catalog if m.id and m.lineno)
        last_line = path.read_bytes().count(b"\n") or 1
        for message in template:
            if not message.id:
                continue
            found = catalog.get(message.id, context=message.context)
            label = _label(message.id)
            if found is None:
                line = next((lineno for other, lineno in present if other > label), last_line)
                problems.append(Diagnostic(shown, line, f"missing string '{label}'; run 'leafpress catalogs' "
                                                        "and translate it"))
            elif found.fuzzy:
                problems.append(Diagnostic(shown, found.lineno, f"fuzzy (unchecked) translation of '{label}': "
                                                                "check it and remove the 'fuzzy' flag"))
            elif not _translated(found.string, plurals):
                problems.append(Diagnostic(shown, found.lineno, f"'{label}' is not translated"))
    return problems


def _label(message_id) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def _translated(string, plurals: int) -> bool:
    if isinstance(string, (tuple, list)):
        return len(string) == plurals and all(string)
    return bool(string)


def update(templates_dir: Path, languages: tuple[str, ...], source_lang: str) -> list[Path]:
    """Create or update every translated language's catalog from the templates; return the files written."""
    from leafpress.publish import write_atomic

    template = extract(templates_dir)
    written = []
    pot = BytesIO()
    write_po(pot, template, omit_header=False, no_location=True, sort_output=True, width=100)
    if write_atomic(templates_dir / "locale" / "messages.pot", _without_dates(pot.getvalue())):
        written.append(templates_dir / "locale" / "messages.pot")
    for lang in languages:
        if lang == source_lang:
            continue
        path = catalog_path(templates_dir, lang)
        if path.exists():
            catalog = read_catalog(path)
            catalog.update(template, no_fuzzy_matching=True)
        else:
            catalog = Catalog(locale=Locale.parse(lang), project="Leafpress", fuzzy=False)
            for message in template:
                if message.id:
                    catalog.add(message.id, None, context=message.context)
        buffer = BytesIO()
        write_po(buffer, catalog, no_location=True, sort_output=True, width=100, ignore_obsolete=True)
        if write_atomic(path, _without_dates(buffer.getvalue())):
            written.append(path)
    return written


def _without_dates(po: bytes) -> bytes:
    """Drop the creation/revision timestamps so an unchanged catalog is byte-identical."""
    return b"".join(line for line in po.splitlines(keepends=True)
                    if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:')))
