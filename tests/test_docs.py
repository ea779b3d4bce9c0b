"""The README documents every configuration and front-matter key the code accepts."""

from __future__ import annotations

from dataclasses import fields

from conftest import PROJECT
from leafpress.config import SECTIONS
from leafpress.content.load import front_matter_schema

README = (PROJECT / "README.md").read_text(encoding="utf-8")


def test_every_site_toml_key_is_in_the_readme():
    for section, cls in SECTIONS.items():
        for key in fields(cls):
            assert f"| `[{section}] {key.name}` |" in README


def test_every_front_matter_key_is_in_the_readme():
    for field in front_matter_schema(1, "x", []):
        assert f"| `{field.name}` |" in README


def test_quick_start_is_two_commands_and_ci_runs_the_test_command():
    quick_start = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick_start.strip().splitlines()]
    assert commands == ["python3 build.py", "python3 build.py test"]
    assert "python3 build.py test" in (PROJECT / ".ci" / "run").read_text().splitlines()
