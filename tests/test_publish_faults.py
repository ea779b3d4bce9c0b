"""File-system faults while publishing: a full disk, a read-only output folder, files where folders belong,
a damaged cache. Each is a `path: what is wrong` error with exit 1 (never an internal error), and the
output folder is wholly the old build, as its manifest's hashes show.

The full disk is a real 8 MB tmpfs and the read-only folder a real read-only bind mount, where the machine
allows mounting (CI runs as root); elsewhere those two skip, and the injected faults below still run.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from leafpress.publish import output_folder


def hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "filler"}


def manifest_holds(folder: Path) -> None:
    """Every file the manifest lists is there, with the manifest's hash: one build, whole."""
    for entry in json.loads((folder / "manifest.json").read_text())["outputs"]:
        assert hashlib.sha256((folder / entry["path"]).read_bytes()).hexdigest() == entry["sha256"], entry["path"]


@contextmanager
def mounted(*command: str, target: Path):
    if os.geteuid() != 0 or subprocess.run(list(command), capture_output=True).returncode != 0:
        pytest.skip("needs to mount a file system (root, as CI runs)")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True)


def change_the_content(site) -> None:
    text = site.read("content/en/sample.md")
    site.write("content/en/sample.md", text.replace("\n\n", "\n\nA sentence added for this build.\n\n", 1))


def test_a_full_disk_fails_before_anything_published_changes(basic, capsys):
    output = basic.root / "output"
    output.mkdir()
    with mounted("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(output), target=output):
        assert basic.run("build") == 0
        before = hashes(output)
        with open(output / "filler", "wb", buffering=0) as filler:  # fill the disk to the last block (unbuffered:
            # a buffered file would fail once more when it closes)
            try:
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
            except OSError as error:
                assert error.errno == errno.ENOSPC
        # Room for the new HTML page, not for its PDF: publishing in place would leave the two apart.
        os.truncate(output / "filler", (output / "filler").stat().st_size - 12 * 1024)
        change_the_content(basic)
        capsys.readouterr()
        assert basic.run("build") == 1
        err = capsys.readouterr().err
        assert ": no space left on device; nothing published was changed" in err
        assert "internal error" not in err and "Traceback" not in err
        assert hashes(output) == before
        manifest_holds(output)
        assert not [p for p in output.iterdir() if p.name.startswith(".leafpress-staging")]


def test_a_read_only_output_folder_is_a_clear_error(basic, capsys):
    output = basic.root / "output"
    assert basic.run("build") == 0
    before = hashes(output)
    with mounted("sh", "-c", f"mount --bind '{output}' '{output}' && mount -o remount,ro,bind '{output}'",
                 target=output):
        change_the_content(basic)
        capsys.readouterr()
        assert basic.run("build") == 1
        err = capsys.readouterr().err
        assert "output" in err and ": read-only file system; nothing published was changed" in err
        assert "internal error" not in err
        assert hashes(output) == before


def test_an_output_that_is_a_file_is_a_clear_error(basic, capsys):
    (basic.root / "output").write_text("not a folder")
    assert basic.run("build") == 1
    err = capsys.readouterr().err
    assert "internal error" not in err
    errors = [line for line in err.splitlines() if not line.startswith("[")]  # not the progress lines
    assert errors[0].startswith("output") and errors[0].endswith("; nothing published was changed"), errors
    assert errors[1:] == ["leafpress: 1 error"]
    assert (basic.root / "output").read_text() == "not a folder"


def test_a_fault_midway_through_staging_publishes_nothing(built_copy, capsys, monkeypatch):
    output = built_copy.output
    before = hashes(output)
    change_the_content(built_copy)
    written = []
    real_write = output_folder.write_atomic

    def failing(path, data):
        if len(written) == 2:
            raise OSError(errno.EDQUOT, "Disk quota exceeded", str(path))
        written.append(path)
        return real_write(path, data)

    monkeypatch.setattr(output_folder, "write_atomic", failing)
    capsys.readouterr()
    assert built_copy.run("build") == 1
    assert "disk quota exceeded; nothing published was changed" in capsys.readouterr().err
    assert hashes(output) == before
    manifest_holds(output)


def test_an_os_error_anywhere_is_exit_1_with_the_path(basic, capsys, monkeypatch):
    from leafpress.plan import cache

    def denied(self):
        raise PermissionError(errno.EACCES, "Permission denied", str(self.path))

    monkeypatch.setattr(cache.BuildCache, "save", denied)
    assert basic.run("build") == 1
    err = capsys.readouterr().err
    assert "build.json: permission denied" in err and "internal error" not in err


@pytest.mark.parametrize("damage", ["file", "dangling link"])
def test_a_cache_folder_that_is_not_a_folder_is_rebuilt_with_a_warning(basic, capsys, damage):
    cache = basic.root / ".leafpress-cache"
    if damage == "file":
        cache.write_text("junk")
    else:
        cache.symlink_to(basic.root / "nowhere")
    assert basic.run("build") == 0
    assert ".leafpress-cache: warning: was not a folder (a file or a broken link): the build cache is rebuilt" \
           in capsys.readouterr().err
    assert (cache / "build.json").is_file()


@pytest.mark.parametrize("store", ['{"format": 1, "entries": []}', '{"format": 1, "entries": {"x": 5}}', "[]",
                                   '{"format": 1, "entries": {"k": {"figures": 1, "warnings": 2}}}', "\x00junk"])
def test_a_stored_results_file_of_another_shape_is_ignored(built_copy, capsys, store):
    from leafpress.stored_results import forget_stores

    path = built_copy.root / ".leafpress-cache" / "results.json"
    assert path.is_file()
    path.write_text(store)
    forget_stores()  # what a fresh process sees
    change_the_content(built_copy)
    assert built_copy.run("build") == 0
    assert "internal error" not in capsys.readouterr().err


def test_stored_results_whose_entries_were_tampered_with_are_computed_again(built_copy, capsys):
    """A stored entry under the right key but of another shape (a damaged or hand-edited cache) is not trusted
    to the point of crashing: it is computed again."""
    import json

    from leafpress.stored_results import code_digest, forget_stores

    path = built_copy.root / ".leafpress-cache" / "results.json"
    data = json.loads(path.read_text())
    data["entries"] = {key: {"not": "a result"} for key in data["entries"]}
    assert data["code"] == code_digest()
    path.write_text(json.dumps(data))
    forget_stores()
    assert built_copy.run("build", "--force") == 0
    assert "internal error" not in capsys.readouterr().err
