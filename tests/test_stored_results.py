"""The store of check findings kept on disk (leafpress/stored_results.py): what a fresh process finds,
how new entries are appended to the log and folded into the store, and what a damaged log costs."""

from __future__ import annotations

import json

import pytest

from leafpress.stored_results import FOLD_SHARE, ResultStore, code_digest


def _same(value):
    return value


def _fill(store: ResultStore, count: int, prefix: str = "k", size: int = 40) -> None:
    for number in range(count):
        store.remember(f"{prefix}{number}", lambda: "x" * size, _same, _same)


def _computed(store: ResultStore, key: str) -> bool:
    """Whether `key` had to be computed again (not found in what the store read)."""
    calls = []
    store.remember(key, lambda: calls.append(key) or "fresh", _same, _same)
    return bool(calls)


@pytest.fixture
def path(tmp_path):
    (tmp_path / ".leafpress-cache").mkdir()
    return tmp_path / ".leafpress-cache" / "results.json"


def test_the_first_save_writes_the_whole_store_and_no_log(path):
    store = ResultStore(path)
    _fill(store, 10)
    store.save()
    data = json.loads(path.read_text())
    assert data["format"] == 1 and data["code"] == code_digest()
    assert sorted(data["entries"]) == sorted(f"k{n}" for n in range(10))
    assert not path.with_suffix(".log").exists()


def test_a_few_new_entries_are_appended_to_the_log_not_to_the_store(path):
    first = ResultStore(path)
    _fill(first, 100)
    first.save()
    stored = path.read_bytes()

    second = ResultStore(path)  # a fresh process
    assert not _computed(second, "k7")
    _fill(second, 2, prefix="new")
    second.save()
    assert path.read_bytes() == stored  # the megabytes of a large site are not written again
    lines = path.with_suffix(".log").read_text().splitlines()
    assert json.loads(lines[0]) == {"format": 1, "code": code_digest()}
    assert [json.loads(line)[0] for line in lines[1:]] == ["new0", "new1"]

    third = ResultStore(path)
    assert not _computed(third, "new1") and not _computed(third, "k99")
    assert _computed(third, "never-stored")


def test_a_save_that_added_nothing_writes_nothing(path):
    store = ResultStore(path)
    _fill(store, 5)
    store.save()
    before = path.stat().st_mtime_ns
    again = ResultStore(path)
    _fill(again, 5)  # all found
    again.save()
    assert path.stat().st_mtime_ns == before and not path.with_suffix(".log").exists()


def test_the_log_is_folded_into_the_store_when_it_grows_past_its_share(path):
    store = ResultStore(path)
    _fill(store, 100)
    store.save()
    size = path.stat().st_size
    edits = 0
    while path.with_suffix(".log").exists() or edits == 0:
        edits += 1
        process = ResultStore(path)
        _fill(process, 3, prefix=f"edit{edits}-")
        process.save()
        log = path.with_suffix(".log")
        assert not log.exists() or log.stat().st_size <= FOLD_SHARE * size
        assert edits < 100
    assert edits > 1  # some edits were appended before the fold
    entries = json.loads(path.read_text())["entries"]
    assert all(f"edit{n}-2" in entries for n in range(1, edits + 1))


def test_a_whole_site_build_that_used_few_entries_prunes_the_rest(path):
    store = ResultStore(path)
    _fill(store, 100)
    store.save()
    build = ResultStore(path)
    _fill(build, 10)  # the site shrank: 90 entries unused
    build.save(prune=True)
    assert sorted(json.loads(path.read_text())["entries"]) == sorted(f"k{n}" for n in range(10))


def test_a_prune_with_few_unused_entries_keeps_the_store_as_it_is(path):
    store = ResultStore(path)
    _fill(store, 100)
    store.save()
    stored = path.read_bytes()
    build = ResultStore(path)
    _fill(build, 95)
    build.save(prune=True)
    assert path.read_bytes() == stored


def test_a_torn_last_line_is_ignored_and_the_log_folded_at_the_next_save(path):
    store = ResultStore(path)
    _fill(store, 100)
    store.save()
    process = ResultStore(path)
    _fill(process, 2, prefix="new")
    process.save()
    log = path.with_suffix(".log")
    log.write_bytes(log.read_bytes() + b'["torn", "val')  # a build killed while appending

    reader = ResultStore(path)
    assert not _computed(reader, "new0") and not _computed(reader, "new1")
    assert reader.log_damaged and _computed(reader, "torn")
    reader.save()  # the log is folded into the store: the damage is gone
    assert not log.exists()
    entries = json.loads(path.read_text())["entries"]
    assert {"new0", "new1", "torn"} <= set(entries) and entries["torn"] == "fresh"


@pytest.mark.parametrize("header", [b'{"format": 1, "code": "other"}', b'{"format": 9}', b"junk", b""])
def test_a_log_of_other_code_or_no_header_is_ignored_and_started_again(path, header):
    store = ResultStore(path)
    _fill(store, 100)
    store.save()
    log = path.with_suffix(".log")
    log.write_bytes(header + b'\n["planted", "a stale result"]\n')

    process = ResultStore(path)
    assert _computed(process, "planted")
    process.save()
    lines = log.read_text().splitlines() if log.exists() else []
    assert not lines or json.loads(lines[0]) == {"format": 1, "code": code_digest()}
    assert ResultStore(path).entries["planted"] == "fresh"


def test_a_log_without_a_store_is_not_trusted(path):
    log = path.with_suffix(".log")
    log.write_bytes(json.dumps({"format": 1, "code": code_digest()}).encode() + b'\n["planted", "x"]\n')
    store = ResultStore(path)
    assert _computed(store, "planted")
    store.save()
    assert path.is_file() and not log.exists()


def test_a_store_without_a_path_keeps_results_in_memory_only(tmp_path):
    store = ResultStore()
    _fill(store, 3)
    store.save()
    assert not _computed(store, "k1")
    assert list(tmp_path.iterdir()) == []
