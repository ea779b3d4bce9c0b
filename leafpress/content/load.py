"""Load content: find `content/<lang>/<slug>.md`, read each file's front matter and body."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import yaml

from leafpress import files
from leafpress.config import SiteConfig
from leafpress.content import frontmatter as fm
from leafpress.content.parts import HEADING
from leafpress.editions import BUILT_IN_NAMES
from leafpress.errors import ContentError, Diagnostic, display_path
from leafpress.model import STAGES_MARKER, UNTRANSLATED, Approval, Leaflet, Section, Stage

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
IMAGE_URLS = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<md>[^)\s>]+)|<img\b[^>]*\bsrc\s*=\s*[\"']?(?P<html>[^\"'\s>]+)",
                        re.IGNORECASE)

STAGE_SCHEMA = [
    fm.Field("name", fm.text, "Short name of the stage, e.g. 'Stage 1: relieve pain'."),
    fm.Field("goal", fm.text, "What this stage aims to achieve, in one sentence."),
    fm.Field("treatments", fm.list_of(fm.text, "treatments"), "The treatments used in this stage."),
]


def _read_stages(first_line: int, path: str, problems: list[Diagnostic]):
    def read(node: yaml.Node) -> tuple[Stage, ...]:
        if not isinstance(node, yaml.SequenceNode):
            raise fm.FieldError(node, "must be a list of stages, each with name, goal and treatments")
        if not node.value:
            raise fm.FieldError(node, "must list at least one stage")
        stages = []
        for number, item in enumerate(node.value, start=1):
            entries = fm.mapping(item, f"stage {number}")
            values = fm.check_fields(STAGE_SCHEMA, entries, item, f" in stage {number}",
                                     path, first_line, problems)
            if len(values) == len(STAGE_SCHEMA):
                stages.append(Stage(line=fm.line_of(item, first_line), **values))
        return tuple(stages)
    return read


HISTORY_SCHEMA = [
    fm.Field("version", fm.text, "The version that was approved."),
    fm.Field("date", fm.a_date, "The day it was approved (YYYY-MM-DD)."),
    fm.Field("approved_by", fm.text, "Who approved it: name and role."),
    fm.Field("summary", fm.text, "One line: what changed in this version."),
]


def _read_history(first_line: int, path: str, problems: list[Diagnostic]):
    def read(node: yaml.Node) -> tuple[Approval, ...]:
        if not isinstance(node, yaml.SequenceNode):
            raise fm.FieldError(node, "must be a list of approved versions (written by 'leafpress approve')")
        entries = []
        for number, item in enumerate(node.value, start=1):
            values = fm.check_fields(HISTORY_SCHEMA, fm.mapping(item, f"history entry {number}"), item,
                                     f" in history entry {number}", path, first_line, problems)
            if len(values) == len(HISTORY_SCHEMA):
                entries.append(Approval(**values))
        return tuple(entries)
    return read


def _read_fingerprints(node: yaml.Node) -> dict[str, str]:
    entries = fm.mapping(node, "'approved_text'")
    return {name: fm.text(value) for name, (_, value) in entries.items()}


def _read_translated_from(node: yaml.Node) -> dict[str, str] | str:
    if isinstance(node, yaml.ScalarNode) and node.value == UNTRANSLATED:
        return UNTRANSLATED
    entries = fm.mapping(node, "'translated_from'")
    return {name: fm.text(value) for name, (_, value) in entries.items()}


def front_matter_schema(first_line: int, path: str, problems: list[Diagnostic],
                        edition_names: tuple[str, ...] = BUILT_IN_NAMES) -> list[fm.Field]:
    """The keys of a leaflet's front matter, each with its one-line doc."""
    return [
        fm.Field("title", fm.text, "Title of the leaflet, as patients see it."),
        fm.Field("leaflet_id", fm.text, "ID the clinic files the leaflet under; the same in every language."),
        fm.Field("version", fm.text, "Version of this text, e.g. '1.2'."),
        fm.Field("status", fm.one_of("draft", "approved"), "'draft' until a clinician approves it."),
        fm.Field("published", fm.a_date, "Date this version was published (YYYY-MM-DD)."),
        fm.Field("next_review", fm.a_date, "Date by which the leaflet must be reviewed again."),
        fm.Field("owner", fm.text, "Department or person responsible for the content."),
        fm.Field("sources", fm.list_of(fm.text, "sources"), "What the content is based on."),
        fm.Field("stages", _read_stages(first_line, path, problems), "The treatment-stage table."),
        fm.Field("summary", fm.text, "One sentence describing the leaflet (PDF subject).", required=False),
        fm.Field("editions", fm.list_of(fm.one_of(*edition_names), "edition names"),
                 "Editions to build for this leaflet, instead of the site's [editions] build.", required=False),
        fm.Field("translated_from", _read_translated_from, "Translations only: hashes of the source parts "
                 "this text was translated from; written by `leafpress mark-translated`.", required=False),
        fm.Field("approved_by", fm.text, "Who approved this text (name, role); written by `leafpress approve`.",
                 required=False),
        fm.Field("approved_on", fm.a_date, "When this text was approved; written by `leafpress approve`.",
                 required=False),
        fm.Field("approved_text", _read_fingerprints, "Hashes of the approved text, per part; written by "
                 "`leafpress approve`: never edit them by hand.", required=False),
        fm.Field("history", _read_history(first_line, path, problems), "The source's approved versions, each "
                 "with version, date, approved_by and summary; `leafpress approve` adds to it.", required=False),
    ]


