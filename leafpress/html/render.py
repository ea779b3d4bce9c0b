"""Leaflet pages -> HTML strings, through the theme's Jinja layouts with autoescape."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
from markupsafe import Markup

from leafpress import __version__, locales
from leafpress.checks.approval import approval_state
from leafpress.checks.review_dates import review_state
from leafpress.config import SiteConfig
from leafpress.content.images import aspect_ratio, resolve_image
from leafpress.content.ui_strings import translations
from leafpress.editions import Edition
from leafpress.errors import TemplateError, display_path
from leafpress.files import memo_by_file
from leafpress.html.blocks import NOTES_PLACEHOLDER
from leafpress.html.markup import BodyParts, body_html
from leafpress.html.qr import online_url, qr_svg
from leafpress.model import Leaflet, Site
from leafpress.theme import Theme, jinja_environment

COUNTER = re.compile(r"\{(page|pages)\}")
NOTES = re.compile(rf"<p>{NOTES_PLACEHOLDER}(\d+)</p>")
CSS_SAFE = frozenset(" .,:;-_()/·–—+&%")


def typed_address(url: str) -> Markup:
    """A web address as a reader types it: without 'https://', breaking only after a '/' (not at its hyphens)."""
    shown = re.sub(r"^https?://", "", str(url))
    return Markup("<wbr>").join(Markup('<span class="unbroken">{}</span>').format(piece)
                                for piece in re.split(r"(?<=/)", shown))


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
    """Renders the theme's layouts in a language's words: one Jinja environment per language."""

    def __init__(self, config: SiteConfig, today: date | None = None, compiled_folder: Path | None = None):
        """`compiled_folder`: where compiled layouts are kept between processes (the build's cache)."""
        self.config = config
        self.compiled_folder = compiled_folder
        self.theme = config.theme
        self.today = today or date.today()
        self._bodies: dict[Path, BodyParts] = {}  # each leaflet's Markdown, converted once for all its editions

    def environment(self, lang: str) -> jinja2.Environment:
        languages = self.config.languages
        date_locale = languages.locale if lang == languages.source and languages.locale else lang
        return _environment(self.theme, lang, languages.source, date_locale, self.compiled_folder)

    def render(self, ui_lang: str, template_name: str, **context) -> str:
        try:
            template = self.environment(ui_lang).get_template(template_name)
            return template.render(**context)
        except jinja2.TemplateSyntaxError as error:
            path = display_path(Path(error.filename)) if error.filename else template_name
            raise TemplateError.at(path, error.lineno, f"template syntax error: {error.message}") from None
        except jinja2.TemplateNotFound as error:
            raise TemplateError.at(display_path(self.theme.folders[0] / str(error.name)), 0,
                                   "template not found") from None
        except jinja2.UndefinedError as error:
            path, line = _template_location(error, self.theme)
            raise TemplateError.at(path, line, f"template error: {error.message}") from None

    def leaflet(self, leaflet: Leaflet, lang: str, site: Site, edition: Edition | None = None) -> str:
        """The page for `lang`; its text is the leaflet's own language (the source, for a fill-in).

        With an edition, its stylesheet layer is added after the page's own stylesheets.
        """
        versions = site.leaflets[leaflet.slug]
        alternates = [PageLink(other, locales.language_name(other), f"../{other}/{leaflet.slug}.html")
                      for other in versions]
        return self.render(
            lang, "leaflet.html", leaflet=leaflet, site=self.config, lang=lang,
            dir=locales.text_direction(lang), text_dir=locales.text_direction(leaflet.lang),
            source_dir=locales.text_direction(self.config.languages.source),
            hyphenate=locales.has_hyphenation(leaflet.lang), fill_in=leaflet.lang != lang,
            body=self._body(leaflet), alternates=alternates, assets="../assets",
            review=review_state(leaflet, self.today, self.config.editions.review_warning_days),
            approval=approval_state(leaflet, versions[self.config.languages.source]),
            history=versions[self.config.languages.source].history,
            qr_code=self._qr_code(lang, leaflet.slug),
            edition_css=self.edition_css(edition) if edition and edition.has_layer else "",
            compact_footer=bool(edition and edition.compact_footer))

    def _body(self, leaflet: Leaflet) -> BodyParts:
        if leaflet.path not in self._bodies:
            source = self.config.languages.source
            fallback = self.config.content_dir / source if leaflet.lang != source else None
            here = leaflet.path.parent
            parts = body_html(leaflet, image_src=lambda src: resolve_image(src, here, fallback)[1],
                              image_ratio=lambda src: aspect_ratio(resolve_image(src, here, None)[0]))
            numbers = itertools.count(1)  # the notes spaces of the whole body, in order
            self._bodies[leaflet.path] = BodyParts(*(self._notes(html, leaflet.lang, numbers)
                                                     for html in (parts.before, parts.intro, parts.after)))
        return self._bodies[leaflet.path]

    def _notes(self, html: Markup, lang: str, numbers) -> Markup:
        """Each notes placeholder becomes the notes space, its words in the leaflet's language."""
        return Markup(NOTES.sub(lambda match: self.render(lang, "partials/notes.html", lines=int(match.group(1)),
                                                          number=next(numbers)), str(html)))

    def _qr_code(self, lang: str, slug: str):
        online = self.config.online
        if not (online.qr_code and online.base_url):
            return None
        return {"url": online_url(online.base_url, lang, slug)}

    def edition_css(self, edition: Edition) -> Markup:
        """An edition's stylesheet layer, filled in from the configuration (our own text: safe)."""
        layer = self.render(self.config.languages.source, edition.stylesheet,
                            size=self.config.editions.large_print_size) if edition.stylesheet else ""
        return Markup(edition.page_rule + layer)


@memo_by_file(lambda theme, lang, source_lang, date_locale, compiled: [theme.catalog(lang)], maxsize=64)
def _environment(theme: Theme, lang: str, source_lang: str, date_locale: str,
                 compiled: Path | None) -> jinja2.Environment:
    """One Jinja environment per language, kept across builds in one process.

    Jinja reloads a layout when its file changes; a changed catalog gives a new environment.
    """
    env = jinja_environment(theme.folders, i18n=True, keep_trailing_newline=True, compiled_folder=compiled)
    words = translations(theme, lang, source_lang)
    env.install_gettext_translations(words, newstyle=True)
    env.globals.update(_plain_gettext(words))
    env.filters.update(css_string=css_string, css_content=css_content, typed_address=typed_address,
                       long_date=lambda value: locales.long_date(value, date_locale),
                       medium_date=lambda value: locales.medium_date(value, date_locale),
                       language_in_ui=lambda code: locales.language_name(code, lang, for_menu=False))
    env.globals.update(language_name=locales.language_name, leafpress_version=__version__, qr_svg=qr_svg,
                       theme_has=lambda relative: theme.find(relative) is not None)
    return env


def _plain_gettext(words) -> dict:
    """`_`, `gettext` and `ngettext` as Jinja's newstyle i18n has them (autoescape is always on), without the
    context they never read: Jinja copies the whole context for each call of a function that takes one
    inside a loop, a third of the catalogue's time on a 200-leaflet site."""
    def gettext(string: str, /, **variables) -> Markup:
        return Markup(words.gettext(string)) % variables

    def ngettext(singular: str, plural: str, count: int, /, **variables) -> Markup:
        variables.setdefault("num", count)
        return Markup(words.ngettext(singular, plural, count)) % variables
    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


def _template_location(error: Exception, theme: Theme) -> tuple[str, int]:
    """The innermost template frame of a render-time error: Jinja keeps it in the traceback."""
    traceback = error.__traceback__
    found = ("templates", 0)
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if any(filename.startswith(str(folder)) for folder in theme.folders):
            found = (display_path(Path(filename)), traceback.tb_lineno)
        traceback = traceback.tb_next
    return found
