"""How a laid-out page breaks: how full each page is, and which kept blocks break badly.

A kept block is one the stylesheet keeps whole (`break-inside: avoid`): the stage table with its
introduction, a Markdown table, a call-out, a notes space, a figure with its caption, the contact
box. Leafpress gives each one an id (see html/blocks.py). Two things go wrong with keeping whole:

- a block taller than a page is pushed to a fresh page and splits there anyway, leaving the page
  before it nearly empty ("tall");
- a block that fits a page is pushed to the next one and leaves the page before it less than
  `MIN_FILL` full ("pushed").

Both are read off WeasyPrint's page boxes, so the copyfit step (copyfit.py) can let exactly
those blocks break where they stand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MIN_FILL = 0.6  # a page other than the last is at least this full
# The blocks that may be let break where they stand; a figure never is (its caption stays with it).
BREAKABLE = ("stage-table", "table-", "box-", "notes-")
CONTAINERS = ("html", "body", "main", "article", "footer", "header")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class Pagination:
    """What one layout looks like, page by page."""

    fills: tuple[float, ...]  # each page's content height used, 0 to 1
    tall: frozenset[str] = frozenset()  # ids of kept blocks taller than a page
    pushed: frozenset[str] = frozenset()  # ids of kept blocks that left the page before them under MIN_FILL
    gaps: frozenset[str] = frozenset()  # ids of blocks that go on to the next page from a page under MIN_FILL

    @property
    def badly_broken(self) -> frozenset[str]:
        """What the copyfit step lets break: whole blocks, and the rows of a block that leaves a gap
        (`id/rows`: a row too tall for the rest of the page)."""
        return self.tall | self.pushed | frozenset(f"{block}/rows" for block in self.gaps)

    @property
    def pages(self) -> int:
        return len(self.fills)

    @property
    def underfilled(self) -> int:
        """Pages other than the last under MIN_FILL."""
        return sum(1 for fill in self.fills[:-1] if fill < MIN_FILL)

    def summary(self) -> str:
        return " ".join(f"{fill:.0%}" for fill in self.fills)


@dataclass
class _Page:
    fill: float
    first_block: str | None = None  # the kept block the page's content starts with (headings before it aside)
    blocks: set[str] = field(default_factory=set)
    kept: set[str] = field(default_factory=set)  # those of them the stylesheet keeps whole (break-inside: avoid)


def _kept_id(box) -> str | None:
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) in CONTAINERS:
        return None
    identifier = element.get("id") or ""
    return identifier if identifier.startswith((*BREAKABLE, "fig-")) else None


def _walk(box, kept: str | None = None):
    """Every box below `box`, with the id of the kept block it is in (its own, or its nearest ancestor's)."""
    own = _kept_id(box) or kept
    yield box, own
    for child in getattr(box, "children", ()):
        yield from _walk(child, own)


def analyse(document) -> Pagination:
    """Fill, tall and pushed blocks of a WeasyPrint Document."""
    from weasyprint.formatting_structure import boxes

    pages: list[_Page] = []
    for page in document.pages:
        page_box = page._page_box
        top, height = page_box.content_box_y(), page_box.height
        lowest, first, started, seen, whole = top, None, False, set(), set()
        for box, kept in (_walk(page_box.children[0]) if page_box.children else ()):
            tag = getattr(box, "element_tag", None)
            if _shows(box, boxes, tag):
                lowest = max(lowest, box.position_y + box.margin_height() - box.margin_bottom)
            if kept:
                seen.add(kept)
                if _kept_id(box) == kept and box.style["break_inside"] in ("avoid", "avoid-page"):
                    whole.add(kept)
            if not started and isinstance(box, boxes.BlockBox) and tag not in CONTAINERS and tag not in HEADINGS:
                started, first = True, kept  # headings are kept with what follows them: look past them
        pages.append(_Page(max(0.0, min(1.0, (lowest - top) / height)) if height else 0.0, first, seen, whole))
    tall = {block for index, page in enumerate(pages) for block in page.kept
            if index + 1 < len(pages) and block in pages[index + 1].blocks}
    pushed = {page.first_block for index, page in enumerate(pages[1:], start=1)
              if page.first_block in page.kept and pages[index - 1].fill < MIN_FILL
              and page.first_block not in pages[index - 1].blocks and page.first_block not in tall}
    # A block that flows (not kept whole) on from a page under MIN_FILL: its next row did not fit.
    gaps = {block for index, page in enumerate(pages[:-1]) if page.fill < MIN_FILL
            for block in (page.blocks - page.kept) & pages[index + 1].blocks}
    # A block that flows, yet starts the next page: its first row (with what is kept with it) did not fit.
    gaps |= {page.first_block for index, page in enumerate(pages[1:], start=1)
             if page.first_block and page.first_block not in page.kept and pages[index - 1].fill < MIN_FILL
             and page.first_block not in pages[index - 1].blocks}
    breakable = lambda blocks: frozenset(b for b in blocks if b.startswith(BREAKABLE))  # noqa: E731
    return Pagination(tuple(page.fill for page in pages), breakable(tall), breakable(pushed), breakable(gaps))


def _shows(box, boxes, tag) -> bool:
    """Whether a box puts something on the page: a line of text, a picture, a table cell, a drawn border.

    Not a table or a box that only holds others: a table split over pages reaches the foot of the first.
    """
    if isinstance(box, (boxes.LineBox, boxes.ReplacedBox, boxes.TableCellBox)):
        return True
    if isinstance(box, (boxes.TableBox, boxes.TableRowBox, boxes.TableRowGroupBox)) or getattr(box, "is_table_wrapper", False):
        return False
    return isinstance(box, boxes.BlockBox) and tag not in CONTAINERS and box.style["border_bottom_width"] > 0
