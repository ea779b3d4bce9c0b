"""files.py: file stamps, held for the length of a build, and the memos keyed on them."""

from __future__ import annotations

import os
import threading

from leafpress.files import file_stamp, memo_by_file, stamps_held


def _rewrite(path, text: str, mtime_ns: int) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime_ns, mtime_ns))


def test_a_build_sees_one_version_of_each_file_and_the_next_build_the_new_one(tmp_path):
    path = tmp_path / "leaflet.md"
    _rewrite(path, "one", 1_000_000_000)
    reads = []

    @memo_by_file(lambda p: [p])
    def text(p):
        reads.append(p)
        return p.read_text(encoding="utf-8")

    with stamps_held():
        assert text(path) == "one"
        _rewrite(path, "two!", 2_000_000_000)  # saved while the build runs
        assert file_stamp(path) == (3, 1_000_000_000)
        assert text(path) == "one" and len(reads) == 1
    assert file_stamp(path) == (4, 2_000_000_000)
    assert text(path) == "two!" and len(reads) == 2


def test_a_build_within_a_build_shares_its_stamps_and_another_thread_stamps_afresh(tmp_path):
    path = tmp_path / "leaflet.md"
    _rewrite(path, "one", 1_000_000_000)
    seen = {}
    with stamps_held():
        file_stamp(path)
        _rewrite(path, "three", 2_000_000_000)
        with stamps_held():
            seen["inner"] = file_stamp(path)
        seen["after inner"] = file_stamp(path)
        thread = threading.Thread(target=lambda: seen.__setitem__("thread", file_stamp(path)))
        thread.start()
        thread.join()
    assert seen == {"inner": (3, 1_000_000_000), "after inner": (3, 1_000_000_000), "thread": (5, 2_000_000_000)}


def test_a_missing_file_is_stamped_as_gone(tmp_path):
    with stamps_held():
        assert file_stamp(tmp_path / "nothing.md") == (-1, -1)
    assert file_stamp(tmp_path / "nothing.md") == (-1, -1)
