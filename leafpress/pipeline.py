"""The stages in order: load -> validate -> plan -> render HTML -> render PDF -> publish.

Everything is rendered to bytes before anything is written, so a build that
fails at any stage leaves the previous output exactly as it was (with
--keep-going, the outputs that did succeed are published; failed ones keep
their previous file). Outputs whose inputs have not changed are not rendered.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from leafpress import locales
from leafpress.checks.crossfile import validate
from leafpress.stored_results import result_store
from leafpress.checks.readability import readability_store
from leafpress.checks.registry import CheckInputs, run_checks
from leafpress.config import SiteConfig
from leafpress.content.load import load_all
from leafpress.errors import (ContentError, Diagnostic, IncompleteBuild, LeafpressError, RenderError, UsageError,
                             display_path)
from leafpress.html.catalogue import catalogue
from leafpress.html.render import HtmlRenderer
from leafpress.media import MediaRenderer
from leafpress.model import Output, Site
from leafpress.pdf.layouts import PageLayouts
from leafpress.pdf.pool import PdfJob, WorkerPool, start_fork_server
from leafpress.plan import snapshot
from leafpress.plan.cache import BuildCache, InputDigests, Record, repair_cache_folder, sha256, site_inputs
from leafpress.plan.outputs import in_shard, plan
from leafpress.files import stamps_held
from leafpress.progress import Progress
from leafpress.publish import output_folder
from leafpress.publish.manifest import (LANGUAGE_INDEX, MANIFEST, language_index, manifest_bytes, manifest_entries,
                                        shard_manifest_name, source_commit)


@dataclass(frozen=True)
class BuildOptions:
    """What to build: narrowed by language, leaflet or shard, and how."""

    langs: tuple[str, ...] = ()
    slugs: tuple[str, ...] = ()
    strict: bool = False
    display_root: Path | None = None
    pdf: bool = True  # False: HTML pages and the catalogue only (the preview's fast first pass)
    today: date = field(default_factory=date.today)  # for review dates
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    force: bool = False  # ignore the cache: rebuild every output
    keep_going: bool = False  # render the other outputs after one fails, publish what succeeded
    shard: tuple[int, int] | None = None  # (K, N): build the K-th of N deterministic parts
    approving: Path | None = None  # the file `approve` is about to record: its old record is not checked
    fit: bool = True  # the copyfit step (and [editions] fit): False lays every page out as it is


@dataclass
class BuildReport:
    outputs: list[Output] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    failures: list[Diagnostic] = field(default_factory=list)
    fits: list[str] = field(default_factory=list)  # what the copyfit step changed, one line per layout
    built: int = 0
    skipped: int = 0
    written: int = 0
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    peak_worker_rss_kb: int = 0
    worker_memory: list[tuple[int, int, int]] = field(default_factory=list)  # (worker, renders, RSS kB)
    worker_cpu: dict[int, float] = field(default_factory=dict)  # CPU seconds of each worker process, by pid

    @property
    def pages(self) -> int:
        return sum(output.pages for output in self.outputs)


def load_site(config: SiteConfig, options: BuildOptions) -> tuple[Site, list[Diagnostic]]:
    """Stages 1 and 2: load the content, group and check it; return the site and its warnings."""
    locales.keep_facts_in(result_store(config.root))
    with collector_paused():
        leaflets = load_all(config, options.display_root)
        site, warnings = validate(leaflets, config, options.approving)
        findings = run_checks(CheckInputs(config, site, options.today, options.display_root,
                                          _printed_files(config)))
    problems = [f for f in findings if f.severity == "error"]
    warnings += [f for f in findings if f.severity == "warning"]
    _check_selection(config, site, options)
    if problems:
        raise ContentError(problems)
    _fail_if_strict(options, warnings)
    return site, warnings


@contextmanager
def collector_paused():
    """Python's cycle collector off while a site is loaded and checked. Loading makes many objects at once
    (the stored results alone are megabytes of lists and dicts) and few cycles, and the collector would
    walk every live object again each time enough new ones were made: a third of a fresh process's time
    to its first page. When it is back on, what was made is frozen (`gc.freeze`): the loaded site lives as
    long as the build, and the collector's first pass over it all would cost a fresh process about 15 ms
    more on a 200-page site.
    `build` hands the frozen objects back to the collector (`gc.unfreeze`) when it ends, so a long-running
    preview still collects each old site's cycles."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.freeze()
            gc.enable()


