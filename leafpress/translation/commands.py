"""Translators' commands: record a language as up to date, and scaffold a new language."""

from __future__ import annotations

import re
from pathlib import Path

from babel import Locale, UnknownLocaleError

from leafpress import catalogs, content
from leafpress.config import SiteConfig
from leafpress.errors import ConfigError, ContentError, Diagnostic, display_path
from leafpress.publish import write_atomic
from leafpress.translation.source_texts import read_store, store_bytes, store_path, updated_store
from leafpress.translation.staleness import UNTRANSLATED, replace_record, source_parts
from leafpress.validate import compare_with_source


def mark_translated(config: SiteConfig, lang: str, slugs: tuple[str, ...] = (),
                    display_root: Path | None = None) -> list[str]:
    """Record the current source hashes in each `lang` translation; return the files changed."""
    if lang == config.languages.source or lang not in config.languages.order:
        translated = [code for code in config.languages.order if code != config.languages.source]
        raise ConfigError.at(display_path(config.config_path, display_root), 0,
                             f"'{lang}' is not a translated language ({', '.join(translated)})")
    leaflets = {(doc.lang, doc.slug): doc for doc in content.load_all(config, display_root)}
    changed = []
    recorded = []
    problems: list[Diagnostic] = []
    for (doc_lang, slug), translation in sorted(leaflets.items()):
        if doc_lang != lang or (slugs and slug not in slugs):
            continue
        source = leaflets.get((config.languages.source, slug))
        if source is None:
            continue
        # Recording hashes vouches for the text; refuse while its structure differs from the source.
        translation = _as_translated(translation)
        parity = compare_with_source(translation, source)
        if parity:
            problems += parity
            continue
        text = content.decode(translation.path.read_bytes(), translation.shown_path)
        if write_atomic(translation.path, replace_record(text, source_parts(source)).encode("utf-8")):
            changed.append(translation.shown_path)
        recorded.append(source)
    for source in recorded:
        changed += _record_source_texts(config, source, lang, leaflets, display_root)
    if problems:
        raise ContentError(problems)
    return changed


def _record_source_texts(config: SiteConfig, source, lang: str, leaflets: dict, display_root: Path | None) -> list[str]:
    """Keep the text behind every fingerprint a translation of this leaflet refers to (for `status --diff`)."""
    referenced = set(source_parts(source).values()) | set((source.approved_text or {}).values())
    for (other_lang, slug), doc in leaflets.items():
        if slug == source.slug and other_lang != lang and isinstance(doc.translated_from, dict):
            referenced |= set(doc.translated_from.values())
    texts = updated_store(read_store(config.content_dir, source.slug), source, referenced)
    path = store_path(config.content_dir, source.slug)
    return [display_path(path, display_root)] if write_atomic(path, store_bytes(texts)) else []


def _as_translated(leaflet):
    from dataclasses import replace

    return replace(leaflet, translated_from={}) if leaflet.translated_from == UNTRANSLATED else leaflet


def new_language(config: SiteConfig, code: str, display_root: Path | None = None) -> list[str]:
    """Copy the source content into content/<code>/ marked untranslated, create its catalog, configure it."""
    shown_config = display_path(config.config_path, display_root)
    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        raise ConfigError.at(shown_config, 0, f"'{code}' is not a known language code") from None
    if code in config.languages.order:
        raise ConfigError.at(shown_config, 0, f"'{code}' is already configured")
    target_dir = config.content_dir / code
    if target_dir.exists() and any(target_dir.glob("*.md")):
        raise ContentError.at(display_path(target_dir, display_root), 0, "already has content")

    created = []
    source_dir = config.content_dir / config.languages.source
    for source in sorted(source_dir.glob("*.md")):
        text = content.decode(source.read_bytes(), display_path(source, display_root))
        target = target_dir / source.name
        write_atomic(target, replace_record(text, UNTRANSLATED).encode("utf-8"))
        created.append(display_path(target, display_root))
    config_text = config.config_path.read_text(encoding="utf-8")
    updated = _add_to_order(config_text, code)
    languages = (*config.languages.order, code)
    created += [display_path(p, display_root)
                for p in catalogs.update(config.templates_dir, languages, config.languages.source)]
    write_atomic(config.config_path, updated.encode("utf-8"))
    created.append(shown_config)
    return created


def _add_to_order(config_text: str, code: str) -> str:
    """Append `code` to `order = [...]` in [languages], keeping the file's comments and layout."""
    pattern = re.compile(r"(?ms)(^\[languages\].*?^order\s*=\s*\[)(.*?)(\])")
    match = pattern.search(config_text)
    if match is None:
        raise ConfigError.at("site.toml", 0, "could not find 'order = [...]' in [languages]")
    items = match.group(2).rstrip()
    separator = ", " if items.strip() else ""
    return config_text[:match.start(2)] + f'{items}{separator}"{code}"' + config_text[match.end(2):]
