"""Leaflets and the catalogue -> HTML strings, through Jinja layouts with autoescape."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from leafpress import __version__, i18n
from leafpress.config import SiteConfig
from leafpress.errors import TemplateError, display_path
from leafpress.markup import body_html
from leafpress.editions import EDITIONS, Edition
from leafpress.model import Leaflet, Site
from leafpress.qr import online_url, qr_svg
from leafpress.governance.approval import approval_state
from leafpress.review import review_state

COUNTER = re.compile(r"\{(page|pages)\}")
CSS_SAFE = frozenset(" .,:;-_()/·–—+&%")


def css_string(value: str) -> Markup:
    """A CSS string literal that is safe inside <style> (no quote, newline or '</style>' escapes)."""
    escaped = "".join(c if c.isalnum() or c in CSS_SAFE else f"\\{ord(c):X} " for c in str(value))
    return Markup(f'"{escaped}"')


def css_content(value: str) -> Markup:
    """CSS `content` for a translated string with {page}/{pages} turned into page counters."""
    pieces = []
    for index, piece in enumerate(COUNTER.split(str(value))):
        if index % 2:
            pieces.append(f"counter({piece})")
        elif piece:
            pieces.append(css_string(piece))
    return Markup(" ".join(pieces) or '""')


@dataclass(frozen=True)
class PageLink:
    lang: str
    name: str
    href: str


class HtmlRenderer:
    """One Jinja environment per language, each with that language's catalog installed."""

    def __init__(self, config: SiteConfig, today: date | None = None):
        self.config = config
        self.templates_dir = config.templates_dir
        self.today = today or date.today()
        self._bodies: dict[Path, str] = {}  # each leaflet's Markdown, converted once for all its editions

    def environment(self, lang: str) -> jinja2.Environment:
        catalog = i18n.catalog_path(self.templates_dir, lang)
        stamp = catalog.stat().st_mtime_ns if catalog.exists() else 0
        languages = self.config.languages
        date_locale = languages.locale if lang == languages.source and languages.locale else lang
        return _environment(self.templates_dir, lang, languages.source, stamp, date_locale)

    def _render(self, ui_lang: str, template_name: str, **context) -> str:
        try:
            template = self.environment(ui_lang).get_template(template_name)
            return template.render(**context)
        except jinja2.TemplateSyntaxError as error:
            path = display_path(Path(error.filename)) if error.filename else template_name
            raise TemplateError.at(path, error.lineno, f"template syntax error: {error.message}") from None
        except jinja2.TemplateNotFound as error:
            raise TemplateError.at(display_path(self.templates_dir / str(error.name)), 0,
                                   "template not found") from None
        except jinja2.UndefinedError as error:
            path, line = _template_location(error, self.templates_dir)
            raise TemplateError.at(path, line, f"template error: {error.message}") from None

    def leaflet(self, leaflet: Leaflet, lang: str, site: Site, edition: Edition | None = None) -> str:
        """The page for `lang`; its text is the leaflet's own language (the source, for a fill-in).

        With an edition, its stylesheet layer is added after the page's own stylesheets.
        """
        versions = site.leaflets[leaflet.slug]
        alternates = [PageLink(other, i18n.language_name(other), f"../{other}/{leaflet.slug}.html")
                      for other in versions]
        return self._render(
            lang, "leaflet.html", leaflet=leaflet, site=self.config, lang=lang,
            dir=i18n.text_direction(lang), text_dir=i18n.text_direction(leaflet.lang),
            source_dir=i18n.text_direction(self.config.languages.source),
            hyphenate=i18n.has_hyphenation(leaflet.lang), fill_in=leaflet.lang != lang,
            body=self._body(leaflet), alternates=alternates, assets="../assets",
            review=review_state(leaflet, self.today, self.config.editions.review_warning_days),
            approval=approval_state(leaflet, versions[self.config.languages.source]),
            history=versions[self.config.languages.source].history,
            qr_code=self._qr_code(lang, leaflet.slug),
            edition_css=self.edition_css(edition) if edition and edition.stylesheet else "")

    def _body(self, leaflet: Leaflet) -> str:
        if leaflet.path not in self._bodies:
            self._bodies[leaflet.path] = body_html(leaflet)
        return self._bodies[leaflet.path]

    def _qr_code(self, lang: str, slug: str):
        online = self.config.online
        if not (online.qr_code and online.base_url):
            return None
        url = online_url(online.base_url, lang, slug)
        return {"url": url}

    def edition_css(self, edition: Edition) -> Markup:
        """An edition's stylesheet layer, filled in from the configuration (our own text: safe)."""
        return Markup(self._render(self.config.languages.source, edition.stylesheet,
                                   size=self.config.editions.large_print_size))

    def catalogue(self, site: Site, readability=lambda leaflet: None) -> str:
        """The catalogue; `readability(leaflet)` gives a leaflet's figures (checks.readability.Readability)."""
        lang = self.config.languages.source
        editions = {slug: [EDITIONS[name] for name in (versions[self.config.languages.source].editions
                                                      or self.config.editions.build)]
                    for slug, versions in site.leaflets.items()}
        # What the search box matches: titles, summaries, IDs and departments in every language.
        search_text = {slug: " ".join(" ".join([doc.title, doc.summary, doc.leaflet_id, doc.owner, slug])
                                      for doc in versions.values()).casefold()
                       for slug, versions in site.leaflets.items()}
        owners = sorted({versions[lang].owner for versions in site.leaflets.values()})
        return self._render(lang, "index.html", site=self.config, leaflets=site.leaflets, lang=lang,
                            search_text=search_text, owners=owners,
                            dir=i18n.text_direction(lang), hyphenate=False, assets="assets",
                            editions=editions, today=self.today, readability=readability,
                            approval=lambda leaflet, slug: approval_state(
                                leaflet, site.leaflets[slug][self.config.languages.source]),
                            review_state=lambda leaflet: review_state(
                                leaflet, self.today, self.config.editions.review_warning_days))


@lru_cache(maxsize=64)
def _environment(templates_dir: Path, lang: str, source_lang: str, catalog_stamp: int,
                 date_locale: str) -> jinja2.Environment:
    """One Jinja environment per language (and catalog version), kept across builds in one process.

    Jinja reloads a layout when its file changes; a changed catalog gives a new environment.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(i18n.translations(templates_dir, lang, source_lang), newstyle=True)
    env.filters.update(css_string=css_string, css_content=css_content,
                       long_date=lambda value: i18n.long_date(value, date_locale),
                       language_in_ui=lambda code: i18n.language_name(code, lang, for_menu=False))
    env.globals.update(language_name=i18n.language_name, leafpress_version=__version__, qr_svg=qr_svg)
    return env


def _template_location(error: Exception, templates_dir: Path) -> tuple[str, int]:
    """The innermost template frame of a render-time error: Jinja keeps it in the traceback."""
    traceback = error.__traceback__
    found = ("templates", 0)
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.startswith(str(templates_dir)):
            found = (display_path(Path(filename)), traceback.tb_lineno)
        traceback = traceback.tb_next
    return found
