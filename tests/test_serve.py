"""The live preview in a real browser: headless Chromium driven by Playwright."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from urllib.request import urlopen

import pytest

from conftest import PROJECT, needs_chromium
from leafpress.config import load_config
from leafpress.serve import affected_languages

ES = "content/es/sample.md"


def test_a_translation_change_rebuilds_only_its_language(multi):
    config = load_config(multi.config)
    content, templates = config.content_dir, config.theme.folders[0]
    assert affected_languages([content / "es" / "sample.md"], config) == ("es",)
    assert affected_languages([content / "es/sample.md", templates / "locale/ar/LC_MESSAGES/messages.po"],
                              config) == ("ar", "es")
    assert affected_languages([content / "en" / "sample.md"], config) is None
    assert affected_languages([templates / "leaflet.html"], config) is None
    assert affected_languages([multi.config], config) is None


@pytest.fixture
def server(multi):
    process = subprocess.Popen(
        [sys.executable, "-m", "leafpress", "serve", "--config", str(multi.config), "--port", "0"],
        cwd=multi.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={"PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin"})
    line = process.stdout.readline()
    match = re.search(r"serving (http://\S+/)", line)
    assert match, line
    url = match.group(1)
    deadline = time.monotonic() + 60
    while not multi.path("output/ar/sample.pdf").exists():  # the first full build
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


@needs_chromium
def test_live_preview_reloads_on_save_and_shows_errors(multi, server, browser):
    page = browser.new_page()
    page.goto(server + "es/sample.html")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["es", "ltr"]
    page.wait_for_function("window.__loaded = true")  # marks this page load: a reload clears it

    multi.replace(ES, "Un texto sobre ello.", "Un texto recién editado.")
    page.wait_for_function("document.body.innerText.includes('Un texto recién editado.')", timeout=15000)
    assert page.evaluate("window.__loaded === undefined"), "the page should have reloaded by itself"

    multi.replace(ES, "title: Folleto de prueba", "title: [Folleto de prueba")
    alert = page.wait_for_selector("#leafpress-errors", timeout=15000)
    assert alert.inner_text().startswith(f"{ES}:2: invalid YAML in front matter:")

    multi.replace(ES, "title: [Folleto de prueba", "title: Folleto corregido")
    page.wait_for_function("document.querySelector('h1') && document.querySelector('h1').innerText"
                           " === 'Folleto corregido'", timeout=15000)
    assert page.query_selector("#leafpress-errors") is None


@needs_chromium
def test_language_switcher_links_resolve_and_arabic_is_rtl(server, browser):
    page = browser.new_page()
    page.goto(server + "es/sample.html")
    links = page.eval_on_selector_all("nav.languages a", "as => as.map(a => [a.hreflang, a.href])")
    assert [lang for lang, _ in links] == ["en", "ar"]
    for _, href in links:
        assert urlopen(href).status == 200
    page.click("nav.languages a[hreflang=ar]")
    page.wait_for_load_state()
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    # The stage table is laid out right to left: its first column is on the right.
    first, last = page.eval_on_selector_all(
        "table.stages thead th", "ths => [ths[0].getBoundingClientRect().x, ths[2].getBoundingClientRect().x]")
    assert first > last


@needs_chromium
def test_translation_qa_findings_show_on_the_open_page_and_clear_when_fixed(multi, server, browser):
    page = browser.new_page()
    page.goto(server + "es/sample.html")
    page.wait_for_function("window.__loaded = true")
    finding = (f"{ES}:33: warning: number 40 is not in section 'what-is-it' of the source "
               "(content/en/sample.md:24)")
    shows = "(document.getElementById('leafpress-warnings') || {textContent: ''}).textContent.includes(%r)"
    multi.replace(ES, "Un texto sobre ello.", "Un texto sobre ello, 40 veces.")
    page.wait_for_function(shows % finding, timeout=15000)
    assert page.get_attribute("#leafpress-warnings", "role") == "status"
    multi.replace(ES, "Un texto sobre ello, 40 veces.", "Un texto sobre ello.")
    page.wait_for_function("!" + shows % finding, timeout=15000)


@needs_chromium
def test_translator_page_shows_source_and_translation_side_by_side_and_follows_saves(multi, server, browser):
    assert multi.run("mark-translated", "ar") == 0  # keeps the source text, so the page can show the diff
    page = browser.new_page()
    page.goto(server + "ar/sample.html")
    page.click("#leafpress-translator-link")
    page.wait_for_url("**/__leafpress/translate/ar/sample.html")
    cells = page.eval_on_selector_all("#part-safety td", "tds => tds.map(td => [td.lang, td.dir])")
    assert cells == [["en", "ltr"], ["ar", "rtl"]]
    assert page.inner_text("#part-safety .state") == "up to date"
    page.wait_for_function("window.__loaded = true")

    multi.replace("content/en/sample.md", "Take medicines as prescribed.", "Take your tablets as prescribed.")
    page.wait_for_function("document.querySelector('#part-safety').className === 'stale'", timeout=15000)
    assert page.inner_text("#part-safety del") == "medicines"
    assert page.inner_text("#part-safety ins") == "your tablets"
    assert page.evaluate("window.__loaded === undefined"), "the page should have reloaded by itself"

    multi.path("content/ar/sample.md").unlink()
    page.wait_for_function("document.querySelector('#part-safety').className === 'missing'", timeout=15000)
    assert page.inner_text("#part-safety td.translation") == "Missing: not translated yet."
    assert page.inner_text(".overall") == "missing"


def test_translator_page_is_only_for_translations(multi):
    from leafpress.translation.side_by_side import translator_page

    config = load_config(multi.config)
    assert translator_page(config, "en", "sample") is None
    assert translator_page(config, "es", "no-such-leaflet") is None
    assert "Missing" not in translator_page(config, "es", "sample")


def test_the_preview_outlives_a_build_that_breaks(multi, monkeypatch):
    """A file that vanishes mid-build (say) must not stop the preview: it shows the error and waits."""
    from leafpress import serve as serve_module

    def vanished(config, options):
        raise FileNotFoundError(2, "No such file or directory", "content/ar/sample.md")

    preview = serve_module.Preview(multi.config, log=lambda message: None)
    monkeypatch.setattr(serve_module, "build", vanished)
    preview.rebuild(("ar",))
    assert preview.state.error == ("leafpress: the build stopped: FileNotFoundError: [Errno 2] No such file or "
                                   "directory: 'content/ar/sample.md'")
    monkeypatch.undo()
    preview.rebuild(("ar",))
    assert preview.state.error == ""
