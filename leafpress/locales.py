"""Language facts from Babel's locale data (and Pyphen's patterns): names, direction, dates, number marks.

Babel reads a locale's whole data file the first time anything of it is asked, about 10 ms a
language, and the language switcher names every language of the site in itself. So once a build
has said where (`keep_facts_in`, the project's stored results), each answer is kept there by
Babel's version and the question: a fresh process then loads no locale data to answer again.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Callable

import babel
from babel import Locale
from babel.dates import format_date
from babel.numbers import get_decimal_symbol, get_group_symbol

from leafpress.stored_results import ResultStore

_kept_in: list[ResultStore] = []  # at most one: where the answers are kept between processes
_answered: dict[str, str] = {}  # every answer this process has given, by its key in the store


def keep_facts_in(store: ResultStore | None) -> None:
    """Keep Babel's answers in `store` from now on (None: ask Babel each time, in this process).

    What this process already knows is put there too, and so counted as in use: the functions
    below remember their answers, so a second build in one process asks the store nothing."""
    _kept_in[:] = [store] if store is not None else []
    if store is not None:
        for key, value in _answered.items():
            store.remember(key, lambda: value, str, _text)


def _fact(question: str, answer: Callable[[], str], *about: str) -> str:
    key = ResultStore.key("locale-fact", babel.__version__, question, *about)
    value = _kept_in[0].remember(key, answer, str, _text) if _kept_in else answer()
    _answered[key] = value
    return value


def _text(entry: object) -> str:
    if not isinstance(entry, str):
        raise TypeError("not a text")
    return entry


@lru_cache(maxsize=1024)
def language_name(lang: str, in_lang: str | None = None, for_menu: bool = True) -> str:
    """A language's name, by default in itself; capitalised for a menu ('Русский', 'Español'),
    as the locale writes it for running text ('inglés')."""
    name = _fact("name", lambda: Locale.parse(lang).get_display_name(in_lang or lang) or lang, lang, in_lang or lang)
    return name[:1].upper() + name[1:] if for_menu else name


@lru_cache(maxsize=1024)
def text_direction(lang: str) -> str:
    return _fact("direction", lambda: "rtl" if Locale.parse(lang).character_order == "right-to-left" else "ltr",
                 lang)


@lru_cache(maxsize=1024)
def has_hyphenation(lang: str) -> bool:
    """Whether Pyphen (WeasyPrint's hyphenator) has patterns for the language."""
    import pyphen

    return pyphen.language_fallback(lang) is not None


@lru_cache(maxsize=1024)
def long_date(value: date, lang: str) -> str:
    return _fact("long date", lambda: format_date(value, format="long", locale=lang), value.isoformat(), lang)


@lru_cache(maxsize=1024)
def medium_date(value: date, lang: str) -> str:
    """'23 Nov 2027': where the room is short (the running footer, in every language)."""
    return _fact("medium date", lambda: format_date(value, format="medium", locale=lang), value.isoformat(), lang)


@lru_cache(maxsize=64)
def decimal_symbol(lang: str) -> str:
    """The mark between whole and fraction: '.' in English, ',' in Russian."""
    return _fact("decimal symbol", lambda: get_decimal_symbol(lang), lang)


@lru_cache(maxsize=64)
def group_symbol(lang: str) -> str:
    """The mark between groups of thousands: ',' in English, a no-break space in Russian."""
    return _fact("group symbol", lambda: get_group_symbol(lang), lang)
