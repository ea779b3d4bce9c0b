"""The translator's page in the preview: source and translation side by side, part by part.

Stale parts carry the word diff of the source since the translation was made; parts the
translation lacks are shown as missing. The page is made on request by `serve` (never
written to the output folder), so it is always as current as the files on disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import posixpath

from markupsafe import Markup

from leafpress import locales
from leafpress.checks.translation_status import MISSING, is_untranslated, translation_status
from leafpress.config import SiteConfig
from leafpress.content import load as content
from leafpress.content.parts import INTRO, STAGES, TITLE, group_texts
from leafpress.errors import ContentError
from leafpress.content.images import resolve_image
from leafpress.html.markup import markdown_html
from leafpress.model import Leaflet
from leafpress.theme import jinja_environment
from leafpress.translation import inline
from leafpress.translation.changes import PartChange, part_changes
from leafpress.translation.exchange import NEEDS_REVIEW, pair

URL_PREFIX = "/__leafpress/translate"


def page_path(lang: str, slug: str) -> str:
    return f"{URL_PREFIX}/{lang}/{slug}.html"


@dataclass
class Part:
    """One row of the page: a part's name, its source and translation as safe HTML, and its state."""

    name: str
    source: Markup
    translation: Markup | None  # None: the translation lacks this part
    change: PartChange | None = None
    notes: list[str] = field(default_factory=list)  # the units of a stale part that changed: "treatment/p1: <text>"


def _html(text: str, image_src) -> Markup:
    return Markup(markdown_html(text, image_src))


def _stages(leaflet: Leaflet) -> Markup:
    rows = "".join(f"<tr><th scope='row'>{Markup.escape(s.name)}</th><td>{Markup.escape(s.goal)}</td><td><ul>"
                   + "".join(f"<li>{Markup.escape(t)}</li>" for t in s.treatments) + "</ul></td></tr>"
                   for s in leaflet.stages)
    own = leaflet.stage_table
    caption = Markup(f"<caption>{Markup.escape(own.caption)}</caption>") if own.caption else ""
    head = Markup("<thead><tr>" + "".join(f"<th scope='col'>{Markup.escape(c)}</th>" for c in own.columns)
                  + "</tr></thead>") if own.columns else ""
    return Markup(f"<table class='stages'>{caption}{head}<tbody>{rows}</tbody></table>")


def _parts(leaflet: Leaflet, fallback: Path | None) -> dict[str, Markup]:
    """A leaflet's parts as HTML, grouped as `translated_from` records them (content/parts.py)."""
    sections = {section.id: section for section in leaflet.sections}

    def image_src(src: str) -> str:  # the page is served from /__leafpress/...: the images from the output folder
        return posixpath.normpath(f"/{leaflet.lang}/{resolve_image(src, leaflet.path.parent, fallback)[1]}")

    parts = {}
    for group, text in group_texts(leaflet).items():
        if group == TITLE:
            parts[group] = Markup(f"<h1>{Markup.escape(leaflet.title)}</h1>") + (
                Markup(f"<p class='summary'>{Markup.escape(leaflet.summary)}</p>") if leaflet.summary else "")
        elif group == STAGES:
            parts[group] = _stages(leaflet)
        elif group == INTRO:
            parts[group] = _html(text, image_src)
        else:
            section = sections[group]
            parts[group] = Markup(f"<h2>{Markup.escape(section.title)}</h2>") + _html(section.text, image_src)
    return parts


def translator_page(config: SiteConfig, lang: str, slug: str) -> str | None:
    """The page for one leaflet in one language, or None if there is no such leaflet."""
    source_path = config.content_dir / config.languages.source / f"{slug}.md"
    if lang == config.languages.source or lang not in config.languages.order or not source_path.is_file():
        return None
    source = content.load_leaflet(source_path, config.languages.source, config)
    path = config.content_dir / lang / f"{slug}.md"
    translation = content.load_leaflet(path, lang, config) if path.is_file() else None
    shown = f"{config.paths.content}/{lang}/{slug}.md"
    status = translation_status(source, translation, lang, shown)
    changes = {}
    if translation is not None and status.state != MISSING:
        changes = {change.part: change for change in part_changes(config, source, translation, status)}
    translated = _parts(translation, config.content_dir / config.languages.source) if translation is not None and not is_untranslated(translation) else {}
    stale_units: dict[str, list[str]] = {}
    if changes:
        exchange_pair = pair(config, slug, lang)
        for unit in exchange_pair.source_units:
            if exchange_pair.state(unit) == NEEDS_REVIEW:
                stale_units.setdefault(unit.part, []).append(f"{unit.id}: {inline.to_plain(inline.parse(unit.text))}")
    rows = [Part(name, html, translated.get(name), changes.get(name), stale_units.get(name, []))
            for name, html in _parts(source, None).items()]
    return TEMPLATES.get_template("side_by_side.html").render(
        slug=slug, lang=lang, source_lang=config.languages.source, status=status, rows=rows,
        source_dir=locales.text_direction(config.languages.source), target_dir=locales.text_direction(lang),
        language_name=locales.language_name, source_file=source.shown_path, translation_file=shown,
        page=f"../../../{lang}/{slug}.html")



TEMPLATES = jinja_environment([Path(__file__).parent / "templates"])


def safe_translator_page(config: SiteConfig, lang: str, slug: str) -> tuple[int, str]:
    """(HTTP status, page): a file with errors gives the errors, as the rest of the preview does."""
    try:
        page = translator_page(config, lang, slug)
    except ContentError as error:
        return 200, TEMPLATES.get_template("side_by_side_error.html").render(error=str(error))
    return (404, "") if page is None else (200, page)
