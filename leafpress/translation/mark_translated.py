"""`leafpress mark-translated LANG`: record that a language's translations match the source now."""

from __future__ import annotations

from pathlib import Path

from leafpress.checks.crossfile import compare_with_source
from leafpress.config import SiteConfig
from leafpress.content.load import decode, load_all
from leafpress.content.parts import fingerprints
from leafpress.errors import ContentError, Diagnostic, UsageError
from leafpress.files import write_atomic
from leafpress.model import UNTRANSLATED
from leafpress.translation.records import record_source_texts, replace_record


def mark_translated(config: SiteConfig, lang: str, slugs: tuple[str, ...] = (),
                    display_root: Path | None = None) -> list[str]:
    """Record the current source hashes in each `lang` translation; return the files changed."""
    if lang == config.languages.source or lang not in config.languages.order:
        translated = [code for code in config.languages.order if code != config.languages.source]
        raise UsageError.at("LANG", 0, f"'{lang}' is not a translated language ({', '.join(translated)})")
    leaflets = {(doc.lang, doc.slug): doc for doc in load_all(config, display_root)}
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
        text = decode(translation.path.read_bytes(), translation.shown_path)
        if write_atomic(translation.path, replace_record(text, fingerprints(source)).encode("utf-8")):
            changed.append(translation.shown_path)
        recorded.append(source)
    for source in recorded:
        changed += record_source_texts(config, source, lang, leaflets, display_root)
    if problems:
        raise ContentError(problems)
    return changed


def _as_translated(leaflet):
    from dataclasses import replace

    return replace(leaflet, translated_from={}) if leaflet.translated_from == UNTRANSLATED else leaflet
