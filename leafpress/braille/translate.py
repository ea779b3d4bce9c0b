"""Print to braille with liblouis (`lou_translate`), one line of text to one line of braille."""

from __future__ import annotations

import shutil
import subprocess

from leafpress.errors import Diagnostic, RenderError

PACKAGES = "liblouis-bin liblouis-data"


def lou_translate() -> str:
    found = shutil.which("lou_translate")
    if found is None:
        raise RenderError([Diagnostic("braille", 0, "the braille edition needs liblouis, and lou_translate was not "
                                                    f"found (Debian: sudo apt-get install {PACKAGES})")])
    return found


def to_braille(table: str, lines: list[str], where: str = "[braille] tables") -> list[str]:
    """Each line of text in ASCII braille, by the liblouis `table` list (display table first, e.g.
    'en-us-brf.dis,en-GB-g2.ctb'). A line must not be empty or hold a line break."""
    if not lines:
        return []
    assert all(line.strip() and "\n" not in line and "\r" not in line for line in lines)
    result = subprocess.run([lou_translate(), "--forward", table], input="\n".join(lines) + "\n",
                            capture_output=True, text=True, encoding="utf-8")
    out = result.stdout.split("\n")
    if out and out[-1] == "":
        out.pop()
    if result.returncode != 0 or len(out) != len(lines):
        detail = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}"
        raise RenderError([Diagnostic(where, 0, f"liblouis could not translate with '{table}': {detail}")])
    return out
