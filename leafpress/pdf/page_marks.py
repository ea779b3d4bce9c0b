"""Bleed and printer's marks on a page that is already laid out: the press edition shares A4's layout.

`@page { bleed: 3mm; marks: crop cross }` changes nothing inside the page box. It
changes only the page's own background, which WeasyPrint paints over the bleed area,
the marks drawn there, and the PDF's MediaBox, BleedBox and TrimBox. So an edition whose
stylesheet layer is nothing but such a rule needs no layout of its own: the rule's
values are set on each laid-out page for that edition's write, then put back.

WeasyPrint itself reads and computes the rule (its validators and computers). Where
the values go is not public API: `Page._page_box`, its computed style and background.
WeasyPrint is pinned in requirements.lock, and tests/test_pool.py checks that the
bytes equal those of a page laid out with the rule, so an upgrade that changes these
internals fails the suite instead of changing the press files.
"""

from __future__ import annotations

import contextlib

PAGE_MARK_PROPERTIES = ("bleed", "marks")


def is_page_marks_only(css: str) -> bool:
    """Whether `css` is only `@page { ... }` rules (no page selector) that set bleed and marks."""
    import tinycss2

    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    for rule in rules:
        if rule.type != "at-rule" or rule.lower_at_keyword != "page" or rule.content is None:
            return False
        if tinycss2.serialize(rule.prelude).strip():
            return False  # :first, :left, named pages: the cascade decides, so lay out with it
        declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
        if any(d.type != "declaration" or d.lower_name not in PAGE_MARK_PROPERTIES for d in declarations):
            return False
    return bool(rules)


def _specified(css: str) -> dict[str, object]:
    """The rule's values as WeasyPrint's validator gives them, shorthands expanded."""
    import tinycss2
    from weasyprint.css.validation import preprocess_declarations

    values = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
        for name, value, _important in preprocess_declarations(None, declarations):
            values[name] = value
    return values


@contextlib.contextmanager
def page_marks(document, css: str):
    """For the `with` block, `document` (laid out without `css`) is as if laid out with it."""
    from weasyprint.css.computed_values import COMPUTER_FUNCTIONS

    specified = _specified(css)
    # marks first: `bleed: auto` is computed from the marks.
    names = sorted(specified, key=lambda name: name != "marks")
    saved = []
    try:
        for page in document.pages:
            box = page._page_box
            saved.append((page, box, page.bleed, box.style, box.background))
            style = box.style.copy()
            for name in names:
                compute = COMPUTER_FUNCTIONS.get(name)
                style[name] = compute(style, name, specified[name]) if compute else specified[name]
            box.style = style
            page.bleed = box.bleed
            if box.background is not None:  # the page's background is painted over its bleed area
                layers = [layer._replace(painting_area=box.bleed_area) for layer in box.background.layers]
                box.background = box.background._replace(layers=layers, style=style)
        yield document
    finally:
        for page, box, bleed, style, background in reversed(saved):
            page.bleed, box.style, box.background = bleed, style, background
