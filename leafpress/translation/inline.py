"""Inline Markdown as placeholders a CAT tool protects: bold, emphasis, links and images as paired
tags around translatable text (an image's is its alt text); code, comments and decorative images
as standalone tags.

A unit's text becomes a list of pieces: plain text, `Paired` (with the words inside, which are
translated) and `Standalone` (kept as written). Placeholders are numbered in source order. In
XLIFF they are `<g id="1">...</g>` and `<x id="2"/>`; in PO, `<1>...</1>` and `<2/>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

INLINE = re.compile(
    r"(?P<standalone><!--.*?-->|`[^`]+`|!\[\]\([^)]*\)(?:\{[^}]*\})?)"
    r"|!\[(?P<alt>[^\]]+)\]\((?P<image>[^)]*)\)(?P<image_attrs>\{[^}]*\})?"
    r"|\[(?P<link>[^\]]+)\]\((?P<url>[^)\s]+)\)"
    r"|(?P<strong>\*\*|__)(?P<strong_text>.+?)(?P=strong)"
    r"|(?<![\w*])(?P<em>\*|_)(?P<em_text>[^*_\s](?:[^*_]*[^*_\s])?)(?P=em)(?![\w*])")
# An allowance comment (checks/lines.py) in a unit's text: it silences a check, it is not for translating.
ALLOWANCE = re.compile(r"\s*<!--\s*leafpress:\s*allow\b.*?-->")
PO_TAG = re.compile(r"<(?P<close>/)?(?P<id>\d+)(?P<empty>/)?>")


@dataclass(frozen=True)
class Paired:
    id: int
    open: str  # the Markdown around the translatable words: '**' and '**', or '[' and '](url)'
    close: str
    words: str


@dataclass(frozen=True)
class Standalone:
    id: int
    markdown: str


Piece = str | Paired | Standalone


class PlaceholderError(ValueError):
    """A target whose placeholders do not match its source's."""


def parse(markdown: str) -> list[Piece]:
    pieces: list[Piece] = []
    position, number = 0, 0
    for match in INLINE.finditer(markdown):
        if match.start() > position:
            pieces.append(markdown[position:match.start()])
        number += 1
        if match.group("standalone"):
            pieces.append(Standalone(number, match.group("standalone")))
        elif match.group("alt"):
            pieces.append(Paired(number, "![", f"]({match.group('image')}){match.group('image_attrs') or ''}",
                                 match.group("alt")))
        elif match.group("link"):
            pieces.append(Paired(number, "[", f"]({match.group('url')})", match.group("link")))
        elif match.group("strong"):
            pieces.append(Paired(number, match.group("strong"), match.group("strong"), match.group("strong_text")))
        else:
            pieces.append(Paired(number, match.group("em"), match.group("em"), match.group("em_text")))
        position = match.end()
    if position < len(markdown):
        pieces.append(markdown[position:])
    return pieces


def to_markdown(pieces: list[Piece]) -> str:
    return "".join(p if isinstance(p, str) else p.markdown if isinstance(p, Standalone)
                   else f"{p.open}{p.words}{p.close}" for p in pieces)


def split_allowances(text: str) -> tuple[str, list[str]]:
    """(the text without its allowance comments, the comments)."""
    comments = [match.group().strip() for match in ALLOWANCE.finditer(text)]
    return " ".join(ALLOWANCE.sub(" ", text).split()), comments


def to_plain(pieces: list[Piece]) -> str:
    """The words a reader sees, without Markdown or placeholders (code keeps its text, comments go)."""
    text = "".join(p if isinstance(p, str) else p.words if isinstance(p, Paired)
                   else p.markdown.strip("`") if p.markdown.startswith("`") else "" for p in pieces)
    return " ".join(text.split())


def to_po(pieces: list[Piece]) -> str:
    return "".join(p if isinstance(p, str) else f"<{p.id}/>" if isinstance(p, Standalone)
                   else f"<{p.id}>{p.words}</{p.id}>" for p in pieces)


