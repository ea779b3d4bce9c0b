"""A leaflet's Markdown body cut into translation units: every piece of text a patient reads.

Headings and sub-headings, paragraphs, list and checklist items, table cells, call-out titles
and the text inside call-outs, figure captions and alt text, and the text inside allowed raw
HTML. Each unit has an id made of its section and its position (`symptoms/li3`,
`urgent-help/callout1-title`, `exercises/fig2-caption`), and the character span of its text in
the file, so a changed translation is written back without touching anything else.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from leafpress.content.parts import HEADING, INTRO, group_at, section_starts
from leafpress.model import MARKER

LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+]|\d+[.)])\s+(?P<box>\[[ xX]\]\s+)?(?P<text>.*)$")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
SUB_HEADING = re.compile(r"^(?P<hashes>#{3,6})\s+(?P<title>.+?)\s*(?:\{[^}]*\})?\s*#*\s*$")
CALLOUT = re.compile(r"^!!!\s*[\w-]+\s+\"(?P<title>[^\"]*)\"\s*$")
FIGURE = re.compile(r"^\s*!\[(?P<alt>[^\]]*)\]\(\s*<?[^)\s>]+>?(?:\s+\"(?P<title>[^\"]*)\")?\s*\)(?:\{[^}]*\})?\s*$")
CALLOUT_INDENT = 4


class _Cutter:
    """Walks the body's lines once and collects the units (see units_of in segments.py)."""

    def __init__(self, text: str, body: str, body_line: int, make_unit):
        self.lines = body.split("\n")
        self.body_line = body_line
        self.make_unit = make_unit
        self.starts = []  # character offset of each body line in the file
        position = len(text) - len(body)
        for line in self.lines:
            self.starts.append(position)
            position += len(line) + 1
        self.groups = section_starts([(body_line + offset, line) for offset, line in enumerate(self.lines)])
        self.part = INTRO
        self.callout = 0  # the call-out being read (its number in the section), or 0
        self.callouts: dict[str, int] = {}
        self.counters: dict[str, int] = {}
        self.units: list = []

    def next_id(self, kind: str) -> str:
        scope = f"{self.part}/callout{self.callout}-" if self.callout else f"{self.part}/"
        key = f"{scope}{kind}"
        self.counters[key] = self.counters.get(key, 0) + 1
        return f"{key}{self.counters[key]}"

    def add(self, unit_id: str, text: str, kind: str, start: int, end: int, line: int, prefix: str = "") -> None:
        self.units.append(self.make_unit(unit_id, self.part, text, kind, start, end, line, prefix))

    def add_span(self, unit_id: str, kind: str, index: int, begin: int, end: int) -> None:
        """A unit that is the characters begin..end of body line `index`."""
        line = self.lines[index]
        if line[begin:end].strip():
            self.add(unit_id, " ".join(line[begin:end].split()), kind, self.starts[index] + begin,
                     self.starts[index] + end, self.body_line + index)

    def cut(self) -> list:
        index = 0
        while index < len(self.lines):
            index = self.step(index)
        return self.units

    def step(self, index: int) -> int:
        line = self.lines[index]
        number = self.body_line + index
        heading = HEADING.match(line)
        if heading and heading.group("id"):
            self.part, self.callout = group_at(self.groups, number), 0
            title = heading.group("title")
            begin = line.index(title)
            self.add(f"{self.part}/heading", title, "heading", self.starts[index] + begin,
                     self.starts[index] + begin + len(title), number)
            return index + 1
        if self.callout and line.strip() and not line.startswith(" " * CALLOUT_INDENT):
            self.callout = 0  # a line that is not indented ends the call-out
        callout = CALLOUT.match(line)
        if callout:
            self.callout = self.callouts[self.part] = self.callouts.get(self.part, 0) + 1
            self.add_span(f"{self.part}/callout{self.callout}-title", "callout-title", index, callout.start("title"),
                          callout.end("title"))
            return index + 1
        stripped = line.strip()
        if not stripped or MARKER.match(line) or stripped.startswith(("{:", "<!--")) or line.startswith("#"):
            sub = SUB_HEADING.match(line)
            if sub:
                self.add_span(self.next_id("h"), "heading", index, sub.start("title"), sub.end("title"))
            return index + 1
        if stripped.startswith("<"):
            return self.html_block(index)
        if TABLE_ROW.match(line):
            return self.table(index)
        figure = FIGURE.match(line)
        if figure and (index + 1 == len(self.lines) or not self.lines[index + 1].strip()):
            return self.figure(index, figure)
        item = LIST_ITEM.match(line)
        return self.item(index, item) if item else self.paragraph(index)

    def table(self, index: int) -> int:
        table = self.next_id("table")
        row = 0
        while index < len(self.lines) and TABLE_ROW.match(self.lines[index]):
            if not TABLE_RULE.match(self.lines[index]):
                row += 1
                pipes = [m.start() for m in re.finditer(r"(?<!\\)\|", self.lines[index])]
                for column, (left, right) in enumerate(zip(pipes, pipes[1:]), start=1):
                    cell = self.lines[index][left + 1:right]
                    self.add(f"{table}-r{row}-c{column}", cell.strip(), "cell", self.starts[index] + left + 1,
                             self.starts[index] + right, self.body_line + index)
            index += 1
        return index

    def figure(self, index: int, figure: re.Match) -> int:
        number = self.next_id("fig")
        self.add_span(f"{number}-alt", "alt", index, figure.start("alt"), figure.end("alt"))
        if figure.group("title") is not None:
            self.add_span(f"{number}-caption", "caption", index, figure.start("title"), figure.end("title"))
        return index + 1

    def item(self, index: int, item: re.Match) -> int:
        end = index + 1
        while end < len(self.lines) and self.lines[end].strip() and self.lines[end].startswith(" ") \
                and not LIST_ITEM.match(self.lines[end]) and not CALLOUT.match(self.lines[end]):
            end += 1
        first = item.group("text")
        rest = [self.lines[i].strip() for i in range(index + 1, end)]
        prefix = self.lines[index][:len(self.lines[index]) - len(first)]
        kind = "checklist" if item.group("box") else "item"
        self.add(self.next_id("li"), " ".join([first, *rest]).strip(), kind, self.starts[index] + len(prefix),
                 self.starts[end - 1] + len(self.lines[end - 1]), self.body_line + index, prefix)
        return end

    def paragraph(self, index: int) -> int:
        end = index + 1
        lines = self.lines
        while end < len(lines) and lines[end].strip() and not LIST_ITEM.match(lines[end]) \
                and not HEADING.match(lines[end]) and not TABLE_ROW.match(lines[end]) and not MARKER.match(lines[end]) \
                and not CALLOUT.match(lines[end]) and not (self.callout and not lines[end].startswith(" ")):
            end += 1
        joined = " ".join(lines[i].strip() for i in range(index, end))
        indent = lines[index][:len(lines[index]) - len(lines[index].lstrip())]
        self.add(self.next_id("p"), joined, "paragraph", self.starts[index] + len(indent),
                 self.starts[end - 1] + len(lines[end - 1]), self.body_line + index, indent)
        return end

    def html_block(self, index: int) -> int:
        """Raw HTML up to the next blank line: each run of text, and each image's alt text, is a unit."""
        end = index
        while end < len(self.lines) and self.lines[end].strip():
            end += 1
        block = "\n".join(self.lines[index:end])
        scope = self.next_id("html")
        for number, (begin, finish, kind) in enumerate(_html_texts(block), start=1):
            text = block[begin:finish]
            first = index + block.count("\n", 0, begin)
            self.add(f"{scope}-{number}", " ".join(text.split()), kind, self.starts[index] + begin,
                     self.starts[index] + finish, self.body_line + first)
        return end


