#!/usr/bin/env python3
"""Build-speed benchmark: a synthetic site made from the real leaflet, measured in one run.

    .venv/bin/python benchmarks/build_speed.py                 # 50 leaflets x 4 languages
    .venv/bin/python benchmarks/build_speed.py --leaflets 10   # quicker

Prints a table: the naive per-file `weasyprint` loop, full builds with --jobs 1 and
--jobs N, a no-op rebuild, a one-file edit, worker memory, and the two font
subsetters. All figures come from this one run, so their ratios are comparable even
on a shared, noisy machine.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from leafpress.config import load_config  # noqa: E402
from leafpress.pipeline import BuildOptions, build  # noqa: E402

LANGUAGES = ["en", "ru", "es", "ar"]
TODAY = date(2026, 12, 1)


def make_site(root: Path, leaflets: int) -> Path:
    """`leaflets` copies of the real leaflet in every language, A4 edition only."""
    for lang in LANGUAGES:
        text = (PROJECT / "content" / lang / "subchondral-sclerosis.md").read_text(encoding="utf-8")
        folder = root / "content" / lang
        folder.mkdir(parents=True)
        for number in range(1, leaflets + 1):
            copy = re.sub(r"^leaflet_id: .*$", f"leaflet_id: BEN-{number:03}", text, count=1, flags=re.M)
            (folder / f"leaflet-{number:03}.md").write_text(copy, encoding="utf-8")
    config = (PROJECT / "site.toml").read_text(encoding="utf-8")
    config = config.replace('templates = "templates"', f'templates = "{(PROJECT / "templates").as_posix()}"')
    config = re.sub(r"(?ms)^\[editions\].*", "", config)  # A4 only, no QR code
    (root / "site.toml").write_text(config, encoding="utf-8")
    return root / "site.toml"


def timed(function) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def run_build(config_path: Path, **options):
    config = load_config(config_path)
    return timed(lambda: build(config, BuildOptions(today=TODAY, **options)))


def in_subprocess(code: str, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=PROJECT,
                   env={**os.environ, "PYTHONPATH": str(PROJECT)})
    return time.perf_counter() - started


def naive_loop(output: Path, limit: int | None) -> tuple[float, int]:
    """What a shell loop does: one `weasyprint` process per output, on the same HTML."""
    weasyprint = shutil.which("weasyprint", path=str(Path(sys.executable).parent))
    pages = sorted(output.glob("*/*.html"))[:limit]
    target = output.parent / "naive"
    target.mkdir(exist_ok=True)
    started = time.perf_counter()
    for page in pages:
        subprocess.run([weasyprint, "--quiet", str(page), str(target / f"{page.parent.name}-{page.stem}.pdf")],
                       check=True)
    return time.perf_counter() - started, len(pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leaflets", type=int, default=50, help="leaflets per language (default 50)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers for the parallel build")
    parser.add_argument("--naive-limit", type=int, default=None,
                        help="run the naive loop on only this many pages and scale up (default: all)")
    args = parser.parse_args()

    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="leafpress-bench-") as temporary:
        root = Path(temporary)
        config_path = make_site(root, args.leaflets)
        outputs = args.leaflets * len(LANGUAGES)
        print(f"site: {args.leaflets} leaflets x {len(LANGUAGES)} languages = {outputs} A4 PDFs", file=sys.stderr)

        import_time = statistics.median(in_subprocess("import weasyprint") for _ in range(3))
        python_start = statistics.median(in_subprocess("pass") for _ in range(3))
        import_only = import_time - python_start

        html_time, _ = run_build(config_path, pdf=False)
        naive, naive_count = naive_loop(root / "output", args.naive_limit)
        naive_total = naive * outputs / naive_count

        one, report_one = run_build(config_path, jobs=1, force=True)
        many, report_many = run_build(config_path, jobs=args.jobs, force=True)
        warm = (one - import_only - html_time) / outputs
        limit = import_only + warm * outputs / 1.7  # what the issue allows two workers: 1.7x over one
        rows += [
            ("naive loop: one `weasyprint` process per output", f"{naive_total:.1f} s",
             f"{naive_total / outputs:.2f} s per output" + ("" if naive_count == outputs else
                                                             f" ({naive_count} run, scaled)")),
            ("full build, --jobs 1", f"{one:.1f} s", f"warm render {warm:.3f} s per output"),
            (f"full build, --jobs {args.jobs}", f"{many:.1f} s",
             f"{one / many:.2f}x over --jobs 1; {naive_total / many:.1f}x over the naive loop"),
            ("limit: import + N x warm / 1.7", f"{limit:.1f} s", f"full build is {many / limit:.2f}x the limit"),
        ]

        before = {p: p.stat().st_mtime_ns for p in (root / "output").rglob("*") if p.is_file()}
        noop_code = ("import sys; from leafpress.cli import main; code = main(['build', '--config', sys.argv[1], "
                     "'--today', '2026-12-01']); assert 'weasyprint' not in sys.modules, 'imported'; sys.exit(code)")
        noop_process = in_subprocess(noop_code, str(config_path))
        noop_in_process, noop_report = run_build(config_path)
        after = {p: p.stat().st_mtime_ns for p in (root / "output").rglob("*") if p.is_file()}
        rows += [
            ("no-op rebuild (in process)", f"{noop_in_process:.2f} s",
             f"{noop_report.built} built, {noop_report.skipped} unchanged"),
            ("no-op rebuild (whole command)", f"{noop_process:.2f} s",
             f"WeasyPrint not imported; {sum(before[p] != after.get(p) for p in before)} files rewritten"),
        ]

        edited = root / "content" / "ru" / f"leaflet-{min(7, args.leaflets):03}.md"
        edited.write_text(edited.read_text(encoding="utf-8").replace("Позже", "Потом"), encoding="utf-8")
        html_ready, html_report = run_build(config_path, pdf=False)
        edit_time, edit_report = run_build(config_path)
        rows += [
            ("one-file edit: HTML ready (serve's first pass)", f"{html_ready:.2f} s",
             f"{html_report.built} page rendered"),
            ("one-file edit: full rebuild", f"{edit_time:.2f} s",
             f"{edit_report.built} outputs built, {edit_report.skipped} unchanged"),
        ]

        memory = report_one.worker_memory
        first = statistics.mean(rss for _, renders, rss in memory if renders <= 10)
        last = statistics.mean(rss for _, renders, rss in memory if renders > len(memory) - 10)
        rows += [
            ("peak memory per worker", f"{report_many.peak_worker_rss_kb / 1024:.0f} MB",
             f"--jobs 1 process: {report_one.peak_worker_rss_kb / 1024:.0f} MB"),
            (f"memory over {len(memory)} renders in one process", f"{(last - first) / first:+.1%}",
             f"{first / 1024:.0f} MB after 10, {last / 1024:.0f} MB at the end"),
        ]

        subset_code = ("import sys, time; {force}from pathlib import Path\n"
                       "from leafpress.config import load_config\n"
                       "from leafpress.pipeline import BuildOptions, build\n"
                       "config = load_config(Path(sys.argv[1]))\n"
                       "build(config, BuildOptions(force=True, jobs=1, langs=('en',), slugs=('leaflet-001',)))\n"
                       "t = time.perf_counter()\n"
                       "build(config, BuildOptions(force=True, jobs=1, langs=('en', 'ru'), "
                       "slugs=('leaflet-002', 'leaflet-003')))\n"
                       "print(time.perf_counter() - t)")
        force = "import weasyprint.pdf.fonts as f; f.harfbuzz_subset = None; "

        def subset_time(code: str) -> float:
            result = subprocess.run([sys.executable, "-c", code, str(config_path)], check=True, cwd=PROJECT,
                                    capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(PROJECT)})
            return float(result.stdout.strip())

        harfbuzz = subset_time(subset_code.format(force=""))
        fonttools = subset_time(subset_code.format(force=force))
        rows.append(("8 renders (en, ru x 2 leaflets x A4) with HarfBuzz subsetting vs fontTools", f"{harfbuzz:.2f} s",
                     f"fontTools: {fonttools:.2f} s ({fonttools / harfbuzz:.2f}x slower)"))

    width = max(len(name) for name, _, _ in rows)
    print(f"{'measurement':<{width}}  {'result':>9}  notes")
    print(f"{'-' * width}  {'-' * 9}  {'-' * 40}")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>9}  {note}")
    print(f"\n{date.today().isoformat()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"{subprocess.run([sys.executable, '-c', 'import weasyprint; print(weasyprint.__version__)'], capture_output=True, text=True).stdout.strip()} WeasyPrint")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
