"""Load content: find `content/<lang>/<slug>.md`, read each file's front matter and body."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from leafpress import files
from leafpress.config import SiteConfig
from leafpress.content import frontmatter as fm
from leafpress.content.body import Body, picture_sources, scan_body
from leafpress.content.stored import leaflet_from_json, leaflet_json
from leafpress.editions import BUILT_IN_NAMES
from leafpress.errors import ContentError, Diagnostic, display_path
from leafpress.model import STAGES_MARKER, UNTRANSLATED, Approval, Leaflet, Stage, StageTable
from leafpress.stored_results import ResultStore, result_store

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
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


STAGE_TABLE_SCHEMA = [
    fm.Field("caption", fm.text, "The table's caption, e.g. 'Your exercise plan' (default: 'Treatment stages').",
             required=False),
    fm.Field("columns", fm.list_of(fm.text, "column headers"), "The three column headers, e.g. [Level, Aim, "
             "Exercises] (default: Stage, Goal, Treatments).", required=False),
]


def _read_stage_table(first_line: int, path: str, problems: list[Diagnostic]):
    def read(node: yaml.Node) -> StageTable:
        entries = fm.mapping(node, "'stage_table'")
        values = fm.check_fields(STAGE_TABLE_SCHEMA, entries, node, " in 'stage_table'", path, first_line, problems)
        columns = values.get("columns", ())
        if columns and len(columns) != 3:
            raise fm.FieldError(entries["columns"][1], f"must name 3 column headers (stage, goal, treatments), "
                                                       f"not {len(columns)}")
        return StageTable(values.get("caption", ""), columns, fm.line_of(node, first_line))
    return read


HISTORY_SCHEMA = [
    fm.Field("version", fm.text, "The version that was approved."),
    fm.Field("date", fm.a_date, "The day it was approved (YYYY-MM-DD)."),
    fm.Field("approved_by", fm.text, "Who approved it: name and role."),
    fm.Field("summary", fm.text, "One line: what changed in this version."),
    fm.Field("text", fm.text, "Digest of that version's approved text; written by `leafpress approve`.",
             required=False),
    fm.Field("signature", fm.text, "The approver's SSH signature of this entry; written by `leafpress approve "
             "--key`.", required=False),
]


def _read_history(first_line: int, path: str, problems: list[Diagnostic]):
    def read(node: yaml.Node) -> tuple[Approval, ...]:
        if not isinstance(node, yaml.SequenceNode):
            raise fm.FieldError(node, "must be a list of approved versions (written by 'leafpress approve')")
        entries = []
        for number, item in enumerate(node.value, start=1):
            values = fm.check_fields(HISTORY_SCHEMA, fm.mapping(item, f"history entry {number}"), item,
                                     f" in history entry {number}", path, first_line, problems)
            if all(field.name in values for field in HISTORY_SCHEMA if field.required):
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
        fm.Field("stages", _read_stages(first_line, path, problems), "The treatment-stage table, where the body's "
                 f"'{STAGES_MARKER}' line stands; a leaflet without one has neither.", required=False),
        fm.Field("stage_table", _read_stage_table(first_line, path, problems), "The stage table's own caption and "
                 "column headers (caption, columns), where the interface's words do not fit.", required=False),
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
        fm.Field("approval_signature", fm.text, "The approver's SSH signature of this approval; written by "
                 "`leafpress approve --key`: never edit it by hand.", required=False),
        fm.Field("history", _read_history(first_line, path, problems), "The source's approved versions, each "
                 "with version, date, approved_by and summary; `leafpress approve` adds to it.", required=False),
    ]


def decode(raw: bytes, path: str) -> str:
    """UTF-8 text with a BOM dropped, CRLF/CR line endings made LF and control characters refused."""
    return files.decode(raw, path, ContentError)


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
    limit = config.limits.max_markdown_kb * 1024
    if text is None and path.stat().st_size > limit:
        raise ContentError.at(shown, 1, f"the file is {path.stat().st_size // 1024:,} KB; a leaflet may be at most "
                                        f"{limit // 1024:,} KB ([limits] max_markdown_kb)")
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
    source_dir = config.content_dir / config.languages.source
    scanned = scan_body(body, body_line, shown, path.parent, config.content_dir,
                        source_dir if lang != config.languages.source else None, problems, check_images,
                        config.limits)
    _check_stage_table(values, entries, scanned, first_line, body_line, shown, problems)
    if problems:
        raise ContentError(problems)
    values.setdefault("summary", "")
    values.setdefault("stages", ())
    values.setdefault("stage_table", StageTable())
    values.setdefault("translated_from", None)
    values.setdefault("editions", None)
    values.setdefault("approved_by", "")
    values.setdefault("approved_on", None)
    values.setdefault("approved_text", None)
    values.setdefault("history", ())
    values.setdefault("approval_signature", "")
    return Leaflet(slug=path.stem, lang=lang, path=path, shown_path=shown, body=body, body_line=body_line,
                   sections=scanned.sections,
                   key_lines={name: fm.line_of(key, first_line) for name, (key, _) in entries.items()},
                   **values)


def _check_stage_table(values: dict, entries: dict, scanned: Body, first_line: int, body_line: int, path: str,
                       problems: list[Diagnostic]) -> None:
    """A leaflet has both its stages and the `[[stages]]` line where the table goes, or neither."""
    has_stages = "stages" in entries
    if has_stages and scanned.stage_marker is None:
        problems.append(Diagnostic(path, fm.line_of(entries["stages"][0], first_line),
                                   f"the front matter has 'stages' but the body has no '{STAGES_MARKER}' line: put "
                                   "it where the treatment-stage table belongs, or remove 'stages'"))
    if scanned.stage_marker is not None and not has_stages:
        problems.append(Diagnostic(path, scanned.stage_marker,
                                   f"'{STAGES_MARKER}' needs the table's rows: add 'stages:' to the front matter "
                                   "(each with name, goal and treatments), or remove this line"))
    if "stage_table" in entries and not has_stages:
        problems.append(Diagnostic(path, fm.line_of(entries["stage_table"][0], first_line),
                                   "'stage_table' sets the words of a stage table, but the leaflet has no 'stages'"))


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
    """Load every content file, collecting the problems of all files before failing.

    A file that parsed before, with the same bytes, settings and pictures, is taken from the
    project's stored results instead of parsed again (a fresh process after a one-file edit).
    """
    problems: list[Diagnostic] = []
    leaflets = []
    store = result_store(config.root)
    settings = config.config_path.read_bytes() if config.config_path.is_file() else b""
    for lang, by_slug in discover(config, display_root).items():
        for path in by_slug.values():
            try:
                leaflets.append(_stored_or_loaded(store, settings, path, lang, config, display_root))
            except ContentError as error:
                problems.extend(error.diagnostics)
    if problems:
        raise ContentError(problems)
    return leaflets


def _stored_or_loaded(store: ResultStore, settings: bytes, path: Path, lang: str, config: SiteConfig,
                      display_root: Path | None) -> Leaflet:
    raw = path.read_bytes()
    if len(raw) > config.limits.max_markdown_kb * 1024:
        return load_leaflet(path, lang, config, display_root)  # refused with its message, never stored
    source_dir = config.content_dir / config.languages.source
    pictures = []
    for src in picture_sources(raw.decode("utf-8", errors="replace")):
        for folder in (path.parent, source_dir):
            candidate = folder / src
            try:
                pictures.append(f"{src}\0{hashlib.sha256(candidate.read_bytes()).hexdigest()}")
            except (OSError, ValueError):
                pictures.append(f"{src}\0-")
    key = ResultStore.key("leaflet", raw, lang, display_path(path, display_root), str(path), settings, *pictures)
    return store.remember(key, lambda: load_leaflet(path, lang, config, display_root),
                          leaflet_json, leaflet_from_json)
