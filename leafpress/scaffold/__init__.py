"""`leafpress new DIR`: a working site to start from, as `mkdocs new` and `hugo new site` make one.

It writes `site.toml`, one example leaflet in the source language, a theme folder for the
site's own styles, `.gitignore`, a CI workflow and a README; `cd DIR && leafpress build` then
works with the built-in theme alone.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from leafpress import __version__
from leafpress.errors import UsageError, display_path
from leafpress.files import write_atomic

FILES = Path(__file__).resolve().parent / "site"


def new_site(target: Path, name: str, today: date) -> list[str]:
    """Write a new site into `target` (which must not exist, or be empty); return the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError.at("DIR", 0, f"'{display_path(target)}' already exists and is not an empty folder; "
                                      "choose a new folder")
    if not name.strip() or "\n" in name or '"' in name or "\\" in name:
        raise UsageError.at("--name", 0, "the organisation's name is one line without quotes or backslashes")
    values = {"{name}": name.strip(), "{version}": __version__, "{published}": today.isoformat(),
              "{next_review}": (today + timedelta(days=365)).isoformat()}
    written = []
    for source in sorted(path for path in FILES.rglob("*") if path.is_file()):
        text = source.read_text(encoding="utf-8")
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        destination = target / source.relative_to(FILES)
        write_atomic(destination, text.encode("utf-8"))
        written.append(display_path(destination))
    return written
