"""PDF rendering in worker processes that start warm and are replaced before they grow.

Workers are forked from multiprocessing's fork server, which imports WeasyPrint
once (PRELOAD); so a new worker costs a fork, not an import. A worker retires
after RENDERS_PER_WORKER pages, or once its memory passes MEMORY_LIMIT_KB, and a
fresh one takes its place: memory stays flat however large the site is.

Each job is one page laid out once and written as every PDF that shares that
layout: the A4, archive and press editions; the A5 edition and the booklet imposed from it.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import resource
import signal
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable, Iterable, Iterator

from leafpress.errors import Diagnostic, LeafpressError
from leafpress.theme import Theme

# Imported once, in the fork server, before any worker is forked from it.
PRELOAD = ["weasyprint", "weasyprint.text.fonts", "pikepdf", "leafpress.pdf.render", "leafpress.pdf.impose",
           "leafpress.pdf.fetcher", "leafpress.pdf.copyfit"]
RENDERS_PER_WORKER = 50  # pages laid out before a worker is replaced
MEMORY_LIMIT_KB = 180 * 1024  # a worker past this resident size is replaced after its current page


@dataclass(frozen=True)
class PdfOutput:
    """One PDF file written from a job's layout."""

    target: str
    pdf_variant: str | None
    output_intent: str | None = None
    imposed: bool = False  # two-up booklet sheets, imposed from the PDF of this variant
    right_to_left: bool = False
    page_rule: str | None = None  # bleed and marks set on the shared layout (see page_marks.py)
    printing_condition: tuple[str, str] | None = None  # the press file's (CMYK profile file, condition name)

    @property
    def write_options(self) -> tuple:
        """What makes this PDF differ from the others of the same layout (before imposition)."""
        return self.pdf_variant, self.output_intent, self.page_rule


@dataclass(frozen=True)
class PdfJob:
    """One page to lay out once and write as each of `outputs`: plain data, cheap to send."""

    html: str
    base_url: str
    shown_path: str
    outputs: tuple[PdfOutput, ...]
    printing: str = ""  # copyfit for pages printed this way (copyfit.DUPLEX or BOOKLET); "": lay out as it is

    @property
    def cost(self) -> int:
        """A rough relative cost, to start the longest jobs first: a layout is about two writes."""
        writes = len({output.write_options for output in self.outputs})
        return len(self.html) * (2 + writes)


@dataclass(frozen=True)
class PdfResult:
    target: str
    data: bytes = b""
    pages: int = 0
    warnings: tuple[Diagnostic, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    peak_rss_kb: int = 0  # the worker's peak memory so far
    rss_kb: int = 0  # the worker's memory now
    renders: int = 0  # how many pages this worker has laid out
    worker: int = 0  # the process id of the worker that made it
    cpu_seconds: float = 0.0  # the worker's CPU time so far (user + system), for the benchmarks
    fit: str = ""  # what the copyfit step did to the layout (given with the job's first file)


@dataclass
class _Worker:
    renderer: object = None
    renders: int = 0


_WORKER = _Worker()


def _start_worker(theme: Theme, content_dir: Path) -> None:
    from leafpress.pdf.render import PdfRenderer

    _WORKER.renderer = PdfRenderer(theme, content_dir)
    _WORKER.renders = 0


def _current_rss_kb() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, ValueError):
        return 0


class RenderTimeout(BaseException):
    """A page took longer than [limits] render_seconds (a BaseException, as KeyboardInterrupt is, so that no
    handler of WeasyPrint's errors takes it for one)."""


def _limited(seconds: int):
    """Run the block under a wall-time limit (a worker's main thread only: SIGALRM)."""
    def expire(signum, frame):
        raise RenderTimeout(f"laying out this page took longer than {seconds} s ([limits] render_seconds); "
                            "it may be far too long, or hold a picture far too complex")
    return contextlib.nullcontext() if seconds <= 0 else _Alarm(seconds, expire)


class _Alarm:
    def __init__(self, seconds: int, handler):
        self.seconds, self.handler = seconds, handler

    def __enter__(self):
        self.previous = signal.signal(signal.SIGALRM, self.handler)
        signal.alarm(self.seconds)

    def __exit__(self, *exc):
        signal.alarm(0)
        signal.signal(signal.SIGALRM, self.previous)
        return False


