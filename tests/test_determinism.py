"""Same inputs, same bytes: in another folder, at another time, with either font subsetter."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from conftest import PROJECT, copy_site

FORCE_FONTTOOLS = (
    "import weasyprint.pdf.fonts as f; f.harfbuzz_subset = None\n"
)
BUILD = "import sys; from leafpress.cli import main; sys.exit(main(['build', '--config', sys.argv[1]]))\n"


def build_in_subprocess(site, fonttools: bool) -> None:
    code = (FORCE_FONTTOOLS if fonttools else "") + BUILD
    result = subprocess.run([sys.executable, "-c", code, str(site.config)], cwd=PROJECT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def outputs(site) -> dict[str, bytes]:
    return {name: data for name, (data, _) in site.snapshot().items()}


EVERY_EDITION = '\n[editions]\nbuild = ["a4", "a5", "large-print", "booklet", "press", "archive"]\n' \
                '[online]\nbase_url = "https://x.example/"\nqr_code = true\n'


@pytest.mark.parametrize("fonttools", [False, True], ids=["harfbuzz-subset-every-edition", "fonttools-fallback"])
def test_two_builds_in_different_folders_at_different_times_are_identical(tmp_path, fonttools):
    first = copy_site("basic", tmp_path / "one")
    second = copy_site("basic", tmp_path / "two" / "nested")
    if not fonttools:
        for site in (first, second):
            site.write("site.toml", site.read("site.toml") + EVERY_EDITION)
    build_in_subprocess(first, fonttools)
    time.sleep(1.1)  # fontTools would stamp a different second into the fonts
    build_in_subprocess(second, fonttools)
    a, b = outputs(first), outputs(second)
    assert sorted(a) == sorted(b)
    for name in a:
        assert a[name] == b[name], name
