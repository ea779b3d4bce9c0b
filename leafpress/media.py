"""The editions that are not laid out as PDF (braille, audio), made from the page's reading order.

Each page's HTML is read into blocks (html/linear.py); its braille and audio files are then
made in background threads, beside the PDF workers: the work is in liblouis, espeak-ng and
opusenc processes, so it runs while the main process goes on with the next pages.
"""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from leafpress.audio.edition import audio_file, transcript_file
from leafpress.braille.edition import braille_files
from leafpress.config import SiteConfig
from leafpress.errors import LeafpressError
from leafpress.html.linear import reading_order
from leafpress.model import Output


BRAILLE = ("braille", "braille-text")  # the same pages, as a BRF file and in Unicode braille: made once


def braille_pages(config: SiteConfig, html: str, lang: str) -> tuple[bytes, bytes, int]:
    """A page's braille: (the BRF file, its Unicode copy, the braille page count)."""
    return braille_files(reading_order(html), config, lang)


def render(config: SiteConfig, medium: str, html: str, lang: str, shown: str) -> bytes:
    """One spoken edition of one page: the audio file or its transcript."""
    blocks = reading_order(html)
    if medium == "audio":
        return audio_file(blocks, config, lang, shown)
    if medium == "transcript":
        return transcript_file(blocks, config, lang)
    raise AssertionError(f"no renderer for the medium '{medium}'")


class MediaRenderer:
    """Renders the non-PDF editions in background threads, one per worker; results in the order they were
    asked for. While the PDFs are made, only one page's braille or audio is made at a time, and its
    processes run below the PDF workers' priority (audio/speech.py): the print files come first (on a
    machine whose cores are hyperthreads, a low priority alone still takes from the worker beside it).
    Once the PDFs are done (`results`), every thread goes on at once."""

    def __init__(self, config: SiteConfig, threads: int = 1):
        self.config = config
        self.threads = max(1, threads)
        self.pool: ThreadPoolExecutor | None = None
        self.pending: list[tuple[str, str, Future]] = []
        self.braille: dict[tuple[str, str], Future] = {}
        self.turns = threading.Semaphore(1)  # one job at a time until the PDFs are done
        self.pdfs_done = False

    def _in_turn(self, make, *args):
        with self.turns:
            return make(*args)

    def submit(self, target: str, medium: str, html: str, lang: str, shown: str) -> None:
        if self.pool is None:
            self.pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="leafpress-media")
        if medium in BRAILLE:
            key = (hashlib.sha256(html.encode()).hexdigest(), lang)
            if key not in self.braille:
                self.braille[key] = self.pool.submit(self._in_turn, braille_pages, self.config, html, lang)
            future = self.braille[key]
        else:
            future = self.pool.submit(self._in_turn, render, self.config, medium, html, lang, shown)
        self.pending.append((target, medium, future))

    def cancel(self) -> None:
        """Drop the jobs not yet started (those running finish; their processes are short)."""
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.turns.release(self.threads)  # a thread already waiting for its turn goes on at once

    def results(self):
        """(Output, None) or (target, the error's diagnostics) for each edition asked for; called once the
        PDFs are done."""
        if not self.pdfs_done:
            self.pdfs_done = True
            for _ in range(self.threads - 1):
                self.turns.release()
        try:
            for target, medium, future in self.pending:
                try:
                    if medium in BRAILLE:
                        brf, unicode_text, pages = future.result()
                        yield Output(target, brf if medium == "braille" else unicode_text, pages), None
                    else:
                        yield Output(target, future.result(), 0), None
                except LeafpressError as error:
                    yield target, error.diagnostics
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)