def render_job(job: PdfJob, seconds: int = 0) -> list[PdfResult]:
    """Lay out one page and write each of its PDFs, in this process (within `seconds` of wall time, if set)."""
    try:
        with _limited(seconds):
            made, warnings, fit = _render_outputs(job, _WORKER.renderer)
    except LeafpressError as error:  # sent back as data: our exceptions do not pickle
        return [PdfResult(output.target, errors=tuple(error.diagnostics)) for output in job.outputs]
    except (RenderTimeout, MemoryError) as error:
        problem = Diagnostic(job.shown_path, 0, str(error) if isinstance(error, RenderTimeout) else
                             "laying out this page needed more memory than a PDF worker may use ([limits] "
                             "render_memory_mb); make its pictures or text smaller")
        return [PdfResult(output.target, errors=(problem,)) for output in job.outputs]
    _WORKER.renders += 1
    usage = resource.getrusage(resource.RUSAGE_SELF)
    stats = dict(peak_rss_kb=usage.ru_maxrss, rss_kb=_current_rss_kb(), renders=_WORKER.renders,
                 worker=os.getpid(), cpu_seconds=usage.ru_utime + usage.ru_stime)
    # The page's warnings are reported once, with its first file.
    return [PdfResult(target, data, pages, tuple(warnings) if number == 0 else (), **stats,
                      fit=fit if number == 0 else "")
            for number, (target, data, pages) in enumerate(made)]


def _render_outputs(job: PdfJob, renderer) -> tuple[list[tuple[str, bytes, int]], list[Diagnostic], str]:
    """(each output's target, bytes and pages; the page's warnings; the copyfit note)."""
    made = []
    fit = ""
    if job.printing:
        from leafpress.pdf.copyfit import fitted, note

        laid_out, best, first, variant = fitted(
            lambda page: renderer.layout(page, job.base_url, job.shown_path), job.html, job.printing)
        fit = note(first, best, variant)
    else:
        laid_out = renderer.layout(job.html, job.base_url, job.shown_path)
    warnings = list(laid_out.warnings)
    written: dict[tuple, bytes] = {}
    for output in job.outputs:
        if output.write_options not in written:
            written[output.write_options], more = renderer.write(laid_out, *output.write_options)
            warnings += more
        data, pages = written[output.write_options], laid_out.pages
        if output.printing_condition:
            data = _press_file(data, *output.printing_condition, job.shown_path)
        if output.imposed:
            from leafpress.pdf.impose import impose_booklet

            data, pages = impose_booklet(data, job.shown_path, output.right_to_left)
        made.append((output.target, data, pages))
    return made, warnings, fit


def _press_file(data: bytes, profile_path: str, condition: str, shown_path: str) -> bytes:
    from leafpress import __version__
    from leafpress.pdf.press import finish

    profile = Path(profile_path).read_bytes()
    info = f"{condition} ({_profile_description(profile)})"
    return finish(data, profile, condition, info, f"WeasyPrint; press file finished by Leafpress {__version__}", shown_path)


def _profile_description(profile: bytes) -> str:
    import io

    from PIL import ImageCms

    try:
        return ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(profile))).strip()
    except (OSError, ImageCms.PyCMSError):
        return "CMYK profile"


def _serve(connection, theme: Theme, content_dir: Path, renders_per_worker: int,
           memory_limit_kb: int, render_seconds: int = 0, render_memory_mb: int = 0) -> None:
    """A worker's life: render the jobs it is sent until told to stop or it has done its share.

    Ctrl-C in a terminal reaches every process of the group: a worker ignores it, and the main process,
    which alone reports "interrupted", stops the workers itself.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if render_memory_mb:  # a page past it fails with a MemoryError, not the machine
        limit = render_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    _start_worker(theme, content_dir)
    while (job := connection.recv()) is not None:
        results = render_job(job, render_seconds)
        retiring = _WORKER.renders >= renders_per_worker or _current_rss_kb() > memory_limit_kb
        connection.send((results, retiring))
        if retiring:
            break
    connection.close()


def warm_context():
    """The fork server's context; starting it early lets WeasyPrint's import overlap other work."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def start_fork_server() -> None:
    from multiprocessing import forkserver

    warm_context()
    forkserver.ensure_running()


