"""`leafpress new-language CODE`: scaffold a new language: its content, its catalog and its configuration."""

from __future__ import annotations

import re
from pathlib import Path

from babel import Locale, UnknownLocaleError

from leafpress.config import SiteConfig
from leafpress.content.load import decode
from leafpress.errors import ConfigError, ContentError, display_path
from leafpress.files import write_atomic
from leafpress.model import UNTRANSLATED
from leafpress.translation.records import replace_record
from leafpress.translation.ui_catalogs import update


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
        text = decode(source.read_bytes(), display_path(source, display_root))
        target = target_dir / source.name
        write_atomic(target, replace_record(text, UNTRANSLATED).encode("utf-8"))
        created.append(display_path(target, display_root))
    config_text = config.config_path.read_text(encoding="utf-8")
    updated = _add_to_order(config_text, code)
    languages = (*config.languages.order, code)
    created += [display_path(p, display_root)
                for p in update(config.theme, languages, config.languages.source, shown_config)]
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
