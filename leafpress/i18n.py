"""UI strings and locale data: gettext catalogs per language, Babel for dates and names."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from leafpress.errors import Diagnostic, TemplateError, display_path
from leafpress.textfile import decode

DOMAIN = "messages"


def catalog_path(templates_dir: Path, lang: str) -> Path:
    return templates_dir / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


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


@lru_cache(maxsize=64)
def _load(path: Path, mtime_ns: int) -> Translations:
    buffer = BytesIO()
    write_mo(buffer, read_catalog(path), use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def translations(templates_dir: Path, lang: str, source_lang: str) -> NullTranslations:
    """The compiled catalog for `lang`; the source language may have none (its msgids are the text)."""
    path = catalog_path(templates_dir, lang)
    if not path.exists():
        if lang == source_lang:
            return NullTranslations()
        raise TemplateError([Diagnostic(display_path(path), 0, f"no catalog for language '{lang}'")])
    return _load(path.resolve(), path.stat().st_mtime_ns)


@lru_cache(maxsize=1024)
def language_name(lang: str, in_lang: str | None = None, for_menu: bool = True) -> str:
    """A language's name, by default in itself; capitalised for a menu ('Русский', 'Español'),
    as the locale writes it for running text ('inglés')."""
    name = Locale.parse(lang).get_display_name(in_lang or lang) or lang
    return name[:1].upper() + name[1:] if for_menu else name


@lru_cache(maxsize=1024)
def text_direction(lang: str) -> str:
    return "rtl" if Locale.parse(lang).character_order == "right-to-left" else "ltr"


@lru_cache(maxsize=1024)
def has_hyphenation(lang: str) -> bool:
    """Whether Pyphen (WeasyPrint's hyphenator) has patterns for the language."""
    import pyphen

    return pyphen.language_fallback(lang) is not None


@lru_cache(maxsize=1024)
def long_date(value: date, lang: str) -> str:
    return format_date(value, format="long", locale=lang)
