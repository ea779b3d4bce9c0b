"""How many parallel build jobs a site needs: `leafpress plan --shards auto`.

The estimate is the number of PDFs times [ci] output_cpu_ms, shared among [ci] runner_cores
and divided into jobs of at most [ci] shard_minutes, from 1 up to [ci] max_shards. It counts
a cold build (a changed template rebuilds every output): a warm one, from the cache, is faster.
"""

from __future__ import annotations

import math

from leafpress.config import SiteConfig
from leafpress.model import Site
from leafpress.plan.outputs import editions_of


def shard_plan(config: SiteConfig, site: Site, shards: int | None) -> tuple[dict, list[str]]:
    """The plan as JSON-ready data, and warnings; `shards` None means auto."""
    pages = [(lang, leaflet) for versions in site.leaflets.values() for lang, leaflet in versions.items()]
    pdfs = sum(len(editions_of(leaflet, config)) for _, leaflet in pages)
    ci = config.ci
    cpu_seconds = pdfs * ci.output_cpu_ms / 1000
    wall_minutes = cpu_seconds / ci.runner_cores / 60
    needed = max(1, math.ceil(wall_minutes / ci.shard_minutes))
    warnings = []
    if shards is None:
        count = min(needed, ci.max_shards)
        if needed > ci.max_shards:
            warnings.append(f"the site needs {needed} jobs of {ci.shard_minutes} minutes, but [ci] max_shards is "
                            f"{ci.max_shards}: each job will take about {wall_minutes / count:.0f} minutes")
    else:
        count = shards
    count = max(1, min(count, len(pages) or 1))  # never a shard with nothing to build
    plan = {
        "shards": count,
        "matrix": {"shard": list(range(1, count + 1))},
        "outputs": len(pages) + pdfs,
        "pdfs": pdfs,
        "pages": len(pages),
        "estimated_minutes": round(wall_minutes, 1),
        "estimated_minutes_per_shard": round(wall_minutes / count, 1),
        "languages": list(config.languages.order),
        "deploy": ci.deploy,
        "base_url": config.online.base_url,
    }
    return plan, warnings


def describe(plan: dict) -> str:
    return (f"leafpress: {plan['pages']} pages and {plan['pdfs']} PDFs in {len(plan['languages'])} languages; "
            f"about {plan['estimated_minutes']} minutes of rendering on one CI machine: "
            f"{plan['shards']} shard{'s' if plan['shards'] != 1 else ''} of about "
            f"{plan['estimated_minutes_per_shard']} minutes")