def decode(raw: bytes, path: str) -> str:
    """UTF-8 text with a BOM dropped, CRLF/CR line endings made LF and control characters refused."""
    return files.decode(raw, path, ContentError)


def _scan_body(body: str, body_line: int, path: str, lang_dir: Path, content_dir: Path,
               problems: list[Diagnostic], check_images: bool = True) -> tuple[Section, ...]:
    """Find sections, the stage-table marker and image references, checking each."""
    sections: list[tuple[str, str, int, list[str]]] = []
    markers: list[int] = []
    for offset, line in enumerate(body.split("\n")):
        number = body_line + offset
        if line.strip() == STAGES_MARKER:
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
        for match in IMAGE_URLS.finditer(line) if check_images else ():
            problem = check_image_url(match.group("md") or match.group("html"), lang_dir, content_dir)
            if problem:
                problems.append(Diagnostic(path, number, problem))
    if not markers:
        problems.append(Diagnostic(path, body_line, f"the body has no '{STAGES_MARKER}' line: put it "
                                                    "where the treatment-stage table belongs"))
    for extra in markers[1:]:
        problems.append(Diagnostic(path, extra, f"'{STAGES_MARKER}' appears more than once"))
    seen: dict[str, int] = {}
    for section_id, _, number, _ in sections:
        if section_id and section_id in seen:
            problems.append(Diagnostic(path, number, f"section id '{section_id}' is already used on "
                                                     f"line {seen[section_id]}"))
        seen.setdefault(section_id, number)
    return tuple(Section(id=i, title=t, line=n, text="\n".join(lines).strip())
                 for i, t, n, lines in sections)


