"""What a typesetter checks on a printed page, read off the PDF (pdfplumber and pikepdf): shared by the tests.

- how full each page is: the bottom of its lowest text, picture or rule within the content box;
- the running footer: on one line;
- headings: never the last thing on a page;
- a paragraph or list item broken over two pages: at least two lines on each.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pdfplumber.page
import pikepdf

MM = 72 / 25.4
# The page margins of each edition (top, bottom), in mm, as the theme's stylesheets set them.
MARGINS = {"a4": (18, 22), "a5": (13, 17), "large-print": (20, 26), "press": (18, 22), "archive": (18, 22)}
SUFFIXES = {"a4": ".pdf", "a5": ".a5.pdf", "large-print": ".large-print.pdf", "press": ".press.pdf",
            "archive": ".archive.pdf"}


def _content(page, edition: str) -> tuple[float, float]:
    """The top and bottom of the page's content box, in pdfplumber's coordinates (points from the top)."""
    top, bottom = (m * MM for m in MARGINS[edition])
    trim = page.trimbox if page.trimbox else page.mediabox
    offset = float(trim[1]) if trim else 0  # the press edition's bleed above the trim
    return offset + top, offset + float(trim[3]) - float(trim[1]) - bottom


def fills(path: Path, edition: str) -> list[float]:
    """Each page's fill, 0 to 1."""
    found = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            top, bottom = _content(page, edition)
            bottoms = [item["bottom"] for item in (*page.chars, *page.rects, *page.images)
                       if item["top"] >= top - 1 and item["bottom"] <= bottom + 1]
            found.append((max(bottoms) - top) / (bottom - top) if bottoms else 0.0)
    return found


def footer_lines(path: Path, edition: str) -> list[int]:
    """How many lines of text each page has below its content box (the running footer)."""
    found = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            _, bottom = _content(page, edition)
            chars = sorted((c for c in page.chars if c["top"] > bottom - 2), key=lambda c: c["top"])
            lines: list[float] = []
            for char in chars:  # Arabic and Latin glyphs sit at different heights on one line
                if not lines or char["top"] - lines[-1] > 0.6 * char["size"]:
                    lines.append(char["top"])
            found.append(len(lines))
    return found


@dataclass
class Element:
    kind: str
    leaves: list[tuple[int, int]]  # (page index, marked-content id) of its content, in reading order


def elements(path: Path) -> list[Element]:
    """Every structure element with the marked content below it, in reading order (artifacts are not in it)."""
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        found: list[Element] = []

        def walk(node, page, owners):
            if isinstance(node, int):
                for owner in owners:
                    owner.leaves.append((page, node))
                return
            if not isinstance(node, pikepdf.Dictionary):
                return
            if node.get("/Type") == "/MCR":
                walk(int(node.MCID), pages.get(node.Pg.objgen, page) if "/Pg" in node else page, owners)
                return
            if node.get("/Type") != "/StructElem":
                return
            element = Element(str(node.S)[1:], [])
            found.append(element)
            here = pages.get(node.Pg.objgen, page) if "/Pg" in node else page
            kids = node.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                walk(kid, here, [*owners, element])

        root = pdf.Root.StructTreeRoot.K
        for kid in (root if isinstance(root, pikepdf.Array) else [root]):
            walk(kid, None, [])
    return found


class _NestedMarkedContent(pdfplumber.page.PDFPageAggregatorWithMarkedContent):
    """pdfplumber forgets the MCID at a nested marked-content span (the /ActualText spans of hyphenated
    words sit inside their paragraph's MCID): keep a stack, so the text after such a span keeps its MCID."""

    def begin_tag(self, tag, props=None) -> None:
        stack = self.__dict__.setdefault("_stack", [])
        stack.append((self.cur_tag, self.cur_mcid))
        inherited = self.cur_mcid
        super().begin_tag(tag, props)
        if self.cur_mcid is None:
            self.cur_mcid = inherited

    def end_tag(self) -> None:
        stack = self.__dict__.setdefault("_stack", [])
        self.cur_tag, self.cur_mcid = stack.pop() if stack else (None, None)


