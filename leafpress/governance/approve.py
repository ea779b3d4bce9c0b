"""`leafpress approve`: record who approved a leaflet's text, when, and exactly which text."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from leafpress.checks.approval import APPROVED, changed_parts
from leafpress.config import SiteConfig
from leafpress.content import load as content
from leafpress.content.frontmatter import set_block
from leafpress.content.parts import fingerprints
from leafpress.errors import ContentError, Diagnostic, display_path
from leafpress.files import write_atomic
from leafpress.model import Approval
from leafpress.translation.source_texts import read_store, store_bytes, store_path, updated_store


def version_key(version: str) -> tuple:
    """'1.10' > '1.9': numbers compare as numbers, anything else as text."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"[.\-]", version))


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string


def approve(config: SiteConfig, slug: str, by: str, on: date, lang: str | None = None, summary: str = "",
            display_root: Path | None = None) -> list[str]:
    """Approve the text of one leaflet in one language; return the files written."""
    from leafpress.pipeline import BuildOptions, load_site

    source_lang = config.languages.source
    lang = lang or source_lang
    path = config.content_dir / lang / f"{slug}.md"
    shown = display_path(path, display_root)
    if not by.strip():
        raise ContentError.at(shown, 0, "--by must name the approver, e.g. --by \"Dr A. Patel, consultant\"")
    if not path.is_file():
        raise ContentError.at(shown, 0, f"no such leaflet: {config.paths.content}/{lang}/{slug}.md")
    # Every other problem of the site stops the approval; this file's old record is what is being replaced.
    _, warnings = load_site(config, BuildOptions(display_root=display_root, today=on, approving=path))
    leaflet = content.load_leaflet(path, lang, config, display_root)
    blocking = [w for w in warnings if w.path == leaflet.shown_path and w.strict_error]
    if blocking:
        raise ContentError([Diagnostic(w.path, w.line, f"{w.message} (approval needs a text with no warnings "
                                                       "under --strict)") for w in blocking])
    if lang != source_lang:
        source = content.load_leaflet(config.content_dir / source_lang / f"{slug}.md", source_lang, config,
                                      display_root)
        if source.status != APPROVED:
            raise ContentError.at(shown, leaflet.line_of("status"),
                                  f"approve the source first ('leafpress approve {slug} --by ...'): a translation "
                                  "is approved against an approved text")
    history = list(leaflet.history)
    if lang == source_lang and history:
        last = history[-1]
        if changed_parts(leaflet) and version_key(leaflet.version) <= version_key(last.version):
            raise ContentError.at(shown, leaflet.line_of("version"),
                                  f"the text changed since version {last.version} was approved: raise 'version' "
                                  f"above {last.version} before approving it")
    parts = fingerprints(leaflet)
    text = content.decode(path.read_bytes(), shown)
    text = set_block(text, "status", f"status: {APPROVED}\n")
    text = set_block(text, "approved_by", f"approved_by: {_quoted(by.strip())}\n")
    text = set_block(text, "approved_on", f"approved_on: {on.isoformat()}\n")
    text = set_block(text, "approved_text", "approved_text:\n" + "".join(f"  {k}: {v}\n" for k, v in parts.items()))
    written = []
    if lang == source_lang:
        entry = Approval(leaflet.version, on, by.strip(), summary.strip() or "Approved")
        history = [*history[:-1], entry] if history and history[-1].version == leaflet.version else [*history, entry]
        text = set_block(text, "history", "history:\n" + "".join(
            f"  - version: {_quoted(e.version)}\n    date: {e.date.isoformat()}\n"
            f"    approved_by: {_quoted(e.approved_by)}\n    summary: {_quoted(e.summary)}\n" for e in history))
        written += _keep_approved_text(config, leaflet, display_root)
    if write_atomic(path, text.encode("utf-8")):
        written.insert(0, shown)
    return written


def _keep_approved_text(config: SiteConfig, source, display_root: Path | None) -> list[str]:
    """The approved text goes into the source-text store, so a later review can show what changed."""
    current = read_store(config.content_dir, source.slug)
    texts = updated_store(current, source, referenced=set(current))  # add this text, drop nothing
    path = store_path(config.content_dir, source.slug)
    return [display_path(path, display_root)] if write_atomic(path, store_bytes(texts)) else []
