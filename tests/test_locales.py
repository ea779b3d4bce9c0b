"""Language facts (leafpress/locales.py): Babel's answers, and the same answers from the stored results
in a fresh process, without Babel's locale data being read."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel import Locale

from leafpress import locales
from leafpress.stored_results import ResultStore

PROJECT = Path(__file__).resolve().parent.parent
FACTS = """
import json, sys
from datetime import date
from pathlib import Path
import babel.localedata
from leafpress import locales
from leafpress.stored_results import ResultStore
store = ResultStore(Path(sys.argv[1]))
locales.keep_facts_in(store)
answers = [locales.language_name("ar"), locales.language_name("en", "es", for_menu=False),
           locales.text_direction("ar"), locales.long_date(date(2027, 3, 9), "ru"),
           locales.medium_date(date(2027, 3, 9), "es"), locales.decimal_symbol("ru"), locales.group_symbol("en")]
store.save()
print(json.dumps({"answers": answers, "locales_read": sorted(babel.localedata._cache)}))
"""


@pytest.fixture(autouse=True)
def no_store():
    yield
    locales.keep_facts_in(None)


def _fresh_process(store: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", FACTS, str(store)], cwd=PROJECT, check=True,
                            capture_output=True, text=True)
    return json.loads(result.stdout)


def test_the_answers_are_babels():
    assert locales.language_name("ru") == "Русский"
    assert locales.language_name("en", "es", for_menu=False) == Locale.parse("en").get_display_name("es")
    assert [locales.text_direction(lang) for lang in ("ar", "en")] == ["rtl", "ltr"]
    assert locales.decimal_symbol("ru") == "," and locales.decimal_symbol("en") == "."
    assert locales.group_symbol("en") == ","


def test_a_fresh_process_answers_from_the_store_without_reading_locale_data(tmp_path):
    store = tmp_path / "results.json"
    first = _fresh_process(store)
    assert first["locales_read"]  # the first process asked Babel
    assert first["answers"][:3] == ["العربية", "inglés", "rtl"]
    second = _fresh_process(store)
    assert second["answers"] == first["answers"]
    assert second["locales_read"] == []


def test_a_stored_answer_of_the_wrong_shape_is_asked_again(tmp_path):
    path = tmp_path / "results.json"
    _fresh_process(path)
    data = json.loads(path.read_text())
    data["entries"] = {key: 42 for key in data["entries"]}  # a damaged store
    path.write_text(json.dumps(data))
    again = _fresh_process(path)
    assert again["answers"][:3] == ["العربية", "inglés", "rtl"] and again["locales_read"]


def test_what_the_process_already_knows_is_kept_in_a_new_store_and_counted_as_used(tmp_path):
    assert locales.language_name("es") == "Español"  # answered before any store is named
    store = ResultStore(tmp_path / "results.json")
    locales.keep_facts_in(store)
    assert "español" in store.entries.values()  # stored as Babel writes it, capitalised for a menu
    assert store.used == set(store.entries)  # a pruning save keeps them
    other = ResultStore(tmp_path / "other.json")
    locales.keep_facts_in(other)  # a second build in the same process: asks nothing, still keeps them
    assert other.entries.keys() == store.entries.keys() and other.used == set(other.entries)


def test_without_a_store_nothing_is_kept(tmp_path):
    locales.keep_facts_in(None)
    assert locales.long_date(date(2027, 1, 2), "en") == "January 2, 2027"
