"""Pictures in the content folder: which file an image address stands for, and its shape.

An image is a file inside `content/`, at an address relative to the leaflet's file. A
translation may show a picture of its own at the same relative path; where it has none, it
shows the source language's (`content/es/images/x.png` falls back to `content/en/images/x.png`).
"""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as etree
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as safe_etree

from leafpress.files import memo_by_file

LENGTH = re.compile(r"^\s*([\d.]+)\s*(px|pt|mm|cm|in)?\s*$")


def image_problem(url: str, lang_dir: Path, content_dir: Path, fallback_dir: Path | None,
                  limits=None) -> str | None:
    """Why an image address is not allowed, or None: images must be files inside the content folder, and
    within the site's [limits] (config.Limits)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return f"image '{url}' points to the network or another scheme; use a file inside the content folder"
    if parts.path.startswith("/") or "\\" in parts.path:
        return f"image '{url}' is an absolute path; use a path relative to this file"
    target = (lang_dir / PurePosixPath(unquote(parts.path))).resolve()
    if not target.is_relative_to(content_dir):
        return f"image '{url}' points outside the content folder"
    if target.is_file():
        return size_problem(url, target, limits)
    if fallback_dir is not None and fallback_dir != lang_dir:
        fallback = (fallback_dir / PurePosixPath(unquote(parts.path))).resolve()
        if fallback.is_relative_to(content_dir) and fallback.is_file():
            return size_problem(url, fallback, limits)
        return (f"image '{url}' does not exist here or in the source language's folder "
                f"({fallback_dir.name}/{parts.path})")
    return f"image '{url}' does not exist"


def size_problem(url: str, path: Path, limits) -> str | None:
    """Why a picture is too big to lay out safely, or None (reading its header only, never decoding it)."""
    if limits is None:
        return None
    size = path.stat().st_size
    if size > limits.max_image_mb * 1024 * 1024:
        return (f"image '{url}' is {size / 1024 / 1024:,.1f} MB; a picture may be at most {limits.max_image_mb} MB "
                "([limits] max_image_mb)")
    if path.suffix.lower() == ".svg":
        elements = _svg_elements(path)
        if elements > limits.max_svg_elements:
            return (f"image '{url}' has {elements:,} SVG elements; a drawing may have at most "
                    f"{limits.max_svg_elements:,} ([limits] max_svg_elements)")
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as picture:
                width, height = picture.size
    except Image.DecompressionBombError:
        return (f"image '{url}' has far more pixels than a picture needs (a decompression bomb?); a picture may "
                f"have at most {limits.max_image_megapixels} megapixels ([limits] max_image_megapixels)")
    except (UnidentifiedImageError, OSError, ValueError) as error:
        return f"image '{url}' cannot be read as a picture: {error or type(error).__name__}"
    if width * height > limits.max_image_megapixels * 1_000_000:
        return (f"image '{url}' is {width:,} x {height:,} pixels ({width * height / 1e6:,.0f} megapixels); a "
                f"picture may have at most {limits.max_image_megapixels} megapixels ([limits] max_image_megapixels)")
    return None


def _svg_elements(path: Path) -> int:
    """Start tags in an SVG file, counted without parsing it (linear in its size)."""
    data = path.read_bytes()
    return data.count(b"<") - data.count(b"</") - data.count(b"<?") - data.count(b"<!")


def resolve_image(url: str, lang_dir: Path, fallback_dir: Path | None) -> tuple[Path, str]:
    """(the file, the address the page uses) for an allowed image address of a leaflet in `lang_dir`."""
    relative = PurePosixPath(unquote(urlsplit(url).path))
    own = lang_dir / relative
    if own.is_file() or fallback_dir is None or fallback_dir == lang_dir:
        return own, url
    return fallback_dir / relative, f"../{quote(fallback_dir.name)}/{url}"


@memo_by_file(lambda path: [path], maxsize=1024)
def aspect_ratio(path: Path) -> float | None:
    """Height over width of a picture (PNG, JPEG, GIF, WebP or SVG), or None if it cannot be told."""
    try:
        if path.suffix.lower() == ".svg":
            return _svg_ratio(path)
        from PIL import Image

        with Image.open(path) as image:  # reads the header only
            width, height = image.size
        return height / width if width else None
    except (OSError, ValueError, etree.ParseError, DefusedXmlException):
        return None


def _svg_ratio(path: Path) -> float | None:
    root = safe_etree.parse(path).getroot()  # no entities, no external references
    width, height = (LENGTH.match(root.get(name, "")) for name in ("width", "height"))
    if width and height and float(width.group(1)):
        return float(height.group(1)) / float(width.group(1))
    box = root.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4 and float(box[2]):
        return float(box[3]) / float(box[2])
    return None
