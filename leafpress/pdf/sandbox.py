"""Which files the renderer may read: the virtual site address space and its mapping to folders.

Pages are rendered at a virtual address that mirrors the output folder
(`SITE_ORIGIN/<lang>/<slug>.html`, stylesheets under `SITE_ORIGIN/assets/`).
The fetcher maps that address space onto the project's own folders and
refuses everything else: no network, no `file://`, no `..`, no symlink escapes.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from leafpress.theme import ASSETS, Theme

SITE_ORIGIN = "https://leafpress.invalid"


class FetchRefused(ValueError):
    """A page asked for something outside the sandbox."""


def page_url(lang: str, slug: str) -> str:
    return f"{SITE_ORIGIN}/{lang}/{slug}.html"


def resolve(url: str, theme: Theme, content_dir: Path) -> Path:
    """The project file a virtual URL stands for; raise FetchRefused if it may not be read."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != SITE_ORIGIN:
        raise FetchRefused(f"refused to fetch '{url}': only files inside the project may be used")
    segments = PurePosixPath(unquote(parts.path)).parts[1:]
    if not segments or any(s in ("..", ".") or "\\" in s or "\x00" in s for s in segments):
        raise FetchRefused(f"refused to fetch '{url}': not a plain path inside the project")
    if segments[0] == ASSETS:
        found = theme.find("/".join(segments))
        if found is None:
            raise FetchRefused(f"cannot read '{url}': {segments[-1]} does not exist")
        root = next(folder for folder in theme.folders if found.is_relative_to(folder)).resolve() / ASSETS
        target = found.resolve()
    else:
        root = content_dir.resolve()
        target = root.joinpath(*segments).resolve()
    if not target.is_relative_to(root):
        raise FetchRefused(f"refused to fetch '{url}': it leads outside the project")
    if not target.is_file():
        raise FetchRefused(f"cannot read '{url}': {target.name} does not exist")
    return target
