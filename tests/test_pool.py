"""Shared layouts and recycled workers: the same bytes as laid out alone, and workers that do not grow."""

from __future__ import annotations

import io
import os
from datetime import date

import pikepdf
import pytest

from conftest import PROJECT
from leafpress.config import load_config
from leafpress.editions import registry

EDITIONS = registry()
from leafpress.pdf.page_marks import is_page_marks_only
from leafpress.pipeline import BuildOptions, load_site
from leafpress.html.render import HtmlRenderer
from leafpress.pdf.render import LaidOut, PdfRenderer
from leafpress.pdf.sandbox import page_url
from leafpress.pdf.pool import PdfJob, PdfOutput, WorkerPool, _start_worker, render_job

SLUG = "subchondral-sclerosis"
PRESS_RULE = (PROJECT / "templates" / "editions" / "press.css").read_text()


@pytest.fixture(scope="module")
def project():
    """The real leaflet's pages (tables, a QR code, right-to-left Arabic), as the build makes them."""
    config = load_config(PROJECT / "site.toml")
    options = BuildOptions(today=date(2026, 6, 1))
    site, _ = load_site(config, options)
    html = HtmlRenderer(config, options.today)

    def page(lang: str, edition: str | None = None) -> str:
        layer = EDITIONS[edition] if edition else None
        return html.leaflet(site.leaflets[SLUG][lang], lang, site, layer)

    _start_worker(config.theme, config.content_dir)
    return config, page


def output(edition: str, lang: str = "en", page_rule: str | None = None) -> PdfOutput:
    chosen = EDITIONS[edition]
    return PdfOutput(f"{lang}/{chosen.file_name(SLUG)}", chosen.pdf_variant, chosen.output_intent,
                     chosen.imposed, lang == "ar", page_rule)


def job(page: str, lang: str, *outputs: PdfOutput) -> PdfJob:
    return PdfJob(page, page_url(lang, SLUG), f"content/{lang}/{SLUG}.md", outputs)


def files(results) -> dict[str, bytes]:
    assert not [r.errors for r in results if r.errors]
    return {result.target: result.data for result in results}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_editions_that_share_a_layout_have_the_bytes_of_their_own(project, lang):
    config, page = project
    a4, a5 = page(lang), page(lang, "a5")
    a4_outputs = (output("a4", lang), output("archive", lang), output("press", lang, PRESS_RULE))
    a5_outputs = (output("a5", lang), output("booklet", lang))
    shared = files(render_job(job(a4, lang, *a4_outputs)) + render_job(job(a5, lang, *a5_outputs)))
    reversed_order = files(render_job(job(a4, lang, *reversed(a4_outputs)))
                           + render_job(job(a5, lang, *reversed(a5_outputs))))
    alone = {}
    for page_html, single in [(a4, o) for o in a4_outputs[:2]] + [(a5, o) for o in a5_outputs]:
        alone.update(files(render_job(job(page_html, lang, single))))

    # The press laid out alone, from the HTML with its stylesheet layer (what the build did before
    # sharing), with the identifier the shared write gives it.
    renderer = PdfRenderer(config.theme, config.content_dir)
    laid_out = renderer.layout(page(lang, "press"), page_url(lang, SLUG), "x")
    alone[a4_outputs[2].target], _ = renderer.write(LaidOut(laid_out.document, a4 + PRESS_RULE, "x", []),
                                                    "pdf/x-3", "srgb")
    assert page(lang, "press") != a4  # so the press really was laid out from other HTML
    assert set(shared) == set(alone) == set(reversed_order) and len(shared) == 5
    for target in shared:
        assert shared[target] == alone[target], target
        assert reversed_order[target] == alone[target], target


def test_each_shared_file_keeps_its_own_tags_metadata_and_identifier(project):
    _, page = project
    results = files(render_job(job(page("en"), "en", output("a4"), output("archive"),
                                   output("press", page_rule=PRESS_RULE))))
    opened = {edition: pikepdf.open(io.BytesIO(results[f"en/{EDITIONS[edition].file_name(SLUG)}"]))
              for edition in ("a4", "archive", "press")}
    a4, archive, press = opened["a4"], opened["archive"], opened["press"]
    identifiers = {bytes(pdf.trailer.ID[0]) for pdf in (a4, archive, press)}
    assert len(identifiers) == 3
    for pdf in (a4, archive, press):
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "en"
        assert str(pdf.docinfo.Title).startswith("Subchondral sclerosis")
    xmp = {name: pdf.open_metadata() for name, pdf in opened.items()}
    assert {name: xmp[name].get("pdfuaid:part") for name in xmp} == {"a4": "1", "archive": "1", "press": "1"}
    assert "pdfaid:part" not in xmp["a4"] and "/OutputIntents" not in a4.Root
    assert xmp["archive"].get("pdfaid:part") == "3" and xmp["archive"].get("pdfaid:conformance") == "A"
    assert str(archive.Root.OutputIntents[0].S) == "/GTS_PDFA1"
    assert str(press.docinfo.GTS_PDFXVersion) == "PDF/X-3:2003" and str(press.Root.OutputIntents[0].S) == "/GTS_PDFX"
    bleed = 3 / 25.4 * 72
    for a4_page, press_page in zip(a4.pages, press.pages, strict=True):
        width, height = (float(v) for v in a4_page.MediaBox[2:])
        assert [float(v) for v in press_page.TrimBox] == pytest.approx([0, 0, width, height], abs=1e-3)
        assert [float(v) for v in press_page.MediaBox] == pytest.approx(
            [-bleed, -bleed, width + bleed, height + bleed], abs=1e-3)
        assert "/TrimBox" not in a4_page or [float(v) for v in a4_page.TrimBox] == [0, 0, width, height]


