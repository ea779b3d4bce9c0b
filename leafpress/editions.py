"""The edition registry: every print edition, declared once, read by everything that needs it.

An edition is a page setup and a stylesheet layer over the same page, never a copy of the
content. Config validation, the front-matter schema, the build plan, the catalogue, the UI
catalogs and the docs all read this registry; a site adds editions of its own in `site.toml`
(`[editions.NAME]`, see config.py) without writing Python.

Editions with the same stylesheet layer have the same HTML, so they share one layout (see
pdf/layouts.py): the archive and press are written from the A4 layout, the booklet is
imposed from the A5 edition's PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

A4_LANDSCAPE = (841.89, 595.28)  # points: the sheet a booklet's A5 pages are imposed on
CSS_LENGTH = r"(?:0|\d+(?:\.\d+)?(?:mm|cm|in|pt|pc|px|q))"
PAGE_SIZE_KEYWORDS = ("a5", "a4", "a3", "b5", "b4", "jis-b5", "jis-b4", "letter", "legal", "ledger")
PAGE_SIZE = re.compile(rf"(?i)(?:(?:{'|'.join(PAGE_SIZE_KEYWORDS)})(?:\s+(?:portrait|landscape))?"
                       rf"|(?:portrait|landscape)\s+(?:{'|'.join(PAGE_SIZE_KEYWORDS)})"
                       rf"|{CSS_LENGTH}(?:\s+{CSS_LENGTH})?)")
MARGIN = re.compile(rf"(?i){CSS_LENGTH}(?:\s+{CSS_LENGTH}){{0,3}}")
EDITION_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Edition:
    """How one edition is made from a leaflet's page, and how it is offered."""

    name: str
    label: str  # the catalogue's link text (translated through the UI catalogs)
    suffix: str  # what follows the slug in the file name: ".pdf", ".a5.pdf"
    page_size: str  # the CSS page size of its pages ("A4", "letter"); the booklet's is that of its halves
    stylesheet: str | None = None  # a theme file (a Jinja template) layered over leaflet.css
    margin: str | None = None  # CSS page margins this edition sets; None: its stylesheet's, or leaflet.css's
    pdf_variant: str | None = "pdf/ua-1"  # WeasyPrint's variant: tagging and conformance (the booklet: before imposing)
    output_intent: str | None = None  # the colour profile the PDF declares for printing
    print_button: str | None = None  # a primary print edition: the catalogue's button text ("Print A4")
    imposed_on: tuple[float, float] | None = None  # the booklet: the sheet (points) its pages are imposed two-up on
    compact_footer: bool = False  # page numbers as "5 / 8", where the running footer is short of room
    medium: str = "pdf"  # pdf, or what else it is made as: braille, braille-text, audio, transcript
    description: str = ""
    built_in: bool = True

    def file_name(self, slug: str) -> str:
        return f"{slug}{self.suffix}"

    @property
    def is_pdf(self) -> bool:
        return self.medium == "pdf"

    @property
    def imposed(self) -> bool:
        return self.imposed_on is not None

    @property
    def page_rule(self) -> str:
        """The `@page` rule of a declared edition's size and margins ('' for the built-in ones)."""
        return f"@page {{ size: {self.page_size}; margin: {self.margin}; }}\n" if self.margin else ""

    @property
    def has_layer(self) -> bool:
        """Whether its pages get a stylesheet layer over the page's own stylesheets."""
        return bool(self.stylesheet or self.page_rule)


BUILT_IN: tuple[Edition, ...] = (
    Edition("a4", "A4 PDF", ".pdf", "A4", print_button="Print A4", description="A4 for the office printer."),
    Edition("a5", "A5 PDF", ".a5.pdf", "A5", "editions/a5.css", description="A5 portrait, for handing out."),
    Edition("large-print", "Large print PDF", ".large-print.pdf", "A4", "editions/large-print.css",
            compact_footer=True, description="A4 after RNIB Clear Print guidance: large text, ragged right, no hyphenation."),
    # Imposed from the A5 edition's own PDF: one layout and one write serve both.
    Edition("booklet", "Booklet PDF", ".booklet.pdf", "A5", "editions/a5.css", imposed_on=A4_LANDSCAPE,
            description="The A5 pages imposed two-up on A4 landscape sheets, to print double-sided and fold."),
    # PDF/X-3, not X-4: WeasyPrint 70 writes a random document ID into PDF/X-4 metadata,
    # which would make every build different.
    Edition("press", "Print-shop PDF", ".press.pdf", "A4", "editions/press.css", pdf_variant="pdf/x-3",
            output_intent="srgb", description="A4 for a print shop: 3 mm bleed, crop and cross marks, PDF/X-3."),
    Edition("archive", "Archive PDF (PDF/A)", ".archive.pdf", "A4", pdf_variant="pdf/a-3a",
            description="A4 as PDF/A-3a, for the records."),
    # Made from the A4 page's reading order, not laid out by WeasyPrint (see html/linear.py).
    Edition("braille", "Braille (BRF)", ".brf", "", pdf_variant=None, medium="braille",
            description="Braille Ready Format for an embosser or a braille display: liblouis, [braille] tables."),
    Edition("braille-text", "Braille (Unicode text)", ".brl.txt", "", pdf_variant=None, medium="braille-text",
            description="The braille pages in Unicode braille, for screens and braille displays."),
    Edition("audio", "Audio", ".opus", "", pdf_variant=None, medium="audio",
            description="The leaflet read aloud by espeak-ng, as Opus with a chapter per section."),
    Edition("transcript", "Audio transcript", ".transcript.txt", "", pdf_variant=None, medium="transcript",
            description="Every word the audio edition says, as plain text."),
)
BUILT_IN_NAMES = tuple(edition.name for edition in BUILT_IN)


def declared(name: str, label: str, size: str, margin: str, stylesheet: str = "", print_button: str = "") -> Edition:
    """An edition a site declares in site.toml: its own page size, margins and optional stylesheet."""
    return Edition(name, label, f".{name}.pdf", size, stylesheet or None, margin, print_button=print_button or None,
                   description=f"{label}: {size}, margins {margin}.", built_in=False)


def registry(extra: tuple[Edition, ...] = ()) -> dict[str, Edition]:
    """Every edition by name: the built-in ones, then a site's own."""
    return {edition.name: edition for edition in (*BUILT_IN, *extra)}
