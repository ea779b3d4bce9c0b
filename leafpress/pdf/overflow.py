"""Text that would not be printed: a line that runs past the page's content box (into the margin, or off
the paper) after layout. The stylesheet wraps long words (html/blocks.py marks them), so this is a last
net: each case is a warning naming the Markdown file and the line that holds the text."""

from __future__ import annotations

from pathlib import Path

from leafpress.errors import Diagnostic

TOLERANCE = 2  # CSS pixels: a glyph's overhang is not an overflow


def overflowing_text(document, shown_path: str) -> list[Diagnostic]:
    from weasyprint.formatting_structure import boxes

    found = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box  # not public API: WeasyPrint is pinned (requirements.lock)
        left = page_box.content_box_x()
        right = left + page_box.width
        for box in page_box.descendants():
            if isinstance(box, boxes.TextBox) and box.text.strip() and (
                    box.position_x + box.width > right + TOLERANCE or box.position_x < left - TOLERANCE):
                text = box.text.strip()
                found.append(Diagnostic(shown_path, _line_of(shown_path, text),
                                        f"page {number}: text runs past the edge of the page and would not be "
                                        f"printed whole: '{text[:60]}'", "warning"))
    return found


def _line_of(shown_path: str, text: str) -> int:
    """The first line of the Markdown file that holds the start of `text` (0 when it cannot be told)."""
    try:
        lines = Path(shown_path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    needle = text.split()[0][:20] if text.split() else text
    return next((number for number, line in enumerate(lines, start=1) if needle in line), 0)
