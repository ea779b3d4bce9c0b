"""Markdown body -> sanitised HTML, split where the treatment-stage table goes.

The Markdown is converted with the leaflet blocks (see blocks.py), then every tag and attribute
an author could have typed is sanitised with nh3. Decorative images are turned into background
drawings only after that, from the sanitised `<img>`: so they never reach the accessibility tree,
and the PDF paints them as artifacts.
"""

from __future__ import annotations

import html as html_escape
import re
from dataclasses import dataclass
from typing import Callable

import nh3
from markupsafe import Markup

from leafpress.html.blocks import INTRO_PLACEHOLDER, NOTES_PLACEHOLDER, STAGES_PLACEHOLDER, converter
from leafpress.model import DEFAULT_NOTE_LINES, NOTES_MARKER, STAGES_MARKER, Leaflet

# Kept for the tests and callers that name them.
PLACEHOLDER = STAGES_PLACEHOLDER
ALLOWED_TAGS = (set(nh3.ALLOWED_TAGS) - {"area", "map", "center", "acronym", "strike", "tt"}) | {"section"}
ALLOWED_ATTRIBUTES = {
    **{tag: set(attrs) - {"align", "char", "charoff"} for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "lang", "dir", "title", "role", "aria-hidden", "aria-labelledby", "aria-label"},
}
ALLOWED_ROLES = {"note", "presentation", "none", "img", "list", "listitem"}
# Links may point to the web or to a phone; nothing the renderer would fetch may.
URL_SCHEMES = {"https", "http", "mailto", "tel"}
DECORATIVE = re.compile(r'<img alt="" class="decorative" src="([^"]+)">')


@dataclass(frozen=True)
class BodyParts:
    """The body as safe HTML, cut where the stage table goes.

    `intro` is the paragraph that introduces the table ("Treatment happens in two
    stages:"), if the author wrote one right before the marker: it is printed on
    the same page as the table.
    """

    before: Markup
    intro: Markup
    after: Markup


def _attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "role" and value not in ALLOWED_ROLES:
        return None
    return value


def sanitise(html: str) -> str:
    """Drop scripts, styles, event handlers and unknown tags from author HTML."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", attribute_filter=_attribute)


def _decorative(html: str, ratio: Callable[[str], float | None]) -> str:
    """A decorative image as a drawing behind an empty box of the image's shape."""
    def replace(match: re.Match) -> str:
        src = html_escape.unescape(match.group(1))
        shape = ratio(src)
        padding = f"padding-top:{shape * 100:.2f}%" if shape else "height:2em"
        url = src.replace("\\", "\\\\").replace("'", "\\'")
        return (f'<span class="decorative-image" aria-hidden="true" '
                f'style="background-image:url(\'{html_escape.escape(url)}\');{padding}"></span>')
    return DECORATIVE.sub(replace, html)


def markdown_html(text: str, image_src: Callable[[str], str] = lambda src: src,
                  image_ratio: Callable[[str], float | None] = lambda src: None) -> str:
    """Markdown with the leaflet blocks -> safe HTML (see body_html for the two functions)."""
    md = converter()
    md.treeprocessors["leafpress-blocks"].image_src = image_src
    return _decorative(sanitise(md.convert(text)), image_ratio)


def body_html(leaflet: Leaflet, image_src: Callable[[str], str] = lambda src: src,
              image_ratio: Callable[[str], float | None] = lambda src: None) -> BodyParts:
    """The body as safe HTML: before the stage table, the table's introduction, and after it.

    `image_src` maps an image's address as written to the one the page uses (a translation shows
    the source language's picture where it has none of its own); `image_ratio` gives an image's
    height over its width, for decorative images.
    """
    lines = []
    for line in leaflet.body.split("\n"):
        # Placeholder text typed by an author is not ours: it must not move the table.
        for placeholder in (STAGES_PLACEHOLDER, INTRO_PLACEHOLDER, NOTES_PLACEHOLDER):
            line = line.replace(placeholder, "")
        notes = NOTES_MARKER.fullmatch(line.strip())
        if line.strip() == STAGES_MARKER:
            line = STAGES_PLACEHOLDER
        elif notes:
            line = f"{NOTES_PLACEHOLDER}{int(notes.group(1) or DEFAULT_NOTE_LINES)}"
        lines.append(line)
    html = markdown_html("\n".join(lines), image_src, image_ratio)
    head, _, after = html.partition(f"<p>{STAGES_PLACEHOLDER}</p>")
    before, marked, intro = head.partition(f"<p>{INTRO_PLACEHOLDER}</p>")
    if not marked:
        before, intro = head, ""
    return BodyParts(Markup(before), Markup(intro.strip()), Markup(after))
