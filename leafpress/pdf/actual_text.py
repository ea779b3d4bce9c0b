"""Words that extract whole: /ActualText on the lines where automatic hyphenation broke a word.

A word broken by hyphenation prints as "vér‐" at the end of one line and "tebras" at the start of the
next. ISO 32000-2, 14.8.2.3, asks a tagged PDF to tell such a soft hyphen from a hard one. Here the
text that ends in the hyphen carries the whole word as its actual text, and the next line's text
carries its own words without the word's end, so copying, searching and reading aloud give
"vértebras" (poppler and a current MuPDF honour it; docs/printing.md names the readers that do not).

Right-to-left lines are left alone: poppler reverses an Arabic line's actual text, so marking every
line in logical order would break the reader that today gets 93% of Arabic words whole.

The actual text is set on WeasyPrint's text boxes after layout (`mark`), and drawn as a marked-content
span around each such box (`install` wraps WeasyPrint's `draw_text`: not public API; WeasyPrint is
pinned in requirements.lock and tests/test_readers.py reads the files with three readers).
"""

from __future__ import annotations

import re

ATTRIBUTE = "leafpress_actual_text"
_INSTALLED = []


def mark(document) -> None:
    """Give each text box that ends in a hyphenated word's start, or begins with its end, the text it stands for.

    A long word may be broken over more than two lines: its middle lines then stand for nothing, and the
    first line for the whole word.
    """
    from weasyprint.formatting_structure import boxes

    text_boxes = [box for page in document.pages for box in page._page_box.descendants()
                  if isinstance(box, boxes.TextBox) and box.text]
    hyphens = [_soft_hyphen(box, following) for box, following in zip(text_boxes, [*text_boxes[1:], None])]
    leads = [""] + [re.match(r"[^\s]*", box.text).group() if hyphen else ""
                    for box, hyphen in zip(text_boxes[1:], hyphens)]
    continuation = [""] * len(text_boxes)  # the rest of the word a box's hyphen breaks
    for index in range(len(text_boxes) - 2, -1, -1):
        if hyphens[index]:
            following, lead = text_boxes[index + 1], leads[index + 1]
            if lead == following.text and hyphens[index + 1]:  # the word goes on over the next line too
                lead = lead[:-len(hyphens[index + 1])] + continuation[index + 1]
            continuation[index] = lead
    for box, hyphen, lead, rest in zip(text_boxes, hyphens, leads, continuation):
        if lead and lead == box.text and hyphen:
            setattr(box, ATTRIBUTE, "")
        elif hyphen:
            setattr(box, ATTRIBUTE, box.text[len(lead):-len(hyphen)] + rest)
        elif lead:
            setattr(box, ATTRIBUTE, box.text[len(lead):])


def _soft_hyphen(box, following) -> str:
    """The hyphenate character the line break added at the end of `box`, or ""."""
    hyphen = box.style["hyphenate_character"]
    if following is None or not hyphen or not box.text.endswith(hyphen) or box.style["hyphens"] != "auto":
        return ""
    rest = re.match(r"[^\s]*", following.text).group()
    return "" if _written_with_the_hyphen(box, hyphen, rest) else hyphen


def _written_with_the_hyphen(box, hyphen: str, rest: str) -> bool:
    start = re.search(r"[^\s]*$", box.text[:-len(hyphen)]).group()
    element = getattr(box, "element", None)
    return element is not None and f"{start}{hyphen}{rest}" in "".join(element.itertext())


def install() -> None:
    """Draw every marked text box inside a span that carries its actual text (once per process)."""
    if _INSTALLED:
        return
    import pydyf
    import weasyprint.draw as draw

    original = draw.draw_text

    def draw_text(stream, textbox, *args, **kwargs):
        actual = getattr(textbox, ATTRIBUTE, None)
        if actual is None:
            return original(stream, textbox, *args, **kwargs)
        stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(actual)}))
        try:
            return original(stream, textbox, *args, **kwargs)
        finally:
            stream.end_marked_content()

    draw.draw_text = draw_text
    _INSTALLED.append(original)
