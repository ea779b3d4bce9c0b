"""The site configuration (`site.toml`), declared once: every key, its type and its doc."""

from __future__ import annotations

import re
import tomllib
from dataclasses import MISSING, dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import Any, get_type_hints

from leafpress import editions as edition_registry
from leafpress.editions import EDITION_NAME, MARGIN, PAGE_SIZE, Edition
from leafpress.errors import ConfigError, Diagnostic, display_path
from leafpress.files import decode
from leafpress.theme import Theme

CONFIG_NAME = "site.toml"


def key(doc: str, default: Any = MISSING) -> Any:
    """Declare a configuration key with its one-line documentation."""
    if isinstance(default, (list, tuple)):
        return field(default_factory=lambda: tuple(default), metadata={"doc": doc})
    if isinstance(default, dict):  # kept as sorted (key, value) pairs: the configuration stays hashable
        return field(default_factory=lambda: tuple(sorted(default.items())), metadata={"doc": doc})
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class Organisation:
    """[organisation]: who publishes the leaflets; printed on every leaflet."""

    name: str = key("Organisation name; printed in the footer and used as the PDF author.")
    phone: str = key("Telephone number patients can call.")
    address: str = key("Postal address, one line.")
    web: str = key("Public web address of the organisation.")
    feedback: str = key("Where patients send comments and complaints, e.g. the Patient Advice and Liaison "
                        "Service's e-mail address; printed in the contact box (optional).", "")


@dataclass(frozen=True)
class Languages:
    """[languages]: which languages to build and which one the others translate."""

    source: str = key("Language code the leaflets are written in first (e.g. 'en').")
    order: tuple[str, ...] = key("Language codes to build, in the order they are listed.")
    fill_from_source: tuple[str, ...] = key(
        "Languages that show the source text, with a notice, where a translation is missing "
        "(others leave the leaflet out).", ())
    locale: str = key("The organisation's locale for dates in the source language, e.g. 'en_GB' for '23 November "
                      "2027' (default: the source language's own).", "")


@dataclass(frozen=True)
class Paths:
    """[paths]: where the inputs and outputs live, relative to site.toml."""

    content: str = key("Folder with one sub-folder of Markdown leaflets per language.", "content")
    templates: str = key("A complete theme folder (Jinja layouts, stylesheets, fonts, catalogs) used before the "
                         "default theme; if the default 'templates' folder does not exist, the default theme alone.",
                         "templates")
    output: str = key("Folder the built HTML and PDF files are written to.", "output")


@dataclass(frozen=True)
class ThemeFolder:
    """[theme]: the site's own theme files, each overriding the default theme's file of the same name."""

    custom_dir: str = key("Folder whose files override the theme's one by one: a template, a stylesheet (e.g. "
                          "assets/custom.css), a font or a catalog; everything else comes from the theme.", "")


@dataclass(frozen=True)
class Editions:
    """[editions]: which print editions to build, and their settings."""

    build: tuple[str, ...] = key("Editions built for every leaflet: any of "
                                 f"{', '.join(edition_registry.BUILT_IN_NAMES)}, or one declared below.", ("a4",))
    large_print_size: int = key("Body text size of the large-print edition, in points (16 to 18).", 16)
    review_warning_days: int = key("Warn this many days before a leaflet's next review date.", 90)
    press_condition: str = key("The printing condition the press edition declares (its output intent), a name "
                               "in the ICC registry, e.g. 'CGATS TR 001' (US web coated, SWOP) or 'FOGRA39'.",
                               "CGATS TR 001")
    press_profile: str = key("The CMYK profile of that condition: a file of the theme (default: Ghostscript's SWOP "
                             "profile, print/default_cmyk.icc).", "print/default_cmyk.icc")
    fit: bool = key("Copyfit: try a few layouts that change only spacing and page breaks, and keep the one on the "
                    "fewest sheets of paper (build --no-fit turns it off for one build).", True)