def _fail_if_strict(options: BuildOptions, warnings: list[Diagnostic]) -> None:
    escalated = [w for w in warnings if w.strict_error]
    if options.strict and escalated:
        raise LeafpressError([Diagnostic(w.path, w.line, f"{w.message} (an error under --strict)")
                              for w in escalated])


def _printed_files(config: SiteConfig) -> tuple[Path, ...]:
    """The files besides the content whose text ends up on a page: the configuration and the catalogs."""
    files = [config.config_path] + [config.theme.catalog(lang) for lang in config.languages.order]
    return tuple(path for path in files if path.exists())


def _check_selection(config: SiteConfig, site: Site, options: BuildOptions) -> None:
    """--lang and --leaflet must name what the site has: a usage error (exit 2) otherwise."""
    problems = [Diagnostic("--lang", 0, f"'{lang}' is not a configured language "
                                        f"({', '.join(config.languages.order)})")
                for lang in options.langs if lang not in config.languages.order]
    problems += [Diagnostic("--leaflet", 0, f"no such leaflet '{slug}' ({', '.join(site.leaflets) or 'none'})")
                 for slug in options.slugs if slug not in site.leaflets]
    if problems:
        raise UsageError(problems)


def selected(site: Site, options: BuildOptions):
    """(page language, leaflet) for every page the options ask for."""
    for slug, versions in site.leaflets.items():
        if options.slugs and slug not in options.slugs:
            continue
        for lang, leaflet in versions.items():
            if not options.langs or lang in options.langs:
                yield lang, leaflet


