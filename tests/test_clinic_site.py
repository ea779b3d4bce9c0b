"""A clinic's real leaflets, built in every edition and language: pictures, captions, call-outs, tick boxes,
note lines and links, checked in the PDFs themselves (pdfplumber, pikepdf) and in the HTML.

The sample site (tests/sites/clinic) has an exercise sheet with eight pictures, a how-to leaflet with
no stages, a leaflet with a stage table taller than a page, and one with call-outs, checklists and
references; Spanish and Arabic (right to left) translations of two of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
import tinyhtml5

SLUGS = ("back-exercises", "mri-scan", "hip-replacement-aftercare", "nsaids-safely")
LANGUAGES = ("en", "es", "ar")
TRANSLATED = {("es", "back-exercises"), ("es", "mri-scan"), ("ar", "mri-scan")}
TAGGED = {"a4": ".pdf", "a5": ".a5.pdf", "large-print": ".large-print.pdf", "press": ".press.pdf",
          "archive": ".archive.pdf"}
MM = 72 / 25.4


def pdf_path(site, lang: str, slug: str, suffix: str) -> Path:
    return site.path(f"output/{lang}/{slug}{suffix}")


def every_tagged_pdf():
    return [(lang, slug, edition) for lang in LANGUAGES for slug in SLUGS for edition in TAGGED]


def html(site, lang: str, slug: str):
    return tinyhtml5.parse(site.read(f"output/{lang}/{slug}.html"), namespace_html_elements=False)


@dataclass
class Node:
    kind: str  # the structure type: Figure, Caption, Sect...
    element: pikepdf.Dictionary
    ancestors: list
    page: int | None  # the page index it names (/Pg), if any


def structure(pdf: pikepdf.Pdf) -> list[Node]:
    """Every structure element, in reading order."""
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    found = []

    def walk(element, ancestors):
        if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") != "/StructElem":
            return
        page = pages.get(element.Pg.objgen) if "/Pg" in element else None
        found.append(Node(str(element.S)[1:], element, ancestors, page))
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            walk(kid, [*ancestors, element])

    root = pdf.Root.StructTreeRoot.K
    for kid in (root if isinstance(root, pikepdf.Array) else [root]):
        walk(kid, [])
    return found


def pages_below(nodes: list[Node], top: pikepdf.Dictionary) -> set[int]:
    """The pages of `top` and of everything under it."""
    return {node.page for node in nodes if node.page is not None
            and (node.element.objgen == top.objgen or any(a.objgen == top.objgen for a in node.ancestors))}


def test_every_leaflet_builds_in_every_edition_and_language(built_clinic):
    for lang in LANGUAGES:
        for slug in SLUGS:
            for suffix in (*TAGGED.values(), ".booklet.pdf", ".html"):
                assert pdf_path(built_clinic, lang, slug, suffix).is_file(), (lang, slug, suffix)


@pytest.mark.parametrize("lang, slug, edition", every_tagged_pdf())
def test_every_picture_is_inside_the_page_with_alt_text_and_its_caption_on_its_page(built_clinic, lang, slug,
                                                                                      edition):
    with pikepdf.open(pdf_path(built_clinic, lang, slug, TAGGED[edition])) as pdf:
        nodes = structure(pdf)
        boxes = [page.TrimBox if "/TrimBox" in page else page.MediaBox for page in pdf.pages]
        bleed = [float(page.MediaBox[2]) - float(box[2]) for page, box in zip(pdf.pages, boxes)]
        figures = [node for node in nodes if node.kind == "Figure"
                   and not any(str(a.get("/S")) == "/Sect" for a in node.ancestors)]  # not the QR code's
        for node in figures:
            element = node.element
            assert str(element.get("/Alt", "")).strip(), "a picture without alt text"
            x1, y1, x2, y2 = (float(value) * 0.75 for value in element.A.BBox)  # CSS px -> pt
            page = node.page
            width, height = float(boxes[page][2]) - float(boxes[page][0]), float(boxes[page][3]) - float(boxes[page][1])
            margin = 10 * MM  # every edition's margins are wider than this
            assert margin <= x1 - bleed[page] / 2 and x2 - bleed[page] / 2 <= width - margin, (page, x1, x2)
            assert margin <= y1 - bleed[page] / 2 and y2 - bleed[page] / 2 <= height - margin, (page, y1, y2)
            for caption in node.ancestors[-1].K:
                if isinstance(caption, pikepdf.Dictionary) and caption.get("/S") == "/Caption":
                    assert pages_below(nodes, caption) <= {page}, "the caption is not on its picture's page"
    expected = len(html(built_clinic, lang, slug).findall(".//main//img"))
    assert len(figures) == expected


@pytest.mark.parametrize("lang, slug, edition", every_tagged_pdf())
def test_no_call_out_box_is_split(built_clinic, lang, slug, edition):
    """Every <section> (a call-out, the contact box) is tagged Sect: all of it must be on one page."""
    with pikepdf.open(pdf_path(built_clinic, lang, slug, TAGGED[edition])) as pdf:
        nodes = structure(pdf)
        sections = [node.element for node in nodes if node.kind == "Sect"]
        for section in sections:
            pages = pages_below(nodes, section)
            assert len(pages) == 1, f"a box over pages {sorted(pages)}"
    callouts = len(html(built_clinic, lang, slug).findall(".//main//section[@aria-labelledby]"))
    assert len(sections) >= callouts


def drawn_boxes(path: Path) -> list[tuple[int, float, float]]:
    """(page, left, top) of every square box of 4 to 7 mm drawn on the pages (the tick boxes)."""
    found = set()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            squares = [r for r in page.rects if abs(r["width"] - r["height"]) < 0.5 and 3 * MM <= r["width"] <= 7 * MM]
            for rect in squares:  # a box is drawn as its outline and its inside: count the outline
                inside = any(other["width"] > rect["width"] and other["x0"] <= rect["x0"] and
                             other["top"] <= rect["top"] and other["x1"] >= rect["x1"] for other in squares)
                if not inside:
                    found.add((page.page_number, round(rect["x0"]), round(rect["top"])))
    return sorted(found)


def writing_lines(path: Path) -> list[tuple[int, float]]:
    """(page, spacing) of every full-width writing line.

    WeasyPrint paints a box's bottom border as the space between two rectangles of the same width: the
    box and the box without its border. Here the box is 8 to 14 mm tall and the border under 1 pt.
    """
    found: dict[tuple, list[float]] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for rect in page.rects:
                if rect["width"] > page.width * 0.5 and 8 * MM <= rect["height"] <= 14 * MM:
                    key = (page.page_number, round(rect["top"], 1), round(rect["x0"]), round(rect["width"]))
                    found.setdefault(key, []).append(rect["height"])
    lines = []
    for (number, _, _, _), heights in sorted(found.items()):
        if len(heights) == 2 and 0.3 < abs(heights[0] - heights[1]) < 1:
            lines.append((number, round(max(heights), 1)))
    return lines


@pytest.mark.parametrize("edition", TAGGED)
@pytest.mark.parametrize("lang, slug, boxes, lines", [
    ("en", "mri-scan", 4, 0), ("es", "mri-scan", 4, 0), ("ar", "mri-scan", 4, 0),
    ("en", "nsaids-safely", 5, 6), ("en", "back-exercises", 0, 8), ("es", "back-exercises", 0, 8)])
def test_tick_boxes_and_note_lines_are_drawn_far_enough_apart_to_write(built_clinic, edition, lang, slug, boxes,
                                                                       lines):
    path = pdf_path(built_clinic, lang, slug, TAGGED[edition])
    assert len(drawn_boxes(path)) == boxes
    found = writing_lines(path)
    assert len(found) == lines
    assert all(height >= 8 * MM for _, height in found)  # at least 8 mm between lines


def external_links(site, lang: str, slug: str) -> list[str]:
    page = html(site, lang, slug)
    return [a.get("href") for a in page.findall(".//main//a") if a.get("href", "").startswith(("http", "mailto"))]


@pytest.mark.parametrize("edition", [name for name in TAGGED if name != "press"])
def test_every_external_link_is_clickable_and_its_address_printed(built_clinic, edition):
    path = pdf_path(built_clinic, "en", "nsaids-safely", TAGGED[edition])
    with pdfplumber.open(path) as pdf:
        uris = {annot.get("uri") for page in pdf.pages for annot in page.annots}
        text = re.sub(r"\s+", "", "".join(page.extract_text() for page in pdf.pages))
    links = external_links(built_clinic, "en", "nsaids-safely")
    assert len(links) == 2
    for href in links:
        assert href in uris
        assert re.sub(r"^https?://(www\.)?", "", href).rstrip("/") in text
    assert "mailto:pals@hill-street.example" in uris  # the feedback contact from site.toml
    with pikepdf.open(path) as pdf:
        links_tagged = [node for node in structure(pdf) if node.kind == "Link"]
        annotations = [a for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == "/Link"]
    assert len(links_tagged) >= len(annotations) and all(str(a.get("/Contents", "")) for a in annotations)


def test_the_press_file_prints_the_addresses_and_has_no_link(built_clinic):
    """PDF/X-3 allows no annotation inside the bleed: the print shop's file carries the addresses as text only."""
    path = pdf_path(built_clinic, "en", "nsaids-safely", ".press.pdf")
    with pdfplumber.open(path) as pdf:
        assert [annot for page in pdf.pages for annot in page.annots] == []
        text = re.sub(r"\s+", "", "".join(page.extract_text() for page in pdf.pages))
    for href in external_links(built_clinic, "en", "nsaids-safely"):
        assert re.sub(r"^https?://(www\.)?", "", href).rstrip("/") in text


