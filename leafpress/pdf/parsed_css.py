"""Each stylesheet is parsed once per process, not once per layout.

WeasyPrint parses a page's stylesheets every time it lays the page out: the theme's leaflet.css is
about a tenth of a layout's time, and every page, edition and copyfit attempt uses it again. Here
WeasyPrint's `CSS` (as `weasyprint.css` calls it for a page's `<link>` and `<style>`) answers from
what an earlier layout parsed from the same text at the same address.

A parsed sheet is shared only where that is the same as parsing it again:
- it is keyed by its text (a `<link>` by the bytes of the project file it names), address and media;
- its only effect beyond itself is the `@page` rules it adds to the document's list: a sheet with
  `@import`, `@font-face`, `@layer`, `@counter-style` or `@color-profile` is parsed every time, as is
  one whose parsing logged anything (WeasyPrint's note about an unknown property must reach every page);
- each layout gets its own copy, bound to that document's lists of `@page` rules and layers.

`install` wraps WeasyPrint's `weasyprint.css.CSS` (not public API; WeasyPrint is pinned in
requirements.lock). tests/test_parsed_css.py shows that the PDFs are byte-identical either way.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import re
from collections import OrderedDict

KEPT = 64  # parsed sheets kept in a process: the theme's few files and the pages' small <style> blocks
_REACHES_BEYOND_ITSELF = re.compile(r"@(import|font-face|layer|counter-style|color-profile)\b", re.IGNORECASE)
_PARSED: OrderedDict = OrderedDict()  # key -> (CSS, the @page rules it added)
_INSTALLED = []


class _Logged(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)  # what the page's own log keeps (render.py)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def install() -> None:
    """Wrap WeasyPrint's CSS as its stylesheet finder calls it (once per process)."""
    if _INSTALLED:
        return
    import weasyprint.css as css_module

    original = css_module.CSS

    def parsed_once(guess=None, filename=None, url=None, file_obj=None, string=None, **options):
        key = _key(url, string, options) if guess is filename is file_obj is None else None
        if key is None:
            return original(guess, filename, url, file_obj, string, **options)
        page_rules, layers = options["page_rules"], options["layers"]
        if key not in _PARSED:
            sheet, added, shareable = _parse(original, url, string, options)
            if shareable:
                _PARSED[key] = sheet, added
                if len(_PARSED) > KEPT:
                    _PARSED.popitem(last=False)
            return sheet  # parsed for this page: its @page rules are in the page's list already
        _PARSED.move_to_end(key)
        sheet, added = _PARSED[key]
        page_rules.extend(added)
        return _bound(sheet, page_rules, layers)

    css_module.CSS = parsed_once
    _INSTALLED.append(original)


def _key(url, string, options) -> tuple | None:
    """What makes a parse the same, or None where this module does not share it."""
    if options.get("matcher") is not None or options.get("layer") is not None:
        return None  # an @import's sheet
    if options.get("page_rules") is None or options.get("layers") is None:
        return None
    media = options.get("media_type", "print")
    if string is not None and url is None:
        if _REACHES_BEYOND_ITSELF.search(string):
            return None
        return "string", string, options.get("base_url"), media
    from leafpress.pdf.fetcher import SandboxedFetcher

    fetcher = options.get("url_fetcher")
    if url is None or not isinstance(fetcher, SandboxedFetcher):  # only the project's own files
        return None
    try:
        body = fetcher.fetch(url).read()
    except (ValueError, OSError):  # refused or missing: WeasyPrint fetches it and reports it as always
        return None
    if _REACHES_BEYOND_ITSELF.search(body.decode("utf-8", errors="replace")):
        return None
    return "url", url, hashlib.sha256(body).digest(), media, options.get("_check_mime_type", False)


def _parse(original, url, string, options):
    """(the sheet, the @page rules it added, whether it may be shared with later layouts)."""
    from weasyprint.logger import LOGGER

    page_rules, layers = options["page_rules"], options["layers"]
    counters, profiles = options.get("counter_style"), options.get("color_profiles")
    before = len(page_rules), len(layers), len(counters or ()), len(profiles or ())
    logged = _Logged()
    LOGGER.addHandler(logged)
    try:
        sheet = original(url=url, string=string, **options)
    finally:
        LOGGER.removeHandler(logged)
    after = len(page_rules), len(layers), len(counters or ()), len(profiles or ())
    return sheet, list(page_rules[before[0]:]), not logged.count and after[1:] == before[1:]


def _bound(sheet, page_rules: list, layers: list):
    """The parsed sheet as this document's own: WeasyPrint reads a document's @page rules and layers
    through each of its sheets."""
    mine = copy.copy(sheet)
    mine.page_rules, mine.layers = page_rules, layers
    return mine