@dataclass(frozen=True)
class EditionDeclaration:
    """[editions.NAME]: an edition of the site's own, e.g. [editions.letter] for US Letter paper."""

    label: str = key("Its link text in the catalogue, e.g. 'US Letter PDF'.")
    size: str = key("Page size as CSS writes it: 'letter', 'A4 landscape', '8.5in 11in'.")
    margin: str = key("Page margins as CSS writes them, e.g. '0.75in' or '18mm 18mm 22mm' (default).",
                      "18mm 18mm 22mm")
    stylesheet: str = key("A stylesheet of the theme layered over leaflet.css, e.g. 'editions/letter.css' "
                          "(optional).", "")
    print_button: str = key("Text of a Print button for it in the catalogue, e.g. 'Print Letter' (default: "
                            "no button, a link).", "")


@dataclass(frozen=True)
class Online:
    """[online]: where the output is published, for QR codes on the printed leaflets."""

    base_url: str = key("Public address of the output folder, e.g. 'https://leaflets.example.org/'.", "")
    qr_code: bool = key("Print a QR code to the online version on the last page (needs base_url).", False)


READABILITY_FORMULAS = {"en": "Flesch reading ease", "es": "Szigriszt-Pazos (INFLESZ scale)",
                        "ru": "Flesch-Oborneva"}
DEFAULT_MIN_READING_EASE = {"en": 60, "es": 55, "ru": 40}


@dataclass(frozen=True)
class Readability:
    """[readability]: plain-language thresholds; a section past them gets a warning."""

    max_sentence_words: int = key("Most words a section's sentences may have on average (guidance: 15 to 20).", 20)
    max_grade: int = key("Highest Flesch-Kincaid grade of an English section (grade 7 is a reading age of "
                         "about 12).", 7)
    min_reading_ease: dict[str, int] = key(
        "Lowest reading ease per language, on its own formula's 0-100 scale: en Flesch, es INFLESZ "
        "(Szigriszt-Pazos), ru Flesch-Oborneva; a language left out keeps its default.",
        DEFAULT_MIN_READING_EASE)
    strict: bool = key("Whether --strict makes these warnings errors (off: a clinician may need a hard word).",
                       False)

    def min_ease(self, lang: str) -> int | None:
        root = lang.split("-")[0]
        return dict(self.min_reading_ease).get(root, DEFAULT_MIN_READING_EASE.get(root))


@dataclass(frozen=True)
class Governance:
    """[governance]: how approvals are recorded."""

    signatures: str = key("'required': every approval is signed with the approver's SSH key (approve --key) and "
                          "checked against allowed_signers; 'optional': unsigned approvals are allowed, and marked "
                          "as unsigned in the catalogue and the review pack.", "optional")
    allowed_signers: str = key("File naming who may approve which leaflets, in git's allowed_signers format "
                               "(principal, namespaces=\"leafpress-approval@<ID pattern>\", public key).",
                               "allowed_signers")


@dataclass(frozen=True)
class Limits:
    """[limits]: the largest inputs a build takes; past them a file fails with a clear error, not a hung build."""

    max_markdown_kb: int = key("Largest leaflet file, in KB (a long leaflet is 20 to 40 KB).", 512)
    max_image_mb: int = key("Largest picture file, in MB.", 20)
    max_image_megapixels: int = key("Most pixels a raster picture may have, in millions (a print photo at "
                                    "300 dpi over A4 is 9).", 60)
    max_svg_elements: int = key("Most elements an SVG drawing may have (a detailed diagram has a few "
                                "thousand).", 20000)
    render_seconds: int = key("Longest time a page may take to lay out and write, in seconds of wall time.", 300)
    render_memory_mb: int = key("Most memory a PDF worker may use while laying out a page, in MB.", 3072)


