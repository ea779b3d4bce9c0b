"""Which page each output is laid out from: one HTML per distinct layout, and the PDF jobs over them.

Editions with the same stylesheet layer have the same HTML, so they share one layout:
the archive is written from the A4 page, the booklet imposed from the A5 edition's PDF.
An edition whose layer is only an `@page` rule of bleed and marks (the press edition)
shares the page without a layer; the rule is set on the laid-out pages when its PDF is
written (see page_marks.py).
"""

from __future__ import annotations

import itertools
from typing import Callable, Iterator

from leafpress import locales
from leafpress.editions import Edition
from leafpress.html.render import HtmlRenderer
from leafpress.model import Site
from leafpress.errors import RenderError, display_path
from leafpress.pdf.copyfit import BOOKLET, DUPLEX
from leafpress.pdf.page_marks import is_page_marks_only
from leafpress.pdf.pool import PdfJob, PdfOutput
from leafpress.pdf.sandbox import page_url
from leafpress.plan.outputs import Planned


class PageLayouts:
    """The HTML of each planned output, each distinct page rendered once."""

    def __init__(self, html_renderer: HtmlRenderer, site: Site, fit: bool = True):
        self.html_renderer = html_renderer
        self.site = site
        self.fit = fit  # run the copyfit step (see copyfit.py) on every layout
        self._pages: dict[tuple, str] = {}
        self._layers: dict[str, tuple[Edition | None, str | None]] = {}

    def layer(self, edition: Edition | None) -> tuple[Edition | None, str | None]:
        """(the stylesheet layer to lay out with, the @page rule of bleed and marks to set after layout)."""
        if edition is None or not edition.has_layer:
            return None, None
        if edition.name not in self._layers:
            css = str(self.html_renderer.edition_css(edition))
            self._layers[edition.name] = (None, css) if is_page_marks_only(css) else (edition, None)
        return self._layers[edition.name]

    def html(self, p: Planned) -> str:
        layer = self.layer(p.edition)[0]
        key = (p.lang, p.leaflet.slug, (layer.stylesheet, layer.page_rule) if layer else None)
        if key not in self._pages:
            self._pages[key] = self.html_renderer.leaflet(p.leaflet, p.lang, self.site, layer)
        return self._pages[key]

    def stream(self, todo: list[Planned], on_html: Callable[[Planned, str], None],
               on_media: Callable[[Planned, str], None] | None = None) -> Iterator[PdfJob]:
        """Page by page (`todo` in plan order): its HTML output, given to `on_html`, the HTML of its braille and
        audio editions, given to `on_media`, then the PDF jobs of its editions. A page's HTML is forgotten once
        its jobs are made, so memory does not grow with the site."""
        for _, page in itertools.groupby(todo, key=lambda p: (p.lang, p.leaflet.slug)):
            page = list(page)
            for p in page:
                if p.edition is None:
                    on_html(p, self.html(p))
                elif not p.edition.is_pdf and on_media is not None:
                    on_media(p, self.html(p))
            yield from self.jobs([p for p in page if p.edition is not None and p.edition.is_pdf])
            self._pages.clear()

    def jobs(self, editions: list[Planned]) -> list[PdfJob]:
        """One job per distinct page: the editions with the same HTML share its layout."""
        by_page: dict[tuple[str, str], list[Planned]] = {}
        for p in editions:
            by_page.setdefault((p.leaflet.shown_path, self.html(p)), []).append(p)
        return [PdfJob(page, page_url(group[0].lang, group[0].leaflet.slug), shown_path,
                       tuple(PdfOutput(p.target, p.edition.pdf_variant, p.edition.output_intent, p.edition.imposed,
                                       locales.text_direction(p.lang) == "rtl", self.layer(p.edition)[1],
                                       self._printing_condition(p.edition))
                             for p in group),
                       self._printing(group))
                for (shown_path, page), group in by_page.items()]

    def _printing_condition(self, edition) -> tuple[str, str] | None:
        """The press file's CMYK profile and condition, for a PDF/X edition."""
        if not (edition.pdf_variant or "").startswith("pdf/x"):
            return None
        config = self.html_renderer.config
        profile = config.theme.find(config.editions.press_profile)
        if profile is None:
            raise RenderError.at(display_path(config.config_path), 0,
                                 f"[editions] press_profile: the theme has no file '{config.editions.press_profile}' "
                                 "(the CMYK profile of the press edition's printing condition)")
        return str(profile), config.editions.press_condition

    def _printing(self, group: list[Planned]) -> str:
        if not self.fit:
            return ""
        return BOOKLET if any(p.edition.imposed for p in group) else DUPLEX