class _Process:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context, *args):
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=_serve, args=(child_end, *args), daemon=True)
        self.process.start()
        child_end.close()

    def stop(self) -> None:
        try:
            self.connection.send(None)
        except OSError:
            pass
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        self.connection.close()

    def kill(self) -> None:
        self.process.terminate()
        self.process.join()
        self.connection.close()


@dataclass
class WorkerPool:
    """Runs PDF jobs on `jobs` processes; results come back as they finish."""

    theme: Theme
    content_dir: Path
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    renders_per_worker: int = RENDERS_PER_WORKER
    memory_limit_kb: int = MEMORY_LIMIT_KB
    render_seconds: int = 0  # [limits] render_seconds, in the workers (0: none)
    render_memory_mb: int = 0  # [limits] render_memory_mb, in the workers (0: none)

    def run(self, jobs: Iterable[PdfJob], stop_early: Callable[[PdfResult], bool]) -> Iterator[PdfResult]:
        """Render `jobs` as they come: a generator is drawn from while the workers render what it gave."""
        source = iter(jobs)
        first = next(source, None)
        if first is None:
            return
        if self.jobs <= 1:
            _start_worker(self.theme, self.content_dir)
            for job in itertools.chain([first], source):
                for result in render_job(job, self.render_seconds):
                    yield result
                    if stop_early(result):
                        return
            return
        yield from self._in_workers(itertools.chain([first], source), stop_early)

    def _in_workers(self, source: Iterator[PdfJob], stop_early) -> Iterator[PdfResult]:
        """Keep every worker busy. While they render, the main process draws the next jobs from `source`
        (making their HTML); once it is drawn dry, the longest waiting job goes first, so that no worker
        is left alone with a long page at the end."""
        context = warm_context()
        start = lambda: _Process(context, self.theme, self.content_dir,  # noqa: E731
                                 self.renders_per_worker, self.memory_limit_kb, self.render_seconds,
                                 self.render_memory_mb)
        waiting: list[PdfJob] = []
        drawn_dry = False

        def draw() -> bool:
            nonlocal drawn_dry
            job = None if drawn_dry else next(source, None)
            if job is None:
                drawn_dry = True
                return False
            waiting.append(job)
            return True

        def next_job() -> PdfJob:
            if drawn_dry:  # every job is known: the longest first
                index = max(range(len(waiting)), key=lambda i: waiting[i].cost)
                return waiting.pop(index)
            return waiting.pop(0)

        draw()
        idle: list[_Process] = []
        busy: dict[object, tuple[_Process, PdfJob]] = {}
        started = 0
        try:
            while True:
                while idle or (started < self.jobs and (waiting or not drawn_dry)):
                    if not waiting and not draw():
                        break
                    if not idle:
                        idle.append(start())
                        started += 1
                    worker, job = idle.pop(), next_job()
                    worker.connection.send(job)
                    busy[worker.connection] = (worker, job)
                if not busy:
                    break
                ready = wait(list(busy), timeout=0 if not drawn_dry else None)
                if not ready:
                    draw()  # the workers are busy: make the next page's HTML meanwhile
                    continue
                for connection in ready:
                    worker, job = busy.pop(connection)
                    try:
                        results, retiring = connection.recv()
                    except (EOFError, OSError):  # the process died mid-page: a crash, or killed
                        worker.process.join()
                        results, retiring = _died(job, worker.process.exitcode), True
                    if retiring:
                        worker.stop()
                        if waiting or not drawn_dry:
                            idle.append(start())
                    else:
                        idle.append(worker)
                    for result in results:
                        yield result
                        if stop_early(result):
                            return
        finally:
            for worker in idle:
                worker.stop()
            for worker, _ in busy.values():
                worker.kill()


def _died(job: PdfJob, exit_code: int | None) -> list[PdfResult]:
    hint = ("; it was stopped by a signal: if [limits] render_memory_mb is set low, it may have run out of memory"
            if exit_code is not None and exit_code < 0 else "")
    problem = Diagnostic(job.shown_path, 0, f"the PDF renderer process stopped unexpectedly "
                                            f"(exit code {exit_code}) while laying out this page{hint}")
    return [PdfResult(output.target, errors=(problem,)) for output in job.outputs]
