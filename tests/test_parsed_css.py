"""Stylesheets parsed once per process (leafpress/pdf/parsed_css.py): the same PDFs, warnings and pages."""

from __future__ import annotations

import contextlib
import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from leafpress.config import load_config
from leafpress.editions import registry
from leafpress.html.render import HtmlRenderer
from leafpress.pdf import parsed_css
from leafpress.pdf.pool import PdfJob, PdfOutput, _start_worker, render_job
from leafpress.pdf.render import PdfRenderer
from leafpress.pdf.sandbox import page_url
from leafpress.pipeline import BuildOptions, load_site
from leafpress.theme import Theme

PROJECT = Path(__file__).resolve().parents[1]
SITES = Path(__file__).resolve().parent / "sites"
EDITIONS = registry()


@contextlib.contextmanager
def parsed_every_time():
    """WeasyPrint's own CSS, as before this module: every sheet parsed for every layout."""
    import weasyprint.css as css_module

    parsed_css.install()
    wrapped, css_module.CSS = css_module.CSS, parsed_css._INSTALLED[0]
    try:
        yield
    finally:
        css_module.CSS = wrapped


def pages_of(config_path: Path, wanted: list[tuple[str, str, str]]):
    config = load_config(config_path)
    options = BuildOptions(today=date(2026, 6, 1))
    site, _ = load_site(config, options)
    html = HtmlRenderer(config, options.today)
    _start_worker(config.theme, config.content_dir)
    jobs = []
    for slug, lang, edition in wanted:
        chosen = EDITIONS[edition]
        page = html.leaflet(site.leaflets[slug][lang], lang, site, chosen)
        output = PdfOutput(f"{lang}/{chosen.file_name(slug)}", chosen.pdf_variant, right_to_left=lang == "ar")
        jobs.append(PdfJob(page, page_url(lang, slug), f"content/{lang}/{slug}.md", (output,),
                           printing="booklet" if edition == "a5" else "duplex"))
    return jobs


def rendered(jobs: list[PdfJob]) -> dict[str, tuple[bytes, tuple[str, ...], str]]:
    found = {}
    for job in jobs:
        for result in render_job(job):
            assert not result.errors, result.errors
            found[result.target] = result.data, tuple(str(w) for w in result.warnings), result.fit
    return found


# Editions interleaved, so that an @page rule (a size, a margin) carried from one layout to the next shows.
SHAPES = [
    (SITES / "clinic" / "site.toml", [(slug, lang, edition)  # pictures per step, a checklist, right-to-left
                                      for slug, lang in (("back-exercises", "es"), ("nsaids-safely", "en"),
                                                         ("mri-scan", "ar"))
                                      for edition in ("a4", "a5", "large-print")]),
    (PROJECT / "site.toml", [("subchondral-sclerosis", lang, edition) for lang in ("en", "ar")
                             for edition in ("large-print", "a4", "a5")]),
]


@pytest.mark.parametrize("config_path, wanted", SHAPES, ids=["clinic", "project"])
def test_pdfs_are_byte_identical_to_parsing_every_stylesheet_every_time(config_path, wanted):
    jobs = pages_of(config_path, wanted)
    parsed_css._PARSED.clear()
    shared = rendered(jobs)
    assert parsed_css._PARSED  # the theme's sheets were kept, and used again
    with parsed_every_time():
        alone = rendered(jobs)
    assert shared.keys() == alone.keys() and len(shared) == len(wanted)
    for target in shared:
        assert shared[target] == alone[target], target
    sizes = {target: PdfReader(io.BytesIO(data)).pages[0].mediabox[2:] for target, (data, _, _) in shared.items()}
    assert {round(float(width)) for width, _ in sizes.values()} == {420, 595}  # A5 and A4 wide, as laid out


@pytest.fixture
def theme(tmp_path):
    (tmp_path / "assets").mkdir()
    return Theme.of(tmp_path, PROJECT / "templates"), tmp_path


PAGE = ('<!DOCTYPE html><html lang="en"><head><link rel="stylesheet" href="../assets/leaflet.css">{style}'
        '</head><body><p>Text</p></body></html>')


def lay_out(theme, style: str = ""):
    renderer = PdfRenderer(theme, PROJECT / "content")
    return renderer.layout(PAGE.format(style=style), page_url("en", "page"), "content/en/page.md")


def test_a_changed_stylesheet_is_parsed_again(theme):
    chosen, folder = theme
    sheet = folder / "assets" / "leaflet.css"
    sheet.write_text("@page { size: A5 }", encoding="utf-8")
    assert round(lay_out(chosen).document.pages[0].width) == round(148 * 96 / 25.4)
    sheet.write_text("@page { size: A4 }", encoding="utf-8")
    assert round(lay_out(chosen).document.pages[0].width) == round(210 * 96 / 25.4)


def test_the_pages_own_page_rules_do_not_reach_the_next_page(theme):
    chosen, folder = theme
    (folder / "assets" / "leaflet.css").write_text("p { color: black }", encoding="utf-8")
    assert round(lay_out(chosen, "<style>@page { size: A5 }</style>").document.pages[0].width) == 559
    assert round(lay_out(chosen).document.pages[0].width) == 794  # WeasyPrint's default, A4


def test_every_page_gets_the_warning_of_a_stylesheet_that_has_one(theme):
    chosen, folder = theme
    (folder / "assets" / "leaflet.css").write_text("p { colr: red }", encoding="utf-8")
    for _ in range(3):
        warnings = [str(w) for w in lay_out(chosen).warnings]
        assert any("colr" in warning for warning in warnings), warnings


@pytest.mark.parametrize("text", ["@font-face { font-family: X; src: url(x.woff2) }", "@import url(other.css);",
                                  "@layer base { p { color: red } }", "@counter-style x { system: cyclic }",
                                  "@color-profile --x { src: url(x.icc) }", "@FONT-FACE { font-family: X }"])
def test_a_sheet_whose_effects_reach_beyond_itself_is_never_shared(text):
    options = {"page_rules": [], "layers": [], "base_url": page_url("en", "page")}
    assert parsed_css._key(None, text, options) is None
    assert parsed_css._key(None, "p { color: red }", options) is not None
