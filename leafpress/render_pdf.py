"""HTML -> PDF bytes with WeasyPrint, through the sandboxed fetcher, with its log captured."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from leafpress.errors import Diagnostic, RenderError
from leafpress.fonts import use_only_bundled_fonts
from leafpress.tagging import finisher

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
class PdfRenderer:
    """Keeps one font configuration warm across renders in this process."""

    templates_dir: Path
    content_dir: Path
    _font_config: object = field(default=None, init=False, repr=False)

    def __post_init__(self):
        use_only_bundled_fonts(self.templates_dir / "assets" / "fonts")
        from weasyprint.text.fonts import FontConfiguration

        self._font_config = FontConfiguration()

    def render(self, html: str, base_url: str, shown_path: str, pdf_variant: str | None = None,
               output_intent: str | None = None) -> tuple[bytes, int, list[Diagnostic]]:
        """Return (PDF bytes, page count, warnings); raise RenderError on any failure.

        `pdf_variant` is WeasyPrint's conformance level (tagged PDF/UA, PDF/X, PDF/A);
        `output_intent` the colour profile declared for printing.
        """
        from weasyprint import HTML
        from weasyprint.logger import LOGGER
        from weasyprint.urls import FatalURLFetchingError

        from leafpress.fetcher import SandboxedFetcher

        fetcher = SandboxedFetcher(self.templates_dir, self.content_dir)
        collector = _Collector()
        LOGGER.addHandler(collector)
        previous_propagate, LOGGER.propagate = LOGGER.propagate, False
        try:
            document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                font_config=self._font_config)
            # A stable file identifier: same page and edition, same ID, on every machine.
            identifier = hashlib.sha256(f"{html}{pdf_variant}".encode()).hexdigest()[:32].encode()
            pdf = document.write_pdf(pdf_identifier=identifier, pdf_variant=pdf_variant, pdf_tags=True,
                                     output_intent=output_intent, finisher=finisher(pdf_variant))
        except FatalURLFetchingError as error:
            reason = fetcher.refused[-1] if fetcher.refused else str(error.__cause__ or error)
            raise RenderError.at(shown_path, 0, reason) from None
        except Exception as error:  # WeasyPrint raises many kinds; each means "no PDF".
            raise RenderError.at(shown_path, 0, f"WeasyPrint failed: {type(error).__name__}: {error}") from None
        finally:
            LOGGER.removeHandler(collector)
            LOGGER.propagate = previous_propagate
        problems = [Diagnostic(shown_path, 0, f"WeasyPrint: {r.getMessage()}") for r in collector.records
                    if r.levelno >= logging.ERROR]
        if problems:
            raise RenderError(problems)
        warnings = [Diagnostic(shown_path, 0, f"WeasyPrint: {r.getMessage()}", severity="warning")
                    for r in collector.records if r.levelno < logging.ERROR]
        return pdf, len(document.pages), warnings