class _Texts(HTMLParser):
    """Where the text runs and alt attributes of an HTML block are, as character offsets."""

    def __init__(self, block: str):
        super().__init__(convert_charrefs=False)
        self.block = block
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", block)]
        self.found: list[tuple[int, int, str]] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_data(self, data: str) -> None:
        if data.strip():
            begin = self.position() + len(data) - len(data.lstrip())
            self.found.append((begin, begin + len(data.strip()), "html"))

    def handle_starttag(self, tag: str, attrs) -> None:
        raw = self.get_starttag_text() or ""
        alt = re.search(r"\balt\s*=\s*(\"([^\"]*)\"|'([^']*)')", raw)
        if alt and (alt.group(2) or alt.group(3) or "").strip():
            group = 2 if alt.group(2) is not None else 3
            self.found.append((self.position() + alt.start(group), self.position() + alt.end(group), "alt"))


def _html_texts(block: str) -> list[tuple[int, int, str]]:
    parser = _Texts(block)
    parser.feed(block)
    parser.close()
    return sorted(parser.found)


def body_units(text: str, body: str, body_line: int, make_unit) -> list:
    """The units of a body; `make_unit(id, part, text, kind, start, end, line, prefix)` builds each."""
    return _Cutter(text, body, body_line, make_unit).cut()