DEFAULT_BRAILLE_TABLES = {"en": "en-us-brf.dis,en-GB-g2.ctb", "ru": "ru-brf.dis,ru-litbrl-detailed.utb",
                          "es": "en-us-brf.dis,es-g1.ctb", "ar": "en-us-brf.dis,ar-ar-g1.utb"}
DEFAULT_VOICES = {"en": "en-gb", "ru": "ru", "es": "es", "ar": "ar"}


@dataclass(frozen=True)
class Braille:
    """[braille]: the braille edition (BRF): liblouis tables and the page of the site's embosser."""

    tables: dict[str, str] = key("liblouis table list per language, display table first; a language left out "
                                 "keeps its default (en: UK contracted, ru: literary, es: uncontracted, ar: "
                                 "grade 1).", DEFAULT_BRAILLE_TABLES)
    cells: int = key("Cells per braille line (40 is the common embosser and BRF line).", 40)
    lines: int = key("Lines per braille page, the page number's line included (25 is common).", 25)

    def table(self, lang: str) -> str | None:
        root = lang.split("-")[0].split("_")[0]
        tables = dict(self.tables)
        return tables.get(lang) or tables.get(root) or DEFAULT_BRAILLE_TABLES.get(lang) or \
            DEFAULT_BRAILLE_TABLES.get(root)


@dataclass(frozen=True)
class Audio:
    """[audio]: the audio edition: espeak-ng voices, speed and encoding."""

    voices: dict[str, str] = key("espeak-ng voice per language; a language left out keeps its default "
                                 "(en: en-gb, ru, es, ar).", DEFAULT_VOICES)
    words_per_minute: int = key("Speaking rate (about 150 to 160 is a calm reading pace).", 150)
    bitrate_kbps: int = key("Opus bitrate, in kbit/s (24 is clear for speech, about 11 MB an hour).", 24)

    def voice(self, lang: str) -> str | None:
        root = lang.split("-")[0].split("_")[0]
        voices = dict(self.voices)
        return voices.get(lang) or voices.get(root) or DEFAULT_VOICES.get(lang) or DEFAULT_VOICES.get(root)


@dataclass(frozen=True)
class Ci:
    """[ci]: how CI splits the build into parallel jobs, what staff download, and where the site is published."""

    shard_minutes: int = key("Target time of one build job, in minutes: 'plan --shards auto' gives as many jobs "
                             "as the site needs to stay under it.", 10)
    output_cpu_ms: int = key("Estimated CPU time to render one output, in milliseconds (about 250 per page; "
                             "benchmarks/build_speed.py measures it).", 1200)
    runner_cores: int = key("Cores of one CI machine (GitHub's standard Linux runner has 4).", 4)
    max_shards: int = key("Most build jobs at once (a free GitHub account runs 20).", 20)
    print_pack: tuple[str, ...] = key("The editions in each language's print pack, the small download for staff "
                                      "(those the site builds).",
                                      ("a4", "large-print", "braille", "audio", "transcript"))
    deploy: str = key("Where CI publishes the HTML site on pushes to the main branch: 'github-pages', 'command' "
                      "(runs deploy_command), or 'none'.", "github-pages")
    deploy_command: str = key("With deploy = 'command': the shell command that copies output/ to the site's "
                              "host, run as 'leafpress deploy' (with $LEAFPRESS_OUTPUT set).", "")


