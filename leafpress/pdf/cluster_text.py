"""Every glyph of a PDF maps to the text it shows, also when it first appeared inside a cluster of glyphs.

WeasyPrint 70 records a glyph's text (the ToUnicode map) the first time it draws the glyph. Where one
character is drawn as several glyphs (an Arabic letter and its mark, say), the glyphs after the first get
no text; if that glyph is later drawn alone (the medial yeh with hamza of "أسئلة"), readers then find no
text for it: poppler drops the letter and MuPDF shows the glyph number as a character ("أسɄلة").

Here a glyph whose recorded text is empty is recorded again the next time WeasyPrint draws it, so it takes
the text of a cluster where it comes first; a glyph that only ever follows another keeps its empty text
(it adds nothing to what the first glyph stands for). `install` wraps WeasyPrint's `draw_text` (not public
API; WeasyPrint is pinned in requirements.lock, and tests/test_text_complete.py reads every word back).
"""

from __future__ import annotations

import itertools

_INSTALLED = []


def install() -> None:
    """Wrap WeasyPrint's draw_text (once per process)."""
    if _INSTALLED:
        return
    import weasyprint.draw as draw

    original = draw.draw_text

    def draw_text(stream, textbox, *args, **kwargs):
        fonts = list((getattr(stream, "_fonts", None) or {}).values())
        for font in fonts:  # let a glyph without text take its text this time
            for glyph in getattr(font, "leafpress_textless", ()):
                font.to_unicode.pop(glyph, None)
        try:
            return original(stream, textbox, *args, **kwargs)
        finally:
            for font in (getattr(stream, "_fonts", None) or {}).values():
                textless = getattr(font, "leafpress_textless", set())
                seen = getattr(font, "leafpress_seen", 0)
                if len(font.to_unicode) > seen:  # only the glyphs this call added (a dict keeps their order)
                    textless.update(glyph for glyph, text in
                                    itertools.islice(font.to_unicode.items(), seen, None) if not text)
                for glyph in list(textless):
                    if font.to_unicode.get(glyph):
                        textless.discard(glyph)  # it has its text now
                    else:
                        font.to_unicode[glyph] = ""  # still drawn, so still in the subset
                font.leafpress_textless, font.leafpress_seen = textless, len(font.to_unicode)

    draw.draw_text = draw_text
    _INSTALLED.append(original)
