"""Copyfit: a few layouts of the same page, differing only in spacing and break choices; the best is kept.

1. The page as the stylesheet lays it out.
2. Blocks kept whole that break badly (see pagination.py) are let break where they stand: a block
   taller than a page, or one whose push leaves the page before it under 60% full (and, if its
   first row is what does not fit, its rows too).
3. Where the last page is under half full and losing it would save a sheet of paper (or it is under
   a quarter full), the theme's tighter spacing too (`html.fit-tight` in leaflet.css: the space
   between blocks, never the type).

Steps 2 and 3 are taken together, and again if they push another block: four layouts at most.
The layout kept has the fewest sheets of paper (two pages a sheet; four for the A5 edition, which the
booklet is imposed from), then the fewest pages, then the fewest pages under 60% full; on a tie, the
first tried. Only one layout when nothing breaks badly and the last page is full enough. The same page
always gives the same choice, so builds stay byte-identical.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable

from leafpress.pdf.pagination import Pagination, analyse

DUPLEX, BOOKLET = "duplex", "booklet"  # how the pages are printed: two to a sheet, or four (an imposed booklet)
TIGHT_WHEN_LAST_PAGE_UNDER = 0.5  # and losing the page would save a sheet of paper
NEARLY_EMPTY = 0.25  # a last page this empty is worth losing even where it saves no paper


@dataclass(frozen=True)
class Variant:
    tight: bool = False
    relaxed: frozenset[str] = frozenset()  # ids of kept blocks let break where they stand

    def html(self, page: str) -> str:
        """The page with this variant's class on <html> and its rules in a style sheet of its own."""
        if not self.tight and not self.relaxed:
            return page
        if self.tight:
            page = _add_html_class(page, "fit-tight")
        rules = "".join(f"#{block[:-5]} tr {{ break-inside: auto !important; }}\n" if block.endswith("/rows")
                        else f"#{block}, #{block} table {{ break-inside: auto !important; }}\n"
                        for block in sorted(self.relaxed))
        if rules:
            page = page.replace("</head>", f"<style>\n{rules}</style>\n</head>", 1)
        return page

    def describe(self) -> str:
        parts = ["tighter spacing"] if self.tight else []
        if self.relaxed:
            count = len({block.removesuffix("/rows") for block in self.relaxed})
            parts.append(f"{count} block{'s' if count > 1 else ''} let break where {'they stand' if count > 1 else 'it stands'}")
        return ", ".join(parts) or "as laid out"


def _add_html_class(page: str, name: str) -> str:
    match = re.search(r"<html\b[^>]*>", page)
    if match is None:
        return page
    tag = match.group()
    if 'class="' in tag:
        new = tag.replace('class="', f'class="{name} ', 1)
    else:
        new = tag[:-1] + f' class="{name}">'
    return page[:match.start()] + new + page[match.end():]


def sheets(pages: int, printing: str) -> tuple[int, ...]:
    """What a layout costs in paper: the booklet's sheets first for the A5 edition, then duplex sheets."""
    duplex = math.ceil(pages / 2)
    return (math.ceil(pages / 4), duplex) if printing == BOOKLET else (duplex,)


def fitted(lay_out: Callable[[str], object], page: str, printing: str):
    """(the laid-out page kept, its Pagination, the first layout's Pagination, the Variant kept)."""
    tried: list[tuple[Variant, object, Pagination]] = []

    def attempt(variant: Variant) -> Pagination:
        laid_out = lay_out(variant.html(page))
        report = analyse(laid_out.document)
        tried.append((variant, laid_out, report))
        return report

    def broken(variant: Variant, report: Pagination) -> frozenset[str]:
        """What is still badly broken: a block still pushed once let break cannot fit its first row, so
        its rows are let break too."""
        stuck = {f"{block}/rows" for block in report.pushed if block in variant.relaxed}
        return (report.badly_broken | stuck) - variant.relaxed

    variant, report = Variant(), attempt(Variant())
    first = report
    # Each step lets what broke badly break, and tightens the spacing as soon as losing the last page is worth a
    # try; three steps at most (letting one block break may push another).
    for _ in range(3):
        tight = variant.tight or _tighter_could_save_paper(report, printing)
        more = broken(variant, report)
        if not more and tight == variant.tight:
            break
        variant = Variant(tight, variant.relaxed | more)
        report = attempt(variant)
    order = {id(entry): index for index, entry in enumerate(tried)}
    variant, laid_out, best = min(tried, key=lambda entry: (*sheets(entry[2].pages, printing), entry[2].pages,
                                                             entry[2].underfilled, order[id(entry)]))
    return laid_out, best, first, variant


def _tighter_could_save_paper(report: Pagination, printing: str) -> bool:
    """Whether losing the last page is worth a try: it would save a sheet of paper, or it is nearly empty."""
    per_sheet = 4 if printing == BOOKLET else 2
    last = report.fills[-1]
    return report.pages > 1 and (last < NEARLY_EMPTY or (last < TIGHT_WHEN_LAST_PAGE_UNDER
                                                          and report.pages % per_sheet == 1))


def note(first: Pagination, best: Pagination, variant: Variant) -> str:
    """What the copyfit step did, for the build's report ('' when it kept the first layout)."""
    if variant == Variant():
        return ""
    pages = f"{first.pages} → {best.pages} pages" if best.pages != first.pages else f"{best.pages} pages"
    return f"{pages} ({variant.describe()})"
