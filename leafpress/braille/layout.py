"""Braille pages, as transcribers lay them out, and the BRF file.

- Lines of at most `cells` cells, pages of at most `lines` lines; the last line of each page
  holds its braille page number at the right margin; a form feed ends each page.
- Headings of level 1 and 2 are centred, with a blank line before them; lower headings start in
  cell 5. A heading is never the last line of a page's text.
- Paragraphs start in cell 3 and run over to cell 1 (3-1). List items, table rows and the
  governance fields start in cell 1 and run over to cell 3 (1-3); a table row's later cells
  (its goal, its treatments) start in cell 3 and run over to cell 5.
- A call-out is framed by box lines of full cells (dots 2-3-5-6, '7' in BRF).
"""

from __future__ import annotations

from dataclasses import dataclass

from leafpress.html.linear import Block

BOX_CELL = "7"  # dots 2-3-5-6 in North American braille ASCII: the transcribers' box line


@dataclass(frozen=True)
class Piece:
    """One unit to lay out: braille text with its first-line and runover indents (in cells)."""

    text: str
    first: int = 0
    runover: int = 0
    kind: str = "text"  # text, heading (centred), box, blank
    keep_with_next: bool = False


def pieces_of(blocks: list[Block]) -> list[tuple[Block, list[tuple[str, int, int]]]]:
    """The print text of each block, as (text, first indent, runover indent) lines to translate."""
    laid = []
    for block in blocks:
        if block.kind == "heading":
            laid.append((block, [(block.text, 0, 0)]))
        elif block.kind == "paragraph" or block.kind == "picture":
            laid.append((block, [(block.text, 2, 0)]))
        elif block.kind == "item":
            indent = 2 * (block.level - 1)
            text = f"{block.marker} {block.text}" if block.marker and block.marker != "•" else block.text
            laid.append((block, [(text, indent, indent + 2)]))
        elif block.kind == "row":
            lines = []
            for number, (column, text) in enumerate(block.cells):
                label = f"{column}: {text}" if column else text
                lines.append((label, 0, 2) if number == 0 else (label, 2, 4))
            laid.append((block, lines))
        elif block.kind == "field":
            laid.append((block, [(f"{block.marker}: {block.text}" if block.marker else block.text, 0, 2)]))
        else:
            laid.append((block, []))
    return laid


def wrap(text: str, cells: int, first: int, runover: int) -> list[str]:
    """Braille text in lines of at most `cells`, breaking at spaces (a word longer than a line is split)."""
    lines: list[str] = []
    current = " " * first
    indent = first
    for word in text.split(" "):
        if not word:
            continue
        while True:
            room = cells - len(current) - (0 if current.strip() == "" else 1)
            if len(word) <= room:
                current = (current + " " + word) if current.strip() else current + word
                break
            if current.strip():
                lines.append(current)
                indent = runover
                current = " " * indent
                continue
            # A word longer than a whole line: split it, with a hyphen at the end of each piece.
            take = cells - len(current) - 1
            lines.append(current + word[:take] + "-")
            word = word[take:]
            indent = runover
            current = " " * indent
    if current.strip():
        lines.append(current)
    return lines


def centred(text: str, cells: int) -> list[str]:
    lines = wrap(text, cells - 4, 0, 0)  # a centred heading keeps two cells clear on each side
    return [" " * ((cells - len(line)) // 2) + line for line in lines]


def paginate(blocks: list[Block], translated: dict[str, str], page_numbers: list[str], cells: int,
             lines: int) -> list[list[str]]:
    """The pages of the document: each a list of at most `lines` lines of at most `cells` cells."""
    body_lines = lines - 1
    runs: list[tuple[list[str], bool, bool]] = []  # (lines, blank line before, keep with next)
    for block, parts in pieces_of(blocks):
        if block.kind in ("box-start", "box-end"):
            runs.append(([BOX_CELL * cells], False, block.kind == "box-start"))
            continue
        laid: list[str] = []
        for text, first, runover in parts:
            braille = translated[text]
            if block.kind == "heading" and block.level <= 2:
                laid += centred(braille, cells)
            elif block.kind == "heading":
                laid += wrap(braille, cells, 4, 4)
            else:
                laid += wrap(braille, cells, first, runover)
        if laid:
            runs.append((laid, block.kind == "heading" and block.level <= 2, block.kind == "heading"))
    pages: list[list[str]] = [[]]
    for number, (laid, blank_before, keep) in enumerate(runs):
        page = pages[-1]
        needed = len(laid) + (1 if blank_before and page else 0)
        # A heading stays with what follows it: with all of it if that fits on a page, or its first line.
        following = len(runs[number + 1][0]) if keep and number + 1 < len(runs) else 0
        following = following if following <= body_lines else 1
        if page and len(page) + needed + following > body_lines:
            pages.append([])
            page = pages[-1]
        if blank_before and page:
            page.append("")
        for line in laid:
            if len(page) >= body_lines:
                pages.append([])
                page = pages[-1]
            page.append(line)
    finished = []
    for index, page in enumerate(pages):
        number = page_numbers[index]
        padded = page + [""] * (body_lines - len(page))
        finished.append(padded + [" " * (cells - len(number)) + number])
    return finished


# The 64 cells of six-dot braille, U+2800 to U+283F, as North American braille ASCII writes them.
NABCC = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
TO_ASCII = {chr(0x2800 + dots): char for dots, char in enumerate(NABCC)}
TO_UNICODE = {char: chr(0x2800 + dots) for dots, char in enumerate(NABCC)}


def as_ascii(braille: str) -> str:
    """Braille as BRF's ASCII, upper case; a Unicode braille cell (some tables write them) becomes its letter."""
    return "".join(TO_ASCII.get(char, char) for char in braille.upper())


def brf_bytes(pages: list[list[str]]) -> bytes:
    """A BRF file: lines ending CR LF, a form feed after each page, ASCII only."""
    text = "".join("\r\n".join(line.rstrip() for line in page) + "\r\n\f" for page in pages)
    return text.encode("ascii", errors="replace")


def unicode_braille_bytes(pages: list[list[str]]) -> bytes:
    """The same pages in Unicode braille (U+2800...), for screens and refreshable displays: UTF-8, LF."""
    text = "".join("\n".join("".join(TO_UNICODE.get(char, char) for char in line.rstrip()) for line in page)
                   + "\n\f" for page in pages)
    return text.encode("utf-8")
