"""Outside checkers on what Leafpress makes from the real content: pdfplumber, pdfua and axe-core.

These tools were written by other people; the tests pass only if they agree with our
claims. See the README's "Accessibility" table for what each one can and cannot see.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from conftest import CHROMIUM, PROJECT, copy_site, needs_chromium

SLUG = "subchondral-sclerosis"
LANGUAGES = ("en", "ru", "es", "ar")
TAGGED = {"a4": f"{SLUG}.pdf", "a5": f"{SLUG}.a5.pdf", "large-print": f"{SLUG}.large-print.pdf",
          "press": f"{SLUG}.press.pdf", "archive": f"{SLUG}.archive.pdf"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
# pdfua 0.1.3's UA-14-001 (empty headings) calls getattr(obj, "is_integer", False) on a /K array;
# pikepdf answers with ValueError rather than AttributeError, so the rule never runs (see README).
CHECKER_BUG = "cannot get key '/is_integer' on object of type array"


def stage_count(lang: str) -> int:
    text = (PROJECT / "content" / lang / f"{SLUG}.md").read_text(encoding="utf-8")
    return len(re.findall(r"^  - name:", text, flags=re.M))


def tables_in(path: Path, halves: bool = False) -> list[tuple[str, list[list[str]]]]:
    """(where, rows) of every table pdfplumber finds: per page, or per half of an imposed sheet."""
    found = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            parts = [("", page)]
            if halves:
                middle = page.width / 2
                parts = [("left", page.crop((0, 0, middle, page.height))),
                         ("right", page.crop((middle, 0, page.width, page.height)))]
            for side, part in parts:
                for table in part.extract_tables():
                    found.append((f"page {number} {side}".strip(), table))
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("edition", [*TAGGED, "booklet"])
def test_every_stage_is_in_the_table_in_order_under_its_header(built_project, lang, edition):
    """The table is whole on one page where that leaves no page before it under 60% full; otherwise
    (issue #21) it breaks where it stands, between rows, with its header repeated on every page."""
    name = f"{SLUG}.booklet.pdf" if edition == "booklet" else TAGGED[edition]
    tables = [(where, rows) for where, rows in tables_in(built_project.path(f"output/{lang}/{name}"),
                                                         halves=edition == "booklet") if len(rows[0]) == 3]
    assert tables
    header = tables[0][1][0]
    assert all(rows[0] == header for _, rows in tables)  # the header repeats on every page it spans
    names = [" ".join(row[0].split()) for _, rows in tables for row in rows[1:] if row[0] and row[0].strip()]
    assert len(names) == stage_count(lang)  # each stage once: a row broken over a page keeps its name once
    if lang != "ar":  # pdfplumber gives right-to-left text in visual order; the counts above suffice
        assert names == [re.sub(r"\s+", " ", stage) for stage in re.findall(r'^  - name: "(.*)"$', (
            PROJECT / "content" / lang / f"{SLUG}.md").read_text(encoding="utf-8"), flags=re.M)]


def test_the_table_is_whole_on_one_page_in_the_a4_edition(built_project):
    tables = [t for t in tables_in(built_project.path(f"output/en/{SLUG}.pdf")) if len(t[1][0]) == 3]
    assert len(tables) == 1


def test_the_table_stays_with_the_sentence_that_introduces_it(built_project):
    with pdfplumber.open(built_project.path(f"output/en/{SLUG}.pdf")) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    on = [number for number, text in enumerate(pages) if "Treatment usually happens in two stages:" in text]
    assert on and all(word in pages[on[0]] for word in ("Treatment stages", "Stage 1", "Stage 2", "Mydocalm"))


def test_a_table_taller_than_a_page_breaks_between_rows_under_a_repeated_header(basic):
    stages = "".join(f'  - name: "Stage {n}"\n    goal: Goal {n}.\n    treatments:\n' +
                     "".join(f"      - Treatment {n}.{t}\n" for t in range(1, 6)) for n in range(1, 15))
    text = basic.read("content/en/sample.md")
    text = re.sub(r"(?ms)^stages:\n.*?(?=^\S)", "stages:\n" + stages, text, count=1)
    basic.write("content/en/sample.md", text)
    basic.path("content/ru/sample.md").unlink()
    assert basic.run("build", "--lang", "en") == 0
    tables = tables_in(basic.path("output/en/sample.pdf"))
    assert len({where for where, _ in tables}) >= 2, "14 stages should not fit on one page"
    seen = []
    for where, rows in tables:
        assert rows[0] == ["Stage", "Goal", "Treatments"], where  # the header repeats on every page
        for row in rows[1:]:
            # A whole row: its name and all five treatments on the same page.
            assert row[2].count("Treatment") == 5, (where, row)
            seen.append(row[0])
    assert seen == [f"Stage {n}" for n in range(1, 15)]


def tagged_pdfs(site) -> list[Path]:
    return [site.path(f"output/{lang}/{name}") for lang in LANGUAGES for name in TAGGED.values()]


def clinic_tagged_pdfs(site) -> list[Path]:
    return sorted(path for path in site.path("output").rglob("*.pdf") if not path.name.endswith(".booklet.pdf"))


@pytest.mark.parametrize("which", ["real", "clinic"])
def test_pdfua_check_finds_nothing_on_any_tagged_edition(which, request):
    site = request.getfixturevalue("built_project" if which == "real" else "built_clinic")
    files = tagged_pdfs(site) if which == "real" else clinic_tagged_pdfs(site)
    run = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "json", *map(str, files)],
                         capture_output=True, text=True)
    decoder, text, reports = json.JSONDecoder(), run.stdout.strip(), []
    while text:  # one JSON document per file, one after another
        report, end = decoder.raw_decode(text)
        reports.append(report)
        text = text[end:].lstrip()
    assert [Path(r["file"]).name for r in reports] == [f.name for f in files]
    for report in reports:
        assert report["findings"] == [], report["file"]
        assert all(s["rule_id"] == "UA-14-001" and CHECKER_BUG in s["reason"] for s in report["skipped"])
    assert run.returncode == 0, run.stderr


