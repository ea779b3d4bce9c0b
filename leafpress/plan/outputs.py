"""Planning a build: every output the options ask for, its cache key, and its shard."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from leafpress.checks.review_dates import review_state
from leafpress.config import SiteConfig
from leafpress.editions import Edition
from leafpress.model import Leaflet, Site
from leafpress.plan.cache import InputDigests


@dataclass(frozen=True)
class Planned:
    """One output file to have: a page's HTML (edition None) or one edition's PDF."""

    target: str
    lang: str
    leaflet: Leaflet
    edition: Edition | None
    key: str


def editions_of(leaflet: Leaflet, config: SiteConfig) -> list[Edition]:
    registry = config.edition_registry
    return [registry[name] for name in (leaflet.editions or config.editions.build)]


def in_shard(lang: str, slug: str, shard: tuple[int, int] | None) -> bool:
    """Whether a page belongs to shard K of N: a stable hash, the same on every machine."""
    if shard is None:
        return True
    number, count = shard
    digest = int(hashlib.sha256(f"{slug}/{lang}".encode()).hexdigest(), 16)
    return digest % count == number - 1


def plan(config: SiteConfig, site: Site, pages: list[tuple[str, Leaflet]], digests: InputDigests,
         today, pdf: bool = True, fit: bool = True) -> list[Planned]:
    """The outputs of `pages`: each page's HTML, then each of its editions."""
    planned = []
    source_lang = config.languages.source
    for lang, leaflet in pages:
        versions = site.leaflets[leaflet.slug]
        review = review_state(leaflet, today, config.editions.review_warning_days)
        key = digests.page_key(lang, leaflet, versions.get(source_lang), list(versions), review)
        planned.append(Planned(f"{lang}/{leaflet.slug}.html", lang, leaflet, None, key))
        if not pdf:
            continue
        for edition in editions_of(leaflet, config):
            laid_out_as_is = "" if fit else "\nno copyfit"  # the same key as before there was a choice
            spoken = f"\n{digests.pronunciation(lang)}" if edition.medium == "audio" else ""
            edition_key = hashlib.sha256(f"{key}\n{edition.name}{laid_out_as_is}{spoken}".encode()).hexdigest()
            planned.append(Planned(f"{lang}/{edition.file_name(leaflet.slug)}", lang, leaflet, edition,
                                   edition_key))
    return planned