def check_image_url(url: str, lang_dir: Path, content_dir: Path) -> str | None:
    """Why an image URL is not allowed, or None: images must be files inside the content folder."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return f"image '{url}' points to the network or another scheme; use a file inside the content folder"
    if parts.path.startswith("/") or "\\" in parts.path:
        return f"image '{url}' is an absolute path; use a path relative to this file"
    target = (lang_dir / PurePosixPath(unquote(parts.path))).resolve()
    if not target.is_relative_to(content_dir):
        return f"image '{url}' points outside the content folder"
    if not target.is_file():
        return f"image '{url}' does not exist"
    return None


@files.memo_by_file(lambda path, lang, config, display_root=None: [path])
def load_leaflet(path: Path, lang: str, config: SiteConfig, display_root: Path | None = None) -> Leaflet:
    """Read one content file; raise ContentError listing every problem in it.

    A long-running process (the preview) parses a file again only when it changed on disk.
    """
    return _parse_leaflet(path, lang, config, display_root)


def parse_revision(text: str, path: Path, lang: str, config: SiteConfig) -> Leaflet:
    """A leaflet as an earlier revision of `path` had it (from git): its images may be gone since."""
    return _parse_leaflet(path, lang, config, None, text=text, check_images=False)


def _parse_leaflet(path: Path, lang: str, config: SiteConfig, display_root: Path | None,
                   text: str | None = None, check_images: bool = True) -> Leaflet:
    shown = display_path(path, display_root)
    source = decode(path.read_bytes(), shown) if text is None else text.replace("\r\n", "\n")
    yaml_text, body, body_line = fm.split(source, shown)
    first_line = 2  # the YAML starts on the line after the opening '---'
    root = fm.parse_yaml(yaml_text, shown, first_line)
    problems: list[Diagnostic] = []
    try:
        entries = fm.mapping(root, "front matter")
    except fm.FieldError as error:
        raise ContentError.at(shown, fm.line_of(error.node, first_line), str(error)) from None
    schema = front_matter_schema(first_line, shown, problems, tuple(config.edition_registry))
    values = fm.check_fields(schema, entries, root, "",
                             shown, first_line, problems)
    if "published" in values and "next_review" in values and values["next_review"] <= values["published"]:
        problems.append(Diagnostic(shown, fm.line_of(entries["next_review"][0], first_line),
                                   "'next_review' must be after 'published'"))
    sections = _scan_body(body, body_line, shown, path.parent, config.content_dir, problems, check_images)
    if problems:
        raise ContentError(problems)
    values.setdefault("summary", "")
    values.setdefault("translated_from", None)
    values.setdefault("editions", None)
    values.setdefault("approved_by", "")
    values.setdefault("approved_on", None)
    values.setdefault("approved_text", None)
    values.setdefault("history", ())
    return Leaflet(slug=path.stem, lang=lang, path=path, shown_path=shown, body=body, body_line=body_line,
                   sections=sections,
                   key_lines={name: fm.line_of(key, first_line) for name, (key, _) in entries.items()},
                   **values)


def discover(config: SiteConfig, display_root: Path | None = None) -> dict[str, dict[str, Path]]:
    """Map language -> slug -> file; unknown language folders and bad names are errors."""
    content_dir = config.content_dir
    problems: list[Diagnostic] = []
    found: dict[str, dict[str, Path]] = {lang: {} for lang in config.languages.order}
    if not content_dir.is_dir():
        raise ContentError.at(display_path(content_dir, display_root), 0, "content folder not found")
    for folder in sorted(content_dir.iterdir()):
        if folder.name.startswith(".") or not folder.is_dir():
            continue
        if folder.name not in found:
            if any(folder.glob("*.md")):
                problems.append(Diagnostic(display_path(folder, display_root), 0,
                                           f"unknown language folder '{folder.name}'; the configured "
                                           f"languages are {', '.join(config.languages.order)} "
                                           "(add it to [languages] order in site.toml)"))
            continue
        for file in sorted(folder.glob("*.md")):
            if not SLUG.fullmatch(file.stem):
                problems.append(Diagnostic(display_path(file, display_root), 0,
                                           "file names must be lower-case words joined by '-', "
                                           "like 'back-pain.md'"))
                continue
            found[folder.name][file.stem] = file
    if problems:
        raise ContentError(problems)
    return found


def load_all(config: SiteConfig, display_root: Path | None = None) -> list[Leaflet]:
    """Load every content file, collecting the problems of all files before failing."""
    problems: list[Diagnostic] = []
    leaflets = []
    for lang, by_slug in discover(config, display_root).items():
        for path in by_slug.values():
            try:
                leaflets.append(load_leaflet(path, lang, config, display_root))
            except ContentError as error:
                problems.extend(error.diagnostics)
    if problems:
        raise ContentError(problems)
    return leaflets
