"""The fetcher's sandbox: only the project's templates/assets and content folders can be read."""

from __future__ import annotations

import pytest

from leafpress.pdf.sandbox import SITE_ORIGIN, FetchRefused, page_url, resolve
from leafpress.theme import Theme


@pytest.fixture
def folders(tmp_path):
    templates, content = tmp_path / "templates", tmp_path / "content"
    (templates / "assets").mkdir(parents=True)
    (templates / "assets" / "leaflet.css").write_text("p {}")
    (templates / "secret.html").write_text("no")
    (content / "en" / "images").mkdir(parents=True)
    (content / "en" / "images" / "a.png").write_bytes(b"png")
    (tmp_path / "outside.txt").write_text("no")
    (content / "en" / "link.png").symlink_to(tmp_path / "outside.txt")
    return Theme((templates,)), content


def test_page_urls_mirror_the_output_layout():
    assert page_url("ru", "x") == f"{SITE_ORIGIN}/ru/x.html"


def test_assets_and_content_resolve(folders):
    theme, content = folders
    templates = theme.folders[0]
    assert resolve(f"{SITE_ORIGIN}/assets/leaflet.css", theme, content) == templates / "assets/leaflet.css"
    assert resolve(f"{SITE_ORIGIN}/en/images/a.png", theme, content) == content / "en/images/a.png"


@pytest.mark.parametrize("url", [
    "https://example.com/x.png",
    "http://leafpress.invalid/assets/leaflet.css",
    "file:///etc/passwd",
    f"{SITE_ORIGIN}/../outside.txt",
    f"{SITE_ORIGIN}/en/%2e%2e/%2e%2e/outside.txt",
    f"{SITE_ORIGIN}/assets/../secret.html",
    f"{SITE_ORIGIN}/en/link.png",
    f"{SITE_ORIGIN}/en/images/missing.png",
    "data:text/plain,hello",
])
def test_everything_else_is_refused(folders, url):
    theme, content = folders
    with pytest.raises(FetchRefused):
        resolve(url, theme, content)
