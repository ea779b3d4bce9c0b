"""The editions that are not laid out as PDF (braille, audio), made from the page's reading order.

Each page's HTML is read once into blocks (html/linear.py); its braille and audio files are
then made in a background thread, beside the PDF workers: the work is in liblouis, espeak-ng
and opusenc processes, so it runs while the main process goes on with the next pages.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import Future, ThreadPoolExecutor

from leafpress.audio.edition import audio_file, transcript_file
from leafpress.braille.edition import braille_files
from leafpress.config import SiteConfig
from leafpress.errors import LeafpressError
from leafpress.html.linear import reading_order
from leafpress.model import Output


def render(config: SiteConfig, medium: str, html: str, lang: str, shown: str,
           made: dict | None = None) -> tuple[bytes, int]:
    """(the file, its page count) of one edition of one page. `made` keeps a page's braille between its two
    braille editions (the BRF and its Unicode copy are the same pages)."""
    made = {} if made is None else made
    blocks = reading_order(html)
    if medium in ("braille", "braille-text"):
        key = (hashlib.sha256(html.encode()).hexdigest(), lang)
        if key not in made:
            made.clear()
            made[key] = braille_files(blocks, config, lang)
        brf, unicode_text, pages = made[key]
        return (brf if medium == "braille" else unicode_text), pages
    if medium == "audio":
        return audio_file(blocks, config, lang, shown), 0
    if medium == "transcript":
        return transcript_file(blocks, config, lang), 0
    raise AssertionError(f"no renderer for the medium '{medium}'")


class MediaRenderer:
    """Renders the non-PDF editions in one background thread; results in the order they were asked for."""

    def __init__(self, config: SiteConfig):
        self.config = config
        self.pool: ThreadPoolExecutor | None = None
        self.pending: list[tuple[str, Future]] = []
        self.made: dict = {}  # used by the one media thread only

    def submit(self, target: str, medium: str, html: str, lang: str, shown: str) -> None:
        if self.pool is None:
            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="leafpress-media")
        self.pending.append((target, self.pool.submit(render, self.config, medium, html, lang, shown, self.made)))

    def results(self):
        """(Output, None) or (target, the error's diagnostics) for each edition asked for."""
        try:
            for target, future in self.pending:
                try:
                    data, pages = future.result()
                    yield Output(target, data, pages), None
                except LeafpressError as error:
                    yield target, error.diagnostics
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)
