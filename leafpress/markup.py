"""Markdown body -> sanitised HTML, split where the treatment-stage table goes."""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

from leafpress.model import STAGES_MARKER, Leaflet

EXTENSIONS = ["tables", "attr_list", "toc", "sane_lists"]
# A paragraph of plain letters survives Markdown untouched and cannot occur in prose.
PLACEHOLDER = "LEAFPRESSSTAGETABLEPLACEHOLDER"
ALLOWED_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "lang", "dir", "title"},
}
# Links may point to the web or to a phone; nothing the renderer would fetch may.
URL_SCHEMES = {"https", "http", "mailto", "tel"}


def sanitise(html: str) -> str:
    """Drop scripts, styles, event handlers and unknown tags from author HTML."""
    return nh3.clean(html, tags=set(nh3.ALLOWED_TAGS) - {"area", "map"},
                     attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer")


def body_html(leaflet: Leaflet) -> tuple[Markup, Markup]:
    """The body as safe HTML: the part before the stage table and the part after it."""
    lines = [PLACEHOLDER if line.strip() == STAGES_MARKER else line for line in leaflet.body.split("\n")]
    converter = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    html = sanitise(converter.convert("\n".join(lines)))
    before, _, after = html.partition(f"<p>{PLACEHOLDER}</p>")
    return Markup(before), Markup(after)