@pytest.fixture
def empty_heading_rule_fixed(monkeypatch):
    """pdfua's own UA-14-001, with its one faulty line made to treat an array as 'not a number'."""
    import pdfua.document
    import pdfua.rules.structure

    def as_integer(value):
        try:
            return pdfua.document.as_integer(value)
        except ValueError:
            return None

    monkeypatch.setattr(pdfua.rules.structure, "as_integer", as_integer)


def test_no_empty_headings_by_pdfuas_own_rule_with_its_bug_patched(built_project, built_clinic,
                                                                  empty_heading_rule_fixed):
    from pdfua.validator import validate

    for path in [*tagged_pdfs(built_project), *clinic_tagged_pdfs(built_clinic)]:
        report = validate(str(path))
        assert report.skipped == () and report.findings == (), path


def test_the_patched_rule_does_find_an_empty_heading(tmp_path, empty_heading_rule_fixed):
    from weasyprint import HTML
    from pdfua.validator import validate

    path = tmp_path / "empty-heading.pdf"
    HTML(string='<html lang="en"><title>T</title><h1>T</h1><h2></h2><p>x</p>').write_pdf(
        path, pdf_variant="pdf/ua-1")
    assert [f.rule_id for f in validate(str(path)).findings] == ["UA-14-001"]


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [{"rule": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in results.response["violations"]]


@needs_chromium
def test_axe_finds_no_violation_on_any_page(built_project, browser):
    pages = [built_project.path("output/index.html")]
    pages += [built_project.path(f"output/{lang}/{SLUG}.html") for lang in LANGUAGES]
    tab = browser.new_page()
    for path in pages:
        tab.goto(path.as_uri())  # straight from disk, as staff open it
        assert axe_violations(tab) == [], path
    # The checker is live: content outside every landmark is reported.
    tab.evaluate("document.body.insertAdjacentHTML('afterbegin', '<p>Outside any landmark</p>')")
    assert [v["rule"] for v in axe_violations(tab)] == ["region"]
    tab.close()


@needs_chromium
def test_axe_finds_no_violation_on_the_clinic_sites_pages(built_clinic, browser):
    """Pictures, call-outs, tick boxes, notes spaces, long tables, links; left to right and right to left."""
    tab = browser.new_page()
    for path in sorted(built_clinic.path("output").glob("*/*.html")) + [built_clinic.path("output/index.html")]:
        tab.goto(path.as_uri())
        assert axe_violations(tab) == [], path
    tab.close()


@needs_chromium
def test_axe_finds_no_violation_on_a_fill_in_page(tmp_path, browser):
    site = copy_site("multi", tmp_path / "multi")
    site.path("content/es/sample.md").unlink()
    site.replace("site.toml", 'order = ["en", "es", "ar"]', 'order = ["en", "es", "ar"]\nfill_from_source = ["es"]')
    assert site.run("build", "--lang", "es", "--lang", "en") == 0
    tab = browser.new_page()
    tab.goto(site.path("output/es/sample.html").as_uri())
    assert tab.query_selector("main .fill-in-notice") is not None
    assert axe_violations(tab) == []
    tab.close()


VNU = PROJECT / "tests" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
needs_vnu = pytest.mark.skipif(not (VNU.is_file() and shutil.which("java")),
                               reason="the Nu Html Checker is not installed (python3 build.py test installs it: "
                                      "Debian default-jre-headless and npm vnu-jar from tests/tools)")


def nu_html_checker(paths: list[Path]) -> list[dict]:
    """The Nu Html Checker's errors, every file in one run."""
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, paths)],
                         capture_output=True, text=True)
    return json.loads(run.stderr or '{"messages": []}')["messages"]


