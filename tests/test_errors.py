"""How a message names a file: relative to the project when the file really is inside it."""

from __future__ import annotations

import os

import pytest

from leafpress.errors import _display_path, _resolved, display_path


@pytest.fixture(autouse=True)
def forget_resolved():
    _display_path.cache_clear()
    _resolved.cache_clear()
    yield
    _display_path.cache_clear()
    _resolved.cache_clear()


def test_a_file_inside_the_project_is_shown_relative_to_it(tmp_path):
    (tmp_path / "content" / "en").mkdir(parents=True)
    (tmp_path / "content" / "en" / "a.md").write_text("x")
    assert display_path(tmp_path / "content" / "en" / "a.md", tmp_path) == os.path.join("content", "en", "a.md")
    assert display_path(tmp_path / "content" / "en" / "new.md", tmp_path) == os.path.join("content", "en", "new.md")


def test_a_file_outside_the_project_is_shown_as_given(tmp_path):
    (tmp_path / "project").mkdir()
    assert display_path(tmp_path / "elsewhere.md", tmp_path / "project") == str(tmp_path / "elsewhere.md")


def test_a_linked_file_is_shown_where_it_really_is(tmp_path):
    project, outside = tmp_path / "project", tmp_path / "outside"
    (project / "content").mkdir(parents=True)
    outside.mkdir()
    (outside / "real.md").write_text("x")
    (project / "content" / "link.md").symlink_to(outside / "real.md")
    (project / "content" / "inner.md").write_text("x")
    (project / "content" / "alias.md").symlink_to(project / "content" / "inner.md")
    assert display_path(project / "content" / "link.md", project) == str(project / "content" / "link.md")
    assert display_path(project / "content" / "alias.md", project) == os.path.join("content", "inner.md")


def test_a_linked_folder_and_a_dot_dot_after_it_resolve_as_the_file_system_says(tmp_path):
    project, outside = tmp_path / "project", tmp_path / "outside" / "deep"
    (project / "content").mkdir(parents=True)
    outside.mkdir(parents=True)
    (project / "content" / "en").symlink_to(outside)
    (outside / "a.md").write_text("x")
    (tmp_path / "outside" / "b.md").write_text("x")
    # Through the linked folder the file is outside the project; '..' after the link climbs from its target.
    assert display_path(project / "content" / "en" / "a.md", project) == str(project / "content" / "en" / "a.md")
    via_parent = project / "content" / "en" / ".." / "b.md"
    assert display_path(via_parent, project) == str(via_parent)
    (project / "content" / "b.md").write_text("x")  # lexically, '..' would land here, inside the project
    _display_path.cache_clear()
    assert display_path(via_parent, project) == str(via_parent)
