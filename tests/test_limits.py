"""Limits on every input ([limits] in site.toml): a file past one fails fast with `path:line: what is
wrong`, instead of a build that eats memory for minutes."""

from __future__ import annotations

import re
import struct
import time
import zlib

import pytest


def add_limits(site, **values) -> None:
    text = site.read("site.toml") + "\n[limits]\n" + "".join(f"{key} = {value}\n" for key, value in values.items())
    site.write("site.toml", text)


def test_a_50_mb_markdown_file_is_refused_at_once(basic, capsys):
    path = basic.path("content/en/sample.md")
    with path.open("a", encoding="utf-8") as file:
        for _ in range(50):
            file.write(("Some words of a very long leaflet. " * 29 + "\n\n") * 1024)
    started = time.monotonic()
    assert basic.run("build") == 1
    assert time.monotonic() - started < 30
    err = capsys.readouterr().err
    assert re.search(r"content/en/sample\.md:1: the file is 5\d,\d{3} KB; a leaflet may be at most 512 KB "
                     r"\(\[limits\] max_markdown_kb\)", err), err
    assert not (basic.root / "output").exists()


def test_the_markdown_limit_is_configurable(basic, capsys):
    add_limits(basic, max_markdown_kb=1)
    basic.write("content/en/sample.md", basic.read("content/en/sample.md") + "\nMore words. " * 200)
    assert basic.run("check") == 1
    assert "content/en/sample.md:1: the file is" in capsys.readouterr().err


def svg(elements: int) -> bytes:
    return (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
            + b"<g/>" * elements + b"</svg>")


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG file that claims a huge picture (a decompression bomb's header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + \
        chunk(b"IEND", b"")


@pytest.mark.parametrize("name, data, message", [
    ("huge.svg", svg(1_000_000), "image 'images/huge.svg' has 1,000,001 SVG elements; a drawing may have at most "
                                 "20,000 ([limits] max_svg_elements)"),
    ("bomb.png", png_header(100_000, 100_000), "image 'images/bomb.png' has far more pixels than a picture needs "
                                               "(a decompression bomb?); a picture may have at most 60 megapixels "
                                               "([limits] max_image_megapixels)"),
    ("big.png", png_header(10_000, 8_000), "image 'images/big.png' is 10,000 x 8,000 pixels (80 megapixels); a "
                                           "picture may have at most 60 megapixels ([limits] max_image_megapixels)"),
    ("broken.png", b"\x89PNG\r\n\x1a\nnot a picture", "image 'images/broken.png' cannot be read as a picture"),
])
def test_a_picture_past_the_limits_is_an_error_with_its_line(basic, capsys, name, data, message):
    basic.write(f"content/en/images/{name}", data)
    text = basic.read("content/en/sample.md")
    basic.write("content/en/sample.md", text + f"\n![A picture](images/{name})\n")
    line = len(basic.read("content/en/sample.md").splitlines())
    started = time.monotonic()
    assert basic.run("build") == 1
    assert time.monotonic() - started < 30
    err = capsys.readouterr().err
    assert f"content/en/sample.md:{line}: {message}" in err
    assert not (basic.root / "output").exists()


def test_a_page_that_takes_too_long_fails_and_the_others_are_built(basic, capsys):
    """A 3,000-character word in a table cell takes WeasyPrint tens of seconds: one second is the limit."""
    add_limits(basic, render_seconds=1)
    text = basic.read("content/en/sample.md")
    basic.write("content/en/sample.md", text + "\n| A | B |\n| --- | --- |\n| x | " + "y" * 3000 + " |\n")
    started = time.monotonic()
    assert basic.run("build", "--keep-going", "--jobs", "2", "--no-fit") == 1
    assert time.monotonic() - started < 60
    err = capsys.readouterr().err
    assert ("content/en/sample.md: laying out this page took longer than 1 s ([limits] render_seconds); it may be "
            "far too long, or hold a picture far too complex") in err
    assert (basic.root / "output" / "ru" / "sample.pdf").is_file()  # --keep-going: the other page is built
    assert not (basic.root / "output" / "en" / "sample.pdf").exists()
