"""Language facts from Babel's locale data (and Pyphen's patterns): names, direction, dates, hyphenation."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel import Locale
from babel.dates import format_date


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


@lru_cache(maxsize=1024)
def medium_date(value: date, lang: str) -> str:
    """'23 Nov 2027': where the room is short (the running footer, in every language)."""
    return format_date(value, format="medium", locale=lang)
