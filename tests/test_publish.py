"""Atomic writes: success, failure half-way, permissions; and pruning withdrawn leaflets."""

from __future__ import annotations

import os

import pytest

from leafpress.model import Output
from leafpress.files import atomic_open, write_atomic
from leafpress.publish.output_folder import prune, publish


def test_success_replaces_the_file(tmp_path):
    target = tmp_path / "a" / "x.pdf"
    assert write_atomic(target, b"new") is True
    assert target.read_bytes() == b"new"
    assert os.listdir(target.parent) == ["x.pdf"]


def test_failure_half_way_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "x.pdf"
    target.write_bytes(b"good old output")
    with pytest.raises(RuntimeError):
        with atomic_open(target) as stream:
            stream.write(b"half a PD")
            raise RuntimeError("interrupted")
    assert target.read_bytes() == b"good old output"
    assert os.listdir(tmp_path) == ["x.pdf"]


def test_permissions_follow_the_umask(tmp_path):
    previous = os.umask(0o027)
    try:
        write_atomic(tmp_path / "x.pdf", b"data")
    finally:
        os.umask(previous)
    assert (tmp_path / "x.pdf").stat().st_mode & 0o777 == 0o640


def test_identical_content_is_not_rewritten(tmp_path):
    target = tmp_path / "x.pdf"
    write_atomic(target, b"same")
    mtime = target.stat().st_mtime_ns
    assert write_atomic(target, b"same") is False
    assert target.stat().st_mtime_ns == mtime
    assert publish([Output("x.pdf", b"same"), Output("y.pdf", b"y")], tmp_path) == 1


def test_prune_removes_only_unproduced_pages_in_managed_folders(tmp_path):
    for name in ["en/a.pdf", "en/old.pdf", "en/old.html", "en/notes.txt", "assets/x.css"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    removed = prune(tmp_path, {"en/a.pdf"}, ["en"])
    assert removed == ["en/old.html", "en/old.pdf"]
    assert (tmp_path / "en/notes.txt").exists() and (tmp_path / "assets/x.css").exists()
