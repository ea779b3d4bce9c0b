"""The incremental build cache: what each output was built from, so unchanged outputs are skipped.

Each output is keyed by a hash of everything it depends on. An output is
skipped only if its key is unchanged *and* the file on disk still has the
recorded SHA-256; a missing or unreadable cache is treated as empty.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import cached_property, lru_cache
from importlib.metadata import version
from pathlib import Path

from leafpress import __version__
from leafpress.config import SiteConfig
from leafpress.files import file_digest, write_atomic
from leafpress.content.pronunciation import PRONUNCIATION_FILE
from leafpress.model import Leaflet
from leafpress.theme import LOCALE

CACHE_FORMAT = 1


@dataclass(frozen=True)
class Record:
    """What the cache knows about one output file."""

    key: str
    sha256: str
    pages: int
    language: str
    edition: str
    version: str


def repair_cache_folder(folder: Path) -> bool:
    """Make `folder` a folder again if a file or a (broken) symbolic link stands in its place; return whether
    it had to. The cache only saves work, so a damaged one is rebuilt, never an error."""
    if folder.is_symlink() and not folder.is_dir() or (folder.exists() and not folder.is_dir()):
        folder.unlink()
        return True
    return False


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tree_digest(root: Path, skip_suffix: str | None = None, skip_dir: Path | None = None,
                skip_names: tuple[str, ...] = ()) -> str:
    """One hash over every file below `root`: names and contents."""
    digest = hashlib.sha256()
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if (skip_suffix and path.suffix == skip_suffix) or (skip_dir and path.is_relative_to(skip_dir)) \
                    or path.name in skip_names:
                continue
            if any(part.startswith(".") for part in path.relative_to(root).parts):
                continue  # hidden files are no one's input (the source-text store, editor files)
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class InputDigests:
    """The inputs every output shares, hashed once per build."""

    def __init__(self, config: SiteConfig):
        self.config = config

    @cached_property
    def shared(self) -> str:
        parts = [
            f"leafpress {__version__}", f"weasyprint {version('weasyprint')}", f"format {CACHE_FORMAT}",
            # Layouts, stylesheets and fonts; each language's catalog counts only for its own pages.
            *(tree_digest(folder, skip_dir=folder / LOCALE) for folder in self.config.theme.folders),
            # Images and other media; a pronunciation list counts for its language's audio only.
            tree_digest(self.config.content_dir, skip_suffix=".md", skip_names=(PRONUNCIATION_FILE,)),
            sha256(self.config.config_path.read_bytes()),
        ]
        return sha256("\n".join(parts).encode())

    @lru_cache(maxsize=None)
    def pronunciation(self, lang: str) -> str:
        path = self.config.content_dir / lang / PRONUNCIATION_FILE
        return sha256(path.read_bytes()) if path.is_file() else "no pronunciation list"

    @lru_cache(maxsize=None)
    def catalog(self, lang: str) -> str:
        path = self.config.theme.catalog(lang)
        return sha256(path.read_bytes()) if path.exists() else "no catalog"

    def page_key(self, lang: str, leaflet: Leaflet, source: Leaflet | None, languages: list[str],
                 review: str) -> str:
        """The key of one page (its HTML); an edition's key adds the edition's name."""
        parts = [self.shared, lang, file_digest(leaflet.path), ",".join(languages), review,
                 self.catalog(lang)]
        if source is not None and source is not leaflet:
            parts.append(file_digest(source.path))  # the source the translation tracks
        return sha256("\n".join(parts).encode())


def site_inputs(config: SiteConfig, site) -> str:
    """One digest of everything a whole build reads: what shows two shards were built from the same inputs."""
    digests = InputDigests(config)
    parts = [digests.shared, *(digests.catalog(lang) for lang in config.languages.order)]
    for leaflet in sorted(site.all(), key=lambda doc: str(doc.path)):
        parts.append(f"{leaflet.lang}/{leaflet.slug} {file_digest(leaflet.path)}")
    return sha256("\n".join(parts).encode())


class BuildCache:
    """Records per output path, loaded from and saved to one JSON file."""

    def __init__(self, path: Path, records: dict[str, Record] | None = None):
        self.path = path
        self.records = records or {}

    @classmethod
    def load(cls, path: Path) -> "BuildCache":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT:
                return cls(path)
            return cls(path, {target: Record(**fields) for target, fields in data["outputs"].items()})
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls(path)  # missing or corrupt: rebuild everything, trust nothing

    def is_fresh(self, target: str, key: str, output_dir: Path) -> bool:
        record = self.records.get(target)
        if record is None or record.key != key:
            return False
        path = output_dir / target
        try:
            return sha256(path.read_bytes()) == record.sha256
        except OSError:
            return False

    def record(self, target: str, record: Record) -> None:
        self.records[target] = record

    def save(self) -> None:
        data = {"format": CACHE_FORMAT, "outputs": {t: asdict(r) for t, r in sorted(self.records.items())}}
        write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True).encode())

