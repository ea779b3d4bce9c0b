"""The stages in order: load -> validate -> render HTML -> render PDF -> publish.

Everything is rendered to bytes before anything is written, so a build that
fails at any stage leaves the previous output exactly as it was.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from leafpress import catalogs, content, fonts, i18n, publish
from leafpress.config import SiteConfig
from leafpress.errors import ContentError, Diagnostic, LeafpressError, display_path
from leafpress.editions import EDITIONS, Edition
from leafpress.model import Leaflet, Output, Site
from leafpress.review import review_warnings
from leafpress.render_html import HtmlRenderer
from leafpress.sandbox import page_url
from leafpress.validate import validate


@dataclass(frozen=True)
class BuildOptions:
    """What to build: narrowed by language or leaflet, and how strict to be."""

    langs: tuple[str, ...] = ()
    slugs: tuple[str, ...] = ()
    strict: bool = False
    display_root: Path | None = None
    pdf: bool = True  # False: HTML pages and the catalogue only (the preview's fast first pass)
    today: date = field(default_factory=date.today)  # for review dates


@dataclass
class BuildReport:
    outputs: list[Output] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    written: int = 0
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def pages(self) -> int:
        return sum(output.pages for output in self.outputs)


Progress = Callable[[str], None]


def load_site(config: SiteConfig, options: BuildOptions) -> tuple[Site, list[Diagnostic]]:
    """Load and validate content, catalogs and glyph coverage; return the site and its warnings."""
    leaflets = content.load_all(config, options.display_root)
    site, warnings = validate(leaflets, config)
    warnings += review_warnings(site.all(), options.today, config.editions.review_warning_days)
    # A catalog matters once its language has a page to show (a new language may have none yet).
    shown_languages = tuple(lang for lang in config.languages.order
                            if any(lang in versions for versions in site.leaflets.values()))
    problems = catalogs.check(config.templates_dir, shown_languages, config.languages.source,
                              options.display_root)
    problems += fonts.check_coverage(_printed_files(config, site), config.templates_dir / "assets" / "fonts",
                                     options.display_root)
    _check_selection(config, site, options)
    if problems:
        raise ContentError(problems)
    _fail_if_strict(options, warnings)
    return site, warnings


def _fail_if_strict(options: BuildOptions, warnings: list[Diagnostic]) -> None:
    escalated = [w for w in warnings if w.strict_error]
    if options.strict and escalated:
        raise LeafpressError([Diagnostic(w.path, w.line, f"{w.message} (an error under --strict)")
                              for w in escalated])


def _printed_files(config: SiteConfig, site: Site) -> list[Path]:
    """Every file whose text ends up on a page: content, catalogs and the configuration."""
    files = [leaflet.path for leaflet in site.all()] + [config.config_path]
    files += [i18n.catalog_path(config.templates_dir, lang) for lang in config.languages.order]
    return [path for path in files if path.exists()]


def _check_selection(config: SiteConfig, site: Site, options: BuildOptions) -> None:
    config_path = display_path(config.config_path, options.display_root)
    problems = [Diagnostic(config_path, 0, f"--lang {lang}: not a configured language "
                                           f"({', '.join(config.languages.order)})")
                for lang in options.langs if lang not in config.languages.order]
    problems += [Diagnostic(config_path, 0, f"--leaflet {slug}: no such leaflet "
                                            f"({', '.join(site.leaflets) or 'none'})")
                 for slug in options.slugs if slug not in site.leaflets]
    if problems:
        raise ContentError(problems)


def selected(site: Site, options: BuildOptions):
    """(page language, leaflet) for every page the options ask for."""
    for slug, versions in site.leaflets.items():
        if options.slugs and slug not in options.slugs:
            continue
        for lang, leaflet in versions.items():
            if not options.langs or lang in options.langs:
                yield lang, leaflet


def build(config: SiteConfig, options: BuildOptions, progress: Progress = lambda _: None) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport()
    site, report.warnings = load_site(config, options)
    html_renderer = HtmlRenderer(config, options.today)
    pages = [(lang, leaflet, html_renderer.leaflet(leaflet, lang, site))
             for lang, leaflet in selected(site, options)]
    catalogue = html_renderer.catalogue(site)

    report.outputs += [Output(f"{lang}/{leaflet.slug}.html", html.encode()) for lang, leaflet, html in pages]
    if options.pdf:
        report.outputs += render_pdfs(config, site, pages, report.warnings, progress, html_renderer)
    _fail_if_strict(options, report.warnings)

    report.outputs += publish.asset_outputs(config.templates_dir / "assets")
    report.outputs += publish.media_outputs(config.content_dir)
    report.outputs.append(Output("index.html", catalogue.encode()))
    report.written = publish.publish(report.outputs, config.output_dir)
    if not options.langs and not options.slugs and options.pdf:
        keep = {output.relative_path for output in report.outputs}
        report.removed = publish.prune(config.output_dir, keep, list(config.languages.order))
    report.seconds = time.perf_counter() - started
    return report


def editions_of(leaflet: Leaflet, config: SiteConfig) -> list[Edition]:
    return [EDITIONS[name] for name in (leaflet.editions or config.editions.build)]


def render_pdfs(config: SiteConfig, site: Site, pages, warnings: list[Diagnostic], progress: Progress,
                html_renderer: HtmlRenderer) -> list[Output]:
    """Every edition's PDF of every (language, leaflet, HTML) page; renderer notes go to `warnings`."""
    from leafpress.impose import impose_booklet
    from leafpress.render_pdf import PdfRenderer  # imported late: WeasyPrint is slow to import

    renderer = PdfRenderer(config.templates_dir, config.content_dir)
    jobs = [(lang, leaflet, html, edition) for lang, leaflet, html in pages
            for edition in editions_of(leaflet, config)]
    outputs = []
    for number, (lang, leaflet, html, edition) in enumerate(jobs, start=1):
        if edition.stylesheet:
            html = html_renderer.leaflet(leaflet, lang, site, edition)
        pdf, page_count, notes = renderer.render(html, page_url(lang, leaflet.slug), leaflet.shown_path,
                                                 edition.pdf_variant, edition.output_intent)
        if edition.imposed:
            pdf, page_count = impose_booklet(pdf, leaflet.shown_path, i18n.text_direction(lang) == "rtl")
        warnings += notes
        target = f"{lang}/{edition.file_name(leaflet.slug)}"
        outputs.append(Output(target, pdf, page_count))
        progress(f"[{number}/{len(jobs)}] {target} ({page_count} pages)")
    return outputs
