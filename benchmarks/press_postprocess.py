#!/usr/bin/env python3
"""Should the press edition's bleed and marks be a pikepdf post-process of the A4 PDF?

    .venv/bin/python benchmarks/press_postprocess.py [--rounds 5]

Compares, on the real leaflet in every language, three ways to make the press PDF:

1. its own layout: WeasyPrint lays out the page with press.css and writes PDF/X-3;
2. the shared layout (what Leafpress does): the A4 layout, written as PDF/X-3 with the
   bleed and marks set on its pages (leafpress/page_marks.py);
3. a post-process: pikepdf opens the finished A4 PDF, grows each page's MediaBox by the
   bleed, sets TrimBox and BleedBox, places WeasyPrint's own marks (from one blank press
   page, rendered once) under the page, and declares PDF/X-3 in the Info dictionary.

Prints the time each takes (median of --rounds) and what each gets right against 1:
boxes, marks and text on the page (poppler's pdftoppm at 72 dpi, pixel for pixel),
and the PDF/X-3 declarations (Info keys, output intent, XMP identification, version).
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

import pikepdf  # noqa: E402

from leafpress.config import load_config  # noqa: E402
from leafpress.editions import registry

EDITIONS = registry()  # noqa: E402
from leafpress.pipeline import BuildOptions, load_site  # noqa: E402
from leafpress.html.render import HtmlRenderer  # noqa: E402
from leafpress.pdf.render import LaidOut, PdfRenderer  # noqa: E402
from leafpress.pdf.sandbox import page_url  # noqa: E402

SLUG = "subchondral-sclerosis"
PRESS_RULE = (PROJECT / "templates" / "editions" / "press.css").read_text()
BLEED = 3 / 25.4 * 72  # 3 mm in points


def post_process(a4_pdf: bytes, marks_page: pikepdf.Pdf) -> bytes:
    """The A4 PDF with bleed boxes, WeasyPrint's marks underneath and PDF/X-3 in its Info."""
    pdf = pikepdf.open(io.BytesIO(a4_pdf))
    blank = marks_page.pages[0]
    blank.TrimBox = blank.MediaBox  # qpdf clips a page made into a form to its TrimBox; the marks are outside
    marks = pdf.copy_foreign(pikepdf.Page(blank).as_form_xobject())
    for page in pdf.pages:
        width, height = (float(v) for v in page.MediaBox[2:])
        page.MediaBox = pikepdf.Array([-BLEED, -BLEED, width + BLEED, height + BLEED])
        page.BleedBox = page.MediaBox
        page.TrimBox = pikepdf.Array([0, 0, width, height])
        name = page.add_resource(marks, pikepdf.Name.XObject, pikepdf.Name("/PressMarks"))
        placement = page.calc_form_xobject_placement(
            marks, name, pikepdf.Rectangle(-BLEED, -BLEED, width + BLEED, height + BLEED))
        page.contents_add(pdf.make_stream(b"/Artifact BMC " + placement + b" EMC"), prepend=True)
    pdf.docinfo["/GTS_PDFXVersion"] = "PDF/X-3:2003"
    pdf.docinfo["/GTS_PDFXConformance"] = "PDF/X-3:2003"
    pdf.docinfo["/Trapped"] = pikepdf.Name.False_
    output = io.BytesIO()
    pdf.save(output, deterministic_id=True, force_version="1.4",
             object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return output.getvalue()


def pixels(pdf: bytes, scratch: Path, name: str) -> list[bytes]:
    path = scratch / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "72", "-gray", str(path), str(scratch / name)], check=True)
    return [p.read_bytes() for p in sorted(scratch.glob(f"{name}-*.pgm"))]


def declarations(pdf_bytes: bytes) -> dict[str, str]:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        intents = pdf.Root.get("/OutputIntents")
        return {
            "header version": pdf.pdf_version,
            "Info GTS_PDFXVersion": str(pdf.docinfo.get("/GTS_PDFXVersion", "-")),
            "output intent": str(intents[0].S) if intents else "-",
            "XMP pdfxid": pdf.open_metadata().get("pdfxid:GTS_PDFXVersion", "-"),
            "boxes (page 1)": " ".join(f"{key}={[round(float(v), 2) for v in pdf.pages[0][key]]}"
                                       for key in ("/MediaBox", "/TrimBox", "/BleedBox")),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="timed repetitions per language (default 5)")
    args = parser.parse_args()
    config = load_config(PROJECT / "site.toml")
    options = BuildOptions(today=date(2026, 6, 1))
    site, _ = load_site(config, options)
    html = HtmlRenderer(config, options.today)
    renderer = PdfRenderer(config.theme, config.content_dir)
    blank = renderer.layout(f"<html lang=\"en\"><title>marks</title><style>{PRESS_RULE}</style></html>",
                            page_url("en", "marks"), "marks")
    marks_page = pikepdf.open(io.BytesIO(renderer.write(blank, "pdf/x-3", "srgb")[0]))

    times = {"own layout": [], "shared layout": [], "post-process": []}
    checks = []
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(temporary)
        for lang in config.languages.order:
            leaflet = site.leaflets[SLUG][lang]
            a4_html = html.leaflet(leaflet, lang, site)
            press_html = html.leaflet(leaflet, lang, site, EDITIONS["press"])
            url = page_url(lang, SLUG)
            a4 = renderer.layout(a4_html, url, "x")
            a4_pdf, _ = renderer.write(a4, "pdf/ua-1")
            for _ in range(args.rounds):
                started = time.perf_counter()
                own = renderer.write(LaidOut(renderer.layout(press_html, url, "x").document, a4_html + PRESS_RULE,
                                             "x", []), "pdf/x-3", "srgb")[0]
                times["own layout"].append(time.perf_counter() - started)
                started = time.perf_counter()
                shared = renderer.write(a4, "pdf/x-3", "srgb", PRESS_RULE)[0]
                times["shared layout"].append(time.perf_counter() - started)
                started = time.perf_counter()
                posted = post_process(a4_pdf, marks_page)
                times["post-process"].append(time.perf_counter() - started)
            reference = pixels(own, scratch, f"{lang}-own")
            for name, made in (("shared layout", shared), ("post-process", posted)):
                rendered = pixels(made, scratch, f"{lang}-{name.replace(' ', '-')}")
                checks.append((lang, name, made == own, sum(a == b for a, b in zip(rendered, reference)),
                               len(reference), declarations(made)))
        reference_declarations = declarations(own)

    print(f"{'way':<16} {'median':>8}  per press PDF, {args.rounds} rounds x {len(config.languages.order)} languages")
    for name, values in times.items():
        print(f"{name:<16} {statistics.median(values) * 1000:>6.0f} ms")
    print(f"\n{'language':<9} {'way':<15} {'bytes = own':<12} {'pages pixel-identical':<22} PDF/X declarations")
    for lang, name, identical, same_pages, pages, found in checks:
        wrong = [key for key, value in found.items() if value != reference_declarations[key]]
        print(f"{lang:<9} {name:<15} {str(identical):<12} {f'{same_pages} of {pages}':<22} "
              + ("as WeasyPrint's own" if not wrong else "differs: " + "; ".join(
                  f"{key}: {found[key]} (own: {reference_declarations[key]})" for key in wrong)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
