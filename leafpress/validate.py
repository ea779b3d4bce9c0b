"""Cross-file checks: translations match their source leaflet, IDs are unique."""

from __future__ import annotations

from leafpress.config import SiteConfig
from leafpress.errors import ContentError, Diagnostic
from leafpress.model import Leaflet, Site


def validate(leaflets: list[Leaflet], config: SiteConfig) -> tuple[Site, list[Diagnostic]]:
    """Group leaflets by slug and check them together; return the site and its warnings."""
    source_lang = config.languages.source
    by_slug: dict[str, dict[str, Leaflet]] = {}
    for leaflet in leaflets:
        by_slug.setdefault(leaflet.slug, {})[leaflet.lang] = leaflet

    problems: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    ids: dict[tuple[str, str], Leaflet] = {}
    for slug, versions in sorted(by_slug.items()):
        for leaflet in versions.values():
            clash = ids.setdefault((leaflet.lang, leaflet.leaflet_id), leaflet)
            if clash is not leaflet:
                problems.append(Diagnostic(leaflet.shown_path, leaflet.line_of("leaflet_id"),
                                           f"leaflet_id '{leaflet.leaflet_id}' is also used by {clash.shown_path}"))
        source = versions.get(source_lang)
        if source is None:
            for leaflet in versions.values():
                problems.append(Diagnostic(leaflet.shown_path, 1,
                                           f"no source-language version: expected "
                                           f"{config.paths.content}/{source_lang}/{slug}.md"))
            continue
        for lang in config.languages.order:
            leaflet = versions.get(lang)
            if leaflet is None:
                warnings.append(Diagnostic(source.shown_path, 1, f"no '{lang}' translation of this leaflet "
                                                                 "yet; it is not built in that language",
                                           severity="warning"))
            elif leaflet is not source:
                problems.extend(_compare_with_source(leaflet, source))
    if problems:
        raise ContentError(problems)
    order = {lang: i for i, lang in enumerate(config.languages.order)}
    ordered = {slug: dict(sorted(v.items(), key=lambda item: order[item[0]]))
               for slug, v in sorted(by_slug.items())}
    return Site(leaflets=ordered), warnings


def _compare_with_source(translation: Leaflet, source: Leaflet) -> list[Diagnostic]:
    problems = []
    path = translation.shown_path
    if translation.leaflet_id != source.leaflet_id:
        problems.append(Diagnostic(path, translation.line_of("leaflet_id"),
                                   f"leaflet_id '{translation.leaflet_id}' differs from the source's "
                                   f"'{source.leaflet_id}' ({source.shown_path})"))
    if len(translation.stages) != len(source.stages):
        problems.append(Diagnostic(path, translation.line_of("stages"),
                                   f"has {len(translation.stages)} treatment stages but the source "
                                   f"({source.shown_path}) has {len(source.stages)}"))
    return problems
