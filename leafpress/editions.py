"""The print editions: each is an @page setup and a stylesheet layer over the same page, not a copy.

Editions with the same stylesheet layer have the same HTML, so they share one
layout (see workers.py): the archive is written from the A4 layout, and the
booklet is imposed from the A5 edition's PDF.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    """How one edition is made from a leaflet's page."""

    name: str
    stylesheet: str | None  # a Jinja template under templates/editions/, layered over leaflet.css
    pdf_variant: str | None  # WeasyPrint's PDF variant: tagging and conformance (imposed: of the PDF imposed)
    imposed: bool = False  # pages are imposed two-up after rendering (the booklet)
    output_intent: str | None = None  # colour profile the PDF declares for printing
    description: str = ""

    def file_name(self, slug: str) -> str:
        return f"{slug}.pdf" if self.name == "a4" else f"{slug}.{self.name}.pdf"


EDITIONS = {
    edition.name: edition for edition in (
        Edition("a4", None, "pdf/ua-1", description="A4 for the office printer"),
        Edition("a5", "editions/a5.css", "pdf/ua-1", description="A5 portrait"),
        Edition("large-print", "editions/large-print.css", "pdf/ua-1",
                description="A4, RNIB Clear Print: large text, ragged right, no hyphenation"),
        # Imposed from the A5 edition's own PDF: one layout and one write serve both.
        Edition("booklet", "editions/a5.css", "pdf/ua-1", imposed=True,
                description="A5 pages imposed two-up on A4 landscape, to print double-sided and fold"),
        # PDF/X-3, not X-4: WeasyPrint 70 writes a random document ID into PDF/X-4 metadata,
        # which would make every build different.
        Edition("press", "editions/press.css", "pdf/x-3", output_intent="srgb",
                description="A4 for a print shop: 3 mm bleed, crop and cross marks, PDF/X-3, sRGB"),
        Edition("archive", None, "pdf/a-3a", description="A4, PDF/A-3a for the archive"),
    )
}
