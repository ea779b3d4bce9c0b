"""What a newcomer installs: a lock file that works on any machine, and a wheel that has every package."""

from __future__ import annotations

import re
import tomllib

from conftest import PROJECT


def test_the_lock_file_names_no_machines_paths_or_indexes():
    """Defect E: pip-compile copied this machine's pip configuration into the lock file."""
    lines = (PROJECT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    options = [line for line in lines if line.startswith("-")]
    assert options == []
    assert [line for line in lines if re.search(r"file:|(^|\s)/[a-z]", line) and not line.startswith("#")] == []
    pins = [line for line in lines if re.match(r"^[A-Za-z0-9_.-]+==", line)]
    assert len(pins) > 40 and all(line.endswith("\\") for line in pins)  # every pin carries its hashes


def test_every_package_folder_is_in_the_wheel():
    setuptools = tomllib.loads((PROJECT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = {".".join(path.parent.relative_to(PROJECT).parts) for path in (PROJECT / "leafpress").rglob("__init__.py")}
    assert folders | {"leafpress.default_theme"} == set(setuptools["packages"])
    assert setuptools["package-dir"] == {"leafpress.default_theme": "templates"}