@dataclass(frozen=True)
class SiteConfig:
    """The whole configuration, plus the resolved folders."""

    organisation: Organisation
    languages: Languages
    paths: Paths = field(default_factory=Paths)
    theme_folder: ThemeFolder = field(default_factory=ThemeFolder)
    editions: Editions = field(default_factory=Editions)
    online: Online = field(default_factory=Online)
    readability: Readability = field(default_factory=Readability)
    limits: Limits = field(default_factory=Limits)
    governance: Governance = field(default_factory=Governance)
    ci: Ci = field(default_factory=Ci)
    braille: Braille = field(default_factory=Braille)
    audio: Audio = field(default_factory=Audio)
    # Derived, not keys of the file:
    config_path: Path = Path(CONFIG_NAME)
    declared_editions: tuple[Edition, ...] = ()  # the [editions.NAME] tables

    @property
    def edition_registry(self) -> dict[str, Edition]:
        """Every edition by name: the built-in ones and the site's own."""
        return edition_registry.registry(self.declared_editions)

    @property
    def theme(self) -> Theme:
        custom = self.root / self.theme_folder.custom_dir if self.theme_folder.custom_dir else None
        templates = self.root / self.paths.templates
        return Theme.of(custom, templates if templates.is_dir() else None)

    @property
    def root(self) -> Path:
        return self.config_path.parent

    @cached_property  # resolved once: every page and check asks for it
    def content_dir(self) -> Path:
        return (self.root / self.paths.content).resolve()

    @cached_property
    def output_dir(self) -> Path:
        return (self.root / self.paths.output).resolve()


SECTIONS: dict[str, type] = {"organisation": Organisation, "languages": Languages, "paths": Paths,
                             "theme": ThemeFolder, "editions": Editions, "online": Online,
                             "readability": Readability, "limits": Limits, "governance": Governance,
                             "ci": Ci, "braille": Braille, "audio": Audio}
# The attribute of SiteConfig each section is kept in ([theme] is not the Theme itself).
ATTRIBUTES = {"theme": "theme_folder"}
TABLES = {"editions": ("editions.NAME", EditionDeclaration)}  # sections whose sub-tables declare things


def describe() -> str:
    """Every key with its doc, for `leafpress config` and the reference page (docs/reference.md)."""
    lines = []
    for section, cls in SECTIONS.items():
        for name, declared in ((section, cls), *([TABLES[section]] if section in TABLES else [])):
            lines.append(f"[{name}]  {declared.__doc__.split(': ', 1)[1]}")
            for f in fields(declared):
                default = "" if f.default is MISSING and f.default_factory is MISSING else " (optional)"
                lines.append(f"  {f.name}{default}: {f.metadata['doc']}")
    return "\n".join(lines)


def documented_keys() -> list[str]:
    """Every key as the docs name it: '[editions] build', '[editions.NAME] label'."""
    keys = []
    for section, cls in SECTIONS.items():
        for name, declared in ((section, cls), *([TABLES[section]] if section in TABLES else [])):
            keys += [f"[{name}] {f.name}" for f in fields(declared)]
    return keys


def _line_of(text: str, section: str | None, name: str | None = None) -> int:
    """Find the line of `[section]` or of `name = ...` inside it (tomllib keeps no positions)."""
    current = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.fullmatch(r"\[\s*([^\]]+?)\s*\]\s*(#.*)?", stripped)
        if header:
            current = header.group(1).strip('"')
            if name is None and current == section:
                return number
            continue
        if name is not None and current == section:
            if re.match(rf'("{re.escape(name)}"|{re.escape(name)})\s*=', stripped):
                return number
    return 1 if name is None else _line_of(text, section)


def _check_value(value: Any, expected: Any) -> bool:
    if expected is str:
        return isinstance(value, str) and value.strip() != ""
    if expected == tuple[str, ...]:
        return isinstance(value, list) and all(isinstance(v, str) and v for v in value)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is bool:
        return isinstance(value, bool)
    if expected == dict[str, int]:
        return isinstance(value, dict) and all(_check_value(v, int) for v in value.values())
    if expected == dict[str, str]:
        return isinstance(value, dict) and all(_check_value(v, str) for v in value.values())
    raise AssertionError(f"unsupported configuration type {expected}")


_TYPE_NAMES = {str: "a non-empty string", tuple[str, ...]: "a list of strings", int: "a whole number",
               dict[str, int]: "a table of whole numbers, like { en = 60 }",
               dict[str, str]: "a table of strings, like { en = \"en-gb\" }",
               bool: "true or false"}


