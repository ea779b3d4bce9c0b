"""The incremental cache: each kind of change rebuilds exactly the outputs that depend on it."""

from __future__ import annotations

import json

import pytest

from conftest import copy_site

EN, RU = "content/en/sample.md", "content/ru/sample.md"
EN_OUTPUTS = {"en/sample.html", "en/sample.pdf"}
RU_OUTPUTS = {"ru/sample.html", "ru/sample.pdf"}
ALL_OUTPUTS = EN_OUTPUTS | RU_OUTPUTS


@pytest.fixture(scope="session")
def cached_site(tmp_path_factory):
    site = copy_site("basic", tmp_path_factory.mktemp("cache") / "basic")
    assert site.run("build") == 0
    return site


@pytest.fixture
def site(cached_site, tmp_path):
    import shutil

    shutil.copytree(cached_site.root, tmp_path / "site")
    return type(cached_site)(tmp_path / "site")


def rebuilt(site, today: str = "2026-06-01") -> set[str]:
    """Build; return which leaflet outputs were rendered again."""
    from datetime import date

    from leafpress.config import load_config
    from leafpress.pipeline import BuildOptions, build

    report = build(load_config(site.config, site.root), BuildOptions(today=date.fromisoformat(today)))
    return {output.relative_path for output in report.outputs} & ALL_OUTPUTS


def test_nothing_changed_nothing_rebuilt_or_rewritten(site):
    before = site.snapshot()
    assert rebuilt(site) == set()
    assert site.snapshot() == before  # same bytes and modification times


def test_translation_edit_rebuilds_only_that_language(site):
    site.replace(RU, "Немного текста.", "Другой текст.")
    assert rebuilt(site) == RU_OUTPUTS


def test_source_edit_rebuilds_the_source_and_the_translations_that_track_it(site):
    site.replace(EN, "Some text about it.", "Other text.")
    assert rebuilt(site) == ALL_OUTPUTS


def test_catalog_edit_rebuilds_only_its_language(site):
    templates = site.own_templates()
    assert rebuilt(site) == ALL_OUTPUTS  # other templates folder: a different input
    po = templates / "locale/ru/LC_MESSAGES/messages.po"
    po.write_text(po.read_text().replace('msgstr "Цель"', 'msgstr "Задача"'))
    assert rebuilt(site) == RU_OUTPUTS


@pytest.mark.parametrize("change", ["template", "stylesheet", "font", "config", "image"])
def test_shared_inputs_rebuild_everything(site, change):
    templates = site.own_templates()
    assert rebuilt(site) == ALL_OUTPUTS
    if change == "template":
        page = templates / "partials/stage-table.html"
        page.write_text(page.read_text().replace('<table class="stages">', '<table class="stages" id="t">'))
    elif change == "stylesheet":
        (templates / "assets/leaflet.css").write_text((templates / "assets/leaflet.css").read_text() + "\n/* x */\n")
    elif change == "font":
        font = templates / "assets/fonts/NotoSans-Regular.ttf"
        font.write_bytes(font.read_bytes() + b"\0")
    elif change == "config":
        site.replace("site.toml", 'name = "Test Clinic"', 'name = "Test Clinic 2"')
    elif change == "image":
        from PIL import Image

        Image.new("RGB", (8, 8), (200, 0, 0)).save(site.path("content/en/images/dot.png"))
    assert rebuilt(site) == ALL_OUTPUTS


def test_deleted_or_edited_output_is_rebuilt(site):
    site.path("output/en/sample.pdf").unlink()
    assert rebuilt(site) == {"en/sample.pdf"}
    site.path("output/ru/sample.html").write_text("edited by hand")
    assert rebuilt(site) == {"ru/sample.html"}


@pytest.mark.parametrize("damage", ["{not json", '{"format": 1, "outputs": {"en/sample.pdf": {"key": 3}}}', ""])
def test_corrupt_cache_is_rebuilt_not_trusted(site, damage):
    site.write(".leafpress-cache/build.json", damage)
    assert rebuilt(site) == ALL_OUTPUTS
    data = json.loads(site.read(".leafpress-cache/build.json"))  # ...but the cache is whole again
    assert set(data["outputs"]) == ALL_OUTPUTS


def test_force_renders_everything(site, capsys):
    capsys.readouterr()
    assert site.run("build", "--force") == 0
    assert "4 outputs built" in capsys.readouterr().out


def test_review_state_change_rebuilds(site):
    assert rebuilt(site, today="2027-02-01") == ALL_OUTPUTS  # both now say "Review overdue"


def test_no_op_fast_path_answers_without_building(site, capsys):
    assert site.run("build") == 0  # records the state of this copy
    capsys.readouterr()
    before = site.snapshot()
    assert site.run("build") == 0
    assert "nothing changed since the last build" in capsys.readouterr().out
    assert site.snapshot() == before


@pytest.mark.parametrize("change", ["content", "output", "option"])
def test_fast_path_steps_aside_when_anything_changed(site, capsys, change):
    assert site.run("build") == 0
    capsys.readouterr()
    args = ["build"]
    if change == "content":
        site.replace(RU, "Немного текста.", "Другой текст.")
    elif change == "output":
        site.path("output/en/sample.pdf").unlink()
    else:
        args.append("--strict")
    assert site.run(*args) == 0
    out = capsys.readouterr().out
    assert "nothing changed" not in out and "outputs built" in out
    assert site.path("output/en/sample.pdf").exists()
