"""The command line: help on every command, check writes nothing, build.py runs the same CLI."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import PROJECT
from leafpress import cli


@pytest.mark.parametrize("command", cli.COMMANDS)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main([command, "--help"])
    assert exited.value.code == 0
    assert "usage: leafpress " + command in capsys.readouterr().out


def test_top_level_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    for command in cli.COMMANDS:
        assert f"    {command}" in out


def test_check_validates_without_writing(basic, capsys):
    assert basic.run("check") == 0
    assert capsys.readouterr().out == "leafpress: 2 leaflet files checked, 0 warnings, no errors\n"
    assert not basic.output.exists()


def test_unknown_language_and_leaflet_selection_are_usage_errors(basic, capsys):
    assert basic.run("build", "--lang", "de", "--leaflet", "nope") == 2
    err = capsys.readouterr().err.splitlines()
    assert err == ["leafpress build: error: argument --lang: 'de' is not a configured language (en, ru)",
                   "leafpress build: error: argument --leaflet: no such leaflet 'nope' (sample)"]
    assert not basic.output.exists()


def test_missing_translation_is_a_warning_and_an_error_under_strict(basic, capsys):
    basic.path("content/ru/sample.md").unlink()
    assert basic.run("check") == 0
    assert capsys.readouterr().err == (
        "content/ru/sample.md:1: warning: no 'ru' translation of this leaflet yet; "
        "it is left out in that language\n")
    assert basic.run("check", "--strict") == 1


def test_build_py_runs_the_cli_without_a_traceback(tmp_path):
    result = subprocess.run([sys.executable, str(PROJECT / "build.py"), "check"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    files = len(list((PROJECT / "content").glob("*/*.md")))
    assert result.stdout == f"leafpress: {files} leaflet files checked, 0 warnings, no errors\n"