def test_only_a_rule_of_bleed_and_marks_is_applied_to_a_shared_layout():
    assert is_page_marks_only(PRESS_RULE)
    assert is_page_marks_only("@page { bleed: 5mm } /* a comment */ @page { marks: crop }")
    for css in ("", "/* nothing */", "@page { bleed: 3mm; size: A5 }", "@page :first { bleed: 3mm }",
                "@page { bleed: 3mm } p { color: red }", "@media print { @page { bleed: 3mm } }",
                "@page { bleed: 3mm; @top-center { content: 'x' } }"):
        assert not is_page_marks_only(css), css


def test_a_press_stylesheet_that_changes_the_layout_gets_its_own(basic):
    basic.own_templates()
    basic.write("site.toml", basic.read("site.toml") + '\n[editions]\nbuild = ["a4", "press"]\n')
    assert basic.run("build", "--jobs", "1") == 0
    shared_press = basic.path("output/en/sample.press.pdf").read_bytes()
    basic.write("templates/editions/press.css", PRESS_RULE + "@page { size: A6 }\n")
    assert basic.run("build", "--jobs", "1") == 0
    after_path = basic.path("output/en/sample.press.pdf")
    with pikepdf.open(io.BytesIO(shared_press)) as before, pikepdf.open(after_path) as after:
        # Laid out with the new rule, not written from the A4 layout:
        assert [round(float(v)) for v in before.pages[0].TrimBox] == [0, 0, 595, 842]
        assert [round(float(v)) for v in after.pages[0].TrimBox] == [0, 0, 298, 420]
        assert round(float(after.pages[0].BleedBox[0]), 2) == -8.5  # still with its bleed


def small_jobs(count: int) -> list[PdfJob]:
    return [PdfJob(f"<html lang='en'><title>Page {n}</title><body><p>Page {n}</p></body></html>",
                   page_url("en", f"p{n}"), f"content/en/p{n}.md", (PdfOutput(f"en/p{n}.pdf", "pdf/ua-1"),))
            for n in range(count)]


def run(renderer: WorkerPool, jobs: list[PdfJob]) -> list:
    return sorted(renderer.run(jobs, stop_early=lambda result: False), key=lambda result: result.target)


def test_workers_are_replaced_after_their_share_of_pages_and_give_the_same_files():
    jobs = small_jobs(7)
    config = load_config(PROJECT / "site.toml")
    recycled = run(WorkerPool(config.theme, config.content_dir, jobs=2, renders_per_worker=2), jobs)
    in_process = run(WorkerPool(config.theme, config.content_dir, jobs=1), jobs)
    assert [r.data for r in recycled] == [r.data for r in in_process]
    assert max(r.renders for r in recycled) == 2
    assert len({r.worker for r in recycled}) >= 4 and os.getpid() not in {r.worker for r in recycled}


def test_a_worker_past_its_memory_limit_is_replaced_after_its_page():
    config = load_config(PROJECT / "site.toml")
    results = run(WorkerPool(config.theme, config.content_dir, jobs=2, memory_limit_kb=1), small_jobs(4))
    assert not [r.errors for r in results if r.errors]
    assert len({r.worker for r in results}) == 4 and {r.renders for r in results} == {1}


class _KillsTheWorker(str):
    """A page whose unpickling ends the worker process, as a crash in the renderer would."""

    def __reduce__(self):
        return os._exit, (3,)


def test_a_worker_that_dies_fails_its_page_and_the_others_still_render():
    config = load_config(PROJECT / "site.toml")
    jobs = small_jobs(3)
    jobs[1] = PdfJob(_KillsTheWorker("<p>x</p>"), jobs[1].base_url, "content/en/p1.md", jobs[1].outputs)
    results = run(WorkerPool(config.theme, config.content_dir, jobs=2), jobs)
    assert [str(error) for r in results for error in r.errors] == [
        "content/en/p1.md: the PDF renderer process stopped unexpectedly (exit code 3) while laying out this page"]
    assert [r.target for r in results if r.data] == ["en/p0.pdf", "en/p2.pdf"]
