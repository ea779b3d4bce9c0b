"""HTML -> PDF bytes with WeasyPrint, through the sandboxed fetcher, with its log captured.

Laying out a page is most of the cost; writing a PDF from the laid-out `Document`
is the rest. So the two are separate: editions that share a page (same HTML, so the
same size, margins and stylesheet) are laid out once and written once per variant.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from leafpress.errors import Diagnostic, RenderError
from leafpress.pdf import actual_text, cluster_text, parsed_css
from leafpress.pdf.fonts import use_only_theme_fonts
from leafpress.pdf.overflow import overflowing_text
from leafpress.pdf.tagging import finisher
from leafpress.theme import Theme

# Not a problem in the user's files: WeasyPrint's note that it subsets with fontTools.
IGNORED_LOG_PREFIXES = ("Using fontTools instead of HarfBuzz-Subset",)


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.getMessage().startswith(IGNORED_LOG_PREFIXES):
            self.records.append(record)


@dataclass
class LaidOut:
    """One page laid out by WeasyPrint, ready to be written as any number of PDFs."""

    document: object  # weasyprint.Document
    html: str
    shown_path: str
    warnings: list[Diagnostic]

    @property
    def pages(self) -> int:
        return len(self.document.pages)


@dataclass
class PdfRenderer:
    """Keeps one font configuration warm across renders in this process."""

    theme: Theme
    content_dir: Path
    _font_config: object = field(default=None, init=False, repr=False)
    # WeasyPrint's image cache, by address: a picture is decoded once in this process, not once per edition
    # or language (a translation shows the source's pictures). Image ids are hashes of the address, so a
    # cached image gives the same bytes.
    _images: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self):
        use_only_theme_fonts(self.theme)
        actual_text.install()
        cluster_text.install()
        parsed_css.install()
        from weasyprint.text.fonts import FontConfiguration

        self._font_config = FontConfiguration()

    def layout(self, html: str, base_url: str, shown_path: str) -> LaidOut:
        """Lay the page out; raise RenderError on any failure."""
        from weasyprint import HTML

        from leafpress.pdf.fetcher import SandboxedFetcher

        fetcher = SandboxedFetcher(self.theme, self.content_dir)
        try:
            with _weasyprint_log(shown_path) as warnings, _failures(shown_path, fetcher):
                document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                    font_config=self._font_config, cache=self._images)
        finally:
            # WeasyPrint caches a picture that failed to load as None: the next page must fail on it too.
            for url in [url for url, image in self._images.items() if image is None]:
                del self._images[url]
        actual_text.mark(document)
        return LaidOut(document, html, shown_path, warnings + overflowing_text(document, shown_path))

    def write(self, laid_out: LaidOut, pdf_variant: str | None = None, output_intent: str | None = None,
              page_rule: str | None = None) -> tuple[bytes, list[Diagnostic]]:
        """One PDF of a laid-out page: the same bytes whatever was written from it before.

        `pdf_variant` is WeasyPrint's conformance level (tagged PDF/UA, PDF/X, PDF/A);
        `output_intent` the colour profile declared for printing; `page_rule` an
        `@page` rule of bleed and marks, applied as if the page had been laid out with it.
        """
        from leafpress.pdf.page_marks import page_marks

        document = laid_out.document
        # Writing a variant adds its colour profile (and, for PDF/X, dates) to the
        # Document; put them back, so the next PDF written from it is as if laid out alone.
        profiles, metadata = dict(document.color_profiles), copy.copy(document.metadata)
        identifier = pdf_identifier(laid_out.html + (page_rule or ""), pdf_variant)
        marks = page_marks(document, page_rule) if page_rule else contextlib.nullcontext()
        try:
            with _weasyprint_log(laid_out.shown_path) as warnings, _failures(laid_out.shown_path), marks:
                pdf = document.write_pdf(pdf_identifier=identifier, pdf_variant=pdf_variant, pdf_tags=True,
                                         output_intent=output_intent, finisher=finisher(pdf_variant))
        finally:
            document.color_profiles.clear()
            document.color_profiles.update(profiles)
            document.metadata = metadata
        return pdf, warnings

    def render(self, html: str, base_url: str, shown_path: str, pdf_variant: str | None = None,
               output_intent: str | None = None) -> tuple[bytes, int, list[Diagnostic]]:
        """Lay out and write one PDF: (bytes, page count, warnings)."""
        laid_out = self.layout(html, base_url, shown_path)
        pdf, warnings = self.write(laid_out, pdf_variant, output_intent)
        return pdf, laid_out.pages, laid_out.warnings + warnings


def pdf_identifier(page: str, pdf_variant: str | None) -> bytes:
    """The file identifier (/ID): from the page and the edition's variant, so the same on every machine."""
    return hashlib.sha256(f"{page}{pdf_variant}".encode()).hexdigest()[:32].encode()


@contextlib.contextmanager
def _failures(shown_path: str, fetcher=None):
    """Turn whatever WeasyPrint raises into a RenderError naming the page."""
    from weasyprint.urls import FatalURLFetchingError

    try:
        yield
    except FatalURLFetchingError as error:
        reason = fetcher.refused[-1] if fetcher and fetcher.refused else str(error.__cause__ or error)
        raise RenderError.at(shown_path, 0, reason) from None
    except (RenderError, MemoryError):  # a worker's memory limit is reported as such (pdf/pool.py)
        raise
    except Exception as error:  # WeasyPrint raises many kinds; each means "no PDF".
        raise RenderError.at(shown_path, 0, f"WeasyPrint failed: {type(error).__name__}: {error}") from None


@contextlib.contextmanager
def _weasyprint_log(shown_path: str):
    """Collect WeasyPrint's log while the block runs: errors raise, warnings are yielded."""
    from weasyprint.logger import LOGGER

    collector = _Collector()
    warnings: list[Diagnostic] = []
    LOGGER.addHandler(collector)
    previous_propagate, LOGGER.propagate = LOGGER.propagate, False
    try:
        yield warnings
    finally:
        LOGGER.removeHandler(collector)
        LOGGER.propagate = previous_propagate
    problems = [Diagnostic(shown_path, 0, f"WeasyPrint: {r.getMessage()}") for r in collector.records
                if r.levelno >= logging.ERROR]
    if problems:
        raise RenderError(problems)
    warnings += [Diagnostic(shown_path, 0, f"WeasyPrint: {r.getMessage()}", severity="warning")
                 for r in collector.records if r.levelno < logging.ERROR]