def _build_section(cls: type, data: Any, text: str, path: str, section: str,
                   problems: list[Diagnostic]) -> Any:
    if not isinstance(data, dict):
        problems.append(Diagnostic(path, _line_of(text, section), f"[{section}] must be a table"))
        return None
    hints = get_type_hints(cls)
    known = {f.name: f for f in fields(cls)}
    values = {}
    for name in data:
        if name not in known:
            problems.append(Diagnostic(
                path, _line_of(text, section, name),
                f"unknown key '{name}' in [{section}]; keys must be one of {sorted(known)}"))
    for name, f in known.items():
        if name not in data:
            if f.default is MISSING and f.default_factory is MISSING:
                problems.append(Diagnostic(path, _line_of(text, section),
                                           f"[{section}] is missing required key '{name}'"))
            continue
        if not _check_value(data[name], hints[name]):
            problems.append(Diagnostic(path, _line_of(text, section, name),
                                       f"'{name}' in [{section}] must be {_TYPE_NAMES[hints[name]]}"))
            continue
        value = data[name]
        values[name] = (tuple(value) if isinstance(value, list) else
                        tuple(sorted(value.items())) if isinstance(value, dict) else value)
    if any(p.path == path for p in problems):
        return None
    return cls(**values)


def _check_languages(languages: Languages, text: str, path: str, problems: list[Diagnostic]) -> None:
    from babel import Locale, UnknownLocaleError

    for code in languages.order:
        try:
            Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            problems.append(Diagnostic(path, _line_of(text, "languages", "order"),
                                       f"'{code}' is not a known language code"))
    if len(set(languages.order)) != len(languages.order):
        problems.append(Diagnostic(path, _line_of(text, "languages", "order"),
                                   "a language is listed twice in 'order'"))
    for code in languages.fill_from_source:
        if code not in languages.order or code == languages.source:
            problems.append(Diagnostic(path, _line_of(text, "languages", "fill_from_source"),
                                       f"fill_from_source: '{code}' must be a translated language from 'order'"))
    if languages.locale:
        try:
            language = Locale.parse(languages.locale).language
        except (ValueError, UnknownLocaleError):
            language = None
        if language != Locale.parse(languages.source).language if language else True:
            problems.append(Diagnostic(path, _line_of(text, "languages", "locale"),
                                       f"locale '{languages.locale}' must be a locale of the source language "
                                       f"'{languages.source}', like '{languages.source}_GB'"))
    if languages.source not in languages.order:
        problems.append(Diagnostic(path, _line_of(text, "languages", "source"),
                                   f"source language '{languages.source}' must also be listed in 'order'"))


def _declared_editions(tables: dict[str, Any], text: str, path: str,
                       problems: list[Diagnostic]) -> tuple[Edition, ...]:
    """The editions a site declares as [editions.NAME] tables."""
    declared = []
    for name, table in tables.items():
        section = f"editions.{name}"
        line = _line_of(text, section)
        if not EDITION_NAME.fullmatch(name):
            problems.append(Diagnostic(path, line, f"[{section}]: an edition name is lower-case letters, digits "
                                                   "and '-', like 'letter'"))
            continue
        if name in edition_registry.BUILT_IN_NAMES:
            problems.append(Diagnostic(path, line, f"[{section}]: '{name}' is a built-in edition; choose "
                                                   "another name"))
            continue
        before = len(problems)
        values = _build_section(EditionDeclaration, table, text, path, section, problems)
        if values is None or len(problems) > before:
            continue
        if not PAGE_SIZE.fullmatch(values.size.strip()):
            problems.append(Diagnostic(path, _line_of(text, section, "size"),
                                       f"size '{values.size}' is not a CSS page size: use one of "
                                       f"{', '.join(edition_registry.PAGE_SIZE_KEYWORDS)} (optionally with "
                                       "'landscape'), or a width and height such as '8.5in 11in'"))
            continue
        if not MARGIN.fullmatch(values.margin.strip()):
            problems.append(Diagnostic(path, _line_of(text, section, "margin"),
                                       f"margin '{values.margin}' is not one to four CSS lengths, like '18mm' "
                                       "or '0.75in 0.75in 1in'"))
            continue
        declared.append(edition_registry.declared(name, values.label, values.size.strip(), values.margin.strip(),
                                                  values.stylesheet, values.print_button))
    return tuple(declared)


