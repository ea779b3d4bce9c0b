#!/usr/bin/env python3
"""Full build of the real site at an earlier revision and now, in one run, rounds alternating.

    .venv/bin/python benchmarks/compare_revisions.py --base HEAD~3
    .venv/bin/python benchmarks/compare_revisions.py --base <commit> --rounds 5 --jobs 2

Each side builds its own content, templates and code (the base from `git archive`)
with --force into its own output folder, in a fresh process, so neither warms the
other's cache. Alternating rounds on a shared, noisy machine make the ratio fair.
Prints a table: median seconds per side, pages, and the ratio.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TODAY = "2026-12-01"


def export(revision: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", "--format=tar", revision], cwd=PROJECT, check=True,
                             capture_output=True).stdout
    with tempfile.TemporaryFile() as handle:
        handle.write(archive)
        handle.seek(0)
        with tarfile.open(fileobj=handle) as tar:
            tar.extractall(into, filter="data")
    return into


def build(tree: Path, jobs: int) -> tuple[float, int]:
    """One whole `build --force` in a new process; (seconds, pages)."""
    command = [sys.executable, "-m", "leafpress", "build", "--config", str(tree / "site.toml"), "--force",
               "--jobs", str(jobs), "--today", TODAY]
    started = time.perf_counter()
    run = subprocess.run(command, cwd=tree, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(tree), "CI": ""})
    seconds = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(f"build failed in {tree}:\n{run.stderr[-2000:]}")
    pages = int(re.search(r"\((\d+) pages\)", run.stdout).group(1))
    return seconds, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="git revision to compare against, e.g. HEAD~3")
    parser.add_argument("--rounds", type=int, default=3, help="builds per side (default 3)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="--jobs for every build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        base = export(args.base, Path(temporary) / "base")
        now = export("HEAD", Path(temporary) / "now")
        # The working tree's uncommitted changes count as "now": copy its tracked files over HEAD's.
        changed = subprocess.run(["git", "ls-files", "-m", "-o", "--exclude-standard"], cwd=PROJECT,
                                 capture_output=True, text=True, check=True).stdout.split()
        for name in changed:
            source = PROJECT / name
            if source.is_file():
                (now / name).parent.mkdir(parents=True, exist_ok=True)
                (now / name).write_bytes(source.read_bytes())
        timings: dict[str, list[float]] = {"base": [], "now": []}
        pages: dict[str, int] = {}
        build(base, args.jobs), build(now, args.jobs)  # warm the disk cache and fontconfig for both
        for round_number in range(args.rounds):
            for side, tree in (("base", base), ("now", now)) if round_number % 2 == 0 else (("now", now), ("base", base)):
                seconds, pages[side] = build(tree, args.jobs)
                timings[side].append(seconds)
    base_time, now_time = statistics.median(timings["base"]), statistics.median(timings["now"])
    rows = [("measurement", "result", "notes"),
            (f"real site at {args.base}, build --force", f"{base_time:.2f} s",
             f"{pages['base']} pages; runs: {', '.join(f'{t:.2f}' for t in timings['base'])}"),
            ("real site now, build --force", f"{now_time:.2f} s",
             f"{pages['now']} pages; runs: {', '.join(f'{t:.2f}' for t in timings['now'])}"),
            ("now / base", f"{now_time / base_time:.2f}x", f"median of {args.rounds} alternating rounds, "
                                                          f"--jobs {args.jobs}")]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for index, row in enumerate(rows):
        print(f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]}")
        if index == 0:
            print(f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * widths[2]}")


if __name__ == "__main__":
    main()
