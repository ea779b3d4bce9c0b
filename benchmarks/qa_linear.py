#!/usr/bin/env python3
"""Translation QA grows linearly with a leaflet's length: CPU seconds for 2,000 and 20,000 numbered items.

    .venv/bin/python benchmarks/qa_linear.py

Builds a copy of the multi sample site (English, Spanish, Arabic) whose leaflet gains a section of N list
items, each holding two numbers, in every language, and times `translation_warnings` on it (CPU seconds of
this process, the best of 3). Prints one table; a linear check costs about ten times as much for ten times
the items.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from leafpress.checks import translation_qa  # noqa: E402
from leafpress.config import load_config  # noqa: E402
from leafpress.content.load import load_all  # noqa: E402


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def seconds_for(items: int, folder: Path) -> float:
    site = folder / f"multi-{items}"
    shutil.copytree(PROJECT / "tests" / "sites" / "multi", site)
    config_path = site / "site.toml"
    config_path.write_text(config_path.read_text().replace('templates = "../../../templates"',
                                                           f'templates = "{(PROJECT / "templates").as_posix()}"')
                           + "\n[limits]\nmax_markdown_kb = 4096\n")
    section = "\n\n## Many {#many}\n\n" + "\n".join(f"- Item {n} takes {n * 3} mg" for n in range(items)) + "\n"
    for path in (site / "content").glob("*/sample.md"):
        path.write_text(path.read_text() + section)
    config = load_config(config_path)
    by_lang = {doc.lang: doc for doc in load_all(config)}
    pairs = [(by_lang["en"], by_lang[lang]) for lang in ("es", "ar")]
    best = float("inf")
    for _ in range(3):
        translation_qa.normalise.cache_clear()
        started = cpu()
        for source, translation in pairs:
            translation_qa.compare(source, translation, translation_qa.Terminology())
        best = min(best, cpu() - started)
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        rows = [(items, seconds_for(items, Path(folder))) for items in (2_000, 20_000)]
    print(f"{'numbered items per language':>28}  {'QA CPU, 2 translations':>24}")
    print(f"{'-' * 28}  {'-' * 24}")
    for items, seconds in rows:
        print(f"{items:>28,}  {seconds:>22.2f} s")
    print(f"\nten times the items: {rows[1][1] / rows[0][1]:.1f} times the time (best of 3, CPU = user + system)")


if __name__ == "__main__":
    main()