def _check_editions(editions: Editions, online: Online, known: dict[str, Edition], text: str, path: str,
                    problems: list[Diagnostic]) -> None:
    for name in editions.build:
        if name not in known:
            problems.append(Diagnostic(path, _line_of(text, "editions", "build"),
                                       f"unknown edition '{name}'; editions are {', '.join(known)}"))
    if not 16 <= editions.large_print_size <= 18:
        problems.append(Diagnostic(path, _line_of(text, "editions", "large_print_size"),
                                   f"large_print_size must be between 16 and 18 points (RNIB Clear Print), "
                                   f"not {editions.large_print_size}"))
    if editions.review_warning_days < 0:
        problems.append(Diagnostic(path, _line_of(text, "editions", "review_warning_days"),
                                   "review_warning_days must not be negative"))
    if online.qr_code and not online.base_url:
        problems.append(Diagnostic(path, _line_of(text, "online", "qr_code"),
                                   "qr_code = true needs base_url: the address the QR code points to"))
    if online.base_url and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", online.base_url):
        problems.append(Diagnostic(path, _line_of(text, "online", "base_url"),
                                   f"base_url must be an http(s) address, not '{online.base_url}'"))


def _check_readability(readability: Readability, text: str, path: str, problems: list[Diagnostic]) -> None:
    line = _line_of(text, "readability", "min_reading_ease")
    for lang, value in readability.min_reading_ease:
        if lang not in READABILITY_FORMULAS:
            problems.append(Diagnostic(path, line, f"min_reading_ease: no validated formula for '{lang}' (there "
                                                   f"are for {', '.join(READABILITY_FORMULAS)}); its sections are "
                                                   "held to max_sentence_words only"))
        elif not 0 <= value <= 100:
            problems.append(Diagnostic(path, line, f"min_reading_ease for '{lang}' must be between 0 and 100, "
                                                   f"not {value}"))
    if readability.max_sentence_words < 5:
        problems.append(Diagnostic(path, _line_of(text, "readability", "max_sentence_words"),
                                   "max_sentence_words must be at least 5"))


def _check_ci(ci: Ci, registry: dict, text: str, path: str, problems: list[Diagnostic]) -> None:
    for name in ("shard_minutes", "output_cpu_ms", "runner_cores", "max_shards"):
        if getattr(ci, name) < 1:
            problems.append(Diagnostic(path, _line_of(text, "ci", name), f"[ci] {name} must be at least 1"))
    if ci.max_shards > 256:
        problems.append(Diagnostic(path, _line_of(text, "ci", "max_shards"),
                                   "[ci] max_shards must be at most 256 (GitHub's limit on one job matrix)"))
    for name in ci.print_pack:
        if name not in registry:
            problems.append(Diagnostic(path, _line_of(text, "ci", "print_pack"),
                                       f"[ci] print_pack: no edition '{name}' ({', '.join(registry)})"))
    if ci.deploy not in ("github-pages", "command", "none"):
        problems.append(Diagnostic(path, _line_of(text, "ci", "deploy"),
                                   f"[ci] deploy must be 'github-pages', 'command' or 'none', not '{ci.deploy}'"))
    if ci.deploy == "command" and not ci.deploy_command:
        problems.append(Diagnostic(path, _line_of(text, "ci", "deploy"),
                                   "[ci] deploy = 'command' needs deploy_command: the command that copies output/ "
                                   "to the host"))


