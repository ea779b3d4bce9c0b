"""A page's reading order as braille pages: translated once, laid out, numbered."""

from __future__ import annotations

from leafpress.braille.layout import as_ascii, paginate, pieces_of
from leafpress.braille.translate import to_braille
from leafpress.html.linear import Block


def braille_pages(blocks: list[Block], table: str, cells: int, lines: int,
                  where: str = "[braille] tables") -> list[list[str]]:
    """The pages, in ASCII braille, of `blocks` translated with the liblouis `table`."""
    texts = list(dict.fromkeys(text for _, parts in pieces_of(blocks) for text, _, _ in parts if text.strip()))
    translated = {text: as_ascii(braille) for text, braille in zip(texts, to_braille(table, texts, where))}
    widest = [" " * 6] * 10000  # the page numbers are translated once the pages are counted
    count = len(paginate(blocks, translated, widest, cells, lines))
    numbers = [as_ascii(number) for number in to_braille(table, [str(n) for n in range(1, count + 1)], where)]
    pages = paginate(blocks, translated, numbers, cells, lines)
    assert len(pages) == count  # a page number sits on the last line, apart from the text
    return pages


def braille_files(blocks: list[Block], config, lang: str) -> tuple[bytes, bytes, int]:
    """(the BRF file, the same pages in Unicode braille, the number of pages) of a page in `lang`."""
    from leafpress.braille.layout import brf_bytes, unicode_braille_bytes
    from leafpress.errors import Diagnostic, RenderError, display_path

    table = config.braille.table(lang)
    if table is None:
        raise RenderError([Diagnostic(display_path(config.config_path), 0,
                                      f"[braille] tables has no liblouis table for '{lang}': add one, like "
                                      f"{lang} = \"en-us-brf.dis,<table>\" (see docs/accessibility.md)")])
    pages = braille_pages(blocks, table, config.braille.cells, config.braille.lines,
                          f"{display_path(config.config_path)}: [braille] tables")
    return brf_bytes(pages), unicode_braille_bytes(pages), len(pages)
