"""The interface's words: the strings the theme's templates print, and each language's catalog of them.

The templates mark their words for translation (`_("Page %(page)s of %(pages)s")`); Babel
extracts them. Each language translates them in a gettext catalog, `locale/<lang>/LC_MESSAGES/
messages.po` in the theme. The edition registry's labels ("A5 PDF", "Print A4") are
interface words too, so they are extracted with the templates' own.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from leafpress.editions import BUILT_IN
from leafpress.errors import Diagnostic, TemplateError, display_path
from leafpress.files import decode, memo_by_file
from leafpress.theme import Theme

DOMAIN = "messages"
EXTRACTOR = "jinja2.ext:babel_extract"
REGISTRY_LOCATION = "leafpress/editions.py"


def read_catalog(path: Path):
    """Parse a .po file; errors name the file and line."""
    shown = display_path(path)
    text = decode(path.read_bytes(), shown, TemplateError)  # Babel would meet broken UTF-8 unguarded
    try:
        return read_po(BytesIO(text.encode("utf-8")), abort_invalid=True, charset="utf-8")
    except PoFileError as error:
        # Babel counts lines from 0 and repeats the number in its message ("... on 0").
        line = getattr(error, "lineno", 0) + 1
        message = re.sub(r" on \d+$", "", str(error))
        raise TemplateError.at(shown, line, f"broken catalog: {message}") from None
    except (ValueError, IndexError, KeyError, TypeError) as error:  # Babel's parser, beyond its own checks
        raise TemplateError.at(shown, _first_bad_line(text, type(error)),
                               f"broken catalog: cannot read this entry ({error})") from None
    # After KeyError and IndexError, its subclasses: the header names a charset no codec has (found by
    # fuzzing: "charset=u\ufefftf-8").
    except LookupError as error:
        line = next((number for number, text_line in enumerate(text.split("\n"), start=1)
                     if "charset=" in text_line), 1)
        raise TemplateError.at(shown, line, f"broken catalog: the Content-Type header names {error}; write "
                                            "'charset=UTF-8'") from None


def _first_bad_line(text: str, kind: type) -> int:
    """The line where Babel's parser fails: the shortest prefix of the file that fails the same way."""
    lines = text.split("\n")

    def fails(count: int) -> bool:
        try:
            read_po(BytesIO("\n".join(lines[:count]).encode("utf-8")), abort_invalid=True, charset="utf-8")
        except kind:
            return True
        except Exception:  # noqa: BLE001 - a different failure is not the one being looked for
            return False
        return False

    low, high = 1, len(lines)
    while low < high:
        middle = (low + high) // 2
        if fails(middle):
            high = middle
        else:
            low = middle + 1
    return low


@memo_by_file(lambda path: [path], maxsize=64)
def _compiled(path: Path) -> Translations:
    buffer = BytesIO()
    write_mo(buffer, read_catalog(path), use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def translations(theme: Theme, lang: str, source_lang: str) -> NullTranslations:
    """The compiled catalog for `lang`; the source language may have none (its msgids are the text)."""
    path = theme.catalog(lang)
    if not path.exists():
        if lang == source_lang:
            return NullTranslations()
        raise TemplateError([Diagnostic(display_path(path), 0, f"no catalog for language '{lang}'")])
    return _compiled(path.resolve())


def extract(theme: Theme) -> Catalog:
    """Every translatable string the templates print, and the edition labels (what `leafpress catalogs` keeps)."""
    layouts = tuple(theme.files(suffixes=(".html",)).items())
    return _extract(layouts)


@memo_by_file(lambda layouts: [path for _, path in layouts], maxsize=8)
def _extract(layouts: tuple[tuple[str, Path], ...]) -> Catalog:
    """Extracted again only when a layout changes (the preview rebuilds on every save)."""
    template = Catalog(project="Leafpress", fuzzy=False)
    for relative, path in layouts:
        for lineno, message, comments, context in extract_from_file(
                EXTRACTOR, str(path), comment_tags=("Translators:",), strip_comment_tags=True,
                options={"extensions": "jinja2.ext.i18n"}):
            template.add(message, None, [(relative, lineno)], auto_comments=comments, context=context)
    for edition in BUILT_IN:
        for text in (edition.label, edition.print_button):
            if text:
                template.add(text, None, [(REGISTRY_LOCATION, 0)])
    return template
