"""QR codes that link a printed leaflet to its online version, as inline SVG (segno)."""

from __future__ import annotations

import segno
from markupsafe import Markup


def online_url(base_url: str, lang: str, slug: str) -> str:
    return f"{base_url.rstrip('/')}/{lang}/{slug}.html"


def qr_svg(url: str) -> Markup:
    """An inline <svg> QR code for `url`; generated here, so it is safe to insert unescaped."""
    code = segno.make(url, error="m", micro=False)
    # A white quiet zone: phone cameras read a QR code on a tinted box less reliably.
    return Markup(code.svg_inline(scale=3, border=3, dark="#1b1f23", light="#ffffff", omitsize=False))
