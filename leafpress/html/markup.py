"""Markdown body -> sanitised HTML, split where the treatment-stage table goes."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from leafpress.model import STAGES_MARKER, Leaflet

EXTENSIONS = ["tables", "attr_list", "toc", "sane_lists"]
# Paragraphs of plain letters survive Markdown and sanitising untouched and cannot occur in prose.
PLACEHOLDER = "LEAFPRESSSTAGETABLEPLACEHOLDER"
INTRO_PLACEHOLDER = "LEAFPRESSSTAGEINTROPLACEHOLDER"
ALLOWED_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "lang", "dir", "title"},
}
# Links may point to the web or to a phone; nothing the renderer would fetch may.
URL_SCHEMES = {"https", "http", "mailto", "tel"}


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


class _MarkStageIntro(Treeprocessor):
    """Put a placeholder before the paragraph that directly precedes the stage marker."""

    def run(self, root: etree.Element) -> None:
        children = list(root)
        for index, element in enumerate(children):
            if element.tag == "p" and len(element) == 0 and (element.text or "").strip() == PLACEHOLDER:
                if index and children[index - 1].tag == "p":
                    marker = etree.Element("p")
                    marker.text = INTRO_PLACEHOLDER
                    root.insert(index - 1, marker)
                return


class _StageIntroExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_MarkStageIntro(md), "leafpress-stage-intro", 0)


def sanitise(html: str) -> str:
    """Drop scripts, styles, event handlers and unknown tags from author HTML."""
    return nh3.clean(html, tags=set(nh3.ALLOWED_TAGS) - {"area", "map"},
                     attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer")


def body_html(leaflet: Leaflet) -> BodyParts:
    """The body as safe HTML: before the stage table, the table's introduction, and after it."""
    lines = []
    for line in leaflet.body.split("\n"):
        # Placeholder text typed by an author is not ours: it must not move the table.
        line = line.replace(PLACEHOLDER, "").replace(INTRO_PLACEHOLDER, "")
        lines.append(PLACEHOLDER if line.strip() == STAGES_MARKER else line)
    converter = markdown.Markdown(extensions=[*EXTENSIONS, _StageIntroExtension()], output_format="html")
    html = sanitise(converter.convert("\n".join(lines)))
    head, _, after = html.partition(f"<p>{PLACEHOLDER}</p>")
    before, marked, intro = head.partition(f"<p>{INTRO_PLACEHOLDER}</p>")
    if not marked:
        before, intro = head, ""
    return BodyParts(Markup(before), Markup(intro.strip()), Markup(after))