def from_po(text: str, source: list[Piece]) -> list[Piece]:
    """A PO target with `<1>..</1>` and `<2/>` back into pieces, using the source's placeholders."""
    tags = {p.id: p for p in source if not isinstance(p, str)}
    pieces: list[Piece] = []
    position, open_tag = 0, None
    seen = []
    for match in PO_TAG.finditer(text):
        tag_id = int(match.group("id"))
        chunk = text[position:match.start()]
        position = match.end()
        if match.group("empty"):
            pieces.append(chunk)
            pieces.append(_standalone(tag_id, tags))
            seen.append(tag_id)
        elif not match.group("close"):
            if open_tag is not None:
                raise PlaceholderError(f"placeholder <{tag_id}> opens inside <{open_tag}>")
            pieces.append(chunk)
            open_tag = tag_id
        else:
            if open_tag != tag_id:
                raise PlaceholderError(f"placeholder </{tag_id}> closes nothing")
            pieces.append(_paired(tag_id, tags, chunk))
            seen.append(tag_id)
            open_tag = None
    if open_tag is not None:
        raise PlaceholderError(f"placeholder <{open_tag}> is never closed")
    pieces.append(text[position:])
    check_same(seen, tags)
    return [p for p in pieces if p != ""]


def _paired(tag_id: int, tags: dict, words: str) -> Paired:
    tag = tags.get(tag_id)
    if not isinstance(tag, Paired):
        raise PlaceholderError(f"placeholder {tag_id} is not a paired placeholder of the source")
    return Paired(tag_id, tag.open, tag.close, words)


def _standalone(tag_id: int, tags: dict) -> Standalone:
    tag = tags.get(tag_id)
    if not isinstance(tag, Standalone):
        raise PlaceholderError(f"placeholder {tag_id} is not a standalone placeholder of the source")
    return tag


def check_same(seen: list[int], tags: dict) -> None:
    missing = sorted(set(tags) - set(seen))
    extra = sorted(i for i in set(seen) if seen.count(i) > 1)
    if missing:
        raise PlaceholderError(f"placeholder{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))} of "
                               "the source missing from the translation")
    if extra:
        raise PlaceholderError(f"placeholder {extra[0]} appears more than once")


def to_rich(pieces: list[Piece]):
    """translate-toolkit's rich string (for XLIFF): <g> around translatable words, <x/> for the rest."""
    from translate.storage.placeables import StringElem
    from translate.storage.placeables.xliff import G, X

    parts = [p if isinstance(p, str) else X(id=str(p.id)) if isinstance(p, Standalone)
             else G(id=str(p.id), sub=[p.words]) for p in pieces]
    return [StringElem(parts)]


def from_rich(rich, source: list[Piece]) -> list[Piece]:
    """An XLIFF target's rich string back into pieces, using the source's placeholders."""
    from translate.storage.placeables.xliff import G, X

    tags = {p.id: p for p in source if not isinstance(p, str)}
    pieces: list[Piece] = []
    seen: list[int] = []

    def walk(element) -> None:
        if isinstance(element, str):
            pieces.append(element)
            return
        if isinstance(element, G):
            tag_id = _number(element.id)
            pieces.append(_paired(tag_id, tags, str(element)))
            seen.append(tag_id)
            return
        if isinstance(element, X):
            tag_id = _number(element.id)
            pieces.append(_standalone(tag_id, tags))
            seen.append(tag_id)
            return
        for child in element.sub:
            walk(child)

    for element in rich:
        walk(element)
    check_same(seen, tags)
    return [p for p in pieces if p != ""]


def _number(tag_id) -> int:
    try:
        return int(tag_id)
    except (TypeError, ValueError):
        raise PlaceholderError(f"placeholder id '{tag_id}' is not one Leafpress wrote") from None
