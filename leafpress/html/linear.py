"""A printed page in reading order, as plain blocks: what the braille and audio editions are made from.

The blocks come from the page's own HTML (the A4 edition's), so braille and audio say exactly
what the print says: the title, the draft mark, every section with its headings, paragraphs,
lists, call-outs, pictures (as their alt text and caption), tables row by row (a stage, then
its goal, then its treatments, each with its column's name), the contact details, the online
address of the QR code and the governance block. Navigation, scripts, drawings and text for
screen readers only are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

SKIPPED = {"nav", "script", "style", "svg", "button", "template", "head"}
BLOCKS = {"p", "figcaption", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "caption", "th", "td",
          "address", "blockquote", "pre"}
VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "source", "wbr"}


@dataclass(frozen=True)
class Block:
    """One unit of reading order.

    kind: heading (level 1-6), paragraph, item (of a list: marker and depth), row (of a table:
    (column, text) pairs), field (label and value of the governance block), picture (alt text),
    box-start and box-end (a call-out's edges).
    """

    kind: str
    text: str = ""
    level: int = 0
    marker: str = ""
    cells: tuple[tuple[str, str], ...] = ()
    section: str = ""  # the heading of the level-2 section it belongs to ("" before the first)


@dataclass
class _Table:
    caption: str = ""
    columns: list[str] = field(default_factory=list)
    row: list[tuple[bool, str]] = field(default_factory=list)  # (is a header cell, text)
    in_head: bool = False


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.skip_depth = 0
        self.stack: list[str] = []
        self.skip_at: list[int] = []
        self.text: list[str] = []
        self.block_tag: str | None = None
        self.lists: list[list] = []  # [ordered, next number]
        self.tables: list[_Table] = []
        self.section = ""
        self.in_body = False
        self.dt = ""
        self.box_depths: list[int] = []
        self.cell_items: list[str] = []
        self.block_is_box_title = False  # a call-out's title is a heading, not the start of a section

    # -- structure --------------------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag in VOID:
            if tag == "br":
                self._flush_line()
            elif tag == "img" and not self.skip_depth and self.in_body:
                alt = (values.get("alt") or "").strip()
                if alt and "decorative" not in classes:
                    self._flush()
                    self._add(Block("picture", _clean(alt)))
            return
        self.stack.append(tag)
        if self.skip_depth or tag in SKIPPED or "visually-hidden" in classes or values.get("aria-hidden") == "true" \
                or "notes-space" in classes or "languages" in classes:
            self.skip_depth += 1
            self.skip_at.append(len(self.stack))
            return
        if tag == "main" or (tag == "footer" and "colophon" in classes):
            self.in_body = True
        if not self.in_body:
            return
        if "callout" in classes:
            self._flush()
            self._add(Block("box-start"))
            self.box_depths.append(len(self.stack))
        if tag in ("ul", "ol"):
            if self.block_tag in ("th", "td"):
                return  # a list in a table cell: its items are read as one, joined with ';'
            self._flush()
            self.lists.append([tag == "ol", int(values.get("start") or 1)])
        elif tag == "table":
            self._flush()
            self.tables.append(_Table())
        elif tag == "thead" and self.tables:
            self.tables[-1].in_head = True
        elif tag in BLOCKS:
            if tag in ("th", "td") and self.tables:
                self.text, self.block_tag, self.cell_items = [], tag, []
                return
            if tag == "li" and self.tables and self.block_tag in ("th", "td"):
                self._cell_piece()
                return
            self._flush()
            self.block_tag = tag
            self.block_is_box_title = "callout-title" in classes

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack and self.stack[-1] != tag:  # an element left open: close it with its parent
            self.handle_endtag(self.stack[-1])
        if not self.stack:
            return
        depth = len(self.stack)
        self.stack.pop()
        if self.skip_depth:
            if self.skip_at and self.skip_at[-1] == depth:
                self.skip_at.pop()
                self.skip_depth -= 1
            return
        if not self.in_body:
            return
        if tag in ("th", "td") and self.tables and self.block_tag == tag:
            self._cell_end(tag)
        elif tag == "li" and self.tables and self.block_tag in ("th", "td"):
            self._cell_piece()
        elif tag == "tr" and self.tables:
            self._row_end()
        elif tag == "thead" and self.tables:
            self.tables[-1].in_head = False
        elif tag == "table" and self.tables:
            self.tables.pop()
        elif tag in ("ul", "ol") and self.block_tag in ("th", "td"):
            pass
        elif tag in ("ul", "ol") and self.lists:
            self._flush()
            self.lists.pop()
        elif tag in BLOCKS and self.block_tag == tag:
            self._flush()
        if self.box_depths and self.box_depths[-1] == depth:
            self._flush()
            self.box_depths.pop()
            self._add(Block("box-end"))
        if tag == "main" or tag == "footer":
            self._flush()
            self.in_body = False

    def handle_data(self, data):
        if not self.skip_depth and self.in_body:
            self.text.append(data)

    # -- blocks -----------------------------------------------------------------------------------------
    def _add(self, block: Block) -> None:
        self.blocks.append(Block(block.kind, block.text, block.level, block.marker, block.cells, self.section))

    def _flush_line(self) -> None:
        """A line break inside a block (an address): the lines are read as separate paragraphs."""
        if self.block_tag in ("th", "td"):
            self.text.append(" ")
            return
        tag = self.block_tag
        self._flush()
        self.block_tag = tag

    def _flush(self) -> None:
        text = _clean("".join(self.text))
        tag, self.text, self.block_tag = self.block_tag, [], None
        if not text:
            return
        if tag and tag[0] == "h" and tag[1:].isdigit():
            level = int(tag[1])
            if level == 2 and not self.block_is_box_title:
                self.section = text
            self._add(Block("heading", text, level))
        elif tag == "li" and self.lists:
            ordered, number = self.lists[-1]
            self.lists[-1][1] += 1
            self._add(Block("item", text, len(self.lists), f"{number}." if ordered else "•"))
        elif tag == "dt":
            self.dt = text
        elif tag == "dd":
            self._add(Block("field", text, marker=self.dt))
            self.dt = ""
        elif tag == "caption":
            if self.tables:
                self.tables[-1].caption = text
            self._add(Block("heading", text, 4))
        else:
            self._add(Block("paragraph", text))

    def _cell_piece(self) -> None:
        piece = _clean("".join(self.text))
        if piece:
            self.cell_items.append(piece)
        self.text = []

    def _cell_end(self, tag: str) -> None:
        self._cell_piece()
        table = self.tables[-1]
        text = "; ".join(self.cell_items)
        if table.in_head:
            table.columns.append(text)
        else:
            table.row.append((tag == "th", text))
        self.block_tag, self.cell_items = None, []

    def _row_end(self) -> None:
        table = self.tables[-1]
        if table.row:
            columns = table.columns + [""] * (len(table.row) - len(table.columns))
            cells = tuple((column, text) for column, (_, text) in zip(columns, table.row) if text)
            self._add(Block("row", cells=cells))
        table.row = []


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def reading_order(html: str) -> list[Block]:
    """The blocks of a page's `<main>` and its colophon footer, in reading order."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader._flush()
    return reader.blocks