@needs_vnu
def test_the_nu_html_checker_finds_no_error_on_any_page(built_project, built_clinic, tmp_path):
    pages = sorted(built_project.path("output").glob("*/*.html")) + [built_project.path("output/index.html")]
    pages += sorted(built_clinic.path("output").glob("*/*.html")) + [built_clinic.path("output/index.html")]
    assert len(pages) > 15
    assert nu_html_checker(pages) == []
    # The checker is live: an element where it may not be is reported.
    broken = tmp_path / "broken.html"
    broken.write_text(pages[0].read_text(encoding="utf-8").replace("<main>", "<main><li>stray</li>", 1))
    assert [m["type"] for m in nu_html_checker([broken])] == ["error"]


PA11Y = PROJECT / "tests" / "tools" / "pa11y-pages.js"
needs_pa11y = pytest.mark.skipif(
    not ((PROJECT / "tests" / "tools" / "node_modules" / "pa11y").is_dir() and shutil.which("node")
         and Path(CHROMIUM).exists()),
    reason="pa11y is not installed (python3 build.py test installs it: npm pa11y from tests/tools, Debian chromium)")


def pa11y_errors(paths: list[Path]) -> dict[str, list[dict]]:
    """pa11y's errors (HTML_CodeSniffer, WCAG2AA, in Debian's Chromium) for each page, in one browser."""
    run = subprocess.run(["node", str(PA11Y), *map(str, paths)], capture_output=True, text=True,
                         env={**os.environ, "CHROMIUM": CHROMIUM}, timeout=600)
    assert run.returncode == 0, run.stderr
    return {f"{Path(path).parent.name}/{Path(path).name}": errors
            for path, errors in json.loads(run.stdout).items() if errors}


@needs_pa11y
def test_pa11y_finds_no_error_on_any_page(built_project, built_clinic, tmp_path):
    pages = sorted(built_project.path("output").glob("*/*.html")) + [built_project.path("output/index.html")]
    pages += sorted(built_clinic.path("output").glob("*/*.html")) + [built_clinic.path("output/index.html")]
    assert len(pages) > 15
    assert pa11y_errors(pages) == {}
    # pa11y is live: the catalogue's filter without its submit button is H32.2 again.
    catalogue = built_clinic.path("output/index.html").read_text(encoding="utf-8")
    broken = tmp_path / "output" / "index.html"
    broken.parent.mkdir()
    broken.write_text(re.sub(r'<p><button type="submit">.*?</button></p>', "", catalogue))
    assert [error["code"] for errors in pa11y_errors([broken]).values() for error in errors] == [
        "WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2"]
