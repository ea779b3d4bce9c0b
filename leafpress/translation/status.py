"""`leafpress status`: where every translation stands against its source, and what changed since."""

from __future__ import annotations

import json

from leafpress.checks.crossfile import validate
from leafpress.checks.readability import readability_store
from leafpress.checks.translation_status import MISSING, NEW, STALE, UP_TO_DATE
from leafpress.config import SiteConfig
from leafpress.content.load import load_all
from leafpress.translation.changes import part_changes, unknown_reason
from leafpress.translation.exchange import NEEDS_REVIEW, pair, word_counts
from leafpress.translation.word_diff import render, use_colour


WORDS_HEADER = "words new/stale/translated"


def status(config: SiteConfig, diff: bool, as_json: bool, strict: bool) -> int:
    """Print where every translation stands; the exit code is 1 under --strict if one is not up to date."""
    leaflets = load_all(config)
    site, _ = validate(leaflets, config)
    store = readability_store(config)
    by_file = {(doc.slug, doc.lang): doc for doc in leaflets}
    rows = []  # (slug, lang, state, detail, figures or None, status as a dict, words by unit state or None)
    for slug in site.leaflets:
        source = by_file[(slug, config.languages.source)]
        rows.append((slug, source.lang, "source", "", store.assess(source, config.readability).figures,
                     {"leaflet": slug, "language": source.lang, "state": "source", "path": source.shown_path,
                      "stale_sections": []}, None))
        for s in site.statuses:
            if s.slug == slug:
                doc = by_file.get((slug, s.lang)) if s.state != "missing" else None
                figures = store.assess(doc, config.readability).figures if doc else None
                rows.append((slug, s.lang, s.state, f" ({', '.join(s.stale_parts)})" if s.state == STALE else "",
                             figures, s.as_dict(), word_counts(pair(config, slug, s.lang))))
    changes = _source_changes(config, leaflets, site) if diff else {}
    if as_json:
        print(json.dumps([{**entry, "readability": figures.as_dict() if figures else None,
                           **({"words": words} if words else {}),
                           **({"changes": [c.as_dict() for c in changes.get((slug, lang), [])]} if diff else {})}
                          for slug, lang, _, _, figures, entry, words in rows], ensure_ascii=False, indent=2))
    else:
        width = max([len(row[0]) for row in rows] + [7])
        states = [f"{state}{detail}" for _, _, state, detail, _, _, _ in rows]
        state_width = max([len(text) for text in states] + [5])
        counts = [f"{w['new']}/{w['stale']}/{w['translated']}" if w else "-" for *_, w in rows]
        count_width = max([len(text) for text in counts] + [len(WORDS_HEADER)])
        print(f"{'leaflet':<{width}}  lang  {'state':<{state_width}}  {WORDS_HEADER:<{count_width}}  readability")
        for (slug, lang, _, _, figures, _, _), state, count in zip(rows, states, counts):
            print(f"{slug:<{width}}  {lang:<4}  {state:<{state_width}}  {count:<{count_width}}  "
                  f"{figures.summary() if figures else '-'}")
        statuses = site.statuses
        counts = {state: sum(1 for s in statuses if s.state == state) for state in (UP_TO_DATE, STALE, MISSING, NEW)}
        if not counts[NEW]:
            del counts[NEW]
        if diff:
            _print_changes(config, leaflets, site, changes)
        print("leafpress: " + ", ".join(f"{n} {state}" for state, n in counts.items()))
    behind = [s for s in site.statuses if s.state != UP_TO_DATE]
    return 1 if strict and behind else 0


def _source_changes(config, leaflets, site) -> dict:
    """(slug, lang) -> the changes behind each stale part of that translation."""
    by_file = {(doc.slug, doc.lang): doc for doc in leaflets}
    return {(s.slug, s.lang): part_changes(config, by_file[(s.slug, config.languages.source)],
                                           by_file[(s.slug, s.lang)], s)
            for s in site.statuses if s.state == STALE and (s.slug, s.lang) in by_file}


def _print_changes(config, leaflets, site, changes: dict) -> None:
    colour = use_colour()
    by_file = {(doc.slug, doc.lang): doc for doc in leaflets}
    for (slug, lang), parts in changes.items():
        source = by_file[(slug, config.languages.source)]
        print(f"\n{by_file[(slug, lang)].shown_path}: the source ({source.shown_path}) changed since this "
              "translation was made:")
        exchange_pair = pair(config, slug, lang)
        stale_units = [unit for unit in exchange_pair.source_units if exchange_pair.state(unit) == NEEDS_REVIEW]
        for change in parts:
            text = render(change.runs, colour) if change.old is not None else unknown_reason(config, source, change)
            print(f"  {change.part}: {text}")
            ids = [unit.id for unit in stale_units if unit.part == change.part]
            if ids:
                print(f"    units to review: {', '.join(ids)}")
