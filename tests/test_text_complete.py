"""Every written word is printed: the words of each page's HTML appear in its PDFs' text (poppler), block by
block and in order within each block (right-to-left pages: every word, order aside, as readers put mixed
Arabic and Latin runs in visual order), in every edition and language of the real and the sample sites.

Normalised: case, punctuation and hyphens, whitespace and line breaks, and Arabic vowel marks (poppler
detaches some, see test_readers.py). Left out, because the print stylesheet does not print them: the
language switcher and the version history. A long word broken over lines (an address) may come out as
several pieces, which are joined.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import tinyhtml5

from conftest import copy_site

BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "figcaption", "caption", "dt", "dd", "address", "summary")
NOT_PRINTED = ("nav", "script", "style", "svg", "template")
NOT_PRINTED_CLASSES = ("history",)


SCRIPT_CHANGE = re.compile(r"(?<=[\u0600-\u06FF])(?=[^\u0600-\u06FF\s])|(?<=[^\u0600-\u06FF\s])(?=[\u0600-\u06FF])")
RIGHT_TO_LEFT = ("ar",)


def words(text: str) -> list[str]:
    """Letters and digits of each word; a reader's lost space where Arabic meets a number is put back."""
    found = []
    text = SCRIPT_CHANGE.sub(" ", re.sub(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]", " ",
                                         unicodedata.normalize("NFKC", text)))
    for token in text.split():
        token = "".join(c for c in token.casefold() if unicodedata.category(c)[0] in "LN")
        if token:
            found.append(token)
    return found


def html_blocks(path: Path) -> list[list[str]]:
    """The words of each printed block of a page, innermost blocks apart from their parents' own words."""
    root = tinyhtml5.parse(path.read_text(encoding="utf-8"), namespace_html_elements=False)
    body = root.find("body")
    found: list[list[str]] = []

    def printed(element) -> bool:
        classes = (element.get("class") or "").split()
        return element.tag not in NOT_PRINTED and not any(name in classes for name in NOT_PRINTED_CLASSES)

    def own_text(element) -> str:
        """The element's text, its nested blocks left out (they are blocks of their own)."""
        parts = [element.text or ""]
        for child in element:
            if printed(child) and child.tag not in BLOCKS:
                parts.append(own_text(child))
            elif child.tag in BLOCKS:
                parts.append(" ")
            parts.append(child.tail or "")
        return "".join(parts)  # inline markup (<b>, <wbr>) is no space: only the text's own spaces are

    def walk(element) -> None:
        if not printed(element):
            return
        if element.tag in BLOCKS:
            block = words(own_text(element))
            if block:
                found.append(block)
        for child in element:
            walk(child)

    walk(body)
    return found


def pdf_tokens(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True).stdout
    return words(text)


def missing_words(block: list[str], tokens: list[str], start: int = 0) -> list[str]:
    """The words of `block` not found in `tokens` in order (from its first word's match); [] when all are."""
    best: list[str] | None = None
    for first in [i for i, token in enumerate(tokens) if block[0].startswith(token) and token] or [len(tokens)]:
        position, lost = first, []
        for word in block:
            found = _find(word, tokens, position)
            if found is None:
                lost.append(word)
            else:
                position = found
        if not lost:
            return []
        if best is None or len(lost) < len(best):
            best = lost
    return best or []


def _find(word: str, tokens: list[str], position: int) -> int | None:
    """The position after `word` in `tokens` from `position`: the word whole, or in pieces one after another."""
    for index in range(position, len(tokens)):
        if tokens[index] == word:
            return index + 1
        if word.startswith(tokens[index]):
            joined, end = tokens[index], index + 1
            while end < len(tokens) and len(joined) < len(word) and word.startswith(joined + tokens[end]):
                joined, end = joined + tokens[end], end + 1
            if joined == word:
                return end
    return None


