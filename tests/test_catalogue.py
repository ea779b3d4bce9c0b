"""The catalogue staff use: search in every language, filters, keyboard only, opened straight from disk."""

from __future__ import annotations

import re

import pytest
import tinyhtml5

from conftest import copy_site, needs_chromium
from leafpress.config import load_config
from leafpress.pipeline import BuildOptions, build

OWNERS = ["Spine and Joint Service", "Pain Clinic", "Physiotherapy"]


@pytest.fixture(scope="module")
def sixty(tmp_path_factory):
    """60 leaflets in three departments; every third has a Russian translation about 'склероз'."""
    site = copy_site("basic", tmp_path_factory.mktemp("catalogue") / "sixty")
    english, russian = site.read("content/en/sample.md"), site.read("content/ru/sample.md")
    site.path("content/en/sample.md").unlink()
    site.path("content/ru/sample.md").unlink()
    for number in range(1, 61):
        owner = OWNERS[number % 3]
        text = english.replace("TST-001", f"TST-{number:03}").replace("Sample leaflet", f"Leaflet number {number}")
        site.write(f"content/en/leaflet-{number:02}.md", text.replace("owner: Test Service", f"owner: {owner}"))
        if number % 3 == 0:
            translation = russian.replace("TST-001", f"TST-{number:03}")
            translation = translation.replace("title: Пробная памятка", f"title: Склероз, памятка {number}")
            site.write(f"content/ru/leaflet-{number:02}.md", translation)
    config = load_config(site.config)
    build(config, BuildOptions(pdf=False, today=__import__("datetime").date(2026, 6, 1)))  # pages and catalogue
    return site


def rows(page) -> list[str]:
    return page.eval_on_selector_all("#catalogue tbody tr:not([hidden])", "rows => rows.map(r => r.id)")


@needs_chromium
def test_search_and_filters_work_from_disk_with_the_keyboard(sixty, browser):
    page = browser.new_page()
    page.goto(sixty.path("output/index.html").as_uri())  # file://, no server, no network
    assert len(rows(page)) == 60
    assert page.inner_text("#find-count") == "Leaflets shown: 60 of 60"

    page.keyboard.press("Tab")  # the search box is the first control
    assert page.evaluate("document.activeElement.id") == "find-text"
    page.keyboard.type("склероз")
    assert rows(page) == [f"leaflet-{n:02}" for n in range(3, 61, 3)]
    assert page.inner_text("#find-count") == "Leaflets shown: 20 of 60"
    page.keyboard.type(" 27")
    assert rows(page) == ["leaflet-27"]
    page.fill("#find-text", "")

    page.keyboard.press("Tab")  # the language filter, chosen with the arrow keys
    assert page.evaluate("document.activeElement.id") == "find-language"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # All languages -> English -> Русский
    assert page.evaluate("document.activeElement.value") == "ru"
    assert len(rows(page)) == 20
    languages = page.eval_on_selector_all("#catalogue li[data-language]:not([hidden])",
                                          "items => [...new Set(items.map(i => i.dataset.language))]")
    assert languages == ["ru"]  # other languages' entries are hidden in the rows shown

    page.select_option("#find-language", "")
    page.select_option("#find-owner", "Pain Clinic")
    assert rows(page) == [f"leaflet-{n:02}" for n in range(1, 61) if n % 3 == 1]
    page.select_option("#find-owner", "")
    page.fill("#find-text", "no such leaflet anywhere")
    assert rows(page) == [] and page.is_visible("#find-none")
    page.close()


@needs_chromium
def test_the_catalogue_of_sixty_has_no_axe_violations(sixty, browser):
    from test_accessibility import axe_violations

    page = browser.new_page()
    page.goto(sixty.path("output/index.html").as_uri())
    assert axe_violations(page) == []
    page.fill("#find-text", "склероз")
    assert axe_violations(page) == []
    page.close()


def test_one_row_per_leaflet_with_print_a4_per_language(sixty):
    index = tinyhtml5.parse(sixty.read("output/index.html"), namespace_html_elements=False)
    body_rows = index.findall(".//table[@id='catalogue']/tbody/tr")
    assert len(body_rows) == 60
    row = next(r for r in body_rows if r.get("id") == "leaflet-03")
    prints = [(a.get("href"), "".join(a.itertext())) for a in row.iter("a") if a.get("class") == "print"]
    # The catalogue speaks the source language; each language has its own Print A4, named for screen readers.
    assert prints == [("en/leaflet-03.pdf", "Print A4 (English)"), ("ru/leaflet-03.pdf", "Print A4 (Русский)")]


def test_dates_follow_the_organisations_locale(tmp_path):
    site = copy_site("basic", tmp_path / "basic")
    site.replace("site.toml", 'order = ["en", "ru"]', 'order = ["en", "ru"]\nlocale = "en_GB"')
    assert site.run("build", "--today", "2026-06-01") == 0
    assert "15 January 2027" in site.read("output/index.html")
    assert "15 January 2027" in site.read("output/en/sample.html")
    assert "15 января 2027" in re.sub(r"\s", " ", site.read("output/ru/sample.html"))


def test_a_locale_of_another_language_is_a_configuration_error(tmp_path, capsys):
    site = copy_site("basic", tmp_path / "basic")
    site.replace("site.toml", 'order = ["en", "ru"]', 'order = ["en", "ru"]\nlocale = "fr_FR"')
    assert site.run("check") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "site.toml:11: locale 'fr_FR' must be a locale of the source language 'en', like 'en_GB'")