pdfplumber.page.PDFPageAggregatorWithMarkedContent = _NestedMarkedContent


def _lines_by_leaf(path: Path) -> dict[tuple[int, int], list[float]]:
    """(page, marked-content id) -> the tops of its lines of text."""
    found: dict[tuple[int, int], list[float]] = {}
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    found.setdefault((index, char["mcid"]), []).append(char["top"])
    return found


def headings_last_on_a_page(path: Path) -> list[str]:
    """Each heading after which its page has nothing more, though the document goes on."""
    tree = elements(path)
    order = [leaf for element in tree if element.kind == "Document" for leaf in element.leaves]
    position = {leaf: index for index, leaf in enumerate(order)}
    texts = _lines_by_leaf(path)
    problems = []
    for element in tree:
        if element.kind in ("H1", "H2", "H3", "H4", "H5", "H6") and element.leaves:
            last = position.get(element.leaves[-1])
            following = [leaf for leaf in order[last + 1:] if leaf in texts] if last is not None else []
            if following and following[0][0] != element.leaves[-1][0]:
                problems.append(f"{element.kind} on page {element.leaves[-1][0] + 1}")
    return problems


def broken_blocks(site_config: Path, slug: str, lang: str, edition: str) -> tuple[int, list[tuple[str, int, int]]]:
    """(pages, [(tag, lines before the break, lines after)]) of every paragraph or list item broken over two
    pages, in the layout the build makes (copyfit included). Table cells are left out: a row let break
    breaks between the items of its lists, and a header row is repeated on every page.

    A tagged PDF has one structure element per page for a broken paragraph, so the lines of each
    part are counted on WeasyPrint's own layout of the same page, made as the build makes it.
    """
    from datetime import date

    from weasyprint.formatting_structure import boxes

    from leafpress.config import load_config
    from leafpress.html.render import HtmlRenderer
    from leafpress.pdf.copyfit import DUPLEX, fitted
    from leafpress.pdf.render import PdfRenderer
    from leafpress.pdf.sandbox import page_url
    from leafpress.pipeline import BuildOptions, load_site

    config = load_config(site_config)
    today = date(2026, 6, 1)
    site, _ = load_site(config, BuildOptions(today=today))
    layer = config.edition_registry[edition]
    html = HtmlRenderer(config, today).leaflet(site.leaflets[slug][lang], lang, site,
                                               layer if layer.has_layer and edition != "press" else None)
    renderer = PdfRenderer(config.theme, config.content_dir)
    laid_out, *_ = fitted(lambda page: renderer.layout(page, page_url(lang, slug), slug), html, DUPLEX)
    parts: dict[int, list[tuple[int, int]]] = {}  # element -> (page, lines) of each part
    tags = {}
    for number, page in enumerate(laid_out.document.pages):
        for box in page._page_box.descendants():
            if isinstance(box, (boxes.BlockBox, boxes.TableCellBox)) and box.element_tag in (
                    "p", "li", "td", "th", "dd", "figcaption"):
                lines = sum(1 for child in box.descendants() if isinstance(child, boxes.LineBox))
                parts.setdefault(id(box.element), []).append((number, lines))
                tags[id(box.element)] = box.element_tag
    found = [(tags[key], pieces[0][1], pieces[-1][1]) for key, pieces in parts.items()
             if len({number for number, _ in pieces}) > 1 and tags[key] not in ("td", "th")]
    return len(laid_out.document.pages), found


PAGE_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def page_words(html: str) -> list[str]:
    """Every word the print shows: the text of <main> and of the colophon, read with lxml (not our own reader)."""
    import lxml.html

    root = lxml.html.fromstring(html)
    for hidden in root.xpath("//nav|//script|//style|//svg|//*[contains(@class,'visually-hidden')]"
                             "|//*[contains(@class,'notes-space')]"):
        hidden.drop_tree()
    text = " ".join(" ".join(node.itertext()) for node in root.xpath("//main|//footer[contains(@class,'colophon')]"))
    return PAGE_WORD.findall(text.replace("\u00ad", ""))
