"""Bundled fonts only: fontconfig sees nothing else, and uncovered characters are reported."""

from __future__ import annotations

import os
from pathlib import Path

from leafpress.fonts import covered_characters, missing_glyphs, use_only_bundled_fonts

FONTS = Path(__file__).resolve().parent.parent / "templates" / "assets" / "fonts"


def test_fontconfig_file_lists_only_the_bundled_folder():
    config = use_only_bundled_fonts(FONTS)
    assert os.environ["FONTCONFIG_FILE"] == str(config)
    text = config.read_text()
    assert text.count("<dir>") == 1 and f"<dir>{FONTS.resolve()}</dir>" in text


def test_latin_and_cyrillic_are_covered():
    covered = covered_characters(FONTS.resolve())
    for char in "Aé–«»ёЖ€":
        assert ord(char) in covered


def test_missing_glyph_names_file_line_and_character():
    problems = missing_glyphs("fine\nНормально, «да» and 漢 漢\n", 1, "x.md", FONTS)
    assert [str(p) for p in problems] == [
        "x.md:2: warning: no bundled font has a glyph for '漢' (U+6F22 CJK UNIFIED IDEOGRAPH-6F22)",
    ]


def test_missing_glyph_is_a_warning_and_an_error_under_strict(built_copy, capsys):
    built_copy.replace("content/en/sample.md", "Some text about it.", "Some text about it 漢.")
    assert built_copy.run("check") == 0
    assert "content/en/sample.md:29: warning: no bundled font has a glyph for '漢'" in capsys.readouterr().err
    before = built_copy.snapshot()
    assert built_copy.run("build", "--strict") == 1
    err = capsys.readouterr().err
    assert ("content/en/sample.md:29: no bundled font has a glyph for '漢' (U+6F22 CJK UNIFIED "
            "IDEOGRAPH-6F22) (an error under --strict)") in err
    assert built_copy.snapshot() == before
