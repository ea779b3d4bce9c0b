"""Booklet imposition: saddle-stitch order, blanks, sheet size, and what lands where."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from leafpress.errors import RenderError
from leafpress.pdf.impose import impose_booklet, saddle_stitch_order


@given(st.integers(min_value=1, max_value=80), st.booleans())
def test_every_page_once_and_blanks_only_to_reach_a_multiple_of_four(pages, rtl):
    sides = saddle_stitch_order(pages, rtl)
    slots = [index for side in sides for index in side]
    assert len(slots) % 4 == 0 and len(slots) - pages < 4
    assert sorted(i for i in slots if i is not None) == list(range(pages))


def test_eight_pages_fold_into_order():
    # Sheet 1 front: 8|1, back: 2|7; sheet 2 front: 6|3, back: 4|5 (1-based).
    assert saddle_stitch_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    assert saddle_stitch_order(8, right_to_left=True) == [(0, 7), (6, 1), (2, 5), (4, 3)]


def a5_pdf(pages: int) -> bytes:
    from weasyprint import HTML

    body = "".join(f'<p style="break-after: page">Page{n}</p>' for n in range(1, pages + 1))
    return HTML(string=f"<style>@page {{ size: A5 }}</style>{body}").write_pdf()


def halves(data: bytes) -> list[tuple[str, str]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        result = []
        for page in pdf.pages:
            middle = page.width / 2
            left = page.crop((0, 0, middle, page.height)).extract_text().strip()
            right = page.crop((middle, 0, page.width, page.height)).extract_text().strip()
            result.append((left, right))
        return result


def test_five_pages_become_two_sheets_with_three_blanks():
    data, sides = impose_booklet(a5_pdf(5), "x.md")
    assert sides == 4
    assert halves(data) == [("", "Page1"), ("Page2", ""), ("", "Page3"), ("Page4", "Page5")]
    for page in PdfReader(io.BytesIO(data)).pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((841.89, 595.28), abs=0.01)


def test_no_pages_is_an_error():
    from pypdf import PdfWriter

    empty = io.BytesIO()
    PdfWriter().write(empty)
    with pytest.raises(RenderError) as caught:
        impose_booklet(empty.getvalue(), "content/en/x.md")
    assert str(caught.value) == "content/en/x.md: cannot make a booklet: the A5 edition has no pages"
