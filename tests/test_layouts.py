"""Which page each output is laid out from: the real site's 24 PDFs come from 12 layouts."""

from __future__ import annotations

from datetime import date

from conftest import PROJECT
from leafpress.plan.cache import InputDigests
from leafpress.config import load_config
from leafpress.pdf.layouts import PageLayouts
from leafpress.pipeline import BuildOptions, load_site, selected
from leafpress.plan.outputs import plan
from leafpress.html.render import HtmlRenderer

TODAY = date(2026, 6, 1)


def test_the_real_site_lays_out_three_pages_for_the_six_pdfs_of_each_leaflet_and_language():
    config = load_config(PROJECT / "site.toml")
    site, _ = load_site(config, BuildOptions(today=TODAY))
    planned = plan(config, site, list(selected(site, BuildOptions())), InputDigests(config), TODAY)
    layouts = PageLayouts(HtmlRenderer(config, TODAY), site)
    jobs = layouts.jobs([p for p in planned if p.edition is not None and p.edition.is_pdf])
    pages = len([p for p in planned if p.edition is None])  # each leaflet in each language
    assert pages == 8 and len(jobs) == 3 * pages and sum(len(job.outputs) for job in jobs) == 6 * pages
    shapes = {tuple(output.target.split("/")[1].split(".", 1)[1] for output in job.outputs) for job in jobs}
    shapes = {tuple(f".{shape}" for shape in shape_) for shape_ in shapes}
    assert shapes == {(".pdf", ".press.pdf", ".archive.pdf"), (".a5.pdf", ".booklet.pdf"), (".large-print.pdf",)}
    for job in jobs:
        press = [output for output in job.outputs if output.target.endswith(".press.pdf")]
        assert all(output.page_rule and "bleed" in output.page_rule for output in press)
        assert all(not output.page_rule for output in job.outputs if output not in press)
    # The A4 job's page is the published HTML page, byte for byte.
    a4_pages = {job.html for job in jobs if len(job.outputs) == 3}
    html_pages = {layouts.html(p) for p in planned if p.edition is None}
    assert a4_pages == html_pages and len(html_pages) == pages
