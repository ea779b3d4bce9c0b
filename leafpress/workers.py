"""PDF rendering in long-lived worker processes, each keeping WeasyPrint's fonts warm."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from leafpress.errors import Diagnostic, LeafpressError


@dataclass(frozen=True)
class PdfJob:
    """Everything a worker needs to make one PDF: plain data, cheap to send to another process."""

    target: str
    html: str
    base_url: str
    shown_path: str
    pdf_variant: str | None
    output_intent: str | None
    imposed: bool = False
    right_to_left: bool = False


@dataclass(frozen=True)
class PdfResult:
    target: str
    data: bytes = b""
    pages: int = 0
    warnings: tuple[Diagnostic, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    peak_rss_kb: int = 0  # the worker's peak memory so far
    rss_kb: int = 0  # the worker's memory now
    renders: int = 0  # how many PDFs this worker has made
    worker: int = 0  # the process id of the worker that made it


@dataclass
class _Worker:
    renderer: object = None
    renders: int = 0


_WORKER = _Worker()


def _start_worker(templates_dir: Path, content_dir: Path) -> None:
    from leafpress.render_pdf import PdfRenderer

    _WORKER.renderer = PdfRenderer(templates_dir, content_dir)


def _peak_rss_kb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _current_rss_kb() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, ValueError):
        return 0


def render_job(job: PdfJob) -> PdfResult:
    """Render one job in this process (a worker, or the main process with --jobs 1)."""
    try:
        data, pages, warnings = _WORKER.renderer.render(job.html, job.base_url, job.shown_path,
                                                        job.pdf_variant, job.output_intent)
        if job.imposed:
            from leafpress.impose import impose_booklet

            data, pages = impose_booklet(data, job.shown_path, job.right_to_left)
    except LeafpressError as error:  # sent back as data: our exceptions do not pickle
        return PdfResult(job.target, errors=tuple(error.diagnostics))
    _WORKER.renders += 1
    return PdfResult(job.target, data, pages, tuple(warnings), peak_rss_kb=_peak_rss_kb(),
                     rss_kb=_current_rss_kb(), renders=_WORKER.renders, worker=os.getpid())


@dataclass
class Renderer:
    """Runs PDF jobs on `jobs` processes; results come back as they finish."""

    templates_dir: Path
    content_dir: Path
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)

    def run(self, jobs: list[PdfJob], stop_early: Callable[[PdfResult], bool]) -> Iterator[PdfResult]:
        if not jobs:
            return
        if self.jobs <= 1 or len(jobs) == 1:
            _start_worker(self.templates_dir, self.content_dir)
            for job in jobs:
                result = render_job(job)
                yield result
                if stop_early(result):
                    return
            return
        # fork: workers start from this process's memory, so only WeasyPrint's import is paid per worker.
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(self.jobs, len(jobs)), mp_context=context,
                                 initializer=_start_worker,
                                 initargs=(self.templates_dir, self.content_dir)) as pool:
            pending = {pool.submit(render_job, job) for job in jobs}
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    result = future.result()
                    yield result
                    if stop_early(result):
                        for other in pending:
                            other.cancel()
                        return