def unordered_missing(block: list[str], tokens: list[str]) -> list[str]:
    """The words of `block` the tokens lack, order aside (right-to-left text: readers order mixed runs
    visually), each token counted once."""
    left = {}
    for token in tokens:
        left[token] = left.get(token, 0) + 1
    lost = []
    for word in block:
        if left.get(word, 0):
            left[word] -= 1
        elif not _in_pieces(word, tokens):  # poppler splits some words at a ligature: "ل ل استخدام"
            lost.append(word)
    return lost


def _in_pieces(word: str, tokens: list[str], reach: int = 16) -> bool:
    """Whether `word` is there in pieces, each after the one before it within `reach` tokens (a reader may
    put a right-to-left line's other words between the halves of a broken word)."""
    for start in (i for i, token in enumerate(tokens) if word.startswith(token)):
        joined, position = tokens[start], start
        while joined != word:
            following = next((i for i in range(position + 1, min(position + 1 + reach, len(tokens)))
                              if word.startswith(joined + tokens[i])), None)
            if following is None:
                break
            joined, position = joined + tokens[following], following
        if joined == word:
            return True
    return False


def incomplete(pdf: Path) -> list[str]:
    html = pdf.with_name(pdf.name.split(".")[0] + ".html")
    tokens = pdf_tokens(pdf)
    problems = []
    for block in html_blocks(html):
        lost = (unordered_missing(block, tokens) if pdf.parent.name in RIGHT_TO_LEFT
                else missing_words(block, tokens))
        if lost:
            problems.append(f"{pdf.parent.name}/{pdf.name}: {' '.join(lost[:8])} (of: {' '.join(block[:12])})")
    return problems


def check_site(site) -> None:
    pdfs = sorted(site.output.glob("*/*.pdf"))
    assert pdfs
    with ThreadPoolExecutor(4) as pool:
        problems = [line for lines in pool.map(incomplete, pdfs) for line in lines]
    assert problems == []


def test_every_word_of_the_real_site_is_printed(built_project):
    check_site(built_project)


def test_every_word_of_the_clinic_site_is_printed(built_clinic):
    check_site(built_clinic)


def test_every_word_of_the_multi_site_is_printed(built_multi):
    check_site(built_multi)


LONG = "https://www.example.org/" + "verylongpath" * 13


@pytest.fixture(scope="module")
def long_words(tmp_path_factory):
    """A leaflet with a 180-character address in a table cell, a paragraph and a call-out, in every edition."""
    site = copy_site("basic", tmp_path_factory.mktemp("long") / "basic")
    site.replace("site.toml", "[languages]", '[editions]\nbuild = ["a4", "a5", "large-print", "booklet", "press", '
                                            '"archive"]\n\n[languages]')
    text = site.read("content/en/sample.md")
    site.write("content/en/sample.md", text + f"\n| Where | Address |\n| --- | --- |\n| Online | {LONG} |\n\n"
                                              f"A long word: {LONG} and more.\n\n!!! tip \"Call\"\n    {LONG}\n")
    assert site.run("build", "--lang", "en") == 0
    return site


def test_a_long_word_in_a_cell_a_paragraph_and_a_call_out_is_printed_whole(long_words):
    check_site(long_words)
    for pdf in sorted(long_words.output.glob("en/*.pdf")):
        joined = "".join(pdf_tokens(pdf))
        assert joined.count(words(LONG)[0]) == 3, pdf.name


def test_the_check_is_live(long_words, tmp_path):
    """A block whose words the PDF lacks is named (here: the PDF of another page)."""
    pdf = next(long_words.output.glob("en/sample.pdf"))
    other = tmp_path / "en"
    other.mkdir()
    (other / "sample.html").write_text(pdf.with_name("sample.html").read_text(encoding="utf-8").replace(
        "Some text about it.", "Some text about it, and words that were never printed."), encoding="utf-8")
    (other / "sample.pdf").write_bytes(pdf.read_bytes())
    problems = incomplete(other / "sample.pdf")
    assert len(problems) == 1 and problems[0].startswith("en/sample.pdf: words that were never printed")
