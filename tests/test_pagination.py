"""Pagination a typesetter would sign off, on the real content in four languages and on the clinic site:
no page but the last under 60% full, no heading last on a page, no paragraph broken with one line
alone, the running footer on one line; and the copyfit step that gets there (leafpress/pdf/copyfit.py)."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from conftest import PROJECT
from page_checks import SUFFIXES, broken_blocks, fills, footer_lines, headings_last_on_a_page

REAL = {"subchondral-sclerosis": ("en", "ru", "es", "ar"), "sciatica": ("en", "ru", "es", "ar")}
CLINIC = {"back-exercises": ("en", "es"), "mri-scan": ("en", "es", "ar"), "hip-replacement-aftercare": ("en",),
          "nsaids-safely": ("en",)}
EDITIONS = ("a4", "a5", "large-print", "press", "archive")


def outputs(which: str):
    leaflets = REAL if which == "real" else CLINIC
    return [(which, slug, lang, edition) for slug, langs in leaflets.items() for lang in langs for edition in EDITIONS]


@pytest.fixture
def built(request, built_project, built_clinic):
    return {"real": built_project, "clinic": built_clinic}


@pytest.mark.parametrize("which, slug, lang, edition", outputs("real") + outputs("clinic"))
def test_pages_are_full_headings_are_not_last_and_the_footer_is_one_line(built, which, slug, lang, edition):
    path = built[which].path(f"output/{lang}/{slug}{SUFFIXES[edition]}")
    used = fills(path, edition)
    assert [f"page {n} {fill:.0%}" for n, fill in enumerate(used[:-1], start=1) if fill < 0.6] == []
    assert headings_last_on_a_page(path) == []
    assert set(footer_lines(path, edition)) == {1}


@pytest.mark.parametrize("slug, lang, edition", [
    (slug, lang, edition) for slug, langs in REAL.items() for lang in langs for edition in ("a4", "a5", "large-print")])
def test_no_paragraph_is_broken_with_one_line_alone(built_project, slug, lang, edition):
    pages, broken = broken_blocks(built_project.config, slug, lang, edition)
    path = built_project.path(f"output/{lang}/{slug}{SUFFIXES[edition]}")
    with pdfplumber.open(path) as pdf:
        assert pages == len(pdf.pages)  # the layout looked at is the one the build wrote
    assert [part for part in broken if min(part[1], part[2]) < 2] == []


@pytest.mark.parametrize("lang", REAL["subchondral-sclerosis"])
def test_the_real_leaflet_is_four_a4_pages_in_every_language(built_project, lang):
    with pdfplumber.open(built_project.path(f"output/{lang}/subchondral-sclerosis.pdf")) as pdf:
        assert len(pdf.pages) == 4


def test_a_table_taller_than_a_page_starts_where_it_stands_with_its_header_on_every_page(built_clinic):
    path = built_clinic.path("output/en/hip-replacement-aftercare.pdf")
    assert fills(path, "a4")[0] > 0.6  # not pushed to a fresh page, leaving the first nearly empty
    with pdfplumber.open(path) as pdf:
        tables = [(page.page_number, table) for page in pdf.pages for table in page.extract_tables()
                  if len(table[0]) == 3]  # not the call-out box after it, which pdfplumber reads as a table
    assert len({number for number, _ in tables}) >= 2
    assert all(table[0] == ["When", "Aim", "What happens"] for _, table in tables)
    rows = [" ".join(row[0].split()) for _, table in tables for row in table[1:] if row[0]]
    assert [row.split(".")[0] for row in rows] == [str(n) for n in range(1, 9)]  # each row whole, in order


def test_the_build_reports_each_copyfit_decision_and_no_fit_turns_it_off(tmp_path, capsys):
    from conftest import Site

    root = tmp_path / "real"
    (root / "site.toml").parent.mkdir(parents=True)
    text = (PROJECT / "site.toml").read_text()
    text = text.replace('content = "content"', f'content = "{(PROJECT / "content").as_posix()}"')
    text = text.replace('templates = "templates"', f'templates = "{(PROJECT / "templates").as_posix()}"')
    text = re.sub(r'(?m)^build = .*$', 'build = ["a4"]', text)
    (root / "site.toml").write_text(text)
    site = Site(root)
    assert site.run("build", "--lang", "ru", "--leaflet", "subchondral-sclerosis") == 0
    err = capsys.readouterr().err
    assert "leafpress: copyfit: ru/subchondral-sclerosis.pdf: 5 → 4 pages (tighter spacing" in err
    with pdfplumber.open(site.path("output/ru/subchondral-sclerosis.pdf")) as pdf:
        assert len(pdf.pages) == 4
    assert site.run("build", "--lang", "ru", "--leaflet", "subchondral-sclerosis", "--no-fit") == 0
    assert "copyfit" not in capsys.readouterr().err
    with pdfplumber.open(site.path("output/ru/subchondral-sclerosis.pdf")) as pdf:
        assert len(pdf.pages) == 5  # the stylesheet's own layout: the stage table kept whole on page 3
