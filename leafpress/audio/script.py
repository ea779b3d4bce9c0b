"""What the audio edition says: a page's reading order in chapters, as speech markup and as a transcript.

The first chapter is the introduction: the leaflet's title, its ID and version, its summary and
any draft or review mark. Then one chapter per section, in order (call-outs and the stage table
inside the section they stand in), and last the contact details and the governance block.
Lists are read item by item, and the stage table row by row (the stage, then its goal, then its
treatments, each with its column's name), with pauses between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from leafpress.content.pronunciation import Pronunciations
from leafpress.html.linear import Block

PAUSE_MS = {"heading": 700, "paragraph": 450, "item": 350, "row": 500, "field": 350, "picture": 450}


@dataclass(frozen=True)
class Chapter:
    title: str
    speech: str  # SSML for espeak-ng (-m)
    transcript: tuple[str, ...]  # the lines it says, in the leaflet's own words


def sentence(text: str) -> str:
    """The text ending as a sentence, so the voice drops and pauses at its end."""
    return text if text.endswith((".", "!", "?", "؟", "…", ":", ";")) else f"{text}."


def spoken_lines(block: Block) -> list[str]:
    if block.kind in ("heading", "paragraph", "picture"):
        return [block.text]
    if block.kind == "item":
        return [f"{block.marker} {block.text}" if block.marker and block.marker != "•" else block.text]
    if block.kind == "row":
        return [sentence(f"{column}: {text}" if column else text) for column, text in block.cells]
    if block.kind == "field":
        return [sentence(f"{block.marker}: {block.text}") if block.marker else block.text]
    return []


def chapters(blocks: list[Block], lang: str, pronunciations: Pronunciations) -> list[Chapter]:
    """The chapters of a page: introduction, its sections, contact and details."""
    fields = {block.marker: block.text for block in blocks if block.kind == "field"}
    title = next((block.text for block in blocks if block.kind == "heading" and block.level == 1), "")
    groups: list[tuple[str, list[Block]]] = []
    for block in blocks:
        if not groups or (block.section and block.section != groups[-1][0]):
            groups.append((block.section, []))
        groups[-1][1].append(block)
    found = []
    for index, (section, members) in enumerate(groups):
        lines: list[tuple[str, int]] = []
        if index == 0:
            heading = next((b for b in members if b.kind == "heading" and b.level == 1), None)
            if heading is not None:
                lines.append((heading.text, PAUSE_MS["heading"]))
            # The introduction names the leaflet and its version, in the page's own words for them.
            lines += [(sentence(f"{label}: {value}"), PAUSE_MS["field"]) for label, value in list(fields.items())[:2]]
            members = [b for b in members if b is not heading]
        for block in members:
            lines += [(line, PAUSE_MS.get(block.kind, 400)) for line in spoken_lines(block)]
        if not lines:
            continue
        speech = "".join(f"{escape(pronunciations.apply(line))}<break time=\"{pause}ms\"/>" for line, pause in lines)
        found.append(Chapter(section or title, f'<speak xml:lang="{escape(lang)}">{speech}</speak>',
                             tuple(line for line, _ in lines)))
    return found
