"""Booklet imposition: A5 pages two-up on A4 landscape sheets, in saddle-stitch order (pypdf)."""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject, TextStringObject

from leafpress.errors import RenderError


A4_LANDSCAPE = (841.89, 595.28)  # points


def saddle_stitch_order(page_count: int, right_to_left: bool = False) -> list[tuple[int | None, int | None]]:
    """(left, right) page indexes for each printed side; None is a blank page.

    Pages are padded to a multiple of four. Side 2k is the front of sheet k,
    side 2k+1 its back; folding the stack in half gives pages 1..n in order.
    A right-to-left booklet opens the other way, so each side is mirrored.
    """
    total = -(-page_count // 4) * 4
    pad = lambda index: index if index < page_count else None  # noqa: E731
    sides = []
    for sheet in range(total // 4):
        sides.append((pad(total - 1 - 2 * sheet), pad(2 * sheet)))
        sides.append((pad(2 * sheet + 1), pad(total - 2 - 2 * sheet)))
    return [(right, left) for left, right in sides] if right_to_left else sides


def impose_booklet(a5_pdf: bytes, shown_path: str, right_to_left: bool = False) -> tuple[bytes, int]:
    """Return the imposed PDF (with the A5 edition's metadata and language) and its printed sides."""
    reader = PdfReader(io.BytesIO(a5_pdf))
    if not reader.pages:
        raise RenderError.at(shown_path, 0, "cannot make a booklet: the A5 edition has no pages")
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    # The sheet is A4 landscape (297 mm), a little wider than two A5 pages (2 x 148 mm):
    # the pages meet at the fold, in the middle of the sheet.
    sheet_width, sheet_height = max(A4_LANDSCAPE[0], 2 * width), max(A4_LANDSCAPE[1], height)
    fold = sheet_width / 2
    writer = PdfWriter()
    for left, right in saddle_stitch_order(len(reader.pages), right_to_left):
        side = PageObject.create_blank_page(width=sheet_width, height=sheet_height)
        for index, offset in ((left, fold - width), (right, fold)):
            if index is not None:
                side.merge_transformed_page(reader.pages[index], Transformation().translate(tx=offset))
        writer.add_page(side)
    writer.add_metadata(dict(reader.metadata or {}))
    if "/Lang" in reader.trailer["/Root"]:
        writer._root_object[NameObject("/Lang")] = TextStringObject(reader.trailer["/Root"]["/Lang"])
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), len(writer.pages)
