"""Cross-file checks: translations match their source leaflet, IDs are unique, translations are current."""

from __future__ import annotations

from pathlib import Path

from leafpress.checks.approval import approval_problems, signature_problems
from leafpress.checks.translation_status import (MISSING, NEW, STALE, TranslationStatus, is_untranslated,
                                                 translation_status)
from leafpress.config import SiteConfig
from leafpress.errors import ContentError, Diagnostic
from leafpress.model import Leaflet, Site


def validate(leaflets: list[Leaflet], config: SiteConfig,
             approving: Path | None = None) -> tuple[Site, list[Diagnostic]]:
    """Group leaflets by slug and check them together; return the site and its warnings.

    The site maps slug -> language -> the leaflet to show in that language: the
    translation, or the source leaflet where the language fills gaps from the source.
    """
    source_lang = config.languages.source
    signers = config.root / config.governance.allowed_signers
    shown_signers = config.governance.allowed_signers
    by_slug: dict[str, dict[str, Leaflet]] = {}
    for leaflet in leaflets:
        by_slug.setdefault(leaflet.slug, {})[leaflet.lang] = leaflet

    problems: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    statuses: list[TranslationStatus] = []
    pages: dict[str, dict[str, Leaflet]] = {}
    ids: dict[tuple[str, str], Leaflet] = {}
    for slug, versions in sorted(by_slug.items()):
        for leaflet in versions.values():
            if leaflet.path != approving:
                problems += approval_problems(leaflet, source_lang)
                problems += signature_problems(leaflet, versions.get(source_lang), signers,
                                               config.governance.signatures == "required", shown_signers)
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
        if source.translated_from is not None:
            problems.append(Diagnostic(source.shown_path, source.line_of("translated_from"),
                                       "'translated_from' belongs in translations, not in the source language"))
        pages[slug] = {}
        for lang in config.languages.order:
            translation = versions.get(lang)
            if lang == source_lang:
                pages[slug][lang] = source
                continue
            if translation is not None:
                problems.extend(compare_with_source(translation, source))
            expected = f"{config.paths.content}/{lang}/{slug}.md"
            status = translation_status(source, translation, lang, expected)
            statuses.append(status)
            if status.state == MISSING:
                fills = lang in config.languages.fill_from_source
                if fills:
                    pages[slug][lang] = source
                action = "the source text is shown with a notice" if fills else "it is left out in that language"
                warnings.append(Diagnostic(status.path, 1, f"no '{lang}' translation of this leaflet yet; "
                                                           f"{action}", severity="warning"))
                continue
            pages[slug][lang] = translation
            if status.state == NEW:
                warnings.append(Diagnostic(
                    translation.shown_path, 1,
                    f"not yet translated: there is no record of the source this text was translated from; when "
                    f"the translation is done, run 'leafpress mark-translated {lang}'", severity="warning"))
            if status.state == STALE:
                warnings.append(Diagnostic(
                    translation.shown_path, translation.line_of("translated_from"),
                    f"stale translation: the source changed in {', '.join(status.stale_parts)} since it was "
                    f"translated; update the text, then run 'leafpress mark-translated {lang}'",
                    severity="warning"))
    if problems:
        raise ContentError(problems)
    return Site(leaflets=pages, statuses=tuple(statuses)), warnings


def compare_with_source(translation: Leaflet, source: Leaflet) -> list[Diagnostic]:
    """Parity: the same leaflet ID, number of stages, and sections in the same order."""
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
    for name, label in (("caption", "its own caption"), ("columns", "its own column headers")):
        if getattr(source.stage_table, name) and not getattr(translation.stage_table, name):
            problems.append(Diagnostic(path, translation.line_of("stages"),
                                       f"the source sets {label} for the stage table ({source.shown_path}:"
                                       f"{source.stage_table.line}): translate them in 'stage_table' here too"))
    if is_untranslated(translation):
        return problems
    for index, expected in enumerate(source.sections):
        found = translation.sections[index] if index < len(translation.sections) else None
        if found is None:
            line = translation.sections[-1].line if translation.sections else translation.body_line
            problems.append(Diagnostic(path, line, f"section '{expected.id}' is missing (the source has it "
                                                   f"at {source.shown_path}:{expected.line})"))
            break
        if found.id != expected.id:
            problems.append(Diagnostic(path, found.line, f"section '{found.id}' found where the source has "
                                                         f"'{expected.id}' ({source.shown_path}:{expected.line}); "
                                                         "keep the source's sections and their order"))
            break
    else:
        for extra in translation.sections[len(source.sections):]:
            problems.append(Diagnostic(path, extra.line, f"section '{extra.id}' is not in the source "
                                                         f"({source.shown_path})"))
    return problems