def load_config(config_path: Path, display_root: Path | None = None) -> SiteConfig:
    """Read and validate site.toml; report every problem at once."""
    config_path = config_path.resolve()
    shown = display_path(config_path, display_root)
    try:
        raw = config_path.read_bytes()
    except FileNotFoundError:
        raise ConfigError.at(shown, 0, "configuration file not found") from None
    text = decode(raw, shown, ConfigError)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise ConfigError.at(shown, int(match.group(1)) if match else 1,
                             f"invalid TOML: {message}") from None

    problems: list[Diagnostic] = []
    for name in data:
        if name not in SECTIONS:
            problems.append(Diagnostic(shown, _line_of(text, name),
                                       f"unknown section [{name}]; sections must be one of {sorted(SECTIONS)}"))
    sections = {}
    declared: tuple[Edition, ...] = ()
    if isinstance(data.get("editions"), dict):
        tables = {name: value for name, value in data["editions"].items() if isinstance(value, dict)}
        data["editions"] = {name: value for name, value in data["editions"].items() if name not in tables}
        declared = _declared_editions(tables, text, shown, problems)
    for name, cls in SECTIONS.items():
        if name in data:
            sections[name] = _build_section(cls, data[name], text, shown, name, problems)
        elif all(f.default is not MISSING or f.default_factory is not MISSING for f in fields(cls)):
            sections[name] = cls()
        else:
            problems.append(Diagnostic(shown, 1, f"missing section [{name}]"))
    if sections.get("languages"):
        _check_languages(sections["languages"], text, shown, problems)
    if sections.get("editions") and sections.get("online"):
        _check_editions(sections["editions"], sections["online"], edition_registry.registry(declared), text, shown,
                        problems)
    if sections.get("readability"):
        _check_readability(sections["readability"], text, shown, problems)
    if sections.get("governance") and sections["governance"].signatures not in ("required", "optional"):
        problems.append(Diagnostic(shown, _line_of(text, "governance", "signatures"),
                                   f"[governance] signatures must be 'required' or 'optional', not "
                                   f"'{sections['governance'].signatures}'"))
    for name, low, high in (("cells", 12, 60), ("lines", 5, 50)):
        value = getattr(sections["braille"], name) if sections.get("braille") else None
        if value is not None and not low <= value <= high:
            problems.append(Diagnostic(shown, _line_of(text, "braille", name),
                                       f"[braille] {name} must be between {low} and {high}, not {value}"))
    if sections.get("audio") and not 80 <= sections["audio"].words_per_minute <= 260:
        problems.append(Diagnostic(shown, _line_of(text, "audio", "words_per_minute"),
                                   "[audio] words_per_minute must be between 80 and 260"))
    if sections.get("audio") and not 6 <= sections["audio"].bitrate_kbps <= 256:
        problems.append(Diagnostic(shown, _line_of(text, "audio", "bitrate_kbps"),
                                   "[audio] bitrate_kbps must be between 6 and 256"))
    if sections.get("ci"):
        _check_ci(sections["ci"], edition_registry.registry(declared), text, shown, problems)
    config = None if problems else SiteConfig(config_path=config_path, declared_editions=declared,
                                              **{ATTRIBUTES.get(name, name): value for name, value in sections.items()})
    if config is not None:
        templates_set = isinstance(data.get("paths"), dict) and "templates" in data["paths"]
        if templates_set and not (config.root / config.paths.templates).is_dir():
            problems.append(Diagnostic(shown, _line_of(text, "paths", "templates"),
                                       f"[paths] templates: the folder '{config.paths.templates}' does not exist"))
        custom = config.theme_folder.custom_dir
        if custom and not (config.root / custom).is_dir():
            problems.append(Diagnostic(shown, _line_of(text, "theme", "custom_dir"),
                                       f"[theme] custom_dir: the folder '{custom}' does not exist"))
    if problems:
        raise ConfigError(problems)
    return config

