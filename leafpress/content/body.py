"""A leaflet's Markdown body read for its structure: sections, markers, pictures and call-outs, each checked.

- Sections are level-2 headings with an id that stays the same in every language.
- Markers are lines of their own: `[[stages]]` (at most once) and `[[notes 8]]`.
- Pictures are files inside the content folder with alt text, or marked decorative.
- Call-outs (`!!! urgent "Get help urgently"`) are of a known kind and have a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from leafpress.content.images import image_problem
from leafpress.content.parts import HEADING
from leafpress.errors import Diagnostic
from leafpress.model import MARKER, MAX_NOTE_LINES, NOTES_MARKER, STAGES_MARKER, Section

CALLOUT_KINDS = ("urgent", "important", "tip")
FIGURE_WIDTHS = ("25%", "33%", "50%", "66%", "75%", "100%")
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+\"(?P<title>[^\"]*)\")?\s*\)"
                            r"(?P<attrs>\{[^}]*\})?")
HTML_IMAGE = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
HTML_ATTRIBUTE = re.compile(r"\b(?P<name>src|alt|class)\s*=\s*(?:\"(?P<q>[^\"]*)\"|'(?P<s>[^']*)'|(?P<u>[^\s>]+))",
                            re.IGNORECASE)
CALLOUT = re.compile(r"^!!!\s*(?P<kind>[\w-]*)(?:\s+\"(?P<title>[^\"]*)\")?\s*$")
WIDTH = re.compile(r"\bwidth\s*=\s*[\"']?(?P<width>[^\s\"'}]+)")


@dataclass(frozen=True)
class Body:
    sections: tuple[Section, ...]
    stage_marker: int | None  # the line of `[[stages]]`, if the body has one


def scan_body(body: str, body_line: int, path: str, lang_dir: Path, content_dir: Path, fallback_dir: Path | None,
              problems: list[Diagnostic], check_images: bool = True, limits=None) -> Body:
    """The body's sections and stage marker; every problem found is added to `problems`."""
    sections: list[tuple[str, str, int, list[str]]] = []
    markers: list[int] = []
    for offset, line in enumerate(body.split("\n")):
        number = body_line + offset
        stripped = line.strip()
        if MARKER.match(line):
            problem = _marker_problem(stripped)
            if problem:
                problems.append(Diagnostic(path, number, problem))
            elif stripped == STAGES_MARKER:
                markers.append(number)
        heading = HEADING.match(line)
        if heading:
            if not heading.group("id"):
                problems.append(Diagnostic(path, number, f"section heading '{heading.group('title')}' needs an "
                                                         "id that stays the same in every language: add "
                                                         "{#some-id} at its end"))
            sections.append((heading.group("id") or "", heading.group("title"), number, []))
        elif sections:
            sections[-1][3].append(line)
        callout = CALLOUT.match(stripped) if stripped.startswith("!!!") else None
        if callout:
            problem = _callout_problem(callout)
            if problem:
                problems.append(Diagnostic(path, number, problem))
        if check_images and ("![" in line or "<img" in line.lower()):
            for problem in _image_problems(line, lang_dir, content_dir, fallback_dir, limits):
                problems.append(Diagnostic(path, number, problem))
    for extra in markers[1:]:
        problems.append(Diagnostic(path, extra, f"'{STAGES_MARKER}' appears more than once"))
    seen: dict[str, int] = {}
    for section_id, _, number, _ in sections:
        if section_id and section_id in seen:
            problems.append(Diagnostic(path, number, f"section id '{section_id}' is already used on "
                                                     f"line {seen[section_id]}"))
        seen.setdefault(section_id, number)
    found = tuple(Section(id=i, title=t, line=n, text="\n".join(lines).strip()) for i, t, n, lines in sections)
    return Body(found, markers[0] if markers else None)


def picture_sources(body: str) -> list[str]:
    """Every picture address the body names, Markdown or HTML: what its checks read besides the file."""
    found = []
    if "![" not in body and "<img" not in body.lower():  # most leaflets: no line to look at
        return found
    for line in body.split("\n"):
        if "![" in line or "<img" in line.lower():
            found += [match.group("src") for match in MARKDOWN_IMAGE.finditer(line)]
            for match in HTML_IMAGE.finditer(line):
                found += [next(v for v in m.group("q", "s", "u") if v is not None)
                          for m in HTML_ATTRIBUTE.finditer(match.group("attrs")) if m.group("name").lower() == "src"]
    return found


def _marker_problem(marker: str) -> str | None:
    if marker == STAGES_MARKER:
        return None
    notes = NOTES_MARKER.fullmatch(marker)
    if notes:
        count = int(notes.group(1) or 1)
        if not 1 <= count <= MAX_NOTE_LINES:
            return f"'{marker}': a notes space has 1 to {MAX_NOTE_LINES} lines"
        return None
    return f"unknown marker '{marker}'; the markers are '{STAGES_MARKER}' and '[[notes 8]]' (a space of 8 lines)"


def _callout_problem(callout: re.Match) -> str | None:
    kinds = ", ".join(CALLOUT_KINDS)
    if callout.group("kind") not in CALLOUT_KINDS:
        return f"call-out '{callout.group('kind')}' is not a kind Leafpress prints; use one of {kinds}"
    if not (callout.group("title") or "").strip():
        return (f"call-out '{callout.group('kind')}' needs a title, translated with the text: "
                f"!!! {callout.group('kind')} \"Get help urgently\"")
    return None


def _image_problems(line: str, lang_dir: Path, content_dir: Path, fallback_dir: Path | None,
                    limits=None) -> list[str]:
    found = []
    for match in MARKDOWN_IMAGE.finditer(line):
        src, alt, attrs = match.group("src"), match.group("alt").strip(), match.group("attrs") or ""
        problem = image_problem(src, lang_dir, content_dir, fallback_dir, limits)
        if problem:
            found.append(problem)
        decorative = re.search(r"(?<![\w-])\.decorative\b", attrs) is not None
        if not alt and not decorative:
            found.append(f"image '{src}' needs alt text that says what it shows, ![A person bending forward]({src}), "
                         f"or, if it only decorates, {{.decorative}} after it: ![]({src}){{.decorative}}")
        width = WIDTH.search(attrs)
        if width and width.group("width") not in FIGURE_WIDTHS:
            found.append(f"image '{src}': width '{width.group('width')}' is not one of {', '.join(FIGURE_WIDTHS)} "
                         "(a share of the column)")
    for match in HTML_IMAGE.finditer(line):
        values = {m.group("name").lower(): next(v for v in m.group("q", "s", "u") if v is not None)
                  for m in HTML_ATTRIBUTE.finditer(match.group("attrs"))}
        src = values.get("src", "")
        problem = image_problem(src, lang_dir, content_dir, fallback_dir, limits)
        if problem:
            found.append(problem)
        if not values.get("alt", "").strip() and "decorative" not in values.get("class", "").split():
            found.append(f"image '{src}' needs alt text: <img src=\"{src}\" alt=\"what it shows\">, or "
                         "class=\"decorative\" if it only decorates")
    return found
