"""The theme's fonts are the only fonts the renderer sees: no system font is ever matched."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from leafpress.theme import Theme

# fontTools stamps the clock into subset fonts unless this is set; any fixed value will do.
FIXED_SOURCE_DATE_EPOCH = "1700000000"


def use_only_theme_fonts(theme: Theme) -> Path:
    """Point fontconfig at the theme's fonts alone (see `use_only_fonts_in`)."""
    return use_only_fonts_in(theme.fonts_folder())


def use_only_fonts_in(fonts_dir: Path) -> Path:
    """Point fontconfig at a config that lists only `fonts_dir`; no system font is ever matched.

    Must run before WeasyPrint creates a FontConfiguration (fontconfig reads
    FONTCONFIG_FILE then). Returns the generated config file.
    """
    fonts_dir = fonts_dir.resolve()
    digest = hashlib.sha256(str(fonts_dir).encode()).hexdigest()[:12]
    cache_dir = Path(tempfile.gettempdir()) / f"leafpress-fontconfig-{digest}"
    cache_dir.mkdir(parents=True, exist_ok=True)
    config_file = cache_dir / "fonts.conf"
    xml = ("<?xml version='1.0'?>\n<!DOCTYPE fontconfig SYSTEM 'urn:fontconfig:fonts.dtd'>\n"
           f"<fontconfig>\n  <dir>{escape(str(fonts_dir))}</dir>\n"
           f"  <cachedir>{escape(str(cache_dir / 'cache'))}</cachedir>\n</fontconfig>\n")
    if not config_file.exists() or config_file.read_text() != xml:
        config_file.write_text(xml)
    os.environ["FONTCONFIG_FILE"] = str(config_file)
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_SOURCE_DATE_EPOCH
    return config_file
