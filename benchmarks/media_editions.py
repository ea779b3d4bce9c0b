#!/usr/bin/env python3
"""What the braille and audio editions cost: the real site with its six PDF editions, against the same
build with braille (BRF and Unicode), audio and transcript added, in alternating rounds of one run.

    .venv/bin/python benchmarks/media_editions.py --rounds 3

CPU seconds are user + system of this process, of the processes it waited for (liblouis, espeak-ng,
opusenc) and of every PDF worker (each reports its own). Prints one table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from leafpress import pipeline  # noqa: E402
from leafpress.config import load_config  # noqa: E402
from leafpress.pipeline import BuildOptions, build  # noqa: E402
from leafpress.plan import snapshot  # noqa: E402

PDF_EDITIONS = ["a4", "a5", "large-print", "booklet", "press", "archive"]
MEDIA_EDITIONS = ["braille", "braille-text", "audio", "transcript"]


def site(root: Path, editions: list[str]) -> Path:
    root.mkdir(parents=True)
    text = (PROJECT / "site.toml").read_text(encoding="utf-8")
    text = text.replace('content = "content"', f'content = "{(PROJECT / "content").as_posix()}"')
    text = text.replace('templates = "templates"', f'templates = "{(PROJECT / "templates").as_posix()}"')
    text = re.sub(r"(?m)^build = .*$", f"build = {json.dumps(editions)}", text)
    (root / "site.toml").write_text(text, encoding="utf-8")
    return root / "site.toml"


def cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measured(config_path: Path, jobs: int, **options) -> tuple[float, float, float, object]:
    """(wall seconds, CPU seconds, seconds until the last PDF was made, report) of one build."""
    config = load_config(config_path)
    before, started = cpu(), time.perf_counter()
    pdfs_done = []
    render_pdfs = pipeline._render_pdfs

    def timed_pdfs(*args, **kwargs):  # returns once the workers have made every PDF
        try:
            return render_pdfs(*args, **kwargs)
        finally:
            pdfs_done.append(time.perf_counter() - started)
    pipeline._render_pdfs = timed_pdfs
    try:
        report = build(config, BuildOptions(today=date(2026, 12, 1), jobs=jobs, **options))
    finally:
        pipeline._render_pdfs = render_pdfs
    wall = time.perf_counter() - started
    workers = sum(seconds for pid, seconds in report.worker_cpu.items() if pid != os.getpid())
    return wall, cpu() - before + workers, pdfs_done[0] if pdfs_done else wall, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="leafpress-media-") as scratch:
        root = Path(scratch)
        pdf_only, with_media = site(root / "pdf", PDF_EDITIONS), site(root / "media", PDF_EDITIONS + MEDIA_EDITIONS)
        measured(with_media, args.jobs, force=True)  # warm: disk caches, stored check results
        measured(pdf_only, args.jobs, force=True)
        times: dict[str, list[tuple[float, float, float]]] = {"pdf": [], "media": []}
        for _ in range(args.rounds):
            times["pdf"].append(measured(pdf_only, args.jobs, force=True)[:3])
            times["media"].append(measured(with_media, args.jobs, force=True)[:3])
        snapshot_path = with_media.parent / snapshot.SNAPSHOT
        snapshot_path.unlink(missing_ok=True)  # past the no-op fast path: the build cache decides
        unchanged_wall, _, _, unchanged = measured(with_media, args.jobs)
        outputs = json.loads((with_media.parent / "output" / "manifest.json").read_text())["outputs"]
        media = [entry for entry in outputs if entry["edition"] in MEDIA_EDITIONS]
    wall = {name: statistics.median(w for w, _, _ in values) for name, values in times.items()}
    cpu_s = {name: statistics.median(c for _, c, _ in values) for name, values in times.items()}
    pdfs = {name: statistics.median(p for _, _, p in values) for name, values in times.items()}
    rows = [
        (f"real site, six PDF editions, --jobs {args.jobs}", f"{wall['pdf']:.2f} s", f"{cpu_s['pdf']:.1f} s CPU"),
        (f"the same with braille, Unicode braille, audio, transcript ({len(media)} more files)",
         f"{wall['media']:.2f} s", f"{cpu_s['media']:.1f} s CPU"),
        ("the PDF build slowed by the braille and audio editions (last PDF made)",
         f"{pdfs['media'] / pdfs['pdf'] - 1:+.1%}",
         f"{pdfs['pdf']:.2f} s -> {pdfs['media']:.2f} s; target: at most +10%"),
        ("whole build with them, wall", f"{wall['media'] / wall['pdf'] - 1:+.1%}",
         "speech and encoding go on after the last PDF"),
        ("added by the braille and audio editions, CPU", f"{cpu_s['media'] / cpu_s['pdf'] - 1:+.1%}",
         "liblouis, espeak-ng and opusenc included"),
        ("unchanged rebuild (no-op path off), with braille and audio", f"{unchanged_wall:.2f} s",
         f"{unchanged.built} outputs rendered, {unchanged.skipped} unchanged"),
    ]
    width = max(len(row[0]) for row in rows)
    print(f"{'measurement':<{width}}  {'result':>9}  notes")
    print(f"{'-' * width}  {'-' * 9}  {'-' * 30}")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>9}  {note}")
    print(f"\nmedian of {args.rounds} alternating rounds; {date.today().isoformat()}, {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
