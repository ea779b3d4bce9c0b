"""The only way the renderer reads files: WeasyPrint's fetcher, limited by `sandbox.resolve`."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from weasyprint.urls import URLFetcher, URLFetcherResponse

from leafpress.pdf.sandbox import FetchRefused, resolve
from leafpress.theme import Theme


class SandboxedFetcher(URLFetcher):
    """WeasyPrint's fetcher, restricted to the theme's assets and the content folder."""

    def __init__(self, theme: Theme, content_dir: Path):
        super().__init__(fail_on_errors=True, allowed_protocols=("https",))
        self.theme = theme
        self.content_dir = content_dir
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        try:
            path = resolve(url, self.theme, self.content_dir)
        except FetchRefused as error:
            self.refused.append(str(error))
            raise
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime_type})
