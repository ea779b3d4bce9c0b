"""What a translation records about its source: the `translated_from:` block and the source-text store."""

from __future__ import annotations

from pathlib import Path

from leafpress.config import SiteConfig
from leafpress.content.frontmatter import set_block
from leafpress.content.parts import fingerprints
from leafpress.errors import display_path
from leafpress.files import write_atomic
from leafpress.translation.source_texts import read_store, store_bytes, store_path, updated_store


def replace_record(text: str, parts: dict[str, str] | str) -> str:
    """Rewrite (or add) the `translated_from:` block in a content file's front matter, keeping the rest."""
    if isinstance(parts, str):
        return set_block(text, "translated_from", f"translated_from: {parts}\n")
    return set_block(text, "translated_from",
                     "translated_from:\n" + "".join(f"  {name}: {digest}\n" for name, digest in parts.items()))


def record_source_texts(config: SiteConfig, source, lang: str, leaflets: dict, display_root: Path | None) -> list[str]:
    """Keep the text behind every fingerprint a translation of this leaflet refers to (for `status --diff`)."""
    referenced = set(fingerprints(source).values()) | set((source.approved_text or {}).values())
    for (other_lang, slug), doc in leaflets.items():
        if slug == source.slug and other_lang != lang and isinstance(doc.translated_from, dict):
            referenced |= set(doc.translated_from.values())
    texts = updated_store(read_store(config.content_dir, source.slug), source, referenced)
    path = store_path(config.content_dir, source.slug)
    return [display_path(path, display_root)] if write_atomic(path, store_bytes(texts)) else []
