"""The braille edition: every word of the page is in the BRF, in the layout an embosser takes, in every language."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import copy_site
from page_checks import page_words
from leafpress.braille.layout import NABCC, as_ascii, paginate, wrap
from leafpress.config import DEFAULT_BRAILLE_TABLES
from leafpress.html.linear import Block



def brf_pages(data: bytes) -> list[list[str]]:
    text = data.decode("ascii")
    assert text.endswith("\r\n\f")
    return [page.split("\r\n")[:-1] for page in text.split("\f")[:-1]]


def words_found(brf: bytes, words: list[str], table: str) -> tuple[float, list[str]]:
    """The share of `words` that, translated alone with `table`, stand in the BRF; and the missing ones."""
    flowing = " ".join(line for page in brf_pages(brf) for line in page[:-1])  # the page-number line left out
    flowing = re.sub(r"-\s+", "", flowing)  # a word split over two lines
    flowing = re.sub(r"\s+", " ", flowing)
    distinct = sorted(set(words))
    result = subprocess.run(["lou_translate", "--forward", table], input="\n".join(distinct) + "\n",
                            capture_output=True, text=True, check=True)
    alone = dict(zip(distinct, result.stdout.split("\n")))
    missing = [word for word in words if as_ascii(alone[word]) not in flowing]
    return 1 - len(missing) / len(words), sorted(set(missing))


def braille_files(site):
    return sorted(site.output.glob("*/*.brf"))


def test_every_leaflet_in_every_language_has_a_brf_and_a_unicode_copy(built_clinic):
    pages = sorted(p.relative_to(built_clinic.output).as_posix() for p in built_clinic.output.glob("*/*.html"))
    assert [p.replace(".brf", ".html") for p in map(lambda q: q.relative_to(built_clinic.output).as_posix(),
                                                    braille_files(built_clinic))] == pages
    for brf in braille_files(built_clinic):
        text = brf.with_suffix(".brl.txt").read_text(encoding="utf-8")
        cells = {char for char in text if char not in "\n\f"}
        assert cells and all(0x2800 <= ord(char) <= 0x283F for char in cells)
        ascii_pages = brf_pages(brf.read_bytes())
        unicode_pages = [page.split("\n")[:-1] for page in text.split("\f")[:-1]]
        assert len(ascii_pages) == len(unicode_pages)
        for ascii_page, unicode_page in zip(ascii_pages, unicode_pages):
            assert ["".join(NABCC[ord(c) - 0x2800] for c in line) for line in unicode_page] == \
                   [line.rstrip() for line in ascii_page]


@pytest.mark.parametrize("cells, lines", [(40, 25), (32, 20)])
def test_the_layout_limits_hold_and_the_page_numbers_run_in_order(tmp_path, cells, lines):
    site = copy_site("clinic", tmp_path / "clinic")
    site.config.write_text(site.config.read_text().replace(
        'build = ["a4", "a5", "large-print", "booklet", "press", "archive"]', 'build = ["braille"]')
        + f"\n[braille]\ncells = {cells}\nlines = {lines}\n")
    assert site.run("build") == 0
    for brf in braille_files(site):
        data = brf.read_bytes()
        assert data.isascii() and b"\t" not in data
        pages = brf_pages(data)
        lang = brf.parent.name
        table = DEFAULT_BRAILLE_TABLES[lang]
        numbers = subprocess.run(["lou_translate", "--forward", table],
                                 input="\n".join(str(n) for n in range(1, len(pages) + 1)) + "\n",
                                 capture_output=True, text=True, check=True).stdout.split("\n")
        for number, page in enumerate(pages, start=1):
            assert len(page) == lines, (brf, number)
            assert all(len(line) <= cells for line in page), (brf, number)
            assert page[-1].strip() == as_ascii(numbers[number - 1]) and page[-1].endswith(page[-1].strip())
            assert len(page[-1]) == cells  # at the right margin
        assert any(line.strip() for line in pages[0][:3])  # the title opens the first page


def test_every_word_of_the_real_leaflets_stands_in_the_braille(built_project):
    """Each word of the page, translated alone with the same table, is found in the BRF: at least 95%."""
    report = []
    for html in sorted(built_project.output.glob("*/*.html")):
        lang = html.parent.name
        words = page_words(html.read_text(encoding="utf-8"))
        share, missing = words_found(html.with_suffix(".brf").read_bytes(), words, DEFAULT_BRAILLE_TABLES[lang])
        report.append((html.name, lang, len(words), share, missing[:8]))
        assert share >= 0.95, (html, share, missing)
    assert {lang for _, lang, _, _, _ in report} == {"en", "ru", "es", "ar"}


def test_the_clinic_library_stands_in_its_braille_word_for_word(built_clinic):
    for html in sorted(built_clinic.output.glob("*/*.html")):
        words = page_words(html.read_text(encoding="utf-8"))
        share, missing = words_found(html.with_suffix(".brf").read_bytes(), words,
                                     DEFAULT_BRAILLE_TABLES[html.parent.name])
        assert share >= 0.95, (html, share, missing)


def test_headings_are_braille_headings_lists_keep_markers_and_the_stage_table_is_linear(built_clinic):
    pages = brf_pages((built_clinic.output / "en" / "back-exercises.brf").read_bytes())
    lines = [line for page in pages for line in page[:-1]]
    title = next(line for line in lines if line.strip())
    assert title.startswith("  ") and abs(len(title) - len(title.strip()) - (40 - len(title.strip())) // 2) <= 1
    # The stage table: each level, then its aim, then its exercises, indented below it (1-3, then 3-5).
    level = next(i for i, line in enumerate(lines) if line.startswith(",LEVEL3 ,LEVEL #A3"))
    assert lines[level + 1].startswith("  ,AIM3") and any(line.startswith("  ,EX]CISES3") for line in lines[level:level + 5])
    # An ordered list keeps its numbers; a call-out is framed by box lines.
    assert any(line.startswith("#A4 ,LIE ON YR BACK") for line in lines)
    assert "7" * 40 in lines
    # Pictures as their alt text, and the QR code as the online address.
    assert any(",A P]SON LY+ ON _! BACK" in line for line in lines)
    assert any("LEAFLETS4HILL-STREET4EXAMPLE/EN/BACK" in line for line in lines)
    # The governance block: ID and version, and the draft mark a braille copy must carry.
    assert any(line.startswith(",L1FLET ,,ID3 ,,PHY-#JAD") for line in lines)
    assert any(",DRAFT" in line for line in lines[:12])


def test_wrap_breaks_at_spaces_and_splits_only_a_word_longer_than_a_line():
    assert wrap("AB CD EF", 5, 0, 0) == ["AB CD", "EF"]
    assert wrap("AB CD EF", 6, 2, 0) == ["  AB", "CD EF"]
    assert wrap("ABCDEFGHIJ", 5, 0, 2) == ["ABCD-", "  EF-", "  GH-", "  IJ"]
    assert all(len(line) <= 5 for line in wrap("X" * 37 + " Y", 5, 1, 3))


def test_a_heading_is_never_the_last_line_of_a_page():
    blocks = [Block("paragraph", f"p{n}") for n in range(3)] + [Block("heading", "h", 3), Block("paragraph", "q")]
    translated = {b.text: b.text.upper() for b in blocks}
    pages = paginate(blocks, translated, ["#A", "#B"], 20, 5)  # four lines of text a page
    assert [line.strip() for line in pages[0][:-1]] == ["P0", "P1", "P2", ""]
    assert [line.strip() for line in pages[1][:2]] == ["H", "Q"]


def test_a_language_without_a_table_is_a_clear_error(multi, capsys):
    multi.config.write_text(multi.config.read_text() + '\n[editions]\nbuild = ["braille"]\n'
                            '\n[braille]\ntables = { es = "no-such-table.ctb" }\n')
    assert multi.run("build") == 1
    err = capsys.readouterr().err
    assert "liblouis could not translate with 'no-such-table.ctb'" in err and "Traceback" not in err
    assert not multi.output.exists()
