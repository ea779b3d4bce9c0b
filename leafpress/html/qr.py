"""QR codes that link a printed leaflet to its online version, as inline SVG (segno)."""

from __future__ import annotations

from functools import lru_cache

import segno
from markupsafe import Markup


def online_url(base_url: str, lang: str, slug: str) -> str:
    return f"{base_url.rstrip('/')}/{lang}/{slug}.html"


@lru_cache(maxsize=256)  # each page's code is drawn once for all its editions
def qr_svg(url: str, description: str) -> Markup:
    """An inline <svg> QR code for `url`, named by `description` for screen readers.

    The <title> is the accessible name in browsers and becomes the PDF figure's /Alt
    (WeasyPrint reads an SVG's alternate text from its <title>).
    """
    code = segno.make(url, error="m", micro=False)
    # A white quiet zone: phone cameras read a QR code on a tinted box less reliably.
    svg = code.svg_inline(scale=3, border=3, dark="#1b1f23", light="#ffffff", omitsize=False,
                          title=str(description))
    # segno escapes the title; role="img" makes the whole drawing one image for assistive technology.
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))