def build(config: SiteConfig, options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build what the options ask for, skipping outputs whose inputs have not changed."""
    started = time.perf_counter()
    progress = progress or Progress(quiet=True)
    report = BuildReport()
    if options.pdf and options.jobs > 1:
        start_fork_server()  # its import of WeasyPrint overlaps loading, checking and HTML below
    try:
        with stamps_held():
            return _build(config, options, progress, report, started)
    finally:
        gc.unfreeze()  # what loading froze (collector_paused) is the collector's again


def _build(config: SiteConfig, options: BuildOptions, progress: Progress, report: BuildReport,
           started: float) -> BuildReport:
    site, report.warnings = load_site(config, options)
    if repair_cache_folder(cache_path(config).parent):
        report.warnings.append(Diagnostic(display_path(cache_path(config).parent, options.display_root), 0,
                                          "was not a folder (a file or a broken link): the build cache is rebuilt",
                                          "warning", strict_error=False))
    cache = BuildCache(cache_path(config)) if options.force else BuildCache.load(cache_path(config))
    pages = [(lang, leaflet) for lang, leaflet in selected(site, options)
             if in_shard(lang, leaflet.slug, options.shard)]
    planned = plan(config, site, pages, InputDigests(config), options.today, options.pdf, options.fit)
    todo = [p for p in planned if not cache.is_fresh(p.target, p.key, config.output_dir)]
    report.skipped = len(planned) - len(todo)

    html_renderer = HtmlRenderer(config, options.today, cache_path(config).parent / "layouts")
    layouts = PageLayouts(html_renderer, site, fit=options.fit and config.editions.fit)
    progress.start(len(todo))

    def page_ready(p, html: str) -> None:
        report.outputs.append(Output(p.target, html.encode()))
        progress.advance(p.target)
    media = MediaRenderer(config, options.jobs)

    def media_ready(p, html: str) -> None:
        media.submit(p.target, p.edition.medium, html, p.lang, p.leaflet.shown_path)
    # The workers render each page's PDFs while the next pages' HTML is made; braille and audio beside them.
    try:
        _render_pdfs(config, options, layouts.stream(todo, page_ready, media_ready), report, progress)
    except BaseException:  # an interrupted or broken build does not wait for the speech still queued
        media.cancel()
        raise
    for output, errors in media.results():
        if errors:
            report.failures += [error for error in errors if error not in report.failures]
            progress.advance(f"{output} FAILED")
        else:
            report.outputs.append(output)
            progress.advance(f"{output.relative_path}" + (f" ({output.pages} pages)" if output.pages else ""))
    _fail_if_strict(options, report.warnings)
    if report.failures and not options.keep_going:
        raise RenderError(report.failures)

    by_target = {p.target: p for p in planned}
    for output in report.outputs:
        p = by_target[output.relative_path]
        cache.record(output.relative_path, Record(p.key, sha256(output.data), output.pages, p.lang,
                                                  p.edition.name if p.edition else "html", p.leaflet.version))
    report.built = len(report.outputs)
    report.outputs += output_folder.asset_outputs(config.theme)
    report.outputs += output_folder.media_outputs(config.content_dir)
    store = readability_store(config)
    figures = lambda leaflet: store.assess(leaflet, config.readability).figures  # noqa: E731
    report.outputs.append(Output("index.html", catalogue(html_renderer, site, figures).encode()))
    records = {}
    if options.pdf:
        records = {p.target: cache.records[p.target] for p in planned if p.target in cache.records}
        entries = manifest_entries(records, {p.target: p.leaflet.slug for p in planned})
        if options.shard:
            stamp = {"commit": source_commit(config.root), "inputs": site_inputs(config, site),
                     "shard": list(options.shard)}
            report.outputs.append(Output(shard_manifest_name(options.shard), manifest_bytes(entries, stamp)))
        elif options.langs or options.slugs:
            report.outputs.append(Output(MANIFEST, manifest_bytes(entries)))
        else:  # the whole site: stamped with what it was built from, as a merged one is
            commit = source_commit(config.root)
            stamp = {"commit": commit, "inputs": site_inputs(config, site)}
            report.outputs.append(Output(MANIFEST, manifest_bytes(entries, stamp)))
            report.outputs.append(Output(LANGUAGE_INDEX, language_index(
                entries, list(config.languages.order), config.ci.print_pack, commit)))
    report.written = output_folder.publish(report.outputs, config.output_dir, options.display_root)
    if report.built or not cache.path.exists():
        cache.save()
    whole_site = not (options.langs or options.slugs or options.shard)
    result_store(config.root).save(prune=whole_site)
    if not (options.langs or options.slugs) and options.pdf:
        # A shard's folder holds its own outputs only: a restored CI cache may hold files that moved to
        # another shard, or whose leaflet was withdrawn, and those must not be published again.
        keep = {p.target for p in planned} | {o.relative_path for o in report.outputs}
        report.removed = output_folder.prune(config.output_dir, keep, list(config.languages.order))
    report.seconds = time.perf_counter() - started
    if report.failures:  # --keep-going: the others are published, the build still fails
        raise IncompleteBuild(report.failures, report.written)
    snapshot.record(config.config_path, [config.content_dir, *config.theme.folders], config.output_dir,
                    snapshot.options_key(options.langs, options.slugs, options.strict, options.pdf,
                                         options.today, options.shard, options.fit),
                    [str(w) for w in report.warnings],
                    {"outputs": len(planned), "pages": sum(r.pages for r in records.values())}
                    if options.pdf else {})
    return report


def cache_path(config: SiteConfig) -> Path:
    return config.root / ".leafpress-cache" / "build.json"


def _render_pdfs(config: SiteConfig, options: BuildOptions, jobs: Iterable[PdfJob], report: BuildReport,
                 progress: Progress) -> None:
    renderer = WorkerPool(config.theme, config.content_dir, options.jobs,
                          render_seconds=config.limits.render_seconds,
                          render_memory_mb=config.limits.render_memory_mb)
    stop_early = lambda result: bool(result.errors) and not options.keep_going  # noqa: E731
    for result in renderer.run(jobs, stop_early):
        report.peak_worker_rss_kb = max(report.peak_worker_rss_kb, result.peak_rss_kb)
        report.worker_memory.append((result.worker, result.renders, result.rss_kb))
        report.worker_cpu[result.worker] = max(report.worker_cpu.get(result.worker, 0.0), result.cpu_seconds)
        if result.errors:  # reported once, with all the others, at the end
            report.failures += [error for error in result.errors if error not in report.failures]
            progress.advance(f"{result.target} FAILED")
            continue
        report.warnings += result.warnings
        if result.fit:
            report.fits.append(f"{result.target}: {result.fit}")
        report.outputs.append(Output(result.target, result.data, result.pages))
        progress.advance(f"{result.target} ({result.pages} pages)")
