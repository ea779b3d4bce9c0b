"""Booklet imposition: A5 pages two-up on A4 landscape sheets, in saddle-stitch order (pikepdf).

Each A5 page is placed on its sheet whole, as a form XObject (qpdf's own
placement), so its content stream is copied, not parsed and rewritten.
"""

from __future__ import annotations

import io

from leafpress import __version__
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


def _copy_links(booklet, page, side, offset: float) -> None:
    """The page's link annotations on the sheet, moved with the page: a booklet's links stay clickable.

    The booklet has no structure tree (its sheets are not in reading order), so the links lose
    their place in one.
    """
    import pikepdf

    for annotation in page.get("/Annots", []):
        if annotation.get("/Subtype") != "/Link":
            continue
        link = booklet.copy_foreign(annotation)
        for key in ("/P", "/StructParent"):
            if key in link:
                del link[key]
        x1, y1, x2, y2 = (float(value) for value in link.Rect)
        link.Rect = pikepdf.Array([x1 + offset, y1, x2 + offset, y2])
        if "/Annots" not in side:
            side.Annots = booklet.make_indirect(pikepdf.Array())
        side.Annots.append(booklet.make_indirect(link))


def impose_booklet(a5_pdf: bytes, shown_path: str, right_to_left: bool = False) -> tuple[bytes, int]:
    """Return the imposed PDF (with the A5 edition's metadata and language) and its printed sides."""
    import pikepdf

    source = pikepdf.open(io.BytesIO(a5_pdf))
    if not source.pages:
        raise RenderError.at(shown_path, 0, "cannot make a booklet: the A5 edition has no pages")
    width, height = (float(value) for value in source.pages[0].mediabox[2:])
    # The sheet is A4 landscape (297 mm), a little wider than two A5 pages (2 x 148 mm):
    # the pages meet at the fold, in the middle of the sheet.
    sheet_width, sheet_height = max(A4_LANDSCAPE[0], 2 * width), max(A4_LANDSCAPE[1], height)
    fold = sheet_width / 2
    booklet = pikepdf.new()
    for left, right in saddle_stitch_order(len(source.pages), right_to_left):
        side = booklet.add_blank_page(page_size=(sheet_width, sheet_height))
        placements = []
        for index, offset in ((left, fold - width), (right, fold)):
            if index is None:
                continue
            # Named by page number (add_overlay would pick a random name): the same input, the same bytes.
            form = booklet.copy_foreign(source.pages[index].as_form_xobject())
            name = pikepdf.Name(f"/Page{index + 1}")
            side.add_resource(form, pikepdf.Name.XObject, name)
            placements.append(side.calc_form_xobject_placement(form, name,
                                                               pikepdf.Rectangle(offset, 0, offset + width, height)))
            _copy_links(booklet, source.pages[index], side, offset)
        # One content stream per side, never an empty one: qpdf writes an empty stream as zero bytes of Flate
        # data, which is no valid zlib stream (MuPDF and Ghostscript report it).
        side.Contents = booklet.make_stream(b"".join(placements) or b"% a blank page\n")
    booklet.docinfo = booklet.copy_foreign(source.docinfo)
    # The sheets are Leafpress's work, not the renderer's: a preflight report should say so.
    producer = str(source.docinfo.get("/Producer", ""))
    booklet.docinfo.Producer = f"{producer}; imposed by Leafpress {__version__} with pikepdf".lstrip("; ")
    if "/Lang" in source.Root:
        booklet.Root.Lang = source.Root.Lang
    output = io.BytesIO()
    booklet.save(output, deterministic_id=True)
    return output.getvalue(), len(booklet.pages)
