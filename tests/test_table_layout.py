"""The stage table in print: the header never stands alone at the foot of a page, rows never split."""

from __future__ import annotations

import io

from pypdf import PdfReader

STEPS = range(30, 62, 2)  # filler paragraphs: moves the table start through the foot of page 1 and 2


def test_table_header_always_has_a_row_below_it(basic):
    basic.path("content/ru/sample.md").unlink()
    source = basic.read("content/en/sample.md")
    basic.path("content/en/sample.md").unlink()
    for index, count in enumerate(STEPS):
        filler = "\n\n".join(f"Filler paragraph {n}." for n in range(count))
        text = source.replace("[[stages]]", f"{filler}\n\n[[stages]]").replace("TST-001", f"TST-{100 + index}")
        basic.write(f"content/en/sample-{count}.md", text)
    assert basic.run("build") == 0

    positions = set()
    for count in STEPS:
        reader = PdfReader(io.BytesIO(basic.path(f"output/en/sample-{count}.pdf").read_bytes()))
        pages = [page.extract_text() for page in reader.pages]
        for number, text in enumerate(pages):
            if "Treatments" in text.split("Filler")[-1] or "Treatment stages" in text:
                # A page that shows the table's caption or header also shows a complete row.
                assert "Stage one" in text or "Stage two" in text, (count, number)
        row_pages = [n for n, text in enumerate(pages) if "Stage two" in text]
        # Both the name and the last treatment of a row are on the same page: the row is whole.
        assert all("Baclofen" in pages[n] for n in row_pages), count
        positions.add(next(n for n, text in enumerate(pages) if "Stage one" in text))
    assert len(positions) > 1, "the sweep should push the table across a page break"
