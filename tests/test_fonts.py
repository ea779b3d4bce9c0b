"""Bundled fonts only: fontconfig sees nothing else, and uncovered characters are reported."""

from __future__ import annotations

import os
from pathlib import Path

from leafpress.checks.glyphs import covered_characters, missing_glyphs
from leafpress.pdf.fonts import use_only_fonts_in

FONTS = Path(__file__).resolve().parent.parent / "templates" / "assets" / "fonts"
FONT_FILES = tuple(sorted(FONTS.glob("*.ttf")))


def test_fontconfig_file_lists_only_the_bundled_folder():
    config = use_only_fonts_in(FONTS)
    assert os.environ["FONTCONFIG_FILE"] == str(config)
    text = config.read_text()
    assert text.count("<dir>") == 1 and f"<dir>{FONTS.resolve()}</dir>" in text


def test_latin_and_cyrillic_are_covered():
    covered = covered_characters(FONT_FILES)
    for char in "Aé–«»ёЖ€":
        assert ord(char) in covered


def test_missing_glyph_names_file_line_and_character():
    problems = missing_glyphs("fine\nНормально, «да» and 漢 漢\n", 1, "x.md", FONT_FILES)
    assert [str(p) for p in problems] == [
        "x.md:2: no bundled font has a glyph for '漢' (U+6F22 CJK UNIFIED IDEOGRAPH-6F22)",
    ]


def test_missing_glyph_is_an_error_naming_file_line_and_character(built_copy, capsys):
    built_copy.replace("content/ru/sample.md", "Немного текста.", "Немного текста 漢.")
    before = built_copy.snapshot()
    assert built_copy.run("build") == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == ("content/ru/sample.md:35: no bundled font has a glyph for '漢' "
                                   "(U+6F22 CJK UNIFIED IDEOGRAPH-6F22)")
    assert built_copy.snapshot() == before


def test_catalog_text_is_checked_too(built_copy, capsys):
    templates = built_copy.own_templates()
    po = templates / "locale/ru/LC_MESSAGES/messages.po"
    po.write_text(po.read_text().replace('msgstr "Этап"', 'msgstr "Этап ☤"'))
    assert built_copy.run("check") == 1
    err = capsys.readouterr().err
    assert "templates/locale/ru/LC_MESSAGES/messages.po:" in err
    assert "no bundled font has a glyph for '☤' (U+2624 CADUCEUS)" in err
