#!/usr/bin/env python3
"""What the copyfit step costs and saves: the real site built with and without it, in one run.

    .venv/bin/python benchmarks/copyfit.py [--rounds 2]

Builds the project's real leaflets in every language and edition in this process (--jobs 1, so that
every layout is counted and CPU time is this process's), with copyfit on and off in alternating
rounds. Prints one table: CPU seconds (user + system, median), layouts made, pages, and pages other
than the last that are under 60% full.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from leafpress.config import load_config  # noqa: E402
from leafpress.pdf import render as pdf_render  # noqa: E402
from leafpress.pdf.pagination import MIN_FILL  # noqa: E402
from leafpress.pipeline import BuildOptions, build  # noqa: E402

TODAY = date(2026, 12, 1)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def site_config(root: Path) -> Path:
    """A site.toml that builds the real content into `root`/output."""
    text = (PROJECT / "site.toml").read_text()
    text = text.replace('content = "content"', f'content = "{(PROJECT / "content").as_posix()}"')
    text = text.replace('templates = "templates"', f'templates = "{(PROJECT / "templates").as_posix()}"')
    (root / "site.toml").write_text(text)
    return root / "site.toml"


def underfilled(output: Path) -> int:
    """Pages other than the last under MIN_FILL full, in the A4, A5 and large-print PDFs."""
    sys.path.insert(0, str(PROJECT / "tests"))
    from page_checks import SUFFIXES, fills

    return sum(fill < MIN_FILL for edition in ("a4", "a5", "large-print")
               for pdf in output.glob(f"*/*{SUFFIXES[edition]}") if pdf.name.count(".") == SUFFIXES[edition].count(".")
               for fill in fills(pdf, edition)[:-1])


def counted_build(config_path: Path, fit: bool) -> tuple[float, int, int, int]:
    """(CPU seconds, layouts, pages, underfilled pages) of one forced build."""
    layouts = []
    original = pdf_render.PdfRenderer.layout

    def counted(self, *args, **kwargs):
        layouts.append(1)
        return original(self, *args, **kwargs)

    pdf_render.PdfRenderer.layout = counted
    try:
        started = cpu_seconds()
        report = build(load_config(config_path), BuildOptions(jobs=1, force=True, today=TODAY, fit=fit))
        seconds = cpu_seconds() - started
    finally:
        pdf_render.PdfRenderer.layout = original
    return seconds, len(layouts), report.pages, underfilled(config_path.parent / "output")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds of each build (default 2)")
    args = parser.parse_args()
    results = {True: [], False: []}
    with tempfile.TemporaryDirectory() as folder:
        config = site_config(Path(folder))
        counted_build(config, False)  # warm: imports, fonts, hyphenation dictionaries, files cached by the OS
        for _ in range(args.rounds):
            for fit in (True, False):
                results[fit].append(counted_build(config, fit))
    rows = []
    for fit, label in ((False, "copyfit off (--no-fit)"), (True, "copyfit on (default)")):
        seconds = statistics.median(result[0] for result in results[fit])
        layouts, pages, under = results[fit][0][1:]
        rows.append((label, f"{seconds:.1f} s", str(layouts), str(pages), str(under)))
    ratio = float(rows[1][1][:-2]) / float(rows[0][1][:-2])
    header = ("real site, every language and edition", "CPU", "layouts", "pages", "pages under 60% (not last)")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * width for width in widths), *rows]:
        print("  ".join(cell.ljust(width) if i == 0 else cell.rjust(width) for i, (cell, width) in
                        enumerate(zip(row, widths))))
    print(f"\ncopyfit costs {ratio:.2f}x the CPU; median of {args.rounds} alternating rounds, --jobs 1 in one "
          "process; CPU = user + system")


if __name__ == "__main__":
    main()
