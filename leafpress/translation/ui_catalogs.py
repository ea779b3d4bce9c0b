"""`leafpress catalogs`: extract the interface strings and update every language's catalog."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from leafpress.content.ui_strings import extract, read_catalog
from leafpress.errors import ConfigError
from leafpress.files import write_atomic
from leafpress.theme import LOCALE, Theme, catalog_relative


def update(theme: Theme, languages: tuple[str, ...], source_lang: str, config_path: str = "site.toml") -> list[Path]:
    """Create or update every translated language's catalog from the templates; return the files written.

    The catalogs are written into the site's own theme folder; a catalog the default theme
    ships is copied there first, so the site's copy is the one that is changed.
    """
    if theme.own is None:
        raise ConfigError.at(config_path, 0, "the site has no theme folder of its own to keep its catalogs in: "
                                             "set [theme] custom_dir (for example to 'theme') and create the folder")
    template = extract(theme)
    written = []
    pot = BytesIO()
    write_po(pot, template, omit_header=False, no_location=True, sort_output=True, width=100)
    pot_path = theme.own / LOCALE / "messages.pot"
    if write_atomic(pot_path, _without_dates(pot.getvalue())):
        written.append(pot_path)
    for lang in languages:
        if lang == source_lang:
            continue
        path = theme.catalog(lang)
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
        target = theme.own / catalog_relative(lang)
        if write_atomic(target, _without_dates(buffer.getvalue())):
            written.append(target)
    return written


def _without_dates(po: bytes) -> bytes:
    """Drop the creation/revision timestamps so an unchanged catalog is byte-identical."""
    return b"".join(line for line in po.splitlines(keepends=True)
                    if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:')))
