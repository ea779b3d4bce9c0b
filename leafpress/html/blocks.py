"""The blocks a patient leaflet needs beyond plain Markdown, as one Python-Markdown extension.

- Figures: a paragraph holding only an image, `![alt](src "Caption"){width=50%}`, becomes a
  `<figure>` with its `<figcaption>`; an optional width of the column (25%, 33%, 50%, 66%, 75%).
- Decorative images, `![](src){.decorative}`, are marked to be drawn as backgrounds: never in
  the accessibility tree, artifacts in the PDF (see markup.py).
- Call-outs: Python-Markdown's `admonition` blocks (`!!! urgent "Get help urgently"`, `important`,
  `tip`) become a `<section>` region named by a real heading, one level below the heading before it.
- Tick boxes: `pymdownx.tasklist`'s `- [ ]` items get a box drawn by the stylesheet, which prints
  in every edition (its form field would be removed by the sanitiser).
- Link addresses on paper: an external link is followed by its address, for the print editions.
- The stage table's introduction: the paragraph right before the `[[stages]]` line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.extensions.admonition import AdmonitionExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import Treeprocessor
from pymdownx.tasklist import TasklistExtension

# Paragraphs of plain letters survive Markdown and sanitising untouched and cannot occur in prose.
STAGES_PLACEHOLDER = "LEAFPRESSSTAGETABLEPLACEHOLDER"
INTRO_PLACEHOLDER = "LEAFPRESSSTAGEINTROPLACEHOLDER"
NOTES_PLACEHOLDER = "LEAFPRESSNOTESPLACEHOLDER"  # followed by the number of lines
CALLOUT_KINDS = ("urgent", "important", "tip")
FIGURE_WIDTHS = ("25%", "33%", "50%", "66%", "75%", "100%")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")


class _LeafletBlocks(Treeprocessor):
    """Runs after the other extensions' tree processors, on the whole body."""

    image_src = staticmethod(lambda src: src)  # where the page finds an image (a translation's fallback)

    def run(self, root: etree.Element) -> None:
        for image in root.iter("img"):
            image.set("src", self.image_src(image.get("src", "")))
        for number, table in enumerate(root.iter("table"), start=1):
            table.set("id", f"table-{number}")
        self._figures(root)
        self._callouts(root)
        self._tick_boxes(root)
        self._link_addresses(root)
        self._stage_intro(root)
        _mark_long_words(root)

    def _figures(self, root: etree.Element) -> None:
        number = 0
        for paragraph in list(root.iter("p")):
            children = list(paragraph)
            if len(children) != 1 or children[0].tag != "img" or (paragraph.text or "").strip() \
                    or (children[0].tail or "").strip():
                continue
            image = children[0]
            if "decorative" in image.get("class", "").split():
                continue
            paragraph.tag, paragraph.text = "figure", None
            number += 1
            paragraph.set("id", f"fig-{number}")  # each block the pagination may keep whole has an id
            classes = ["figure"]
            width = image.attrib.pop("width", None)
            if width in FIGURE_WIDTHS and width != "100%":
                classes.append(f"width-{width[:-1]}")
            paragraph.set("class", " ".join(classes))
            image.tail = None
            caption = image.attrib.pop("title", "").strip()
            if caption:
                etree.SubElement(paragraph, "figcaption").text = caption

    def _callouts(self, root: etree.Element) -> None:
        number = 0
        level = 1  # the page's title is the h1
        titles = set()  # the call-outs' own headings do not set the level of the next call-out
        for element in list(root.iter()):
            if element.tag in HEADINGS and element not in titles:
                level = int(element.tag[1])
                continue
            classes = element.get("class", "").split()
            if element.tag != "div" or "admonition" not in classes:
                continue
            kind = next((name for name in CALLOUT_KINDS if name in classes), "important")
            number += 1
            title = element.find("p")
            element.tag = "section"
            element.set("class", f"callout callout-{kind}")
            element.set("id", f"box-{number}")
            if title is not None and "admonition-title" in title.get("class", ""):
                title.tag = f"h{min(level + 1, 6)}"
                titles.add(title)
                title.set("class", "callout-title")
                title.set("id", f"callout-{number}")
                element.set("aria-labelledby", f"callout-{number}")

    def _tick_boxes(self, root: etree.Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        for item in root.iter("li"):
            if "task-list-item" not in item.get("class", "").split():
                continue
            holder = item if STASHED.match(item.text or "") else next(iter(item), None)
            match = STASHED.match(holder.text or "") if holder is not None else None
            if match is None:
                continue
            ticked = "checked" in str(stash[int(match.group(1))])
            holder.text = holder.text[match.end():].lstrip()
            box = etree.Element("span", {"class": "tick-box ticked" if ticked else "tick-box",
                                         "aria-hidden": "true"})
            box.tail = holder.text
            holder.text = None
            holder.insert(0, box)

    def _link_addresses(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, link in reversed(list(enumerate(parent))):
                if link.tag != "a":
                    continue
                shown = printed_address(link.get("href", ""))
                words = "".join(link.itertext())
                if not shown or _compact(shown) in _compact(words):
                    continue
                address = etree.Element("span", {"class": "link-address"})
                address.text = " ("
                inner = etree.SubElement(address, "bdi", {"dir": "ltr"})
                breakable(inner, shown)
                inner.tail = ")"
                address.tail, link.tail = link.tail, None
                parent.insert(index + 1, address)

    def _stage_intro(self, root: etree.Element) -> None:
        children = list(root)
        for index, element in enumerate(children):
            if element.tag == "p" and len(element) == 0 and (element.text or "").strip() == STAGES_PLACEHOLDER:
                if index and children[index - 1].tag == "p":
                    marker = etree.Element("p")
                    marker.text = INTRO_PLACEHOLDER
                    root.insert(index - 1, marker)
                return


# Longer than any word of a leaflet's languages: an address, a code (Leafpress's own placeholders aside).
LONG_WORD = re.compile(r"(?!LEAFPRESS[A-Z]+PLACEHOLDER)\S{30,}")


def _mark_long_words(root: etree.Element) -> None:
    """Put each very long word (an address, say) in a `long-word` span, which the stylesheet lets break
    anywhere: so it wraps in a narrow cell or box instead of running off the page, while the column
    widths still follow the ordinary words."""
    for element in list(root.iter()):
        if element.get("class") == "long-word":
            continue
        for child in [None, *list(element)]:
            text = element.text if child is None else child.tail
            if not text or not LONG_WORD.search(text):
                continue
            pieces = LONG_WORD.split(text)
            words = LONG_WORD.findall(text)
            if child is None:
                element.text, position = pieces[0], 0
            else:
                child.tail, position = pieces[0], list(element).index(child) + 1
            for offset, (word, after) in enumerate(zip(words, pieces[1:])):
                span = etree.Element("span", {"class": "long-word"})
                span.text, span.tail = word, after
                element.insert(position + offset, span)


def breakable(element: etree.Element, address: str) -> None:
    """Write `address` into `element` with a line-break opportunity after each '/', never inside a word."""
    pieces = re.split(r"(?<=/)", address)
    element.text = pieces[0]
    for piece in pieces[1:]:
        etree.SubElement(element, "wbr").tail = piece


def printed_address(href: str) -> str:
    """The part of a link's address a reader types: 'nhs.uk/back-pain', 'pals@x.org', '01632 960 000'."""
    if href.startswith(("mailto:", "tel:")):
        return href.split(":", 1)[1].split("?", 1)[0]
    match = re.match(r"https?://(?:www\.)?(.+?)/?$", href)
    return match.group(1) if match else ""


def _compact(text: str) -> str:
    return re.sub(r"[\s/]+", "", text).casefold().removeprefix("www.")


class LeafletBlocksExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After every other tree processor (the task list's is 25, 'toc' 5), before the inline HTML is put back.
        md.treeprocessors.register(_LeafletBlocks(md), "leafpress-blocks", 1)


def converter() -> markdown.Markdown:
    """A fresh Markdown converter with every extension a leaflet may use."""
    # Instances, not names: a name makes Python-Markdown scan every installed package's entry points
    # (about 10 ms in a fresh process, before the first page).
    extensions = [TableExtension(), AttrListExtension(), TocExtension(), SaneListExtension(), AdmonitionExtension(),
                  TasklistExtension(), LeafletBlocksExtension()]
    return markdown.Markdown(extensions=extensions, output_format="html")
