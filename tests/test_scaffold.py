"""`leafpress new`, and Leafpress installed from its wheel (not from this checkout): it carries its theme."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import PROJECT

SLUG = "looking-after-your-back"


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> Path:
    """Leafpress's wheel, built from this checkout and installed into a folder of its own."""
    root = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(root / "dist"), str(PROJECT)], check=True, capture_output=True)
    wheel = next((root / "dist").glob("leafpress-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(root / "site"),
                    str(wheel)], check=True, capture_output=True)
    return root / "site"


def leafpress(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """The installed Leafpress, run from `cwd` (never this checkout: it is not on the path)."""
    env = {**os.environ, "PYTHONPATH": str(installed)}
    env.pop("LEAFPRESS_TODAY", None)
    return subprocess.run([sys.executable, "-m", "leafpress", *args], cwd=cwd, env=env, capture_output=True,
                          text=True)


def python(installed: Path, cwd: Path, code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    run = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.fixture(scope="session")
def new_site(installed, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("new")
    run = leafpress(installed, work, "new", "my-clinic", "--name", "Hill Street Clinic")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == "leafpress: a new site in my-clinic; now run: cd my-clinic && leafpress build"
    return work / "my-clinic"


def test_the_wheel_is_what_runs_and_it_carries_the_default_theme(installed, tmp_path):
    where = python(installed, tmp_path, "import leafpress, leafpress.theme as t; print(leafpress.__file__); "
                                        "print(t.default_theme_dir())").splitlines()
    assert where[0].startswith(str(installed))
    assert where[1] == str(installed / "leafpress" / "default_theme")
    for relative in ("leaflet.html", "assets/leaflet.css", "assets/fonts/NotoSans-Regular.ttf",
                     "locale/ru/LC_MESSAGES/messages.po", "editions/a5.css"):
        assert (installed / "leafpress" / "default_theme" / relative).is_file(), relative
    for relative in ("translation/templates/side_by_side.html", "governance/templates/review.html",
                     "scaffold/site/.gitignore", "scaffold/site/.github/workflows/build.yml"):
        assert (installed / "leafpress" / relative).is_file(), relative


def test_new_writes_a_site_that_builds_strictly_with_the_installed_theme(installed, new_site):
    assert sorted(p.relative_to(new_site).as_posix() for p in new_site.rglob("*") if p.is_file()) == [
        ".github/workflows/build.yml", ".gitignore", "README.md", f"content/en/{SLUG}.md", "requirements.txt",
        "site.toml", "theme/README.md", "theme/assets/custom.css"]
    assert not (new_site / "templates").exists()
    run = leafpress(installed, new_site, "build", "--strict")
    assert run.returncode == 0, run.stderr
    assert "0 warnings" in run.stdout
    pdf = PdfReader(str(new_site / "output" / "en" / f"{SLUG}.pdf"))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Looking after your back" in text and "Hill Street Clinic" in text
    assert (new_site / "output" / "en" / f"{SLUG}.large-print.pdf").is_file()
    assert "Print A4" in (new_site / "output" / "index.html").read_text(encoding="utf-8")
    manifest = json.loads((new_site / "output" / "manifest.json").read_text())
    assert {entry["edition"] for entry in manifest["outputs"]} == {"html", "a4", "large-print"}
    workflow = yaml.safe_load((new_site / ".github/workflows/build.yml").read_text())
    assert "leafpress build --strict --shard \"$SHARD\"" in [step.get("run") for step in workflow["jobs"]["build"]["steps"]]


def test_review_and_the_translator_page_work_from_the_installed_wheel(installed, new_site, tmp_path):
    """Defect D: the wheel lacked the review pack's and the translator page's templates."""
    run = leafpress(installed, new_site, "review", SLUG, "-o", str(tmp_path / "review"))
    assert run.returncode == 0, run.stderr
    assert PdfReader(str(tmp_path / "review" / f"{SLUG}.review.pdf")).pages
    run = leafpress(installed, new_site, "new-language", "de")
    assert run.returncode == 0, run.stderr
    assert (new_site / "theme/locale/de/LC_MESSAGES/messages.po").is_file()  # the site's own copy
    page = python(installed, new_site, "from pathlib import Path; from leafpress.config import load_config; "
                                       "from leafpress.translation.side_by_side import translator_page; "
                                       f"print(translator_page(load_config(Path('site.toml')), 'de', '{SLUG}'))")
    assert "Looking after your back" in page and "<table" in page


def test_new_refuses_a_folder_that_is_not_empty(installed, new_site):
    run = leafpress(installed, new_site.parent, "new", new_site.name)
    assert run.returncode == 2
    assert run.stderr.strip() == (f"leafpress new: error: argument DIR: '{new_site.name}' already exists and is not "
                                  "an empty folder; choose a new folder")


def test_config_lists_declared_edition_keys_and_checks(installed, new_site):
    run = leafpress(installed, new_site, "config")
    assert run.returncode == 0
    assert "[editions.NAME]  an edition of the site's own" in run.stdout
    assert "    allow mixed-script: " in run.stdout
