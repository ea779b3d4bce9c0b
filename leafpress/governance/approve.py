"""`leafpress approve`: record who approved a leaflet's text, when, and exactly which text."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from leafpress.checks import signatures
from leafpress.checks.approval import APPROVED, changed_parts, source_signature
from leafpress.config import SiteConfig
from leafpress.content import load as content
from leafpress.content.frontmatter import set_block
from leafpress.content.parts import fingerprints
from leafpress.errors import ContentError, Diagnostic, UsageError, display_path
from leafpress.files import write_atomic
from leafpress.model import Approval
from leafpress.translation.source_texts import read_store, store_bytes, store_path, updated_store


def version_key(version: str) -> tuple:
    """'1.10' > '1.9': numbers compare as numbers, anything else as text."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"[.\-]", version))


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string


BY_LENGTH = (3, 120)
UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def approver_problem(by: str) -> str | None:
    """Why `--by` cannot name an approver (it prints in every PDF's approval line), or None."""
    if UNSAFE.search(by):
        return ("--by must be one line of plain text: no line breaks, control or direction characters "
                f"(found U+{ord(UNSAFE.search(by).group()):04X})")
    if not BY_LENGTH[0] <= len(by.strip()) <= BY_LENGTH[1]:
        return (f"--by must name the approver in {BY_LENGTH[0]} to {BY_LENGTH[1]} characters, e.g. "
                "--by \"Dr A. Patel, consultant\"")
    return None


def approve(config: SiteConfig, slug: str, by: str, on: date, lang: str | None = None, summary: str = "",
            display_root: Path | None = None, key: Path | None = None) -> list[str]:
    """Approve the text of one leaflet in one language, signed with the SSH private key `key` if given;
    return the files written."""
    from leafpress.pipeline import BuildOptions, load_site

    source_lang = config.languages.source
    lang = lang or source_lang
    path = config.content_dir / lang / f"{slug}.md"
    shown = display_path(path, display_root)
    problem = approver_problem(by)
    if problem:
        raise UsageError.at("--by", 0, problem.removeprefix("--by "))
    if key is None and config.governance.signatures == "required":
        raise UsageError.at("--key", 0, "this site requires signed approvals ([governance] signatures = "
                                        "\"required\"): give the approver's SSH private key, e.g. --key "
                                        "~/.ssh/id_ed25519")
    if key is not None and not key.is_file():
        raise UsageError.at("--key", 0, f"{key} is not a file (the approver's SSH private key)")
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
    signature = ""
    if key is not None:
        previous = (history[-2].signature if history and history[-1].version == leaflet.version and len(history) > 1
                    else history[-1].signature if history and history[-1].version != leaflet.version else "")
        if lang != source_lang:
            previous = source_signature(source, leaflet.version)
        data = signatures.payload(leaflet.leaflet_id, lang, leaflet.version, by.strip(), on.isoformat(),
                                  signatures.text_digest(parts), previous)
        try:
            signature = signatures.sign(data, key, leaflet.leaflet_id)
        except signatures.SigningError as error:
            raise UsageError.at("--key", 0, str(error)) from None
    text = content.decode(path.read_bytes(), shown)
    text = set_block(text, "status", f"status: {APPROVED}\n")
    text = set_block(text, "approved_by", f"approved_by: {_quoted(by.strip())}\n")
    text = set_block(text, "approved_on", f"approved_on: {on.isoformat()}\n")
    text = set_block(text, "approved_text", "approved_text:\n" + "".join(f"  {k}: {v}\n" for k, v in parts.items()))
    text = set_block(text, "approval_signature", _block("approval_signature", signature, 0) if signature else "")
    written = []
    if lang == source_lang:
        entry = Approval(leaflet.version, on, by.strip(), summary.strip() or "Approved",
                         signatures.text_digest(parts) if signature else "", signature)
        history = [*history[:-1], entry] if history and history[-1].version == leaflet.version else [*history, entry]
        text = set_block(text, "history", "history:\n" + "".join(
            f"  - version: {_quoted(e.version)}\n    date: {e.date.isoformat()}\n"
            f"    approved_by: {_quoted(e.approved_by)}\n    summary: {_quoted(e.summary)}\n"
            + (f"    text: {e.text}\n" if e.text else "") + (_block("signature", e.signature, 4) if e.signature else "")
            for e in history))
        written += _keep_approved_text(config, leaflet, display_root)
    if write_atomic(path, text.encode("utf-8")):
        written.insert(0, shown)
    return written


def _block(name: str, armored: str, indent: int) -> str:
    """An SSH signature as a YAML literal block."""
    pad = " " * (indent + 2)
    return f"{' ' * indent}{name}: |\n" + "".join(f"{pad}{line}\n" for line in armored.strip().splitlines())


def _keep_approved_text(config: SiteConfig, source, display_root: Path | None) -> list[str]:
    """The approved text goes into the source-text store, so a later review can show what changed."""
    current = read_store(config.content_dir, source.slug)
    texts = updated_store(current, source, referenced=set(current))  # add this text, drop nothing
    path = store_path(config.content_dir, source.slug)
    return [display_path(path, display_root)] if write_atomic(path, store_bytes(texts)) else []