def test_the_booklet_keeps_the_links_on_its_sheets(built_clinic):
    with pdfplumber.open(pdf_path(built_clinic, "en", "nsaids-safely", ".booklet.pdf")) as pdf:
        uris = [annot.get("uri") for page in pdf.pages for annot in page.annots]
        for page in pdf.pages:
            for annot in page.annots:
                assert 0 <= annot["x0"] < annot["x1"] <= page.width
    assert sorted(uris) == sorted([*external_links(built_clinic, "en", "nsaids-safely"),
                                   "mailto:pals@hill-street.example"])  # each address unbroken: one box each


def test_a_translation_shows_the_source_pictures_and_its_own_words(built_clinic):
    page = html(built_clinic, "es", "back-exercises")
    images = page.findall(".//main//img")
    assert len(images) == 8 and all(img.get("src").startswith("../en/images/") for img in images)
    assert images[0].get("alt").startswith("Una persona tumbada")
    assert [c.text for c in page.findall(".//figcaption")][0] == "Ejercicio 1: rodilla al pecho"
    table = page.find(".//table[@class='stages']")
    assert table.find("caption").text.strip() == "Su plan de ejercicios"
    assert [th.text for th in table.findall("thead//th")] == ["Nivel", "Objetivo", "Ejercicios"]


