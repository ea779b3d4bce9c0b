"""Shared fixtures: throwaway copies of the sample sites, and helpers to build and inspect them."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from leafpress import cli

PROJECT = Path(__file__).resolve().parent.parent
# Review dates are checked against "today": pin it, so no test changes outcome as the calendar moves.
os.environ["LEAFPRESS_TODAY"] = "2026-06-01"
# $CI turns --keep-going on by default; tests that want it say so, so they behave the same everywhere.
os.environ.pop("CI", None)
SITES = Path(__file__).resolve().parent / "sites"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                    reason="Chromium is not installed (Debian: apt-get install chromium)")
# Without the networking flags, Chromium keeps trying to reach Google's servers from a closed network.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TEMPLATES = PROJECT / "templates"
MEDIA_BUILD = ("a4", "a5", "large-print", "booklet", "press", "archive", "braille", "braille-text", "audio",
               "transcript")


@dataclass
class Site:
    """A sample site copied into a temporary folder."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / "site.toml"

    @property
    def output(self) -> Path:
        return self.root / "output"

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str | bytes) -> Path:
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        return target

    def replace(self, relative: str, old: str, new: str) -> Path:
        text = self.read(relative)
        assert old in text, f"{old!r} not in {relative}"
        return self.write(relative, text.replace(old, new, 1))

    def own_templates(self) -> Path:
        """Give the site a private copy of the templates (for tests that break them)."""
        shutil.copytree(TEMPLATES, self.root / "templates")
        self.replace("site.toml", f'templates = "{TEMPLATES.as_posix()}"', 'templates = "templates"')
        return self.root / "templates"

    def run(self, *args: str) -> int:
        """Run the command line in this site, as a user would from its folder."""
        previous = Path.cwd()
        os.chdir(self.root)
        try:
            return cli.main([*args[:1], "--config", str(self.config), *args[1:]])
        finally:
            os.chdir(previous)

    def check_errors(self, capsys) -> list[str]:
        """Run `check`, expect it to fail, and return its error lines (without the summary)."""
        capsys.readouterr()
        assert self.run("check") == 1
        return [line for line in capsys.readouterr().err.splitlines() if not line.startswith("leafpress:")]

    def snapshot(self) -> dict[str, tuple[bytes, int]]:
        """Every output file with its bytes and modification time."""
        if not self.output.exists():
            return {}
        return {p.relative_to(self.output).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
                for p in sorted(self.output.rglob("*")) if p.is_file()}


def copy_site(name: str, destination: Path) -> Site:
    shutil.copytree(SITES / name, destination)
    config = destination / "site.toml"
    text = re.sub(r'templates = "[^"]*"', f'templates = "{TEMPLATES.as_posix()}"', config.read_text())
    config.write_text(text)
    return Site(destination)


@pytest.fixture(scope="session")
def built_basic(tmp_path_factory) -> Site:
    """The basic sample site, built once for the whole session (do not modify)."""
    site = copy_site("basic", tmp_path_factory.mktemp("built") / "basic")
    assert site.run("build") == 0
    return site


@pytest.fixture
def basic(tmp_path) -> Site:
    """A fresh, unbuilt copy of the basic sample site."""
    return copy_site("basic", tmp_path / "basic")


@pytest.fixture
def built_copy(built_basic, tmp_path) -> Site:
    """A private copy of the built basic site: tests may break its inputs."""
    shutil.copytree(built_basic.root, tmp_path / "basic")
    return Site(tmp_path / "basic")


@pytest.fixture
def multi(tmp_path) -> Site:
    """A fresh copy of the site with a Spanish and an Arabic (right-to-left) translation."""
    return copy_site("multi", tmp_path / "multi")


@pytest.fixture(scope="session")
def built_multi(tmp_path_factory) -> Site:
    site = copy_site("multi", tmp_path_factory.mktemp("built") / "multi")
    assert site.run("build", "--strict") == 0
    return site


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Site:
    """The real content of the project, built into a temporary output folder."""
    root = tmp_path_factory.mktemp("project")
    text = (PROJECT / "site.toml").read_text()
    text = text.replace('content = "content"', f'content = "{(PROJECT / "content").as_posix()}"')
    text = text.replace('templates = "templates"', f'templates = "{TEMPLATES.as_posix()}"')
    (root / "site.toml").write_text(text)
    site = Site(root)
    assert site.run("build", "--strict") == 0
    return site


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (never a browser Playwright downloads)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def built_clinic(tmp_path_factory) -> Site:
    """The clinic sample site (leaflets of a clinic's real shapes), built once in every edition (braille and audio
    too) and language (do not modify)."""
    site = copy_site("clinic", tmp_path_factory.mktemp("built") / "clinic")
    site.config.write_text(site.config.read_text().replace(
        'build = ["a4", "a5", "large-print", "booklet", "press", "archive"]',
        'build = ' + str(list(MEDIA_BUILD)).replace("'", '"')))
    assert site.run("build") == 0
    return site