def test_a_leaflet_without_stages_has_no_stage_table(built_clinic):
    page = html(built_clinic, "en", "mri-scan")
    assert page.find(".//table[@class='stages']") is None
    assert page.find(".//div[@class='treatment-stages']") is None
    assert len(page.findall(".//li[@class='task-list-item']")) == 4


def test_a_decorative_picture_is_a_drawing_not_a_figure(built_clinic):
    page = html(built_clinic, "en", "nsaids-safely")
    decorative = page.findall(".//span[@class='decorative-image']")
    assert len(decorative) == 1 and decorative[0].get("aria-hidden") == "true"
    assert "background-image:url('images/divider.svg')" in decorative[0].get("style")
    with pikepdf.open(pdf_path(built_clinic, "en", "nsaids-safely", ".pdf")) as pdf:
        assert [node.kind for node in structure(pdf) if node.kind == "Figure"] == ["Figure"]  # only the QR code


def test_call_outs_have_a_real_heading_one_level_below_their_section(built_clinic):
    page = html(built_clinic, "en", "nsaids-safely")
    callouts = page.findall(".//main//section[@aria-labelledby]")
    assert [(c.get("class"), c[0].tag, c[0].text) for c in callouts] == [
        ("callout callout-important", "h3", "Take them with food"),
        ("callout callout-tip", "h3", "Keep a note"),
        ("callout callout-urgent", "h3", "Stop taking them and get help urgently if")]
    assert all(c.get("aria-labelledby") == c[0].get("id") for c in callouts)
    exercises = html(built_clinic, "en", "back-exercises")
    levels = [c[0].tag for c in exercises.findall(".//main//section[@aria-labelledby]")]
    assert levels == ["h2", "h4"]  # before the first section; after a '###' sub-heading


def test_pictures_fit_the_column_on_a_phone(built_clinic):
    css = built_clinic.read("output/assets/leaflet.css")
    assert "img { max-width: 100%; height: auto; }" in css
